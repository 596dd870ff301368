import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ulid } from 'ulid';
import { EventStoreDBClient, NO_STREAM, jsonEvent } from '@eventstore/db-client';
import type { StoredRecord } from '../events/catalogue.js';
import { ConcurrencyError, StoreUnavailableError } from '../src/store/errors.js';
import { EsdbConnectionError, parseEsdbConnection } from '../src/store/esdb-connection.js';
import { LedgerStream } from '../src/store/esdb-ledger-stream.js';
import { LedgerEventFormatError } from '../src/store/esdb-errors.js';
import { packMetadata } from '../src/store/esdb-mapping.js';
import { LOG_GENESIS_HASH, logChainHash } from '../src/store/log-chain.js';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import { GENESIS_HASH } from '../events/envelope.js';
import { importExport } from '../src/app/transfer.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import type { EventStore, EventToAppend } from '../src/store/port.js';
// The client's generated gRPC service: its unary `append` and its streaming `batchAppend`.
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { describeStoreContract } from './store-contract.js';
import { largeExport } from './support/large-export.js';
import { esdbTestServer, testLedgerStream, testStore } from './support/esdb-server.js';

// Decided before collection, so the suites below are either run or visibly skipped.
const server = await esdbTestServer();
const skipReason = 'skipReason' in server ? server.skipReason : undefined;
const connectionString = 'skipReason' in server ? '' : server.connectionString;
if (!('skipReason' in server)) afterAll(() => server.stop());

describeStoreContract(
  'EventStoreDB',
  async () => {
    const store = testStore(connectionString);
    return { store, cleanup: () => store.close() };
  },
  { skipReason },
);

const draft = (type = 'FundsReceived', data: unknown = { n: 1 }, metadata: unknown = { actor: 'esdb-suite' }): EventToAppend => ({
  id: ulid(),
  type,
  schemaVersion: 1,
  data,
  metadata,
});

async function collect(iterable: AsyncIterable<StoredRecord>): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

/** Two stores on one ledger stream: two ledger processes on one server. */
function twoInstances(): [EsdbEventStore, EsdbEventStore] {
  const ledgerStream = testLedgerStream('pair');
  return [new EsdbEventStore(connectionString, { ledgerStream }), new EsdbEventStore(connectionString, { ledgerStream })];
}

if (skipReason) console.log(`[skipped] EventStoreDB store specifics: ${skipReason}`);
describe.skipIf(skipReason !== undefined)('EventStoreDB store specifics', () => {
  it('keeps every event in one EventStoreDB stream in log order: revision = position − 1, the logical stream and both chains in $ledger', async () => {
    const ledgerStream = testLedgerStream('layout');
    const store = new EsdbEventStore(connectionString, { ledgerStream });
    const raw = EventStoreDBClient.connectionString(connectionString);
    try {
      const first = draft('CaseOpened', { caseNumber: '22.25' });
      const second = draft('FundsReceived', { amount: '1.00' });
      const a = await store.append('case-22.25', [first], 'no-stream');
      const b = await store.append('year-2025', [second], 'no-stream');
      expect([...a.positions, ...b.positions]).toEqual([1, 2]);
      const resolved = [];
      for await (const event of raw.readStream(ledgerStream)) resolved.push(event.event!);
      expect(resolved.map((event) => [event.revision, event.type, event.isJson])).toEqual([
        [0n, 'CaseOpened', true],
        [1n, 'FundsReceived', true],
      ]);
      expect(resolved[0]!.data).toEqual({ caseNumber: '22.25' });
      const link1 = logChainHash(LOG_GENESIS_HASH, 1, a.hashes[0]!);
      expect(resolved[0]!.metadata).toMatchObject({
        actor: 'esdb-suite',
        $ledger: { ulid: first.id, stream: 'case-22.25', revision: 0, hash: a.hashes[0], previousHash: GENESIS_HASH, logHash: link1 },
      });
      expect(resolved[1]!.metadata).toMatchObject({
        $ledger: { stream: 'year-2025', revision: 0, logHash: logChainHash(link1, 2, b.hashes[0]!) },
      });
      expect((await collect(store.readStream('year-2025'))).map((record) => record.position)).toEqual([2]);
    } finally {
      await raw.dispose();
      await store.close();
    }
  });

  it('serialises decisions of two instances: an append conditioned on a log position the other moved is refused whole', async () => {
    const [left, right] = twoInstances();
    try {
      await left.append('registry', [draft()], 'no-stream');
      const seenByBoth = await right.headPosition();
      await left.append('year-2025', [draft()], 'no-stream', { expectedLogPosition: seenByBoth });
      const late = right.appendMany(
        [
          { stream: 'case-01.25', events: [draft()], expected: 'no-stream' },
          { stream: 'year-2026', events: [draft()], expected: 'no-stream' },
        ],
        { expectedLogPosition: seenByBoth },
      );
      await expect(late).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(late).rejects.toMatchObject({ isLogConflict: true, expectedRevision: 1, actualRevision: 2 });
      expect(await right.streamRevision('case-01.25')).toBeNull();
      expect(await right.headPosition()).toBe(2);
    } finally {
      await left.close();
      await right.close();
    }
  });

  it('recognises an idempotency key another instance recorded, in whatever stream', async () => {
    const [left, right] = twoInstances();
    try {
      await left.append('case-22.25', [draft('VoteCast', {}, { actor: 'a', idempotencyKey: 'vote-1' })], 'no-stream');
      expect(await right.streamOfIdempotencyKey('vote-1')).toBe('case-22.25');
      expect(right.capabilities.idempotencyKeyIndex).toBe(true);
    } finally {
      await left.close();
      await right.close();
    }
  });

  it('lets two instances append the same batch at once: it is stored once and one of them is told it already was', async () => {
    const [left, right] = twoInstances();
    try {
      const batch = [draft('X'), draft('Y')];
      const results = await Promise.all([left.append('registry', batch, 'no-stream'), right.append('registry', batch, 'no-stream')]);
      expect(results.filter((result) => !result.alreadyStored)).toHaveLength(1);
      expect(results[0].positions).toEqual(results[1].positions);
      expect(results[0].hashes).toEqual(results[1].hashes);
      expect(await collect(left.readStream('registry'))).toHaveLength(2);
    } finally {
      await left.close();
      await right.close();
    }
  });

  it('ignores other applications’ streams, and refuses to continue a ledger stream another application wrote into', async () => {
    const ledgerStream = testLedgerStream('foreign');
    const store = new EsdbEventStore(connectionString, { ledgerStream });
    const raw = EventStoreDBClient.connectionString(connectionString);
    try {
      await raw.appendToStream(`other-${ledgerStream}`, jsonEvent({ type: 'SomethingElse', data: { x: 1 } }), {
        expectedRevision: NO_STREAM,
      });
      await store.append('registry', [draft()], 'no-stream');
      expect((await collect(store.readAll())).map((record) => record.stream)).toEqual(['registry']);
      await raw.appendToStream(ledgerStream, jsonEvent({ type: 'Intruder', data: { x: 1 } }), { expectedRevision: 0n });
      const other = new EsdbEventStore(connectionString, { ledgerStream });
      await expect(other.append('registry', [draft()], 0)).rejects.toBeInstanceOf(LedgerEventFormatError);
      const report = await other.verifyIntegrity();
      expect(report.ok).toBe(false);
      expect(report.problems).toContainEqual(expect.objectContaining({ position: 2, problem: 'the event was not written by the ledger' }));
      await other.close();
    } finally {
      await raw.dispose();
      await store.close();
    }
  });

  it('finds a forged event in the ledger stream: its hash, and the log chain from there on', async () => {
    const ledgerStream = testLedgerStream('forged');
    const store = new EsdbEventStore(connectionString, { ledgerStream });
    const raw = EventStoreDBClient.connectionString(connectionString);
    try {
      const first = await store.append('year-2025', [draft('A')], 'no-stream');
      const forgedId = ulid();
      const fields = {
        ulid: forgedId,
        schemaVersion: 1,
        stream: 'year-2025',
        revision: 1,
        hash: 'f'.repeat(64),
        previousHash: first.hashes[0]!,
        logHash: 'e'.repeat(64),
        appendId: 'forged',
      };
      const metadata = packMetadata({ actor: 'intruder' }, fields);
      await raw.appendToStream(ledgerStream, jsonEvent({ type: 'B', data: { amount: '1.00' }, metadata }), {
        expectedRevision: 0n,
      });
      const report = await store.verifyIntegrity();
      expect(report.ok).toBe(false);
      expect(report.problems).toContainEqual(
        expect.objectContaining({
          stream: 'year-2025',
          revision: 1,
          position: 2,
          problem: 'content does not match its hash (event changed)',
        }),
      );
      expect(report.problems.map((problem) => problem.problem)).toContain(
        'the log chain breaks here (an event before it was changed, moved or removed)',
      );
    } finally {
      await raw.dispose();
      await store.close();
    }
  });

  it('refuses an append larger than the server takes (1 MiB) with a RangeError saying so, and appends nothing', async () => {
    const store = testStore(connectionString);
    try {
      const text = 'x'.repeat(4000);
      const events = Array.from({ length: 300 }, () => draft('ProposalSubmitted', { description: text }));
      await expect(store.append('case-01.25', events, 'no-stream')).rejects.toThrow(/maximum append size/);
      await expect(store.append('case-01.25', events, 'no-stream')).rejects.toBeInstanceOf(RangeError);
      expect(await store.headPosition()).toBe(0);
      expect((await store.append('case-01.25', events.slice(0, 100), 'no-stream')).positions).toHaveLength(100);
    } finally {
      await store.close();
    }
  });

  it('follows what another instance writes through a subscription to the ledger stream', async () => {
    const [reader, writer] = twoInstances();
    try {
      await writer.append('registry', [draft('Before')], 'no-stream');
      const seen: StoredRecord[] = [];
      let notify: () => void = () => undefined;
      const twoSeen = new Promise<void>((resolve) => (notify = resolve));
      const subscription = reader.subscribe(await reader.headPosition(), (record) => {
        seen.push(record);
        if (seen.length === 2) notify();
      });
      const written = await writer.append('year-2025', [draft('First'), draft('Second')], 'no-stream');
      await twoSeen;
      await subscription.close();
      expect(seen.map((record) => [record.type, record.stream, record.revision])).toEqual([
        ['First', 'year-2025', 0],
        ['Second', 'year-2025', 1],
      ]);
      expect(seen.map((record) => record.position)).toEqual(written.positions);
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});

if (skipReason) console.log(`[skipped] importing into EventStoreDB: ${skipReason}`);
describe.skipIf(skipReason !== undefined)('importing into EventStoreDB', () => {
  it('imports an export larger than the server’s maximum append size, and goes on after an interruption', async () => {
    const exported = await largeExport();
    expect(exported.bytes).toBeGreaterThan(1024 * 1024);
    const ledgerStream = testLedgerStream('import');
    const store = new EsdbEventStore(connectionString, { ledgerStream });
    let appends = 0;
    const failing: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendMany: (...args: Parameters<EventStore['appendMany']>) => {
        if (++appends > 2) return Promise.reject(new StoreUnavailableError('the connection dropped in the middle of the import'));
        return store.appendMany(...args);
      },
    });
    try {
      await expect(importExport(failing, exported.text)).rejects.toBeInstanceOf(StoreUnavailableError);
      const written = await store.headPosition();
      expect(written).toBeGreaterThan(0);
      // Another process (a new run of `ledger import`) finishes it.
      const again = new EsdbEventStore(connectionString, { ledgerStream });
      expect(await importExport(again, exported.text)).toEqual({ events: exported.events, streams: 3, resumedAfter: written });
      const report = await again.verifyIntegrity();
      expect(report.problems).toEqual([]);
      expect(report.eventsChecked).toBe(exported.events);
      const ids = (await collect(again.readAll())).map((record) => record.id);
      expect(new Set(ids).size).toBe(exported.events);
      await again.close();
    } finally {
      await store.close();
    }
  });
});

// No server needed: what a refused connection, a bad setting and a secret in the setting come to.
describe('EventStoreDB store without a server', () => {
  const nowhere = 'esdb://127.0.0.1:1?tls=false';
  const quickly = { retry: { budgetMs: 300, firstDelayMs: 20, maxDelayMs: 100 } };

  it('is followed live by the projections and takes an import in its own batches, as it declares', async () => {
    const store = new EsdbEventStore(nowhere, quickly);
    try {
      expect(store.capabilities).toMatchObject({ liveSubscription: true, importBatches: true, synchronousLog: false });
      expect(store.capabilities.oneWriteImport).not.toBe(true);
      const errors: unknown[] = [];
      let reported: () => void = () => undefined;
      const firstError = new Promise<void>((resolve) => (reported = resolve));
      const following = new ProjectionRunner(store, { checkpointPath: null }).follow((error) => {
        errors.push(error);
        reported();
      });
      expect(following).not.toBeNull();
      // It tries to subscribe, and says why it cannot.
      await firstError;
      await following!.close();
      expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('fails to connect with StoreUnavailableError naming the server, after trying again', async () => {
    const failure = EsdbEventStore.connect(nowhere, quickly);
    await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failure).rejects.toThrow(/esdb:\/\/127\.0\.0\.1:1 \(stream hfi-ledger\) is unavailable while connecting/);
  });

  it('refuses an append, a read and a subscription with StoreUnavailableError', async () => {
    const store = new EsdbEventStore(nowhere, quickly);
    try {
      await expect(store.append('registry', [draft()], 'any')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.streamRevision('registry')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.streamOfIdempotencyKey('k')).rejects.toBeInstanceOf(StoreUnavailableError);
      const errors: unknown[] = [];
      let reported: () => void = () => undefined;
      const firstError = new Promise<void>((resolve) => (reported = resolve));
      const subscription = store.subscribe(0, () => undefined, {
        onError: (error) => {
          errors.push(error);
          reported();
        },
      });
      await firstError;
      await subscription.close();
      expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('appends through the client’s unary append, never its batchAppend stream (whose late replies crash 6.2.1)', async () => {
    type Method = (...args: unknown[]) => unknown;
    const prototype = streamsGrpc.StreamsClient.prototype as unknown as { append: Method; batchAppend: Method };
    const unary = vi.spyOn(prototype, 'append');
    const batch = vi.spyOn(prototype, 'batchAppend');
    // The store's one way to the server's append, on a connection with no user (insecure): it must still go the unary way.
    const ledger = new LedgerStream(parseEsdbConnection(nowhere), { budgetMs: 0, firstDelayMs: 1, maxDelayMs: 1 });
    try {
      const event = { id: randomUUID(), contentType: 'application/json' as const, type: 'X', data: {}, metadata: {} };
      await expect(ledger.append([event], 1, 1_000)).rejects.toMatchObject({ type: 'unavailable' });
      expect(unary).toHaveBeenCalledTimes(1);
      expect(batch).not.toHaveBeenCalled();
    } finally {
      await ledger.dispose();
      unary.mockRestore();
      batch.mockRestore();
    }
  });

  it('rejects a malformed or unknown connection string at construction', () => {
    expect(() => new EsdbEventStore('http://localhost:2113')).toThrow(EsdbConnectionError);
    expect(() => new EsdbEventStore('esdb://localhost:notaport?tls=false')).toThrow(RangeError);
  });

  it('keeps the password out of every message and warning, even one with / or ?', async () => {
    const warnings = vi.spyOn(console, 'warn');
    const secrets = ['se/cr?et', 'pa%2Fss%3Fwd', 'pa/ss?wd'];
    const messages: string[] = [];
    const note = (error: unknown) =>
      messages.push(error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ''}` : String(error));
    try {
      for (const setting of ['esdb://admin:se/cr?et@127.0.0.1:1?tls=false', 'esdb://admin:pa%2Fss%3Fwd@127.0.0.1:1?tls=false']) {
        const store = new EsdbEventStore(setting, quickly);
        messages.push(store.description);
        await store.append('registry', [draft()], 'any').catch(note);
        await collect(store.readAll()).catch(note);
        await store.close();
      }
      for (const setting of [
        'esdb://admin:se/cr?et@127.0.0.1:notaport?tls=false',
        'esdb://admin:se/cr?et@h:2113?tls=false&typo=1',
        'ftp://admin:se/cr?et@h',
      ])
        try {
          new EsdbEventStore(setting);
        } catch (error: unknown) {
          note(error);
        }
      expect(messages.length).toBeGreaterThanOrEqual(7);
      for (const message of [...messages, ...warnings.mock.calls.flat().map(String)])
        for (const secret of secrets) expect(message).not.toContain(secret);
    } finally {
      warnings.mockRestore();
    }
  });
});
