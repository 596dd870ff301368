import { describe, expect, it } from 'vitest';
import { adopted, basics, given, givenAt, type Given } from './support/spec.js';
import { award, decided, expectRefused, ledgerWith, receive, record, settle, spend, vote } from './support/rules.js';

/**
 * Settlement: years settle in order — none while an earlier year with events is open —
 * and nothing is received, granted or voted into a year once a later year is closed. The
 * settlement takes an effective date (default today) and computes as of it. For 2026 to
 * be settled, today is 1 March 2027 here.
 */

const LATER = '2027-03-01T08:00:00Z';

describe('years settle in order', () => {
  it('refuses settling 2026 while 2025, which has events, is open', async () => {
    await givenAt(LATER, ...decided(), receive(2026, '100000', '2026-01-15'))
      .when(settle(2026, '2026-12-31'))
      .thenThrows('previous-year-open', { year: 2026, previousYear: 2025 });
  });
  it('looks two years back: 2027 waits for 2025 even when 2026 saw nothing', async () => {
    await givenAt('2028-03-01T08:00:00Z', ...decided())
      .when(settle(2027, '2027-12-31'))
      .thenThrows('previous-year-open', { year: 2027, previousYear: 2025 });
  });
  it('settles a year whose earlier years saw nothing', async () => {
    await givenAt(LATER, receive(2026, '100000', '2026-01-15'))
      .when(settle(2026, '2026-12-31'))
      .then([{ type: 'RemainderCarriedForward', data: { fromYear: 2026, toYear: 2027, amount: '100000.00' } }, { type: 'YearClosed' }]);
  });
  it('settles in order, one year after the other', async () => {
    await givenAt(LATER, ...decided(), receive(2026, '100000', '2026-01-15'), settle(2025, '2026-01-10'))
      .when(settle(2026, '2026-12-31'))
      .then([{ type: 'RemainderCarriedForward', data: { amount: '1100000.00' } }, { type: 'YearClosed' }]);
  });
  it('refuses settling a year twice', async () => {
    await given(...decided(), settle(2025, '2026-01-10'))
      .when({ ...settle(2025, '2026-01-10'), idempotencyKey: 'igjen' })
      .thenThrows('year-closed', { year: 2025, closedOn: '2026-01-10' });
  });
});

describe('nothing goes into a year once a later year is closed', () => {
  // 2024 has a receipt, 2025 is settled without it: 2025 can only close once 2024 is settled first.
  const closed2025 = [...decided(), settle(2025, '2026-01-10')];
  it.each([
    ['a receipt', receive(2024, '1', '2024-05-01')],
    ['an expected receipt', { type: 'RecordExpectedReceipt' as const, year: 2024, amount: '1' }],
    ['a grant', award('g1', '1', '2025-03-01', { year: 2024 })],
    ['spending', spend('1', '2025-03-01', { year: 2024 })],
  ])('refuses %s into 2024 once 2025 is closed, naming the closed year', async (_what, command: Given) => {
    await given(...closed2025)
      .when(command)
      .thenThrows('later-year-closed', { year: 2024, closedYear: 2025 });
  });
  it('refuses votes and the adoption in a case of 2025 once 2026 is closed, naming the closed year', async () => {
    // 2025 saw no money, so 2026 could be settled while case 01.25 was still undecided.
    const history = [
      ...basics.filter((command) => command.type !== 'ReceiveFunds'),
      receive(2026, '100000', '2026-01-15'),
      settle(2026, '2026-12-31'),
    ];
    const ledger = await ledgerWith(history, LATER);
    await expectRefused(ledger, vote('leder', 1, { answer: 'yes' }), 'later-year-closed', {
      year: 2025,
      closedYear: 2026,
      caseNumber: '01.25',
    });
    await expectRefused(ledger, adopted(3), 'later-year-closed', { year: 2025, closedYear: 2026 });
  });
  it('refuses votes in a case of a closed year', async () => {
    await given(...decided().slice(0, -1), settle(2025, '2026-01-10'))
      .when(vote('leder', 1, { answer: 'yes' }))
      .thenThrows('year-closed', { year: 2025, caseNumber: '01.25' });
  });
});

describe("a closed year's figures stay as they were settled", () => {
  const closed = [...decided(), settle(2025, '2026-01-10')];
  const later: Given[] = [
    ...closed,
    { type: 'OpenCase', caseNumber: '01.26', meetingDate: '2026-03-01', title: 'Sak 2026', effectiveDate: '2026-02-01' },
  ];
  const proposal = (year: number): Given => ({
    type: 'SubmitProposal',
    caseNumber: '01.26',
    year,
    target: { initiativeId: 'tiltak' },
    amountRequested: '1000',
    submittedBy: ['si'],
    effectiveDate: '2026-02-01',
  });
  it('refuses a proposal for a closed year, and takes one for the open year', async () => {
    await given(...later)
      .when(proposal(2025))
      .thenThrows('year-closed', { year: 2025 });
    await given(...later)
      .when(proposal(2026))
      .then([{ type: 'ProposalSubmitted' }]);
  });
  it('refuses a recommendation for a closed year', async () => {
    await given(...later)
      .when({
        type: 'RecordRecommendation',
        caseNumber: '01.26',
        year: 2025,
        lines: [{ target: { initiativeId: 'tiltak' }, amountRecommended: '1000' }],
        effectiveDate: '2026-02-01',
      })
      .thenThrows('year-closed', { year: 2025 });
  });
  it('refuses revising a proposal for a year that has since been closed', async () => {
    const ledger = await ledgerWith([
      ...basics,
      {
        type: 'SubmitProposal',
        caseNumber: '01.25',
        proposalId: 'p1',
        year: 2025,
        target: { initiativeId: 'tiltak' },
        amountRequested: '1000',
        submittedBy: ['si'],
        effectiveDate: '2025-02-01',
      },
      settle(2025, '2026-01-10'),
    ]);
    await expectRefused(
      ledger,
      { type: 'ReviseProposal', caseNumber: '01.25', proposalId: 'p1', amountRequested: '2000', reason: 'Justert' },
      'year-closed',
      {
        year: 2025,
      },
    );
  });
});

describe('the settlement computes as of its date', () => {
  it('defaults to today', async () => {
    const ledger = await ledgerWith(decided());
    const [result] = await record(ledger, { type: 'SettleYear', year: 2025 });
    expect(result!.events.map((event) => [event.type, event.effectiveDate])).toEqual([
      ['RemainderCarriedForward', '2026-06-01'],
      ['YearClosed', '2026-06-01'],
    ]);
  });
  it('carries what the year had left on its date: remainder, released funds, earmarks and the reserve fund', async () => {
    const history = [
      ...decided(1),
      {
        type: 'EstablishReserveFund',
        year: 2025,
        name: 'Fond',
        authority: { caseNumber: '01.25', pointNumber: 2 },
        effectiveDate: '2025-03-01',
      },
      award('g1', '400000', '2025-03-01'),
      award('g2', '200000', '2025-03-01', { initiativeId: 'annet' }),
      spend('150000', '2025-05-01'),
      { type: 'ReleaseFunds', grantId: 'g2', year: 2025, amount: '200000', reason: 'Ble ikke startet', effectiveDate: '2025-06-01' },
    ] satisfies Given[];
    await given(...history)
      .when(settle(2025, '2026-01-10'))
      .then([
        { type: 'RemainderCarriedForward', data: { amount: '100000.00' } },
        { type: 'ReleasedFundsCarriedForward', data: { amount: '200000.00' } },
        { type: 'EarmarkedFundsCarriedOver', data: { initiativeId: 'tiltak', amount: '250000.00', grantIds: ['g1'] } },
        { type: 'ReserveFundCarriedOver', data: { amount: '300000.00' } },
        { type: 'YearClosed', data: { year: 2025 } },
      ]);
  });
  it('refuses settling a year whose commitments its frame cannot carry', async () => {
    // 900 000 of 2026 was committed against the receipt 2026 expected; 2026 never received anything.
    const plan = {
      amountTotal: '1400000',
      instalments: [
        { year: 2025, amount: '500000' },
        { year: 2026, amount: '900000' },
      ],
    };
    await givenAt(LATER, ...decided(), award('g1', '', '2025-03-01', { plan }), settle(2025, '2026-01-10'))
      .when(settle(2026, '2026-12-31'))
      .thenThrows('frame-overspent', { year: 2026, amountOver: '400000.00' });
    await givenAt(
      LATER,
      ...decided(),
      award('g1', '', '2025-03-01', { plan }),
      settle(2025, '2026-01-10'),
      receive(2026, '400000', '2026-03-01'),
    )
      .when(settle(2026, '2026-12-31'))
      .then([{ type: 'EarmarkedFundsCarriedOver' }, { type: 'YearClosed' }]);
  });
});
