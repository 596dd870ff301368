import { NameSchema } from '../../events/identifiers.js';
import { OrgIdSchema } from '../../events/organisation-events.js';
import { DomainError } from '../domain/errors.js';
import { organisationOf, sameOrganisation } from './organisation.js';
import { defineCommand } from '../commands/define.js';
import { REGISTRY } from '../commands/state-refs.js';

/**
 * Who keeps the ledger: the partnership's name, its committee's name and its 360Giving
 * funder identifier, as the documents, the page and the 360Giving export show them. The
 * first thing a new ledger records; a later setting replaces the earlier one.
 */
export const setOrganisation = defineCommand({
  type: 'SetOrganisation',
  shape: { name: NameSchema, committeeName: NameSchema, funderIdentifier: OrgIdSchema.optional() },
  target: () => REGISTRY,
  reads: () => [],
  decide(command, states) {
    const data = {
      name: command.name,
      committeeName: command.committeeName,
      ...(command.funderIdentifier === undefined ? {} : { funderIdentifier: command.funderIdentifier }),
    };
    if (sameOrganisation(states.registry().organisation, organisationOf(data)))
      throw new DomainError('organisation-unchanged', `the organisation is already recorded as ${command.name}`, { name: command.name });
    return [{ type: 'OrganisationRecorded', data }];
  },
  http: {
    path: '/api/organisation',
    summary: 'Record who keeps the ledger: the organisation, its committee and its 360Giving identifier',
    tag: 'registry',
  },
});
