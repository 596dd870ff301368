import { z } from 'zod';
import { FIRST_YEAR, LAST_YEAR, MAX_WHOLE_DIGITS } from '../src/shared/bounds.js';

/**
 * An amount of Norwegian kroner written as a decimal string with at most two
 * decimals (øre), never a JavaScript number: `"1245000"`, `"1245000.5"`,
 * `"1245000.50"`. Stored events always hold the canonical two-decimal form.
 */
const WHOLE = `(0|[1-9]\\d{0,${MAX_WHOLE_DIGITS - 1}})`;
const AMOUNT_PATTERN = new RegExp(`^${WHOLE}(\\.\\d{1,2})?$`);
const SIGNED_AMOUNT_PATTERN = new RegExp(`^-?${WHOLE}(\\.\\d{1,2})?$`);

const amountMessage = 'must be an amount in NOK as a decimal string with at most two decimals, like "1245000" or "1245000.50"';

/** A negative amount where none may be is said to be negative, not to have the wrong form. */
const amountError = (issue: { input?: unknown }) =>
  typeof issue.input === 'string' && /^\s*-\d/.test(issue.input) ? 'amount must not be negative' : `amount ${amountMessage}`;

/** A non-negative amount of NOK. */
export const AmountSchema = z.string({ error: `amount ${amountMessage}` }).regex(AMOUNT_PATTERN, { error: amountError });

/** A positive amount of NOK (more than zero). */
export const PositiveAmountSchema = AmountSchema.refine((value) => !/^0(\.0{1,2})?$/.test(value), {
  error: 'amount must be more than zero',
});

/** A signed, non-zero change of an amount: `"-250000"` lowers, `"100000"` raises. */
export const AmountChangeSchema = z
  .string({ error: `amount change ${amountMessage}, with a leading minus for a decrease` })
  .regex(SIGNED_AMOUNT_PATTERN, {
    error: `amount change ${amountMessage}, with a leading minus for a decrease`,
  })
  .refine((value) => !/^-?0(\.0{1,2})?$/.test(value), { error: 'amount change must not be zero' });

/** A calendar year of the funds, e.g. 2025. */
export const YearSchema = z
  .number({ error: 'year must be a whole number such as 2025' })
  .int({ error: 'year must be a whole number such as 2025' })
  .min(FIRST_YEAR, { error: `year must be ${FIRST_YEAR} or later` })
  .max(LAST_YEAR, { error: `year must be ${LAST_YEAR} or earlier` });

/** A calendar date `YYYY-MM-DD` that exists (zod's check of an ISO date knows the calendar, leap years too). */
export const DateSchema = z.iso.date({ error: 'date must be a day that exists, written YYYY-MM-DD' });
