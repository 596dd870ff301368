import { createHash } from 'node:crypto';
import { checkStoredEvent } from '../../events/catalogue.js';
import { chainHash } from '../store/hash-chain.js';
import { GENESIS_HASH } from '../../events/envelope.js';
import { EMPTY_LOG_HEAD, logChainHash, type LogChainHead } from '../store/log-chain.js';
import {
  hasImportBatches,
  hasLogChain,
  hasOneWriteImport,
  type ChainedRecord,
  type EventStore,
  type OneWriteImport,
  type StreamAppend,
} from '../store/port.js';
import { batchesOf } from '../store/batches.js';
import { recordsOf, type ExportSource } from './export-source.js';

export type { ExportSource } from './export-source.js';

/**
 * Moving a ledger between stores. An export is NDJSON: one stored event a line, in
 * log order, each with its link in the log chain (`logHash`), then one last line
 * `{"manifest": …}` whose checksum covers every byte before it and which names the
 * head of the log chain. Import checks the manifest, every stream's hash chain, the
 * log chain and every event's schema before it writes anything, and writes only into
 * an empty store. Exports of format 1 (before the log chain) are still imported.
 */
const EXPORT_FORMAT = 'hfi-ledger-export/2';
const EXPORT_FORMATS: readonly string[] = ['hfi-ledger-export/1', EXPORT_FORMAT];

export interface ExportManifest {
  format: typeof EXPORT_FORMAT | 'hfi-ledger-export/1';
  exportedAt: string;
  source: string;
  events: number;
  /** SHA-256 of every line before the manifest line, newlines included. */
  sha256: string;
  streams: Record<string, { revision: number; headHash: string }>;
  /** The last event's position and link in the log chain (format 2). */
  logHead?: LogChainHead;
  /** The highest schema version of each event type in the export (written since per-type versions; informative). */
  schemaVersions?: Record<string, number>;
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
  /** The event's link in the log chain (format 2). */
  logHash?: string;
}

/** The events of a store with their links: as the store keeps them, or computed where it keeps none. */
async function* chainedRecords(store: EventStore): AsyncIterable<ChainedRecord> {
  if (hasLogChain(store)) {
    yield* store.readChained();
    return;
  }
  let link = EMPTY_LOG_HEAD.hash;
  for await (const record of store.readAll()) {
    link = logChainHash(link, record.position, record.hash);
    yield { ...record, logHash: link };
  }
}

/** The export, line by line (each line ends with a newline). */
export async function* exportLines(store: EventStore, now: Date = new Date()): AsyncIterable<string> {
  const digest = createHash('sha256');
  const streams: ExportManifest['streams'] = {};
  let events = 0;
  let logHead = EMPTY_LOG_HEAD;
  const schemaVersions: Record<string, number> = {};
  for await (const record of chainedRecords(store)) {
    schemaVersions[record.type] = Math.max(schemaVersions[record.type] ?? 0, record.schemaVersion);
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
      logHash: record.logHash,
    };
    const line = `${JSON.stringify(exported)}\n`;
    digest.update(line);
    streams[record.stream] = { revision: record.revision, headHash: record.hash };
    logHead = { position: record.position, hash: record.logHash };
    events += 1;
    yield line;
  }
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    source: store.description,
    events,
    sha256: digest.digest('hex'),
    streams,
    logHead,
    schemaVersions,
  };
  yield `${JSON.stringify({ manifest })}\n`;
}

/** An export that fails its checks. Nothing was imported. */
export class ImportRejectedError extends Error {
  readonly code = 'import-rejected';
  constructor(readonly problems: string[]) {
    super(
      `the export was not imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`,
    );
    this.name = 'ImportRejectedError';
  }
}

/**
 * The events of an export, each yielded once its hash chain link, its hash and its
 * schema are checked; problems are collected (up to about a hundred) rather than
 * thrown, and after the last event the manifest is checked against what was read.
 * An event with a problem is not yielded.
 */
function* checkedEvents(
  source: ExportSource,
  outcome: { problems: string[]; manifest: ExportManifest | null; events: number },
): Generator<ExportedEvent> {
  const { problems } = outcome;
  const digest = createHash('sha256');
  const chains = new Map<string, { revision: number; hash: string }>();
  const log = { link: EMPTY_LOG_HEAD.hash, position: 0, linked: 0 };
  for (const { line, text, last } of recordsOf(source)) {
    if (last) {
      try {
        outcome.manifest = (JSON.parse(text) as { manifest: ExportManifest }).manifest;
      } catch {
        outcome.manifest = null;
      }
      break;
    }
    digest.update(`${text}\n`);
    let event: ExportedEvent;
    try {
      event = JSON.parse(text) as ExportedEvent;
    } catch {
      problems.push(`line ${line} is not JSON`);
      continue;
    }
    outcome.events += 1;
    const before = problems.length;
    const previous = chains.get(event.stream) ?? { revision: -1, hash: GENESIS_HASH };
    if (event.revision !== previous.revision + 1)
      problems.push(`line ${line}: ${event.stream} revision ${event.revision} follows ${previous.revision}`);
    if (event.previousHash !== previous.hash) problems.push(`line ${line}: ${event.stream}@${event.revision} breaks the hash chain`);
    if (chainHash(event.previousHash, event) !== event.hash)
      problems.push(`line ${line}: ${event.stream}@${event.revision} does not match its hash`);
    try {
      checkStoredEvent(event);
    } catch (error: unknown) {
      problems.push(`line ${line}: ${error instanceof Error ? error.message : String(error)}`);
    }
    chains.set(event.stream, { revision: event.revision, hash: event.hash });
    problems.push(...logLinkProblems(log, event, line));
    if (problems.length > 100) return;
    if (problems.length === before) yield event;
  }
  const { manifest } = outcome;
  if (!manifest || !EXPORT_FORMATS.includes(manifest.format)) {
    const format: unknown = manifest?.format;
    const version = typeof format === 'string' ? /^hfi-ledger-export\/(\d+)$/.exec(format)?.[1] : undefined;
    problems.unshift(
      version !== undefined && Number(version) > EXPORT_FORMATS.length
        ? `the export is of format ${String(format)}, written by a newer release; this release reads ${EXPORT_FORMATS.join(' and ')}: upgrade the ledger to import it`
        : `the last line is not a manifest of format ${EXPORT_FORMAT}`,
    );
    return;
  }
  if (manifest.format === EXPORT_FORMAT) {
    if (log.linked !== outcome.events) problems.push(`${outcome.events - log.linked} event(s) have no logHash`);
    if (manifest.logHead?.position !== log.position || manifest.logHead.hash !== log.link)
      problems.push('the log chain does not end where the manifest says');
  }
  const checksum = digest.digest('hex');
  if (checksum !== manifest.sha256) problems.unshift(`checksum ${checksum} does not match the manifest's ${manifest.sha256}`);
  if (outcome.events !== manifest.events) problems.push(`the manifest lists ${manifest.events} events but the file has ${outcome.events}`);
  for (const [stream, head] of Object.entries(manifest.streams ?? {})) {
    const chain = chains.get(stream);
    if (!chain || chain.revision !== head.revision || chain.hash !== head.headHash)
      problems.push(`stream ${stream} does not end where the manifest says`);
  }
  if (manifest.streams)
    for (const stream of chains.keys()) if (!(stream in manifest.streams)) problems.push(`stream ${stream} is not in the manifest`);
}

/** What is wrong with an exported event's place in the log chain; the chain goes on from its stated link. */
function logLinkProblems(log: { link: string; position: number; linked: number }, event: ExportedEvent, line: number): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(event.position) || event.position <= log.position)
    problems.push(`line ${line}: position ${event.position} does not follow position ${log.position}`);
  log.link = logChainHash(log.link, event.position, event.hash);
  log.position = event.position;
  if (event.logHash === undefined) return problems;
  log.linked += 1;
  if (event.logHash !== log.link) {
    problems.push(`line ${line}: the log chain breaks at position ${event.position} (an event was changed, moved or removed)`);
    log.link = event.logHash;
  }
  return problems;
}

/**
 * Checks an export completely — the manifest's checksum and counts, every stream's hash
 * chain, every event's schema — reading it once, line by line. Throws
 * ImportRejectedError listing the problems.
 */
export function checkExportSource(source: ExportSource): { manifest: ExportManifest; events: number } {
  const outcome = { problems: [] as string[], manifest: null as ExportManifest | null, events: 0 };
  for (const _ of checkedEvents(source, outcome));
  if (outcome.problems.length > 0 || !outcome.manifest) throw new ImportRejectedError(outcome.problems);
  return { manifest: outcome.manifest, events: outcome.events };
}

/** The events of an export in order, as written (unchecked: check the export first). */
export function* exportedEvents(source: ExportSource): Generator<ExportedEvent> {
  for (const { text, last } of recordsOf(source)) {
    if (last) return;
    yield JSON.parse(text) as ExportedEvent;
  }
}

/** Checks an export held in a string; returns its manifest and events. */
export function checkExport(text: string): { manifest: ExportManifest; events: ExportedEvent[] } {
  const { manifest } = checkExportSource({ text });
  const events: ExportedEvent[] = [];
  for (const { text: line, last } of recordsOf({ text })) if (!last) events.push(JSON.parse(line) as ExportedEvent);
  return { manifest, events };
}

/**
 * Imports an export into an empty store, keeping ids, streams, revisions and hashes.
 * Into a store that takes an import in one write (SQLite): in one pass, each event written
 * as soon as its checks pass, and any problem — including a checksum or manifest that
 * does not match at the end — undoes the whole import. Into other stores the export is
 * checked completely first, then written in batches (see `importInBatches`).
 */
export async function importExport(
  store: EventStore,
  source: string | ExportSource,
  onProgress?: (done: number, total: number) => void,
): Promise<{ events: number; streams: number; resumedAfter?: number }> {
  const from: ExportSource = typeof source === 'string' ? { text: source } : source;
  if (hasOneWriteImport(store)) return importInOneWrite(store, from, onProgress);
  const { events: total, manifest } = checkExportSource(from);
  const outcome = await importInBatches(store, from, total, onProgress);
  await checkLogHead(store, manifest);
  return outcome;
}

/** Events an append into a store that declares no batches of its own: a step an interrupted import goes on from, and a progress report. */
const IMPORT_BATCH_EVENTS = 1000;

/**
 * The batched import through the port: batches as the store declares them (EventStoreDB:
 * under its maximum append size), each appended as one (several streams at once) on the
 * condition that the log still ends where the previous batch left it. An interrupted import
 * leaves a prefix of the export in the store: run again, it finds that prefix (same ids,
 * streams, revisions and hashes, in order) and goes on after it. A store holding anything
 * else is refused as not empty.
 */
async function importInBatches(
  store: EventStore,
  from: ExportSource,
  total: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ events: number; streams: number; resumedAfter?: number }> {
  const already = await importedPrefix(store, from);
  const streams = new Set<string>();
  function* toWrite(): Generator<ExportedEvent> {
    let read = 0;
    for (const { text, last } of recordsOf(from)) {
      if (last) return;
      const event = JSON.parse(text) as ExportedEvent;
      streams.add(event.stream);
      read += 1;
      if (read > already) yield event;
    }
  }
  const batches = hasImportBatches(store) ? store.importBatches(toWrite()) : batchesOf(toWrite(), { maxItems: IMPORT_BATCH_EVENTS });
  let done = already;
  for (const batch of batches) {
    await appendImportBatch(store, batch, done);
    done += batch.length;
    onProgress?.(done, total);
  }
  return { events: done, streams: streams.size, ...(already > 0 ? { resumedAfter: already } : {}) };
}

/**
 * A store that keeps the log chain links each event over its position: imported into an
 * empty store, the events take the export's positions, so the chain must end where the
 * export's does. (An export of a log with gaps gets new positions, and a new chain.)
 */
async function checkLogHead(store: EventStore, manifest: ExportManifest): Promise<void> {
  if (!hasLogChain(store) || manifest.logHead === undefined || manifest.logHead.position !== manifest.events) return;
  const head = await store.logHead();
  if (head.position !== manifest.logHead.position || head.hash !== manifest.logHead.hash)
    throw new ImportRejectedError([
      `the events were imported, but ${store.description}'s log chain ends at ${head.position} with ${head.hash} where the export's ends at ${manifest.logHead.position} with ${manifest.logHead.hash}`,
    ]);
}

/** One batch, as one append of its runs of events per stream, at the log position the import has reached. */
async function appendImportBatch(store: EventStore, batch: ExportedEvent[], logPosition: number): Promise<void> {
  const parts: StreamAppend[] = [];
  for (const event of batch) {
    const toAppend = { id: event.id, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: event.metadata };
    const part = parts.at(-1);
    if (part && part.stream === event.stream) part.events.push(toAppend);
    else parts.push({ stream: event.stream, events: [toAppend], expected: event.revision === 0 ? 'no-stream' : event.revision - 1 });
  }
  const results = await store.appendMany(parts, { expectedLogPosition: logPosition });
  const hashes = results.flatMap((result) => result.hashes);
  batch.forEach((event, index) => {
    if (hashes[index] !== event.hash)
      throw new ImportRejectedError([
        `${event.stream}@${event.revision}: the store stored hash ${hashes[index]} where the export has ${event.hash}; the import stopped there`,
      ]);
  });
}

/**
 * How many events of the export the store already holds, as its first events in order
 * (an import that was interrupted); 0 for an empty store. Anything else in the store is
 * refused.
 */
async function importedPrefix(store: EventStore, from: ExportSource): Promise<number> {
  if ((await store.headPosition()) === 0) return 0;
  const exported = recordsOf(from);
  let count = 0;
  try {
    for await (const stored of store.readAll()) {
      const next = exported.next();
      const event = next.done || next.value.last ? null : (JSON.parse(next.value.text) as ExportedEvent);
      if (
        !event ||
        event.id !== stored.id ||
        event.stream !== stored.stream ||
        event.revision !== stored.revision ||
        event.hash !== stored.hash
      )
        throw new ImportRejectedError([
          `the target store ${store.description} is not empty: it holds other events than the start of this export (its event ${count + 1} differs)`,
        ]);
      count += 1;
    }
  } finally {
    // Closes the export file.
    exported.return(undefined);
  }
  return count;
}

function importInOneWrite(
  store: EventStore & OneWriteImport,
  source: ExportSource,
  onProgress?: (done: number, total: number) => void,
): { events: number; streams: number } {
  return store.importInOneWrite((target) => {
    if (!target.empty) throw new ImportRejectedError([`the target store ${store.description} is not empty`]);
    const outcome = { problems: [] as string[], manifest: null as ExportManifest | null, events: 0 };
    const streams = new Set<string>();
    let done = 0;
    for (const event of checkedEvents(source, outcome)) {
      // Once anything is wrong the import will be undone: check the rest, write nothing more.
      if (outcome.problems.length > 0) continue;
      target.write(event);
      streams.add(event.stream);
      done += 1;
      if (onProgress && done % 10_000 === 0) onProgress(done, 0);
    }
    if (outcome.problems.length > 0 || !outcome.manifest) throw new ImportRejectedError(outcome.problems);
    onProgress?.(done, done);
    return { events: done, streams: streams.size };
  });
}
