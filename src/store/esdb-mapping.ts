import {
  ANY,
  ErrorType,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type Position,
} from '@eventstore/db-client';
import type { StoredRecord } from '../../events/catalogue.js';
import { ConcurrencyError, StoreUnavailableError } from './errors.js';
import type { ExpectedRevision } from './port.js';

/**
 * The pure half of the EventStoreDB store: how the ledger's ids, revisions,
 * metadata and positions map onto EventStoreDB's, and how the client's errors map
 * onto the port's. Nothing here talks to a server, so all of it is unit tested.
 */

// ---------------------------------------------------------------------------
// ULID ↔ UUID
// ---------------------------------------------------------------------------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CROCKFORD_VALUE = new Map([...CROCKFORD].map((character, index) => [character, BigInt(index)]));
/** Only canonical ULIDs: upper case, first character 0–7 (26 × 5 = 130 bits, the top two must be zero). */
const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * EventStoreDB event ids are UUIDs; the ledger's are ULIDs. Both are 128 bits, so a
 * ULID maps one-to-one onto a UUID: decode the 26 Crockford base-32 characters to
 * 16 bytes and print those as a UUID (no version bits are forced, which would lose
 * information). The same ULID always gives the same UUID, which is what makes the
 * server's own idempotency check (by event id) work for a retried append.
 * Only canonical upper-case ULIDs are accepted, so two spellings of one ULID can
 * never become two ledger ids with one EventStoreDB id.
 */
export function ulidToUuid(ulid: string): string {
  if (!ULID_PATTERN.test(ulid)) throw new TypeError(`event id "${ulid}" is not a canonical ULID`);
  let value = 0n;
  for (const character of ulid) value = (value << 5n) | CROCKFORD_VALUE.get(character)!;
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The inverse of `ulidToUuid`: any UUID is 128 bits and so one canonical ULID. */
export function uuidToUlid(uuid: string): string {
  if (!UUID_PATTERN.test(uuid)) throw new TypeError(`"${uuid}" is not a UUID`);
  let value = BigInt(`0x${uuid.replace(/-/g, '')}`);
  let ulid = '';
  for (let index = 0; index < 26; index++) {
    ulid = CROCKFORD[Number(value & 31n)]! + ulid;
    value >>= 5n;
  }
  return ulid;
}

// ---------------------------------------------------------------------------
// Revisions
// ---------------------------------------------------------------------------

/** The port's expected revision as the client's. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0)
        throw new RangeError(`expected revision must be a non-negative integer, not ${expected}`);
      return BigInt(expected);
  }
}

/**
 * The exact revision the store appends at, whatever the caller expected: the
 * store has read the stream's head (to continue its hash chain), so it appends only
 * if the head is still that one. That is what keeps the chain consistent under
 * concurrent writers.
 */
export function exactExpectedRevision(actual: number | null): AppendExpectedRevision {
  return actual === null ? NO_STREAM : toEsdbExpectedRevision(actual);
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

/** A stream revision from the client (bigint) as a number; revisions beyond 2^53 cannot occur in a ledger. */
export function revisionToNumber(revision: bigint): number {
  const value = Number(revision);
  if (revision < 0n || !Number.isSafeInteger(value)) throw new RangeError(`stream revision ${revision} is out of range`);
  return value;
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return (
    error instanceof WrongExpectedVersionError ||
    (error instanceof Error && (error as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION)
  );
}

/**
 * The stream's actual revision from the client's WrongExpectedVersionError.
 * The client reports it as `'no_stream'` or a bigint; when it builds the error from
 * the server's gRPC status metadata, a missing stream can also come as -1.
 */
export function actualRevisionOf(error: WrongExpectedVersionError): number | null {
  const actual: unknown = error.actualVersion;
  if (typeof actual === 'bigint') return actual < 0n ? null : revisionToNumber(actual);
  if (typeof actual === 'number') return actual < 0 ? null : actual;
  return null;
}

/** The client's conflict as the port's ConcurrencyError; the expected revision is the caller's, not the store's exact one. */
export function toConcurrencyError(stream: string, expected: ExpectedRevision, error: WrongExpectedVersionError): ConcurrencyError {
  return new ConcurrencyError(stream, expected, actualRevisionOf(error));
}

/** gRPC status codes that mean the server was not reached or did not answer in time. */
const UNAVAILABLE_GRPC_CODES = new Set([1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);
const UNAVAILABLE_ERROR_TYPES = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
  ErrorType.ACCESS_DENIED,
]);

/**
 * Whether a client error means "the store cannot be reached or refused us".
 * The client converts most gRPC failures to typed errors (`UnavailableError` …), but
 * some paths (the server-feature probe before an append) pass the raw gRPC error
 * through, which only carries a numeric `code`; cluster discovery fails with a
 * plain Error.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (typeof type === 'string') return UNAVAILABLE_ERROR_TYPES.has(type);
  if (typeof code === 'number') return UNAVAILABLE_GRPC_CODES.has(code);
  if (typeof code === 'string' && ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code)) return true;
  return /Failed to discover|No connection established|ECONNREFUSED/i.test(error.message);
}

/** A client error as the store throws it: unavailability becomes StoreUnavailableError naming the server. */
export function translateClientError(error: unknown, server: string, doing: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (isUnavailable(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    const refused = (error as { type?: unknown }).type === ErrorType.ACCESS_DENIED;
    return new StoreUnavailableError(
      `EventStoreDB at ${server} ${refused ? 'refused access' : 'is unavailable'} while ${doing}: ${detail}`,
      { cause: error },
    );
  }
  return error;
}

/** A stored event the ledger cannot use: not written by the ledger, or its ledger metadata is damaged. */
export class LedgerEventFormatError extends Error {
  readonly code = 'ledger-event-format';
  constructor(
    readonly streamName: string,
    readonly revision: number,
    readonly problem: string,
  ) {
    super(`event ${streamName}@${revision}: ${problem}`);
    this.name = 'LedgerEventFormatError';
  }
}

/** An EventStoreDB position the port's `number` positions cannot represent. */
export class UnsupportedPositionError extends Error {
  readonly code = 'unsupported-position';
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedPositionError';
  }
}

// ---------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------

/** What the ledger keeps beside the caller's metadata in the EventStoreDB metadata, under `$ledger`. */
export interface LedgerFields {
  /** The ledger's event id; the EventStoreDB id is its UUID form. */
  ulid: string;
  schemaVersion: number;
  /** This event's hash in its stream's chain, and the previous event's. */
  hash: string;
  previousHash: string;
  /**
   * A random id per append attempt. The server answers a repeated append of the
   * same event ids with plain success (it is idempotent), so reading this back is
   * how the store tells its own write from an earlier identical one.
   */
  appendId: string;
}

export const LEDGER_KEY = '$ledger';
const HASH_PATTERN = /^[0-9a-f]{64}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The EventStoreDB metadata of a ledger event: the caller's metadata object with a
 * `$ledger` entry added, so tools reading the server see the ledger's own fields
 * (actor, correlationId …) at the top. Metadata that is not a plain object, or
 * that has its own `$ledger` key, is kept whole inside `$ledger.metadata` instead,
 * so every value round-trips.
 */
export function packMetadata(metadata: unknown, fields: LedgerFields): Record<string, unknown> {
  const ledger = {
    ulid: fields.ulid,
    schemaVersion: fields.schemaVersion,
    hash: fields.hash,
    previousHash: fields.previousHash,
    appendId: fields.appendId,
  };
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
  const { ulid, schemaVersion, hash, previousHash, appendId } = ledger;
  if (typeof ulid !== 'string' || !ULID_PATTERN.test(ulid)) return { kind: 'malformed', problem: '$ledger.ulid is not a ULID' };
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 1)
    return { kind: 'malformed', problem: '$ledger.schemaVersion is not a positive integer' };
  if (typeof hash !== 'string' || !HASH_PATTERN.test(hash))
    return { kind: 'malformed', problem: '$ledger.hash is not a SHA-256 hex digest' };
  if (typeof previousHash !== 'string' || !HASH_PATTERN.test(previousHash))
    return { kind: 'malformed', problem: '$ledger.previousHash is not a SHA-256 hex digest' };
  if (typeof appendId !== 'string' || appendId.length === 0) return { kind: 'malformed', problem: '$ledger.appendId is missing' };
  const fields: LedgerFields = { ulid, schemaVersion, hash, previousHash, appendId };
  if (Object.prototype.hasOwnProperty.call(ledger, 'metadata')) return { kind: 'ledger', fields, metadata: ledger.metadata };
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (key !== LEDGER_KEY) metadata[key] = value;
  return { kind: 'ledger', fields, metadata };
}

/**
 * A JSON copy of a value, so the content that is hashed is exactly the content that
 * will be read back (a Date becomes its ISO string before hashing, not after).
 */
export function jsonCopy(value: unknown, what: string): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} must be a JSON value`);
  return JSON.parse(text) as unknown;
}

// ---------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------

/*
 * The port's global position is one JavaScript number per event; EventStoreDB's is
 * a {commit, prepare} pair of bigints (byte offsets in its transaction log).
 *
 * Every append through the gRPC API is written as one prepare record per event,
 * each flagged as committed on its own (there is no separate commit record), and
 * $all reads report such an event at (commit = prepare = the event's own log
 * position). So the events of one multi-event append do NOT share a commit position:
 * each has its own, unique and increasing in log order. Only events written inside
 * explicit transactions (legacy TCP API, never used by the ledger) have commit ≠
 * prepare and share their commit position.
 *
 * The ledger position is therefore that single log position. Resuming after it is
 * reading $all from {commit: p, prepare: p} (a record boundary, so a valid start)
 * and dropping the event at p itself: `readAll({ afterPosition })` stays exclusive.
 * Log positions are byte offsets, so 2^53 (8 PiB of log) is far away; the
 * conversion still checks it rather than silently losing precision.
 */

export function toLedgerPosition(position: Position | undefined, where: string): number {
  if (!position)
    throw new UnsupportedPositionError(`${where} has no log position (EventStoreDB 22.6 or later reports positions on stream reads)`);
  if (position.commit !== position.prepare)
    throw new UnsupportedPositionError(
      `${where} was written in an explicit transaction (commit ${position.commit} ≠ prepare ${position.prepare}); the ledger does not support that`,
    );
  const value = Number(position.commit);
  if (position.commit < 0n || !Number.isSafeInteger(value))
    throw new UnsupportedPositionError(`${where} is at log position ${position.commit}, beyond a safe JavaScript integer`);
  return value;
}

export function fromLedgerPosition(position: number): Position {
  if (!Number.isSafeInteger(position) || position < 0)
    throw new RangeError(`a global position must be a non-negative integer, not ${position}`);
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

/** Orders two log positions as $all does: by commit, then prepare. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

// ---------------------------------------------------------------------------
// Recorded events
// ---------------------------------------------------------------------------

/** The fields of the client's RecordedEvent the store uses. */
export interface EsdbRecordedEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position | undefined;
}

/** EventStoreDB's own events: `$`-prefixed types ($metadata, $>, $statsCollected …) and `$`-prefixed streams. */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/**
 * A recorded event as the port's StoredRecord; null for an event the ledger did not
 * write (no `$ledger` metadata). Throws LedgerEventFormatError for a ledger event
 * whose ledger metadata is damaged or whose EventStoreDB id is not its ULID's UUID.
 */
export function toStoredRecord(event: EsdbRecordedEvent): StoredRecord | null {
  const revision = revisionToNumber(event.revision);
  const unpacked = unpackMetadata(event.metadata);
  if (unpacked.kind === 'foreign') return null;
  if (unpacked.kind === 'malformed') throw new LedgerEventFormatError(event.streamId, revision, unpacked.problem);
  const { fields, metadata } = unpacked;
  if (ulidToUuid(fields.ulid) !== event.id.toLowerCase())
    throw new LedgerEventFormatError(event.streamId, revision, `event id ${event.id} is not the UUID of its ULID ${fields.ulid}`);
  if (!event.isJson) throw new LedgerEventFormatError(event.streamId, revision, 'data is not JSON');
  return {
    id: fields.ulid,
    stream: event.streamId,
    revision,
    position: toLedgerPosition(event.position, `event ${event.streamId}@${revision}`),
    type: event.type,
    schemaVersion: fields.schemaVersion,
    data: event.data,
    metadata,
    hash: fields.hash,
    previousHash: fields.previousHash,
  };
}

// ---------------------------------------------------------------------------
// Connection strings
// ---------------------------------------------------------------------------

/**
 * A connection string without credentials or options, for messages:
 * `esdb://admin:changeit@a:2113,b:2113?tls=true` → `esdb://a:2113,b:2113`.
 */
export function describeConnectionString(connectionString: string): string {
  const match = /^([a-z+]+):\/\/(?:[^@/?]*@)?([^/?]*)/i.exec(connectionString.trim());
  if (!match) return 'esdb://(invalid connection string)';
  return `${match[1]!.toLowerCase()}://${match[2]}`;
}
