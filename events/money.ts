import { z } from 'zod';

/**
 * An amount of Norwegian kroner written as a decimal string with at most two
 * decimals (øre), never a JavaScript number: `"1245000"`, `"1245000.5"`,
 * `"1245000.50"`. Stored events always hold the canonical two-decimal form.
 */
export const AMOUNT_PATTERN = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
const SIGNED_AMOUNT_PATTERN = /^-?(0|[1-9]\d{0,13})(\.\d{1,2})?$/;

const amountMessage =
  'must be an amount in NOK as a decimal string with at most two decimals, like "1245000" or "1245000.50"';

/** A non-negative amount of NOK. */
export const AmountSchema = z
  .string({ error: `amount ${amountMessage}` })
  .regex(AMOUNT_PATTERN, { error: `amount ${amountMessage}` });

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

/** A calendar date `YYYY-MM-DD` that exists. */
export const DateSchema = z
  .string({ error: 'date must be written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date must be written YYYY-MM-DD' })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    },
    { error: 'date does not exist in the calendar' },
  );
