import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { ulid } from 'ulid';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  hasFileCopy,
  hasIdempotencyKeyIndex,
  hasImportBatches,
  hasLiveSubscription,
  hasLogChain,
  hasOneWriteImport,
  hasProjectionRows,
  type ChainedRecord,
  type EventStore,
  type EventToAppend,
  type ImportedEvent,
  type StreamAppend,
} from '../src/store/port.js';
import { LOG_GENESIS_HASH, logChainHash } from '../src/store/log-chain.js';
import { ConcurrencyError, DuplicateEventError } from '../src/store/errors.js';
import { chainHash } from '../src/store/hash-chain.js';
import { GENESIS_HASH } from '../events/envelope.js';
import type { StoredRecord } from '../events/catalogue.js';

/**
 * The event-store contract. Every store runs this same suite:
 * `describeStoreContract('sqlite (file)', async () => ({ store, cleanup }))`.
 * Stream names get a random suffix so the suite also runs against a shared server. Each
 * optional capability has its tests here too, run on every store that declares it.
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>,
  options: {
    skipReason?: string | undefined;
    /** Opens a copy the store made of itself (`FileCopy`), to read it back. */
    openCopy?: (path: string) => EventStore;
  } = {},
): void {
  const suite = options.skipReason ? describe.skip : describe;
  if (options.skipReason) console.log(`[skipped] event-store contract on ${name}: ${options.skipReason}`);
  suite(`event-store contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let prefix: string;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
      prefix = `contract${ulid().slice(-8).toLowerCase()}`;
    });
    afterEach(async () => {
      await cleanup();
    });

    const draft = (type = 'FundsReceived', data: unknown = { n: 1 }): EventToAppend => ({
      id: ulid(),
      type,
      schemaVersion: 1,
      data,
      metadata: { actor: 'contract-suite' },
    });
    const collect = async (iterable: AsyncIterable<StoredRecord>) => {
      const records: StoredRecord[] = [];
      for await (const record of iterable) records.push(record);
      return records;
    };
    const ownEvents = async (afterPosition?: number) =>
      (await collect(store.readAll(afterPosition === undefined ? {} : { afterPosition }))).filter((record) =>
        record.stream.startsWith(prefix),
      );

    it('appends to a new stream at revision 0 and reads the events back in order with their data', async () => {
      const stream = `${prefix}-a`;
      const events = [draft('A', { amount: '12595000.00' }), draft('B', { list: [1, 'x'] })];
      const result = await store.append(stream, events, 'no-stream');
      expect(result.nextRevision).toBe(1);
      expect(result.alreadyStored).toBe(false);
      expect(result.positions).toHaveLength(2);
      expect(result.positions[1]!).toBeGreaterThan(result.positions[0]!);
      const read = await collect(store.readStream(stream));
      expect(read.map((record) => [record.id, record.type, record.revision])).toEqual([
        [events[0]!.id, 'A', 0],
        [events[1]!.id, 'B', 1],
      ]);
      expect(read[0]!.data).toEqual({ amount: '12595000.00' });
      expect(read[0]!.metadata).toEqual({ actor: 'contract-suite' });
      expect(read.map((record) => record.position)).toEqual(result.positions);
      expect(await store.streamRevision(stream)).toBe(1);
    });

    it('reports no revision for a stream that does not exist and reads it as empty', async () => {
      expect(await store.streamRevision(`${prefix}-missing`)).toBeNull();
      expect(await collect(store.readStream(`${prefix}-missing`))).toEqual([]);
    });

    it('refuses an append at a stale revision with ConcurrencyError and appends nothing', async () => {
      const stream = `${prefix}-b`;
      await store.append(stream, [draft()], 'no-stream');
      await store.append(stream, [draft()], 0);
      const stale = store.append(stream, [draft()], 0);
      await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(stream, [draft()], 0)).rejects.toMatchObject({
        streamName: stream,
        expectedRevision: 0,
        actualRevision: 1,
      });
      expect(await store.streamRevision(stream)).toBe(1);
      expect(await collect(store.readStream(stream))).toHaveLength(2);
    });

    it('honours no-stream, exists and any', async () => {
      const stream = `${prefix}-c`;
      await expect(store.append(stream, [draft()], 'exists')).rejects.toBeInstanceOf(ConcurrencyError);
      await store.append(stream, [draft()], 'no-stream');
      await expect(store.append(stream, [draft()], 'no-stream')).rejects.toBeInstanceOf(ConcurrencyError);
      await store.append(stream, [draft()], 'exists');
      await store.append(stream, [draft()], 'any');
      await store.append(`${prefix}-c2`, [draft()], 'any');
      expect(await store.streamRevision(stream)).toBe(2);
      expect(await store.streamRevision(`${prefix}-c2`)).toBe(0);
    });

    it('treats a repeated append of the same event ids as already stored, without a second copy', async () => {
      const stream = `${prefix}-d`;
      const events = [draft(), draft()];
      const first = await store.append(stream, events, 'no-stream');
      const again = await store.append(stream, events, 'no-stream');
      expect(again.alreadyStored).toBe(true);
      expect(again.positions).toEqual(first.positions);
      expect(await collect(store.readStream(stream))).toHaveLength(2);
    });

    it('refuses a batch that repeats a stored id among new ones', async () => {
      const stream = `${prefix}-e`;
      const stored = draft();
      await store.append(stream, [stored], 'no-stream');
      await expect(store.append(stream, [stored, draft()], 'any')).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await collect(store.readStream(stream))).toHaveLength(1);
    });

    it('reads the whole log in global order across streams, after a position and in pages', async () => {
      const before = await store.headPosition();
      await store.append(`${prefix}-f1`, [draft('One')], 'no-stream');
      await store.append(`${prefix}-f2`, [draft('Two')], 'no-stream');
      await store.append(`${prefix}-f1`, [draft('Three')], 0);
      const all = await ownEvents(before);
      expect(all.map((record) => record.type)).toEqual(['One', 'Two', 'Three']);
      const positions = all.map((record) => record.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      const afterFirst = await ownEvents(all[0]!.position);
      expect(afterFirst.map((record) => record.type)).toEqual(['Two', 'Three']);
      const page = await collect(store.readAll({ afterPosition: before, maxCount: 1 }));
      expect(page).toHaveLength(1);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(all[2]!.position);
    });

    it('reads a stream from a revision on', async () => {
      const stream = `${prefix}-g`;
      await store.append(stream, [draft('R0'), draft('R1'), draft('R2')], 'no-stream');
      const tail = await collect(store.readStream(stream, { fromRevision: 1 }));
      expect(tail.map((record) => record.type)).toEqual(['R1', 'R2']);
    });

    it('chains every stream: each hash covers the previous one and the content', async () => {
      const stream = `${prefix}-h`;
      await store.append(stream, [draft('X', { a: 1 })], 'no-stream');
      await store.append(stream, [draft('Y', { b: 2 })], 0);
      const [first, second] = await collect(store.readStream(stream));
      expect(first!.previousHash).toBe(GENESIS_HASH);
      expect(first!.hash).toBe(chainHash(GENESIS_HASH, { ...first!, stream }));
      expect(second!.previousHash).toBe(first!.hash);
      expect(second!.hash).toBe(chainHash(first!.hash, { ...second!, stream }));
      const report = await store.verifyIntegrity();
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.eventsChecked).toBeGreaterThanOrEqual(2);
    });

    it('reads events back by their global positions', async () => {
      const stream = `${prefix}-p`;
      const result = await store.append(stream, [draft('P0'), draft('P1'), draft('P2')], 'no-stream');
      const picked = await store.readPositions([result.positions[2]!, result.positions[0]!]);
      expect(picked.map((record) => record.type)).toEqual(['P0', 'P2']);
    });

    it('lets exactly one of two racing appends at the same revision win', async () => {
      const stream = `${prefix}-i`;
      await store.append(stream, [draft()], 'no-stream');
      const outcomes = await Promise.allSettled([store.append(stream, [draft('Left')], 0), store.append(stream, [draft('Right')], 0)]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
      expect(await collect(store.readStream(stream))).toHaveLength(2);
    });

    it('appends to several streams as one: every part, in order, each result in the order of the parts', async () => {
      const [a, b] = [`${prefix}-m1`, `${prefix}-m2`];
      await store.append(b, [draft('B0')], 'no-stream');
      const results = await store.appendMany([
        { stream: a, events: [draft('A0'), draft('A1')], expected: 'no-stream' },
        { stream: b, events: [draft('B1')], expected: 0 },
        { stream: a, events: [draft('A2')], expected: 1 },
      ]);
      expect(results.map((result) => result.nextRevision)).toEqual([1, 1, 2]);
      const positions = results.flatMap((result) => result.positions);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect((await collect(store.readStream(a))).map((record) => record.type)).toEqual(['A0', 'A1', 'A2']);
      expect((await ownEvents()).map((record) => record.type)).toEqual(['B0', 'A0', 'A1', 'B1', 'A2']);
    });

    it('refuses a whole append of several streams when one part is stale, and appends nothing of it', async () => {
      const [a, b] = [`${prefix}-n1`, `${prefix}-n2`];
      await store.append(b, [draft()], 'no-stream');
      const stale = store.appendMany([
        { stream: a, events: [draft()], expected: 'no-stream' },
        { stream: b, events: [draft()], expected: 'no-stream' },
      ]);
      await expect(stale).rejects.toMatchObject({ streamName: b, expectedRevision: 'no-stream', actualRevision: 0 });
      expect(await store.streamRevision(a)).toBeNull();
      expect(await store.streamRevision(b)).toBe(0);
    });

    it('appends only while the log still ends where the writer read it, and otherwise appends nothing', async () => {
      const read = await store.headPosition();
      await store.append(`${prefix}-o1`, [draft()], 'no-stream');
      const late = store.appendMany([{ stream: `${prefix}-o2`, events: [draft()], expected: 'no-stream' }], { expectedLogPosition: read });
      await expect(late).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(late).rejects.toMatchObject({ isLogConflict: true, expectedRevision: read, actualRevision: read + 1 });
      await expect(store.append(`${prefix}-o2`, [draft()], 'any', { expectedLogPosition: read })).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.streamRevision(`${prefix}-o2`)).toBeNull();
      const [written] = await store.appendMany([{ stream: `${prefix}-o2`, events: [draft()], expected: 'no-stream' }], {
        expectedLogPosition: read + 1,
      });
      expect(written!.positions).toEqual([read + 2]);
      expect(await store.headPosition()).toBe(read + 2);
    });

    // A declared capability: a store that does not declare it says so and is not held to it.
    it('recognises an idempotency key across streams when it declares the index', async () => {
      if (!hasIdempotencyKeyIndex(store)) {
        console.log(`[skipped] idempotency-key index on ${name}: the store does not declare the capability`);
        return;
      }
      const key = `${prefix}-key`;
      await store.append(`${prefix}-k1`, [{ ...draft(), metadata: { actor: 'contract-suite', idempotencyKey: key } }], 'no-stream');
      await store.append(
        `${prefix}-k2`,
        [{ ...draft(), metadata: { actor: 'contract-suite', idempotencyKey: `${key}-other` } }],
        'no-stream',
      );
      expect(await store.streamOfIdempotencyKey(key)).toBe(`${prefix}-k1`);
      expect(await store.streamOfIdempotencyKey(`${key}-other`)).toBe(`${prefix}-k2`);
      expect(await store.streamOfIdempotencyKey(`${key}-never`)).toBeNull();
    });

    // The log chain is a declared capability: a store that does not declare it says so and is not held to it.
    it('keeps the log chain when it declares it: dense positions, each link over the one before, the position and the hash', async () => {
      if (!hasLogChain(store)) {
        console.log(`[skipped] log chain on ${name}: the store does not declare the capability`);
        return;
      }
      const before = await store.logHead();
      await store.append(`${prefix}-l1`, [draft('L0'), draft('L1')], 'no-stream');
      await Promise.all([
        store.append(`${prefix}-l2`, [draft('L2')], 'no-stream'),
        store.append(`${prefix}-l3`, [draft('L3')], 'no-stream'),
      ]);
      const chained: ChainedRecord[] = [];
      for await (const record of store.readChained(before.position === 0 ? {} : { afterPosition: before.position - 1 }))
        chained.push(record);
      let link = before.position === 0 ? LOG_GENESIS_HASH : chained.shift()!.logHash;
      expect(link).toBe(before.hash);
      let position = before.position;
      for (const record of chained) {
        expect(record.position).toBe(position + 1);
        link = logChainHash(link, record.position, record.hash);
        expect(record.logHash).toBe(link);
        position = record.position;
      }
      expect(chained.filter((record) => record.stream.startsWith(prefix))).toHaveLength(4);
      expect(await store.logHead()).toEqual({ position, hash: link });
      expect((await store.verifyIntegrity()).ok).toBe(true);
    });

    /** Events of one stream as an export holds them: their own ids, revisions and hashes, each with its command's key. */
    const exported = (stream: string, count: number, data: (revision: number) => unknown = (revision) => ({ n: revision })) => {
      let previousHash = GENESIS_HASH;
      return Array.from({ length: count }, (_, revision): ImportedEvent => {
        const metadata = { actor: 'contract-suite', idempotencyKey: `${stream}-${revision}` };
        const event = { ...draft('Imported', data(revision)), metadata, stream, revision, previousHash };
        previousHash = chainHash(previousHash, event);
        return { ...event, hash: previousHash };
      });
    };
    const skipping = (capability: string) => console.log(`[skipped] ${capability} on ${name}: the store does not declare the capability`);

    it('pushes what is written after a position to a subscriber, in log order, when it declares live subscription', async () => {
      if (!hasLiveSubscription(store)) return skipping('live subscription');
      const after = await store.headPosition();
      const seen: StoredRecord[] = [];
      let notify: () => void = () => undefined;
      const bothSeen = new Promise<void>((resolve) => (notify = resolve));
      const errors: unknown[] = [];
      const subscription = store.subscribe(
        after,
        (record) => {
          if (!record.stream.startsWith(prefix)) return;
          seen.push(record);
          if (seen.length === 2) notify();
        },
        { onError: (error) => errors.push(error) },
      );
      try {
        const written = await store.append(`${prefix}-live`, [draft('First'), draft('Second')], 'no-stream');
        await bothSeen;
        expect(seen.map((record) => [record.type, record.revision, record.position])).toEqual([
          ['First', 0, written.positions[0]],
          ['Second', 1, written.positions[1]],
        ]);
        expect(seen.map((record) => record.hash)).toEqual(written.hashes);
        expect(errors).toEqual([]);
      } finally {
        await subscription.close();
      }
    });

    it('takes an import in one write when it declares so: each event as exported, and nothing of a write that fails', async () => {
      if (!hasOneWriteImport(store)) return skipping('one-write import');
      const importing = store;
      const wasEmpty = (await store.headPosition()) === 0;
      const events = [...exported(`${prefix}-i1`, 3), ...exported(`${prefix}-i2`, 2)];
      const written = store.importInOneWrite((target) => {
        expect(target.empty).toBe(wasEmpty);
        for (const event of events) target.write(event);
        return 'written';
      });
      expect(written).toBe('written');
      const read = await ownEvents();
      expect(read.map(({ id, stream, revision, previousHash, hash }) => ({ id, stream, revision, previousHash, hash }))).toEqual(
        events.map(({ id, stream, revision, previousHash, hash }) => ({ id, stream, revision, previousHash, hash })),
      );
      const head = await store.headPosition();
      expect(() =>
        importing.importInOneWrite((target) => {
          expect(target.empty).toBe(false);
          target.write(exported(`${prefix}-i3`, 1)[0]!);
          throw new Error('the manifest does not match');
        }),
      ).toThrow('the manifest does not match');
      expect(await store.headPosition()).toBe(head);
      expect(await store.streamRevision(`${prefix}-i3`)).toBeNull();
      expect((await store.verifyIntegrity()).problems).toEqual([]);
    });

    it('batches an import larger than 1 MiB so that each batch is one append it takes, when it declares import batches', async () => {
      if (!hasImportBatches(store)) return skipping('import batches');
      const description = 'x'.repeat(4000);
      const events = exported(`${prefix}-b`, 400, (revision) => ({ revision, description }));
      const batches = [...store.importBatches(events)];
      expect(batches.every((batch) => batch.length > 0)).toBe(true);
      expect(batches.flat()).toEqual(events);
      let position = await store.headPosition();
      for (const batch of batches) {
        const part: StreamAppend = {
          stream: batch[0]!.stream,
          events: batch.map(({ id, type, schemaVersion, data, metadata }) => ({ id, type, schemaVersion, data, metadata })),
          expected: batch[0]!.revision === 0 ? 'no-stream' : batch[0]!.revision - 1,
        };
        const [result] = await store.appendMany([part], { expectedLogPosition: position });
        expect(result!.hashes).toEqual(batch.map((event) => event.hash));
        position += batch.length;
      }
      expect(await store.streamRevision(`${prefix}-b`)).toBe(399);
    });

    it('reads the lean rows of a projection rebuild when it declares them: in log order, metadata only where asked', async () => {
      if (!hasProjectionRows(store)) return skipping('projection rows');
      const after = await store.headPosition();
      const written = await store.append(`${prefix}-r`, [draft('WithMetadata', { a: 1 }), draft('Without', { b: '2.00' })], 'no-stream');
      const rows = [...store.readProjectionRowsSync(after, ['WithMetadata'])].flat();
      expect(rows).toEqual([
        [written.positions[0], 'WithMetadata', 1, '{"a":1}', JSON.stringify({ actor: 'contract-suite' }), written.hashes[0]],
        [written.positions[1], 'Without', 1, '{"b":"2.00"}', null, written.hashes[1]],
      ]);
    });

    it('copies itself to a file that holds every event, when it declares a file copy', async () => {
      if (!hasFileCopy(store)) return skipping('file copy');
      await store.append(`${prefix}-c`, [draft('Copied'), draft('Copied')], 'no-stream');
      const directory = mkdtempSync(join(tmpdir(), 'ledger-contract-copy-'));
      try {
        const path = join(directory, 'copy');
        await store.copyTo(path);
        expect(statSync(path).size).toBeGreaterThan(0);
        if (!options.openCopy) return;
        const copy = options.openCopy(path);
        try {
          expect(await collect(copy.readAll())).toEqual(await collect(store.readAll()));
          expect((await copy.verifyIntegrity()).ok).toBe(true);
        } finally {
          await copy.close();
        }
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });
}
