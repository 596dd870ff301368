import { describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { LedgerReader } from '../src/app/ledger-reader.js';
import { given, type Given } from './support/spec.js';
import {
  award,
  decided,
  drawPoint,
  expectRefused,
  ledgerWith,
  record,
  reserveFund,
  secondCase,
  secondCaseAdopted,
  settle,
  type TestLedger,
} from './support/rules.js';

/**
 * The reserve fund: set aside from the frame once per adopted point; drawn from by a
 * grant citing a point whose table is funded by the reserve fund, without touching the
 * frame; its balance carries over at the settlement. Case 02.25 point 3 sets up a fund of
 * 150 000 (established 20 March 2025); point 4 authorises draws for `tiltak` (250 000 in
 * 2025 and in 2026).
 */

const withFund: Given[] = [...decided(), ...secondCase, secondCaseAdopted(), reserveFund('02.25', 3, 2025, '2025-03-20')];
const draw = (grantId: string, amount: string, effectiveDate = '2025-03-25', year = 2025) =>
  award(grantId, amount, effectiveDate, { year, authority: drawPoint });

function readerOf(ledger: TestLedger) {
  return new LedgerReader(ledger.store, new ProjectionRunner(ledger.store, { checkpointPath: null }));
}

describe('a grant drawn from the reserve fund', () => {
  it('is recorded as drawn from the fund', async () => {
    await given(...withFund)
      .when(draw('d1', '150000'))
      .then([{ type: 'GrantAwarded', data: { fundedBy: 'reserve-fund', amountTotal: '150000.00', authority: drawPoint } }]);
  });
  it('does not touch the frame: what the frame has left (1 000 000 less the fund) is still there', async () => {
    const drawn = [...withFund, draw('d1', '150000')];
    await given(...drawn)
      .when(award('g1', '850000', '2025-03-25'))
      .then([{ type: 'GrantAwarded' }]);
    await given(...drawn)
      .when(award('g1', '850000.01', '2025-03-25'))
      .thenThrows('frame-exceeded', { amountLeft: '850000.00', reserved: '150000.00' });
  });
  it('refuses a draw beyond what the fund holds, naming what it has left and when', async () => {
    await given(...withFund, draw('d1', '100000'))
      .when(draw('d2', '50000.01'))
      .thenThrows('reserve-fund-exceeded', { year: 2025, amountLeft: '50000.00', amountAsked: '50000.01', asOf: '2025-03-25' });
  });
  it('refuses a draw dated before the fund was established', async () => {
    await given(...withFund)
      .when(draw('d1', '1', '2025-03-19'))
      .thenThrows('before-resolution-adopted');
    await given(...withFund.slice(0, -1), reserveFund('02.25', 3, 2025, '2025-04-01'))
      .when(draw('d1', '1', '2025-03-25'))
      .thenThrows('reserve-fund-exceeded', { amountLeft: '0.00', asOf: '2025-03-25' });
  });
  it('refuses a draw spread over several years', async () => {
    await given(...withFund)
      .when(award('d1', '', '2025-03-25', { authority: drawPoint, plan: { amountTotal: '100000', years: 2 } }))
      .thenThrows('reserve-draw-single-year', { years: [2025, 2026] });
  });
  it('refuses an increase of a drawn grant beyond what the fund has left', async () => {
    const increase = (amountChange: string): Given => ({
      type: 'AdjustGrant',
      grantId: 'd1',
      year: 2025,
      amountChange,
      authority: drawPoint,
      reason: 'Økt',
      effectiveDate: '2025-04-01',
    });
    await given(...withFund, draw('d1', '100000'))
      .when(increase('50000.01'))
      .thenThrows('reserve-fund-exceeded', { year: 2025, amountLeft: '50000.00' });
    await given(...withFund, draw('d1', '100000'))
      .when(increase('50000'))
      .then([{ type: 'GrantAdjusted' }]);
  });
  it("shows the draw in the year's and the initiative's figures", async () => {
    const reader = readerOf(await ledgerWith([...withFund, draw('d1', '100000')]));
    expect((await reader.frame(2025)).figures).toMatchObject({
      reserved: '150000.00',
      grantedFromReserve: '100000.00',
      reserveBalance: '50000.00',
      granted: '0.00',
      available: '850000.00',
    });
    const tiltak = (await reader.balances(2025)).programmeAreas[0]!.initiatives.find((row) => row.id === 'tiltak')!;
    expect(tiltak.figures).toMatchObject({ grantedFromReserve: '100000.00', availableToSpend: '100000.00' });
  });
});

describe("the fund's balance carries over at the settlement", () => {
  const settled = [...withFund, draw('d1', '100000'), settle(2025, '2026-01-10')];
  it('carries the balance over, set aside in the next year, and explains it', async () => {
    await given(...withFund, draw('d1', '100000'))
      .when(settle(2025, '2026-01-10'))
      .then([
        { type: 'RemainderCarriedForward', data: { amount: '850000.00' } },
        { type: 'EarmarkedFundsCarriedOver', data: { initiativeId: 'tiltak', amount: '100000.00' } },
        { type: 'ReserveFundCarriedOver', data: { fromYear: 2025, toYear: 2026, amount: '50000.00' } },
        { type: 'YearClosed' },
      ]);
    const reader = readerOf(await ledgerWith(settled));
    expect((await reader.frame(2026)).figures).toMatchObject({
      reserveCarriedIn: '50000.00',
      reserveBalance: '50000.00',
      frame: '850000.00',
    });
    expect((await reader.frame(2025)).figures).toMatchObject({ reserveCarriedOut: '50000.00', reserveBalance: '0.00' });
    const explained = await reader.explain({ year: 2026, figure: 'reserveBalance', scope: { kind: 'total' } });
    expect(explained.rows.map((row) => [row.eventType, row.amount, row.effectiveDate])).toEqual([
      ['ReserveFundCarriedOver', '50000.00', '2026-01-10'],
    ]);
  });
  it('lets the next year draw on the balance carried in, and no more', async () => {
    await given(...settled)
      .when(draw('d2', '50000', '2026-02-01', 2026))
      .then([{ type: 'GrantAwarded', data: { year: 2026, fundedBy: 'reserve-fund' } }]);
    await given(...settled)
      .when(draw('d2', '50000.01', '2026-02-01', 2026))
      .thenThrows('reserve-fund-exceeded', { year: 2026, amountLeft: '50000.00' });
  });
  it('takes no draw in the closed year', async () => {
    const ledger = await ledgerWith(settled);
    await expectRefused(ledger, draw('d2', '1', '2025-12-01'), 'year-closed', { year: 2025 });
    await record(ledger, draw('d2', '1', '2026-02-01', 2026));
  });
});
