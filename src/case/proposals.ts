import { z } from 'zod';
import { ProposalTargetSchema } from '../../events/case-events.js';
import { CaseNumberSchema, EntityIdSchema, NameSchema, TextSchema, yearOfCaseNumber } from '../../events/identifiers.js';
import { AmountSchema, DateSchema, YearSchema } from '../../events/money.js';
import { requirePartner, requireInitiative } from '../registry/registry-rules.js';
import { DomainError } from '../domain/errors.js';
import { canonicalAmount } from '../domain/money.js';
import { defineCommand } from '../commands/define.js';
import { REGISTRY, caseRef } from '../commands/state-refs.js';
import { meetingDaysOf, requireCaseInPreparation, requireProposalYearOpen, revisionReads, yearFigureReads } from './case-rules.js';
import { requireOpenYear } from '../year/year-rules.js';

/** Opening a case, and the partners' proposals (innspill) to it. */

export const openCase = defineCommand({
  type: 'OpenCase',
  shape: { caseNumber: CaseNumberSchema, meetingDate: DateSchema, title: NameSchema },
  target: (command) => caseRef(command.caseNumber),
  reads: () => [],
  decide(command, states, context) {
    if (states.case(command.caseNumber).opened)
      throw new DomainError('case-exists', `case ${command.caseNumber} is already open`, { caseNumber: command.caseNumber });
    const caseYear = yearOfCaseNumber(command.caseNumber);
    if (Number(command.meetingDate.slice(0, 4)) !== caseYear)
      throw new DomainError(
        'meeting-date-outside-case-year',
        `case ${command.caseNumber} belongs to ${caseYear}, but the meeting date is ${command.meetingDate}`,
        { caseNumber: command.caseNumber, meetingDate: command.meetingDate },
      );
    if (context.effectiveDate > command.meetingDate)
      throw new DomainError(
        'case-opened-after-meeting',
        `case ${command.caseNumber} is decided at the meeting of ${command.meetingDate}; it cannot be opened ${context.effectiveDate}, after it`,
        { caseNumber: command.caseNumber, meetingDate: command.meetingDate, openedOn: context.effectiveDate },
      );
    return [{ type: 'CaseOpened', data: { caseNumber: command.caseNumber, meetingDate: command.meetingDate, title: command.title } }];
  },
  http: { path: '/api/cases', summary: 'Open a case (sak) of the strategic committee', tag: 'cases' },
});

/**
 * The meeting of a case continued on a later day (a second session, or the case put off to
 * the next meeting): votes and the adoption may then be dated on that day.
 */
export const continueMeeting = defineCommand({
  type: 'ContinueMeeting',
  shape: { caseNumber: CaseNumberSchema, date: DateSchema, reason: TextSchema },
  target: (command) => caseRef(command.caseNumber),
  reads: () => [],
  decide(command, states, context) {
    const { state, opened } = requireCaseInPreparation(states, command.caseNumber, context.effectiveDate);
    if (command.date < opened.meetingDate)
      throw new DomainError(
        'before-meeting',
        `case ${state.caseNumber} is decided at the meeting of ${opened.meetingDate}; it cannot be continued ${command.date}, before it`,
        { caseNumber: state.caseNumber, meetingDate: opened.meetingDate, effectiveDate: command.date },
      );
    if (meetingDaysOf(opened).includes(command.date))
      throw new DomainError('meeting-already-continued', `the committee already meets on case ${state.caseNumber} on ${command.date}`, {
        caseNumber: state.caseNumber,
        continuedOn: command.date,
      });
    return [{ type: 'MeetingContinued', data: { caseNumber: state.caseNumber, date: command.date, reason: command.reason } }];
  },
  http: {
    path: '/api/cases/:caseNumber/continued-meetings',
    summary: 'Record that the meeting of a case continued on a later day',
    tag: 'cases',
  },
});

export const submitProposal = defineCommand({
  type: 'SubmitProposal',
  shape: {
    caseNumber: CaseNumberSchema,
    proposalId: EntityIdSchema.optional(),
    year: YearSchema,
    target: ProposalTargetSchema,
    amountRequested: AmountSchema.nullable(),
    submittedBy: z.array(EntityIdSchema).min(1, { error: 'submittedBy needs at least one partner' }).max(50),
    description: TextSchema.optional(),
  },
  target: (command) => caseRef(command.caseNumber),
  reads: (command) => [REGISTRY, ...yearFigureReads(command.year)],
  decide(command, states, context) {
    const { state } = requireCaseInPreparation(states, command.caseNumber, context.effectiveDate);
    requireOpenYear(states, command.year);
    const proposalId = command.proposalId ?? context.newId().toLowerCase();
    if (state.proposals.has(proposalId))
      throw new DomainError('proposal-exists', `proposal ${proposalId} already exists in case ${state.caseNumber}`, {
        caseNumber: state.caseNumber,
        proposalId,
      });
    const registry = states.registry();
    if ('initiativeId' in command.target) requireInitiative(registry, command.target.initiativeId);
    for (const partnerId of command.submittedBy) requirePartner(registry, partnerId);
    const data = {
      caseNumber: state.caseNumber,
      proposalId,
      year: command.year,
      target: command.target,
      amountRequested: command.amountRequested === null ? null : canonicalAmount(command.amountRequested),
      submittedBy: [...new Set(command.submittedBy)],
      ...(command.description === undefined ? {} : { description: command.description }),
    };
    return [{ type: 'ProposalSubmitted', data }];
  },
  http: { path: '/api/cases/:caseNumber/proposals', summary: "Submit a partner's proposal (innspill) to a case", tag: 'cases' },
});

export const reviseProposal = defineCommand({
  type: 'ReviseProposal',
  shape: { caseNumber: CaseNumberSchema, proposalId: EntityIdSchema, amountRequested: AmountSchema.nullable(), reason: TextSchema },
  target: (command) => caseRef(command.caseNumber),
  reads: (command) => revisionReads(command.caseNumber),
  decide(command, states, context) {
    const { state } = requireCaseInPreparation(states, command.caseNumber, context.effectiveDate);
    const proposal = state.proposals.get(command.proposalId);
    if (!proposal)
      throw new DomainError('unknown-proposal', `proposal ${command.proposalId} is not in case ${state.caseNumber}`, {
        caseNumber: state.caseNumber,
        proposalId: command.proposalId,
      });
    if (context.effectiveDate < proposal.submittedOn)
      throw new DomainError(
        'before-proposal',
        `proposal ${proposal.proposalId} was submitted ${proposal.submittedOn}; it cannot be revised ${context.effectiveDate}`,
        {
          caseNumber: state.caseNumber,
          proposalId: proposal.proposalId,
          submittedOn: proposal.submittedOn,
          effectiveDate: context.effectiveDate,
        },
      );
    requireProposalYearOpen(states, state.caseNumber, proposal.year);
    const after = command.amountRequested === null ? null : canonicalAmount(command.amountRequested);
    if (after === proposal.amountRequested)
      throw new DomainError('proposal-unchanged', `proposal ${command.proposalId} already requests that amount`, {
        caseNumber: state.caseNumber,
        proposalId: command.proposalId,
        ...(after === null ? {} : { amountRequested: after }),
      });
    const data = {
      caseNumber: state.caseNumber,
      proposalId: command.proposalId,
      amountRequestedBefore: proposal.amountRequested,
      amountRequestedAfter: after,
      reason: command.reason,
    };
    return [{ type: 'ProposalRevised', corrects: proposal.eventId, data }];
  },
  http: { path: '/api/cases/:caseNumber/proposals/:proposalId/revisions', summary: "Revise a proposal's requested amount", tag: 'cases' },
});
