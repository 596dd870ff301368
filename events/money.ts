import { z } from 'zod';

/**
 * An amount of Norwegian kroner written as a decimal string with at most two
 * decimals (øre), never a JavaScript number: `"1245000"`, `"1245000.5"`,
 * `"1245000.50"`. Stored events always hold the canonical two-decimal form.
 */
export const AMOUNT_PATTERN = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
const SIGNED_AMOUNT_PATTERN = /^-?(0|[1-9]\d{0,13})(\.\d{1,2})?$/;

const amountMessage = 'must be an amount in NOK as a decimal string with at most two decimals, like "1245000" or "1245000.50"';

/** A non-negative amount of NOK. */
export const AmountSchema = z.string({ error: `amount ${amountMessage}` }).regex(AMOUNT_PATTERN, { error: `amount ${amountMessage}` });

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
  .min(2000, { error: 'year must be 2000 or later' })
  .max(2100, { error: 'year must be 2100 or earlier' });

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `YYYY-MM-DD` names a day that exists (Gregorian calendar). */
export function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : daysInMonth[month - 1]!);
}

/** A calendar date `YYYY-MM-DD` that exists. */
export const DateSchema = z
  .string({ error: 'date must be written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date must be written YYYY-MM-DD' })
  .refine(isCalendarDate, { error: 'date does not exist in the calendar' });
