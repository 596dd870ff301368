import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { checkStoredEvent } from '../../events/catalogue.js';
import { GENESIS_HASH, chainHash } from '../store/hash-chain.js';
import { EMPTY_LOG_HEAD, logChainHash, type LogChainHead } from '../store/log-chain.js';
import { hasLogChain, type ChainedRecord, type EventStore, type EventToAppend } from '../store/port.js';
import { SqliteEventStore } from '../store/sqlite-store.js';

/**
 * Moving a ledger between stores. An export is NDJSON: one stored event a line, in
 * log order, each with its link in the log chain (`logHash`), then one last line
 * `{"manifest": …}` whose checksum covers every byte before it and which names the
 * head of the log chain. Import checks the manifest, every stream's hash chain, the
 * log chain and every event's schema before it writes anything, and writes only into
 * an empty store. Exports of format 1 (before the log chain) are still imported.
 */
export const EXPORT_FORMAT = 'hfi-ledger-export/2';
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
  for await (const record of chainedRecords(store)) {
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

/** Where an export's lines come from; read twice (check, then write), so a file is never held whole. */
export type ExportSource = { text: string } | { file: string };

/** The lines of an export, read synchronously; a file is read in chunks. */
function* linesOf(source: ExportSource): Generator<string> {
  if ('text' in source) {
    yield* source.text.split('\n');
    return;
  }
  const descriptor = openSync(source.file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(1 << 20);
    let pending = '';
    for (;;) {
      const read = readSync(descriptor, buffer, 0, buffer.length, null);
      if (read === 0) break;
      pending += decoder.write(buffer.subarray(0, read));
      const lines = pending.split('\n');
      pending = lines.pop()!;
      yield* lines;
    }
    yield pending + decoder.end();
  } finally {
    closeSync(descriptor);
  }
}

/** The exported events of a source in order, each with its line number, and the manifest line last. */
function* recordsOf(source: ExportSource): Generator<{ line: number; text: string; last: boolean }> {
  let held: { line: number; text: string } | null = null;
  let number = 0;
  for (const text of linesOf(source)) {
    number += 1;
    if (text === '') continue;
    if (held) yield { ...held, last: false };
    held = { line: number, text };
  }
  if (held) yield { ...held, last: true };
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
    problems.unshift(`the last line is not a manifest of format ${EXPORT_FORMAT}`);
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
 * Into the embedded store in one pass and one transaction: each event is written as
 * soon as its checks pass, and any problem — including a checksum or manifest that
 * does not match at the end — rolls the whole import back. Into other stores the
 * export is checked completely first, then written in batches, streamed from the source.
 */
export async function importExport(
  store: EventStore,
  source: string | ExportSource,
  onProgress?: (done: number, total: number) => void,
): Promise<{ events: number; streams: number }> {
  const from: ExportSource = typeof source === 'string' ? { text: source } : source;
  if (store instanceof SqliteEventStore) return importIntoSqlite(store, from, onProgress);
  const { events: total } = checkExportSource(from);
  if ((await store.headPosition()) !== 0) throw new ImportRejectedError([`the target store ${store.description} is not empty`]);
  const streams = new Set<string>();
  function* batches(): Generator<{ stream: string; expected: number | 'no-stream'; events: EventToAppend[] }> {
    let batch: { stream: string; firstRevision: number; events: EventToAppend[] } | null = null;
    for (const { text, last } of recordsOf(from)) {
      if (last) break;
      const event = JSON.parse(text) as ExportedEvent;
      streams.add(event.stream);
      const toAppend = { id: event.id, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: event.metadata };
      if (batch && batch.stream === event.stream && batch.events.length < 500) batch.events.push(toAppend);
      else {
        if (batch)
          yield { stream: batch.stream, expected: batch.firstRevision === 0 ? 'no-stream' : batch.firstRevision - 1, events: batch.events };
        batch = { stream: event.stream, firstRevision: event.revision, events: [toAppend] };
      }
    }
    if (batch)
      yield { stream: batch.stream, expected: batch.firstRevision === 0 ? 'no-stream' : batch.firstRevision - 1, events: batch.events };
  }
  let done = 0;
  for (const batch of batches()) {
    await store.append(batch.stream, batch.events, batch.expected);
    done += batch.events.length;
    onProgress?.(done, total);
  }
  onProgress?.(done, total);
  return { events: done, streams: streams.size };
}

function importIntoSqlite(
  store: SqliteEventStore,
  source: ExportSource,
  onProgress?: (done: number, total: number) => void,
): { events: number; streams: number } {
  return store.bulkLoad(() => {
    if (store.headPositionNow() !== 0) throw new ImportRejectedError([`the target store ${store.description} is not empty`]);
    const outcome = { problems: [] as string[], manifest: null as ExportManifest | null, events: 0 };
    const streams = new Set<string>();
    let done = 0;
    for (const event of checkedEvents(source, outcome)) {
      // Once anything is wrong the import will roll back: check the rest, write nothing more.
      if (outcome.problems.length > 0) continue;
      store.insertCheckedSync(event);
      streams.add(event.stream);
      done += 1;
      if (onProgress && done % 10_000 === 0) onProgress(done, 0);
    }
    if (outcome.problems.length > 0 || !outcome.manifest) throw new ImportRejectedError(outcome.problems);
    onProgress?.(done, done);
    return { events: done, streams: streams.size };
  });
}
