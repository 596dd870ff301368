import type { Decimal } from 'decimal.js';
import { yearOfCaseNumber } from '../events/identifiers.js';
import type { AdoptedPoint, ResolutionPoint, VoteChoice } from '../events/case-events.js';
import { ZERO, formatAmount, money } from '../src/domain/money.js';
import { CaseNotFoundError } from './allocation.js';
import type { DecidedAs } from './figure-table.js';
import { decidedAs, type BaseFigure } from './figures.js';
import type { LedgerView } from './ledger-view.js';
import { tallyPoint, type PointTally, type TallyVote } from '../src/domain/tally.js';
import { indexOfPosition } from './positions.js';

/**
 * The case summary: what a case is and what it decided, as the committee's minutes would
 * print it — the proposals with their submitters, the recommendation, the proposed
 * resolution with its alternatives, the votes and the tally, the resolution with its
 * dissent, and all the money decided under the case: every grant, change of a grant,
 * release, reserve fund, draw and correction that cites it, read from the postings
 * those events made.
 */

/** What a line of money decided under a case is. */
export type DecidedMoneyKind = 'grant' | DecidedAs;

interface DecidedMoneyLine {
  position: number;
  kind: DecidedMoneyKind;
  year: number;
  /** `initiative:ID`, or `year` for the year's frame. */
  scope: string;
  name: string;
  /** The ledger's figure the money was posted to. */
  figure: BaseFigure;
  amount: string;
  /** For a grant: its id and the point it cites. */
  grantId: string | null;
  pointNumber: number | null;
}

export interface CaseSummary {
  caseNumber: string;
  year: number;
  title: string;
  meetingDate: string;
  proposals: {
    proposalId: string;
    year: number;
    name: string;
    amountRequested: string | null;
    submittedBy: string[];
    description: string | null;
  }[];
  recommendation: { year: number; scope: string; name: string; amountRecommended: string }[];
  resolution: ResolutionPoint[] | null;
  votes: { memberName: string; pointNumber: number; choice: VoteChoice; effectiveDate: string; superseded: boolean }[];
  /** Per point: how many of the last votes chose each answer or alternative (`yes`, `alt:2`, …), and how many were blank. */
  tally: PointTally[];
  adopted: {
    decidedBy: 'consensus' | 'unanimous' | 'majority';
    effectiveDate: string;
    points: AdoptedPoint[];
    dissent: { memberName: string; pointNumber: number }[];
    notes: string | null;
  } | null;
  money: DecidedMoneyLine[];
  /** The money lines added up per kind, and in all. */
  moneyTotals: Record<DecidedMoneyKind | 'total', string>;
}

/** The postings the cited events made, each a line of money. */
function decidedMoney(view: LedgerView, cited: readonly number[]): DecidedMoneyLine[] {
  const wanted = new Set(cited);
  const grantsByPosition = new Map([...view.grants.values()].map((grant) => [grant.position, grant]));
  const lines: DecidedMoneyLine[] = [];
  for (const book of view.years.values()) {
    if (!cited.some((position) => indexOfPosition(book.eventPositions, position) >= 0)) continue;
    for (const [key, account] of book.accounts) {
      const separator = key.lastIndexOf('|');
      const figure = key.slice(separator + 1) as BaseFigure;
      const scope = key.slice(0, separator);
      account.positions.forEach((position, index) => {
        if (!wanted.has(position)) return;
        const grant = grantsByPosition.get(position) ?? null;
        const kind = grant ? 'grant' : decidedAs(figure);
        if (!kind) return;
        const initiativeId = scope.startsWith('initiative:') ? scope.slice('initiative:'.length) : null;
        lines.push({
          position,
          kind,
          year: book.year,
          scope,
          name: initiativeId === null ? 'Rammen' : (view.registry.initiatives.get(initiativeId)?.name ?? initiativeId),
          figure,
          amount: account.deltas[index]!,
          grantId: grant?.grantId ?? null,
          pointNumber: grant?.authority.pointNumber ?? null,
        });
      });
    }
  }
  return lines.sort((a, b) => a.position - b.position || a.year - b.year || a.scope.localeCompare(b.scope));
}

function totalsOf(lines: DecidedMoneyLine[]): CaseSummary['moneyTotals'] {
  const sums = new Map<string, Decimal>();
  for (const line of lines) for (const key of [line.kind, 'total']) sums.set(key, (sums.get(key) ?? ZERO).plus(money(line.amount)));
  const kinds: (DecidedMoneyKind | 'total')[] = ['grant', 'grant-change', 'release', 'reserve-fund', 'prior-year-adjustment', 'total'];
  return Object.fromEntries(kinds.map((kind) => [kind, formatAmount(sums.get(kind) ?? ZERO)])) as CaseSummary['moneyTotals'];
}

/** Per point: how many of the members' last votes chose each answer or alternative. */
function tallyOf(points: readonly ResolutionPoint[], lastVotes: Iterable<TallyVote>): CaseSummary['tally'] {
  const votes = [...lastVotes];
  return points.map((point) => tallyPoint(votes, point.number));
}

/** The case summary of a case as the view holds it. */
export function caseSummary(view: LedgerView, caseNumber: string): CaseSummary {
  const caseView = view.cases.get(caseNumber);
  if (!caseView) throw new CaseNotFoundError(caseNumber);
  const initiativeName = (id: string) => view.registry.initiatives.get(id)?.name ?? id;
  const scopeName = (scope: string) => {
    if (scope.startsWith('initiative:')) return initiativeName(scope.slice('initiative:'.length));
    const proposal = view.proposals.get(scope.slice('proposal:'.length));
    return proposal && 'newInitiativeName' in proposal.target ? proposal.target.newInitiativeName : scope;
  };
  const memberName = (id: string) => view.registry.members.get(id)?.name ?? id;
  const lastVotes = new Map<string, (typeof caseView.votes)[number]>();
  for (const vote of caseView.votes) lastVotes.set(`${vote.memberId}|${vote.pointNumber}`, vote);
  const recommendation = new Map<string, CaseSummary['recommendation'][number]>();
  for (const line of caseView.recommendations) {
    const scope = 'initiativeId' in line.target ? `initiative:${line.target.initiativeId}` : view.proposalScope(line.target.proposalId);
    recommendation.set(`${line.year}|${scope}`, {
      year: line.year,
      scope,
      name: scopeName(scope),
      amountRecommended: line.amountRecommended,
    });
  }
  const money = decidedMoney(view, caseView.citedBy);
  return {
    caseNumber,
    year: yearOfCaseNumber(caseNumber),
    title: caseView.title,
    meetingDate: caseView.meetingDate,
    proposals: caseView.proposalIds.flatMap((id) => {
      const proposal = view.proposals.get(id);
      if (!proposal) return [];
      return [
        {
          proposalId: id,
          year: proposal.year,
          name: scopeName(view.proposalScope(id)),
          amountRequested: proposal.amountRequested,
          submittedBy: proposal.submittedBy.map((partnerId) => view.registry.partners.get(partnerId)?.name ?? partnerId),
          description: proposal.description,
        },
      ];
    }),
    recommendation: [...recommendation.values()],
    resolution: caseView.resolution?.points ?? null,
    votes: caseView.votes.map((vote) => ({
      memberName: memberName(vote.memberId),
      pointNumber: vote.pointNumber,
      choice: vote.choice,
      effectiveDate: vote.effectiveDate,
      superseded: lastVotes.get(`${vote.memberId}|${vote.pointNumber}`) !== vote,
    })),
    tally: tallyOf(caseView.resolution?.points ?? [], lastVotes.values()),
    adopted: caseView.adopted && {
      decidedBy: caseView.adopted.decidedBy,
      effectiveDate: caseView.adopted.effectiveDate,
      points: caseView.adopted.points,
      dissent: caseView.adopted.dissent.map((entry) => ({ memberName: memberName(entry.memberId), pointNumber: entry.pointNumber })),
      notes: caseView.adopted.notes,
    },
    money,
    moneyTotals: totalsOf(money),
  };
}
