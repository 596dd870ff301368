import { Decimal } from 'decimal.js';
import { splitAmount } from './instalments.js';
import { MAX_AMOUNT_TEXT } from '../shared/bounds.js';

/**
 * Money inside computations. Events hold decimal strings; a `Decimal` lives only
 * while the ledger computes. Amounts are exact to the øre, so additions and
 * subtractions never round. The one place that divides money is
 * `splitAmount` (src/domain/instalments.ts), and it says how it rounds.
 */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_DOWN });

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

/** Splits a total into `count` instalments, exact to the øre, by the rule of `splitAmount` (src/domain/instalments.ts). */
export function splitIntoInstalments(total: Decimal, count: number): Decimal[] {
  const totalOre = total.mul(100);
  if (!totalOre.isInteger() || totalOre.isNegative()) throw new RangeError('total must be a non-negative amount in whole øre');
  return splitAmount(total.toFixed(2), count).map(money);
}
