import { describe, expect, it } from 'vitest';
import { LedgerReader } from '../src/app/ledger-reader.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import type { Given, GivenOf } from './support/spec.js';
import {
  award,
  decided,
  drawPoint,
  eventIdOf,
  expectRefused,
  ledgerWith,
  receive,
  record,
  recommended,
  reserveFund,
  secondCase,
  secondCaseAdopted,
  settle,
  spend,
  type TestLedger,
} from './support/rules.js';

/**
 * Corrections of a closed year (rettelser), each recorded in the first open year as one
 * unit: what the closed year's figure should have been, and what the ledger derives from
 * it — the frame (or reserve fund) and the initiative's earmark in the open year, later
 * instalments — so that no krone is made or lost. 2025: 1 000 000 received; 400 000
 * granted to tiltak (g1), 300 000 of it spent; settled 10 January 2026 with 600 000
 * remainder carried into 2026 and 100 000 earmarked for tiltak. Today is 1 June 2026.
 */

const closed: Given[] = [...decided(), award('g1', '400000', '2025-03-01'), spend('300000', '2025-06-01'), settle(2025, '2026-01-10')];
const pointOne = { caseNumber: '01.25', pointNumber: 1 };

const correctGrant = (
  instalments: { year: number; amount: string }[],
  extra: Partial<GivenOf<'CorrectClosedGrant'>> = {},
): GivenOf<'CorrectClosedGrant'> => ({
  type: 'CorrectClosedGrant',
  year: 2026,
  correctedYear: 2025,
  grantId: 'g1',
  instalments,
  authority: pointOne,
  reason: 'Tildelingen var ført med feil beløp',
  effectiveDate: '2026-02-01',
  ...extra,
});

const readerOf = (ledger: TestLedger) => new LedgerReader(ledger.store, new ProjectionRunner(ledger.store, { checkpointPath: null }));

async function figures(ledger: TestLedger, year: number) {
  const reader = readerOf(ledger);
  const tiltak = (await reader.balances(year)).programmeAreas[0]!.initiatives.find((row) => row.id === 'tiltak')!;
  return { frame: (await reader.frame(year)).figures, tiltak: tiltak.figures };
}

describe('a grant of a closed year corrected', () => {
  it('moves the difference between the open frame and the earmark, naming the grant, and leaves the closed year sealed', async () => {
    const ledger = await ledgerWith(closed);
    const awardId = await eventIdOf(ledger, 'year-2025', 'GrantAwarded');
    const [result] = await record(ledger, correctGrant([{ year: 2025, amount: '350000' }]));
    expect(result!.events.map((event) => [event.type, event.stream])).toEqual([
      ['ClosedYearCorrected', 'year-2026'],
      ['PriorYearAdjustmentRecorded', 'year-2026'],
      ['PriorYearAdjustmentRecorded', 'year-2026'],
    ]);
    expect(result!.events[0]!.data).toMatchObject({
      correctedEventId: awardId,
      subject: { kind: 'grant', grantId: 'g1', initiativeId: 'tiltak', fundedBy: 'frame' },
      changes: [{ year: 2025, amountBefore: '400000.00', amountAfter: '350000.00' }],
    });
    expect(result!.events.slice(1).map((event) => event.data)).toMatchObject([
      { target: { kind: 'frame' }, amountChange: '50000.00' },
      { target: { kind: 'earmark', initiativeId: 'tiltak' }, amountChange: '-50000.00' },
    ]);
    const after = await figures(ledger, 2026);
    expect(after.frame).toMatchObject({ frame: '650000.00', priorYearAdjustment: '50000.00' });
    expect(after.tiltak).toMatchObject({ earmarkedCarriedIn: '50000.00', availableToSpend: '50000.00' });
    expect((await figures(ledger, 2025)).frame).toMatchObject({ granted: '400000.00', remainderCarriedOut: '600000.00' });
  });
  it('corrects the figure that stands: a second correction starts from the first', async () => {
    const ledger = await ledgerWith([...closed, correctGrant([{ year: 2025, amount: '350000' }])]);
    const [result] = await record(ledger, correctGrant([{ year: 2025, amount: '380000' }]));
    expect(result!.events[0]!.data).toMatchObject({ changes: [{ year: 2025, amountBefore: '350000.00', amountAfter: '380000.00' }] });
    expect(result!.events[1]!.data).toMatchObject({ target: { kind: 'frame' }, amountChange: '-30000.00' });
    await expectRefused(ledger, correctGrant([{ year: 2025, amount: '380000' }]), 'correction-unchanged', { amountStanding: '380000.00' });
  });
  it('raises a closed grant only out of the remainder the year carried, naming it', async () => {
    const ledger = await ledgerWith(closed);
    await expectRefused(ledger, correctGrant([{ year: 2025, amount: '1000000.01' }]), 'correction-exceeds-remainder', {
      correctedYear: 2025,
      amountRemainder: '600000.00',
      amountAsked: '600000.01',
    });
    await record(ledger, correctGrant([{ year: 2025, amount: '1000000' }]));
    // 2026's funds have not arrived: the rules still expect 2025's receipt of 1 000 000.
    expect((await figures(ledger, 2026)).frame).toMatchObject({ frame: '0.00', expectedReceipt: '1000000.00', available: '1000000.00' });
    expect((await figures(ledger, 2026)).tiltak).toMatchObject({ availableToSpend: '700000.00' });
  });
  it('lowers a closed grant only by what the year carried unspent for the initiative', async () => {
    const ledger = await ledgerWith(closed);
    await expectRefused(ledger, correctGrant([{ year: 2025, amount: '299999.99' }]), 'correction-exceeds-carried', {
      initiativeId: 'tiltak',
      amountCarried: '100000.00',
      amountAsked: '100000.01',
    });
    await record(ledger, correctGrant([{ year: 2025, amount: '300000' }]));
  });
  it('lowers it only by what the initiative has left in the open year on every day from the date on', async () => {
    const ledger = await ledgerWith([...closed, receive(2026, '100000', '2026-01-20'), spend('80000', '2026-03-01', { year: 2026 })]);
    await expectRefused(ledger, correctGrant([{ year: 2025, amount: '370000' }]), 'adjustment-below-used', {
      initiativeId: 'tiltak',
      amountLeft: '20000.00',
      asOf: '2026-03-01',
    });
    await record(ledger, correctGrant([{ year: 2025, amount: '380000' }]));
  });
  it('raises it only within what the cited point authorises for the initiative and year', async () => {
    // Case 02.25 point 1 endorses the recommendation: 300 000 for tiltak in 2025.
    const history = [...decided(), ...secondCase, secondCaseAdopted(), award('g1', '200000', '2025-04-01'), settle(2025, '2026-01-10')];
    const ledger = await ledgerWith(history);
    await expectRefused(ledger, correctGrant([{ year: 2025, amount: '300000.01' }], { authority: recommended }), 'authority-exceeded', {
      caseNumber: '02.25',
      amountAuthorised: '300000.00',
      amountAsked: '300000.01',
    });
    await record(ledger, correctGrant([{ year: 2025, amount: '300000' }], { authority: recommended }));
  });
  it('carries a plan change of the open years in the same unit, so a three-year plan can become one year', async () => {
    const plan = award('g1', '0', '2025-03-01', {
      plan: {
        amountTotal: '600000',
        instalments: [
          { year: 2025, amount: '200000' },
          { year: 2026, amount: '200000' },
          { year: 2027, amount: '200000' },
        ],
      },
    });
    const ledger = await ledgerWith([...decided(), plan, settle(2025, '2026-01-10')]);
    const [result] = await record(
      ledger,
      correctGrant([
        { year: 2025, amount: '600000' },
        { year: 2026, amount: '0' },
        { year: 2027, amount: '0' },
      ]),
    );
    expect(result!.events.map((event) => event.type)).toEqual([
      'ClosedYearCorrected',
      'PriorYearAdjustmentRecorded',
      'PriorYearAdjustmentRecorded',
      'GrantPlanChanged',
    ]);
    expect(result!.events[3]!.data).toMatchObject({
      instalments: [
        { year: 2026, amountBefore: '200000.00', amountAfter: '0.00' },
        { year: 2027, amountBefore: '200000.00', amountAfter: '0.00' },
      ],
    });
    // 2026: 800 000 carried in, less 400 000 moved to tiltak's earmark; no commitment left; 1 000 000 expected.
    expect((await figures(ledger, 2026)).frame).toMatchObject({ frame: '400000.00', committed: '0.00', available: '1400000.00' });
    expect((await figures(ledger, 2026)).tiltak).toMatchObject({ earmarkedCarriedIn: '600000.00' });
  });
  it('refuses a correction that changes no closed instalment: an open year is changed by a plan change', async () => {
    const plan = award('g1', '0', '2025-03-01', {
      plan: {
        amountTotal: '400000',
        instalments: [
          { year: 2025, amount: '200000' },
          { year: 2026, amount: '200000' },
        ],
      },
    });
    const ledger = await ledgerWith([...decided(), plan, settle(2025, '2026-01-10')]);
    await expectRefused(ledger, correctGrant([{ year: 2026, amount: '100000' }]), 'correction-of-open-year', { grantId: 'g1' });
  });
  it('refuses an unknown grant, a year still open, a later year than the first open one, and a date before the closing', async () => {
    const ledger = await ledgerWith(closed);
    await expectRefused(ledger, correctGrant([{ year: 2025, amount: '1' }], { grantId: 'g9' }), 'unknown-grant', { grantId: 'g9' });
    await expectRefused(ledger, correctGrant([{ year: 2025, amount: '1' }], { year: 2027 }), 'not-first-open-year', {
      firstOpenYear: 2026,
    });
    await expectRefused(
      ledger,
      correctGrant([{ year: 2025, amount: '350000' }], { effectiveDate: '2026-01-09' }),
      'before-corrected-event',
      {
        correctedOn: '2026-01-10',
      },
    );
    const open = await ledgerWith([...decided(), award('g1', '400000', '2025-03-01')]);
    await expectRefused(open, correctGrant([{ year: 2025, amount: '350000' }]), 'corrected-year-open', { correctedYear: 2025 });
  });
  it('moves a grant drawn from the reserve fund between the fund and the earmark, never the frame', async () => {
    const history = [
      ...decided(1),
      reserveFund('01.25', 2, 2025, '2025-02-21'),
      ...secondCase,
      secondCaseAdopted(),
      award('g2', '200000', '2025-04-01', { authority: drawPoint }),
      settle(2025, '2026-01-10'),
    ];
    const ledger = await ledgerWith(history);
    const [result] = await record(ledger, correctGrant([{ year: 2025, amount: '150000' }], { grantId: 'g2', authority: drawPoint }));
    expect(result!.events.slice(1).map((event) => event.data)).toMatchObject([
      { target: { kind: 'reserve' }, amountChange: '50000.00' },
      { target: { kind: 'earmark', initiativeId: 'tiltak' }, amountChange: '-50000.00' },
    ]);
    expect((await figures(ledger, 2026)).frame).toMatchObject({
      reserveCarriedIn: '150000.00',
      reserveBalance: '150000.00',
      priorYearAdjustment: '0.00',
    });
  });
});

describe('a receipt, a spending report or a release of a closed year corrected', () => {
  const correctFact = <T extends 'CorrectClosedReceipt' | 'CorrectClosedSpending' | 'CorrectClosedRelease'>(
    type: T,
    correctsEventId: string,
    amount: string,
    extra: Record<string, unknown> = {},
  ) =>
    ({
      type,
      year: 2026,
      correctedYear: 2025,
      correctsEventId,
      amount,
      authority: pointOne,
      reason: 'Ført med feil beløp',
      effectiveDate: '2026-02-01',
      ...extra,
    }) as Given;

  it('a receipt: the open frame moves by the difference; lowered, only out of the remainder and what the frame has left', async () => {
    const ledger = await ledgerWith([
      ...closed,
      receive(2026, '100000', '2026-01-15'),
      award('g2', '500000', '2026-01-20', { year: 2026 }),
    ]);
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    await expectRefused(ledger, correctFact('CorrectClosedReceipt', receipt, '399999.99'), 'correction-exceeds-remainder', {
      amountRemainder: '600000.00',
    });
    await expectRefused(ledger, correctFact('CorrectClosedReceipt', receipt, '799999.99'), 'frame-exceeded', {
      year: 2026,
      amountLeft: '200000.00',
    });
    const [result] = await record(ledger, correctFact('CorrectClosedReceipt', receipt, '1050000'));
    expect(result!.events.map((event) => event.type)).toEqual(['ClosedYearCorrected', 'PriorYearAdjustmentRecorded']);
    expect((await figures(ledger, 2026)).frame).toMatchObject({ frame: '750000.00', available: '250000.00' });
  });
  it('a receipt may cite the document that shows the right amount instead of a point, but must cite one of them', async () => {
    const ledger = await ledgerWith(closed);
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    await expectRefused(
      ledger,
      correctFact('CorrectClosedReceipt', receipt, '1050000', { authority: undefined }),
      'correction-needs-basis',
    );
    const [result] = await record(
      ledger,
      correctFact('CorrectClosedReceipt', receipt, '1050000', { authority: undefined, reference: 'Tilskuddsbrev 2025, rettet' }),
    );
    expect(result!.events[1]!.data).toMatchObject({ target: { kind: 'frame' }, amountChange: '50000.00' });
    expect(result!.events[1]!.data).not.toHaveProperty('authority');
  });
  it('a spending report: the earmark moves against it, and more spent only out of what the year carried unspent', async () => {
    const ledger = await ledgerWith(closed);
    const report = await eventIdOf(ledger, 'year-2025', 'SpendingReported');
    await expectRefused(ledger, correctFact('CorrectClosedSpending', report, '400000.01'), 'correction-exceeds-carried', {
      amountCarried: '100000.00',
    });
    await record(ledger, correctFact('CorrectClosedSpending', report, '350000'));
    expect((await figures(ledger, 2026)).tiltak).toMatchObject({ earmarkedCarriedIn: '50000.00' });
    await record(ledger, correctFact('CorrectClosedSpending', report, '250000'));
    expect((await figures(ledger, 2026)).tiltak).toMatchObject({ earmarkedCarriedIn: '150000.00' });
    expect((await figures(ledger, 2026)).frame).toMatchObject({ frame: '600000.00' });
  });
  it('a release: the frame and the earmark move against each other', async () => {
    const release: Given = {
      type: 'ReleaseFunds',
      year: 2025,
      grantId: 'g1',
      amount: '100000',
      reason: 'Delvis utgått',
      effectiveDate: '2025-05-01',
    };
    const history = [...decided(), award('g1', '400000', '2025-03-01'), release, spend('200000', '2025-06-01'), settle(2025, '2026-01-10')];
    const ledger = await ledgerWith(history);
    const released = await eventIdOf(ledger, 'year-2025', 'FundsReleased');
    await expectRefused(ledger, correctFact('CorrectClosedRelease', released, '200000.01'), 'correction-exceeds-carried', {
      amountCarried: '100000.00',
    });
    await record(ledger, correctFact('CorrectClosedRelease', released, '150000'));
    let after = await figures(ledger, 2026);
    expect(after.frame).toMatchObject({ frame: '750000.00' });
    expect(after.tiltak).toMatchObject({ earmarkedCarriedIn: '50000.00' });
    await record(ledger, correctFact('CorrectClosedRelease', released, '0'));
    after = await figures(ledger, 2026);
    expect(after.frame).toMatchObject({ frame: '600000.00' });
    expect(after.tiltak).toMatchObject({ earmarkedCarriedIn: '200000.00' });
  });
  it('refuses naming an event of another kind', async () => {
    const ledger = await ledgerWith(closed);
    const report = await eventIdOf(ledger, 'year-2025', 'SpendingReported');
    await expectRefused(ledger, correctFact('CorrectClosedReceipt', report, '1'), 'unknown-corrected-event', {
      eventId: report,
      year: 2025,
      expected: 'receipt',
    });
    await expectRefused(ledger, correctFact('CorrectClosedRelease', report, '1'), 'unknown-corrected-event');
  });
});

describe('the loose adjustments are gone', () => {
  it('takes no prior-year adjustment of the frame or an earmark on its own: only a correction derives one', async () => {
    const ledger = await ledgerWith(closed);
    const receipt = await eventIdOf(ledger, 'year-2025', 'FundsReceived');
    const loose = {
      type: 'RecordPriorYearAdjustment',
      year: 2026,
      correctedYear: 2025,
      correctsEventId: receipt,
      target: { kind: 'frame' },
      amountChange: '20000000',
      authority: pointOne,
      reason: 'x',
    } as unknown as Given;
    await expectRefused(ledger, loose, 'invalid-command');
  });
});

describe('a year whose funds have not arrived', () => {
  it('shows the expected receipt the rules use and what they count as available, so a refusal’s figures are found in the view', async () => {
    // 2025: 1 000 000 received; g1 commits 600 000 to 2026, whose funds have not arrived: the rules expect 2025's receipt.
    const plan = award('g1', '0', '2025-03-01', {
      plan: {
        amountTotal: '700000',
        instalments: [
          { year: 2025, amount: '100000' },
          { year: 2026, amount: '600000' },
        ],
      },
    });
    const ledger = await ledgerWith([...decided(), plan]);
    const refusal = await expectRefused(ledger, award('g2', '400000.01', '2025-04-01', { year: 2026 }), 'frame-exceeded', {
      year: 2026,
      amountLeft: '400000.00',
      expectedReceipt: '1000000.00',
    });
    const figures = (await readerOf(ledger).frame(2026)).figures;
    expect(figures).toMatchObject({ received: '0.00', expectedReceipt: refusal.details.expectedReceipt, committed: '600000.00' });
    expect(figures.available).toBe(refusal.details.amountLeft);
    // Once the funds arrive the expectation gives way to them.
    await record(ledger, receive(2026, '900000', '2026-01-15'));
    expect((await readerOf(ledger).frame(2026)).figures).toMatchObject({ expectedReceipt: '0.00', available: '300000.00' });
    const explained = await readerOf(ledger).explain({ year: 2026, figure: 'expectedReceipt', scope: { kind: 'total' } });
    expect(explained.rows.map((row) => [row.eventType, row.amount])).toEqual([
      ['FundsReceived', '1000000.00'],
      ['FundsReceived', '-1000000.00'],
    ]);
  });
});
