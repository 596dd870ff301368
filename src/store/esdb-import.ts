import { batchesOf } from './batches.js';
import type { ImportedEvent } from './port.js';

/**
 * How the EventStoreDB store takes an import: EventStoreDB refuses an append over its
 * maximum append size (1 MiB by default), so an import goes in batches well under it,
 * each counted as its events' data and metadata plus what the store writes beside each
 * (the logical stream, revision, both hashes, the ULID and the append id: see
 * `eventDataOf` in esdb-mapping.ts).
 */
export const ESDB_IMPORT_BATCH_BYTES = 512 * 1024;
const ESDB_IMPORT_BATCH_EVENTS = 1000;
const STORED_BESIDE_EVENT_BYTES = 1024;

/** The bytes one event of an import takes in an append, counted generously. */
function appendBytesOf(event: ImportedEvent): number {
  return Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata)) + STORED_BESIDE_EVENT_BYTES;
}

/** The events in order, in batches of whole events under `ESDB_IMPORT_BATCH_BYTES` and at most a thousand events. */
export function esdbImportBatches<E extends ImportedEvent>(events: Iterable<E>): Generator<E[]> {
  return batchesOf(events, { maxItems: ESDB_IMPORT_BATCH_EVENTS, maxBytes: ESDB_IMPORT_BATCH_BYTES, sizeOf: appendBytesOf });
}
