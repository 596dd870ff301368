import { z } from 'zod';
import {
  AdoptedPointSchema,
  VoteChoiceSchema,
  type AdoptedPoint,
  type ResolutionPoint,
  type VoteChoice,
} from '../../events/case-events.js';
import { CaseNumberSchema, EntityIdSchema, TextSchema } from '../../events/identifiers.js';
import type { CaseState } from './case.js';
import { requirePoint, requireResolution } from './case-rules.js';
import { DomainError, type DetailsOf } from '../domain/errors.js';
import { canonicalAmount } from '../domain/money.js';
import { dissentOf, outcomeKey, tallyObjection, tallyPoint, type TallyVote } from '../domain/tally.js';
import type { RegistryState } from '../registry/registry.js';
import { requireMember } from '../registry/registry-rules.js';
import { defineCommand } from '../commands/define.js';
import { caseRef } from '../commands/state-refs.js';
import { decisionReads, requireCaseYearOpen, requireMeetingHeld, requireResolutionBy } from './case-rules.js';
import { requireTargets } from './resolution.js';

/** The committee's votes, and the resolution it adopts (vedtak). */

const PointNumberSchema = z.number().int().min(1).max(50);

export const castVote = defineCommand({
  type: 'CastVote',
  shape: { caseNumber: CaseNumberSchema, memberId: EntityIdSchema, pointNumber: PointNumberSchema, choice: VoteChoiceSchema },
  target: (command) => caseRef(command.caseNumber),
  reads: (command) => decisionReads(command.caseNumber),
  decide(command, states, context) {
    const state = states.case(command.caseNumber);
    const resolution = requireResolution(state);
    if (state.adopted)
      throw new DomainError('vote-after-resolution', `case ${state.caseNumber} is decided; votes are closed`, {
        caseNumber: state.caseNumber,
      });
    requireMeetingHeld(state, context.effectiveDate, 'a vote');
    requireResolutionBy(state, context.effectiveDate, 'a vote');
    requireCaseYearOpen(states, state.caseNumber);
    requireMemberAtMeeting(states.registry(), command.memberId, state);
    checkChoiceFits(requirePoint(resolution.points, command.pointNumber, state.caseNumber), command.choice);
    const { memberId, pointNumber, choice } = command;
    return [{ type: 'VoteCast', data: { caseNumber: state.caseNumber, memberId, pointNumber, choice } }];
  },
  http: {
    path: '/api/cases/:caseNumber/votes',
    summary: "Cast a member's vote on a point of the proposed resolution",
    tag: 'cases',
    ownMember: 'memberId',
  },
});

/** Only members registered by the meeting's date vote in it. */
function requireMemberAtMeeting(registry: RegistryState, memberId: string, state: CaseState) {
  const member = requireMember(registry, memberId);
  const meetingDate = state.opened!.meetingDate;
  if (member.registeredOn > meetingDate)
    throw new DomainError(
      'member-not-registered-at-meeting',
      `committee member ${memberId} was registered ${member.registeredOn}, after the meeting of ${meetingDate}`,
      { memberId, registeredOn: member.registeredOn, meetingDate },
    );
  return member;
}

function checkChoiceFits(point: ResolutionPoint, choice: VoteChoice): void {
  const alternatives = point.alternatives.map((alternative) => alternative.number);
  if (alternatives.length > 0) {
    if (!('alternativeNumber' in choice)) {
      if (choice.answer === 'blank') return;
      throw new DomainError('choice-does-not-fit-point', `point ${point.number} is decided by choosing an alternative, not yes or no`, {
        pointNumber: point.number,
        alternatives,
      });
    }
    if (!alternatives.includes(choice.alternativeNumber))
      throw new DomainError('unknown-alternative', `point ${point.number} has no alternative ${choice.alternativeNumber}`, {
        pointNumber: point.number,
        alternativeNumber: choice.alternativeNumber,
        alternatives,
      });
  } else if ('alternativeNumber' in choice)
    throw new DomainError('choice-does-not-fit-point', `point ${point.number} has no alternatives; vote yes, no or blank`, {
      pointNumber: point.number,
    });
}

const DissentSchema = z.array(z.strictObject({ memberId: EntityIdSchema, pointNumber: PointNumberSchema })).max(1000);

export const adoptResolution = defineCommand({
  type: 'AdoptResolution',
  shape: {
    caseNumber: CaseNumberSchema,
    points: z.array(AdoptedPointSchema).min(1).max(50),
    decidedBy: z.enum(['consensus', 'unanimous', 'majority'], { error: 'decidedBy must be consensus, unanimous or majority' }),
    /** The dissent follows from the votes; when sent, it must be that. */
    dissent: DissentSchema.optional(),
    notes: TextSchema.optional(),
    membersPresent: z.array(EntityIdSchema).min(1).max(100).optional(),
  },
  target: (command) => caseRef(command.caseNumber),
  reads: (command) => decisionReads(command.caseNumber),
  decide(command, states, context) {
    const state = states.case(command.caseNumber);
    const resolution = requireResolution(state);
    if (state.adopted)
      throw new DomainError('resolution-already-adopted', `case ${state.caseNumber} already has an adopted resolution`, {
        caseNumber: state.caseNumber,
      });
    requireMeetingHeld(state, context.effectiveDate, 'the adoption');
    requireResolutionBy(state, context.effectiveDate, 'the adoption');
    if (state.lastVoteOn !== null && context.effectiveDate < state.lastVoteOn)
      throw new DomainError(
        'adoption-before-votes',
        `a vote in case ${state.caseNumber} took effect ${state.lastVoteOn}; the adoption cannot precede it`,
        {
          caseNumber: state.caseNumber,
          lastVoteOn: state.lastVoteOn,
          effectiveDate: context.effectiveDate,
        },
      );
    requireCaseYearOpen(states, state.caseNumber);
    const points = checkAdoption(resolution.points, command.points, state, states.registry(), context.effectiveDate);
    const votes: TallyVote[] = [...state.votes.values()];
    const dissent = derivedDissent(resolution.points, points, votes, command.decidedBy);
    if (command.dissent) requireSameDissent(command.dissent, dissent);
    requireQuorum(states.registry(), state, votes, command.membersPresent);
    const data = {
      caseNumber: state.caseNumber,
      points,
      decidedBy: command.decidedBy,
      dissent,
      ...(command.notes === undefined ? {} : { notes: command.notes }),
      ...(command.membersPresent === undefined ? {} : { membersPresent: [...new Set(command.membersPresent)].sort() }),
    };
    return [{ type: 'ResolutionAdopted', data }];
  },
  http: { path: '/api/cases/:caseNumber/adoption', summary: 'Record the adopted resolution (vedtak)', tag: 'cases' },
});

/** Every proposed point decided once, alternatives chosen where there are some, amendments only of money tables. */
function checkAdoption(
  proposed: readonly ResolutionPoint[],
  adopted: readonly AdoptedPoint[],
  state: CaseState,
  registry: RegistryState,
  effectiveDate: string,
) {
  const seen = new Set<number>();
  for (const point of adopted) {
    const proposal = requirePoint(proposed, point.number, state.caseNumber);
    const mismatch = (message: string, problem: DetailsOf<'adoption-does-not-match-proposal'>['problem']) =>
      new DomainError('adoption-does-not-match-proposal', message, { pointNumber: point.number, problem });
    if (seen.has(point.number)) throw mismatch(`point ${point.number} is decided twice`, 'point-twice');
    seen.add(point.number);
    if (proposal.alternatives.length > 0 && point.outcome === 'adopted') {
      if (point.alternativeNumber === undefined)
        throw mismatch(`point ${point.number} has alternatives; say which one was chosen`, 'alternative-missing');
      if (!proposal.alternatives.some((alternative) => alternative.number === point.alternativeNumber))
        throw new DomainError('unknown-alternative', `point ${point.number} has no alternative ${point.alternativeNumber}`, {
          pointNumber: point.number,
          alternativeNumber: point.alternativeNumber,
        });
    }
    if (proposal.alternatives.length === 0 && point.alternativeNumber !== undefined)
      throw mismatch(`point ${point.number} has no alternatives`, 'no-alternatives');
    if (point.amendments) {
      const kind = proposal.authorises?.kind;
      if (point.outcome !== 'adopted' || (kind !== 'allocation' && kind !== 'recommendation'))
        throw mismatch(
          `point ${point.number} authorises no table of grants; only an adopted table can be amended`,
          'amendment-without-table',
        );
      requireTargets(point.amendments, state, registry, `the amendments of point ${point.number}`, effectiveDate);
    }
  }
  const missing = proposed.filter((point) => !seen.has(point.number)).map((point) => point.number);
  if (missing.length > 0)
    throw new DomainError('adoption-does-not-match-proposal', `the resolution must decide every point; missing: ${missing.join(', ')}`, {
      missing,
      problem: 'points-missing',
    });
  return [...adopted]
    .sort((a, b) => a.number - b.number)
    .map((point) =>
      point.amendments
        ? { ...point, amendments: point.amendments.map((line) => ({ ...line, amount: canonicalAmount(line.amount) })) }
        : point,
    );
}

/** Each point's votes must carry its outcome under the rule the committee decided by; the dissent follows from them. */
function derivedDissent(
  proposed: readonly ResolutionPoint[],
  adopted: readonly AdoptedPoint[],
  votes: TallyVote[],
  rule: 'consensus' | 'unanimous' | 'majority',
) {
  const dissent: { memberId: string; pointNumber: number }[] = [];
  for (const point of adopted) {
    const proposal = proposed.find((candidate) => candidate.number === point.number)!;
    const chosen = outcomeKey(point, proposal.alternatives.length > 0);
    const tally = tallyPoint(votes, point.number);
    const pointRule = point.decidedBy ?? rule;
    const objection = tallyObjection(tally, chosen, pointRule);
    if (objection)
      throw new DomainError('tally-does-not-carry', `point ${point.number} cannot be adopted as ${pointRule}: ${objection}`, {
        pointNumber: point.number,
        decidedBy: pointRule,
        chosen,
        votes: tally.counts,
        blank: tally.blank,
      });
    for (const memberId of dissentOf(votes, point.number, chosen)) dissent.push({ memberId, pointNumber: point.number });
  }
  return dissent;
}

function requireSameDissent(
  sent: readonly { memberId: string; pointNumber: number }[],
  derived: readonly { memberId: string; pointNumber: number }[],
) {
  const key = (entry: { memberId: string; pointNumber: number }) => `${entry.pointNumber}|${entry.memberId}`;
  const sentKeys = [...new Set(sent.map(key))].sort();
  const derivedKeys = derived.map(key).sort();
  if (sentKeys.join(',') !== derivedKeys.join(','))
    throw new DomainError('dissent-does-not-match-votes', 'the dissent sent is not the dissent the votes show', {
      dissentSent: sentKeys,
      dissentFromVotes: derivedKeys,
    });
}

/** When the committee has a quorum, enough registered members took part: those who voted and those recorded present. */
function requireQuorum(
  registry: RegistryState,
  state: CaseState,
  votes: readonly TallyVote[],
  membersPresent: readonly string[] | undefined,
): void {
  for (const memberId of membersPresent ?? []) requireMemberAtMeeting(registry, memberId, state);
  const voters = new Set(votes.map((vote) => vote.memberId));
  if (membersPresent) {
    const absent = [...voters].filter((memberId) => !membersPresent.includes(memberId)).sort();
    if (absent.length > 0)
      throw new DomainError('voter-not-present', `member(s) ${absent.join(', ')} voted but are not recorded as present`, {
        membersAbsent: absent,
      });
  }
  const taking = new Set([...voters, ...(membersPresent ?? [])]);
  if (registry.quorum !== null && taking.size < registry.quorum)
    throw new DomainError('quorum-not-met', `${taking.size} member(s) took part; the committee decides with at least ${registry.quorum}`, {
      membersTakingPart: taking.size,
      quorum: registry.quorum,
    });
}
