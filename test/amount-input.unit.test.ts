import { describe, expect, it } from 'vitest';
import { amountInputWords, parseAmountInput, type AmountInput } from '../src/shared/amount-input.js';

/** The one parser of amounts as people write them (src/shared/amount-input.ts), shared by the page, the CLI and the API's words. */

const read = (text: string, signed = false) => parseAmountInput(text, { signed });
const refused = (result: AmountInput) => {
  if (result.ok) throw new Error(`expected a refusal, got ${result.amount}`);
  return result;
};

describe('amounts as people write them', () => {
  it.each([
    ['1 000 000', '1000000'],
    ['1\u00a0000\u00a0000', '1000000'],
    ['1\u202f000\u202f000', '1000000'],
    ['1.000.000', '1000000'],
    ['1000000', '1000000'],
    ['1 000 000,50', '1000000.50'],
    ['1 000 000.50', '1000000.50'],
    ['1.000.000,50', '1000000.50'],
    ['1.000,50', '1000.50'],
    ['1000000,5', '1000000.50'],
    ['1000000.00', '1000000.00'],
    ['kr 1 000 000', '1000000'],
    ['kr. 1 000 000', '1000000'],
    ['KR 1 000 000', '1000000'],
    ['NOK 1000000', '1000000'],
    ['1 000 000 kr', '1000000'],
    ['1 000,-', '1000'],
    ['333 333,34', '333333.34'],
    ['  600 000  ', '600000'],
    ['0', '0'],
    ['0,5', '0.50'],
    ['007', '7'],
    ['99 999 999 999 999,99', '99999999999999.99'],
  ])('reads %j as %s', (text, amount) => {
    expect(read(text)).toEqual({ ok: true, amount });
  });

  it.each([
    ['-250 000', '-250000'],
    ['−250 000', '-250000'],
    ['–250 000', '-250000'],
    ['- 250 000', '-250000'],
    ['+250 000', '250000'],
    ['−kr 500 000', '-500000'],
    ['kr -500 000,50', '-500000.50'],
    ['-1.000.000', '-1000000'],
  ])('reads %j as %s where a sign is allowed', (text, amount) => {
    expect(read(text, true)).toEqual({ ok: true, amount });
  });

  it('reads what the ledger itself prints, so a figure copied from a table is taken as it is', () => {
    expect(read('kr\u00a012\u00a0595\u00a0000')).toEqual({ ok: true, amount: '12595000' });
    expect(read('−kr\u00a0250\u00a0000', true)).toEqual({ ok: true, amount: '-250000' });
  });

  it.each([
    ['1.000', 'ambiguous'],
    ['250.000', 'ambiguous'],
    ['1,000', 'ambiguous'],
    ['1,000,000', 'ambiguous'],
    ['1,000,000.50', 'ambiguous'],
    ['12,345', 'ambiguous'],
    ['1000.000', 'too-many-decimals'],
    ['3 000 000,555', 'too-many-decimals'],
    ['1000,5555', 'too-many-decimals'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['kr', 'not-an-amount'],
    ['tre millioner', 'not-an-amount'],
    ['1 00 000', 'not-an-amount'],
    ['10 00', 'not-an-amount'],
    ['1.000.000.50', 'not-an-amount'],
    ['1 000.000', 'too-many-decimals'],
    ['1e6', 'not-an-amount'],
    ['0x10', 'not-an-amount'],
    ['--5', 'not-an-amount'],
    ['123 456 789 012 345', 'too-large'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(refused(read(text, true)).problem).toBe(problem);
  });

  it('refuses a negative amount where no sign is allowed, saying so rather than that it has too many decimals', () => {
    const result = refused(read('-250 000'));
    expect(result.problem).toBe('negative');
    expect(amountInputWords(result, 'nb')).toBe('«-250 000» er negativt; her skrives beløpet uten minus, for eksempel 1 000 000.');
    expect(amountInputWords(result, 'en')).toBe('«-250 000» is negative; write the amount here without a minus, such as 1 000 000.');
  });

  it('says how an ambiguous amount can be read and how to write either reading', () => {
    expect(amountInputWords(refused(read('1.000')), 'nb')).toBe(
      '«1.000» kan leses både som 1 000 og som 1,00: skriv tusener med mellomrom (1 000) og øre etter komma (1,00).',
    );
    expect(amountInputWords(refused(read('250,000')), 'en')).toBe(
      '«250,000» can be read both as 250 000 and as 250,00: write thousands with spaces (250 000) and øre after a comma (250,00).',
    );
  });

  it('gives an example of what it takes for every other refusal, in both languages', () => {
    expect(amountInputWords(refused(read('tre')), 'nb')).toBe(
      '«tre» er ikke et beløp; skriv for eksempel 1 000 000, 1.000.000 eller 1 000 000,50.',
    );
    expect(amountInputWords(refused(read('tre', true)), 'en', { signed: true })).toBe(
      '«tre» is not an amount; write for example -250 000, 1.000.000 or 1 000 000,50.',
    );
    expect(amountInputWords(refused(read('1000,555')), 'nb')).toBe(
      '«1000,555» har mer enn to desimaler; et beløp har høyst to sifre for øre, for eksempel 1 000 000,50.',
    );
    expect(amountInputWords(refused(read('')), 'nb')).toBe('Skriv et beløp, for eksempel 1 000 000 eller 1 000 000,50.');
    expect(amountInputWords(refused(read('100 000 000 000 000')), 'nb').replaceAll('\u00a0', ' ')).toBe(
      '«100 000 000 000 000» er mer enn registeret kan føre (høyst kr 99 999 999 999 999,99).',
    );
  });
});
