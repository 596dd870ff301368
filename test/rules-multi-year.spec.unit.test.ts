import { describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { frameReport } from '../projections/queries.js';
import { given, givenAt, type Given, type GivenOf } from './support/spec.js';
import { award, decided, eventIdOf, expectRefused, ledgerWith, receive, record, settle, spend, type TestLedger } from './support/rules.js';

/**
 * Multi-year grants: every instalment is positive; a later instalment is a commitment on
 * its year, checked against that year's frame once its funds are known and otherwise
 * against the expected receipt (by default the latest earlier receipt). A plan changes in
 * one command, never in a closed year. 2025 received 1 000 000 on 15 January.
 */

const plan = (...amounts: string[]) => ({
  amountTotal: amounts.reduce((total, amount) => total + Number(amount), 0).toFixed(2),
  instalments: amounts.map((amount, index) => ({ year: 2025 + index, amount })),
});
const multiYear = (grantId: string, amounts: string[], effectiveDate = '2025-03-01', extra: Partial<GivenOf<'AwardGrant'>> = {}) =>
  award(grantId, '', effectiveDate, { plan: plan(...amounts), ...extra });
const expect2026 = (amount: string, effectiveDate = '2025-03-01'): Given => ({
  type: 'RecordExpectedReceipt',
  year: 2026,
  amount,
  reason: 'Varslet i statsbudsjettet',
  effectiveDate,
});

async function figuresOf(ledger: TestLedger, year: number) {
  const runner = new ProjectionRunner(ledger.store, { checkpointPath: null });
  await runner.catchUp();
  return frameReport(runner.view, year).figures;
}

describe('every instalment is more than zero', () => {
  it('refuses an instalment of zero, naming its year', async () => {
    await given(...decided())
      .when(multiYear('g1', ['100000', '0']))
      .thenThrows('instalment-not-positive', { year: 2026, amount: '0.00' });
  });
  it('refuses a total too small to spread over its years (0.02 over three years leaves the last at zero)', async () => {
    await given(...decided())
      .when(award('g1', '', '2025-03-01', { plan: { amountTotal: '0.02', years: 3 } }))
      .thenThrows('instalment-not-positive', { year: 2027 });
    await given(...decided())
      .when(award('g1', '', '2025-03-01', { plan: { amountTotal: '0.03', years: 3 } }))
      .then([{ type: 'GrantAwarded', data: { instalments: [{ amount: '0.01' }, { amount: '0.01' }, { amount: '0.01' }] } }]);
  });
});

describe("a later instalment is a commitment on its year's frame", () => {
  it("is checked against the later year's own frame once its funds are received", async () => {
    const received2026 = [...decided(), receive(2026, '500000', '2025-02-01')];
    await given(...received2026)
      .when(multiYear('g1', ['100000', '500000']))
      .then([{ type: 'GrantAwarded' }]);
    const refusal = await expectRefused(await ledgerWith(received2026), multiYear('g1', ['100000', '500000.01']), 'frame-exceeded', {
      year: 2026,
      amountLeft: '500000.00',
      committed: '0.00',
    });
    expect(refusal.details).not.toHaveProperty('expectedReceipt');
  });
  it('is checked against the latest earlier receipt until its own funds arrive, also two years ahead', async () => {
    // 2026 and 2027 expect 2025's 1 000 000.
    await given(...decided())
      .when(multiYear('g1', ['100000', '1000000', '1000000']))
      .then([{ type: 'GrantAwarded' }]);
    await given(...decided())
      .when(multiYear('g1', ['100000', '1000000', '1000000.01']))
      .thenThrows('frame-exceeded', { year: 2027, amountLeft: '1000000.00', expectedReceipt: '1000000.00' });
    // Once 2026 has received 600 000, 2027 expects that instead.
    await given(...decided(), receive(2026, '600000', '2025-02-01'))
      .when(multiYear('g1', ['100000', '100000', '600000.01']))
      .thenThrows('frame-exceeded', { year: 2027, expectedReceipt: '600000.00' });
  });
  it('counts the commitments already made on the later year', async () => {
    await given(...decided(), multiYear('g1', ['100000', '700000']))
      .when(multiYear('g2', ['100000', '300000.01'], '2025-03-01', { initiativeId: 'annet' }))
      .thenThrows('frame-exceeded', { year: 2026, amountLeft: '300000.00', committed: '700000.00' });
  });
  it('is checked against the expectation the secretariat recorded, from its date', async () => {
    await given(...decided(), expect2026('2000000'))
      .when(multiYear('g1', ['100000', '2000000']))
      .then([{ type: 'GrantAwarded' }]);
    await given(...decided(), expect2026('2000000'))
      .when(multiYear('g1', ['100000', '2000000.01']))
      .thenThrows('frame-exceeded', { year: 2026, expectedReceipt: '2000000.00' });
    // Dated before the expectation, the grant is checked against the default (2025's receipt).
    await given(...decided(), expect2026('2000000', '2025-04-01'))
      .when(multiYear('g1', ['100000', '1500000']))
      .thenThrows('frame-exceeded', { year: 2026, asOf: '2025-03-01', expectedReceipt: '1000000.00' });
  });
  it('checks against the expectation the frame view shows: the last one recorded of those in effect', async () => {
    // 2 000 000 expected as of 1 June, then 1 500 000 recorded as of 1 April: the later record replaces the earlier forecast.
    const ledger = await ledgerWith([...decided(), expect2026('2000000', '2025-06-01'), expect2026('1500000', '2025-04-01')]);
    expect(await figuresOf(ledger, 2026)).toMatchObject({ expectedReceipt: '1500000.00' });
    await expectRefused(ledger, multiYear('g1', ['100000', '1500000.01'], '2025-07-01'), 'frame-exceeded', {
      year: 2026,
      expectedReceipt: '1500000.00',
    });
    await record(ledger, multiYear('g1', ['100000', '1500000'], '2025-07-01'));
  });
  it("shows the later year's commitment in its view: committed by earlier decisions, not granted", async () => {
    const ledger = await ledgerWith([...decided(), multiYear('g1', ['100000', '400000'])]);
    // 2026's funds have not arrived: what is available is counted against 2025's receipt, as the rules count it.
    expect(await figuresOf(ledger, 2026)).toMatchObject({
      committed: '400000.00',
      granted: '0.00',
      expectedReceipt: '1000000.00',
      available: '600000.00',
    });
    expect(await figuresOf(ledger, 2025)).toMatchObject({ granted: '100000.00', committed: '0.00' });
  });
});

describe('an expected receipt, or a receipt, may not leave the commitments on a year uncovered', () => {
  const committed = [...decided(), multiYear('g1', ['100000', '900000'])];
  it('refuses an expectation below what the year is committed to, and takes one that covers it', async () => {
    await given(...committed)
      .when(expect2026('899999.99', '2025-04-01'))
      .thenThrows('receipt-below-commitments', { year: 2026, amountShort: '0.01', asOf: '2025-04-01' });
    await given(...committed)
      .when(expect2026('900000', '2025-04-01'))
      .then([{ type: 'ExpectedReceiptRecorded', data: { amount: '900000.00' } }]);
    await given(...committed, expect2026('900000', '2025-04-01'))
      .when({ ...expect2026('900000', '2025-05-01'), idempotencyKey: 'igjen' })
      .thenThrows('expectation-unchanged', { year: 2026 });
  });
  it("refuses a year's own receipt below what it is committed to, naming how much short", async () => {
    await given(...committed)
      .when(receive(2026, '800000', '2026-01-15'))
      .thenThrows('receipt-below-commitments', { year: 2026, amountShort: '100000.00', asOf: '2026-01-15' });
    await given(...committed)
      .when(receive(2026, '900000', '2026-01-15'))
      .then([{ type: 'FundsReceived' }]);
  });
  it("refuses a correction of the year before's receipt that lowers what the year expects below its commitments", async () => {
    const ledger = await ledgerWith(committed);
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    const correct = (amountChange: string): Given => ({
      type: 'CorrectReceipt',
      year: 2025,
      correctsEventId: receipt,
      amountChange,
      reason: 'Feilført',
      effectiveDate: '2025-04-01',
    });
    // 2026 expects 2025's receipt, and 900 000 is committed on it.
    await expectRefused(ledger, correct('-100000.01'), 'receipt-below-commitments', {
      year: 2026,
      amountShort: '0.01',
      asOf: '2025-04-01',
    });
    await record(ledger, correct('-100000'));
  });
});

describe('a plan changes in one command', () => {
  const reason = 'Mer av arbeidet skjer i 2026';
  const change = (instalments: { year: number; amount: string }[], extra: Partial<GivenOf<'ChangeGrantPlan'>> = {}): Given => ({
    type: 'ChangeGrantPlan',
    grantId: 'g1',
    instalments,
    authority: { caseNumber: '01.25', pointNumber: 1 },
    reason,
    effectiveDate: '2025-06-01',
    ...extra,
  });
  const granted = [...decided(), multiYear('g1', ['500000', '500000'])];
  it('re-spreads the instalments between the years of the plan', async () => {
    await given(...granted)
      .when(
        change([
          { year: 2025, amount: '300000' },
          { year: 2026, amount: '700000' },
        ]),
      )
      .then([
        {
          type: 'GrantPlanChanged',
          data: {
            year: 2025,
            awardYear: 2025,
            instalments: [
              { year: 2025, amountBefore: '500000.00', amountAfter: '300000.00' },
              { year: 2026, amountBefore: '500000.00', amountAfter: '700000.00' },
            ],
          },
        },
      ]);
  });
  it('shortens the plan by lowering its last instalment to zero', async () => {
    await given(...granted)
      .when(change([{ year: 2026, amount: '0' }]))
      .then([
        { type: 'GrantPlanChanged', data: { year: 2026, instalments: [{ year: 2026, amountBefore: '500000.00', amountAfter: '0.00' }] } },
      ]);
  });
  it("moves the later year's commitment and this year's grant in the views", async () => {
    const ledger = await ledgerWith(granted);
    await record(
      ledger,
      change([
        { year: 2025, amount: '300000' },
        { year: 2026, amount: '700000' },
      ]),
    );
    expect(await figuresOf(ledger, 2025)).toMatchObject({ granted: '300000.00', available: '700000.00' });
    expect(await figuresOf(ledger, 2026)).toMatchObject({ committed: '700000.00' });
  });
  it('refuses a year the plan does not have', async () => {
    await given(...granted)
      .when(change([{ year: 2027, amount: '1' }]))
      .thenThrows('plan-year-not-in-plan', { grantId: 'g1', year: 2027 });
  });
  it('refuses lowering an instalment below what was spent of it, naming how far it can go', async () => {
    await given(...granted, spend('400000', '2025-05-01'))
      .when(change([{ year: 2025, amount: '399999.99' }]))
      .thenThrows('adjustment-below-used', { grantId: 'g1', year: 2025, amountLowerable: '100000.00' });
    await given(...granted, spend('400000', '2025-05-01'))
      .when(change([{ year: 2025, amount: '400000' }]))
      .then([{ type: 'GrantPlanChanged' }]);
  });
  it('refuses lowering an instalment below what was released of it', async () => {
    const released: Given = {
      type: 'ReleaseFunds',
      grantId: 'g1',
      year: 2025,
      amount: '300000',
      reason: 'Utgår delvis',
      effectiveDate: '2025-05-01',
    };
    await given(...granted, released)
      .when(change([{ year: 2025, amount: '299999.99' }]))
      .thenThrows('adjustment-below-used', { grantId: 'g1', year: 2025, amountLowerable: '200000.00' });
    await given(...granted, released)
      .when(change([{ year: 2025, amount: '300000' }]))
      .then([{ type: 'GrantPlanChanged' }]);
  });
  it('refuses raising an instalment beyond the frame of its year', async () => {
    await given(...granted)
      .when(change([{ year: 2026, amount: '1000000.01' }]))
      .thenThrows('frame-exceeded', { year: 2026, amountLeft: '500000.00', amountAsked: '500000.01' });
  });
  it('refuses raising an instalment beyond what the cited point authorised', async () => {
    await given(...granted)
      .when(change([{ year: 2025, amount: '10000000.01' }]))
      .thenThrows('authority-exceeded', { year: 2025, amountAuthorised: '10000000.00', amountGranted: '500000.00' });
  });
  it('refuses a change that changes nothing', async () => {
    await given(...granted)
      .when(change([{ year: 2026, amount: '500000' }]))
      .thenThrows('plan-unchanged', { grantId: 'g1' });
  });
  it('refuses touching a closed year, and changes the open years of the plan', async () => {
    const closed = [...granted, settle(2025, '2026-01-10')];
    await given(...closed)
      .when(
        change(
          [
            { year: 2025, amount: '400000' },
            { year: 2026, amount: '600000' },
          ],
          { effectiveDate: '2026-02-01' },
        ),
      )
      .thenThrows('year-closed', { year: 2025 });
    await given(...closed)
      .when(change([{ year: 2026, amount: '400000' }], { effectiveDate: '2026-02-01' }))
      .then([{ type: 'GrantPlanChanged', data: { year: 2026, awardYear: 2025 } }]);
  });
});

describe('a three-year plan across a settlement', () => {
  it('keeps its later instalments committed when the first year is settled', async () => {
    const history = [...decided(), multiYear('g1', ['100000', '200000', '300000']), settle(2025, '2026-01-10')];
    const ledger = await ledgerWith(history);
    expect(await figuresOf(ledger, 2026)).toMatchObject({ committed: '200000.00', remainderCarriedIn: '900000.00' });
    expect(await figuresOf(ledger, 2027)).toMatchObject({ committed: '300000.00' });
    await givenAt('2027-03-01T08:00:00Z', ...history)
      .when(settle(2026, '2026-12-31'))
      .then([
        { type: 'RemainderCarriedForward', data: { amount: '700000.00' } },
        { type: 'EarmarkedFundsCarriedOver', data: { amount: '300000.00' } },
        { type: 'YearClosed' },
      ]);
  });
});
