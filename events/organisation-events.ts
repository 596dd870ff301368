import { z } from 'zod';
import { NameSchema } from './identifiers.js';

/**
 * A 360Giving organisation identifier (org-id): a list prefix and the organisation's id
 * in that list, such as `NO-BRC-974633574` (Brønnøysundregistrene) or `XI-EORI-…`.
 */
export const OrgIdSchema = z
  .string({ error: 'the funder identifier must be a string' })
  .regex(/^[A-Z]{2}-[A-Z0-9]{2,12}-[A-Za-z0-9._-]{1,100}$/, {
    error: 'the funder identifier is a 360Giving org-id: a list prefix and an id, such as NO-BRC-974633574',
  });

/**
 * Who keeps the ledger (registry stream): the partnership's name, the name of its committee
 * that decides on the funds, and its 360Giving funder identifier. The documents, the page
 * and the 360Giving export take them from here. A later one replaces an earlier one.
 */
const OrganisationRecorded = z.strictObject({
  name: NameSchema,
  committeeName: NameSchema,
  funderIdentifier: OrgIdSchema.optional(),
});

export const organisationEventSchemas = { OrganisationRecorded } as const;
