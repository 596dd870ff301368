import { Decimal } from 'decimal.js';
import { MAX_AMOUNT, formatAmount } from '../domain/money.js';

/**
 * An amount as a committee's spreadsheet holds it, read into the ledger's decimal string.
 * A workbook cell may hold a number; a CSV (or a cell typed as text) holds text written
 * the way the committee's papers write it: `1 000 000`, `1.000.000`, `333 333,34`,
 * `kr 1 000 000`, `1 000 000,-`, and a dash for nothing. Kroner and øre only: a third
 * decimal, a negative amount or anything that is not an amount is a problem, in words.
 *
 * (The sheet's own parser, kept apart so one shared amount parser can replace it.)
 */
export type SheetAmount = { amount: string } | { none: true } | { problem: string; nb: string };

/** Dashes and the words the ledger's own tables write for "nothing" and "no amount stated". */
const NOTHING = /^(|-|–|—|−|uten beløp|\(no amount\)|\(uten beløp\))$/i;

export function parseSheetAmount(value: string | number): SheetAmount {
  if (typeof value === 'number') return fromNumber(value);
  const text = value
    .normalize('NFC')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .trim();
  if (NOTHING.test(text)) return { none: true };
  const bare = text
    .replace(/^(kr\.?|nok)\s*/i, '')
    .replace(/\s*(kr\.?|nok)$/i, '')
    .replace(/,-$/, '')
    .trim();
  if (/^[-−]/.test(bare)) return negative(text);
  if (!/^\d[\d .,]*$/.test(bare)) return { problem: `«${text}» is not an amount`, nb: `«${text}» er ikke et beløp` };
  const digits = canonicalDigits(bare);
  if (digits === null)
    return {
      problem: `«${text}» is not an amount: its thousands and decimals cannot be read one way only`,
      nb: `«${text}» er ikke et beløp: tusenskille og desimaler kan ikke leses på én måte`,
    };
  return checked(new Decimal(digits), text);
}

/** A spreadsheet number: exact as it stands (a binary fraction such as 0.1 + 0.2 shows as its many decimals, and is refused). */
function fromNumber(value: number): SheetAmount {
  if (!Number.isFinite(value)) return { problem: `${String(value)} is not an amount`, nb: `${String(value)} er ikke et beløp` };
  if (value < 0) return negative(String(value));
  return checked(new Decimal(value), String(value));
}

function negative(written: string): SheetAmount {
  return {
    problem: `«${written}» is negative; an opening amount is zero or more`,
    nb: `«${written}» er negativt; en inngående balanse er null eller mer`,
  };
}

function checked(amount: Decimal, written: string): SheetAmount {
  if (!amount.mul(100).isInteger())
    return {
      problem: `«${written}» has ${amount.decimalPlaces()} decimals; an amount is kroner and øre, at most two decimals`,
      nb: `«${written}» har ${amount.decimalPlaces()} desimaler; et beløp er kroner og øre, høyst to desimaler`,
    };
  if (amount.greaterThan(MAX_AMOUNT))
    return {
      problem: `«${written}» is more than the ledger records (${MAX_AMOUNT.toFixed(2)})`,
      nb: `«${written}» er mer enn registeret fører (${MAX_AMOUNT.toFixed(2)})`,
    };
  return { amount: formatAmount(amount) };
}

/**
 * `1 000 000` → `1000000`, `1.000.000` → `1000000`, `333 333,34` → `333333.34`, `1.5` →
 * `1.5`; null when the separators cannot be read one way only. Spaces group thousands;
 * with both `.` and `,` the last is the decimal mark; a lone `,` is the decimal mark (as
 * in Norwegian); a `.` is a thousands mark when it groups three digits (`1.000`), else
 * the decimal mark (`1.50`).
 */
function canonicalDigits(text: string): string | null {
  const compact = text.replace(/ /g, '');
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let whole = compact;
  let fraction = '';
  if (lastDot !== -1 && lastComma !== -1) {
    const mark = Math.max(lastDot, lastComma);
    const thousands = mark === lastDot ? ',' : '.';
    whole = compact.slice(0, mark);
    fraction = compact.slice(mark + 1);
    if (whole.includes(compact[mark]!) || !groupedBy(whole, thousands)) return null;
    whole = whole.split(thousands).join('');
  } else if (lastComma !== -1) {
    const parts = compact.split(',');
    if (parts.length > 2) return groupedBy(compact, ',') ? parts.join('') : null;
    [whole, fraction] = parts as [string, string];
  } else if (lastDot !== -1) {
    const parts = compact.split('.');
    if (parts.length > 2 || parts[1]!.length === 3) return groupedBy(compact, '.') ? parts.join('') : null;
    [whole, fraction] = parts as [string, string];
  }
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return null;
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** Whether the separator groups the digits in threes after a first group of one to three: `1.000.000`. */
function groupedBy(text: string, separator: string): boolean {
  const groups = text.split(separator);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((group) => /^\d{3}$/.test(group));
}
