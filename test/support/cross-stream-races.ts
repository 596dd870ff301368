import { monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../events/catalogue.js';
import { CommandHandler } from '../../src/app/command-handler.js';
import { ProjectionRunner } from '../../src/app/projection-runner.js';
import { hasSynchronousLog, type EventStore } from '../../src/store/port.js';
import { frameReport } from '../../projections/queries.js';
import { adopted, basics, type Given } from './spec.js';

/**
 * Races between decisions whose rules read another stream than the one they append to
 * (issue 16, "serialisable decisions on every store"): two ledger instances — each with
 * its own store object, cache and handler, as two processes have — on one log. Whichever
 * wins, the loser is refused or decided again on what the winner recorded; both are
 * never recorded on the same stale reading.
 *
 * `open` gives two instances of one fresh, empty ledger.
 */
export function describeCrossStreamRaces(
  name: string,
  open: () => Promise<{ stores: [EventStore, EventStore]; cleanup: () => Promise<void> }>,
  options: { skipReason?: string | undefined; rounds?: number } = {},
): void {
  const rounds = options.rounds ?? 4;
  if (options.skipReason) console.log(`[skipped] cross-stream races on ${name}: ${options.skipReason}`);
  describe.skipIf(options.skipReason !== undefined)(`decisions that read other streams, racing (${name})`, () => {
    const race = async (setup: Given[], left: Given, right: Given) => {
      const { stores, cleanup } = await open();
      const rendezvous = new Rendezvous();
      try {
        const [first, second] = stores.map(
          (store, index) => new CommandHandler(rendezvous.around(store, index), { clock: () => new Date(), newId: monotonicFactory() }),
        );
        let key = 0;
        for (const command of setup) await first!.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
        // Both instances have read everything before the race starts.
        await second!.streamRevisionOf('registry');
        rendezvous.arm();
        const outcome = (promise: Promise<unknown>) =>
          promise.then(
            () => 'ok',
            (error: unknown) => (error as { code?: string }).code ?? String(error),
          );
        const [leftOutcome, rightOutcome] = await Promise.all([
          outcome(first!.execute({ ...left, idempotencyKey: 'left' }, { actor: 'left' })),
          outcome(second!.execute({ ...right, idempotencyKey: 'right' }, { actor: 'right' })),
        ]);
        const log: StoredRecord[] = [];
        for await (const record of stores[0].readAll()) log.push(record);
        const runner = new ProjectionRunner(stores[1], { checkpointPath: null });
        await runner.rebuild();
        const report = await stores[0].verifyIntegrity();
        return { left: leftOutcome, right: rightOutcome, log, view: runner.view, report };
      } finally {
        await cleanup();
      }
    };
    const positionOf = (log: StoredRecord[], type: string, key?: string) =>
      log.find(
        (record) => record.type === type && (key === undefined || (record.metadata as { idempotencyKey?: string }).idempotencyKey === key),
      )?.position;

    it(`a vote against its year being closed: the vote lands before the closing or is refused (${rounds} rounds)`, async () => {
      const settle: Given = { type: 'SettleYear', year: 2025, effectiveDate: '2025-12-31' };
      const vote: Given = {
        type: 'CastVote',
        caseNumber: '01.25',
        memberId: 'leder',
        pointNumber: 1,
        choice: { answer: 'yes' },
        effectiveDate: '2025-02-20',
      };
      for (let round = 0; round < rounds; round++) {
        const result = await race(basics, round % 2 ? settle : vote, round % 2 ? vote : settle);
        const [voted, settled] = round % 2 ? [result.right, result.left] : [result.left, result.right];
        expect(settled).toBe('ok');
        expect(['ok', 'year-closed']).toContain(voted);
        const closedAt = positionOf(result.log, 'YearClosed')!;
        const votedAt = positionOf(result.log, 'VoteCast');
        if (voted === 'ok') expect(votedAt!).toBeLessThan(closedAt);
        else expect(votedAt).toBeUndefined();
        expect(result.report.ok).toBe(true);
      }
    });

    it(`a grant against the settlement that carries money into its frame: recorded only after it, or refused (${rounds} rounds)`, async () => {
      const setup: Given[] = [
        ...basics,
        { ...adopted(3), effectiveDate: '2025-02-20' },
        {
          type: 'ReceiveFunds',
          year: 2026,
          amount: '100000',
          reference: 'Tilskudd 2026',
          receivedOn: '2026-01-05',
          effectiveDate: '2026-01-05',
        },
      ];
      const settle: Given = { type: 'SettleYear', year: 2025, effectiveDate: '2025-12-31' };
      // Fits 2026's frame only with the 1 000 000 that 2025's settlement carries into it.
      const grant: Given = {
        type: 'AwardGrant',
        year: 2026,
        initiativeId: 'tiltak',
        plan: { amount: '600000' },
        authority: { caseNumber: '01.25', pointNumber: 1 },
        effectiveDate: '2026-01-10',
      };
      for (let round = 0; round < rounds; round++) {
        const result = await race(setup, round % 2 ? settle : grant, round % 2 ? grant : settle);
        const [granted, settled] = round % 2 ? [result.right, result.left] : [result.left, result.right];
        expect(settled).toBe('ok');
        expect(['ok', 'frame-exceeded']).toContain(granted);
        const grantedAt = positionOf(result.log, 'GrantAwarded', round % 2 ? 'right' : 'left');
        if (granted === 'ok') expect(grantedAt!).toBeGreaterThan(positionOf(result.log, 'YearClosed')!);
        else expect(grantedAt).toBeUndefined();
        expect(frameReport(result.view, 2026).figures.available!.startsWith('-')).toBe(false);
        expect(result.report.ok).toBe(true);
      }
    });

    it(`two grants against one frame from two instances: one recorded, the other refused, never both (${rounds} rounds)`, async () => {
      const grant = (amount: string): Given => ({
        type: 'AwardGrant',
        year: 2025,
        initiativeId: 'tiltak',
        plan: { amount },
        authority: { caseNumber: '01.25', pointNumber: 1 },
      });
      for (let round = 0; round < rounds; round++) {
        const result = await race([...basics, adopted(3)], grant('600000'), grant('550000'));
        expect([result.left, result.right].sort()).toEqual(['frame-exceeded', 'ok']);
        expect(result.log.filter((record) => record.type === 'GrantAwarded')).toHaveLength(1);
        const figures = frameReport(result.view, 2025).figures;
        expect(['600000.00', '550000.00']).toContain(figures.granted);
        expect(result.report.ok).toBe(true);
      }
    });
  });
}

/**
 * Makes the race happen every time: once armed, the first append of each instance waits
 * until the other has decided too (or a moment has passed), so both decide on the same
 * reading; then the left one appends, and the right one after it has. The right one's
 * append is the one that must be refused and decided again. A store with a synchronous
 * log decides inside its write transaction and is left as it is.
 */
class Rendezvous {
  private armed = false;
  private readonly arrived: (() => void)[] = [];
  private leftDone: Promise<unknown> = Promise.resolve();
  private bothArrived: Promise<void> | null = null;
  private markBoth: () => void = () => undefined;

  arm(): void {
    this.armed = true;
    this.bothArrived = new Promise<void>((resolve) => (this.markBoth = resolve));
    setTimeout(() => this.markBoth(), 500).unref();
  }

  around(store: EventStore, index: number): EventStore {
    if (hasSynchronousLog(store)) return store;
    let first = true;
    const gate = async <T>(append: () => Promise<T>): Promise<T> => {
      if (!this.armed || !first) return append();
      first = false;
      this.arrived.push(() => undefined);
      if (this.arrived.length === 2) this.markBoth();
      await this.bothArrived;
      if (index === 0) {
        const done = append();
        this.leftDone = done.catch(() => undefined);
        return done;
      }
      await this.leftDone;
      return append();
    };
    return new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'appendMany') return (...args: Parameters<EventStore['appendMany']>) => gate(() => target.appendMany(...args));
        if (property === 'append') return (...args: Parameters<EventStore['append']>) => gate(() => target.append(...args));
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}
