import { createHash } from 'node:crypto';
import { parseStoredEvent, type StoredRecord } from '../../events/catalogue.js';
import { GENESIS_HASH, chainHash } from '../store/hash-chain.js';
import type { EventStore, EventToAppend } from '../store/port.js';
import { SqliteEventStore } from '../store/sqlite-store.js';

/**
 * Moving a ledger between stores. An export is NDJSON: one stored event a line, in
 * log order, then one last line `{"manifest": …}` whose checksum covers every
 * byte before it. Import checks the manifest, every stream's hash chain and every
 * event's schema before it writes anything, and writes only into an empty store.
 */
export const EXPORT_FORMAT = 'hfi-ledger-export/1';

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  source: string;
  events: number;
  /** SHA-256 of every line before the manifest line, newlines included. */
  sha256: string;
  streams: Record<string, { revision: number; headHash: string }>;
}

export interface ExportedEvent {
  stream: string;
  revision: number;
  position: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  previousHash: string;
  hash: string;
}

/** The export, line by line (each line ends with a newline). */
export async function* exportLines(store: EventStore, now: Date = new Date()): AsyncIterable<string> {
  const digest = createHash('sha256');
  const streams: ExportManifest['streams'] = {};
  let events = 0;
  for await (const record of store.readAll()) {
    const exported: ExportedEvent = {
      stream: record.stream,
      revision: record.revision,
      position: record.position,
      id: record.id,
      type: record.type,
      schemaVersion: record.schemaVersion,
      data: record.data,
      metadata: record.metadata,
      previousHash: record.previousHash,
      hash: record.hash,
    };
    const line = `${JSON.stringify(exported)}\n`;
    digest.update(line);
    streams[record.stream] = { revision: record.revision, headHash: record.hash };
    events += 1;
    yield line;
  }
  const manifest: ExportManifest = { format: EXPORT_FORMAT, exportedAt: now.toISOString(), source: store.description, events, sha256: digest.digest('hex'), streams };
  yield `${JSON.stringify({ manifest })}\n`;
}

/** An export that fails its checks. Nothing was imported. */
export class ImportRejectedError extends Error {
  readonly code = 'import-rejected';
  constructor(readonly problems: string[]) {
    super(`the export was not imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
    this.name = 'ImportRejectedError';
  }
}

/** Checks an export completely; returns its events in log order or throws ImportRejectedError. */
export function checkExport(text: string): { manifest: ExportManifest; events: ExportedEvent[] } {
  const trimmedEnd = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lastNewline = trimmedEnd.lastIndexOf('\n');
  const manifestLine = trimmedEnd.slice(lastNewline + 1);
  const body = lastNewline === -1 ? '' : trimmedEnd.slice(0, lastNewline + 1);
  let manifest: ExportManifest;
  try {
    manifest = (JSON.parse(manifestLine) as { manifest: ExportManifest }).manifest;
  } catch {
    throw new ImportRejectedError(['the last line is not a manifest']);
  }
  if (!manifest || manifest.format !== EXPORT_FORMAT) throw new ImportRejectedError([`the manifest is not of format ${EXPORT_FORMAT}`]);
  const problems: string[] = [];
  const checksum = createHash('sha256').update(body).digest('hex');
  if (checksum !== manifest.sha256) problems.push(`checksum ${checksum} does not match the manifest's ${manifest.sha256}`);
  const events: ExportedEvent[] = [];
  const chains = new Map<string, { revision: number; hash: string }>();
  body.split('\n').forEach((line, index) => {
    if (line === '') return;
    let event: ExportedEvent;
    try {
      event = JSON.parse(line) as ExportedEvent;
    } catch {
      problems.push(`line ${index + 1} is not JSON`);
      return;
    }
    const previous = chains.get(event.stream) ?? { revision: -1, hash: GENESIS_HASH };
    if (event.revision !== previous.revision + 1) problems.push(`line ${index + 1}: ${event.stream} revision ${event.revision} follows ${previous.revision}`);
    if (event.previousHash !== previous.hash) problems.push(`line ${index + 1}: ${event.stream}@${event.revision} breaks the hash chain`);
    if (chainHash(event.previousHash, event) !== event.hash) problems.push(`line ${index + 1}: ${event.stream}@${event.revision} does not match its hash`);
    try {
      parseStoredEvent({ ...event } as StoredRecord);
    } catch (error: unknown) {
      problems.push(`line ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
    chains.set(event.stream, { revision: event.revision, hash: event.hash });
    events.push(event);
  });
  if (events.length !== manifest.events) problems.push(`the manifest lists ${manifest.events} events but the file has ${events.length}`);
  for (const [stream, head] of Object.entries(manifest.streams ?? {})) {
    const chain = chains.get(stream);
    if (!chain || chain.revision !== head.revision || chain.hash !== head.headHash) problems.push(`stream ${stream} does not end where the manifest says`);
  }
  if (problems.length > 0) throw new ImportRejectedError(problems);
  return { manifest, events };
}

/** Imports a checked export into an empty store, keeping ids, streams, revisions and hashes. */
export async function importExport(store: EventStore, text: string, onProgress?: (done: number, total: number) => void): Promise<{ events: number; streams: number }> {
  const { events } = checkExport(text);
  if ((await store.headPosition()) !== 0) throw new ImportRejectedError([`the target store ${store.description} is not empty`]);
  const batches: { stream: string; firstRevision: number; events: EventToAppend[] }[] = [];
  for (const event of events) {
    const last = batches[batches.length - 1];
    const toAppend = { id: event.id, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: event.metadata };
    if (last && last.stream === event.stream && last.events.length < 500) last.events.push(toAppend);
    else batches.push({ stream: event.stream, firstRevision: event.revision, events: [toAppend] });
  }
  let done = 0;
  const appendAll = async (append: (stream: string, batch: EventToAppend[], expected: number | 'no-stream') => unknown) => {
    for (const batch of batches) {
      await append(batch.stream, batch.events, batch.firstRevision === 0 ? 'no-stream' : batch.firstRevision - 1);
      done += batch.events.length;
      onProgress?.(done, events.length);
    }
  };
  if (store instanceof SqliteEventStore) {
    // All or nothing in the embedded store: one transaction.
    store.transaction(() => {
      for (const batch of batches) {
        store.appendSync(batch.stream, batch.events, batch.firstRevision === 0 ? 'no-stream' : batch.firstRevision - 1);
        done += batch.events.length;
      }
    });
    onProgress?.(done, events.length);
  } else await appendAll((stream, batch, expected) => store.append(stream, batch, expected));
  return { events: events.length, streams: new Set(events.map((event) => event.stream)).size };
}
