import { describe, it } from 'vitest';
import { eventId, given, recorded } from './support/given.js';
import { RECEIPT_2025, awarded, decided, priorities } from './support/histories.js';
import type { GivenOf } from './support/spec.js';

/**
 * Corrections of a closed year (rettelse) as pure specs. 2025 received 1 000 000, granted
 * Tiltak 300 000, which spent 100 000 and released 50 000; the settlement carried 700 000
 * unallocated and the 50 000 released into 2026's frame, and 150 000 earmarked for Tiltak,
 * and closed 2025 on 31 December. Corrections are recorded in 2026, the first open year.
 */

const GRANT = eventId(400);
const SPENDING = eventId(401);
const RELEASE = eventId(402);

const settlement = [
  recorded('year-2025', 'RemainderCarriedForward', { fromYear: 2025, toYear: 2026, amount: '700000.00' }, '2025-12-31'),
  recorded('year-2025', 'ReleasedFundsCarriedForward', { fromYear: 2025, toYear: 2026, amount: '50000.00' }, '2025-12-31'),
  recorded(
    'year-2025',
    'EarmarkedFundsCarriedOver',
    { fromYear: 2025, toYear: 2026, initiativeId: 'tiltak', amount: '150000.00', grantIds: ['g1'] },
    '2025-12-31',
  ),
  recorded('year-2025', 'YearClosed', { year: 2025, seal: { revision: 6, hash: 'a'.repeat(64) } }, '2025-12-31'),
];

const year2025 = decided(
  awarded('g1', '300000.00', 'tiltak', '2025-03-01', GRANT),
  recorded(
    'year-2025',
    'SpendingReported',
    { year: 2025, initiativeId: 'tiltak', amount: '100000.00', reference: 'Faktura' },
    '2025-04-01',
    {
      id: SPENDING,
    },
  ),
  recorded(
    'year-2025',
    'FundsReleased',
    { grantId: 'g1', year: 2025, initiativeId: 'tiltak', amount: '50000.00', reason: 'Utgår' },
    '2025-06-01',
    {
      id: RELEASE,
    },
  ),
);
const closed = [...year2025, ...settlement];

const correction = { year: 2026, correctedYear: 2025, reason: 'Feil beløp', effectiveDate: '2026-03-01' } as const;
const receipt = (amount: string, more: Partial<GivenOf<'CorrectClosedReceipt'>> = {}): GivenOf<'CorrectClosedReceipt'> => ({
  type: 'CorrectClosedReceipt',
  ...correction,
  correctsEventId: RECEIPT_2025,
  amount,
  reference: 'Tilsagnsbrev',
  ...more,
});

describe('a receipt of a closed year corrected', () => {
  it('moves the open frame by the difference, each event naming the receipt', () => {
    given(...closed)
      .when(receipt('1100000'))
      .then([
        {
          type: 'ClosedYearCorrected',
          corrects: RECEIPT_2025,
          data: {
            year: 2026,
            correctedYear: 2025,
            correctedEventId: RECEIPT_2025,
            subject: { kind: 'receipt' },
            changes: [{ year: 2025, amountBefore: '1000000.00', amountAfter: '1100000.00' }],
            reference: 'Tilsagnsbrev',
          },
        },
        { type: 'PriorYearAdjustmentRecorded', corrects: RECEIPT_2025, data: { target: { kind: 'frame' }, amountChange: '100000.00' } },
      ]);
  });

  it('lowers it only out of the remainder the year carried, and needs a point or a document', () => {
    given(...closed)
      .when(receipt('299999.99'))
      .thenRefuses('correction-exceeds-remainder', { correctedYear: 2025, amountRemainder: '700000.00', amountAsked: '700000.01' });
    given(...closed)
      .whenSent({ type: 'CorrectClosedReceipt', ...correction, correctsEventId: RECEIPT_2025, amount: '1100000' })
      .thenRefuses('correction-needs-basis');
  });

  it('corrects the figure that stands: a second correction starts from the first', () => {
    given(...closed)
      .when(receipt('1000000'))
      .thenRefuses('correction-unchanged', { amountStanding: '1000000.00' });
    const first = [
      recorded(
        'year-2026',
        'ClosedYearCorrected',
        {
          year: 2026,
          correctedYear: 2025,
          correctedEventId: RECEIPT_2025,
          subject: { kind: 'receipt' },
          changes: [{ year: 2025, amountBefore: '1000000.00', amountAfter: '1100000.00' }],
          reference: 'Tilsagnsbrev',
          reason: 'Feil beløp',
        },
        '2026-02-01',
        { corrects: RECEIPT_2025 },
      ),
      recorded(
        'year-2026',
        'PriorYearAdjustmentRecorded',
        { year: 2026, correctedYear: 2025, target: { kind: 'frame' }, amountChange: '100000.00', reason: 'Feil beløp' },
        '2026-02-01',
        { corrects: RECEIPT_2025 },
      ),
    ];
    given(...closed, ...first)
      .when(receipt('1100000'))
      .thenRefuses('correction-unchanged', { amountStanding: '1100000.00' });
    given(...closed, ...first)
      .when(receipt('1000000'))
      .then([
        { type: 'ClosedYearCorrected', data: { changes: [{ year: 2025, amountBefore: '1100000.00', amountAfter: '1000000.00' }] } },
        { type: 'PriorYearAdjustmentRecorded', data: { amountChange: '-100000.00' } },
      ]);
  });

  it('is recorded in the first open year, for a closed year, dated no earlier than its closing', () => {
    given(...year2025)
      .when(receipt('1100000'))
      .thenRefuses('corrected-year-open', { correctedYear: 2025, year: 2026 });
    given(...closed)
      .when(receipt('1100000', { year: 2027 }))
      .thenRefuses('not-first-open-year', { year: 2027, firstOpenYear: 2026 });
    given(...closed)
      .when(receipt('1100000', { effectiveDate: '2025-12-30' }))
      .thenRefuses('before-corrected-event', { correctedOn: '2025-12-31', effectiveDate: '2025-12-30' });
  });
});

describe('a spending report or a release of a closed year corrected', () => {
  it('a spending report: the earmark moves against it; more spent only out of what the year carried unspent', () => {
    const spending = (amount: string): GivenOf<'CorrectClosedSpending'> => ({
      type: 'CorrectClosedSpending',
      ...correction,
      correctsEventId: SPENDING,
      amount,
      reference: 'Regnskap 2025',
    });
    given(...closed)
      .when(spending('150000'))
      .then([
        { type: 'ClosedYearCorrected', corrects: SPENDING, data: { subject: { kind: 'spending', initiativeId: 'tiltak' } } },
        { type: 'PriorYearAdjustmentRecorded', data: { target: { kind: 'earmark', initiativeId: 'tiltak' }, amountChange: '-50000.00' } },
      ]);
    given(...closed)
      .when(spending('250000.01'))
      .thenRefuses('correction-exceeds-carried', { initiativeName: 'Tiltak', amountCarried: '150000.00', amountAsked: '150000.01' });
    given(...closed)
      .when({ ...spending('1'), correctsEventId: RECEIPT_2025 })
      .thenRefuses('unknown-corrected-event', { eventId: RECEIPT_2025, expected: 'spending-report' });
  });

  it('a release: the frame and the earmark move against each other', () => {
    given(...closed)
      .when({ type: 'CorrectClosedRelease', ...correction, correctsEventId: RELEASE, amount: '20000', authority: priorities })
      .then([
        { type: 'ClosedYearCorrected', data: { subject: { kind: 'release', initiativeId: 'tiltak', grantId: 'g1' } } },
        { type: 'PriorYearAdjustmentRecorded', data: { target: { kind: 'frame' }, amountChange: '-30000.00' } },
        { type: 'PriorYearAdjustmentRecorded', data: { target: { kind: 'earmark', initiativeId: 'tiltak' }, amountChange: '30000.00' } },
      ]);
  });
});

describe('a grant of a closed year corrected', () => {
  const grant = (amount: string): GivenOf<'CorrectClosedGrant'> => ({
    type: 'CorrectClosedGrant',
    ...correction,
    grantId: 'g1',
    instalments: [{ year: 2025, amount }],
    authority: priorities,
  });

  it('moves the difference from the open frame to the earmark, naming the award', () => {
    given(...closed)
      .when(grant('350000'))
      .then([
        {
          type: 'ClosedYearCorrected',
          corrects: GRANT,
          data: {
            subject: { kind: 'grant', grantId: 'g1', initiativeId: 'tiltak', awardYear: 2025, fundedBy: 'frame' },
            changes: [{ year: 2025, amountBefore: '300000.00', amountAfter: '350000.00' }],
          },
        },
        { type: 'PriorYearAdjustmentRecorded', corrects: GRANT, data: { target: { kind: 'frame' }, amountChange: '-50000.00' } },
        { type: 'PriorYearAdjustmentRecorded', corrects: GRANT, data: { target: { kind: 'earmark' }, amountChange: '50000.00' } },
      ]);
  });

  it('raises it only within what the point authorised, and lowers it only by what the year carried unspent', () => {
    given(...closed)
      .when(grant('500000.01'))
      .thenRefuses('authority-exceeded', { amountAuthorised: '500000.00', amountAsked: '500000.01' });
    given(...closed)
      .when(grant('149999.99'))
      .thenRefuses('correction-exceeds-carried', { amountCarried: '150000.00', amountAsked: '150000.01' });
  });
});
