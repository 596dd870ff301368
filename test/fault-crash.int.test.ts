import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { balancesReport, frameReport } from '../projections/queries.js';
import { writeSnapshot } from '../projections/snapshot.js';
import type { LedgerView } from '../projections/ledger-view.js';
import { Random, generateCommands, generateSteps, resolveReferences, type GeneratedStep } from './support/generator.js';

/**
 * The acceptance test of the write side. A child process records the seeded command
 * stream into a SQLite file ledger and acknowledges each command only after
 * `execute()` resolved; it is killed with SIGKILL at seeded random moments, again and
 * again, and restarted to continue. After every kill the store must hold every
 * acknowledged event, no partial command, intact hash chains, and projections that,
 * restored from the last checkpoint and caught up, equal a full rebuild.
 *
 * Quick by default; LEDGER_FAULT_ROUNDS=200 (and LEDGER_FAULT_EVENTS, LEDGER_FAULT_SEED) for a larger run.
 */
const ROUNDS = Number(process.env.LEDGER_FAULT_ROUNDS ?? 6);
const EVENTS = Number(process.env.LEDGER_FAULT_EVENTS ?? Math.max(3000, ROUNDS * 400));
const SEED = Number(process.env.LEDGER_FAULT_SEED ?? 20250918);
/** The child (bench/children/record-commands.ts) sends one to this many commands at a time. */
const MAX_IN_FLIGHT = 8;
const CHILD = resolve('dist/bench/children/record-commands.js');
/** Children still running, killed if the test ends early (a failure or a timeout). */
const running = new Set<ReturnType<typeof spawn>>();

interface Ack {
  index: number;
  idempotencyKey: string;
  stream: string;
  eventIds: string[];
  replayed: boolean;
}

interface Round {
  acks: Ack[];
  ready: { startedFrom: string; position: number } | null;
  done: boolean;
  killed: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  strategy: string;
}

/** Runs the child once; kills it by the strategy, unless it finishes first. */
function runChild(
  store: string,
  from: number,
  round: number,
  strategy: { kind: 'after-spawn' | 'after-ready' | 'after-acks' | 'none'; value: number },
): Promise<Round> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [CHILD, '--store', store, '--seed', String(SEED), '--events', String(EVENTS), '--from', String(from), '--round', String(round)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    running.add(child);
    child.once('exit', () => running.delete(child));
    const result: Round = {
      acks: [],
      ready: null,
      done: false,
      killed: false,
      code: null,
      signal: null,
      stderr: '',
      strategy: `${strategy.kind}:${strategy.value}`,
    };
    let buffer = '';
    const kill = () => {
      if (result.killed || child.exitCode !== null) return;
      result.killed = true;
      child.kill('SIGKILL');
    };
    if (strategy.kind === 'after-spawn') setTimeout(kill, strategy.value);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        // Once the kill is sent, lines still in the pipe were acknowledged all the same.
        const message = JSON.parse(text) as Ack & { ready?: boolean; done?: boolean; startedFrom?: string; position?: number };
        if (message.ready) {
          result.ready = { startedFrom: message.startedFrom!, position: message.position! };
          if (strategy.kind === 'after-ready') setTimeout(kill, strategy.value);
        } else if (message.done) result.done = true;
        else {
          result.acks.push(message);
          if (strategy.kind === 'after-acks' && result.acks.length >= strategy.value) kill();
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (result.stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      result.code = code;
      result.signal = signal;
      resolvePromise(result);
    });
  });
}

function compareViews(restored: LedgerView, rebuilt: LedgerView): string[] {
  const problems: string[] = [];
  for (const year of new Set([...restored.years.keys(), ...rebuilt.years.keys()])) {
    if (JSON.stringify(frameReport(restored, year)) !== JSON.stringify(frameReport(rebuilt, year))) problems.push(`frame ${year} differs`);
    if (JSON.stringify(balancesReport(restored, year)) !== JSON.stringify(balancesReport(rebuilt, year)))
      problems.push(`balances ${year} differ`);
  }
  if (restored.position !== rebuilt.position || restored.eventCount !== rebuilt.eventCount)
    problems.push('position or event count differs');
  if (!writeSnapshot(restored).equals(writeSnapshot(rebuilt))) problems.push('the full snapshot differs');
  return problems;
}

describe('the seeded command generator', () => {
  it('gives the same commands for the same seed, and others for another seed', () => {
    const first = JSON.stringify([...generateCommands(7, { events: 1500 })]);
    expect(JSON.stringify([...generateCommands(7, { events: 1500 })])).toBe(first);
    expect(JSON.stringify([...generateCommands(8, { events: 1500 })])).not.toBe(first);
  });

  it('yields only commands the rules accept, each recording the events it says, over many years', async () => {
    const store = new SqliteEventStore(':memory:');
    const handler = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
    const types = new Set<string>();
    let events = 0;
    for (const step of generateSteps(11, { events: 6000 })) {
      const result = await handler.execute(await resolveReferences(step.command, store), { actor: 'generator' });
      expect(result.events.length, step.command.idempotencyKey).toBe(step.expectedEvents);
      expect(result.stream).toBe(step.stream);
      types.add(step.command.type);
      for (const event of result.events)
        if ((event.data as { fundedBy?: string }).fundedBy === 'reserve-fund') types.add('a draw on the reserve fund');
      events += result.events.length;
    }
    expect(events).toBeGreaterThanOrEqual(6000);
    expect(await store.headPosition()).toBe(events);
    const expected = [
      'RegisterProgrammeArea',
      'RegisterInitiative',
      'ChangeInitiativePhase',
      'RegisterPartner',
      'RegisterCommitteeMember',
      'SetQuorum',
      'OpenCase',
      'SubmitProposal',
      'ReviseProposal',
      'RecordRecommendation',
      'ProposeResolution',
      'CastVote',
      'AdoptResolution',
      'ReceiveFunds',
      'AwardGrant',
      'AdjustGrant',
      'ReleaseFunds',
      'ReportSpending',
      'EstablishReserveFund',
      'SettleYear',
      'ChangeGrantPlan',
      'ReleaseEarmarkedFunds',
      'DropInitiative',
      'RecordExpectedReceipt',
      'CorrectReceipt',
      'CorrectClosedReceipt',
      'ContinueMeeting',
      'a draw on the reserve fund',
    ];
    expect([...types].sort()).toEqual(expected.sort());
    const runner = new ProjectionRunner(store, { checkpointPath: null });
    await runner.rebuild();
    expect([...runner.view.years.values()].filter((book) => book.closed !== null).length).toBeGreaterThanOrEqual(10);
  });
});

describe('crash safety: SIGKILL at random moments while commands are recorded', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  });
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  });

  it(
    `keeps every acknowledged command whole, chains intact and projections equal to a rebuild (${ROUNDS} kills)`,
    async () => {
      if (!existsSync(CHILD))
        throw new Error(`${CHILD} is missing: the crash test runs the compiled child; run "npm run build" (npm test does) first`);
      const store = join(directory, 'ledger.sqlite');
      const checkpoint = `${store}.projections.json`;
      const steps: GeneratedStep[] = [...generateSteps(SEED, { events: EVENTS })];
      const stepByKey = new Map(steps.map((step, index) => [step.command.idempotencyKey, { step, index }]));
      const random = new Random(SEED);
      /** What was acknowledged for each key, first time. */
      const acknowledged = new Map<string, Ack>();
      let acknowledgedNext = 0;
      const stats = {
        kills: 0,
        replays: 0,
        fromCheckpoint: 0,
        fromZero: 0,
        committedNotAcknowledged: 0,
        strategies: {} as Record<string, number>,
      };
      let finished = false;

      for (let round = 1; round <= ROUNDS + 1 && !finished; round++) {
        const last = round === ROUNDS + 1;
        const kind: 'none' | 'after-spawn' | 'after-ready' | 'after-acks' = last
          ? 'none'
          : random.weighted([
              ['after-spawn', 1],
              ['after-ready', 5],
              ['after-acks', 4],
            ] as const)!;
        const strategy = {
          kind,
          value: kind === 'after-spawn' ? random.int(0, 400) : kind === 'after-ready' ? random.int(0, 600) : random.int(1, 400),
        };
        // Restart a little before the first unacknowledged command (now and then from the very start),
        // so commands recorded before the kill are executed again and must be recognised.
        const from = random.chance(0.15) && acknowledgedNext < 4000 ? 0 : Math.max(0, acknowledgedNext - random.int(0, 60));
        const result = await runChild(store, from, round, strategy);
        if (!result.killed && result.code !== 0)
          throw new Error(`the child failed on its own (code ${result.code}, signal ${result.signal}):\n${result.stderr}`);
        if (result.killed) {
          stats.kills += 1;
          stats.strategies[kind] = (stats.strategies[kind] ?? 0) + 1;
        }
        finished = result.done;

        // Acknowledgements must be in order, and a repeat must return the first result.
        for (const ack of result.acks) {
          const known = stepByKey.get(ack.idempotencyKey);
          expect(known, `unknown key ${ack.idempotencyKey}`).toBeDefined();
          expect(ack.eventIds.length, `${ack.idempotencyKey} acknowledged with the wrong number of events`).toBe(
            known!.step.expectedEvents,
          );
          const first = acknowledged.get(ack.idempotencyKey);
          if (first) {
            stats.replays += 1;
            expect(ack.eventIds, `${ack.idempotencyKey} re-executed with other events than first acknowledged`).toEqual(first.eventIds);
            expect(ack.replayed).toBe(true);
          } else {
            expect(ack.index, 'commands are acknowledged in order').toBe(acknowledgedNext);
            acknowledged.set(ack.idempotencyKey, ack);
            acknowledgedNext += 1;
          }
        }

        // The store after the kill.
        const sqlite = new SqliteEventStore(store);
        try {
          const byKey = new Map<string, { id: string; stream: string; revision: number; position: number }[]>();
          for (const record of sqlite.readAllSync()) {
            const key = (record.metadata as { idempotencyKey: string }).idempotencyKey;
            let list = byKey.get(key);
            if (!list) byKey.set(key, (list = []));
            list.push({ id: record.id, stream: record.stream, revision: record.revision, position: record.position });
          }
          // Every acknowledged event is stored, as acknowledged.
          for (const [key, ack] of acknowledged) {
            const stored = byKey.get(key);
            expect(stored, `acknowledged command ${key} is missing from the store`).toBeDefined();
            expect(
              stored!.map((event) => event.id),
              `acknowledged command ${key} is not stored as acknowledged`,
            ).toEqual(ack.eventIds);
          }
          // No partial command: each stored command has all its events, contiguous in one stream,
          // and the stored commands are exactly a prefix of the command stream.
          for (const [key, stored] of byKey) {
            const known = stepByKey.get(key);
            expect(known, `the store holds a command that was never sent: ${key}`).toBeDefined();
            expect(stored.length, `command ${key} (${known!.step.command.type}) is stored partially`).toBe(known!.step.expectedEvents);
            expect(new Set(stored.map((event) => event.stream)).size).toBe(1);
            stored.forEach((event, index) => {
              if (index > 0) expect(event.revision).toBe(stored[index - 1]!.revision + 1);
            });
            if (!acknowledged.has(key)) stats.committedNotAcknowledged += 1;
          }
          const storedIndexes = [...byKey.keys()].map((key) => stepByKey.get(key)!.index).sort((a, b) => a - b);
          expect(storedIndexes, 'stored commands form a prefix of the stream').toEqual(storedIndexes.map((_, index) => index));
          expect(storedIndexes.length).toBeGreaterThanOrEqual(acknowledgedNext);
          // The child sends up to MAX_IN_FLIGHT commands at once, committed as one group: a kill
          // between the commit and the acknowledgements leaves at most that many unacknowledged.
          expect(
            storedIndexes.length,
            `at most ${MAX_IN_FLIGHT} commands (one group) are stored but not yet acknowledged`,
          ).toBeLessThanOrEqual(acknowledgedNext + MAX_IN_FLIGHT);

          const integrity = await sqlite.verifyIntegrity();
          expect(integrity.problems).toEqual([]);
          expect(integrity.ok).toBe(true);

          // Projections: the checkpoint (on a copy, so this check writes nothing beside the store) caught up, against a rebuild.
          const checkpointCopy = join(directory, `checkpoint-${round}.json`);
          if (existsSync(checkpoint)) copyFileSync(checkpoint, checkpointCopy);
          const restored = new ProjectionRunner(sqlite, { checkpointPath: checkpointCopy });
          const start = await restored.start();
          if (existsSync(checkpoint)) expect(start.startedFrom, `the checkpoint was not usable: ${start.reason}`).toBe('checkpoint');
          if (start.startedFrom === 'checkpoint') stats.fromCheckpoint += 1;
          else stats.fromZero += 1;
          const rebuilt = new ProjectionRunner(sqlite, { checkpointPath: null });
          await rebuilt.rebuild();
          expect(compareViews(restored.view, rebuilt.view)).toEqual([]);
        } finally {
          await sqlite.close();
        }
      }

      expect(finished, `the command stream was not completed after ${ROUNDS} kills and a last run`).toBe(true);
      expect(acknowledged.size).toBe(steps.length);
      const events = steps.reduce((sum, step) => sum + step.expectedEvents, 0);
      console.log(
        `crash test: ${stats.kills} SIGKILLs (${Object.entries(stats.strategies)
          .map(([kind, count]) => `${kind} ${count}`)
          .join(', ')}), ` +
          `${acknowledged.size} commands acknowledged (${events} events), ${stats.replays} re-executions returned the first result, ` +
          `${stats.committedNotAcknowledged} times a command was stored but killed before its acknowledgement; ` +
          `projections restored from a checkpoint ${stats.fromCheckpoint} times, from zero ${stats.fromZero} times, always equal to a rebuild`,
      );
    },
    Math.max(60_000, (ROUNDS + 1) * 15_000),
  );
});
