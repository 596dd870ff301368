import { createHash } from 'node:crypto';
import { parseStoredEvent, type StoredRecord } from '../../events/catalogue.js';
import type { ExportedEvent, ExportManifest } from '../../src/app/transfer.js';
import { GENESIS_HASH, chainHash } from '../../src/store/hash-chain.js';
import type { EventToAppend } from '../../src/store/port.js';
import type { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { lines } from './common.js';

/**
 * A streaming import of an export file into an empty SQLite store, with the checks of
 * `importExport` (src/app/transfer.ts) line by line: the manifest checksum, every
 * stream's hash chain, every event's schema; then `appendSync`, which hashes each
 * event again into the store's own chain, in transactions of `transactionEvents`.
 * (`importExport` itself takes the whole export as one string, which a JavaScript
 * string cannot hold for a million events.)
 */
export async function importNdjson(
  path: string,
  store: SqliteEventStore,
  options: { transactionEvents?: number; onProgress?: (events: number) => void } = {},
): Promise<{ events: number; streams: number }> {
  const transactionEvents = options.transactionEvents ?? 50_000;
  const digest = createHash('sha256');
  const chains = new Map<string, { revision: number; hash: string }>();
  let pending: { stream: string; firstRevision: number; events: EventToAppend[] }[] = [];
  let pendingCount = 0;
  let events = 0;
  let manifest: ExportManifest | null = null;
  const flush = () => {
    const batches = pending;
    store.transaction(() => {
      for (const batch of batches) store.appendSync(batch.stream, batch.events, batch.firstRevision === 0 ? 'no-stream' : batch.firstRevision - 1);
    });
    pending = [];
    pendingCount = 0;
    options.onProgress?.(events);
  };
  for await (const line of lines(path)) {
    if (line.startsWith('{"manifest"')) {
      manifest = (JSON.parse(line) as { manifest: ExportManifest }).manifest;
      break;
    }
    digest.update(`${line}\n`);
    const event = JSON.parse(line) as ExportedEvent;
    const previous = chains.get(event.stream) ?? { revision: -1, hash: GENESIS_HASH };
    if (event.revision !== previous.revision + 1) throw new Error(`${event.stream}@${event.revision} follows ${previous.revision}`);
    if (event.previousHash !== previous.hash || chainHash(event.previousHash, event) !== event.hash) throw new Error(`${event.stream}@${event.revision} breaks the hash chain`);
    parseStoredEvent({ ...event } as StoredRecord);
    chains.set(event.stream, { revision: event.revision, hash: event.hash });
    const toAppend = { id: event.id, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: event.metadata };
    const last = pending[pending.length - 1];
    if (last && last.stream === event.stream && last.events.length < 500) last.events.push(toAppend);
    else pending.push({ stream: event.stream, firstRevision: event.revision, events: [toAppend] });
    pendingCount += 1;
    events += 1;
    if (pendingCount >= transactionEvents) flush();
  }
  if (!manifest) throw new Error('the export has no manifest line');
  if (digest.digest('hex') !== manifest.sha256) throw new Error('the export does not match its manifest checksum');
  if (manifest.events !== events) throw new Error(`the manifest lists ${manifest.events} events, the file has ${events}`);
  // In this streaming form the checksum is known only at the end; a real import would
  // check it first (a second pass) or roll back. The benchmark data is trusted.
  if (pendingCount > 0) flush();
  return { events, streams: chains.size };
}
