import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommandText, runCommands } from '../src/demo/history.js';
import { given, givenAt, type Given } from './support/spec.js';
import { demoLedger } from './support/demo.js';
import { award, decided, expectRefused, ledgerWith, receive, record, settle, spend } from './support/rules.js';

/**
 * Releases: an initiative dropped or finished under budget releases its money — the
 * unspent part of its grants and the earmarked money carried in from earlier years —
 * and released money goes into the next frame at the settlement. Here `tiltak` got
 * 500 000 in 2025, unspent; the 2025 settlement (10 January 2026) carried it over
 * earmarked, and 500 000 of remainder into the 2026 frame.
 */

const carried: Given[] = [...decided(), award('g1', '500000', '2025-03-01'), settle(2025, '2026-01-10')];
const in2026 = { year: 2026 } as const;
const releaseEarmark = (amount: string, effectiveDate = '2026-02-01', initiativeId = 'tiltak'): Given => ({
  type: 'ReleaseEarmarkedFunds',
  year: 2026,
  initiativeId,
  amount,
  reason: 'Prosjektet er avsluttet med mindreforbruk',
  effectiveDate,
});
const drop = (effectiveDate = '2026-04-01', initiativeId = 'tiltak'): Given => ({
  type: 'DropInitiative',
  year: 2026,
  initiativeId,
  reason: 'Aktiviteten utgår',
  authority: { caseNumber: '01.25', pointNumber: 1 },
  effectiveDate,
});

describe('releasing earmarked funds carried in from the year before', () => {
  it('releases up to what was carried in, and refuses an øre more', async () => {
    await given(...carried)
      .when(releaseEarmark('500000'))
      .then([{ type: 'EarmarkedFundsReleased', data: { year: 2026, initiativeId: 'tiltak', amount: '500000.00' } }]);
    await given(...carried)
      .when(releaseEarmark('500000.01'))
      .thenThrows('release-exceeds-unspent', { initiativeId: 'tiltak', amountEarmarked: '500000.00', amountUnspent: '500000.00' });
  });
  it('refuses releasing what was spent of it', async () => {
    const spent = [...carried, spend('100000', '2026-01-20', in2026)];
    await given(...spent)
      .when(releaseEarmark('400000.01'))
      .thenThrows('release-exceeds-unspent', { amountUnspent: '400000.00' });
    await given(...spent)
      .when(releaseEarmark('400000'))
      .then([{ type: 'EarmarkedFundsReleased' }]);
  });
  it('refuses a release dated before the settlement carried the money in, naming that day', async () => {
    await given(...carried)
      .when(releaseEarmark('1', '2026-01-09'))
      .thenThrows('release-exceeds-unspent', { amountUnspent: '0.00', asOf: '2026-01-09' });
  });
  it('refuses releasing earmarked funds of an initiative that carried none in', async () => {
    await given(...carried)
      .when(releaseEarmark('1', '2026-02-01', 'annet'))
      .thenThrows('release-exceeds-unspent', { initiativeId: 'annet', amountEarmarked: '0.00' });
  });
});

describe('dropping an initiative releases all it has left in the year', () => {
  const with2026Grant = [...carried, award('g2', '300000', '2026-03-01', in2026)];
  it('releases the earmarked money carried in and the unspent part of this year’s grant', async () => {
    await given(...with2026Grant)
      .when(drop())
      .then([
        { type: 'EarmarkedFundsReleased', data: { initiativeId: 'tiltak', amount: '500000.00' } },
        { type: 'FundsReleased', data: { grantId: 'g2', amount: '300000.00' } },
      ]);
  });
  it('releases only what is unspent', async () => {
    await given(...with2026Grant, spend('600000', '2026-03-15', in2026))
      .when(drop())
      .then([{ type: 'EarmarkedFundsReleased', data: { amount: '200000.00' } }]);
  });
  it('leaves a grant awarded after the day it is dropped as of', async () => {
    await given(...with2026Grant)
      .when(drop('2026-02-01'))
      .then([{ type: 'EarmarkedFundsReleased', data: { amount: '500000.00' } }]);
  });
  it('refuses dropping an initiative that has nothing left', async () => {
    await given(...with2026Grant)
      .when(drop('2026-04-01', 'annet'))
      .thenThrows('nothing-to-release', { initiativeId: 'annet', year: 2026 });
    await given(...with2026Grant, drop())
      .when({ ...drop(), idempotencyKey: 'igjen' })
      .thenThrows('nothing-to-release', { initiativeId: 'tiltak' });
  });
  it("does not give the released money back to this year's frame", async () => {
    // 2026's frame: 500 000 remainder and 100 000 received, 300 000 granted to g2; released money waits for the settlement.
    await given(...with2026Grant, receive(2026, '100000', '2026-01-15'), drop())
      .when(award('g3', '300000.01', '2026-04-01', { ...in2026, initiativeId: 'annet' }))
      .thenThrows('frame-exceeded', { year: 2026, amountLeft: '300000.00' });
  });
  it('carries both releases into the next frame at the settlement', async () => {
    await givenAt('2027-03-01T08:00:00Z', ...with2026Grant, drop())
      .when(settle(2026, '2026-12-31'))
      .then([
        { type: 'RemainderCarriedForward', data: { fromYear: 2026, toYear: 2027, amount: '200000.00' } },
        { type: 'ReleasedFundsCarriedForward', data: { fromYear: 2026, toYear: 2027, amount: '800000.00' } },
        { type: 'YearClosed' },
      ]);
  });
});

describe('the case 22/25 example: DHO dropped in 2025 releases its 2025 grant and the 750 000 carried in from 2024', () => {
  it('gives the 2026 frame both, 1 500 000, and the explanations show the two releases', async () => {
    const ledger = await demoLedger();
    await runCommands(ledger.handler, parseCommandText(readFileSync('docs/examples/case-22-25-outcome.ndjson', 'utf8')), 'sekretariat');
    const run = (command: Record<string, unknown>, key: string) =>
      ledger.handler.execute({ ...command, idempotencyKey: key }, { actor: 'sekretariat' });
    const dropped = await run(
      {
        type: 'DropInitiative',
        year: 2025,
        initiativeId: 'dho',
        reason: 'Aktiviteten ble ikke startet',
        authority: { caseNumber: '22.25', pointNumber: 1 },
        effectiveDate: '2025-10-01',
      },
      'drop-dho',
    );
    expect(dropped.events.map((event) => [event.type, event.data])).toEqual([
      ['EarmarkedFundsReleased', expect.objectContaining({ initiativeId: 'dho', amount: '750000.00' })],
      ['FundsReleased', expect.objectContaining({ grantId: 'g2025-dho', amount: '750000.00' })],
    ]);
    await run({ type: 'SettleYear', year: 2025, effectiveDate: '2026-01-15' }, 'settle-2025');

    const frame2026 = await ledger.reader.frame(2026);
    expect(frame2026.figures.releasedCarriedIn).toBe('1500000.00');
    const carriedIn = await ledger.reader.explain({ year: 2026, figure: 'releasedCarriedIn', scope: { kind: 'total' } });
    expect(carriedIn.rows.map((row) => [row.eventType, row.amount])).toEqual([['ReleasedFundsCarriedForward', '1500000.00']]);
    // The 2025 figure it carries: DHO's two releases, one of the earmark carried in from 2024, one of the 2025 grant.
    const released = await ledger.reader.explain({ year: 2025, figure: 'released', scope: { kind: 'initiative', initiativeId: 'dho' } });
    expect(released.rows.map((row) => [row.eventType, row.amount, row.runningBalance])).toEqual([
      ['EarmarkedFundsReleased', '750000.00', '750000.00'],
      ['FundsReleased', '750000.00', '1500000.00'],
    ]);
    const total2025 = await ledger.reader.frame(2025);
    expect(total2025.figures).toMatchObject({ released: '1500000.00', releasedCarriedOut: '1500000.00' });
    expect(
      (await ledger.reader.balances(2025)).programmeAreas.flatMap((area) => area.initiatives).find((row) => row.id === 'dho'),
    ).toMatchObject({ figures: expect.objectContaining({ availableToSpend: '0.00', earmarkedCarriedOut: '0.00' }) });
    await ledger.store.close();
  });
});

describe('a release refused changes nothing', () => {
  it('leaves the log as it was', async () => {
    const ledger = await ledgerWith(carried);
    await expectRefused(ledger, releaseEarmark('500000.01'), 'release-exceeds-unspent');
    await record(ledger, releaseEarmark('500000'));
  });
});
