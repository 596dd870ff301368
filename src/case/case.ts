import { Map as ImmutableMap } from 'immutable';
import type { LedgerEvent } from '../../events/catalogue.js';
import type {
  AdoptedPoint,
  AllocationLine,
  DecidedBy,
  ProposalTarget,
  RecommendationTarget,
  ResolutionPoint,
  VoteChoice,
} from '../../events/case-events.js';
import type { CitedPoint } from './case-rules.js';

/** The stream of one case of the strategic committee: `case-22.25`. */
export function caseStream(caseNumber: string): string {
  return `case-${caseNumber}`;
}

export interface ProposalRecord {
  readonly proposalId: string;
  readonly year: number;
  readonly target: ProposalTarget;
  readonly amountRequested: string | null;
  readonly submittedBy: string[];
  readonly eventId: string;
  readonly submittedOn: string;
}

interface VoteRecord {
  readonly memberId: string;
  readonly pointNumber: number;
  readonly choice: VoteChoice;
  readonly castOn: string;
}

interface AdoptionRecord {
  readonly points: AdoptedPoint[];
  readonly decidedBy: DecidedBy;
  readonly eventId: string;
  readonly adoptedOn: string;
}

export interface CaseState {
  readonly caseNumber: string;
  /** `continuedOn`: the later days the meeting was continued on (votes and the adoption may be dated on them too). */
  readonly opened: {
    readonly on: string;
    readonly meetingDate: string;
    readonly title: string;
    readonly continuedOn: readonly string[];
  } | null;
  readonly proposals: ImmutableMap<string, ProposalRecord>;
  /** The recommended amount by `year|target` key; a later line replaces the earlier. */
  readonly recommendations: ImmutableMap<string, { year: number; target: RecommendationTarget; amountRecommended: string }>;
  /** The proposed resolution, and the date it took effect (votes and the adoption rest on it). */
  readonly resolution: { readonly points: ResolutionPoint[]; readonly proposedOn: string } | null;
  /** The last vote of each member on each point, by `memberId|pointNumber`. */
  readonly votes: ImmutableMap<string, VoteRecord>;
  /** The latest effective date of any vote (the adoption cannot precede it). */
  readonly lastVoteOn: string | null;
  readonly adopted: AdoptionRecord | null;
}

export const initialCaseState = (caseNumber: string): CaseState => ({
  caseNumber,
  opened: null,
  proposals: ImmutableMap(),
  recommendations: ImmutableMap(),
  resolution: null,
  votes: ImmutableMap(),
  lastVoteOn: null,
  adopted: null,
});

export function recommendationKey(year: number, target: RecommendationTarget): string {
  return 'initiativeId' in target ? `${year}|initiative:${target.initiativeId}` : `${year}|proposal:${target.proposalId}`;
}

/** The next case state after a committed event; the state given is left as it was. */
export function evolveCase(state: CaseState, event: LedgerEvent): CaseState {
  const on = event.metadata.effectiveDate;
  switch (event.type) {
    case 'CaseOpened':
      return { ...state, opened: { on, meetingDate: event.data.meetingDate, title: event.data.title, continuedOn: [] } };
    case 'MeetingContinued':
      if (!state.opened) return state;
      return { ...state, opened: { ...state.opened, continuedOn: [...state.opened.continuedOn, event.data.date].sort() } };
    case 'ProposalSubmitted': {
      const { proposalId, year, target, amountRequested, submittedBy } = event.data;
      const proposal = { proposalId, year, target, amountRequested, submittedBy, eventId: event.id, submittedOn: on };
      return { ...state, proposals: state.proposals.set(proposalId, proposal) };
    }
    case 'ProposalRevised': {
      const proposal = state.proposals.get(event.data.proposalId);
      if (!proposal) return state;
      const revised = { ...proposal, amountRequested: event.data.amountRequestedAfter };
      return { ...state, proposals: state.proposals.set(proposal.proposalId, revised) };
    }
    case 'RecommendationRecorded': {
      let recommendations = state.recommendations;
      for (const line of event.data.lines)
        recommendations = recommendations.set(recommendationKey(event.data.year, line.target), {
          year: event.data.year,
          target: line.target,
          amountRecommended: line.amountRecommended,
        });
      return { ...state, recommendations };
    }
    case 'ResolutionProposed':
      return { ...state, resolution: { points: event.data.points, proposedOn: on } };
    case 'VoteCast': {
      const { memberId, pointNumber, choice } = event.data;
      const vote: VoteRecord = { memberId, pointNumber, choice, castOn: on };
      const lastVoteOn = state.lastVoteOn === null || on > state.lastVoteOn ? on : state.lastVoteOn;
      return { ...state, votes: state.votes.set(`${memberId}|${pointNumber}`, vote), lastVoteOn };
    }
    case 'ResolutionAdopted': {
      const adopted = { points: event.data.points, decidedBy: event.data.decidedBy, eventId: event.id, adoptedOn: on };
      return { ...state, adopted };
    }
    default:
      return state;
  }
}

/**
 * The lines a cited point authorises money by, after the meeting's amendments: its
 * allocation table, or this case's recommendation for a point that endorses it. Each
 * line's target is an initiative or a proposal of a new initiative.
 */
export function authorisedLines(state: CaseState, cited: CitedPoint): AllocationLine[] {
  const authorises = cited.proposed.authorises;
  let lines: AllocationLine[] = [];
  if (authorises?.kind === 'allocation') lines = authorises.lines;
  else if (authorises?.kind === 'recommendation')
    lines = [...state.recommendations.values()].map((line) => ({ target: line.target, year: line.year, amount: line.amountRecommended }));
  const amended = new Map(lines.map((line) => [recommendationKey(line.year, line.target), line]));
  for (const amendment of cited.adopted.amendments ?? []) amended.set(recommendationKey(amendment.year, amendment.target), amendment);
  return [...amended.values()];
}
