import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { frameReport } from '../projections/queries.js';
import type { EventStore } from '../src/store/port.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { demoLedger } from './support/demo.js';
import { describeCrossStreamRaces } from './support/cross-stream-races.js';
import { portOnly } from './support/port-only.js';
import { adopted, basics } from './support/spec.js';

/**
 * The command handler has two ways to record: on SQLite, catch-up, rules and append in
 * one synchronous write transaction (commands grouped); on any other store (EventStoreDB)
 * decide on caught-up states and append on the condition that the log still ends where
 * the decision read it, deciding again on a conflict. The second way is exercised here on
 * SQLite seen only through the port: the same outcomes, the same refusals, the same
 * idempotency, and the cross-stream races decided the same way.
 */
const grant = (amount: string, idempotencyKey: string) => ({
  type: 'AwardGrant',
  year: 2025,
  initiativeId: 'tiltak',
  plan: { amount },
  authority: { caseNumber: '01.25', pointNumber: 1 },
  idempotencyKey,
});

describe('recording through the port alone (the EventStoreDB way)', () => {
  let directory: string;
  let stores: SqliteEventStore[];
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-port-only-'));
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(directory, { recursive: true, force: true });
  });
  const open = () => {
    const store = new SqliteEventStore(join(directory, 'ledger.sqlite'));
    stores.push(store);
    return store;
  };
  const figures = async (store: EventStore) => {
    const runner = new ProjectionRunner(store, { checkpointPath: null });
    await runner.rebuild();
    return frameReport(runner.view, 2025).figures;
  };

  it('records the case 22/25 history with the same figures as the SQLite way', async () => {
    const viaPort = await demoLedger(portOnly(new SqliteEventStore(':memory:')));
    const direct = await demoLedger(new SqliteEventStore(':memory:'));
    expect(viaPort.loaded).toEqual(direct.loaded);
    expect(await figures(viaPort.store)).toEqual(await figures(direct.store));
    expect((await figures(viaPort.store)).recommended).toBe('11345000.00');
  });

  it('40 grants of 75 000 at once from a frame of 1 000 000 through two handlers: exactly 13 succeed, the rest are refused', async () => {
    const [first, second] = [open(), open()].map(
      (store) => new CommandHandler(portOnly(store), { clock: () => new Date(), newId: monotonicFactory() }),
    );
    let key = 0;
    for (const command of [...basics, adopted(3)])
      await first!.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 ? second! : first!).execute(grant('75000', `race-${index}`), { actor: 'racer' }).then(
          () => 'ok',
          (error: unknown) => (error as { code?: string }).code ?? String(error),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(13);
    expect(outcomes.filter((outcome) => outcome !== 'ok').every((outcome) => outcome === 'frame-exceeded')).toBe(true);
    expect((await figures(stores[0]!)).granted).toBe('975000.00');
  });

  it('one command sent ten times at once with one key has one effect', async () => {
    const handler = new CommandHandler(portOnly(open()), { clock: () => new Date(), newId: monotonicFactory() });
    let key = 0;
    for (const command of [...basics, adopted(3)])
      await handler.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
    const results = await Promise.all(Array.from({ length: 10 }, () => handler.execute(grant('100000', 'once'), { actor: 'secretariat' })));
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(new Set(results.map((result) => result.events[0]!.id)).size).toBe(1);
    expect((await figures(stores[0]!)).granted).toBe('100000.00');
  });

  it("answers with the revision its own append left (its ETag), not a later writer's", async () => {
    const store = open();
    const newId = monotonicFactory();
    let interfere = false;
    const port = portOnly(store);
    const racing: EventStore = {
      ...port,
      appendMany: async (parts, options) => {
        const appended = await store.appendMany(parts, options);
        const { stream, events } = parts[0]!;
        if (interfere) {
          interfere = false;
          // Another instance records a spending report on the same stream right after.
          const [own] = events;
          await store.append(
            stream,
            [
              {
                ...own!,
                id: newId(),
                type: 'SpendingReported',
                data: { year: 2025, initiativeId: 'tiltak', amount: '1.00', reference: 'other' },
                metadata: { ...(own!.metadata as object), idempotencyKey: 'other-instance' },
              },
            ],
            'any',
          );
        }
        return appended;
      },
    };
    const handler = new CommandHandler(racing, { clock: () => new Date('2025-03-01T10:00:00Z'), newId });
    let key = 0;
    for (const command of [...basics, adopted(3)])
      await handler.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
    interfere = true;
    const result = await handler.execute(grant('100000', 'mine'), { actor: 'secretariat' });
    expect(await store.streamRevision('year-2025')).toBe(result.events.at(-1)!.revision + 1);
    expect(result.streamRevision).toBe(result.events.at(-1)!.revision);
  });
});

describeCrossStreamRaces('SQLite through the port alone, two instances on one file', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-port-races-'));
  const path = join(directory, 'ledger.sqlite');
  const stores: [EventStore, EventStore] = [portOnly(new SqliteEventStore(path)), portOnly(new SqliteEventStore(path))];
  return {
    stores,
    cleanup: async () => {
      for (const store of stores) await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describeCrossStreamRaces(
  'SQLite, two instances on one file',
  async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ledger-sync-races-'));
    const path = join(directory, 'ledger.sqlite');
    const stores: [EventStore, EventStore] = [new SqliteEventStore(path), new SqliteEventStore(path)];
    return {
      stores,
      cleanup: async () => {
        for (const store of stores) await store.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
  { rounds: 2 },
);
