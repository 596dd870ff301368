import { yearOfCaseNumber } from '../../events/identifiers.js';
import type { LedgerView } from '../../projections/ledger-view.js';

/** The case reports of the read side, from a view (current or as of a date or position). */

/** The cases of a view, by meeting date. */
export function casesOf(view: LedgerView) {
  return [...view.cases.values()]
    .map((caseView) => ({
      caseNumber: caseView.caseNumber,
      year: yearOfCaseNumber(caseView.caseNumber),
      meetingDate: caseView.meetingDate,
      title: caseView.title,
      proposals: caseView.proposalIds.length,
      resolutionProposed: caseView.resolution !== null,
      votes: caseView.votes.length,
      decided: caseView.adopted !== null,
    }))
    .sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.caseNumber.localeCompare(b.caseNumber));
}

/** One case of a view: proposals, recommendation, resolution, votes and tally, adoption, grants citing it; null if there is none. */
export function caseDetailOf(view: LedgerView, caseNumber: string) {
  const caseView = view.cases.get(caseNumber);
  if (!caseView) return null;
  const lastVotes = new Map<string, (typeof caseView.votes)[number]>();
  for (const vote of caseView.votes) lastVotes.set(`${vote.memberId}|${vote.pointNumber}`, vote);
  const tally = (caseView.resolution?.points ?? []).map((point) => {
    const counts: Record<string, number> = {};
    for (const vote of lastVotes.values()) {
      if (vote.pointNumber !== point.number) continue;
      const key = 'alternativeNumber' in vote.choice ? `alternative:${vote.choice.alternativeNumber}` : vote.choice.answer;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return { pointNumber: point.number, counts };
  });
  const initiativeName = (id: string) => view.registry.initiatives.get(id)?.name ?? id;
  const proposalName = (id: string) => {
    const proposal = view.proposals.get(id);
    if (!proposal) return id;
    return 'initiativeId' in proposal.target ? initiativeName(proposal.target.initiativeId) : proposal.target.newInitiativeName;
  };
  const lastRecommendation = new Map<string, (typeof caseView.recommendations)[number]>();
  for (const line of caseView.recommendations)
    lastRecommendation.set(
      `${line.year}|${'initiativeId' in line.target ? `i:${line.target.initiativeId}` : `p:${line.target.proposalId}`}`,
      line,
    );
  return {
    caseNumber: caseView.caseNumber,
    year: yearOfCaseNumber(caseView.caseNumber),
    meetingDate: caseView.meetingDate,
    title: caseView.title,
    proposals: caseView.proposalIds.map((id) => {
      const proposal = view.proposals.get(id)!;
      return {
        ...proposal,
        name: proposalName(id),
        submittedByNames: proposal.submittedBy.map((partnerId) => view.registry.partners.get(partnerId)?.name ?? partnerId),
      };
    }),
    recommendation: [...lastRecommendation.values()].map((line) => ({
      ...line,
      name: 'initiativeId' in line.target ? initiativeName(line.target.initiativeId) : proposalName(line.target.proposalId),
    })),
    resolution: caseView.resolution,
    votes: caseView.votes.map((vote) => ({
      ...vote,
      memberName: view.registry.members.get(vote.memberId)?.name ?? vote.memberId,
      superseded: lastVotes.get(`${vote.memberId}|${vote.pointNumber}`) !== vote,
    })),
    tally,
    adopted: caseView.adopted,
    grants: [...view.grants.values()]
      .filter((grant) => grant.authority.caseNumber === caseNumber)
      .map((grant) => ({ ...grant, initiativeName: initiativeName(grant.initiativeId) })),
  };
}
