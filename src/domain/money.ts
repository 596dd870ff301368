import { Decimal } from 'decimal.js';
import { MAX_AMOUNT_TEXT } from '../shared/bounds.js';

/**
 * Money inside computations. Events hold decimal strings; a `Decimal` lives only
 * while the ledger computes. Amounts are exact to the øre, so additions and
 * subtractions never round. The one place that divides money is
 * `splitIntoInstalments`, and it says how it rounds.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_DOWN });
export type Money = Decimal;

export const ZERO: Decimal = new Money(0);

/**
 * The largest amount the ledger records (14 whole digits and øre, as the event schemas
 * allow): every amount asked for or derived — a grant, a frame, a carried-over sum — is
 * refused beyond it rather than stored unreadable.
 */
export const MAX_AMOUNT: Decimal = new Money(MAX_AMOUNT_TEXT);

export function money(amount: string | Decimal): Decimal {
  return new Money(amount);
}

/** The canonical stored form: two decimals, no sign for zero: `"12595000.00"`. */
export function formatAmount(amount: Decimal): string {
  if (!amount.mul(100).isInteger()) throw new RangeError(`amount ${amount.toString()} has more than two decimals`);
  const fixed = amount.toFixed(2);
  return fixed === '-0.00' ? '0.00' : fixed;
}

/** Canonical form of an amount string as accepted from a command. */
export function canonicalAmount(amount: string): string {
  return formatAmount(money(amount));
}

export function sum(amounts: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const amount of amounts) total = total.plus(amount);
  return total;
}

/**
 * Splits a total into `count` instalments, exact to the øre. The rounding rule:
 * every instalment gets the total divided by `count`, rounded down to whole øre,
 * and the øre left over go one each to the earliest instalments. So
 * 1 000 000.00 over 3 years is 333 333.34 + 333 333.33 + 333 333.33.
 */
export function splitIntoInstalments(total: Decimal, count: number): Decimal[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('instalment count must be a positive whole number');
  const totalOre = total.mul(100);
  if (!totalOre.isInteger() || totalOre.isNegative()) throw new RangeError('total must be a non-negative amount in whole øre');
  const baseOre = totalOre.divToInt(count);
  const leftoverOre = totalOre.minus(baseOre.mul(count)).toNumber();
  return Array.from({ length: count }, (_, index) => baseOre.plus(index < leftoverOre ? 1 : 0).div(100));
}
