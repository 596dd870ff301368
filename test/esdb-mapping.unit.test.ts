import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import {
  DeadlineExceededError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import { StoreUnavailableError } from '../src/store/errors.js';
import {
  BackOff,
  LedgerEventFormatError,
  actualRevisionOf,
  isPassing,
  isWrongExpectedVersion,
  translateClientError,
  withRetries,
  type RetryClock,
} from '../src/store/esdb-errors.js';
import {
  appendBytesOf,
  checkUlid,
  jsonCopy,
  packMetadata,
  positionOfRevision,
  revisionOfPosition,
  satisfiesExpected,
  toLedgerRecord,
  unpackMetadata,
  type EsdbRecordedEvent,
  type LedgerFields,
} from '../src/store/esdb-mapping.js';
import { chainHash } from '../src/store/hash-chain.js';
import { GENESIS_HASH } from '../events/envelope.js';
import { LOG_GENESIS_HASH, logChainHash } from '../src/store/log-chain.js';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);

const fields: LedgerFields = {
  ulid: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  schemaVersion: 1,
  stream: 'case-22.25',
  revision: 3,
  hash: HASH_B,
  previousHash: HASH_A,
  logHash: HASH_C,
  appendId: 'c0ffee00-0000-4000-8000-000000000000',
};

describe('event ids and positions', () => {
  it('accepts canonical ULIDs only, so two spellings of one id are never two events', () => {
    expect(checkUlid('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe('01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(checkUlid(ulid())).toMatch(/^[0-7]/);
    expect(() => checkUlid('01arz3ndektsv4rrffq69g5fav')).toThrow(TypeError); // lower case
    expect(() => checkUlid('81ARZ3NDEKTSV4RRFFQ69G5FAV')).toThrow(TypeError); // beyond 128 bits
    expect(() => checkUlid('01ARZ3NDEKTSV4RRFFQ69G5FAU')).toThrow(TypeError); // U is not Crockford
  });

  it('numbers the ledger from 1: position = revision of the ledger stream + 1', () => {
    expect(positionOfRevision(0)).toBe(1);
    expect(revisionOfPosition(1)).toBe(0);
    expect(revisionOfPosition(positionOfRevision(41))).toBe(41);
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

describe('metadata', () => {
  it('adds $ledger to the ledger metadata object and takes it off again', () => {
    const metadata = { actor: 'saksbehandler', idempotencyKey: 'req-1', nested: { a: [1, 'x'] } };
    const packed = packMetadata(metadata, fields);
    expect(packed).toEqual({ ...metadata, $ledger: fields });
    expect(unpackMetadata(JSON.parse(JSON.stringify(packed)))).toEqual({ kind: 'ledger', fields, metadata });
  });

  it('keeps metadata that is not a plain object, or has its own $ledger key, whole', () => {
    for (const metadata of [null, 'text', 42, [1, 2], { $ledger: 'mine', other: true }, {}]) {
      const packed = JSON.parse(JSON.stringify(packMetadata(metadata, fields))) as unknown;
      expect(unpackMetadata(packed)).toEqual({ kind: 'ledger', fields, metadata });
    }
  });

  it('tells events the ledger did not write from damaged ledger metadata, naming the field', () => {
    expect(unpackMetadata(undefined)).toEqual({ kind: 'foreign' });
    expect(unpackMetadata({ $correlationId: 'x' })).toEqual({ kind: 'foreign' });
    expect(unpackMetadata({ $ledger: 5 })).toMatchObject({ kind: 'malformed' });
    const damaged: [Partial<Record<keyof LedgerFields, unknown>>, string][] = [
      [{ ulid: 'nope' }, '$ledger.ulid is not a ULID'],
      [{ stream: '' }, '$ledger.stream is missing'],
      [{ revision: -1 }, '$ledger.revision is not a non-negative integer'],
      [{ logHash: 'short' }, '$ledger.logHash is not a SHA-256 hex digest'],
      [{ schemaVersion: 0 }, '$ledger.schemaVersion is not a positive integer'],
      [{ appendId: '' }, '$ledger.appendId is missing'],
    ];
    for (const [change, problem] of damaged)
      expect(unpackMetadata({ $ledger: { ...fields, ...change } })).toEqual({ kind: 'malformed', problem });
  });

  it('hashes the JSON that will be read back', () => {
    const date = new Date('2025-02-20T12:00:00.000Z');
    expect(jsonCopy({ at: date, gone: undefined }, 'data')).toEqual({ at: '2025-02-20T12:00:00.000Z' });
    expect(() => jsonCopy(undefined, 'metadata')).toThrow(TypeError);
  });

  it('counts an event’s bytes from above, multi-byte characters as bytes', () => {
    const event = { type: 'CaseOpened', data: { title: 'Ø'.repeat(1000) }, metadata: { actor: 'a' } };
    const encoded = JSON.stringify(packMetadata(event.metadata, fields)).length + JSON.stringify(event.data).length + 1000;
    expect(appendBytesOf(event, 'case-22.25')).toBeGreaterThanOrEqual(encoded);
  });
});

describe('events of the ledger stream → the ledger’s records', () => {
  const id = '01JM5Z8Q4R6T8V0X2Z4B6D8F0H';
  const content = {
    stream: 'case-22.25',
    revision: 0,
    id,
    type: 'CaseOpened',
    schemaVersion: 1,
    data: { amount: '1.00' },
    metadata: { actor: 'x' },
  };
  const hash = chainHash(GENESIS_HASH, content);
  const logHash = logChainHash(LOG_GENESIS_HASH, 8, hash);
  const recorded = (overrides: Partial<EsdbRecordedEvent> = {}): EsdbRecordedEvent => ({
    streamId: 'hfi-ledger',
    revision: 7n,
    type: 'CaseOpened',
    isJson: true,
    data: { amount: '1.00' },
    metadata: packMetadata(content.metadata, {
      ...fields,
      ulid: id,
      stream: 'case-22.25',
      revision: 0,
      hash,
      previousHash: GENESIS_HASH,
      logHash,
    }),
    ...overrides,
  });

  it('gives back the logical stream and revision, the position, the content and both chains', () => {
    const record = toLedgerRecord(recorded());
    expect(record).toEqual({ ...content, position: 8, hash, previousHash: GENESIS_HASH, logHash, appendId: fields.appendId });
    expect(chainHash(record.previousHash, record)).toBe(record.hash);
  });

  it('refuses an event another application wrote into the ledger stream, and a damaged one', () => {
    expect(() => toLedgerRecord(recorded({ metadata: { $correlationId: 'other-app' } }))).toThrow(LedgerEventFormatError);
    expect(() => toLedgerRecord(recorded({ metadata: { $ledger: {} } }))).toThrow('event hfi-ledger@7: $ledger.ulid is not a ULID');
    expect(() => toLedgerRecord(recorded({ isJson: false }))).toThrow(LedgerEventFormatError);
  });
});

describe('client errors', () => {
  it('recognises a conflict however the client built it, with the stream’s actual revision', () => {
    const response = new WrongExpectedVersionError(undefined, { streamName: 'hfi-ledger', expected: 0n, current: 1n });
    expect(isWrongExpectedVersion(response)).toBe(true);
    expect(actualRevisionOf(response)).toBe(1);
    const status = (actual: string) =>
      Object.assign(new Error('9 FAILED_PRECONDITION: Append failed due to WrongExpectedVersion.'), {
        code: 9,
        details: 'Append failed due to WrongExpectedVersion.',
        metadata: {
          getMap: () => ({
            exception: 'wrong-expected-version',
            'stream-name': 'hfi-ledger',
            'expected-version': '0',
            'actual-version': actual,
          }),
        },
      });
    const converted = convertToCommandError(status('4')) as WrongExpectedVersionError;
    expect(isWrongExpectedVersion(converted)).toBe(true);
    expect(actualRevisionOf(converted)).toBe(4);
    expect(actualRevisionOf(convertToCommandError(status('-1')) as WrongExpectedVersionError)).toBeNull();
    expect(isWrongExpectedVersion(new StreamNotFoundError(undefined, 's'))).toBe(false);
  });

  it('tries again what passes during an election or a restart, and nothing else', () => {
    const notReady = Object.assign(new Error('Could not recognize Server Is Not Ready'), { type: 'unknown' });
    const passing = [
      new UnavailableError(undefined, 'connection dropped'),
      new DeadlineExceededError(undefined, 'deadline'),
      Object.assign(new Error('Leader info available'), { type: 'not-leader' }),
      notReady,
      Object.assign(new Error('ABORTED: Operation timed out: Commit phase timeout.'), { type: 'timeout' }),
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
      new Error('Failed to discover after 10 attempts.'),
    ];
    for (const error of passing) expect(isPassing(error), error.message).toBe(true);
    const lasting = [
      new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n }),
      Object.assign(new Error('Access denied'), { type: 'access-denied' }),
      Object.assign(new Error('too large'), { type: 'maximum-append-size-exceeded' }),
      new TypeError('bug'),
      new StoreUnavailableError('already tried again'),
    ];
    for (const error of lasting) expect(isPassing(error), error.message).toBe(false);
  });

  it('translates an unreachable or refusing server into StoreUnavailableError naming it, never its secret', () => {
    const secrets = ['admin:pa/ss?word', 'pa/ss?word'];
    const unreachable = new UnavailableError(undefined, 'connect ECONNREFUSED for admin:pa/ss?word');
    const translated = translateClientError(unreachable, 'esdb://eventstore:2113 (stream hfi-ledger)', 'appending', secrets);
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect((translated as Error).message).toContain('esdb://eventstore:2113');
    expect((translated as Error).message).not.toContain('pa/ss?word');
    const denied = translateClientError(Object.assign(new Error('Access denied'), { type: 'access-denied' }), 'x', 'reading', secrets);
    expect(denied).toBeInstanceOf(StoreUnavailableError);
    expect((denied as Error).message).toContain('refused access');
    const tooLarge = translateClientError(Object.assign(new Error('big'), { type: 'maximum-append-size-exceeded' }), 'x', 'appending', []);
    expect(tooLarge).toBeInstanceOf(RangeError);
    const plain = new TypeError('bug');
    expect(translateClientError(plain, 'x', 'reading', secrets)).toBe(plain);
  });
});

describe('back-off', () => {
  const fakeClock = () => {
    let now = 0;
    const pauses: number[] = [];
    const clock: RetryClock = {
      now: () => now,
      sleep: async (ms) => {
        pauses.push(ms);
        now += ms;
      },
    };
    return { clock, pauses };
  };
  const policy = { budgetMs: 5_000, firstDelayMs: 100, maxDelayMs: 1_000 };
  const notReady = () => Object.assign(new Error('Could not recognize Server Is Not Ready'), { type: 'unknown' });

  it('tries a passing failure again with growing pauses until it succeeds', async () => {
    const { clock, pauses } = fakeClock();
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls += 1;
        if (calls < 4) throw notReady();
        return 'written';
      },
      policy,
      (error) => error,
      clock,
    );
    expect(result).toBe('written');
    expect(pauses).toHaveLength(3);
    expect(pauses[2]!).toBeGreaterThan(pauses[0]!);
  });

  it('gives up when the budget is spent, with the translated error (StoreUnavailableError, HTTP 503)', async () => {
    const { clock, pauses } = fakeClock();
    const failure = withRetries(
      () => Promise.reject(new DeadlineExceededError(undefined, 'deadline')),
      policy,
      (error) => translateClientError(error, 'esdb://a:2113', 'reading', []),
      clock,
    );
    await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(pauses.reduce((total, pause) => total + pause, 0)).toBe(policy.budgetMs);
    expect(Math.max(...pauses)).toBeLessThanOrEqual(policy.maxDelayMs);
  });

  it('does not try again what will not pass', async () => {
    const { clock, pauses } = fakeClock();
    const backOff = new BackOff(policy, clock);
    expect(await backOff.next(new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n }))).toBe(false);
    expect(await backOff.next(new TypeError('bug'))).toBe(false);
    expect(pauses).toEqual([]);
  });
});
