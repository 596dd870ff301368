/**
 * Amounts and dates as people read them, in bokmål or English: `kr 12 595 000`,
 * `20.02.2025`. Shared by the page and the server (the refusals' words), and written from
 * the decimal string itself: an amount is never turned into a JavaScript number.
 */

export type Lang = 'nb' | 'en';

const AMOUNT = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

export const NBSP = '\u00a0';

/**
 * `kr 12 595 000` (no-break spaces between digit groups), øre only when not zero:
 * `kr 1 234,50`; a negative amount gets a minus sign: `−kr 500 000`; `signed` adds `+`
 * to a positive one. English: `NOK 1 234.50`. Text that is not an amount comes back as it is.
 */
export function formatMoney(amount: string | null | undefined, lang: Lang = 'nb', options: { signed?: boolean } = {}): string {
  if (amount === null || amount === undefined) return '–';
  const match = AMOUNT.exec(amount.trim());
  if (!match) return amount;
  const sign = match[1] ?? '';
  const whole = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const ore = (match[3] ?? '').padEnd(2, '0');
  const zero = /^0+$/.test(whole) && ore === '00';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const fraction = ore === '00' ? '' : `${lang === 'nb' ? ',' : '.'}${ore}`;
  const body = `${lang === 'nb' ? 'kr' : 'NOK'}${NBSP}${grouped}${fraction}`;
  if (zero) return body;
  if (sign === '-') return `−${body}`;
  return options.signed ? `+${body}` : body;
}

/** `2025-02-20` → `20.02.2025`. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '–';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return `${match[3]}.${match[2]}.${match[1]}`;
}
