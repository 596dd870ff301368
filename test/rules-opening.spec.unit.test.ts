import { describe, expect, it } from 'vitest';
import { LedgerView } from '../projections/ledger-view.js';
import { figureValue } from '../projections/queries.js';
import { parseStoredEvent } from '../events/catalogue.js';
import { adopted, basics, given, type Given, type GivenOf } from './support/spec.js';
import { award, ledgerWith, receive, settle, spend, type TestLedger } from './support/rules.js';

/**
 * The opening balance (inngående balanse): a committee taking the ledger into use in 2025
 * enters what its last settlement left — 200 000 of remainder and 100 000 released into the
 * frame, 500 000 earmarked for `tiltak` (granted by case 10.24), 50 000 in the reserve fund,
 * a 2026 instalment of 150 000 decided by case 10.24 — and the 2025 receipt of 1 000 000.
 * After it the ordinary rules read those amounts as carried money.
 */

const registry: Given[] = basics.filter(
  (command) => command.type !== 'ReceiveFunds' && command.type !== 'OpenCase' && command.type !== 'ProposeResolution',
);
const caseOf2025: Given[] = basics.filter((command) => command.type === 'OpenCase' || command.type === 'ProposeResolution');
const source = { document: 'Vedlegg 1 til sak 22.24', caseNumber: '22.24', date: '2024-12-12' };

const opening = (extra: Partial<GivenOf<'RecordOpeningBalance'>> = {}): GivenOf<'RecordOpeningBalance'> => ({
  type: 'RecordOpeningBalance',
  year: 2025,
  source,
  remainderCarriedIn: '200000',
  releasedCarriedIn: '100000',
  reserveFundBalance: '50000',
  earmarks: [
    { initiativeId: 'tiltak', amount: '500000', grantedBy: { caseNumber: '10.24' } },
    { initiativeId: 'annet', amount: '0', previousYearGranted: '300000' },
  ],
  commitments: [
    { grantId: 'c-tiltak-2026', initiativeId: 'tiltak', year: 2026, amount: '150000', authority: { caseNumber: '10.24', pointNumber: 1 } },
  ],
  funds: { kind: 'received', amount: '1000000', receivedOn: '2025-01-15' },
  totals: { earmarked: '500000', committed: '150000' },
  effectiveDate: '2025-01-10',
  ...extra,
});

const opened: Given[] = [...registry, opening(), ...caseOf2025, { ...adopted(3), effectiveDate: '2025-02-20' }];

async function viewOf(ledger: TestLedger): Promise<LedgerView> {
  const view = new LedgerView();
  for await (const record of ledger.store.readAll()) view.apply(parseStoredEvent(record));
  return view;
}

const total = { kind: 'total' } as const;
const initiative = (initiativeId: string) => ({ kind: 'initiative', initiativeId }) as const;

describe('recording an opening balance', () => {
  it('records the year’s figures, one line per initiative with money, the commitment and the receipt, as one unit', async () => {
    await given(...registry)
      .when(opening())
      .then([
        {
          type: 'OpeningBalanceRecorded',
          data: {
            year: 2025,
            source,
            remainderCarriedIn: '200000.00',
            releasedCarriedIn: '100000.00',
            reserveFundBalance: '50000.00',
            earmarkedTotal: '500000.00',
            committedTotal: '150000.00',
            previousYearGrantedTotal: '300000.00',
          },
        },
        {
          type: 'OpeningInitiativeBalanceRecorded',
          data: { initiativeId: 'tiltak', earmarkedCarriedIn: '500000.00', grantedBy: { caseNumber: '10.24' } },
        },
        {
          type: 'OpeningInitiativeBalanceRecorded',
          data: { initiativeId: 'annet', earmarkedCarriedIn: '0.00', previousYearGranted: '300000.00' },
        },
        { type: 'OpeningCommitmentRecorded', data: { grantId: 'c-tiltak-2026', instalmentYear: 2026, amount: '150000.00' } },
        { type: 'FundsReceived', data: { year: 2025, amount: '1000000.00', reference: 'Inngående balanse: Vedlegg 1 til sak 22.24' } },
      ]);
  });

  it('posts each amount where a settlement would have: the frame, the reserve fund, the earmark, the commitment, the comparative grant', async () => {
    const view = await viewOf(await ledgerWith([...registry, opening()]));
    const value = (
      year: number,
      figure: Parameters<typeof figureValue>[1]['figure'],
      scope: Parameters<typeof figureValue>[1]['scope'] = total,
    ) => figureValue(view, { year, figure, scope }).toFixed(2);
    expect(value(2025, 'frame')).toBe('1300000.00');
    expect(value(2025, 'reserveBalance')).toBe('50000.00');
    expect(value(2025, 'earmarkedCarriedIn', initiative('tiltak'))).toBe('500000.00');
    expect(value(2026, 'committed', initiative('tiltak'))).toBe('150000.00');
    expect(value(2024, 'granted', initiative('annet'))).toBe('300000.00');
  });

  it('refuses an initiative the registry does not know, naming it', async () => {
    await given(...registry)
      .when(opening({ earmarks: [{ initiativeId: 'ukjent', amount: '1' }], totals: {} }))
      .thenThrows('unknown-initiative', { initiativeId: 'ukjent' });
  });

  it('refuses an initiative on two lines', async () => {
    await given(...registry)
      .when(
        opening({
          earmarks: [
            { initiativeId: 'tiltak', amount: '1' },
            { initiativeId: 'tiltak', amount: '2' },
          ],
          totals: {},
        }),
      )
      .thenThrows('opening-line-duplicated', { initiativeId: 'tiltak' });
  });

  it('refuses a stated total that is not the sum of its lines, with both figures', async () => {
    await given(...registry)
      .when(opening({ totals: { earmarked: '500000.01' } }))
      .thenThrows('opening-total-mismatch', { total: 'earmarked', amountStated: '500000.01', amountOfLines: '500000.00' });
  });

  it('refuses a commitment on a year other than the opening year and the next', async () => {
    const late = { initiativeId: 'tiltak', year: 2027, amount: '1', authority: { caseNumber: '10.24', pointNumber: 1 } };
    await given(...registry)
      .when(opening({ commitments: [late], totals: {} }))
      .thenThrows('opening-commitment-year', { year: 2025, commitmentYear: 2027, lastYear: 2026 });
  });

  it('refuses amounts whose frame would pass the bound', async () => {
    await given(...registry)
      .when(opening({ remainderCarriedIn: '99999999999999.99', releasedCarriedIn: '0.01', funds: undefined }))
      .thenThrows('amount-out-of-bounds');
  });

  it('refuses an initiative registered after the day the opening takes effect', async () => {
    await given(...registry)
      .when(opening({ effectiveDate: '2025-01-01' }))
      .thenThrows('before-initiative-registered', { initiativeId: 'tiltak' });
  });

  it('is the first money of its year: refused after a receipt, a second time, or once the next year has events', async () => {
    await given(...registry, receive(2025, '1000', '2025-01-05'))
      .when(opening())
      .thenThrows('opening-balance-not-first', { year: 2025, lastEventOn: '2025-01-05' });
    await given(...registry, opening())
      .when(opening({ idempotencyKey: 'again' }))
      .thenThrows('opening-balance-not-first', { year: 2025 });
    await given(...registry, { type: 'RecordExpectedReceipt', year: 2026, amount: '1000', effectiveDate: '2025-01-05' })
      .when(opening())
      .thenThrows('opening-balance-not-first', { year: 2025, laterYear: 2026 });
  });

  it('is refused when an earlier year is in the ledger: its settlement carries the money in', async () => {
    await given(...registry, receive(2024, '1000', '2024-03-01'))
      .when(opening())
      .thenThrows('opening-balance-after-earlier-year', { year: 2025, earlierYear: 2024 });
  });
});

describe('after the opening balance the ordinary rules apply', () => {
  it('releases a carried earmark up to what was carried in, and not an øre more', async () => {
    const release = (amount: string): Given => ({
      type: 'ReleaseEarmarkedFunds',
      year: 2025,
      initiativeId: 'tiltak',
      amount,
      reason: 'Aktiviteten utgår',
      effectiveDate: '2025-03-01',
    });
    await given(...opened)
      .when(release('500000'))
      .then([{ type: 'EarmarkedFundsReleased', data: { amount: '500000.00' } }]);
    await given(...opened)
      .when(release('500000.01'))
      .thenThrows('release-exceeds-unspent', { amountEarmarked: '500000.00' });
  });

  it('takes spending against the earmark, and refuses spending past it', async () => {
    await given(...opened)
      .when(spend('500000', '2025-03-01'))
      .then([{ type: 'SpendingReported' }]);
    await given(...opened)
      .when(spend('500000.01', '2025-03-01'))
      .thenThrows('spending-exceeds-available');
  });

  it('grants from the frame the opening made, and not beyond it', async () => {
    await given(...opened)
      .when(award('g1', '1300000', '2025-03-01'))
      .then([{ type: 'GrantAwarded' }]);
    await given(...opened)
      .when(award('g1', '1300000.01', '2025-03-01'))
      .thenThrows('frame-exceeded', { amountLeft: '1300000.00' });
  });

  it('counts the commitment against 2026: a 2026 grant has the 2026 receipt less the commitment', async () => {
    const in2026 = [...opened, settle(2025, '2026-01-10'), receive(2026, '400000', '2026-01-15')];
    // 400 000 received + 1 300 000 remainder of 2025 − 150 000 committed.
    await given(...in2026)
      .when(award('g26', '1550000.01', '2026-02-01', { year: 2026 }))
      .thenThrows('frame-exceeded', { year: 2026, committed: '150000.00', amountLeft: '1550000.00' });
  });

  it('carries the unspent earmark, the remainder and the reserve fund over at the settlement', async () => {
    await given(...opened, spend('200000', '2025-03-01'))
      .when(settle(2025, '2026-01-10'))
      .then([
        { type: 'RemainderCarriedForward', data: { amount: '1300000.00' } },
        { type: 'EarmarkedFundsCarriedOver', data: { initiativeId: 'tiltak', amount: '300000.00' } },
        { type: 'ReserveFundCarriedOver', data: { amount: '50000.00' } },
        { type: 'YearClosed' },
      ]);
  });

  it('adjusts the commitment like an earlier grant’s instalment, posting to committed', async () => {
    const lower: Given = {
      type: 'AdjustGrant',
      grantId: 'c-tiltak-2026',
      year: 2026,
      amountChange: '-50000',
      authority: { caseNumber: '01.25', pointNumber: 1 },
      reason: 'Planen er endret',
      effectiveDate: '2025-03-01',
    };
    const ledger = await ledgerWith([...opened, lower]);
    const view = await viewOf(ledger);
    expect(figureValue(view, { year: 2026, figure: 'committed', scope: total }).toFixed(2)).toBe('100000.00');
    expect(figureValue(view, { year: 2026, figure: 'granted', scope: total }).toFixed(2)).toBe('0.00');
  });
});
