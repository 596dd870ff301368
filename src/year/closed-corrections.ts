import type { Decimal } from 'decimal.js';
import type { EventDataOf } from '../../events/catalogue.js';
import { ZERO, money } from '../domain/money.js';
import type { YearState } from './year.js';

/**
 * What the corrections of closed years recorded in a year's own stream changed, kept so
 * a later correction corrects the figure that stands and stays within what the closed
 * year could carry (src/year/closed-year/). Keys:
 * - `figure|<event id>|<year>`: the corrected event's figure in that closed year;
 * - `remainder|<year>`: the remainder that year should have carried into the next frame;
 * - `carried|<year>|<initiative>`: what that year should have carried out earmarked for the initiative.
 */
export const correctionKeys = {
  figure: (eventId: string, year: number) => `figure|${eventId}|${year}`,
  remainder: (year: number) => `remainder|${year}`,
  carried: (year: number, initiativeId: string) => `carried|${year}|${initiativeId}`,
};

function add(state: YearState, key: string, amount: Decimal): YearState {
  if (amount.isZero()) return state;
  return { ...state, closedCorrections: state.closedCorrections.set(key, (state.closedCorrections.get(key) ?? ZERO).plus(amount)) };
}

/** Notes what one correction of a closed year changed in each closed year it concerns. */
export function applyClosedYearCorrection(state: YearState, data: EventDataOf<'ClosedYearCorrected'>): YearState {
  let next = state;
  const { subject } = data;
  for (const change of data.changes) {
    const delta = money(change.amountAfter).minus(money(change.amountBefore));
    next = add(next, correctionKeys.figure(data.correctedEventId, change.year), delta);
    switch (subject.kind) {
      case 'grant':
        if (subject.fundedBy === 'frame') next = add(next, correctionKeys.remainder(change.year), delta.neg());
        next = add(next, correctionKeys.carried(change.year, subject.initiativeId), delta);
        break;
      case 'receipt':
        next = add(next, correctionKeys.remainder(change.year), delta);
        break;
      case 'spending':
      case 'release':
        next = add(next, correctionKeys.carried(change.year, subject.initiativeId), delta.neg());
        break;
    }
  }
  return next;
}
