import { describe, it } from 'vitest';
import { givenAt, given, type Given } from './support/spec.js';
import { award, decided, eventIdOf, expectRefused, ledgerWith, receive, record, settle, spend } from './support/rules.js';

/**
 * Bounds inside the decision: amounts up to 14 whole digits and øre, years 2000–2100.
 * Every amount a command records or derives — a frame, a carried sum, an instalment's
 * year — is checked before anything is stored: at the bound it is taken, beyond it the
 * command is refused with a typed code, never a failure of the server.
 */

const MAX = '99999999999999.99';

/**
 * Case 05.25 (meeting 1 April 2025) authorises up to the bound for `tiltak` in 2025, 2026,
 * 2099 and 2100, so the frame, not the table, bounds these grants.
 */
const boundlessCase: Given[] = [
  { type: 'OpenCase', caseNumber: '05.25', meetingDate: '2025-04-01', title: 'Store beløp', effectiveDate: '2025-03-01' },
  {
    type: 'ProposeResolution',
    caseNumber: '05.25',
    effectiveDate: '2025-03-01',
    points: [
      {
        number: 1,
        text: 'Tildeling',
        alternatives: [],
        authorises: {
          kind: 'allocation',
          fundedBy: 'frame',
          lines: [2025, 2026, 2099, 2100].map((year) => ({ target: { initiativeId: 'tiltak' }, year, amount: MAX })),
        },
      },
    ],
  },
  {
    type: 'AdoptResolution',
    caseNumber: '05.25',
    points: [{ number: 1, outcome: 'adopted' }],
    decidedBy: 'consensus',
    effectiveDate: '2025-04-01',
  },
];
const big = { caseNumber: '05.25', pointNumber: 1 } as const;

describe('amounts: at the bound taken, beyond it refused', () => {
  it("takes a year's frame at exactly the bound, and refuses an øre more, naming the amount and the bound", async () => {
    await given(receive(2027, MAX, '2026-05-01'))
      .when(receive(2027, '0.01', '2026-05-02'))
      .thenThrows('amount-out-of-bounds', { amount: '100000000000000.00', bound: MAX });
    await given(receive(2027, '99999999999999.98', '2026-05-01'))
      .when(receive(2027, '0.01', '2026-05-02'))
      .then([{ type: 'FundsReceived' }]);
  });
  it('takes an expected receipt at the bound', async () => {
    await given()
      .when({ type: 'RecordExpectedReceipt', year: 2027, amount: MAX })
      .then([{ type: 'ExpectedReceiptRecorded', data: { amount: MAX } }]);
  });
  it('refuses a receipt correction that would take the frame beyond the bound', async () => {
    const ledger = await ledgerWith([receive(2027, MAX, '2026-05-01')]);
    const receipt = await eventIdOf(ledger, 'year-2027', 'FundsReceived');
    const correct = (amountChange: string): Given => ({
      type: 'CorrectReceipt',
      year: 2027,
      correctsEventId: receipt,
      amountChange,
      reason: 'x',
    });
    await expectRefused(ledger, correct('0.01'), 'amount-out-of-bounds', { amount: '100000000000000.00' });
    await record(ledger, correct('-0.01'), correct('0.01'));
  });
  it('refuses a correction of a closed year that would take the frame beyond the bound', async () => {
    const ledger = await ledgerWith([...decided(), settle(2025, '2026-01-10'), receive(2026, '99999998999999.99', '2026-01-15')]);
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    const correct = (amount: string): Given => ({
      type: 'CorrectClosedReceipt',
      year: 2026,
      correctedYear: 2025,
      correctsEventId: receipt,
      amount,
      authority: { caseNumber: '01.25', pointNumber: 1 },
      reason: 'Tilskuddet var høyere',
    });
    // 2026's frame: 1 000 000 carried in and 99 999 998 999 999.99 received: the bound exactly.
    await expectRefused(ledger, correct('1000000.01'), 'amount-out-of-bounds', { amount: '100000000000000.00', bound: MAX });
    await record(ledger, correct('999999.99'));
  });
});

describe('carried amounts stay within the bound', () => {
  // 2025's frame is the bound, all of it granted to tiltak; the settlement carries it over earmarked.
  const full: Given[] = [
    ...decided(),
    ...boundlessCase,
    receive(2025, '99999998999999.99', '2025-04-01'),
    award('g1', MAX, '2025-04-01', { authority: big }),
    settle(2025, '2026-01-10'),
    receive(2026, '1', '2026-01-15'),
  ];
  it('carries an earmark of exactly the bound', async () => {
    await given(
      ...decided(),
      ...boundlessCase,
      receive(2025, '99999998999999.99', '2025-04-01'),
      award('g1', MAX, '2025-04-01', { authority: big }),
    )
      .when(settle(2025, '2026-01-10'))
      .then([{ type: 'EarmarkedFundsCarriedOver', data: { initiativeId: 'tiltak', amount: MAX } }, { type: 'YearClosed' }]);
  });
  it('refuses a settlement whose earmark would be over 14 digits, naming it, and appends nothing', async () => {
    // tiltak has the bound carried in and 1 more granted in 2026.
    await givenAt('2027-03-01T08:00:00Z', ...full, award('g2', '1', '2026-02-01', { year: 2026, authority: big }))
      .when(settle(2026, '2026-12-31'))
      .thenThrows('amount-out-of-bounds', { amount: '100000000000000.99', bound: MAX });
  });
  it("refuses a correction of a closed year that would take an initiative's earmarked funds beyond the bound", async () => {
    // tiltak spent 1 of the bound in 2025, carried the rest, and got 1 more in 2026: its 2026 funds are the bound.
    const spentOne: Given[] = [
      ...decided(),
      ...boundlessCase,
      receive(2025, '99999998999999.99', '2025-04-01'),
      award('g1', MAX, '2025-04-01', { authority: big }),
      spend('1', '2025-05-01'),
      settle(2025, '2026-01-10'),
      receive(2026, '1', '2026-01-15'),
      award('g2', '1', '2026-02-01', { year: 2026, authority: big }),
    ];
    const ledger = await ledgerWith(spentOne);
    const report = await eventIdOf(ledger, 'year-2025', 'SpendingReported');
    const correct = (amount: string): Given => ({
      type: 'CorrectClosedSpending',
      year: 2026,
      correctedYear: 2025,
      correctsEventId: report,
      amount,
      reference: 'Regnskap 2025, rettet',
      reason: 'Forbruket var lavere',
    });
    await expectRefused(ledger, correct('0.99'), 'amount-out-of-bounds', { amount: '100000000000000.00', bound: MAX });
    await record(ledger, correct('1.01'));
  });
  it("refuses a settlement that would take the next year's frame beyond the bound", async () => {
    // The earmark (the bound) is released in 2026 and 1 is left over: together 0.01 … over the bound for 2027.
    const released: Given = {
      type: 'ReleaseEarmarkedFunds',
      year: 2026,
      initiativeId: 'tiltak',
      amount: MAX,
      reason: 'Avsluttet',
      effectiveDate: '2026-02-01',
    };
    await givenAt('2027-03-01T08:00:00Z', ...full, released)
      .when(settle(2026, '2026-12-31'))
      .thenThrows('amount-out-of-bounds', { amount: '100000000000000.99', bound: MAX });
    await givenAt('2027-03-01T08:00:00Z', ...full, { ...released, amount: '99999999999998.99' })
      .when(settle(2026, '2026-12-31'))
      .then([
        { type: 'RemainderCarriedForward' },
        { type: 'ReleasedFundsCarriedForward' },
        { type: 'EarmarkedFundsCarriedOver' },
        { type: 'YearClosed' },
      ]);
  });
});

describe('years: 2000–2100', () => {
  const far: Given[] = [...decided(), ...boundlessCase, receive(2100, '1000000', '2026-05-01')];
  it('takes a grant in 2100, and refuses one whose plan reaches into 2101', async () => {
    await given(...far)
      .when(award('g1', '1000', '2026-05-02', { year: 2100, authority: big }))
      .then([{ type: 'GrantAwarded', data: { year: 2100 } }]);
    await given(...far)
      .when(award('g1', '', '2026-05-02', { year: 2100, authority: big, plan: { amountTotal: '2000', years: 2 } }))
      .thenThrows('year-out-of-range', { year: 2101, firstYear: 2000, lastYear: 2100 });
    await given(...far)
      .when(
        award('g1', '', '2026-05-02', {
          year: 2100,
          authority: big,
          plan: {
            amountTotal: '2000',
            instalments: [
              { year: 2100, amount: '1000' },
              { year: 2101, amount: '1000' },
            ],
          },
        }),
      )
      .thenThrows('invalid-command');
  });
  it('takes a plan that ends in 2100', async () => {
    await given(...far, receive(2099, '1000000', '2026-05-01'))
      .when(award('g1', '', '2026-05-02', { year: 2099, authority: big, plan: { amountTotal: '2000', years: 2 } }))
      .then([{ type: 'GrantAwarded', data: { instalments: [{ year: 2099 }, { year: 2100 }] } }]);
  });
  it('refuses settling 2100: its money would be carried into 2101', async () => {
    await givenAt('2101-01-10T08:00:00Z', receive(2100, '1000', '2100-01-05'))
      .when(settle(2100, '2101-01-05'))
      .thenThrows('year-out-of-range', { year: 2101 });
  });
});
