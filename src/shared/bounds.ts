/**
 * The bounds of what the ledger records, in one place for the event schemas, the rules,
 * the CLI and the page: the years it keeps and the largest amount it holds (14 whole
 * digits and øre). A command whose own or derived events would pass them is refused.
 */

/** The first and last year the ledger keeps. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** The largest amount the ledger records, as a canonical decimal string. */
export const MAX_AMOUNT_TEXT = '99999999999999.99';

/** At most this many whole digits in an amount. */
export const MAX_WHOLE_DIGITS = 14;

export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}
