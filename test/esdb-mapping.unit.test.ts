import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ulid, ulidToUUID as libraryUlidToUuid } from 'ulid';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
// The protobuf message the server sends with a failed batch append; the client turns it into WrongExpectedVersionError.
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import { ConcurrencyError, StoreUnavailableError } from '../src/store/errors.js';
import { GENESIS_HASH, chainHash } from '../src/store/hash-chain.js';
import {
  LedgerEventFormatError,
  UnsupportedPositionError,
  actualRevisionOf,
  comparePositions,
  describeConnectionString,
  exactExpectedRevision,
  fromLedgerPosition,
  isSystemEvent,
  isUnavailable,
  isWrongExpectedVersion,
  jsonCopy,
  packMetadata,
  satisfiesExpected,
  toConcurrencyError,
  toEsdbExpectedRevision,
  toLedgerPosition,
  toStoredRecord,
  translateClientError,
  ulidToUuid,
  unpackMetadata,
  uuidToUlid,
  type EsdbRecordedEvent,
  type LedgerFields,
} from '../src/store/esdb-mapping.js';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe('ULID ↔ UUID', () => {
  it('maps a ULID onto the UUID of its 16 bytes and back', () => {
    expect(ulidToUuid('00000000000000000000000000')).toBe('00000000-0000-0000-0000-000000000000');
    expect(ulidToUuid('7ZZZZZZZZZZZZZZZZZZZZZZZZZ')).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff');
    expect(ulidToUuid('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe('01563e3a-b5d3-d676-4c61-efb99302bd5b');
    expect(uuidToUlid('01563e3a-b5d3-d676-4c61-efb99302bd5b')).toBe('01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(uuidToUlid('01563E3A-B5D3-D676-4C61-EFB99302BD5B')).toBe('01ARZ3NDEKTSV4RRFFQ69G5FAV');
  });

  it('agrees with the ulid package and round-trips generated ULIDs', () => {
    for (let index = 0; index < 500; index++) {
      const id = ulid();
      const uuid = ulidToUuid(id);
      expect(uuid).toBe(libraryUlidToUuid(id).toLowerCase());
      expect(uuidToUlid(uuid)).toBe(id);
    }
  });

  it('is a bijection between all canonical ULIDs and all UUIDs', () => {
    const uuidArbitrary = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => {
      const hex = Buffer.from(bytes).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    });
    fc.assert(
      fc.property(uuidArbitrary, (uuid) => {
        const id = uuidToUlid(uuid);
        expect(id).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
        expect(ulidToUuid(id)).toBe(uuid);
      }),
    );
    const random = randomUUID();
    expect(ulidToUuid(uuidToUlid(random))).toBe(random);
  });

  it('refuses ids that are not canonical ULIDs, so no two ledger ids share an EventStoreDB id', () => {
    expect(() => ulidToUuid('01arz3ndektsv4rrffq69g5fav')).toThrow(TypeError); // lower case
    expect(() => ulidToUuid('81ARZ3NDEKTSV4RRFFQ69G5FAV')).toThrow(TypeError); // beyond 128 bits
    expect(() => ulidToUuid('01ARZ3NDEKTSV4RRFFQ69G5FAU')).toThrow(TypeError); // U is not Crockford
    expect(() => ulidToUuid('01ARZ3NDEKTSV4RRFFQ69G5FA')).toThrow(TypeError); // 25 characters
    expect(() => uuidToUlid('not-a-uuid')).toThrow(TypeError);
  });
});

describe('expected revisions', () => {
  it('maps every expected revision onto the client', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
    expect(ANY).toBe('any');
    expect(NO_STREAM).toBe('no_stream');
    expect(STREAM_EXISTS).toBe('stream_exists');
  });

  it('refuses revisions that are not non-negative integers', () => {
    expect(() => toEsdbExpectedRevision(-1)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(1.5)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(Number.NaN)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(2 ** 53)).toThrow(RangeError);
  });

  it('appends at the exact head it read', () => {
    expect(exactExpectedRevision(null)).toBe(NO_STREAM);
    expect(exactExpectedRevision(0)).toBe(0n);
    expect(exactExpectedRevision(17)).toBe(17n);
  });

  it('checks a caller expectation the way the SQLite store does', () => {
    const table: [Parameters<typeof satisfiesExpected>[0], number | null, boolean][] = [
      ['any', null, true],
      ['any', 3, true],
      ['no-stream', null, true],
      ['no-stream', 0, false],
      ['exists', null, false],
      ['exists', 0, true],
      [2, 2, true],
      [2, 3, false],
      [0, null, false],
    ];
    for (const [expected, actual, fits] of table) expect(satisfiesExpected(expected, actual)).toBe(fits);
  });
});

describe('WrongExpectedVersionError → ConcurrencyError', () => {
  it('maps the error the client builds for a conflicting append response', () => {
    // What the client's unary append path constructs from a WrongExpectedVersion response.
    const error = new WrongExpectedVersionError(undefined, { streamName: 'case-22.25', expected: 0n, current: 1n });
    expect(isWrongExpectedVersion(error)).toBe(true);
    const mapped = toConcurrencyError('case-22.25', 0, error);
    expect(mapped).toBeInstanceOf(ConcurrencyError);
    expect(mapped).toMatchObject({ streamName: 'case-22.25', expectedRevision: 0, actualRevision: 1, code: 'concurrency-conflict' });

    const missing = new WrongExpectedVersionError(undefined, { streamName: 'year-2025', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(toConcurrencyError('year-2025', 'exists', missing)).toMatchObject({ expectedRevision: 'exists', actualRevision: null });
  });

  it('maps the error the client builds from a failed batch append (protobuf details)', () => {
    const details = new sharedPb.WrongExpectedVersion();
    details.setExpectedNoStream(new sharedPb.Empty());
    details.setCurrentStreamRevision('4');
    const error = WrongExpectedVersionError.fromWrongExpectedVersion(details, 'registry');
    expect(actualRevisionOf(error)).toBe(4);
    expect(toConcurrencyError('registry', 'no-stream', error)).toMatchObject({
      streamName: 'registry',
      expectedRevision: 'no-stream',
      actualRevision: 4,
    });

    const none = new sharedPb.WrongExpectedVersion();
    none.setExpectedStreamPosition('2');
    none.setCurrentNoStream(new sharedPb.Empty());
    expect(actualRevisionOf(WrongExpectedVersionError.fromWrongExpectedVersion(none, 'registry'))).toBeNull();
  });

  it('maps the error the client builds from a gRPC status with wrong-expected-version metadata', () => {
    const status = (actual: string) =>
      Object.assign(new Error('9 FAILED_PRECONDITION: Append failed due to WrongExpectedVersion.'), {
        code: 9,
        details: 'Append failed due to WrongExpectedVersion.',
        metadata: {
          getMap: () => ({
            exception: 'wrong-expected-version',
            'stream-name': 'case-22.25',
            'expected-version': '0',
            'actual-version': actual,
          }),
        },
      });
    const converted = convertToCommandError(status('1'));
    expect(converted).toBeInstanceOf(WrongExpectedVersionError);
    expect(isWrongExpectedVersion(converted)).toBe(true);
    expect(toConcurrencyError('case-22.25', 0, converted as WrongExpectedVersionError)).toMatchObject({ actualRevision: 1 });
    // An empty or negative actual version is how the server reports "no stream" there.
    expect(actualRevisionOf(convertToCommandError(status('')) as WrongExpectedVersionError)).toBeNull();
    expect(actualRevisionOf(convertToCommandError(status('-1')) as WrongExpectedVersionError)).toBeNull();
  });

  it('does not take other errors for conflicts', () => {
    expect(isWrongExpectedVersion(new Error('boom'))).toBe(false);
    expect(isWrongExpectedVersion(new StreamNotFoundError(undefined, 'registry'))).toBe(false);
  });
});

describe('client errors → StoreUnavailableError', () => {
  const refused = () =>
    Object.assign(new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:2113.'), {
      code: 14,
      details: 'No connection established. Last error: connect ECONNREFUSED 127.0.0.1:2113.',
    });

  it('translates an unreachable server, naming it', () => {
    const converted = convertToCommandError(refused());
    expect(converted).toBeInstanceOf(UnavailableError);
    for (const error of [converted, refused(), new Error('Failed to discover after 10 attempts.')]) {
      expect(isUnavailable(error)).toBe(true);
      const translated = translateClientError(error, 'esdb://eventstore:2113', 'appending to registry');
      expect(translated).toBeInstanceOf(StoreUnavailableError);
      expect((translated as Error).message).toContain('esdb://eventstore:2113');
      expect((translated as Error).message).toContain('appending to registry');
      expect((translated as Error).cause).toBe(error);
    }
  });

  it('leaves other errors alone', () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n });
    const notFound = new StreamNotFoundError(undefined, 's');
    const plain = new TypeError('bug');
    for (const error of [conflict, notFound, plain]) {
      expect(isUnavailable(error)).toBe(false);
      expect(translateClientError(error, 'esdb://x:2113', 'reading')).toBe(error);
    }
  });
});

describe('metadata', () => {
  const fields: LedgerFields = {
    ulid: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    schemaVersion: 1,
    hash: HASH_B,
    previousHash: HASH_A,
    appendId: 'c0ffee00-0000-4000-8000-000000000000',
  };

  it('adds $ledger to the ledger metadata object and takes it off again', () => {
    const metadata = { actor: 'saksbehandler', correlationId: 'req-1', nested: { a: [1, 'x'] } };
    const packed = packMetadata(metadata, fields);
    expect(packed).toEqual({ ...metadata, $ledger: fields });
    expect(JSON.parse(JSON.stringify(packed))).toEqual(packed);
    expect(unpackMetadata(JSON.parse(JSON.stringify(packed)))).toEqual({ kind: 'ledger', fields, metadata });
  });

  it('keeps metadata that is not a plain object, or has its own $ledger key, whole', () => {
    for (const metadata of [null, 'text', 42, [1, 2], { $ledger: 'mine', other: true }, {}]) {
      const packed = JSON.parse(JSON.stringify(packMetadata(metadata, fields))) as unknown;
      expect(unpackMetadata(packed)).toEqual({ kind: 'ledger', fields, metadata });
    }
  });

  it('tells events the ledger did not write from damaged ledger metadata', () => {
    expect(unpackMetadata(undefined)).toEqual({ kind: 'foreign' });
    expect(unpackMetadata({ $correlationId: 'x' })).toEqual({ kind: 'foreign' });
    expect(unpackMetadata(new Uint8Array([1, 2]))).toEqual({ kind: 'foreign' });
    expect(unpackMetadata({ $ledger: 5 })).toMatchObject({ kind: 'malformed' });
    expect(unpackMetadata({ $ledger: { ...fields, ulid: 'nope' } })).toMatchObject({ kind: 'malformed' });
    expect(unpackMetadata({ $ledger: { ...fields, hash: 'short' } })).toMatchObject({ kind: 'malformed' });
    expect(unpackMetadata({ $ledger: { ...fields, schemaVersion: 0 } })).toMatchObject({ kind: 'malformed' });
    const { appendId: _dropped, ...withoutAppendId } = fields;
    expect(unpackMetadata({ $ledger: withoutAppendId })).toMatchObject({ kind: 'malformed' });
  });

  it('hashes the JSON that will be read back', () => {
    const date = new Date('2025-02-20T12:00:00.000Z');
    expect(jsonCopy({ at: date, gone: undefined }, 'data')).toEqual({ at: '2025-02-20T12:00:00.000Z' });
    expect(() => jsonCopy(undefined, 'metadata')).toThrow(TypeError);
  });
});

describe('positions', () => {
  it('uses the single log position of events appended through gRPC (commit = prepare)', () => {
    expect(toLedgerPosition({ commit: 1234n, prepare: 1234n }, 'e')).toBe(1234);
    expect(fromLedgerPosition(1234)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(toLedgerPosition(fromLedgerPosition(Number.MAX_SAFE_INTEGER), 'e')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses positions a number cannot hold', () => {
    expect(() => toLedgerPosition({ commit: 2000n, prepare: 1800n }, 'e')).toThrow(UnsupportedPositionError);
    expect(() => toLedgerPosition({ commit: 2n ** 53n, prepare: 2n ** 53n }, 'e')).toThrow(UnsupportedPositionError);
    expect(() => toLedgerPosition({ commit: 18446744073709551615n, prepare: 18446744073709551615n }, 'e')).toThrow(
      UnsupportedPositionError,
    );
    expect(() => toLedgerPosition(undefined, 'e')).toThrow(UnsupportedPositionError);
    expect(() => fromLedgerPosition(-1)).toThrow(RangeError);
    expect(() => fromLedgerPosition(1.5)).toThrow(RangeError);
  });

  it('orders positions as $all does', () => {
    expect(comparePositions({ commit: 1n, prepare: 1n }, { commit: 2n, prepare: 2n })).toBe(-1);
    expect(comparePositions({ commit: 5n, prepare: 3n }, { commit: 5n, prepare: 4n })).toBe(-1);
    expect(comparePositions({ commit: 5n, prepare: 5n }, { commit: 5n, prepare: 5n })).toBe(0);
    expect(comparePositions({ commit: 9n, prepare: 9n }, { commit: 5n, prepare: 5n })).toBe(1);
  });
});

describe('recorded events → StoredRecord', () => {
  const id = '01JM5Z8Q4R6T8V0X2Z4B6D8F0H';
  const content = {
    stream: 'case-22.25',
    revision: 0,
    id,
    type: 'CaseOpened',
    schemaVersion: 1,
    data: { amount: '12595000.00' },
    metadata: { actor: 'contract-suite' },
  };
  const hash = chainHash(GENESIS_HASH, content);
  // The shape the client's convertGrpcRecord produces for a JSON event read from $all.
  const recorded = (overrides: Partial<EsdbRecordedEvent> = {}): EsdbRecordedEvent & { created: Date } => ({
    streamId: 'case-22.25',
    id: ulidToUuid(id),
    revision: 0n,
    type: 'CaseOpened',
    isJson: true,
    data: { amount: '12595000.00' },
    metadata: packMetadata(content.metadata, { ulid: id, schemaVersion: 1, hash, previousHash: GENESIS_HASH, appendId: 'a1' }),
    position: { commit: 5120n, prepare: 5120n },
    created: new Date(),
    ...overrides,
  });

  it('gives back the ULID, content, chain and position, and the hash still verifies', () => {
    const record = toStoredRecord(recorded());
    expect(record).toEqual({ ...content, position: 5120, hash, previousHash: GENESIS_HASH });
    expect(chainHash(record!.previousHash, record!)).toBe(record!.hash);
  });

  it('skips events the ledger did not write and refuses damaged ones', () => {
    expect(toStoredRecord(recorded({ metadata: { $correlationId: 'other-app' } }))).toBeNull();
    expect(() => toStoredRecord(recorded({ id: randomUUID() }))).toThrow(LedgerEventFormatError);
    expect(() => toStoredRecord(recorded({ metadata: { $ledger: {} } }))).toThrow(LedgerEventFormatError);
    expect(() => toStoredRecord(recorded({ position: { commit: 6000n, prepare: 5120n } }))).toThrow(UnsupportedPositionError);
  });

  it('recognises the server’s own events', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$ce-case', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'registry', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'registry', type: 'PartnerRegistered' })).toBe(false);
  });
});

describe('connection strings', () => {
  it('describes the server without credentials or options', () => {
    expect(describeConnectionString('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113');
    expect(describeConnectionString('esdb://admin:changeit@a:2113,b:2113,c:2113?tls=true')).toBe('esdb://a:2113,b:2113,c:2113');
    expect(describeConnectionString('esdb+discover://cluster.internal:2113')).toBe('esdb+discover://cluster.internal:2113');
  });
});
