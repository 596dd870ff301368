import { parseStoredEvent, type LedgerEvent } from '../../events/catalogue.js';
import { describeEvent } from '../../projections/describe.js';
import type { LedgerView } from '../../projections/ledger-view.js';
import { detailKindsOf } from '../domain/refusal-details.js';
import type { DomainError } from '../domain/errors.js';
import type { RefusalNames } from '../shared/refusal-say.js';
import type { EventStore } from '../store/port.js';
import type { LedgerReader } from './ledger-reader.js';

/**
 * The names a refusal's words use, from the ledger as it stands: the registry's names, what a
 * grant and a proposal are for, and the events its details name (read from the log of the
 * years the refusal is about). The edges (HTTP, CLI) call this before writing a refusal.
 */

/** Names from a view, with the events looked up beforehand. */
function namesFromView(view: LedgerView, events: ReadonlyMap<string, LedgerEvent> = new Map()): RefusalNames {
  const registry = view.registry;
  return {
    initiative: (id) => registry.initiatives.get(id)?.name,
    programmeArea: (id) => registry.programmeAreas.get(id)?.name,
    partner: (id) => registry.partners.get(id)?.name,
    member: (id) => registry.members.get(id)?.name,
    grant: (id) => {
      const grant = view.grants.get(id);
      return grant ? { initiativeId: grant.initiativeId, year: grant.year } : undefined;
    },
    proposal: (caseNumber, id) => {
      const proposal = view.proposals.get(id);
      if (!proposal || (caseNumber !== undefined && proposal.caseNumber !== caseNumber)) return undefined;
      const linked = view.proposalLinks.get(id);
      if (linked !== undefined) return { year: proposal.year, initiativeId: linked };
      return 'initiativeId' in proposal.target
        ? { year: proposal.year, initiativeId: proposal.target.initiativeId }
        : { year: proposal.year, newInitiativeName: proposal.target.newInitiativeName };
    },
    event: (id) => {
      const event = events.get(id);
      return event ? { description: describeEvent(event, view), effectiveDate: event.metadata.effectiveDate } : undefined;
    },
  };
}

/** The values of a refusal's details of some kinds (`event` ids, `year`s). */
function valuesOf(error: DomainError, kinds: readonly string[]): unknown[] {
  const details = error.details as Record<string, unknown>;
  return detailKindsOf(error.code)
    .filter((detail) => kinds.includes(detail.kind))
    .map((detail) => details[detail.name])
    .filter((value) => value !== undefined);
}

/** The events a refusal names, found among the events of the years it is about. */
async function eventsNamed(store: EventStore, view: LedgerView, error: DomainError): Promise<Map<string, LedgerEvent>> {
  const ids = new Set(valuesOf(error, ['event']).map(String));
  const found = new Map<string, LedgerEvent>();
  if (ids.size === 0) return found;
  const years = new Set(valuesOf(error, ['year']).map(Number));
  for (const year of years) {
    const positions = view.years.get(year)?.eventPositions ?? [];
    for (let start = 0; start < positions.length && found.size < ids.size; start += 500) {
      for (const record of await store.readPositions(positions.slice(start, start + 500)))
        if (ids.has(record.id)) found.set(record.id, parseStoredEvent(record));
    }
  }
  return found;
}

/** The names for a refusal's words; none when the ledger cannot be read (the words then show ids as typed). */
export async function refusalNames(ledger: { reader: LedgerReader; store: EventStore }, error: DomainError): Promise<RefusalNames> {
  const view = await ledger.reader.view();
  return namesFromView(view, await eventsNamed(ledger.store, view, error));
}
