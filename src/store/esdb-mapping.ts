import { randomUUID } from 'node:crypto';
import type { EventData, JSONType } from '@eventstore/db-client';
import type { StoredRecord } from '../../events/catalogue.js';
import { DuplicateEventError } from './errors.js';
import { LedgerEventFormatError } from './esdb-errors.js';
import type { EventToAppend, ExpectedRevision } from './port.js';

/**
 * The pure half of the EventStoreDB store: how a ledger event is written as an event of
 * the one EventStoreDB stream that holds the whole ledger (see docs/eventstoredb.md), and
 * read back. Nothing here talks to a server, so all of it is unit tested.
 *
 * - The ledger's position of an event is its revision in that stream plus one: dense,
 *   1, 2, 3 …, like the SQLite store's.
 * - The logical stream (`registry`, `case-22.25`, `year-2025`), the revision in it, the
 *   stream's hash chain and the event's link in the log chain (src/store/log-chain.ts)
 *   are kept in the event metadata under `$ledger`.
 * - The ledger's event id (a ULID) is in the metadata too. The EventStoreDB event id is
 *   a fresh UUID per append attempt, never derived from it: the server answers an append
 *   of ids it already holds at that place with plain success, which would hide from a
 *   writer that another process wrote the very same events; with fresh ids it refuses
 *   instead, and the store finds the events by their ledger ids (see `LedgerIndex`).
 */

// ---------------------------------------------------------------------------
// Event ids
// ---------------------------------------------------------------------------

/** Only canonical ULIDs: upper case, first character 0–7 (26 × 5 = 130 bits, the top two must be zero). */
const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Refuses an id that is not a canonical ULID, so two spellings of one id can never be two events. */
export function checkUlid(id: string): string {
  if (typeof id !== 'string' || !ULID_PATTERN.test(id)) throw new TypeError(`event id "${String(id)}" is not a canonical ULID`);
  return id;
}

// ---------------------------------------------------------------------------
// Positions, revisions, the log chain
// ---------------------------------------------------------------------------

/** The ledger position of the event at this revision of the ledger stream. */
export const positionOfRevision = (revision: number): number => revision + 1;

/** The ledger stream's revision that holds this ledger position. */
export const revisionOfPosition = (position: number): number => position - 1;

/** A stream revision from the client (bigint) as a number; revisions beyond 2^53 cannot occur in a ledger. */
export function revisionToNumber(revision: bigint): number {
  const value = Number(revision);
  if (revision < 0n || !Number.isSafeInteger(value)) throw new RangeError(`stream revision ${revision} is out of range`);
  return value;
}

/** Whether a stream at `actual` satisfies what a writer expected (the same rule as the SQLite store). */
export function satisfiesExpected(expected: ExpectedRevision, actual: number | null): boolean {
  return (
    expected === 'any' ||
    (expected === 'no-stream' && actual === null) ||
    (expected === 'exists' && actual !== null) ||
    (typeof expected === 'number' && actual === expected)
  );
}

// ---------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------

/** What the ledger keeps beside the caller's metadata, under `$ledger`. */
export interface LedgerFields {
  /** The ledger's event id. */
  ulid: string;
  schemaVersion: number;
  /** The logical stream and the event's revision in it. */
  stream: string;
  revision: number;
  /** This event's hash in its logical stream's chain, and the previous event's. */
  hash: string;
  previousHash: string;
  /** This event's link in the log chain (`logChainHash`), computed when it was appended. */
  logHash: string;
  /**
   * A random id per append call. The server answers a repeated append of the same ids
   * with plain success, so reading this back tells the store's own write from an
   * earlier identical one.
   */
  appendId: string;
}

const LEDGER_KEY = '$ledger';
const HASH_PATTERN = /^[0-9a-f]{64}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The EventStoreDB metadata of a ledger event: the caller's metadata object with a
 * `$ledger` entry added, so tools reading the server see the ledger's own fields (actor,
 * idempotencyKey …) at the top. Metadata that is not a plain object, or that has its own
 * `$ledger` key, is kept whole inside `$ledger.metadata` instead, so every value round-trips.
 */
export function packMetadata(metadata: unknown, fields: LedgerFields): Record<string, unknown> {
  const { ulid, schemaVersion, stream, revision, hash, previousHash, logHash, appendId } = fields;
  const ledger = { ulid, schemaVersion, stream, revision, hash, previousHash, logHash, appendId };
  if (isPlainObject(metadata) && !Object.prototype.hasOwnProperty.call(metadata, LEDGER_KEY)) return { ...metadata, [LEDGER_KEY]: ledger };
  return { [LEDGER_KEY]: { ...ledger, metadata } };
}

export type UnpackedMetadata =
  { kind: 'ledger'; fields: LedgerFields; metadata: unknown } | { kind: 'foreign' } | { kind: 'malformed'; problem: string };

/** The inverse of `packMetadata`; tells events the ledger did not write (`foreign`) from damaged ones. */
export function unpackMetadata(raw: unknown): UnpackedMetadata {
  if (!isPlainObject(raw) || !Object.prototype.hasOwnProperty.call(raw, LEDGER_KEY)) return { kind: 'foreign' };
  const ledger = raw[LEDGER_KEY];
  if (!isPlainObject(ledger)) return { kind: 'malformed', problem: '$ledger metadata is not an object' };
  const problem = problemOf(ledger);
  if (problem) return { kind: 'malformed', problem };
  const { ulid, schemaVersion, stream, revision, hash, previousHash, logHash, appendId } = ledger as unknown as LedgerFields;
  const fields: LedgerFields = { ulid, schemaVersion, stream, revision, hash, previousHash, logHash, appendId };
  if (Object.prototype.hasOwnProperty.call(ledger, 'metadata')) return { kind: 'ledger', fields, metadata: ledger.metadata };
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (key !== LEDGER_KEY) metadata[key] = value;
  return { kind: 'ledger', fields, metadata };
}

const isCount = (value: unknown, least: number): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= least;
const isHash = (value: unknown): boolean => typeof value === 'string' && HASH_PATTERN.test(value);

function problemOf(ledger: Record<string, unknown>): string | null {
  if (typeof ledger.ulid !== 'string' || !ULID_PATTERN.test(ledger.ulid)) return '$ledger.ulid is not a ULID';
  if (!isCount(ledger.schemaVersion, 1)) return '$ledger.schemaVersion is not a positive integer';
  if (typeof ledger.stream !== 'string' || ledger.stream.length === 0) return '$ledger.stream is missing';
  if (!isCount(ledger.revision, 0)) return '$ledger.revision is not a non-negative integer';
  for (const key of ['hash', 'previousHash', 'logHash'] as const)
    if (!isHash(ledger[key])) return `$ledger.${key} is not a SHA-256 hex digest`;
  if (typeof ledger.appendId !== 'string' || ledger.appendId.length === 0) return '$ledger.appendId is missing';
  return null;
}

/**
 * A JSON copy of a value, so the content that is hashed is exactly the content that will
 * be read back (a Date becomes its ISO string before hashing, not after).
 */
export function jsonCopy(value: unknown, what: string): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} must be a JSON value`);
  return JSON.parse(text) as unknown;
}

// ---------------------------------------------------------------------------
// Recorded events
// ---------------------------------------------------------------------------

/** The fields of the client's RecordedEvent the store uses. */
export interface EsdbRecordedEvent {
  streamId: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
}

/** A ledger event as read from the ledger stream: the port's record and what the store keeps of it. */
export interface LedgerRecord extends StoredRecord {
  logHash: string;
  appendId: string;
}

/**
 * An event of the ledger stream as the ledger's record. Throws LedgerEventFormatError for
 * an event the ledger did not write (another application appended to the ledger's
 * stream) or damaged ledger metadata.
 */
export function toLedgerRecord(event: EsdbRecordedEvent): LedgerRecord {
  const revision = revisionToNumber(event.revision);
  const unpacked = unpackMetadata(event.metadata);
  if (unpacked.kind === 'foreign') throw new LedgerEventFormatError(event.streamId, revision, 'the event was not written by the ledger');
  if (unpacked.kind === 'malformed') throw new LedgerEventFormatError(event.streamId, revision, unpacked.problem);
  const { fields, metadata } = unpacked;
  if (!event.isJson) throw new LedgerEventFormatError(event.streamId, revision, 'data is not JSON');
  return {
    id: fields.ulid,
    stream: fields.stream,
    revision: fields.revision,
    position: positionOfRevision(revision),
    type: event.type,
    schemaVersion: fields.schemaVersion,
    data: event.data,
    metadata,
    hash: fields.hash,
    previousHash: fields.previousHash,
    logHash: fields.logHash,
    appendId: fields.appendId,
  };
}

/** The idempotency key a command's events carry in their metadata, if any. */
export function idempotencyKeyOf(metadata: unknown): string | null {
  if (!isPlainObject(metadata)) return null;
  const key = metadata.idempotencyKey;
  return typeof key === 'string' ? key : null;
}

/**
 * What an event costs of the server's maximum append size, from above: its data and its
 * metadata as JSON bytes, plus the `$ledger` fields, the type and the framing.
 */
export function appendBytesOf(event: { type: string; data: unknown; metadata: unknown }, stream: string): number {
  return (
    Buffer.byteLength(JSON.stringify(event.data) ?? '') +
    Buffer.byteLength(JSON.stringify(event.metadata) ?? '') +
    Buffer.byteLength(event.type) +
    Buffer.byteLength(stream) +
    LEDGER_FIELDS_BYTES
  );
}

/** An event planned for the ledger stream, with its place and its links. */
export interface PlannedEvent {
  event: { id: string; type: string; schemaVersion: number; data: unknown; metadata: unknown };
  stream: string;
  revision: number;
  position: number;
  hash: string;
  previousHash: string;
  logHash: string;
}

/** The `$ledger` fields of one event (three hashes, ids, numbers, keys) and the protobuf framing, from above. */
const LEDGER_FIELDS_BYTES = 640;

// ---------------------------------------------------------------------------
// Appends
// ---------------------------------------------------------------------------

export function checkStreamName(stream: string): string {
  if (typeof stream !== 'string' || stream.length === 0) throw new RangeError('stream name must not be empty');
  return stream;
}

export function prepare(events: EventToAppend[], seen: Set<string>): EventToAppend[] {
  if (events.length === 0) throw new RangeError('append needs at least one event');
  return events.map((event) => {
    checkUlid(event.id);
    if (seen.has(event.id)) throw new DuplicateEventError(event.id, 'appears twice in the batch');
    seen.add(event.id);
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1)
      throw new RangeError(`event ${event.id}: schemaVersion must be a positive integer`);
    return {
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: jsonCopy(event.data, `event ${event.id} data`),
      metadata: jsonCopy(event.metadata, `event ${event.id} metadata`),
    };
  });
}

export function eventDataOf(write: PlannedEvent, appendId: string): EventData {
  const { event, stream, revision, hash, previousHash, logHash } = write;
  return {
    // A fresh id per attempt (see esdb-mapping.ts): the server then refuses, rather than
    // quietly accepts, a second write of events another process wrote at that place.
    id: randomUUID(),
    contentType: 'application/json',
    type: event.type,
    // The client serialises any JSON value; its type only names objects, arrays and strings.
    data: event.data as JSONType,
    metadata: packMetadata(event.metadata, {
      ulid: event.id,
      schemaVersion: event.schemaVersion,
      stream,
      revision,
      hash,
      previousHash,
      logHash,
      appendId,
    }),
  };
}

export function recordOf(write: PlannedEvent): StoredRecord {
  const { event, stream, revision, position, hash, previousHash } = write;
  return { ...event, stream, revision, position, hash, previousHash };
}

/** The port's record: without what only the store keeps. */
export function portRecord(record: LedgerRecord): StoredRecord {
  const { logHash: _logHash, appendId: _appendId, ...stored } = record;
  return stored;
}
