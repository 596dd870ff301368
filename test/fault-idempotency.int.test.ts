import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { monotonicFactory } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandHandler, type CommandResult } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { frameReport } from '../projections/queries.js';
import { adopted, basics } from './support/spec.js';

/**
 * Idempotency under repetition and concurrency: one command sent many times with one
 * key has one effect, whether the sends are sequential, concurrent in one handler, or
 * concurrent through two handlers (two "processes", each with its own cache) on one
 * SQLite file; a key reused for a different body is refused and appends nothing.
 * LEDGER_FAULT_REPEATS (default 25) and LEDGER_FAULT_RUNS (default 15) scale it.
 */
const REPEATS = Number(process.env.LEDGER_FAULT_REPEATS ?? 25);
const RUNS = Number(process.env.LEDGER_FAULT_RUNS ?? 15);

const grant = (amount: string, extra: Record<string, unknown> = {}) => ({
  type: 'AwardGrant',
  year: 2025,
  initiativeId: 'tiltak',
  plan: { amount },
  authority: { caseNumber: '01.25', pointNumber: 1 },
  ...extra,
});

const outcome = (promise: Promise<CommandResult>) =>
  promise.then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error: error as Error & { code?: string } }),
  );

describe(
  'idempotency keys under repetition and concurrency (SQLite file, two handlers)',
  { timeout: 60_000 + RUNS * 2_000 + REPEATS * 200 },
  () => {
    let directory: string;
    let store: SqliteEventStore;
    let other: SqliteEventStore;
    let first: CommandHandler;
    let second: CommandHandler;

    const granted = async () => {
      const runner = new ProjectionRunner(store, { checkpointPath: null });
      await runner.rebuild();
      return frameReport(runner.view, 2025).figures.granted;
    };

    beforeEach(async () => {
      directory = mkdtempSync(join(tmpdir(), 'ledger-idempotency-'));
      const path = join(directory, 'ledger.sqlite');
      store = new SqliteEventStore(path);
      other = new SqliteEventStore(path);
      first = new CommandHandler(store, { clock: () => new Date(), newId: monotonicFactory() });
      second = new CommandHandler(other, { clock: () => new Date(), newId: monotonicFactory() });
      let key = 0;
      for (const command of [...basics, adopted(3)])
        await first.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
    });
    afterEach(async () => {
      await store.close();
      await other.close();
      rmSync(directory, { recursive: true, force: true });
    });

    it(`one command sent ${REPEATS} times in a row has one effect, and every repeat returns the first result`, async () => {
      const before = await store.headPosition();
      const results: CommandResult[] = [];
      for (let index = 0; index < REPEATS; index++)
        results.push(await (index % 2 ? second : first).execute({ ...grant('100000'), idempotencyKey: 'once' }, { actor: 'test' }));
      expect(results.map((result) => result.replayed)).toEqual([false, ...Array(REPEATS - 1).fill(true)]);
      for (const result of results) expect(result.events).toEqual(results[0]!.events);
      expect(await store.headPosition()).toBe(before + 1);
      expect(await granted()).toBe('100000.00');
    });

    it('refuses a reused key with a different body (idempotency-key-reused) and appends nothing', async () => {
      await first.execute({ ...grant('100000'), idempotencyKey: 'reused' }, { actor: 'test' });
      const before = await store.headPosition();
      for (const handler of [first, second])
        for (const body of [
          grant('100001'),
          grant('100000', { initiativeId: 'annet' }),
          grant('100000', { note: 'En merknad' }),
          grant('100000', { effectiveDate: '2025-03-01' }),
        ])
          await expect(handler.execute({ ...body, idempotencyKey: 'reused' }, { actor: 'test' })).rejects.toMatchObject({
            code: 'idempotency-key-reused',
          });
      expect(await store.headPosition()).toBe(before);
      expect(await granted()).toBe('100000.00');
    });

    it('property (sequential sends, alternating handlers): one recorded body per key, every send answered consistently', async () => {
      await interleavings(false);
    });

    // Concurrent sends of one command: deciding awaits catch-ups, so the handler looks
    // the key up again right before it reads the revision and appends.
    it(`one command sent ${REPEATS} times at once (Promise.all, two handlers on one file) has one effect`, async () => {
      const before = await store.headPosition();
      const outcomes = await Promise.all(
        Array.from({ length: REPEATS }, (_, index) =>
          outcome((index % 2 ? second : first).execute({ ...grant('100000'), idempotencyKey: 'at-once' }, { actor: 'test' })),
        ),
      );
      const failures = outcomes.filter((entry) => !entry.ok);
      expect(failures.map((entry) => (entry.ok ? null : `${entry.error.code}: ${entry.error.message}`))).toEqual([]);
      const results = outcomes.map((entry) => (entry.ok ? entry.result : null)!);
      expect(results.filter((result) => !result.replayed)).toHaveLength(1);
      for (const result of results) expect(result.events).toEqual(results[0]!.events);
      expect(await store.headPosition()).toBe(before + 1);
      expect(await granted()).toBe('100000.00');
    });

    it('one command sent twice at once to ONE handler on an in-memory store has one effect', async () => {
      const memory = new SqliteEventStore(':memory:');
      const handler = new CommandHandler(memory, { clock: () => new Date(), newId: monotonicFactory() });
      let key = 0;
      for (const command of [...basics, adopted(3)])
        await handler.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
      const before = await memory.headPosition();
      const [a, b] = await Promise.all(
        [1, 2].map(() => handler.execute({ ...grant('100000'), idempotencyKey: 'twice' }, { actor: 'test' })),
      );
      expect(await memory.headPosition(), 'appended once').toBe(before + 1);
      expect(b!.events).toEqual(a!.events);
    });

    it('when different bodies race under one key, exactly one is recorded; the rest replay it or are refused', async () => {
      const bodies = [grant('100000'), grant('200000'), grant('300000', { initiativeId: 'annet' })];
      const before = await store.headPosition();
      const outcomes = await Promise.all(
        Array.from({ length: REPEATS }, (_, index) =>
          outcome(
            (index % 2 ? second : first).execute({ ...bodies[index % bodies.length]!, idempotencyKey: 'contested' }, { actor: 'test' }),
          ),
        ),
      );
      expect(await store.headPosition()).toBe(before + 1);
      const winners = outcomes.filter((entry) => entry.ok && !entry.result.replayed);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.ok ? winners[0]!.result : null;
      for (const entry of outcomes) {
        if (entry.ok) expect(entry.result.events).toEqual(winner!.events);
        else expect(entry.error.code, entry.error.message).toBe('idempotency-key-reused');
      }
    });

    it('property (concurrent sends): one recorded body per key, every send answered consistently', async () => {
      await interleavings(true);
    });

    /**
     * Waves of sends under a few keys with a few bodies, through either handler; within a
     * wave all at once (Promise.all) or one after another. Afterwards every key has exactly
     * one recorded body, each send got that body's first result or idempotency-key-reused
     * (only for another body), and the log grew by one event per key.
     */
    async function interleavings(concurrent: boolean) {
      const bodies = [
        grant('10'),
        grant('20'),
        grant('10', { initiativeId: 'annet' }),
        { type: 'ReportSpending', year: 2025, initiativeId: 'tiltak', amount: '1', reference: 'Regnskap' },
      ];
      const send = fc.record({
        key: fc.constantFrom('a', 'b', 'c'),
        body: fc.integer({ min: 0, max: bodies.length - 1 }),
        handler: fc.boolean(),
      });
      // Spending needs money granted to the initiative first.
      await first.execute({ ...grant('5000'), idempotencyKey: 'room' }, { actor: 'test' });
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(send, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), async (waves) => {
          run += 1;
          const prefix = `${concurrent ? 'c' : 's'}${run}-`;
          const before = await store.headPosition();
          const chosen = new Map<string, number>();
          const firstEvents = new Map<string, unknown>();
          for (const wave of waves) {
            const sendOne = (entry: (typeof wave)[number]) =>
              outcome(
                (entry.handler ? second : first).execute({ ...bodies[entry.body]!, idempotencyKey: prefix + entry.key }, { actor: 'test' }),
              );
            const outcomes = concurrent ? await Promise.all(wave.map(sendOne)) : [];
            if (!concurrent) for (const entry of wave) outcomes.push(await sendOne(entry));
            for (const [index, entry] of outcomes.entries()) {
              const { key, body } = wave[index]!;
              if (entry.ok) {
                const known = chosen.get(key);
                if (known === undefined) chosen.set(key, body);
                else expect(body, 'only the recorded body replays').toBe(known);
                if (firstEvents.has(key)) expect(entry.result.events).toEqual(firstEvents.get(key));
                else firstEvents.set(key, entry.result.events);
              } else expect(entry.error.code, entry.error.message).toBe('idempotency-key-reused');
            }
            for (const [index, entry] of outcomes.entries())
              if (!entry.ok) expect(chosen.get(wave[index]!.key)).not.toBe(wave[index]!.body);
          }
          expect(await store.headPosition(), 'one event per recorded key').toBe(before + chosen.size);
        }),
        { numRuns: RUNS, ...(process.env.LEDGER_FAULT_SEED ? { seed: Number(process.env.LEDGER_FAULT_SEED) } : {}) },
      );
    }

    // On SQLite the handler looks keys up across streams (an index over the key in metadata).
    it('refuses a reused key whose different body targets another stream', async () => {
      await first.execute({ ...grant('100000'), idempotencyKey: 'across-streams' }, { actor: 'test' });
      const before = await store.headPosition();
      const other = {
        type: 'ReceiveFunds',
        year: 2026,
        amount: '5',
        reference: 'Tilskudd 2026',
        receivedOn: '2026-01-15',
        idempotencyKey: 'across-streams',
      };
      const failure = await first.execute(other, { actor: 'test' }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(await store.headPosition(), 'nothing appended').toBe(before);
      expect(failure).toMatchObject({ code: 'idempotency-key-reused' });
    });
  },
);
