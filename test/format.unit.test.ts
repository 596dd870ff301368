import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatTimestamp, isIsoDate, osloDateOf } from '../src/shared/format.js';

/** The one formatter of amounts and dates (src/shared/format.ts): server, CLI, documents and page. */

const NB = '\u00a0';

describe('amounts as the committee writes them', () => {
  it('groups kroner with no-break spaces after "kr", øre only when there are some', () => {
    expect(formatMoney('12595000.00')).toBe(`kr${NB}12${NB}595${NB}000`);
    expect(formatMoney('333333.34')).toBe(`kr${NB}333${NB}333,34`);
    expect(formatMoney('1234.5')).toBe(`kr${NB}1${NB}234,50`);
    expect(formatMoney('999')).toBe(`kr${NB}999`);
    expect(formatMoney('1000')).toBe(`kr${NB}1${NB}000`);
  });

  it('is exact beyond what a float holds: the largest amount the ledger records, to the øre', () => {
    expect(formatMoney('99999999999999.99')).toBe(`kr${NB}99${NB}999${NB}999${NB}999${NB}999,99`);
    expect(formatMoney('9007199254740993.01')).toBe(`kr${NB}9${NB}007${NB}199${NB}254${NB}740${NB}993,01`);
  });

  it('writes signs with a minus sign, zero without, and + only when asked', () => {
    expect(formatMoney('-500000.00')).toBe(`−kr${NB}500${NB}000`);
    expect(formatMoney('-0.00')).toBe(`kr${NB}0`);
    expect(formatMoney('0')).toBe(`kr${NB}0`);
    expect(formatMoney('250000', { signed: true })).toBe(`+kr${NB}250${NB}000`);
    expect(formatMoney('0', { signed: true })).toBe(`kr${NB}0`);
  });

  it('shows nothing as a dash and leaves text that is not an amount as it is', () => {
    expect(formatMoney(null)).toBe('–');
    expect(formatMoney(undefined)).toBe('–');
    expect(formatMoney('uten beløp')).toBe('uten beløp');
  });
});

describe('dates as 31.12.2025', () => {
  it('writes a calendar date and the date of a timestamp day first', () => {
    expect(formatDate('2025-12-31')).toBe('31.12.2025');
    expect(formatDate('2025-01-05T10:00:00Z')).toBe('05.01.2025');
    expect(formatDate('0099-03-01')).toBe('01.03.0099');
    expect(formatDate(null)).toBe('–');
    expect(formatDate('snart')).toBe('snart');
  });

  it('writes a moment as the Oslo date and time, with "kl." in bokmål', () => {
    expect(formatTimestamp('2025-02-20T08:15:00Z', 'nb')).toBe('20.02.2025 kl. 09:15');
    expect(formatTimestamp('2025-06-30T22:30:00Z', 'en')).toBe('01.07.2025 00:30');
    expect(osloDateOf(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });

  it('knows which days exist', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-4-3')).toBe(false);
  });
});
