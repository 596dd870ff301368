import type { Decimal } from 'decimal.js';
import { ZERO, money } from '../src/domain/money.js';
import { LAST_YEAR } from '../src/shared/bounds.js';
import type { LedgerView } from './ledger-view.js';

/**
 * The expected receipt (forventet tilskudd) of a year whose funds have not arrived, as the
 * rules use it (src/year/year-rules.ts, `expectedOn`): the expectation recorded
 * last for the year, or else the latest receipt of the two years before; nothing once the
 * year's own funds are received. It is a posted figure like every other: each event that
 * changes it (a receipt of the year or of the two before, a recorded expectation) posts
 * the difference, so the explanation names where the expectation comes from, and the
 * year's `available` counts it until the funds arrive.
 */

/** The key of a year's recorded expectation in the view's versioned amounts. */
const expectationKey = (year: number) => `expectation|${year}`;

const receivedIn = (view: LedgerView, year: number): Decimal => view.years.get(year)?.accounts.get('year|received')?.total ?? ZERO;

/** Posts, at `position`, what moves the year's expected receipt to what the rules would expect now. */
export function refreshExpectation(view: LedgerView, year: number, position: number): void {
  const recorded = view.recommendationAmounts.get(expectationKey(year));
  let expected = ZERO;
  if (receivedIn(view, year).isZero() && !view.years.get(year)?.closed) {
    const previous = receivedIn(view, year - 1);
    expected = recorded ?? (previous.greaterThan(0) ? previous : receivedIn(view, year - 2));
  }
  const current = view.years.get(year)?.accounts.get('year|expectedReceipt')?.total ?? ZERO;
  if (expected.equals(current)) return;
  // The year's own receipt and expectation list themselves in its trail; another year's receipt only moves the figure.
  if (view.years.get(year)?.eventPositions.at(-1) === position)
    view.post(year, 'year', 'expectedReceipt', position, expected.minus(current));
  else view.postBeside(year, 'year', 'expectedReceipt', position, expected.minus(current));
}

/** A receipt of a year changes what it, and the two years after it, expect. */
export function refreshAfterReceipt(view: LedgerView, year: number, position: number): void {
  for (const each of [year, year + 1, year + 2]) if (each <= LAST_YEAR) refreshExpectation(view, each, position);
}

/** An expectation recorded for a year: the last one recorded counts. */
export function recordExpectation(view: LedgerView, year: number, amount: string, position: number): void {
  view.recommendationAmounts.set(expectationKey(year), money(amount));
  refreshExpectation(view, year, position);
}
