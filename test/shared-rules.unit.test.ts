import { describe, expect, it } from 'vitest';
import { caseYearRefusal, yearOfCase } from '../src/domain/case-year.js';
import { splitAmount } from '../src/domain/instalments.js';
import { money, splitIntoInstalments } from '../src/domain/money.js';
import { earliestSettlementDate, settlementDateRefusal } from '../src/domain/settlement-date.js';

/**
 * The rules the page and the server both compile: when a year may be settled, when a case
 * can no longer be decided, and how a total splits into instalments. The page refuses by them before it asks to confirm; the
 * server's spec tests (rules-time, rules-settlement) show the commands refuse by them.
 */

const facts = { year: 2025, today: '2026-02-16', lastChangeOn: '2025-09-18', previousSettledOn: '2025-09-01' };

describe('the settlement date', () => {
  it('refuses 30.12.2025 for 2025, naming the earliest day', () => {
    expect(settlementDateRefusal({ ...facts, effectiveDate: '2025-12-30' })).toMatchObject({
      code: 'settlement-before-year-end',
      details: { year: 2025, effectiveDate: '2025-12-30', earliest: '2025-12-31' },
    });
  });

  it('refuses a day that has not come, before any other rule', () => {
    expect(settlementDateRefusal({ ...facts, effectiveDate: '2026-02-17' })).toMatchObject({
      code: 'effective-date-in-future',
      details: { effectiveDate: '2026-02-17', today: '2026-02-16' },
    });
  });

  it('refuses a day before the last change of the year and before the previous settlement', () => {
    expect(settlementDateRefusal({ ...facts, lastChangeOn: '2026-01-20', effectiveDate: '2026-01-19' })).toMatchObject({
      code: 'settlement-before-last-event',
      details: { lastEventOn: '2026-01-20' },
    });
    expect(settlementDateRefusal({ ...facts, previousSettledOn: '2026-01-10', effectiveDate: '2026-01-09' })).toMatchObject({
      code: 'settlement-before-previous',
      details: { previousSettledOn: '2026-01-10' },
    });
  });

  it('accepts 31.12.2025 and today, and names the earliest day the year can be settled', () => {
    expect(settlementDateRefusal({ ...facts, effectiveDate: '2025-12-31' })).toBeNull();
    expect(settlementDateRefusal({ ...facts, effectiveDate: '2026-02-16' })).toBeNull();
    expect(earliestSettlementDate(facts)).toBe('2025-12-31');
    expect(earliestSettlementDate({ ...facts, lastChangeOn: '2026-01-20' })).toBe('2026-01-20');
  });
});

describe('a case whose year is closed', () => {
  const closed = new Map([[2025, '2026-02-16']]);
  const closedOn = (year: number) => closed.get(year) ?? null;

  it('belongs to the year its number names', () => {
    expect(yearOfCase('22.25')).toBe(2025);
    expect(yearOfCase('04.26')).toBe(2026);
  });

  it('is refused in its closed year and once the next is closed; open otherwise', () => {
    expect(caseYearRefusal('30.25', closedOn)).toMatchObject({ code: 'year-closed', closedOn: '2026-02-16', details: { year: 2025 } });
    expect(caseYearRefusal('30.24', closedOn)).toMatchObject({ code: 'later-year-closed', details: { year: 2024, closedYear: 2025 } });
    expect(caseYearRefusal('02.26', closedOn)).toBeNull();
  });
});

describe('a total split into instalments', () => {
  it('gives the øre left over to the earliest years, exactly, and the server splits alike', () => {
    expect(splitAmount('1000000.00', 3)).toEqual(['333333.34', '333333.33', '333333.33']);
    expect(splitAmount('0.02', 3)).toEqual(['0.01', '0.01', '0.00']);
    expect(splitAmount('99999999999999.99', 2)).toEqual(['50000000000000.00', '49999999999999.99']);
    expect(splitIntoInstalments(money('1000000'), 3).map((amount) => amount.toFixed(2))).toEqual(splitAmount('1000000', 3));
  });

  it('refuses a count that is not a positive whole number and a total that is not in whole øre', () => {
    expect(() => splitAmount('100', 0)).toThrow(RangeError);
    expect(() => splitAmount('100.001', 2)).toThrow(RangeError);
    expect(() => splitIntoInstalments(money('-1'), 2)).toThrow(RangeError);
  });
});
