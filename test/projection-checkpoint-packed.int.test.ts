import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { balancesReport, explainFigure } from '../projections/queries.js';
import { trailCore } from '../projections/trail.js';
import { SNAPSHOT_VERSION, fromSnapshot, toSnapshot, type ViewSnapshot } from '../projections/snapshot.js';
import type { LedgerView } from '../projections/ledger-view.js';
import { generateCommands, resolveReferences } from './support/generator.js';

/**
 * A checkpoint keeps postings and trails packed, and a restored view unpacks them only
 * when read or posted to: a view restored and caught up must equal a rebuild, whether
 * its accounts were read before the catch-up or not.
 */
const directory = mkdtempSync(join(tmpdir(), 'ledger-checkpoint-packed-'));
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
      accounts: [...book.accounts].map(([key, account]) => [key, account.total.toFixed(2), [...account.positions], [...account.deltas]]),
    })),
  ];
}

describe('a packed checkpoint', () => {
  for (const readFirst of [false, true])
    it(`restores to a view that, caught up, equals a rebuild${readFirst ? ' (accounts read before the catch-up)' : ''}`, async () => {
      const file = join(directory, `history-${readFirst}.sqlite`);
      const checkpointPath = `${file}.projections.json`;
      const store = new SqliteEventStore(file);
      const handler = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
      const commands = [...generateCommands(20251123, { events: 2500 })];
      const cut = Math.floor(commands.length * 0.7);
      for (const command of commands.slice(0, cut))
        await handler.execute(await resolveReferences(command, store), { actor: 'checkpoint-test' });
      const first = new ProjectionRunner(store, { checkpointPath });
      await first.rebuild();
      first.saveCheckpoint();
      expect(JSON.parse(readFileSync(checkpointPath, 'utf8')).version).toBe(SNAPSHOT_VERSION);
      for (const command of commands.slice(cut))
        await handler.execute(await resolveReferences(command, store), { actor: 'checkpoint-test' });

      const restored = new ProjectionRunner(store, { checkpointPath: null });
      restored.view = fromSnapshot(JSON.parse(readFileSync(checkpointPath, 'utf8')) as ViewSnapshot)!;
      // Read every account and trail of the restored view (unpacking them) before the catch-up, or not.
      if (readFirst) expect(everything(restored.view).length).toBeGreaterThan(0);
      expect(await restored.catchUp()).toBeGreaterThan(0);
      const rebuilt = new ProjectionRunner(store, { checkpointPath: null });
      await rebuilt.rebuild();
      // Packed and unpacked snapshots are written alike.
      expect(JSON.stringify(toSnapshot(restored.view))).toBe(JSON.stringify(toSnapshot(rebuilt.view)));
      expect(everything(restored.view)).toEqual(everything(rebuilt.view));
      expect(JSON.stringify(toSnapshot(restored.view))).toBe(JSON.stringify(toSnapshot(rebuilt.view)));
      for (const year of restored.view.years.keys()) {
        expect(balancesReport(restored.view, year)).toEqual(balancesReport(rebuilt.view, year));
        expect(trailCore(restored.view, year)).toEqual(trailCore(rebuilt.view, year));
        for (const figure of ['spent', 'granted', 'available'] as const)
          expect(explainFigure(restored.view, { year, figure, scope: { kind: 'total' } })).toEqual(
            explainFigure(rebuilt.view, { year, figure, scope: { kind: 'total' } }),
          );
      }
      await store.close();
    });

  it('restores a view whose postings stay packed until read, and read alike', async () => {
    const file = join(directory, 'lazy.sqlite');
    const checkpointPath = `${file}.projections.json`;
    const store = new SqliteEventStore(file);
    const handler = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
    for (const command of generateCommands(20251124, { events: 800 }))
      await handler.execute(await resolveReferences(command, store), { actor: 'checkpoint-test' });
    const first = new ProjectionRunner(store, { checkpointPath });
    await first.rebuild();
    first.saveCheckpoint();
    const restored = new ProjectionRunner(store, { checkpointPath });
    expect((await restored.start()).caughtUp).toBe(0);
    const written = readFileSync(checkpointPath, 'utf8');
    // Writing the restored view again, before anything was unpacked, gives the same file.
    restored.saveCheckpoint();
    expect(readFileSync(checkpointPath, 'utf8')).toBe(written);
    expect(everything(restored.view)).toEqual(everything(first.view));
    restored.saveCheckpoint();
    expect(readFileSync(checkpointPath, 'utf8')).toBe(written);
    await store.close();
  });
});

describe('the checkpoint file', () => {
  it('is ASCII (non-ASCII characters escaped), restores every character, and a UTF-8 checkpoint still reads', async () => {
    const file = join(directory, 'ascii.sqlite');
    const checkpointPath = `${file}.projections.json`;
    const store = new SqliteEventStore(file);
    const handler = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
    for (const command of generateCommands(20251125, { events: 600 }))
      await handler.execute(await resolveReferences(command, store), { actor: 'checkpoint-test' });
    const first = new ProjectionRunner(store, { checkpointPath });
    await first.rebuild();
    first.saveCheckpoint();
    const bytes = readFileSync(checkpointPath);
    expect(bytes.every((byte) => byte < 128)).toBe(true);
    const utf8 = JSON.stringify(toSnapshot(first.view));
    expect([...utf8].some((character) => character.charCodeAt(0) > 0x7f)).toBe(true);
    expect(JSON.parse(bytes.toString('latin1'))).toEqual(JSON.parse(utf8));
    const restored = new ProjectionRunner(store, { checkpointPath });
    expect((await restored.start()).startedFrom).toBe('checkpoint');
    expect(JSON.stringify(toSnapshot(restored.view))).toBe(utf8);
    writeFileSync(checkpointPath, utf8, 'utf8');
    const fromUtf8 = new ProjectionRunner(store, { checkpointPath });
    expect((await fromUtf8.start()).startedFrom).toBe('checkpoint');
    expect(JSON.stringify(toSnapshot(fromUtf8.view))).toBe(utf8);
    expect(everything(fromUtf8.view)).toEqual(everything(first.view));
    await store.close();
  });
});
