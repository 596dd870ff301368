import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { monotonicFactory } from 'ulid';
import { CommandHandler } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import type { EventStore } from '../src/store/port.js';
import { frameReport } from '../projections/queries.js';
import { describeCrossStreamRaces } from './support/cross-stream-races.js';
import { demoLedger } from './support/demo.js';
import { esdbTestServer, testLedgerStream, testStore } from './support/esdb-server.js';
import { adopted, basics } from './support/spec.js';

// Decided before collection: run against a real server, or skip and say why.
const server = await esdbTestServer();
const skipReason = 'skipReason' in server ? server.skipReason : undefined;
if (skipReason) console.log(`[skipped] the ledger on EventStoreDB (case 22/25, racing instances): ${skipReason}`);
if (!('skipReason' in server)) afterAll(() => server.stop());
const connectionString = 'skipReason' in server ? '' : server.connectionString;

/** Two instances of one ledger: separate clients, indexes, caches and handlers, as two processes have. */
function instances(): [EsdbEventStore, EsdbEventStore] {
  const ledgerStream = testLedgerStream('ledger');
  return [new EsdbEventStore(connectionString, { ledgerStream }), new EsdbEventStore(connectionString, { ledgerStream })];
}

describe.skipIf(skipReason !== undefined)('the ledger on EventStoreDB', () => {
  it('reproduces the case 22/25 figures, as on the embedded store, and the chains verify', async () => {
    const ledger = await demoLedger(testStore(connectionString));
    try {
      const frame2024 = await ledger.reader.frame(2024);
      const frame2025 = await ledger.reader.frame(2025);
      expect(frame2024.figures).toMatchObject({
        received: '10700000.00',
        granted: '9720000.00',
        remainderCarriedOut: '980000.00',
        releasedCarriedOut: '1000000.00',
        earmarkedCarriedOut: '8720000.00',
      });
      expect(frame2025.figures).toMatchObject({
        frame: '12595000.00',
        requested: '13745000.00',
        requestedOverFrame: '1150000.00',
        recommended: '11345000.00',
        availableIfRecommendationAdopted: '1250000.00',
      });
      const report = await ledger.store.verifyIntegrity();
      expect(report.problems).toEqual([]);
      expect(report.eventsChecked).toBe(ledger.loaded.events);
      expect(await ledger.store.headPosition()).toBe(ledger.loaded.events);
    } finally {
      await ledger.store.close();
    }
  });

  it('lets two ledger instances race to grant from one frame: exactly those that fit succeed, the frame is never overspent', async () => {
    const stores = instances();
    const [first, second] = stores.map((store) => new CommandHandler(store, { clock: () => new Date(), newId: monotonicFactory() }));
    try {
      let key = 0;
      for (const command of [...basics, adopted(3)])
        await first!.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
      const grant = (handler: CommandHandler, index: number) =>
        handler
          .execute(
            {
              type: 'AwardGrant',
              idempotencyKey: `race-${index}`,
              year: 2025,
              initiativeId: 'tiltak',
              plan: { amount: '75000' },
              authority: { caseNumber: '01.25', pointNumber: 1 },
            },
            { actor: `instance-${index % 2}` },
          )
          .then(
            () => 'ok',
            (error: unknown) => (error as { code?: string }).code ?? String(error),
          );
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, index) => grant(index % 2 ? second! : first!, index)));
      // 1 000 000 received: 13 grants of 75 000 fit, the 14th would overspend.
      expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(13);
      expect(outcomes.filter((outcome) => outcome !== 'ok').every((outcome) => outcome === 'frame-exceeded')).toBe(true);
      const runner = new ProjectionRunner(stores[1], { checkpointPath: null });
      await runner.rebuild();
      expect(frameReport(runner.view, 2025).figures.granted).toBe('975000.00');
      expect((await stores[0].verifyIntegrity()).ok).toBe(true);
    } finally {
      for (const store of stores) await store.close();
    }
  });
});

/** A child process with its own handler and store (bench/children/grant-racer.ts): it waits for "go", sends its grants at once, prints the outcomes. */
function racer(store: string, prefix: string, count: number) {
  const child = spawn(
    process.execPath,
    [resolve('dist/bench/children/grant-racer.js'), '--store', store, '--amount', '75000', '--count', String(count), '--prefix', prefix],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolveReady) =>
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('"ready":true')) resolveReady();
    }),
  );
  const outcomes = new Promise<{ outcome: string }[]>((resolveOutcomes, reject) =>
    child.on('close', (code) =>
      code === 0
        ? resolveOutcomes(
            stdout
              .trim()
              .split('\n')
              .map((line) => JSON.parse(line) as { outcome: string; ready?: boolean })
              .filter((line) => line.ready === undefined),
          )
        : reject(new Error(`racer exited with ${code}: ${stderr}`)),
    ),
  );
  return { ready, go: () => child.stdin.write('go\n'), outcomes };
}

describe.skipIf(skipReason !== undefined)('separate ledger processes on EventStoreDB', () => {
  it('two processes granting from one frame at once: exactly those that fit are recorded, the rest refused', async () => {
    const child = resolve('dist/bench/children/grant-racer.js');
    if (!existsSync(child))
      throw new Error(`${child} is missing: this test runs the compiled child; run "npm run build" (npm test does) first`);
    const ledgerStream = testLedgerStream('processes');
    const store = new EsdbEventStore(connectionString, { ledgerStream });
    try {
      const handler = new CommandHandler(store, { clock: () => new Date(), newId: monotonicFactory() });
      let key = 0;
      for (const command of [...basics, adopted(3)])
        await handler.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
      const setting = `${connectionString}${connectionString.includes('?') ? '&' : '?'}ledgerStream=${ledgerStream}`;
      const racers = [racer(setting, 'first', 10), racer(setting, 'second', 10)];
      await Promise.all(racers.map((each) => each.ready));
      for (const each of racers) each.go();
      const outcomes = (await Promise.all(racers.map((each) => each.outcomes))).flat().map((entry) => entry.outcome);
      expect(outcomes).toHaveLength(20);
      expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(13);
      expect(outcomes.filter((outcome) => outcome !== 'ok').every((outcome) => outcome === 'frame-exceeded')).toBe(true);
      const runner = new ProjectionRunner(store, { checkpointPath: null });
      await runner.rebuild();
      expect(frameReport(runner.view, 2025).figures.granted).toBe('975000.00');
      expect((await store.verifyIntegrity()).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describeCrossStreamRaces(
  'EventStoreDB, two instances on one ledger stream',
  async () => {
    const stores: [EventStore, EventStore] = instances();
    return {
      stores,
      cleanup: async () => {
        for (const store of stores) await store.close();
      },
    };
  },
  { skipReason },
);
