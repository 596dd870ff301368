import { describe, expect, it } from 'vitest';
import { parseSheetAmount } from '../src/opening/sheet-amount.js';

/** Amounts as the committee's spreadsheets hold them, read exactly or refused in words. */
describe('reading an amount from a sheet', () => {
  it.each([
    ['1 000 000', '1000000.00'],
    ['1\u00a0000\u00a0000', '1000000.00'],
    ['1.000.000', '1000000.00'],
    ['333 333,34', '333333.34'],
    ['333.333,34', '333333.34'],
    ['1,000,000.50', '1000000.50'],
    ['kr 12 595 000', '12595000.00'],
    ['1 000 000,-', '1000000.00'],
    ['NOK 750000', '750000.00'],
    ['1.000', '1000.00'],
    ['1.5', '1.50'],
    ['0,05', '0.05'],
    ['99 999 999 999 999,99', '99999999999999.99'],
  ])('«%s» is %s', (text, amount) => {
    expect(parseSheetAmount(text)).toEqual({ amount });
  });

  it('takes a workbook number as it stands, to the øre', () => {
    expect(parseSheetAmount(1245000)).toEqual({ amount: '1245000.00' });
    expect(parseSheetAmount(333333.34)).toEqual({ amount: '333333.34' });
    expect(parseSheetAmount(0)).toEqual({ amount: '0.00' });
  });

  it.each(['', '–', '-', 'uten beløp', '(no amount)'])('«%s» is nothing stated', (text) => {
    expect(parseSheetAmount(text)).toEqual({ none: true });
  });

  it.each([
    ['1 000,125', /«1 000,125» has 3 decimals/],
    ['1.000,125', /has 3 decimals/],
    ['tusen kroner', /«tusen kroner» is not an amount/],
    ['12a', /is not an amount/],
    ['-500', /is negative/],
    ['1,5,5', /cannot be read|not an amount/],
    ['1.00.0', /not an amount/],
    ['100 000 000 000 000', /more than the ledger records/],
  ])('refuses «%s», saying why', (text, why) => {
    const read = parseSheetAmount(text);
    expect(read).toHaveProperty('problem');
    expect((read as { problem: string }).problem).toMatch(why);
  });

  it('refuses a number with a third decimal, or below zero', () => {
    expect(parseSheetAmount(1000.125)).toEqual({
      problem: expect.stringMatching(/has 3 decimals/),
      nb: expect.stringMatching(/har 3 desimaler/),
    });
    expect(parseSheetAmount(0.1 + 0.2)).toMatchObject({ problem: expect.stringMatching(/decimals/) });
    expect(parseSheetAmount(-1)).toMatchObject({ problem: expect.stringMatching(/negative/) });
  });
});
