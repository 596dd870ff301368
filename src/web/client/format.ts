import { groupDigits, osloDateOf } from '../../shared/format.js';

/**
 * The page's helpers on amounts and dates. Amounts arrive as decimal strings
 * ("12595000.00") and are formatted by the ledger's one formatter (src/shared/format.ts),
 * from the string itself: never turned into a JavaScript number for arithmetic.
 */
const AMOUNT = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

/** True when a decimal string is zero ("0", "0.00", "-0.00"). */
export function isZeroAmount(amount: string | null | undefined): boolean {
  return amount === null || amount === undefined || /^[+-]?0+(\.0+)?$/.test(amount.trim());
}

export function isNegativeAmount(amount: string): boolean {
  return amount.trim().startsWith('-') && !isZeroAmount(amount);
}

/**
 * A float for drawing only (bar widths, chart proportions). Never used for a
 * displayed amount or for arithmetic on money.
 */
export function ratioOf(amount: string | null | undefined, max: number): number {
  if (amount === null || amount === undefined || max <= 0) return 0;
  const value = Number(amount);
  if (!Number.isFinite(value) || value <= 0) return 0;
  return Math.min(1, value / max);
}

/** The largest of some amounts, as a float for drawing scales only. */
export function drawingMax(amounts: (string | null | undefined)[]): number {
  let max = 0;
  for (const amount of amounts) {
    const value = amount === null || amount === undefined ? 0 : Number(amount);
    if (Number.isFinite(value) && value > max) max = value;
  }
  return max;
}

/** Today in Oslo, `YYYY-MM-DD`. */
export function todayInOslo(): string {
  return osloDateOf(new Date());
}

/** A readable id from a name: "Psykisk helse voksne" → "psykisk-helse-voksne". */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

/**
 * The exact sum of decimal strings, in whole øre with BigInt (never floats):
 * `["3000000.00", "1250000"]` → `"4250000.00"`. For totals of rows the API lists.
 */
export function sumAmounts(amounts: (string | null | undefined)[]): string {
  let total = 0n;
  for (const amount of amounts) {
    if (amount === null || amount === undefined) continue;
    const match = AMOUNT.exec(amount.trim());
    if (!match) continue;
    const ore = BigInt(match[2] ?? '0') * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
    total += match[1] === '-' ? -ore : ore;
  }
  const negative = total < 0n;
  const absolute = negative ? -total : total;
  return `${negative ? '-' : ''}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}`;
}

/** An amount for an input field: `"3000000.00"` → `"3 000 000"`, `"1234.50"` → `"1 234,50"`. */
export function amountForInput(amount: string): string {
  const match = AMOUNT.exec(amount.trim());
  if (!match) return amount;
  const ore = (match[3] ?? '').padEnd(2, '0');
  const whole = `${match[1] === '-' ? '-' : ''}${groupDigits(match[2]!, ' ')}`;
  return ore === '00' ? whole : `${whole},${ore}`;
}
