import type { LedgerEvent } from '../events/catalogue.js';
import { yearOfCaseNumber } from '../events/identifiers.js';
import type { CaseView, LedgerView } from './ledger-view.js';
import { grantDetail, grantPositions, moneyDecision } from './money-decisions.js';
import { tallyPoint, type PointTally } from '../src/domain/tally.js';

/**
 * One case as its page shows it: proposals, recommendation, proposed resolution, votes
 * and tally, the adopted resolution, and all the money decided under it — the grants
 * citing it (each with its current plan and later changes) and every other decision
 * citing it (releases, reserve funds, corrections of closed years).
 */

/** The log positions a case's detail reads events at. */
export function caseDetailPositions(view: LedgerView, caseNumber: string): number[] {
  const caseView = view.cases.get(caseNumber);
  if (!caseView) return [];
  const grants = [...view.grants.values()].filter((grant) => grant.authority.caseNumber === caseNumber);
  return [...caseView.citedBy, ...grants.flatMap(grantPositions)];
}

/** Per point, the members' last votes counted by the committee's rule (src/domain/tally.ts, as the ledger decides with it). */
function tallyOf(caseView: CaseView, lastVotes: Map<string, CaseView['votes'][number]>): PointTally[] {
  const votes = [...lastVotes.values()];
  return (caseView.resolution?.points ?? []).map((point) => tallyPoint(votes, point.number));
}

function names(view: LedgerView) {
  const initiative = (id: string) => view.registry.initiatives.get(id)?.name ?? id;
  const proposal = (id: string) => {
    const found = view.proposals.get(id);
    if (!found) return id;
    return 'initiativeId' in found.target ? initiative(found.target.initiativeId) : found.target.newInitiativeName;
  };
  return { initiative, proposal };
}

function recommendationOf(view: LedgerView, caseView: CaseView) {
  const { initiative, proposal } = names(view);
  const last = new Map<string, CaseView['recommendations'][number]>();
  for (const line of caseView.recommendations)
    last.set(`${line.year}|${'initiativeId' in line.target ? `i:${line.target.initiativeId}` : `p:${line.target.proposalId}`}`, line);
  return [...last.values()].map((line) => ({
    ...line,
    name: 'initiativeId' in line.target ? initiative(line.target.initiativeId) : proposal(line.target.proposalId),
  }));
}

export function caseDetail(view: LedgerView, caseNumber: string, events: ReadonlyMap<number, LedgerEvent>) {
  const caseView = view.cases.get(caseNumber);
  if (!caseView) return null;
  const lastVotes = new Map<string, CaseView['votes'][number]>();
  for (const vote of caseView.votes) lastVotes.set(`${vote.memberId}|${vote.pointNumber}`, vote);
  const { proposal } = names(view);
  const readEvent = (position: number) => {
    const event = events.get(position);
    if (!event) throw new Error(`the event at position ${position} of case ${caseNumber} was not read`);
    return event;
  };
  return {
    caseNumber: caseView.caseNumber,
    year: yearOfCaseNumber(caseView.caseNumber),
    meetingDate: caseView.meetingDate,
    title: caseView.title,
    proposals: caseView.proposalIds.map((id) => {
      const found = view.proposals.get(id)!;
      return {
        ...found,
        name: proposal(id),
        submittedByNames: found.submittedBy.map((partnerId) => view.registry.partners.get(partnerId)?.name ?? partnerId),
      };
    }),
    recommendation: recommendationOf(view, caseView),
    resolution: caseView.resolution,
    votes: caseView.votes.map((vote) => ({
      ...vote,
      memberName: view.registry.members.get(vote.memberId)?.name ?? vote.memberId,
      superseded: lastVotes.get(`${vote.memberId}|${vote.pointNumber}`) !== vote,
    })),
    tally: tallyOf(caseView, lastVotes),
    adopted: caseView.adopted ? { ...caseView.adopted, membersPresent: caseView.adopted.membersPresent ?? null } : null,
    grants: [...view.grants.values()]
      .filter((grant) => grant.authority.caseNumber === caseNumber)
      .map((grant) => grantDetail(view, grant, events)),
    decisions: [...new Set(caseView.citedBy)].sort((a, b) => a - b).map((position) => moneyDecision(readEvent(position), view)),
  };
}
