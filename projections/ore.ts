/**
 * Amounts in whole øre as JavaScript numbers, for the read model's sums. A number holds
 * every whole øre up to 2^53 − 1 (about 90 000 milliarder kroner) exactly, and a sum of
 * such numbers is exact while it stays within that bound, which `Number.isSafeInteger`
 * tells after each addition (a sum beyond the bound rounds to a number beyond it). Where
 * an amount or a sum does not fit, the caller keeps to `Decimal` instead: nothing here
 * ever rounds an amount.
 */

/** The øre of a decimal amount string (`"-1250.5"` → -125050), or null when it is not one or does not fit exactly. */
export function parseOre(text: string): number | null {
  const negative = text.charCodeAt(0) === 45; // '-'
  const start = negative ? 1 : 0;
  const point = text.indexOf('.', start);
  const whole = point === -1 ? text.slice(start) : text.slice(start, point);
  const fraction = point === -1 ? '' : text.slice(point + 1);
  if (whole.length === 0 || fraction.length > 2 || !DIGITS.test(whole) || (fraction !== '' && !DIGITS.test(fraction))) return null;
  // Number(whole) is exact up to 15 digits; the product and sum are exact when the result is a safe integer.
  if (whole.length > 15) return null;
  const ore = Number(whole) * 100 + (fraction === '' ? 0 : Number(fraction.length === 1 ? `${fraction}0` : fraction));
  if (!Number.isSafeInteger(ore)) return null;
  return negative ? -ore : ore;
}

const DIGITS = /^\d+$/;

/** The canonical two-decimal string of whole øre (`-125050` → `"-1250.50"`; zero has no sign). */
export function formatOre(ore: number): string {
  if (ore === 0) return '0.00';
  const absolute = ore < 0 ? -ore : ore;
  const cents = absolute % 100;
  return `${ore < 0 ? '-' : ''}${(absolute - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Thrown inside an exact computation when a sum leaves the safe range: the caller computes with `Decimal` instead. */
export class InexactSum extends Error {
  constructor() {
    super('a sum of øre beyond 2^53 − 1: computed with Decimal instead');
    this.name = 'InexactSum';
  }
}

/** a + b, exactly, or `InexactSum`. */
export function addOre(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new InexactSum();
  return sum;
}

/** The result of `compute`, or null when a sum in it did not fit (`InexactSum`). */
export function exactly<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch (error: unknown) {
    if (error instanceof InexactSum) return null;
    throw error;
  }
}
