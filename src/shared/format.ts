import { regexes } from 'zod/v4/core';

/**
 * Amounts and dates as people read them: `kr 12 595 000`, `kr 333 333,34`, `31.12.2025`.
 * The one formatter of the server, the CLI, the documents and the page. Digits are grouped
 * by `Intl.NumberFormat('nb-NO')` and dates laid out by `Intl.DateTimeFormat('nb-NO')`, and
 * an amount is formatted from its decimal string: the whole kroner as a BigInt, the øre as
 * the digits written, so it is never turned into a JavaScript float. Amounts read the same
 * in bokmål and English (the ledger's currency in its own notation).
 */

export type Lang = 'nb' | 'en';

/** A text in both languages. */
export interface Words {
  nb: string;
  en: string;
}

export const words = (nb: string, en: string): Words => ({ nb, en });

/** The no-break space: between `kr` and the digits and between digit groups, so an amount never breaks over two lines. */
const NBSP = '\u00a0';

/** A decimal string as the ledger writes amounts: an optional sign, whole kroner, at most two decimals. */
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

const grouping = new Intl.NumberFormat('nb-NO', { useGrouping: true, maximumFractionDigits: 0 });

/** `1234567` → `1 234 567` (no-break spaces whatever space the platform's ICU groups with). */
export function groupDigits(whole: string, separator = NBSP): string {
  const digits = whole.replace(/^0+(?=\d)/, '');
  return grouping.format(BigInt(digits)).replace(/[\s\u00a0\u202f]/g, separator);
}

/**
 * `kr 12 595 000`; øre only when not zero: `kr 1 234,50`; a negative amount gets a minus
 * sign: `−kr 500 000`; `signed` adds `+` to a positive one. Null is `–`; text that is not a
 * decimal amount comes back as it is.
 */
export function formatMoney(amount: string | null | undefined, options: { signed?: boolean } = {}): string {
  if (amount === null || amount === undefined) return '–';
  const match = DECIMAL.exec(amount.trim());
  if (!match) return amount;
  const ore = (match[3] ?? '').padEnd(2, '0');
  const whole = groupDigits(match[2]!);
  const body = `kr${NBSP}${whole}${ore === '00' ? '' : `,${ore}`}`;
  if (whole === '0' && ore === '00') return body;
  if (match[1] === '-') return `−${body}`;
  return options.signed ? `+${body}` : body;
}

const calendar = new Intl.DateTimeFormat('nb-NO', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function partsOf(format: Intl.DateTimeFormat, instant: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
}

/** `2025-12-31` (or a timestamp starting so) → `31.12.2025`; null is `–`; other text comes back as it is. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '–';
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const instant = new Date(0);
  instant.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(instant.getTime())) return isoDate;
  const parts = partsOf(calendar, instant);
  return `${parts.day}.${parts.month}.${(parts.year ?? match[1]!).padStart(4, '0')}`;
}

const oslo = new Intl.DateTimeFormat('nb-NO', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A timestamp as the Oslo calendar date and time: `20.02.2025 kl. 09:15` (bokmål), `20.02.2025 09:15` (English). */
export function formatTimestamp(iso: string, lang: Lang): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const parts = partsOf(oslo, instant);
  return `${parts.day}.${parts.month}.${parts.year}${lang === 'nb' ? ' kl.' : ''} ${parts.hour}:${parts.minute}`;
}

/** The Oslo calendar date of an instant, `YYYY-MM-DD`. */
export function osloDateOf(instant: Date): string {
  const parts = partsOf(oslo, instant);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Whether a text is a calendar date written `YYYY-MM-DD` that exists (2025-02-30 does not):
 * the check `z.iso.date()` makes on the server, for the page, which does not bundle zod.
 */
export function isIsoDate(text: string): boolean {
  return regexes.date.test(text);
}
