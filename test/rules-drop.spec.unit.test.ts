import { describe, expect, it } from 'vitest';
import { LedgerReader } from '../src/app/ledger-reader.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { given, type Given, type GivenOf } from './support/spec.js';
import { award, decided, eventIdOf, expectRefused, ledgerWith, record, settle, spend } from './support/rules.js';

/**
 * Dropping an initiative (aktivitet utgår / avsluttet) is a status as of a date: from then
 * on nothing new is granted to it, no instalment raised and no spending reported, until a
 * decision restarts it; corrections of earlier spending stay possible; what it has left at
 * the settlement is released into the next frame. 2025: 1 000 000 received; tiltak has a
 * grant of 400 000 from 1 March. Today is 1 June 2026.
 */

const pointOne = { caseNumber: '01.25', pointNumber: 1 };
const dropped = (effectiveDate: string | null = '2025-05-01'): Given => ({
  type: 'EndInitiative',
  initiativeId: 'tiltak',
  reason: 'Aktiviteten utgår',
  ...(effectiveDate === null ? {} : { effectiveDate }),
});
const restarted = (effectiveDate: string): GivenOf<'RestartInitiative'> => ({
  type: 'RestartInitiative',
  initiativeId: 'tiltak',
  reason: 'SSU vil videreføre arbeidet',
  authority: pointOne,
  effectiveDate,
});
const granted = [...decided(), award('g1', '400000', '2025-03-01')];

describe('a dropped initiative gets nothing new from the day it was dropped', () => {
  it('refuses a grant on or after the drop, naming the initiative and the day, and takes one dated before it', async () => {
    await given(...granted, dropped())
      .when(award('g2', '1000', '2025-05-01'))
      .thenThrows('initiative-dropped', {
        initiativeId: 'tiltak',
        initiativeName: 'Tiltak',
        droppedOn: '2025-05-01',
        effectiveDate: '2025-05-01',
      });
    await given(...granted, dropped())
      .when(award('g2', '1000', '2025-04-30'))
      .then([{ type: 'GrantAwarded' }]);
  });
  it('refuses spending reported after the drop, but corrects spending reported before it', async () => {
    await given(...granted, dropped())
      .when(spend('1000', '2025-05-02'))
      .thenThrows('initiative-dropped', { droppedOn: '2025-05-01' });
    const ledger = await ledgerWith([...granted, spend('5000', '2025-04-01'), dropped()]);
    const report = await eventIdOf(ledger, 'year-2025', 'SpendingReported');
    await record(ledger, {
      type: 'CorrectSpending',
      year: 2025,
      correctsEventId: report,
      amountChange: '1000',
      reason: 'Faktura manglet',
      effectiveDate: '2025-06-01',
    });
  });
  it('refuses raising its grant after the drop, and lowers it still', async () => {
    const adjust = (amountChange: string): Given => ({
      type: 'AdjustGrant',
      grantId: 'g1',
      year: 2025,
      amountChange,
      authority: pointOne,
      reason: 'Endret',
      effectiveDate: '2025-06-01',
    });
    await given(...granted, dropped())
      .when(adjust('1000'))
      .thenThrows('initiative-dropped');
    await given(...granted, dropped())
      .when(adjust('-1000'))
      .then([{ type: 'GrantAdjusted' }]);
  });
  it('takes a drop only with its date, not before anything recorded for a later day, and once', async () => {
    await given(...granted)
      .when(dropped(null))
      .thenThrows('drop-date-required');
    await given(...granted, spend('1000', '2025-06-01'))
      .when(dropped('2025-05-01'))
      .thenThrows('activity-after-drop', { activity: 'SpendingReported', activityOn: '2025-06-01', effectiveDate: '2025-05-01' });
    await given(...granted)
      .when(dropped('2025-02-28'))
      .thenThrows('activity-after-drop', { activity: 'GrantAwarded', activityOn: '2025-03-01' });
    // A raise of its grant recorded for a later day (found by the as-of property: the drop was taken, leaving that day raising a dropped initiative's grant).
    const raised = (amountChange: string): Given => ({
      type: 'AdjustGrant',
      grantId: 'g1',
      year: 2025,
      amountChange,
      authority: pointOne,
      reason: 'Endret',
      effectiveDate: '2025-06-01',
    });
    await given(...granted, raised('1000'))
      .when(dropped('2025-05-01'))
      .thenThrows('activity-after-drop', { activity: 'GrantAdjusted', activityOn: '2025-06-01', effectiveDate: '2025-05-01' });
    await given(...granted, raised('-1000'))
      .when(dropped('2025-05-01'))
      .then([{ type: 'InitiativeDropped' }]);
    await given(...granted, dropped())
      .when(dropped('2025-06-01'))
      .thenThrows('initiative-dropped', { droppedOn: '2025-05-01' });
  });
  it('restarts only by a decision, only when dropped, and then takes grants again', async () => {
    await given(...granted)
      .when(restarted('2025-06-01'))
      .thenThrows('initiative-not-dropped');
    await given(...granted, dropped())
      .when({ ...restarted('2025-06-01'), authority: { caseNumber: '09.25', pointNumber: 1 } })
      .thenThrows('unknown-case');
    await given(...granted, dropped())
      .when(restarted('2025-04-30'))
      .thenThrows('status-change-out-of-order', { lastChangeOn: '2025-05-01' });
    await given(...granted, dropped(), restarted('2025-06-01'))
      .when(award('g2', '1000', '2025-06-01'))
      .then([{ type: 'GrantAwarded' }]);
  });
});

describe('the settlement releases what a dropped initiative has left', () => {
  it('into the next frame, instead of carrying it earmarked', async () => {
    const ledger = await ledgerWith([...granted, spend('100000', '2025-04-01'), dropped(), settle(2025, '2026-01-10')]);
    const reader = new LedgerReader(ledger.store, new ProjectionRunner(ledger.store, { checkpointPath: null }));
    // 600 000 unallocated and 300 000 of tiltak's grant released: 900 000 into 2026.
    expect((await reader.frame(2026)).figures).toMatchObject({
      remainderCarriedIn: '600000.00',
      releasedCarriedIn: '300000.00',
      frame: '900000.00',
    });
    expect((await reader.frame(2025)).figures).toMatchObject({ released: '300000.00', earmarkedCarriedOut: '0.00' });
    const tiltak = (await reader.balances(2025)).programmeAreas[0]!.initiatives.find((row) => row.id === 'tiltak')!;
    expect(tiltak.droppedOn).toBe('2025-05-01');
  });
});

describe('a correction of a closed year earmarks nothing more for a dropped initiative', () => {
  it('refuses lowering its closed spending (which would earmark money for it) once it is dropped', async () => {
    const ledger = await ledgerWith([...granted, spend('300000', '2025-04-01'), settle(2025, '2026-01-10'), dropped('2026-02-01')]);
    const report = await eventIdOf(ledger, 'year-2025', 'SpendingReported');
    const correct = (amount: string): Given => ({
      type: 'CorrectClosedSpending',
      year: 2026,
      correctedYear: 2025,
      correctsEventId: report,
      amount,
      reference: 'Regnskap 2025',
      reason: 'Rettet',
      effectiveDate: '2026-03-01',
    });
    await expectRefused(ledger, correct('250000'), 'initiative-dropped', { droppedOn: '2026-02-01' });
    await record(ledger, correct('350000'));
  });
});
