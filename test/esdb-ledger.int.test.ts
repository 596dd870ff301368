import { afterAll, describe, expect, it } from 'vitest';
import { monotonicFactory } from 'ulid';
import { CommandHandler } from '../src/app/command-handler.js';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import { frameReport } from '../projections/queries.js';
import { demoLedger } from './support/demo.js';
import { esdbTestServer } from './support/esdb-server.js';

// Decided before collection: run against a real server, or skip and say why.
const server = await esdbTestServer();
const skipReason = 'skipReason' in server ? server.skipReason : undefined;
if (skipReason) console.log(`[skipped] the ledger on EventStoreDB (case 22/25, racing instances): ${skipReason}`);
if (!('skipReason' in server)) afterAll(() => server.stop());
const connect = () => new EsdbEventStore((server as { connectionString: string }).connectionString);

describe.skipIf(skipReason !== undefined)('the ledger on EventStoreDB', () => {
  it('reproduces the case 22/25 figures, as on the embedded store', async () => {
    const ledger = await demoLedger(connect());
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
      expect((await ledger.store.verifyIntegrity()).ok).toBe(true);
    } finally {
      await ledger.store.close();
    }
  });

  it('lets two ledger instances race to grant from one frame without overspending it', async () => {
    const seed = await demoLedger(connect());
    await seed.store.close();
    // A year of its own per run, so a shared server can run the suite again.
    const year = 2060 + Math.floor(Math.random() * 40);
    const run = `${Date.now().toString(36)}`;
    const instances = [connect(), connect()].map((store) => ({
      store,
      handler: new CommandHandler(store, { clock: () => new Date(), newId: monotonicFactory() }),
    }));
    try {
      await instances[0]!.handler.execute(
        {
          type: 'ReceiveFunds',
          idempotencyKey: `race-funds-${run}`,
          year,
          amount: '1000000',
          reference: 'Race',
          receivedOn: `${year}-01-15`,
        },
        { actor: 'race' },
      );
      const before = new (await import('../src/app/projection-runner.js')).ProjectionRunner(instances[0]!.store, { checkpointPath: null });
      await before.rebuild();
      const available = BigInt(frameReport(before.view, year).figures.available!.replace('.', ''));
      const grant = (instance: number, index: number) =>
        instances[instance]!.handler.execute(
          {
            type: 'AwardGrant',
            idempotencyKey: `race-${run}-${instance}-${index}`,
            year,
            initiativeId: 'vip',
            plan: { amount: '150000' },
            authority: { caseNumber: '04.25', pointNumber: 1 },
          },
          { actor: `instance-${instance}` },
        );
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, index) => grant(index % 2, index)));
      const granted = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
      for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'frame-exceeded' });
      expect(BigInt(granted)).toBe(available / 15000000n);
      const after = new (await import('../src/app/projection-runner.js')).ProjectionRunner(instances[1]!.store, { checkpointPath: null });
      await after.rebuild();
      const figures = frameReport(after.view, year).figures;
      expect(BigInt(figures.granted!.replace('.', ''))).toBeLessThanOrEqual(BigInt(figures.frame!.replace('.', '')));
      expect(figures.available!.startsWith('-')).toBe(false);
    } finally {
      for (const instance of instances) await instance.store.close();
    }
  });
});
