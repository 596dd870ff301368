import { describe, it } from 'vitest';
import { eventId, given, recorded } from './support/given.js';
import {
  RECEIPT_2025,
  adopted,
  awarded,
  decided,
  opened,
  points,
  priorities,
  proposed,
  received2025,
  registry,
} from './support/histories.js';
import type { GivenOf } from './support/spec.js';

/**
 * The rules of a year's funds as pure specs: a history of events, a command, its events or
 * its refusal, without a store. 2025 has received 1 000 000; point 1 of case 01.25
 * authorises up to 500 000 per initiative and year, point 2 a reserve fund of 300 000.
 */

const grant = (amount: string, more: Partial<GivenOf<'AwardGrant'>> = {}): GivenOf<'AwardGrant'> => ({
  type: 'AwardGrant',
  year: 2025,
  grantId: 'g-ny',
  initiativeId: 'annet',
  plan: { amount },
  authority: priorities,
  effectiveDate: '2025-03-01',
  ...more,
});

const fund = (on = '2025-03-01') =>
  recorded(
    'year-2025',
    'ReserveFundEstablished',
    { year: 2025, name: 'Fond', amount: '300000.00', authority: { caseNumber: '01.25', pointNumber: 2 }, alternativeNumber: 1 },
    on,
  );

const released = (grantId: string, amount: string, on: string) =>
  recorded('year-2025', 'FundsReleased', { grantId, year: 2025, initiativeId: 'tiltak', amount, reason: 'Utgår' }, on);

const spent = (amount: string, on: string, id?: string) =>
  recorded(
    'year-2025',
    'SpendingReported',
    { year: 2025, initiativeId: 'tiltak', amount, reference: 'Faktura' },
    on,
    id === undefined ? {} : { id },
  );

/** A grant to Tiltak of 600 000 over 2025 and 2026: its 2026 instalment is a commitment on 2026. */
const PLAN = eventId(201);
const committed = recorded(
  'year-2025',
  'GrantAwarded',
  {
    grantId: 'g1',
    year: 2025,
    initiativeId: 'tiltak',
    amountTotal: '600000.00',
    instalments: [
      { year: 2025, amount: '300000.00' },
      { year: 2026, amount: '300000.00' },
    ],
    authority: priorities,
    conditions: [],
  },
  '2025-03-01',
  { id: PLAN },
);

describe('a grant stays within the frame and the authority of the point it cites', () => {
  it('grants within both, recording the plan exactly', () => {
    given(...decided())
      .when(grant('300000'))
      .then([
        {
          type: 'GrantAwarded',
          data: {
            grantId: 'g-ny',
            initiativeId: 'annet',
            amountTotal: '300000.00',
            instalments: [{ year: 2025, amount: '300000.00' }],
            conditions: [],
          },
        },
      ]);
  });

  it('refuses an øre beyond what the point authorises, counting what was granted under it already', () => {
    given(...decided(awarded('g1', '300000.00', 'annet')))
      .when(grant('200000.01'))
      .thenRefuses('authority-exceeded', {
        initiativeId: 'annet',
        year: 2025,
        amountAuthorised: '500000.00',
        amountGranted: '300000.00',
        amountLeft: '200000.00',
        amountAsked: '200000.01',
      });
  });

  it('refuses an øre beyond what the frame has left, naming the frame, the grants and the reserve fund', () => {
    given(...decided(fund(), awarded('g1', '500000.00')))
      .when(grant('200000.01'))
      .thenRefuses('frame-exceeded', {
        amountLeft: '200000.00',
        frame: '1000000.00',
        granted: '500000.00',
        reserved: '300000.00',
        asOf: '2025-03-01',
      });
    given(...decided(fund(), awarded('g1', '500000.00')))
      .when(grant('200000'))
      .then([{ type: 'GrantAwarded' }]);
  });

  it('refuses a backdated grant that would leave a later day overspent, naming that day', () => {
    given(...decided(fund(), awarded('g1', '500000.00', 'tiltak', '2025-06-01')))
      .when(grant('300000', { effectiveDate: '2025-04-01' }))
      .thenRefuses('frame-exceeded', { amountLeft: '200000.00', asOf: '2025-06-01' });
  });

  it('refuses citing a case not decided, a point before its adoption, a rejected point and a reserve-fund point', () => {
    given(...registry, received2025(), opened, proposed())
      .when(grant('1'))
      .thenRefuses('resolution-not-adopted', { caseNumber: '01.25' });
    given(...decided())
      .when(grant('1', { effectiveDate: '2025-02-19' }))
      .thenRefuses('before-resolution-adopted', { adoptedOn: '2025-02-20', effectiveDate: '2025-02-19' });
    const rejected = recorded(
      'case-01.25',
      'ResolutionAdopted',
      {
        caseNumber: '01.25',
        points: [
          { number: 1, outcome: 'rejected' },
          { number: 2, outcome: 'adopted', alternativeNumber: 1 },
        ],
        decidedBy: 'consensus',
        dissent: [],
      },
      '2025-02-20',
    );
    given(...registry, received2025(), opened, proposed(), rejected)
      .when(grant('1'))
      .thenRefuses('point-not-adopted', { pointNumber: 1 });
    given(...decided())
      .when(grant('1', { authority: { caseNumber: '01.25', pointNumber: 2 } }))
      .thenRefuses('point-authorises-reserve-fund-only', { pointNumber: 2 });
  });

  it('grants to an initiative until the day it was dropped, and nothing from that day', () => {
    const dropped = recorded('registry', 'InitiativeDropped', { initiativeId: 'annet', reason: 'Avsluttet' }, '2025-05-01');
    given(...decided(dropped))
      .when(grant('1', { effectiveDate: '2025-04-30' }))
      .then([{ type: 'GrantAwarded' }]);
    given(...decided(dropped))
      .when(grant('1', { effectiveDate: '2025-05-01' }))
      .thenRefuses('initiative-dropped', { initiativeName: 'Annet tiltak', droppedOn: '2025-05-01' });
  });

  it('spreads a plan over consecutive years whose instalments add up to the total, and refuses one that does not', () => {
    const instalments = [
      { year: 2025, amount: '300000' },
      { year: 2026, amount: '300000' },
    ];
    given(...decided())
      .when(grant('0', { plan: { amountTotal: '600000', instalments } }))
      .then([
        {
          type: 'GrantAwarded',
          data: { amountTotal: '600000.00', instalments: [{ amount: '300000.00' }, { year: 2026, amount: '300000.00' }] },
        },
      ]);
    given(...decided())
      .when(grant('0', { plan: { amountTotal: '600000.01', instalments } }))
      .thenRefuses('instalments-do-not-add-up', { amountTotal: '600000.01', instalmentSum: '600000.00' });
    given(...decided())
      .when(grant('0', { plan: { amountTotal: '600000', instalments: [instalments[0]!, { year: 2027, amount: '300000' }] } }))
      .thenRefuses('invalid-instalment-years', { years: [2025, 2027] });
  });

  it('refuses a grant id already taken', () => {
    given(...decided(awarded('g-ny', '1.00')))
      .when(grant('1'))
      .thenRefuses('grant-exists', { grantId: 'g-ny' });
  });
});

describe('adjusting a grant', () => {
  const adjust = (amountChange: string): GivenOf<'AdjustGrant'> => ({
    type: 'AdjustGrant',
    year: 2025,
    grantId: 'g1',
    amountChange,
    authority: priorities,
    reason: 'Justert',
    effectiveDate: '2025-08-01',
  });

  it('raises it within the point, naming the award it corrects; lowers it only by what is neither spent nor released', () => {
    const award = eventId(200);
    given(...decided(awarded('g1', '300000.00', 'tiltak', '2025-03-01', award)))
      .when(adjust('200000'))
      .then([{ type: 'GrantAdjusted', corrects: award, data: { amountChange: '200000.00', initiativeId: 'tiltak' } }]);
    given(...decided(awarded('g1', '300000.00')))
      .when(adjust('200000.01'))
      .thenRefuses('authority-exceeded', { amountLeft: '200000.00' });
    given(...decided(awarded('g1', '300000.00'), spent('250000.00', '2025-04-01')))
      .when(adjust('-50000.01'))
      .thenRefuses('adjustment-below-used', { grantId: 'g1', amountLowerable: '50000.00' });
  });
});

describe("a multi-year grant's plan changed", () => {
  const change = (...instalments: { year: number; amount: string }[]): GivenOf<'ChangeGrantPlan'> => ({
    type: 'ChangeGrantPlan',
    grantId: 'g1',
    instalments,
    authority: priorities,
    reason: 'Mer av arbeidet skjer i 2026',
    effectiveDate: '2025-06-01',
  });

  it('re-spreads its instalments in one event that names the award', () => {
    given(...decided(committed))
      .when(change({ year: 2025, amount: '200000' }, { year: 2026, amount: '400000' }))
      .then([
        {
          type: 'GrantPlanChanged',
          corrects: PLAN,
          data: {
            year: 2025,
            instalments: [
              { year: 2025, amountBefore: '300000.00', amountAfter: '200000.00' },
              { year: 2026, amountBefore: '300000.00', amountAfter: '400000.00' },
            ],
          },
        },
      ]);
  });

  it('lowers an instalment only to what was spent of it, and refuses a year it lacks or a change that changes nothing', () => {
    given(...decided(committed, spent('250000.00', '2025-04-01')))
      .when(change({ year: 2025, amount: '49999.99' }))
      .thenRefuses('adjustment-below-used', { grantId: 'g1', year: 2025, amountLowerable: '50000.00' });
    given(...decided(committed))
      .when(change({ year: 2027, amount: '1' }))
      .thenRefuses('plan-year-not-in-plan', { grantId: 'g1', year: 2027 });
    given(...decided(committed))
      .when(change({ year: 2026, amount: '300000' }))
      .thenRefuses('plan-unchanged', { grantId: 'g1' });
  });
});

describe('releasing unused funds', () => {
  const release = (amount: string, more: Partial<GivenOf<'ReleaseFunds'>> = {}): GivenOf<'ReleaseFunds'> => ({
    type: 'ReleaseFunds',
    year: 2025,
    grantId: 'g1',
    amount,
    reason: 'Aktiviteten utgår',
    effectiveDate: '2025-06-01',
    ...more,
  });

  it('releases what is unspent of a grant, and refuses an øre of what was spent', () => {
    given(...decided(awarded('g1', '300000.00')))
      .when(release('100000'))
      .then([{ type: 'FundsReleased', data: { grantId: 'g1', initiativeId: 'tiltak', amount: '100000.00' } }]);
    given(...decided(awarded('g1', '300000.00'), spent('250000.00', '2025-04-01')))
      .when(release('50000.01'))
      .thenRefuses('release-exceeds-unspent', { grantId: 'g1', amountUnspent: '50000.00', amountAsked: '50000.01' });
  });

  it('refuses a grant the year does not have, and a release dated before the grant', () => {
    given(...decided())
      .when(release('1', { grantId: 'g9' }))
      .thenRefuses('unknown-grant', { grantId: 'g9', year: 2025 });
    given(...decided(awarded('g1', '300000.00')))
      .when(release('1', { effectiveDate: '2025-02-28' }))
      .thenRefuses('before-grant', { grantId: 'g1', awardedOn: '2025-03-01' });
  });

  const carriedIn = [
    recorded(
      'year-2024',
      'FundsReceived',
      { year: 2024, amount: '750000.00', reference: 'Tilskudd 2024', receivedOn: '2024-01-15' },
      '2024-01-15',
    ),
    recorded(
      'year-2024',
      'EarmarkedFundsCarriedOver',
      { fromYear: 2024, toYear: 2025, initiativeId: 'tiltak', amount: '750000.00', grantIds: [] },
      '2024-12-31',
    ),
    recorded('year-2024', 'YearClosed', { year: 2024, seal: { revision: 1, hash: '0'.repeat(64) } }, '2024-12-31'),
  ];

  it('releases earmarked funds carried in up to what was carried, and not an øre more', () => {
    const releaseEarmark = (amount: string): GivenOf<'ReleaseEarmarkedFunds'> => ({
      type: 'ReleaseEarmarkedFunds',
      year: 2025,
      initiativeId: 'tiltak',
      amount,
      reason: 'Mindreforbruk',
      effectiveDate: '2025-06-01',
    });
    given(...carriedIn, ...decided())
      .when(releaseEarmark('750000'))
      .then([{ type: 'EarmarkedFundsReleased', data: { amount: '750000.00' } }]);
    given(...carriedIn, ...decided())
      .when(releaseEarmark('750000.01'))
      .thenRefuses('release-exceeds-unspent', { amountEarmarked: '750000.00', amountUnspent: '750000.00', amountAsked: '750000.01' });
  });

  it('drops an initiative: its earmark first, then each grant’s unspent part; one with nothing left is refused', () => {
    const drop = { type: 'DropInitiative', year: 2025, reason: 'Avsluttet', effectiveDate: '2025-06-01' } as const;
    given(...carriedIn, ...decided(awarded('g1', '300000.00'), spent('100000.00', '2025-04-01')))
      .when({ ...drop, initiativeId: 'tiltak' })
      .then([
        { type: 'EarmarkedFundsReleased', data: { initiativeId: 'tiltak', amount: '750000.00' } },
        { type: 'FundsReleased', data: { grantId: 'g1', amount: '200000.00' } },
      ]);
    given(...decided())
      .when({ ...drop, initiativeId: 'annet' })
      .thenRefuses('nothing-to-release', { initiativeId: 'annet', year: 2025 });
  });
});

describe('spending', () => {
  const report = (amount: string, effectiveDate = '2025-04-01'): GivenOf<'ReportSpending'> => ({
    type: 'ReportSpending',
    year: 2025,
    initiativeId: 'tiltak',
    amount,
    reference: 'Faktura 1',
    effectiveDate,
  });

  it('takes spending up to what the initiative has, and refuses an øre more', () => {
    given(...decided(awarded('g1', '300000.00')))
      .when(report('300000'))
      .then([{ type: 'SpendingReported', data: { amount: '300000.00' } }]);
    given(...decided(awarded('g1', '300000.00')))
      .when(report('300000.01'))
      .thenRefuses('spending-exceeds-available', { initiativeId: 'tiltak', amountAvailable: '300000.00', amountAsked: '300000.01' });
  });

  it('refuses backdated spending that a later release leaves uncovered, naming the day', () => {
    given(...decided(awarded('g1', '300000.00'), released('g1', '200000.00', '2025-06-01')))
      .when(report('150000'))
      .thenRefuses('spending-exceeds-available', { amountAvailable: '100000.00', asOf: '2025-06-01' });
  });

  it('corrects a report, naming it; not below zero, and only a spending report', () => {
    const reportId = eventId(300);
    const history = decided(awarded('g1', '300000.00'), spent('250000.00', '2025-04-01', reportId));
    const correct = (correctsEventId: string, amountChange: string): GivenOf<'CorrectSpending'> => ({
      type: 'CorrectSpending',
      year: 2025,
      correctsEventId,
      amountChange,
      reason: 'Kreditnota',
      effectiveDate: '2025-05-01',
    });
    given(...history)
      .when(correct(reportId, '-50000'))
      .then([{ type: 'SpendingCorrected', corrects: reportId, data: { initiativeId: 'tiltak', amountChange: '-50000.00' } }]);
    given(...history)
      .when(correct(reportId, '-250000.01'))
      .thenRefuses('correction-below-zero', { amountReported: '250000.00', amountChange: '-250000.01' });
    given(...history)
      .when(correct(RECEIPT_2025, '-1'))
      .thenRefuses('unknown-corrected-event', { eventId: RECEIPT_2025, expected: 'spending-report' });
  });
});

describe('receipts and what is expected', () => {
  it('records a receipt, and refuses one received after today', () => {
    const receive = { type: 'ReceiveFunds', year: 2025, amount: '250000', reference: 'Tillegg', effectiveDate: '2025-10-01' } as const;
    given(...decided())
      .when({ ...receive, receivedOn: '2025-10-01' })
      .then([{ type: 'FundsReceived', data: { amount: '250000.00', receivedOn: '2025-10-01' } }]);
    given(...decided())
      .when({ ...receive, receivedOn: '2026-06-02' })
      .thenRefuses('received-in-future', { receivedOn: '2026-06-02', today: '2026-06-01' });
  });

  it('corrects a receipt, naming it; refuses one below zero, or one that leaves the grants uncovered', () => {
    const correct = (amountChange: string): GivenOf<'CorrectReceipt'> => ({
      type: 'CorrectReceipt',
      year: 2025,
      correctsEventId: RECEIPT_2025,
      amountChange,
      reason: 'Feilført',
      effectiveDate: '2025-05-01',
    });
    given(...decided())
      .when(correct('-100000'))
      .then([{ type: 'ReceiptCorrected', corrects: RECEIPT_2025, data: { amountChange: '-100000.00' } }]);
    given(...decided())
      .when(correct('-1000000.01'))
      .thenRefuses('correction-below-zero', { amountReceived: '1000000.00', amountChange: '-1000000.01' });
    given(...decided(awarded('g1', '500000.00'), awarded('g2', '400000.00', 'annet')))
      .when(correct('-200000'))
      .thenRefuses('receipt-below-commitments', { year: 2025, amountShort: '100000.00' });
  });

  it("checks a later instalment against the next year's expectation, which may not fall below it", () => {
    const expect = (amount: string): GivenOf<'RecordExpectedReceipt'> => ({
      type: 'RecordExpectedReceipt',
      year: 2026,
      amount,
      effectiveDate: '2025-06-01',
    });
    given(...decided(committed))
      .when(expect('300000'))
      .then([{ type: 'ExpectedReceiptRecorded', data: { year: 2026, amount: '300000.00' } }]);
    given(...decided(committed))
      .when(expect('299999.99'))
      .thenRefuses('receipt-below-commitments', { year: 2026, amountShort: '0.01' });
    const expected = recorded('year-2026', 'ExpectedReceiptRecorded', { year: 2026, amount: '300000.00' }, '2025-05-01');
    given(...decided(committed, expected))
      .when(expect('300000'))
      .thenRefuses('expectation-unchanged', { year: 2026, amount: '300000.00' });
  });
});

describe('the reserve fund', () => {
  const establish = (more: Partial<GivenOf<'EstablishReserveFund'>> = {}): GivenOf<'EstablishReserveFund'> => ({
    type: 'EstablishReserveFund',
    year: 2025,
    name: 'Fond for implementering',
    authority: { caseNumber: '01.25', pointNumber: 2 },
    effectiveDate: '2025-03-01',
    ...more,
  });

  it('sets the chosen alternative aside, once', () => {
    given(...decided())
      .when(establish())
      .then([{ type: 'ReserveFundEstablished', data: { amount: '300000.00', alternativeNumber: 1 } }]);
    given(...decided(fund()))
      .when(establish())
      .thenRefuses('reserve-fund-exists', { caseNumber: '01.25', pointNumber: 2 });
  });

  it('refuses an alternative without an amount, a point that is no fund, another year, and a frame without room', () => {
    given(...registry, received2025(), opened, proposed(), adopted(3))
      .when(establish())
      .thenRefuses('alternative-has-no-amount', { alternativeNumber: 3 });
    given(...decided())
      .when(establish({ authority: priorities }))
      .thenRefuses('point-authorises-no-reserve-fund', { pointNumber: 1, authorises: 'allocation' });
    given(...decided())
      .when(establish({ year: 2026 }))
      .thenRefuses('reserve-fund-year-mismatch', { year: 2025, yearAsked: 2026 });
    given(...decided(awarded('g1', '500000.00'), awarded('g2', '400000.00', 'annet')))
      .when(establish())
      .thenRefuses('frame-exceeded', { amountAsked: '300000.00', amountLeft: '100000.00' });
  });
});

describe('a grant drawn from the reserve fund', () => {
  // Point 3 of case 01.25 draws up to 400 000 a year for Annet tiltak from the fund point 2 set up.
  const draws = {
    number: 3,
    text: 'Midler fra fondet',
    alternatives: [],
    authorises: {
      kind: 'allocation' as const,
      fundedBy: 'reserve-fund' as const,
      lines: [2025, 2026].map((year) => ({ target: { initiativeId: 'annet' }, year, amount: '400000.00' })),
    },
  };
  const adoptedAll = recorded(
    'case-01.25',
    'ResolutionAdopted',
    {
      caseNumber: '01.25',
      points: [
        { number: 1, outcome: 'adopted' },
        { number: 2, outcome: 'adopted', alternativeNumber: 1 },
        { number: 3, outcome: 'adopted' },
      ],
      decidedBy: 'consensus',
      dissent: [],
    },
    '2025-02-20',
  );
  const history = [...registry, received2025(), opened, proposed([...points(), draws]), adoptedAll, fund()];
  const draw = (amount: string, more: Partial<GivenOf<'AwardGrant'>> = {}) =>
    grant(amount, { authority: { caseNumber: '01.25', pointNumber: 3 }, effectiveDate: '2025-04-01', ...more });

  it('is recorded as drawn from the fund, up to what the fund holds, and not an øre more', () => {
    given(...history)
      .when(draw('300000'))
      .then([{ type: 'GrantAwarded', data: { amountTotal: '300000.00', fundedBy: 'reserve-fund' } }]);
    given(...history)
      .when(draw('300000.01'))
      .thenRefuses('reserve-fund-exceeded', { year: 2025, amountLeft: '300000.00', amountAsked: '300000.01' });
  });

  it('raises a draw, by an adjustment or a change of its plan, only within what the fund holds (the frame has room to spare)', () => {
    const DRAW = eventId(300);
    const drawn = recorded(
      'year-2025',
      'GrantAwarded',
      {
        grantId: 'g-fond',
        year: 2025,
        initiativeId: 'annet',
        amountTotal: '300000.00',
        instalments: [{ year: 2025, amount: '300000.00' }],
        authority: { caseNumber: '01.25', pointNumber: 3 },
        conditions: [],
        fundedBy: 'reserve-fund',
      },
      '2025-04-01',
      { id: DRAW },
    );
    const from = { caseNumber: '01.25', pointNumber: 3 } as const;
    const plan = (amount: string): GivenOf<'ChangeGrantPlan'> => ({
      type: 'ChangeGrantPlan',
      grantId: 'g-fond',
      instalments: [{ year: 2025, amount }],
      authority: from,
      reason: 'Mer fra fondet',
      effectiveDate: '2025-05-01',
    });
    const adjust = (amountChange: string): GivenOf<'AdjustGrant'> => ({
      type: 'AdjustGrant',
      year: 2025,
      grantId: 'g-fond',
      amountChange,
      authority: from,
      reason: 'Mer fra fondet',
      effectiveDate: '2025-05-01',
    });
    given(...history, drawn)
      .when(plan('300000.01'))
      .thenRefuses('reserve-fund-exceeded', { year: 2025, amountLeft: '0.00' });
    given(...history, drawn)
      .when(adjust('0.01'))
      .thenRefuses('reserve-fund-exceeded', { year: 2025, amountLeft: '0.00' });
    given(...history, drawn)
      .when(plan('250000'))
      .then([
        {
          type: 'GrantPlanChanged',
          corrects: DRAW,
          data: { instalments: [{ year: 2025, amountBefore: '300000.00', amountAfter: '250000.00' }] },
        },
      ]);
  });

  it('refuses a draw dated before the fund was set up, and one spread over several years', () => {
    given(...history)
      .when(draw('1', { effectiveDate: '2025-02-28' }))
      .thenRefuses('reserve-fund-exceeded', { amountLeft: '0.00', asOf: '2025-02-28' });
    const instalments = [
      { year: 2025, amount: '100000' },
      { year: 2026, amount: '100000' },
    ];
    given(...history)
      .when(draw('0', { plan: { amountTotal: '200000', instalments } }))
      .thenRefuses('reserve-draw-single-year', { years: [2025, 2026] });
  });
});

describe('the settlement', () => {
  const settle = (effectiveDate = '2025-12-31'): GivenOf<'SettleYear'> => ({ type: 'SettleYear', year: 2025, effectiveDate });
  const year = decided(awarded('g1', '300000.00'), fund(), released('g1', '100000.00', '2025-06-01'), spent('50000.00', '2025-07-01'));

  it('carries the remainder, the released funds, the unspent earmark and the reserve fund forward, and seals the year', () => {
    given(...year)
      .when(settle())
      .then([
        { type: 'RemainderCarriedForward', data: { fromYear: 2025, toYear: 2026, amount: '400000.00' } },
        { type: 'ReleasedFundsCarriedForward', data: { amount: '100000.00' } },
        { type: 'EarmarkedFundsCarriedOver', data: { initiativeId: 'tiltak', amount: '150000.00', grantIds: ['g1'] } },
        { type: 'ReserveFundCarriedOver', data: { amount: '300000.00' } },
        // The seal names the year stream's last event: the fifth (revision 4).
        { type: 'YearClosed', data: { year: 2025, seal: { revision: 4 } } },
      ]);
  });

  it('releases what a dropped initiative has left instead of carrying it earmarked', () => {
    const dropped = recorded('registry', 'InitiativeDropped', { initiativeId: 'tiltak', reason: 'Avsluttet' }, '2025-09-01');
    given(...decided(awarded('g1', '300000.00'), dropped))
      .when(settle())
      .then([
        { type: 'FundsReleased', data: { grantId: 'g1', amount: '300000.00' } },
        { type: 'RemainderCarriedForward', data: { amount: '700000.00' } },
        { type: 'ReleasedFundsCarriedForward', data: { amount: '300000.00' } },
        { type: 'YearClosed' },
      ]);
  });

  it('refuses a date before the year ends, or before the last thing that took effect in it', () => {
    given(...year)
      .when(settle('2025-12-30'))
      .thenRefuses('settlement-before-year-end', { earliest: '2025-12-31' });
    given(...year, spent('1.00', '2026-01-10'))
      .when(settle())
      .thenRefuses('settlement-before-last-event', { effectiveDate: '2025-12-31', lastEventOn: '2026-01-10' });
  });

  it('settles years in order, once; nothing more is recorded in a closed year, nor once a later one is closed', () => {
    const earlier = recorded(
      'year-2024',
      'FundsReceived',
      { year: 2024, amount: '1.00', reference: 'Rest', receivedOn: '2024-03-01' },
      '2024-03-01',
    );
    given(earlier, ...year)
      .when(settle())
      .thenRefuses('previous-year-open', { year: 2025, previousYear: 2024 });
    const closed = (year: number) =>
      recorded(`year-${year}`, 'YearClosed', { year, seal: { revision: -1, hash: '0'.repeat(64) } }, `${year}-12-31`);
    given(...year, closed(2025))
      .when(settle())
      .thenRefuses('year-closed', { year: 2025, closedOn: '2025-12-31' });
    given(...year, closed(2026))
      .when(grant('1'))
      .thenRefuses('later-year-closed', { year: 2025, closedYear: 2026 });
  });
});
