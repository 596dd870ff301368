import type { z } from 'zod';
import type { EventDraft, LedgerEvent } from '../../events/catalogue.js';
import type {
  AdoptedPointSchema,
  ProposalTargetSchema,
  RecommendationTargetSchema,
  ResolutionPointSchema,
  VoteChoiceSchema,
} from '../../events/case-events.js';
import { yearOfCaseNumber } from '../../events/identifiers.js';
import type { CommandOf } from '../commands/schemas.js';
import { DomainError } from '../domain/errors.js';
import { canonicalAmount } from '../domain/money.js';
import { requireInitiative, requireMember, requirePartner, type RegistryState } from '../registry/registry.js';

/** The stream of one case of the strategic committee: `case-22.25`. */
export function caseStream(caseNumber: string): string {
  return `case-${caseNumber}`;
}

export type ResolutionPoint = z.infer<typeof ResolutionPointSchema>;
export type AdoptedPoint = z.infer<typeof AdoptedPointSchema>;
export type VoteChoice = z.infer<typeof VoteChoiceSchema>;
export type ProposalTarget = z.infer<typeof ProposalTargetSchema>;
export type RecommendationTarget = z.infer<typeof RecommendationTargetSchema>;

export interface ProposalRecord {
  proposalId: string;
  year: number;
  target: ProposalTarget;
  amountRequested: string | null;
  submittedBy: string[];
  eventId: string;
}

export interface CaseState {
  caseNumber: string;
  opened: boolean;
  /** The effective date of the opening: nothing in the case takes effect before it. */
  openedOn: string | null;
  meetingDate: string | null;
  title: string | null;
  proposals: Map<string, ProposalRecord>;
  /** Recommended amount by `year|target` key; a later line replaces the earlier. */
  recommendations: Map<string, { year: number; target: RecommendationTarget; amountRecommended: string }>;
  resolution: { points: ResolutionPoint[] } | null;
  /** The last vote of each member on each point, by `memberId|pointNumber`. */
  votes: Map<string, { memberId: string; pointNumber: number; choice: VoteChoice }>;
  adopted: { points: AdoptedPoint[]; decidedBy: 'consensus' | 'unanimous' | 'majority'; eventId: string; effectiveDate: string } | null;
}

export type CaseCommand = CommandOf<
  'OpenCase' | 'SubmitProposal' | 'ReviseProposal' | 'RecordRecommendation' | 'ProposeResolution' | 'CastVote' | 'AdoptResolution'
>;

export interface CaseDecisionContext {
  registry: RegistryState;
  /** Whether the year a case number belongs to is closed (no votes in a closed year). */
  isYearClosed: (year: number) => boolean;
  newId: () => string;
  /** The date the command takes effect. */
  effectiveDate: string;
}

export function initialCaseState(caseNumber: string): CaseState {
  return {
    caseNumber,
    opened: false,
    openedOn: null,
    meetingDate: null,
    title: null,
    proposals: new Map(),
    recommendations: new Map(),
    resolution: null,
    votes: new Map(),
    adopted: null,
  };
}

export function recommendationKey(year: number, target: RecommendationTarget): string {
  return 'initiativeId' in target ? `${year}|initiative:${target.initiativeId}` : `${year}|proposal:${target.proposalId}`;
}

/** Applies a committed event. Mutates `state` in place: states belong to their loader. */
export function evolveCase(state: CaseState, event: LedgerEvent): CaseState {
  switch (event.type) {
    case 'CaseOpened':
      state.opened = true;
      state.openedOn = event.metadata.effectiveDate;
      state.meetingDate = event.data.meetingDate;
      state.title = event.data.title;
      break;
    case 'ProposalSubmitted':
      state.proposals.set(event.data.proposalId, {
        proposalId: event.data.proposalId,
        year: event.data.year,
        target: event.data.target,
        amountRequested: event.data.amountRequested,
        submittedBy: event.data.submittedBy,
        eventId: event.id,
      });
      break;
    case 'ProposalRevised': {
      const proposal = state.proposals.get(event.data.proposalId);
      if (proposal) proposal.amountRequested = event.data.amountRequestedAfter;
      break;
    }
    case 'RecommendationRecorded':
      for (const line of event.data.lines)
        state.recommendations.set(recommendationKey(event.data.year, line.target), {
          year: event.data.year,
          target: line.target,
          amountRecommended: line.amountRecommended,
        });
      break;
    case 'ResolutionProposed':
      state.resolution = { points: event.data.points };
      break;
    case 'VoteCast':
      state.votes.set(`${event.data.memberId}|${event.data.pointNumber}`, {
        memberId: event.data.memberId,
        pointNumber: event.data.pointNumber,
        choice: event.data.choice,
      });
      break;
    case 'ResolutionAdopted':
      state.adopted = {
        points: event.data.points,
        decidedBy: event.data.decidedBy,
        eventId: event.id,
        effectiveDate: event.metadata.effectiveDate,
      };
      break;
    default:
      break;
  }
  return state;
}

export function decideCase(command: CaseCommand, state: CaseState, context: CaseDecisionContext): EventDraft[] {
  if (command.type === 'OpenCase') {
    if (state.opened)
      throw new DomainError('case-exists', `case ${command.caseNumber} is already open`, { caseNumber: command.caseNumber });
    const caseYear = yearOfCaseNumber(command.caseNumber);
    if (Number(command.meetingDate.slice(0, 4)) !== caseYear)
      throw new DomainError(
        'meeting-date-outside-case-year',
        `case ${command.caseNumber} belongs to ${caseYear}, but the meeting date is ${command.meetingDate}`,
        { caseNumber: command.caseNumber, meetingDate: command.meetingDate },
      );
    return [{ type: 'CaseOpened', data: { caseNumber: command.caseNumber, meetingDate: command.meetingDate, title: command.title } }];
  }
  requireOpenCase(state);
  if (state.openedOn !== null && context.effectiveDate < state.openedOn)
    throw new DomainError(
      'before-case-opened',
      `case ${state.caseNumber} was opened ${state.openedOn}; nothing in it can take effect ${context.effectiveDate}`,
      {
        caseNumber: state.caseNumber,
        openedOn: state.openedOn,
        effectiveDate: context.effectiveDate,
      },
    );
  switch (command.type) {
    case 'SubmitProposal': {
      refuseDecided(state);
      const proposalId = command.proposalId ?? context.newId().toLowerCase();
      if (state.proposals.has(proposalId))
        throw new DomainError('proposal-exists', `proposal ${proposalId} already exists in case ${state.caseNumber}`, { proposalId });
      if ('initiativeId' in command.target) requireInitiative(context.registry, command.target.initiativeId);
      for (const partnerId of command.submittedBy) requirePartner(context.registry, partnerId);
      return [
        {
          type: 'ProposalSubmitted',
          data: {
            caseNumber: state.caseNumber,
            proposalId,
            year: command.year,
            target: command.target,
            amountRequested: command.amountRequested === null ? null : canonicalAmount(command.amountRequested),
            submittedBy: [...new Set(command.submittedBy)],
            ...(command.description === undefined ? {} : { description: command.description }),
          },
        },
      ];
    }
    case 'ReviseProposal': {
      refuseDecided(state);
      const proposal = state.proposals.get(command.proposalId);
      if (!proposal)
        throw new DomainError('unknown-proposal', `proposal ${command.proposalId} is not in case ${state.caseNumber}`, {
          proposalId: command.proposalId,
        });
      const after = command.amountRequested === null ? null : canonicalAmount(command.amountRequested);
      if (after === proposal.amountRequested)
        throw new DomainError('proposal-unchanged', `proposal ${command.proposalId} already requests that amount`, {
          proposalId: command.proposalId,
        });
      return [
        {
          type: 'ProposalRevised',
          corrects: proposal.eventId,
          data: {
            caseNumber: state.caseNumber,
            proposalId: command.proposalId,
            amountRequestedBefore: proposal.amountRequested,
            amountRequestedAfter: after,
            reason: command.reason,
          },
        },
      ];
    }
    case 'RecordRecommendation': {
      refuseDecided(state);
      const seen = new Set<string>();
      for (const line of command.lines) {
        const key = recommendationKey(command.year, line.target);
        if (seen.has(key))
          throw new DomainError('duplicate-recommendation-line', `the recommendation names ${key.split('|')[1]} twice`, { key });
        seen.add(key);
        if ('initiativeId' in line.target) requireInitiative(context.registry, line.target.initiativeId);
        else if (!state.proposals.has(line.target.proposalId))
          throw new DomainError('unknown-proposal', `proposal ${line.target.proposalId} is not in case ${state.caseNumber}`, {
            proposalId: line.target.proposalId,
          });
      }
      return [
        {
          type: 'RecommendationRecorded',
          data: {
            caseNumber: state.caseNumber,
            year: command.year,
            lines: command.lines.map((line) => ({ target: line.target, amountRecommended: canonicalAmount(line.amountRecommended) })),
          },
        },
      ];
    }
    case 'ProposeResolution': {
      if (state.resolution)
        throw new DomainError('resolution-already-proposed', `case ${state.caseNumber} already has a proposed resolution`, {
          caseNumber: state.caseNumber,
        });
      checkPoints(command.points);
      return [
        {
          type: 'ResolutionProposed',
          data: {
            caseNumber: state.caseNumber,
            points: command.points.map((point) => ({
              ...point,
              alternatives: point.alternatives.map((alternative) => ({
                ...alternative,
                amount: alternative.amount === null ? null : canonicalAmount(alternative.amount),
              })),
            })),
          },
        },
      ];
    }
    case 'CastVote': {
      const resolution = requireResolution(state);
      if (state.adopted)
        throw new DomainError('vote-after-resolution', `case ${state.caseNumber} is decided; votes are closed`, {
          caseNumber: state.caseNumber,
        });
      const caseYear = yearOfCaseNumber(state.caseNumber);
      if (context.isYearClosed(caseYear))
        throw new DomainError('year-closed', `${caseYear} is closed; no votes are taken in a closed year`, { year: caseYear });
      requireMember(context.registry, command.memberId);
      const point = requirePoint(resolution.points, command.pointNumber, state.caseNumber);
      checkChoiceFits(point, command.choice);
      return [
        {
          type: 'VoteCast',
          data: { caseNumber: state.caseNumber, memberId: command.memberId, pointNumber: command.pointNumber, choice: command.choice },
        },
      ];
    }
    case 'AdoptResolution': {
      const resolution = requireResolution(state);
      if (state.adopted)
        throw new DomainError('resolution-already-adopted', `case ${state.caseNumber} already has an adopted resolution`, {
          caseNumber: state.caseNumber,
        });
      checkAdoption(resolution.points, command.points, state.caseNumber);
      for (const dissent of command.dissent) {
        requireMember(context.registry, dissent.memberId);
        requirePoint(resolution.points, dissent.pointNumber, state.caseNumber);
      }
      if (command.decidedBy === 'unanimous') checkUnanimity(state, command.points, command.dissent.length);
      return [
        {
          type: 'ResolutionAdopted',
          data: {
            caseNumber: state.caseNumber,
            points: [...command.points].sort((a, b) => a.number - b.number),
            decidedBy: command.decidedBy,
            dissent: command.dissent,
            ...(command.notes === undefined ? {} : { notes: command.notes }),
          },
        },
      ];
    }
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

function requireOpenCase(state: CaseState): void {
  if (!state.opened) throw new DomainError('unknown-case', `case ${state.caseNumber} is not open`, { caseNumber: state.caseNumber });
}

function refuseDecided(state: CaseState): void {
  if (state.adopted)
    throw new DomainError('case-decided', `case ${state.caseNumber} is decided; its proposals and recommendation are final`, {
      caseNumber: state.caseNumber,
    });
}

function requireResolution(state: CaseState): { points: ResolutionPoint[] } {
  if (!state.resolution)
    throw new DomainError('no-proposed-resolution', `case ${state.caseNumber} has no proposed resolution`, {
      caseNumber: state.caseNumber,
    });
  return state.resolution;
}

export function requirePoint(points: ResolutionPoint[], pointNumber: number, caseNumber: string): ResolutionPoint {
  const point = points.find((candidate) => candidate.number === pointNumber);
  if (!point)
    throw new DomainError('unknown-point', `case ${caseNumber} has no point ${pointNumber}`, {
      caseNumber,
      pointNumber,
      points: points.map((candidate) => candidate.number),
    });
  return point;
}

function checkPoints(points: ResolutionPoint[]): void {
  const numbers = new Set<number>();
  for (const point of points) {
    if (numbers.has(point.number))
      throw new DomainError('invalid-resolution', `point ${point.number} appears twice`, { pointNumber: point.number });
    numbers.add(point.number);
    if (point.alternatives.length === 1)
      throw new DomainError('invalid-resolution', `point ${point.number} has one alternative; a choice needs two or more`, {
        pointNumber: point.number,
      });
    const alternatives = new Set(point.alternatives.map((alternative) => alternative.number));
    if (alternatives.size !== point.alternatives.length)
      throw new DomainError('invalid-resolution', `point ${point.number} repeats an alternative number`, { pointNumber: point.number });
  }
}

function checkChoiceFits(point: ResolutionPoint, choice: VoteChoice): void {
  if (point.alternatives.length > 0) {
    if (!('alternativeNumber' in choice)) {
      if (choice.answer === 'blank') return;
      throw new DomainError('choice-does-not-fit-point', `point ${point.number} is decided by choosing an alternative, not yes or no`, {
        pointNumber: point.number,
        alternatives: point.alternatives.map((alternative) => alternative.number),
      });
    }
    if (!point.alternatives.some((alternative) => alternative.number === choice.alternativeNumber))
      throw new DomainError('unknown-alternative', `point ${point.number} has no alternative ${choice.alternativeNumber}`, {
        pointNumber: point.number,
        alternativeNumber: choice.alternativeNumber,
        alternatives: point.alternatives.map((alternative) => alternative.number),
      });
  } else if ('alternativeNumber' in choice) {
    throw new DomainError('choice-does-not-fit-point', `point ${point.number} has no alternatives; vote yes, no or blank`, {
      pointNumber: point.number,
    });
  }
}

function checkAdoption(proposed: ResolutionPoint[], adopted: AdoptedPoint[], caseNumber: string): void {
  const seen = new Set<number>();
  for (const point of adopted) {
    const proposal = requirePoint(proposed, point.number, caseNumber);
    if (seen.has(point.number))
      throw new DomainError('adoption-does-not-match-proposal', `point ${point.number} is decided twice`, { pointNumber: point.number });
    seen.add(point.number);
    if (proposal.alternatives.length > 0 && point.outcome === 'adopted') {
      if (point.alternativeNumber === undefined)
        throw new DomainError('adoption-does-not-match-proposal', `point ${point.number} has alternatives; say which one was chosen`, {
          pointNumber: point.number,
        });
      if (!proposal.alternatives.some((alternative) => alternative.number === point.alternativeNumber))
        throw new DomainError('unknown-alternative', `point ${point.number} has no alternative ${point.alternativeNumber}`, {
          pointNumber: point.number,
          alternativeNumber: point.alternativeNumber,
        });
    }
    if (proposal.alternatives.length === 0 && point.alternativeNumber !== undefined)
      throw new DomainError('adoption-does-not-match-proposal', `point ${point.number} has no alternatives`, { pointNumber: point.number });
  }
  const missing = proposed.filter((point) => !seen.has(point.number)).map((point) => point.number);
  if (missing.length > 0)
    throw new DomainError('adoption-does-not-match-proposal', `the resolution must decide every point; missing: ${missing.join(', ')}`, {
      missing,
    });
}

/** A unanimous resolution has no dissent, and no member's last vote went against it. */
function checkUnanimity(state: CaseState, adopted: AdoptedPoint[], dissentCount: number): void {
  if (dissentCount > 0) throw new DomainError('unanimity-contradicted', 'a unanimous resolution cannot record dissent');
  for (const vote of state.votes.values()) {
    const point = adopted.find((candidate) => candidate.number === vote.pointNumber);
    if (!point) continue;
    const agrees =
      'alternativeNumber' in vote.choice
        ? point.outcome === 'adopted' && vote.choice.alternativeNumber === point.alternativeNumber
        : vote.choice.answer === 'blank' || (vote.choice.answer === 'yes') === (point.outcome === 'adopted');
    if (!agrees)
      throw new DomainError('unanimity-contradicted', `member ${vote.memberId} voted otherwise on point ${vote.pointNumber}`, {
        memberId: vote.memberId,
        pointNumber: vote.pointNumber,
      });
  }
}

/** The point of an adopted resolution that authorises a grant or reserve fund. */
export function requireAdoptedPoint(
  state: CaseState | undefined,
  caseNumber: string,
  pointNumber: number,
  effectiveDate: string,
): AdoptedPoint {
  if (!state || !state.opened) throw new DomainError('unknown-case', `case ${caseNumber} is not open`, { caseNumber });
  if (!state.adopted)
    throw new DomainError('resolution-not-adopted', `case ${caseNumber} has no adopted resolution to cite`, { caseNumber });
  if (effectiveDate < state.adopted.effectiveDate)
    throw new DomainError(
      'before-resolution-adopted',
      `case ${caseNumber} was decided ${state.adopted.effectiveDate}; what it authorises cannot take effect ${effectiveDate}`,
      {
        caseNumber,
        adoptedOn: state.adopted.effectiveDate,
        effectiveDate,
      },
    );
  const point = state.adopted.points.find((candidate) => candidate.number === pointNumber);
  if (!point || point.outcome !== 'adopted')
    throw new DomainError('point-not-adopted', `point ${pointNumber} of case ${caseNumber} was not adopted`, {
      caseNumber,
      pointNumber,
    });
  return point;
}
