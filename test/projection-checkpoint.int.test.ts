import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { balancesReport, explainFigure, frameReport } from '../projections/queries.js';
import { trailCore } from '../projections/trail.js';
import { SNAPSHOT_VERSION, readSnapshot, writeSnapshot } from '../projections/snapshot.js';
import type { LedgerView } from '../projections/ledger-view.js';
import { generateCommands, resolveReferences } from './support/generator.js';

/**
 * The projections' checkpoint is binary (projections/snapshot.ts): a restored view reads
 * its postings and items in place, and caught up it equals a rebuild, whether anything
 * was read before the catch-up or not. A checkpoint is used only when it is whole (its
 * digest matches), of this format and of this log (its last event is in the log with
 * the same hash); any other is refused and the view rebuilt from the log.
 */
const directory = mkdtempSync(join(tmpdir(), 'ledger-checkpoint-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function everything(view: LedgerView) {
  const items = <V>(map: Map<string, V>) => ({
    size: map.size,
    entries: [...map],
    byGet: [...map.keys()].map((key) => map.get(key)),
    has: [...map.keys()].every((key) => map.has(key)),
  });
  return [
    items(view.cases),
    items(view.proposals),
    items(view.grants),
    ...[...view.years.values()].map((book) => ({
      year: book.year,
      trail: [...book.eventPositions],
      accounts: [...book.accounts].map(([key, account]) => [key, account.total.toFixed(2), account.positions, account.deltas]),
    })),
  ];
}

/** The queries a user sees, for every year. */
function answers(view: LedgerView) {
  return [...view.years.keys()].map((year) => ({
    frame: frameReport(view, year),
    balances: balancesReport(view, year),
    trail: trailCore(view, year),
    explained: (['spent', 'granted', 'available'] as const).map((figure) =>
      explainFigure(view, { year, figure, scope: { kind: 'total' } }),
    ),
  }));
}

/** Records the generated commands of a seed, those from `from` to `to`. */
async function record(store: SqliteEventStore, seed: number, events: number, from = 0, to = Infinity): Promise<void> {
  const handler = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
  for (const command of [...generateCommands(seed, { events })].slice(from, to))
    await handler.execute(await resolveReferences(command, store), { actor: 'checkpoint-test' });
}

describe('a binary checkpoint', () => {
  for (const readFirst of [false, true])
    it(`restores to a view that, caught up, equals a rebuild${readFirst ? ' (everything read before the catch-up)' : ''}`, async () => {
      const file = join(directory, `history-${readFirst}.sqlite`);
      const checkpointPath = `${file}.projections.json`;
      const store = new SqliteEventStore(file);
      const cut = Math.floor([...generateCommands(20251123, { events: 2500 })].length * 0.7);
      await record(store, 20251123, 2500, 0, cut);
      const first = new ProjectionRunner(store, { checkpointPath });
      await first.rebuild();
      first.saveCheckpoint();
      expect(readFileSync(checkpointPath).readUInt32LE(8)).toBe(SNAPSHOT_VERSION);
      await record(store, 20251123, 2500, cut);

      const restored = new ProjectionRunner(store, { checkpointPath: null });
      restored.view = readSnapshot(readFileSync(checkpointPath))!;
      // Read every account, trail and item of the restored view before the catch-up folds into it, or not.
      if (readFirst) expect(answers(restored.view).length).toBeGreaterThan(0);
      expect(await restored.catchUp()).toBeGreaterThan(0);
      const rebuilt = new ProjectionRunner(store, { checkpointPath: null });
      await rebuilt.rebuild();
      expect(writeSnapshot(restored.view).equals(writeSnapshot(rebuilt.view))).toBe(true);
      expect(everything(restored.view)).toEqual(everything(rebuilt.view));
      expect(answers(restored.view)).toEqual(answers(rebuilt.view));
      await store.close();
    });

  it('is read in place until posted to, and written again from a restored view gives the same bytes', async () => {
    const file = join(directory, 'lazy.sqlite');
    const checkpointPath = `${file}.projections.json`;
    const store = new SqliteEventStore(file);
    await record(store, 20251124, 800);
    const first = new ProjectionRunner(store, { checkpointPath });
    await first.rebuild();
    first.saveCheckpoint();
    const written = readFileSync(checkpointPath);
    const restored = new ProjectionRunner(store, { checkpointPath });
    expect(await restored.start()).toMatchObject({ startedFrom: 'checkpoint', caughtUp: 0 });
    restored.saveCheckpoint();
    expect(readFileSync(checkpointPath).equals(written)).toBe(true);
    expect(everything(restored.view)).toEqual(everything(first.view));
    expect(answers(restored.view)).toEqual(answers(first.view));
    // Read everything (items parsed, trails unpacked): the same bytes again.
    restored.saveCheckpoint();
    expect(readFileSync(checkpointPath).equals(written)).toBe(true);
    await store.close();
  });
});

describe('a checkpoint that cannot be used', () => {
  let store: SqliteEventStore;
  let good: Buffer;
  let rebuilt: LedgerView;
  const file = join(directory, 'refused.sqlite');
  const checkpointPath = `${file}.projections.json`;
  beforeAll(async () => {
    store = new SqliteEventStore(file);
    await record(store, 20251125, 900);
    const runner = new ProjectionRunner(store, { checkpointPath });
    await runner.rebuild();
    runner.saveCheckpoint();
    good = readFileSync(checkpointPath);
    rebuilt = runner.view;
  });
  afterAll(() => store.close());

  /** Starts a runner from `bytes` as the checkpoint; the view must be the log's own either way. */
  async function startFrom(bytes: Buffer | string) {
    writeFileSync(checkpointPath, bytes);
    const runner = new ProjectionRunner(store, { checkpointPath });
    const started = await runner.start();
    expect(answers(runner.view)).toEqual(answers(rebuilt));
    return started;
  }

  it('is refused when a byte of it changed, wherever it is, and the view is rebuilt', async () => {
    const headerLength = good.readUInt32LE(12);
    // In the fixed part, the digest, the header, the items' JSON, the positions and amounts at the end.
    for (const at of [
      0,
      9,
      20,
      48 + 5,
      48 + Math.floor(headerLength / 2),
      48 + headerLength + 100,
      Math.floor(good.length / 2),
      good.length - 3,
    ]) {
      const damaged = Buffer.from(good);
      damaged[at] = damaged[at]! ^ 0x20;
      const started = await startFrom(damaged);
      expect(started.startedFrom, `byte ${at}`).toBe('zero');
      expect(started.reason, `byte ${at}`).toMatch(/^checkpoint (unreadable|of another version)$/);
    }
  });

  it('is refused when it was cut short or is empty', async () => {
    for (const bytes of [good.subarray(0, good.length - 8), good.subarray(0, 30), Buffer.alloc(0)])
      expect(await startFrom(bytes)).toMatchObject({ startedFrom: 'zero', reason: 'checkpoint unreadable' });
  });

  it('is refused when it is of another log: its last event is not in this one', async () => {
    const other = new SqliteEventStore(join(directory, 'other.sqlite'));
    await record(other, 777, 400);
    const runner = new ProjectionRunner(other, { checkpointPath: null });
    await runner.rebuild();
    const started = await startFrom(writeSnapshot(runner.view));
    expect(started).toMatchObject({ startedFrom: 'zero' });
    expect(started.reason).toMatch(/^checkpoint does not match the log/);
    await other.close();
  });

  it('is refused when it is of an older format (the JSON checkpoint of format 7), and the next one is written in this format', async () => {
    const started = await startFrom(JSON.stringify({ version: 7, position: rebuilt.position, lastEventHash: rebuilt.lastEventHash }));
    expect(started).toMatchObject({ startedFrom: 'zero', reason: 'checkpoint of another version' });
    const runner = new ProjectionRunner(store, { checkpointPath });
    await runner.rebuild();
    runner.saveCheckpoint();
    expect(readSnapshot(readFileSync(checkpointPath))).not.toBeNull();
  });
});
