import { MAX_AMOUNT_TEXT, MAX_WHOLE_DIGITS } from './bounds.js';
import { formatMoney, groupDigits, type Lang } from './format.js';

/**
 * An amount as people write it, read into the decimal string the commands take. One
 * parser for the page's fields, the CLI's options and the words of the HTTP API's
 * refusals. It reads what is unambiguous:
 *
 * - `1000000`, `1000000.50`, `1000000,5` (kroner, then øre after a point or a comma);
 * - `1 000 000` and `1 000 000,50` (groups of three with spaces, no-break spaces too);
 * - `1.000.000` and `1.000.000,50` (groups with points, as the committee's papers write them;
 *   a single group is read so only before a comma: `1.000,50`);
 * - `kr 1 000 000`, `NOK 1000000`, `1 000 000 kr`, `1 000,-`;
 * - `-250 000` (also `−250 000`) where a sign is allowed.
 *
 * It refuses what could be read two ways: `1.000` and `1,000` (a thousand, or one krone?),
 * and commas between groups (`1,000,000`), with an example of what it takes.
 */

/** Why a text is not an amount. */
type AmountInputProblem = 'empty' | 'not-an-amount' | 'ambiguous' | 'too-many-decimals' | 'negative' | 'too-large';

export type AmountInput =
  | { ok: true; /** The decimal string a command takes: `1000000`, `1000000.50`, `-250000`. */ amount: string }
  | { ok: false; problem: AmountInputProblem; /** What was typed, trimmed. */ text: string };

const SPACES = /[\s\u00a0\u202f\u2009]+/g;
const SIGN = /^([+\-\u2212\u2013])\s*/;
const CURRENCY_BEFORE = /^(?:kr\.?|nok)\s*/i;
const CURRENCY_AFTER = /\s*(?:kr\.?|nok)$/i;
const WHOLE_KRONER = /[,.]-$/;

/** The readings of a number written without sign or currency: whole kroner and øre, or why not. */
function readNumber(body: string): { whole: string; ore: string } | AmountInputProblem {
  const spaced = body.replace(SPACES, ' ');
  // Groups with spaces: 1 000 000, 1 000 000,50, 1 000 000.50.
  let match = /^(\d{1,3}(?: \d{3})+)(?:[.,](\d{1,2}))?$/.exec(spaced);
  if (match) return { whole: match[1]!.replace(/ /g, ''), ore: match[2] ?? '' };
  if (/^\d{1,3}(?: \d{3})+[.,]\d{3,}$/.test(spaced)) return 'too-many-decimals';
  if (spaced.includes(' ')) return 'not-an-amount';
  // No groups: 1000000, 1000000,50, 1000000.5.
  match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(spaced);
  if (match) return { whole: match[1]!, ore: match[2] ?? '' };
  // Groups with points: two or more (1.000.000), or one before a comma (1.000,50).
  match = /^(\d{1,3}(?:\.\d{3}){2,})(?:,(\d{1,2}))?$/.exec(spaced) ?? /^(\d{1,3}\.\d{3}),(\d{1,2})$/.exec(spaced);
  if (match) return { whole: match[1]!.replace(/\./g, ''), ore: match[2] ?? '' };
  // One group of three after a point or a comma: a thousand, or one krone? So are commas between groups.
  if (/^\d{1,3}[.,]\d{3}$/.test(spaced) || /^\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?$/.test(spaced)) return 'ambiguous';
  if (/^\d+[.,]\d{3,}$/.test(spaced)) return 'too-many-decimals';
  return 'not-an-amount';
}

/** Reads an amount as typed; `signed` allows a minus (a change of an amount). */
export function parseAmountInput(input: string, options: { signed?: boolean } = {}): AmountInput {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'empty', text };
  let body = text.replace(CURRENCY_BEFORE, '');
  const sign = SIGN.exec(body);
  if (sign) body = body.slice(sign[0].length);
  body = body.replace(CURRENCY_BEFORE, '').replace(CURRENCY_AFTER, '').replace(WHOLE_KRONER, '').trim();
  const read = readNumber(body);
  if (typeof read === 'string') return { ok: false, problem: read, text };
  const negative = sign !== null && sign[1] !== '+';
  if (negative && !options.signed) return { ok: false, problem: 'negative', text };
  const whole = read.whole.replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, problem: 'too-large', text };
  const amount = `${negative ? '-' : ''}${whole}${read.ore === '' ? '' : `.${read.ore.padEnd(2, '0')}`}`;
  return { ok: true, amount: /^-0(\.00)?$/.test(amount) ? amount.slice(1) : amount };
}

/** The two readings of an ambiguous amount (`1.000`: `1 000` or `1,00`). */
function readings(text: string): { thousands: string; decimal: string } {
  const digits = text.replace(/^[^\d]+/, '').replace(/[^\d.,]+$/, '');
  const [head = '0', tail = ''] = digits.split(/[.,]/);
  const thousands = groupDigits(digits.replace(/[.,]/g, ''), ' ');
  return { thousands, decimal: `${groupDigits(head, ' ')},${tail.slice(0, 2)}` };
}

/** Why a typed amount was refused, with an example of what is taken. */
export function amountInputWords(result: Extract<AmountInput, { ok: false }>, lang: Lang, options: { signed?: boolean } = {}): string {
  const example = options.signed ? '-250 000' : '1 000 000';
  const quoted = `«${result.text}»`;
  const nb = lang === 'nb';
  switch (result.problem) {
    case 'empty':
      return nb ? `Skriv et beløp, for eksempel ${example} eller 1 000 000,50.` : `Write an amount, such as ${example} or 1 000 000,50.`;
    case 'ambiguous': {
      const { thousands, decimal } = readings(result.text);
      return nb
        ? `${quoted} kan leses både som ${thousands} og som ${decimal}: skriv tusener med mellomrom (${thousands}) og øre etter komma (${decimal}).`
        : `${quoted} can be read both as ${thousands} and as ${decimal}: write thousands with spaces (${thousands}) and øre after a comma (${decimal}).`;
    }
    case 'too-many-decimals':
      return nb
        ? `${quoted} har mer enn to desimaler; et beløp har høyst to sifre for øre, for eksempel 1 000 000,50.`
        : `${quoted} has more than two decimals; an amount has at most two digits of øre, such as 1 000 000,50.`;
    case 'negative':
      return nb
        ? `${quoted} er negativt; her skrives beløpet uten minus, for eksempel 1 000 000.`
        : `${quoted} is negative; write the amount here without a minus, such as 1 000 000.`;
    case 'too-large':
      return nb
        ? `${quoted} er mer enn registeret kan føre (høyst ${formatMoney(MAX_AMOUNT_TEXT)}).`
        : `${quoted} is more than the ledger can record (at most ${formatMoney(MAX_AMOUNT_TEXT)}).`;
    case 'not-an-amount':
      return nb
        ? `${quoted} er ikke et beløp; skriv for eksempel ${example}, 1.000.000 eller 1 000 000,50.`
        : `${quoted} is not an amount; write for example ${example}, 1.000.000 or 1 000 000,50.`;
  }
}
