import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { monotonicFactory } from 'ulid';
import { CommandHandler } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { balancesReport, frameReport } from '../projections/queries.js';
import { money } from '../src/domain/money.js';
import { adopted, basics, type Given } from './support/spec.js';
import { propertyParameters } from './support/property.js';

const amount = fc.integer({ min: 1, max: 60_000_000 }).map((ore) => (ore / 100).toFixed(2));
const initiative = fc.constantFrom('tiltak', 'annet');
const year = fc.constantFrom(2025, 2026, 2027);

/** Commands a secretariat might send, valid in form; the rules refuse some of them, as they would in use. */
const command: fc.Arbitrary<Given> = fc.oneof(
  fc.record({
    type: fc.constant('ReceiveFunds' as const),
    year,
    amount,
    reference: fc.constant('Tilskudd'),
    receivedOn: fc.constant('2025-03-01'),
  }),
  fc.record({
    type: fc.constant('AwardGrant' as const),
    year,
    initiativeId: initiative,
    plan: fc.oneof(
      amount.map((value) => ({ amount: value })),
      fc.tuple(amount, fc.constantFrom(2, 3)).map(([amountTotal, years]) => ({ amountTotal, years })),
    ),
    authority: fc.constant({ caseNumber: '01.25', pointNumber: 1 }),
  }),
  fc.record({ type: fc.constant('ReportSpending' as const), year, initiativeId: initiative, amount, reference: fc.constant('Regnskap') }),
  fc.record({
    type: fc.constant('EstablishReserveFund' as const),
    year,
    name: fc.constant('Fond'),
    authority: fc.constant({ caseNumber: '01.25', pointNumber: 2 }),
  }),
  fc.record({ type: fc.constant('SettleYear' as const), year }),
);

describe('projections', () => {
  it('incremental projections equal a rebuild from zero, and every frame balances, after random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        async (commands, catchUpEvery) => {
          const store = new SqliteEventStore(':memory:');
          const handler = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
          const incremental = new ProjectionRunner(store, { checkpointPath: null });
          let key = 0;
          for (const setup of [...basics, adopted(2)]) await handler.execute({ ...setup, idempotencyKey: `s${key++}` }, { actor: 'test' });
          for (const [index, next] of commands.entries()) {
            await handler.execute({ ...next, idempotencyKey: `c${key++}` }, { actor: 'test' }).catch((error: unknown) => {
              if (!(error && typeof error === 'object' && 'code' in error)) throw error;
            });
            if (index % catchUpEvery === 0) await incremental.catchUp();
          }
          await incremental.catchUp();
          const rebuilt = new ProjectionRunner(store, { checkpointPath: null });
          await rebuilt.rebuild();
          for (const y of [2024, 2025, 2026, 2027, 2028]) {
            const frame = frameReport(incremental.view, y);
            expect(frame).toEqual(frameReport(rebuilt.view, y));
            expect(balancesReport(incremental.view, y)).toEqual(balancesReport(rebuilt.view, y));
            const figures = frame.figures;
            const spoken = money(figures.granted!).plus(figures.committed!).plus(figures.reserved!).plus(figures.available!);
            expect(money(figures.frame!).plus(figures.expectedReceipt!).equals(spoken)).toBe(true);
            // A year's decisions stay within its frame; before its funds arrive, within the receipt expected (the latest earlier one).
            const received = (of: number) => money(frameReport(incremental.view, of).figures.received!);
            const expected = received(y - 1).isZero() ? received(y - 2) : received(y - 1);
            if (received(y).isZero() && !frame.closed) expect(figures.expectedReceipt).toBe(expected.toFixed(2));
            expect(money(figures.available!).isNegative(), `${y}: available ${figures.available}, expected ${expected.toFixed(2)}`).toBe(
              false,
            );
            if (frame.closed) expect(figures.available).toBe(figures.remainderCarriedOut);
          }
          await store.close();
        },
      ),
      propertyParameters(60),
    );
  });

  it('catches up from a stored checkpoint at start-up instead of replaying from zero', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ledger-checkpoint-'));
    try {
      const storePath = join(directory, 'ledger.sqlite');
      const checkpointPath = join(directory, 'checkpoint.json');
      const store = new SqliteEventStore(storePath);
      const handler = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
      let key = 0;
      for (const setup of [...basics, adopted(3)]) await handler.execute({ ...setup, idempotencyKey: `s${key++}` }, { actor: 'test' });
      const first = new ProjectionRunner(store, { checkpointPath });
      expect((await first.start()).startedFrom).toBe('zero');
      first.saveCheckpoint();
      const checkpointed = first.view.position;
      await handler.execute(
        {
          type: 'AwardGrant',
          idempotencyKey: 'g',
          year: 2025,
          initiativeId: 'tiltak',
          plan: { amount: '250000' },
          authority: { caseNumber: '01.25', pointNumber: 1 },
        },
        { actor: 'test' },
      );
      const second = new ProjectionRunner(store, { checkpointPath });
      const started = await second.start();
      expect(started).toMatchObject({ startedFrom: 'checkpoint', caughtUp: 1 });
      expect(second.view.position).toBeGreaterThan(checkpointed);
      expect(frameReport(second.view, 2025).figures.granted).toBe('250000.00');
      await store.close();
      // A checkpoint that does not match the log (another store file) is ignored, and the view rebuilt.
      const other = new SqliteEventStore(join(directory, 'other.sqlite'));
      const otherHandler = new CommandHandler(other, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
      for (const setup of basics.slice(0, 3)) await otherHandler.execute({ ...setup, idempotencyKey: `o${key++}` }, { actor: 'test' });
      const third = new ProjectionRunner(other, { checkpointPath });
      expect(await third.start()).toMatchObject({ startedFrom: 'zero', reason: 'checkpoint does not match the log' });
      await other.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('following the log', () => {
  it('folds in what another instance writes as soon as the store pushes it, without a query', async () => {
    const store = new SqliteEventStore(':memory:');
    let push: (() => void) | null = null;
    // The SQLite store cannot push; give it a subscription, declared, the way the EventStoreDB store has one.
    const pushing = Object.assign(store, {
      capabilities: { ...store.capabilities, liveSubscription: true },
      subscribe: (_after: number, onEvent: () => void) => {
        push = onEvent;
        return { close: async () => undefined };
      },
    });
    const runner = new ProjectionRunner(pushing, { checkpointPath: null });
    await runner.start();
    const following = runner.follow();
    expect(following).not.toBeNull();
    const other = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
    await other.execute(
      { type: 'ReceiveFunds', idempotencyKey: 'r', year: 2026, amount: '5000000', reference: 'Tilskudd 2026', receivedOn: '2025-12-20' },
      { actor: 'other-instance' },
    );
    expect(frameReport(runner.view, 2026).figures.received).toBe('0.00');
    // Wait for the catch-up the push starts, not for a guessed time: two pushes in a row
    // (events arriving together) are folded in one catch-up.
    const original = runner.catchUp.bind(runner);
    const catchUp = vi.spyOn(runner, 'catchUp');
    const caughtUp = new Promise<number>((resolve) =>
      catchUp.mockImplementation(() => {
        const run = original();
        resolve(run);
        return run;
      }),
    );
    push!();
    push!();
    await caughtUp;
    expect(catchUp).toHaveBeenCalledTimes(1);
    expect(frameReport(runner.view, 2026).figures.received).toBe('5000000.00');
    await following!.close();
    expect(new ProjectionRunner(new SqliteEventStore(':memory:'), { checkpointPath: null }).follow()).toBeNull();
  });
});
