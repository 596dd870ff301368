import { describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { LedgerReader } from '../src/app/ledger-reader.js';
import type { Given, GivenOf } from './support/spec.js';
import { award, decided, eventIdOf, expectRefused, ledgerWith, receive, record, settle, spend, type TestLedger } from './support/rules.js';

/**
 * Corrections: a receipt is corrected by an event linked to it; a closed year stays
 * sealed and is corrected by a prior-year adjustment recorded in the first open year,
 * citing the event it corrects and its authority. 2025 received 1 000 000 on 15 January.
 */

const readerOf = (ledger: TestLedger) => new LedgerReader(ledger.store, new ProjectionRunner(ledger.store, { checkpointPath: null }));

describe('correcting a receipt', () => {
  const correct = (correctsEventId: string, amountChange: string, effectiveDate = '2025-02-01'): Given => ({
    type: 'CorrectReceipt',
    year: 2025,
    correctsEventId,
    amountChange,
    reason: 'Feilført beløp',
    effectiveDate,
  });
  it('records the correction linked to the receipt, and the frame follows it', async () => {
    const ledger = await ledgerWith(decided());
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    const [result] = await record(ledger, correct(receipt, '-100000'));
    expect(result!.events[0]).toMatchObject({ type: 'ReceiptCorrected', data: { year: 2025, amountChange: '-100000.00' } });
    const stored = [];
    for await (const event of ledger.store.readStream('year-2025')) stored.push(event);
    expect((stored.at(-1)!.metadata as { corrects?: string }).corrects).toBe(receipt);
    expect((await readerOf(ledger).frame(2025)).figures).toMatchObject({ received: '900000.00', frame: '900000.00' });
  });
  it('refuses a correction below zero, naming what was received', async () => {
    const ledger = await ledgerWith(decided());
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    await expectRefused(ledger, correct(receipt, '-1000000.01'), 'correction-below-zero', {
      amountReceived: '1000000.00',
      amountChange: '-1000000.01',
    });
    await record(ledger, correct(receipt, '-1000000'));
  });
  it('refuses a correction dated before the receipt', async () => {
    const ledger = await ledgerWith(decided());
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    await expectRefused(ledger, correct(receipt, '1', '2025-01-14'), 'before-corrected-event', {
      correctedOn: '2025-01-15',
      effectiveDate: '2025-01-14',
    });
    await record(ledger, correct(receipt, '1', '2025-01-15'));
  });
  it('refuses correcting an event that is not a receipt of the year', async () => {
    const ledger = await ledgerWith([...decided(), award('g1', '1000', '2025-03-01')]);
    const grantEvent = await eventIdOf(ledger, 'year-2025', 'GrantAwarded');
    await expectRefused(ledger, correct(grantEvent, '1'), 'unknown-corrected-event', { eventId: grantEvent, year: 2025 });
  });
  it('refuses a correction that would leave the grants already made uncovered', async () => {
    const ledger = await ledgerWith([...decided(), award('g1', '900000', '2025-03-01')]);
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    await expectRefused(ledger, correct(receipt, '-100000.01', '2025-04-01'), 'receipt-below-commitments', {
      year: 2025,
      amountShort: '0.01',
      asOf: '2025-04-01',
    });
    await record(ledger, correct(receipt, '-100000', '2025-04-01'));
  });
  it('takes no correction in a closed year: a closed year is corrected in the first open year', async () => {
    const ledger = await ledgerWith([...decided(), settle(2025, '2026-01-10')]);
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    await expectRefused(ledger, correct(receipt, '1', '2026-02-01'), 'year-closed', { year: 2025, closedOn: '2026-01-10' });
  });
});

describe('a prior-year adjustment corrects a closed year in the first open year', () => {
  // 2025: 400 000 granted to tiltak, 300 000 of it spent; settled 10 January 2026 (600 000 remainder, 100 000 earmarked).
  const closed: Given[] = [...decided(), award('g1', '400000', '2025-03-01'), spend('300000', '2025-06-01'), settle(2025, '2026-01-10')];
  const adjustment = (
    correctsEventId: string,
    target: GivenOf<'RecordPriorYearAdjustment'>['target'],
    amountChange: string,
    extra: Partial<GivenOf<'RecordPriorYearAdjustment'>> = {},
  ): Given => ({
    type: 'RecordPriorYearAdjustment',
    year: 2026,
    correctedYear: 2025,
    correctsEventId,
    target,
    amountChange,
    authority: { caseNumber: '01.25', pointNumber: 1 },
    reason: 'Tilskuddet for 2025 var 50 000 høyere enn ført',
    effectiveDate: '2026-02-01',
    ...extra,
  });
  async function closedLedger(extra: Given[] = []) {
    const ledger = await ledgerWith([...closed, ...extra]);
    return {
      ledger,
      receipt: await eventIdOf(ledger, 'year-2025', 'FundsReceived'),
      report: await eventIdOf(ledger, 'year-2025', 'SpendingReported'),
    };
  }

  it("moves the open year's frame, and both years' trails show it, each naming the other year", async () => {
    const { ledger, receipt } = await closedLedger();
    const [result] = await record(ledger, adjustment(receipt, { kind: 'frame' }, '50000'));
    expect(result!.events[0]).toMatchObject({
      type: 'PriorYearAdjustmentRecorded',
      stream: 'year-2026',
      data: { year: 2026, correctedYear: 2025, amountChange: '50000.00' },
    });
    const reader = readerOf(ledger);
    expect((await reader.frame(2026)).figures).toMatchObject({ priorYearAdjustment: '50000.00', frame: '650000.00' });
    expect((await reader.frame(2025)).figures).toMatchObject({ received: '1000000.00', remainderCarriedOut: '600000.00' });
    const inTrail = async (year: number) =>
      (await reader.trail(year)).rows.filter((row) => row.eventType === 'PriorYearAdjustmentRecorded').map((row) => row.corrects);
    expect(await inTrail(2025)).toEqual([receipt]);
    expect(await inTrail(2026)).toEqual([receipt]);
    const explained = await reader.explain({ year: 2026, figure: 'priorYearAdjustment', scope: { kind: 'total' } });
    expect(explained.rows.map((row) => [row.amount, row.corrects])).toEqual([['50000.00', receipt]]);
  });
  it("moves an initiative's earmarked funds when its spending in the closed year was wrong", async () => {
    const { ledger, report } = await closedLedger();
    await record(ledger, adjustment(report, { kind: 'earmark', initiativeId: 'tiltak' }, '50000', { reason: 'Forbruket var 250 000' }));
    const tiltak = (await readerOf(ledger).balances(2026)).programmeAreas[0]!.initiatives.find((row) => row.id === 'tiltak')!;
    expect(tiltak.figures).toMatchObject({ earmarkedCarriedIn: '150000.00', availableToSpend: '150000.00' });
  });
  it('refuses lowering an earmark below what the initiative has left, naming it', async () => {
    const { ledger, report } = await closedLedger();
    await expectRefused(ledger, adjustment(report, { kind: 'earmark', initiativeId: 'tiltak' }, '-100000.01'), 'adjustment-below-used', {
      initiativeId: 'tiltak',
      amountLeft: '100000.00',
    });
    await record(ledger, adjustment(report, { kind: 'earmark', initiativeId: 'tiltak' }, '-100000'));
  });
  it('refuses lowering the frame below what the open year has left', async () => {
    const { ledger, receipt } = await closedLedger([receive(2026, '100000', '2026-01-15')]);
    await expectRefused(ledger, adjustment(receipt, { kind: 'frame' }, '-700000.01'), 'frame-exceeded', {
      year: 2026,
      amountLeft: '700000.00',
    });
    await record(ledger, adjustment(receipt, { kind: 'frame' }, '-700000'));
  });
  it('refuses an event of the wrong kind, or of another initiative', async () => {
    const { ledger, receipt, report } = await closedLedger();
    await expectRefused(ledger, adjustment(report, { kind: 'frame' }, '1'), 'unknown-corrected-event', {
      eventId: report,
      year: 2025,
      expected: 'receipt-or-grant',
    });
    await expectRefused(ledger, adjustment(receipt, { kind: 'earmark', initiativeId: 'tiltak' }, '1'), 'unknown-corrected-event');
    await expectRefused(ledger, adjustment(report, { kind: 'earmark', initiativeId: 'annet' }, '1'), 'unknown-corrected-event');
  });
  it('refuses correcting a year that is still open: it is corrected directly', async () => {
    const ledger = await ledgerWith(decided());
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    await expectRefused(ledger, adjustment(receipt, { kind: 'frame' }, '1'), 'corrected-year-open', { correctedYear: 2025, year: 2026 });
  });
  it('refuses recording it in a later year than the first open one', async () => {
    const { ledger, receipt } = await closedLedger();
    await expectRefused(ledger, adjustment(receipt, { kind: 'frame' }, '1', { year: 2027 }), 'not-first-open-year', {
      year: 2027,
      firstOpenYear: 2026,
    });
  });
  it('refuses an adjustment dated before the corrected year was closed', async () => {
    const { ledger, receipt } = await closedLedger();
    await expectRefused(ledger, adjustment(receipt, { kind: 'frame' }, '1', { effectiveDate: '2026-01-09' }), 'before-corrected-event', {
      correctedYear: 2025,
      correctedOn: '2026-01-10',
    });
    await record(ledger, adjustment(receipt, { kind: 'frame' }, '1', { effectiveDate: '2026-01-10' }));
  });
  it('refuses an adjustment citing a point that was not adopted', async () => {
    const { ledger, receipt } = await closedLedger();
    await expectRefused(
      ledger,
      adjustment(receipt, { kind: 'frame' }, '1', { authority: { caseNumber: '09.25', pointNumber: 1 } }),
      'unknown-case',
    );
  });
});
