import { yearOfCaseNumber } from '../events/identifiers.js';
import type { LedgerView } from './ledger-view.js';

/** The list of cases the read side reports, from a view (current or as of a date or position). */

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
