import type { Lang } from '../../shared/format.js';

/**
 * Money arrives as decimal strings ("12595000.00") and is formatted from the string
 * itself (src/shared/format.ts, which the server's refusals use too): it is never turned
 * into a JavaScript number for arithmetic.
 */
const AMOUNT = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

export { formatDate, formatMoney, NBSP } from '../../shared/format.js';

export function isAmountText(text: string): boolean {
  return AMOUNT.test(text.trim());
}

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

const osloParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A timestamp as the Oslo calendar date and time: `20.02.2025 kl. 09:15` / `20.02.2025 09:15`. */
export function formatTimestamp(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(osloParts.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.day}.${parts.month}.${parts.year}${lang === 'nb' ? ' kl.' : ''} ${parts.hour}:${parts.minute}`;
}

/** The Oslo calendar date of a timestamp, `YYYY-MM-DD`. */
export function osloDateOf(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso.slice(0, 10);
  const parts = Object.fromEntries(osloParts.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today in Oslo, `YYYY-MM-DD`. */
export function todayInOslo(): string {
  return osloDateOf(new Date().toISOString());
}

/** Whether a `YYYY-MM-DD` text is a date that exists. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Amount as typed: `1 245 000`, `1245000,50`, `kr 600 000`, `−250 000` → `1245000`,
 * `1245000.50`, `600000`, `-250000`.
 */
export function normaliseAmountInput(text: string): string {
  const trimmed = text.trim().replace(/^[−–]/, '-');
  const negative = trimmed.startsWith('-');
  const body = trimmed
    .replace(/^[+-]/, '')
    .trim()
    .replace(/^(kr|nok)\.?\s*/i, '')
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  return negative ? `-${body}` : body;
}

/** What the API accepts: digits, at most two decimals. */
export const AMOUNT_INPUT_PATTERN = /^\d+(\.\d{1,2})?$/;

/** A change of an amount: signed, not zero. */
export const SIGNED_AMOUNT_INPUT_PATTERN = /^-?\d+(\.\d{1,2})?$/;

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
  const whole = (match[2] ?? '0').replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const ore = (match[3] ?? '').padEnd(2, '0');
  return ore === '00' ? whole : `${whole},${ore}`;
}
