import { describe, it } from 'vitest';
import { eventId, given, recorded } from './support/given.js';
import { adopted, awarded, opened, points, priorities, proposed, received2025, registry } from './support/histories.js';
import type { GivenOf } from './support/spec.js';

/**
 * Histories today's rules would refuse to record, but that a store written by an earlier
 * release can hold: the point of pure specs. The integration specs record every history
 * through today's rules and cannot state these; here the rules show what they do with them.
 */

const grant = (amount: string, initiativeId = 'annet'): GivenOf<'AwardGrant'> => ({
  type: 'AwardGrant',
  year: 2025,
  grantId: 'g-ny',
  initiativeId,
  plan: { amount },
  authority: priorities,
  effectiveDate: '2025-09-01',
});

describe('a year whose grants exceed its frame (recorded before every later day was checked)', () => {
  // 500 000 + 600 000 granted of a frame of 1 000 000 (the point authorises 900 000 each): AwardGrant refuses the second today.
  const OVER = eventId(500);
  const authorised = [...registry, received2025(), opened, proposed(points('900000.00')), adopted(), awarded('g1', '500000.00')];
  const overspent = [...authorised, awarded('g2', '600000.00', 'annet', '2025-03-01', OVER)];

  it('would be refused as a command today', () => {
    given(...authorised)
      .when({ ...grant('600000'), effectiveDate: '2025-03-01' })
      .thenRefuses('frame-exceeded', { amountAsked: '600000.00', amountLeft: '500000.00' });
  });

  it('cannot be settled: the refusal names how far over it is', () => {
    given(...overspent)
      .when({ type: 'SettleYear', year: 2025, effectiveDate: '2025-12-31' })
      .thenRefuses('frame-overspent', { year: 2025, amountOver: '100000.00' });
  });

  it('takes no further grant, and counts nothing as left', () => {
    given(...overspent)
      .when(grant('1', 'tiltak'))
      .thenRefuses('frame-exceeded', { amountLeft: '-100000.00', granted: '1100000.00' });
  });

  it('takes the lowering of a grant that brings it back within the frame, and is then settled', () => {
    given(...overspent)
      .when({
        type: 'AdjustGrant',
        year: 2025,
        grantId: 'g2',
        amountChange: '-100000',
        authority: priorities,
        reason: 'Over rammen',
        effectiveDate: '2025-09-01',
      })
      .then([{ type: 'GrantAdjusted', corrects: OVER, data: { amountChange: '-100000.00' } }]);
    const lowered = recorded(
      'year-2025',
      'GrantAdjusted',
      { grantId: 'g2', year: 2025, initiativeId: 'annet', amountChange: '-100000.00', authority: priorities, reason: 'Over rammen' },
      '2025-09-01',
      { corrects: OVER },
    );
    given(...overspent, lowered)
      .when({ type: 'SettleYear', year: 2025, effectiveDate: '2025-12-31' })
      .then([
        { type: 'EarmarkedFundsCarriedOver', data: { initiativeId: 'annet', amount: '500000.00' } },
        { type: 'EarmarkedFundsCarriedOver', data: { initiativeId: 'tiltak', amount: '500000.00' } },
        { type: 'YearClosed' },
      ]);
  });
});

describe('a point proposed before the ledger asked what money it authorises', () => {
  // The resolution's points carry no `authorises`: ProposeResolution requires it today.
  const legacyPoints = points().map(({ authorises: _authorises, ...point }) => point);
  const legacy = [...registry, received2025(), opened, proposed(legacyPoints), adopted()];

  it('would be refused as a command today: its schema names the missing field', () => {
    given(...registry, opened)
      .whenSent({ type: 'ProposeResolution', caseNumber: '01.25', effectiveDate: '2025-01-20', points: legacyPoints })
      .thenInvalid('points.0.authorises');
  });

  it('authorises grants bounded by the frame alone, not by a table', () => {
    given(...legacy)
      .when(grant('1000000'))
      .then([{ type: 'GrantAwarded', data: { amountTotal: '1000000.00', authority: priorities } }]);
    given(...legacy)
      .when(grant('1000000.01'))
      .thenRefuses('frame-exceeded', { amountLeft: '1000000.00' });
  });

  it('sets up a reserve fund in the case’s own year by the alternative chosen', () => {
    const establish = {
      type: 'EstablishReserveFund',
      name: 'Fond',
      authority: { caseNumber: '01.25', pointNumber: 2 },
      effectiveDate: '2025-03-01',
    } as const;
    given(...legacy)
      .when({ ...establish, year: 2025 })
      .then([{ type: 'ReserveFundEstablished', data: { year: 2025, amount: '300000.00' } }]);
    given(...legacy)
      .when({ ...establish, year: 2026 })
      .thenRefuses('reserve-fund-year-mismatch', { year: 2025, yearAsked: 2026 });
  });
});
