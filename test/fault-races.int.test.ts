import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { money } from '../src/domain/money.js';
import { frameReport } from '../projections/queries.js';
import { Random, formatOre } from './support/generator.js';
import { adopted, basics } from './support/spec.js';

/**
 * Races for one frame. Many grant commands at once from one year's frame, through two
 * command handlers on one SQLite file (two "processes", each with its own cache) and
 * through truly separate child processes: exactly those that fit succeed, the others
 * are refused with frame-exceeded, and the frame is never overspent.
 * LEDGER_FAULT_RACERS (default 40) and LEDGER_FAULT_RUNS (default 6) scale it.
 */
const RACERS = Number(process.env.LEDGER_FAULT_RACERS ?? 40);
const RUNS = Number(process.env.LEDGER_FAULT_RUNS ?? 6);
const CHILD = resolve('dist/bench/children/grant-racer.js');

type Outcome = { idempotencyKey: string; outcome: string; message?: string };

const grant = (year: number, amount: string, idempotencyKey: string) => ({
  type: 'AwardGrant',
  year,
  initiativeId: 'tiltak',
  plan: { amount },
  authority: { caseNumber: '01.25', pointNumber: 1 },
  idempotencyKey,
});

describe('races for one frame (SQLite file)', { timeout: 60_000 + RUNS * RACERS * 50 }, () => {
  let directory: string;
  let path: string;
  let store: SqliteEventStore;
  let first: CommandHandler;
  let second: CommandHandler;
  let otherStore: SqliteEventStore;

  const frame = async (year: number) => {
    const runner = new ProjectionRunner(store, { checkpointPath: null });
    await runner.rebuild();
    return frameReport(runner.view, year).figures;
  };
  const send = (handler: CommandHandler, command: ReturnType<typeof grant>): Promise<Outcome> =>
    handler.execute(command, { actor: 'racer' }).then(
      () => ({ idempotencyKey: command.idempotencyKey, outcome: 'ok' }),
      (error: unknown) => ({
        idempotencyKey: command.idempotencyKey,
        outcome: (error as { code?: string }).code ?? 'unexpected',
        message: String(error),
      }),
    );

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-races-'));
    path = join(directory, 'ledger.sqlite');
    store = new SqliteEventStore(path);
    otherStore = new SqliteEventStore(path);
    first = new CommandHandler(store, { clock: () => new Date(), newId: monotonicFactory() });
    second = new CommandHandler(otherStore, { clock: () => new Date(), newId: monotonicFactory() });
    let key = 0;
    for (const command of [...basics, adopted(3)]) await first.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
  });
  afterEach(async () => {
    await store.close();
    await otherStore.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it(`${RACERS} grants of 75 000 at once from a frame of 1 000 000 through two handlers: exactly 13 succeed`, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: RACERS }, (_, index) => send(index % 2 ? second : first, grant(2025, '75000', `race-${index}`))),
    );
    const ok = outcomes.filter((entry) => entry.outcome === 'ok');
    const refused = outcomes.filter((entry) => entry.outcome !== 'ok');
    expect(refused.filter((entry) => entry.outcome !== 'frame-exceeded').map((entry) => entry.message)).toEqual([]);
    expect(ok).toHaveLength(Math.min(RACERS, Math.floor(1_000_000 / 75_000)));
    const figures = await frame(2025);
    expect(figures.granted).toBe(`${ok.length * 75_000}.00`);
    expect(money(figures.granted!).lessThanOrEqualTo(money(figures.frame!))).toBe(true);
  });

  it(`seeded random amounts, ${RUNS} runs of ${RACERS} at once: the frame is never overspent and nothing refused would still fit`, async () => {
    const random = new Random(4242);
    for (let run = 0; run < RUNS; run++) {
      const year = 2030 + run;
      const frameOre = random.int(100, 2000) * 1000 * 100;
      await first.execute(
        {
          type: 'ReceiveFunds',
          year,
          amount: formatOre(frameOre),
          reference: `Tilskudd ${year}`,
          receivedOn: '2025-01-15',
          idempotencyKey: `receive-${year}`,
        },
        { actor: 'test' },
      );
      const amounts = Array.from({ length: RACERS }, () => random.int(1, Math.ceil(frameOre / 8)));
      const outcomes = await Promise.all(
        amounts.map((ore, index) => send(index % 2 ? second : first, grant(year, formatOre(ore), `random-${year}-${index}`))),
      );
      const refused = outcomes.filter((entry) => entry.outcome !== 'ok');
      expect(refused.filter((entry) => entry.outcome !== 'frame-exceeded').map((entry) => entry.message)).toEqual([]);
      const grantedOre = amounts.reduce((sum, ore, index) => sum + (outcomes[index]!.outcome === 'ok' ? ore : 0), 0);
      expect(grantedOre).toBeLessThanOrEqual(frameOre);
      const left = frameOre - grantedOre;
      for (const [index, entry] of outcomes.entries())
        if (entry.outcome !== 'ok') expect(amounts[index]!, 'a refused grant would still fit').toBeGreaterThan(left);
      const figures = await frame(year);
      expect(figures.granted).toBe(money(formatOre(grantedOre)).toFixed(2));
      expect(figures.available).toBe(money(formatOre(left)).toFixed(2));
    }
  });

  it('separate processes and two in-process handlers racing for one frame: exactly those that fit succeed', async () => {
    if (!existsSync(CHILD))
      throw new Error(`${CHILD} is missing: the race test runs the compiled child; run "npm run build" (npm test does) first`);
    const perChild = Math.max(1, Math.floor(RACERS / 4));
    const children = [1, 2, 3].map((number) =>
      spawn(
        process.execPath,
        [CHILD, '--store', path, '--year', '2025', '--amount', '45000', '--count', String(perChild), '--prefix', `child${number}`],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      ),
    );
    const results = children.map(
      (child) =>
        new Promise<{ ready: Promise<void>; outcomes: Promise<Outcome[]> }>((resolveChild) => {
          let stdout = '';
          let stderr = '';
          let markReady: () => void = () => undefined;
          const ready = new Promise<void>((resolveReady) => (markReady = resolveReady));
          child.stdout.setEncoding('utf8');
          child.stdout.on('data', (chunk: string) => {
            stdout += chunk;
            if (stdout.includes('"ready":true')) markReady();
          });
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          const outcomes = new Promise<Outcome[]>((resolveOutcomes, reject) =>
            child.on('close', (code) => {
              if (code !== 0) reject(new Error(`racer exited with ${code}: ${stderr}`));
              else
                resolveOutcomes(
                  stdout
                    .trim()
                    .split('\n')
                    .map((line) => JSON.parse(line) as Outcome & { ready?: boolean })
                    .filter((line) => !('ready' in line)),
                );
            }),
          );
          resolveChild({ ready, outcomes });
        }),
    );
    const handles = await Promise.all(results);
    await Promise.all(handles.map((handle) => handle.ready));
    for (const child of children) child.stdin.write('go\n');
    const local = Promise.all(
      Array.from({ length: perChild }, (_, index) => send(index % 2 ? second : first, grant(2025, '45000', `local-${index}`))),
    );
    const outcomes = [...(await local), ...(await Promise.all(handles.map((handle) => handle.outcomes))).flat()];
    expect(outcomes).toHaveLength(perChild * 4);
    const ok = outcomes.filter((entry) => entry.outcome === 'ok');
    expect(
      outcomes
        .filter((entry) => entry.outcome !== 'ok' && entry.outcome !== 'frame-exceeded')
        .map((entry) => `${entry.outcome}: ${entry.message}`),
    ).toEqual([]);
    expect(ok).toHaveLength(Math.min(perChild * 4, Math.floor(1_000_000 / 45_000)));
    const figures = await frame(2025);
    expect(figures.granted).toBe(`${ok.length * 45_000}.00`);
    expect(money(figures.granted!).lessThanOrEqualTo(money(figures.frame!))).toBe(true);
    expect((await store.verifyIntegrity()).ok).toBe(true);
  });
});
