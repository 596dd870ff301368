import type { EventDataOf } from '../../events/catalogue.js';

/**
 * Who keeps the ledger: the partnership (its name heads every document and the page),
 * the committee that decides on the funds, and the 360Giving identifier it publishes its
 * grants under. Recorded in the ledger (`OrganisationRecorded`), never written into code.
 */
export interface Organisation {
  readonly name: string;
  readonly committeeName: string;
  readonly funderIdentifier: string | null;
}

export function organisationOf(data: EventDataOf<'OrganisationRecorded'>): Organisation {
  return { name: data.name, committeeName: data.committeeName, funderIdentifier: data.funderIdentifier ?? null };
}

/** Whether two descriptions of the organisation say the same. */
export function sameOrganisation(a: Organisation | null, b: Organisation): boolean {
  return a !== null && a.name === b.name && a.committeeName === b.committeeName && a.funderIdentifier === b.funderIdentifier;
}
