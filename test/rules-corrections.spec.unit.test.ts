import { describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { LedgerReader } from '../src/app/ledger-reader.js';
import type { Given } from './support/spec.js';
import { award, decided, eventIdOf, expectRefused, ledgerWith, record, settle, type TestLedger } from './support/rules.js';

/**
 * Corrections within an open year: a receipt is corrected by an event linked to it (a
 * closed year is corrected in the first open year: test/rules-closed-year.spec.unit.test.ts).
 * 2025 received 1 000 000 on 15 January.
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
