import { describe, it } from 'vitest';
import { given, type Given } from './support/spec.js';
import {
  award,
  decided,
  drawPoint,
  expectRefused,
  ledgerWith,
  record,
  recommended,
  registeredFromProposal,
  reserveFund,
  secondCase,
  secondCaseAdopted,
} from './support/rules.js';

/**
 * Authority (hjemmel): a grant or an increase is bounded by what the point it cites
 * authorised for that initiative and year, summed over every grant under the point.
 * Case 02.25 recommends 300 000 for `tiltak` in 2025 (100 000 in 2026) and 200 000 for
 * the proposal `ny`; its point 1 endorses the recommendation. 2025's frame is 1 000 000.
 */

const endorsed: Given[] = [...decided(), ...secondCase, secondCaseAdopted()];
const underRecommendation = (grantId: string, amount: string, extra: Record<string, unknown> = {}) =>
  award(grantId, amount, '2025-03-20', { authority: recommended, ...extra });

describe('a point that endorses the recommendation authorises at most each recommended line', () => {
  it('grants the recommended line, and refuses an øre more, naming what was authorised and granted', async () => {
    await given(...endorsed)
      .when(underRecommendation('g1', '300000'))
      .then([{ type: 'GrantAwarded', data: { amountTotal: '300000.00', authority: recommended } }]);
    await expectRefused(await ledgerWith(endorsed), underRecommendation('g1', '300000.01'), 'authority-exceeded', {
      caseNumber: '02.25',
      pointNumber: 1,
      initiativeId: 'tiltak',
      year: 2025,
      amountAuthorised: '300000.00',
      amountGranted: '0.00',
      amountLeft: '300000.00',
      amountAsked: '300000.01',
    });
  });
  it('bounds the sum of several grants under the point', async () => {
    const first = underRecommendation('g1', '200000');
    await given(...endorsed, first)
      .when(underRecommendation('g2', '100000'))
      .then([{ type: 'GrantAwarded' }]);
    await given(...endorsed, first)
      .when(underRecommendation('g2', '100000.01'))
      .thenThrows('authority-exceeded', { amountAuthorised: '300000.00', amountGranted: '200000.00', amountLeft: '100000.00' });
  });
  it('bounds an increase of a grant under the point', async () => {
    const increase = (amountChange: string): Given => ({
      type: 'AdjustGrant',
      grantId: 'g1',
      year: 2025,
      amountChange,
      authority: recommended,
      reason: 'Økt i møtet',
    });
    await given(...endorsed, underRecommendation('g1', '250000'))
      .when(increase('50000'))
      .then([{ type: 'GrantAdjusted', data: { amountChange: '50000.00' } }]);
    await given(...endorsed, underRecommendation('g1', '250000'))
      .when(increase('50000.01'))
      .thenThrows('authority-exceeded', { amountGranted: '250000.00', amountLeft: '50000.00', amountAsked: '50000.01' });
  });
  it('authorises nothing for an initiative the recommendation has no line for', async () => {
    await given(...endorsed)
      .when(underRecommendation('g1', '1', { initiativeId: 'annet' }))
      .thenThrows('authority-exceeded', { initiativeId: 'annet', amountAuthorised: '0.00', amountLeft: '0.00' });
  });
  it('bounds each later instalment of a multi-year grant by the line of its year', async () => {
    const plan = (second: string) => ({
      amountTotal: String(300000 + Number(second)),
      instalments: [
        { year: 2025, amount: '300000' },
        { year: 2026, amount: second },
      ],
    });
    await given(...endorsed)
      .when(underRecommendation('g1', '', { plan: plan('100000') }))
      .then([{ type: 'GrantAwarded' }]);
    await given(...endorsed)
      .when(underRecommendation('g1', '', { plan: plan('100001') }))
      .thenThrows('authority-exceeded', { year: 2026, amountAuthorised: '100000.00' });
  });
  it('uses a line recommended for a proposal of a new initiative once it is registered from that proposal', async () => {
    await given(...endorsed)
      .when(underRecommendation('g1', '1', { initiativeId: 'ny-satsning' }))
      .thenThrows('unknown-initiative', { initiativeId: 'ny-satsning' });
    await given(...endorsed, registeredFromProposal)
      .when(underRecommendation('g1', '200000', { initiativeId: 'ny-satsning' }))
      .then([{ type: 'GrantAwarded', data: { initiativeId: 'ny-satsning' } }]);
    await given(...endorsed, registeredFromProposal)
      .when(underRecommendation('g1', '200000.01', { initiativeId: 'ny-satsning' }))
      .thenThrows('authority-exceeded', { initiativeId: 'ny-satsning', amountAuthorised: '200000.00' });
  });
  it('gives a point no room for grants it never authorised when another point lowers a grant under it', async () => {
    // 01.25 point 1 granted 1 000 000; a lowering that cites 02.25 point 1 does not make room under 02.25.
    const ledger = await ledgerWith([...decided(), ...secondCase, secondCaseAdopted(), award('g1', '1000000', '2025-03-20')]);
    await record(ledger, {
      type: 'AdjustGrant',
      grantId: 'g1',
      year: 2025,
      amountChange: '-500000',
      authority: recommended,
      reason: 'Redusert etter sak 02.25',
      effectiveDate: '2025-03-20',
    });
    await expectRefused(ledger, underRecommendation('g2', '300000.01'), 'authority-exceeded', {
      amountAuthorised: '300000.00',
      amountGranted: '0.00',
    });
    await record(ledger, underRecommendation('g2', '300000'));
  });
  it('returns room to the point a grant was lowered under, up to what was granted under it', async () => {
    const ledger = await ledgerWith([...endorsed, underRecommendation('g1', '300000')]);
    await record(ledger, {
      type: 'AdjustGrant',
      grantId: 'g1',
      year: 2025,
      amountChange: '-100000',
      authority: recommended,
      reason: 'Lavere',
      effectiveDate: '2025-03-20',
    });
    await expectRefused(ledger, underRecommendation('g2', '100000.01'), 'authority-exceeded', { amountGranted: '200000.00' });
    await record(ledger, underRecommendation('g2', '100000'));
  });
});

describe('the meeting may amend the lines a point authorises', () => {
  const amended = (amount: string): Given[] => [
    ...decided(),
    ...secondCase,
    secondCaseAdopted([{ target: { initiativeId: 'tiltak' }, year: 2025, amount }]),
  ];
  it('raises a line: grants up to the amended amount', async () => {
    await given(...amended('400000'))
      .when(underRecommendation('g1', '400000'))
      .then([{ type: 'GrantAwarded' }]);
    await given(...amended('400000'))
      .when(underRecommendation('g1', '400000.01'))
      .thenThrows('authority-exceeded', { amountAuthorised: '400000.00' });
  });
  it('lowers a line: refuses what the recommendation gave but the meeting took away', async () => {
    await given(...amended('250000'))
      .when(underRecommendation('g1', '250000'))
      .then([{ type: 'GrantAwarded' }]);
    await given(...amended('250000'))
      .when(underRecommendation('g1', '250000.01'))
      .thenThrows('authority-exceeded', { amountAuthorised: '250000.00' });
  });
  it('adds a line for an initiative the recommendation left out', async () => {
    const withAnnet = [
      ...decided(),
      ...secondCase,
      secondCaseAdopted([{ target: { initiativeId: 'annet' }, year: 2025, amount: '50000' }]),
    ];
    await given(...withAnnet)
      .when(underRecommendation('g1', '50000', { initiativeId: 'annet' }))
      .then([{ type: 'GrantAwarded' }]);
    await given(...withAnnet)
      .when(underRecommendation('g1', '300000', { initiativeId: 'tiltak' }))
      .then([{ type: 'GrantAwarded' }]);
  });
  it('refuses amendments of a point that authorises no table of grants', async () => {
    await given(...decided(), ...secondCase)
      .when({
        ...secondCaseAdopted(),
        points: [
          { number: 1, outcome: 'adopted' },
          { number: 2, outcome: 'adopted', amendments: [{ target: { initiativeId: 'tiltak' }, year: 2025, amount: '1' }] },
          { number: 3, outcome: 'adopted', alternativeNumber: 1 },
          { number: 4, outcome: 'adopted' },
        ],
      })
      .thenThrows('adoption-does-not-match-proposal', { pointNumber: 2 });
  });
});

describe('points that authorise no grants', () => {
  it("refuses a grant citing a point that authorises no money ('none')", async () => {
    await given(...endorsed)
      .when(underRecommendation('g1', '1', { authority: { caseNumber: '02.25', pointNumber: 2 } }))
      .thenThrows('point-authorises-no-grants', { caseNumber: '02.25', pointNumber: 2 });
  });
  it('refuses a grant citing a reserve-fund point', async () => {
    await given(...endorsed)
      .when(underRecommendation('g1', '1', { authority: { caseNumber: '02.25', pointNumber: 3 } }))
      .thenThrows('point-authorises-reserve-fund-only', { caseNumber: '02.25', pointNumber: 3 });
    await given(...decided(1))
      .when(award('g1', '1', '2025-03-01', { authority: { caseNumber: '01.25', pointNumber: 2 } }))
      .thenThrows('point-authorises-reserve-fund-only');
  });
  it('refuses an increase citing a point that authorises no money', async () => {
    await given(...endorsed, underRecommendation('g1', '100000'))
      .when({
        type: 'AdjustGrant',
        grantId: 'g1',
        year: 2025,
        amountChange: '1',
        authority: { caseNumber: '02.25', pointNumber: 2 },
        reason: 'Økt',
      })
      .thenThrows('point-authorises-no-grants');
  });
});

describe('a reserve-fund point authorises the fund only: once, in the year it names', () => {
  it('establishes the fund at the chosen alternative', async () => {
    await given(...endorsed)
      .when(reserveFund('02.25', 3))
      .then([{ type: 'ReserveFundEstablished', data: { amount: '150000.00', alternativeNumber: 1, year: 2025 } }]);
  });
  it('refuses a reserve fund established by a point that is not a reserve-fund point', async () => {
    await given(...endorsed)
      .when(reserveFund('02.25', 1))
      .thenThrows('point-authorises-no-reserve-fund', { caseNumber: '02.25', pointNumber: 1, authorises: 'recommendation' });
    await given(...endorsed)
      .when(reserveFund('02.25', 4))
      .thenThrows('point-authorises-no-reserve-fund', { authorises: 'allocation' });
  });
  it('refuses the fund in a year other than the one the point names', async () => {
    await given(...endorsed)
      .when(reserveFund('02.25', 3, 2026))
      .thenThrows('reserve-fund-year-mismatch', { caseNumber: '02.25', pointNumber: 3, year: 2025 });
  });
  it('refuses establishing it twice', async () => {
    await given(...endorsed, reserveFund('02.25', 3))
      .when({ ...reserveFund('02.25', 3), idempotencyKey: 'igjen' })
      .thenThrows('reserve-fund-exists', { caseNumber: '02.25', pointNumber: 3 });
  });
  it('refuses a fund the point authorises but the frame has no room for, naming what is left', async () => {
    await given(...endorsed, underRecommendation('g1', '300000'), award('g2', '600000', '2025-03-20'))
      .when(reserveFund('02.25', 3))
      .thenThrows('frame-exceeded', { amountLeft: '100000.00', amountAsked: '150000.00' });
  });
  it('refuses a draw on the fund under a point whose table has no line for the initiative', async () => {
    await given(...endorsed, reserveFund('02.25', 3))
      .when(award('g1', '1', '2025-03-20', { initiativeId: 'annet', authority: drawPoint }))
      .thenThrows('authority-exceeded', { initiativeId: 'annet', amountAuthorised: '0.00' });
  });
});
