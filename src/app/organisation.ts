import { parseStoredEvent } from '../../events/catalogue.js';
import { organisationOf, type Organisation } from '../registry/organisation.js';
import { REGISTRY_STREAM } from '../registry/registry.js';
import type { EventStore } from '../store/port.js';

/**
 * The organisation as the ledger records it now: the last `OrganisationRecorded` of the
 * registry stream, or null on a ledger that has not recorded one. Read again only when the
 * registry stream has grown, so the page's header and every document ask it freely.
 */
const cache = new WeakMap<EventStore, { revision: number | null; organisation: Organisation | null }>();

export async function currentOrganisation(store: EventStore): Promise<Organisation | null> {
  const revision = await store.streamRevision(REGISTRY_STREAM);
  const known = cache.get(store);
  if (known && known.revision === revision) return known.organisation;
  let organisation: Organisation | null = null;
  if (revision !== null)
    for await (const record of store.readStream(REGISTRY_STREAM)) {
      if (record.type !== 'OrganisationRecorded') continue;
      const event = parseStoredEvent(record);
      if (event.type === 'OrganisationRecorded') organisation = organisationOf(event.data);
    }
  cache.set(store, { revision, organisation });
  return organisation;
}
