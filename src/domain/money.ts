import { Decimal } from 'decimal.js';
import { splitAmount } from './instalments.js';

/**
 * Money inside computations. Events hold decimal strings; a `Decimal` lives only
 * while the ledger computes. Amounts are exact to the øre, so additions and
 * subtractions never round. The one place that divides money is
 * `splitAmount` (src/domain/instalments.ts), and it says how it rounds.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_DOWN });
export type Money = Decimal;

export const ZERO: Decimal = new Money(0);

/**
 * The largest amount the ledger records (14 whole digits and øre, as the event schemas
 * allow): every amount asked for or derived — a grant, a frame, a carried-over sum — is
 * refused beyond it rather than stored unreadable.
 */
export const MAX_AMOUNT: Decimal = new Money('99999999999999.99');

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

const STORED_AMOUNT = /^(-?)(0|[1-9]\d*)\.(\d{2})$/;

/** `kr 12 595 000` — the Norwegian way, øre shown only when there are any. */
export function formatNok(amount: Decimal | string): string {
  // A stored amount (two decimals, no leading zeros) is written as it is: explanations describe a hundred a page.
  const stored = typeof amount === 'string' ? STORED_AMOUNT.exec(amount) : null;
  if (stored) {
    const [, sign, whole, fraction] = stored as unknown as [string, string, string, string];
    const negative = sign === '-' && (whole !== '0' || fraction !== '00');
    return `${negative ? '−' : ''}kr ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}${fraction === '00' ? '' : `,${fraction}`}`;
  }
  const value = typeof amount === 'string' ? money(amount) : amount;
  const negative = value.isNegative() && !value.isZero();
  const absolute = value.abs();
  const [whole, fraction] = absolute.toFixed(2).split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${negative ? '−' : ''}kr ${grouped}${fraction === '00' ? '' : `,${fraction}`}`;
}
