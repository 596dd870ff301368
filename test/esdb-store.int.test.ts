import { afterAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { EventStoreDBClient, NO_STREAM, jsonEvent } from '@eventstore/db-client';
import type { StoredRecord } from '../events/catalogue.js';
import { StoreUnavailableError } from '../src/store/errors.js';
import { GENESIS_HASH } from '../src/store/hash-chain.js';
import { LedgerEventFormatError, packMetadata, ulidToUuid } from '../src/store/esdb-mapping.js';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import type { EventToAppend } from '../src/store/port.js';
import { describeStoreContract } from './store-contract.js';
import { esdbTestServer } from './support/esdb-server.js';

// Decided before collection, so the suites below are either run or visibly skipped.
const server = await esdbTestServer();
const skipReason = 'skipReason' in server ? server.skipReason : undefined;
const connectionString = 'skipReason' in server ? null : server.connectionString;
if (!('skipReason' in server)) afterAll(() => server.stop());

function requireServer(): string {
  if (connectionString === null) throw new Error('no EventStoreDB server (the suite should have been skipped)');
  return connectionString;
}

describeStoreContract(
  'EventStoreDB',
  async () => {
    const store = new EsdbEventStore(requireServer());
    return { store, cleanup: () => store.close() };
  },
  { skipReason },
);

const draft = (type = 'FundsReceived', data: unknown = { n: 1 }): EventToAppend => ({
  id: ulid(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: 'esdb-suite' },
});

async function collect(iterable: AsyncIterable<StoredRecord>): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

if (skipReason) console.log(`[skipped] EventStoreDB store specifics: ${skipReason}`);
(skipReason ? describe.skip : describe)('EventStoreDB store specifics', () => {
  const prefix = () => `esdb${ulid().slice(-8).toLowerCase()}`;

  it('stores the ULID as the UUID event id, the chain in $ledger metadata and JSON data under the given stream name', async () => {
    const store = new EsdbEventStore(requireServer());
    const raw = EventStoreDBClient.connectionString(requireServer());
    try {
      const stream = `${prefix()}-case-22.25`;
      const event = draft('CaseOpened', { caseNumber: '22.25' });
      const result = await store.append(stream, [event], 'no-stream');
      const resolvedEvents = [];
      for await (const resolved of raw.readStream(stream)) resolvedEvents.push(resolved);
      const [resolved] = resolvedEvents;
      expect(resolved?.event?.id).toBe(ulidToUuid(event.id));
      expect(resolved?.event?.streamId).toBe(stream);
      expect(resolved?.event?.isJson).toBe(true);
      expect(resolved?.event?.data).toEqual({ caseNumber: '22.25' });
      expect(resolved?.event?.metadata).toMatchObject({
        actor: 'esdb-suite',
        $ledger: { ulid: event.id, schemaVersion: 1, hash: result.hashes[0], previousHash: GENESIS_HASH },
      });
    } finally {
      await raw.dispose();
      await store.close();
    }
  });

  it('skips events other applications wrote and refuses to continue a chain it did not write', async () => {
    const store = new EsdbEventStore(requireServer());
    const raw = EventStoreDBClient.connectionString(requireServer());
    try {
      const before = await store.headPosition();
      const foreign = `${prefix()}-foreign`;
      await raw.appendToStream(foreign, jsonEvent({ type: 'SomethingElse', data: { x: 1 } }), { expectedRevision: NO_STREAM });
      const mine = `${prefix()}-mine`;
      await store.append(mine, [draft()], 'no-stream');
      const streams = (await collect(store.readAll({ afterPosition: before }))).map((record) => record.stream);
      expect(streams).toContain(mine);
      expect(streams).not.toContain(foreign);
      await expect(store.append(foreign, [draft()], 'any')).rejects.toBeInstanceOf(LedgerEventFormatError);
    } finally {
      await raw.dispose();
      await store.close();
    }
  });

  it('finds a forged event in a ledger stream', async () => {
    const store = new EsdbEventStore(requireServer());
    const raw = EventStoreDBClient.connectionString(requireServer());
    try {
      const stream = `${prefix()}-forged`;
      const first = await store.append(stream, [draft('A')], 'no-stream');
      const forgedId = ulid();
      await raw.appendToStream(
        stream,
        jsonEvent({
          id: ulidToUuid(forgedId),
          type: 'B',
          data: { amount: '1.00' },
          metadata: packMetadata(
            { actor: 'intruder' },
            {
              ulid: forgedId,
              schemaVersion: 1,
              hash: 'f'.repeat(64),
              previousHash: first.hashes[0]!,
              appendId: 'forged',
            },
          ),
        }),
        { expectedRevision: 0n },
      );
      const report = await store.verifyIntegrity();
      expect(report.ok).toBe(false);
      expect(report.problems).toContainEqual(
        expect.objectContaining({ stream, revision: 1, problem: 'content does not match its hash (event changed)' }),
      );
    } finally {
      await raw.dispose();
      await store.close();
    }
  });

  it('lets two instances append the same batch at once: it is stored once and one of them is told it already was', async () => {
    const left = new EsdbEventStore(requireServer());
    const right = new EsdbEventStore(requireServer());
    try {
      const stream = `${prefix()}-twice`;
      const batch = [draft('X'), draft('Y')];
      const results = await Promise.all([left.append(stream, batch, 'no-stream'), right.append(stream, batch, 'no-stream')]);
      expect(results.filter((result) => !result.alreadyStored)).toHaveLength(1);
      expect(results[0].positions).toEqual(results[1].positions);
      expect(await collect(left.readStream(stream))).toHaveLength(2);
    } finally {
      await left.close();
      await right.close();
    }
  });

  it('follows what another instance writes through a catch-up subscription', async () => {
    const reader = new EsdbEventStore(requireServer());
    const writer = new EsdbEventStore(requireServer());
    try {
      const stream = `${prefix()}-followed`;
      const seen: StoredRecord[] = [];
      let notify: () => void = () => undefined;
      const twoSeen = new Promise<void>((resolve) => (notify = resolve));
      const subscription = reader.subscribe(await reader.headPosition(), (record) => {
        if (record.stream !== stream) return;
        seen.push(record);
        if (seen.length === 2) notify();
      });
      const written = await writer.append(stream, [draft('First'), draft('Second')], 'no-stream');
      await twoSeen;
      await subscription.close();
      expect(seen.map((record) => record.type)).toEqual(['First', 'Second']);
      expect(seen.map((record) => record.position)).toEqual(written.positions);
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});

// No server needed: a refused connection must surface as StoreUnavailableError naming the server.
describe('EventStoreDB store without a server', () => {
  const nowhere = 'esdb://127.0.0.1:1?tls=false';

  it('fails to connect with StoreUnavailableError', async () => {
    const failure = EsdbEventStore.connect(nowhere);
    await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failure).rejects.toThrow(/esdb:\/\/127\.0\.0\.1:1/);
  });

  it('refuses an append, a read and a subscription with StoreUnavailableError', async () => {
    const store = new EsdbEventStore(nowhere);
    try {
      await expect(store.append('registry', [draft()], 'any')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.streamRevision('registry')).rejects.toBeInstanceOf(StoreUnavailableError);
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

  it('rejects a malformed connection string at construction', () => {
    expect(() => new EsdbEventStore('http://localhost:2113')).toThrow(RangeError);
  });
});
