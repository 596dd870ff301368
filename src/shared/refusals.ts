import type { DomainErrorCode } from '../domain/errors.js';
import { formatDate, formatMoney, type Lang } from './format.js';
import { caseRefusals } from './refusal-words-case.js';
import type { RefusalWords } from './refusal-types.js';
import { yearRefusals } from './refusal-words-year.js';

/**
 * Why the ledger refused, in the reader's language: one table for every rule's code (and
 * the HTTP edge's own refusals), compiled into the server (the OpenAPI document names
 * each code with its words) and into the page (which shows them beside the field a
 * refusal is about). The figures come from the refusal's `details`, formatted here:
 * amounts as `kr 12 595 000`, dates as `20.02.2025`.
 */

export type { RefusalWords };

/** Every rule of the ledger has its words: a code added to DomainError without them does not compile. */
export const ruleRefusals: Record<DomainErrorCode, RefusalWords> = { ...caseRefusals, ...yearRefusals };

/** The HTTP edge's refusals a page meets. */
export const edgeRefusals: Record<string, RefusalWords> = {
  forbidden: { fields: [], nb: ['Rollen din kan ikke gjøre dette.'], en: ['Your role may not do this.'] },
  'not-own-vote': {
    fields: ['memberId'],
    nb: ['Et medlem stemmer bare i eget navn ({accountMemberId}), ikke som {memberId}.'],
    en: ['A member votes only in their own name ({accountMemberId}), not as {memberId}.'],
  },
  'concurrency-conflict': {
    fields: [],
    nb: ['Noen andre registrerte noe i samme øyeblikk; ingenting ble lagret. Prøv igjen.'],
    en: ['Someone else recorded something at the same moment; nothing was saved. Try again.'],
  },
  'precondition-failed': {
    fields: [],
    nb: ['Det du så er endret siden; ingenting ble lagret. Last siden på nytt.'],
    en: ['What you saw has changed since; nothing was saved. Reload the page.'],
  },
  'idempotency-key-reused': {
    fields: [],
    nb: ['Dette forsøket ble sendt før med annet innhold; ingenting ble lagret.'],
    en: ['This attempt was sent before with other content; nothing was saved.'],
  },
  'store-unavailable': {
    fields: [],
    nb: ['Hendelseslageret svarer ikke; ingenting ble lagret.'],
    en: ['The event store does not answer; nothing was saved.'],
  },
};

export function refusalWords(code: string): RefusalWords | null {
  return (ruleRefusals as Record<string, RefusalWords>)[code] ?? edgeRefusals[code] ?? null;
}

const MONEY_KEYS = new Set(['frame', 'granted', 'committed', 'reserved', 'expectedReceipt', 'bound']);
const DATE_KEY = /(On|^asOf|^effectiveDate|^today|^earliest|^meetingDate)$/;

const decidedByWords: Record<string, Record<Lang, string>> = {
  consensus: { nb: 'i konsensus', en: 'by consensus' },
  unanimous: { nb: 'enstemmig', en: 'unanimously' },
  majority: { nb: 'med flertall', en: 'by majority' },
};
const kindWords: Record<string, Record<Lang, string>> = {
  'programme area': { nb: 'Programområdet', en: 'Programme area' },
  initiative: { nb: 'Satsningen', en: 'Initiative' },
  partner: { nb: 'Partneren', en: 'Partner' },
  'committee member': { nb: 'SSU-medlemmet', en: 'Committee member' },
};

/** A tally key (`alt:2`, `yes`, `no`) in words. */
export function choiceWords(key: string, lang: Lang): string {
  if (key.startsWith('alt:')) return `${lang === 'nb' ? 'alt.' : 'alt.'} ${key.slice(4)}`;
  const words: Record<string, Record<Lang, string>> = { yes: { nb: 'ja', en: 'yes' }, no: { nb: 'nei', en: 'no' } };
  return words[key]?.[lang] ?? key;
}

/** One value of a refusal's details in words. */
function valueWords(key: string, value: unknown, lang: Lang): string {
  if (typeof value === 'string') {
    if (key.startsWith('amount') || MONEY_KEYS.has(key)) return formatMoney(value);
    if (DATE_KEY.test(key)) return formatDate(value);
    if (key === 'decidedBy') return decidedByWords[value]?.[lang] ?? value;
    if (key === 'kind') return kindWords[value]?.[lang] ?? value;
    return value;
  }
  if (Array.isArray(value)) {
    const pointWord = lang === 'nb' ? 'pkt.' : 'point';
    // Dissent keys are `point|member`.
    return value
      .map((item) =>
        typeof item === 'string' && item.includes('|') ? `${item.split('|')[1]} (${pointWord} ${item.split('|')[0]})` : String(item),
      )
      .join(', ');
  }
  if (value !== null && typeof value === 'object')
    return (
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([choice, count]) => `${choiceWords(choice, lang)}: ${String(count)}`)
        .join(', ') || '–'
    );
  return String(value);
}

/** Fills a template from the details; null when a name it uses is missing. */
function fill(template: string, details: Record<string, unknown>, lang: Lang): string | null {
  let complete = true;
  const text = template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    if (!(name in details) || details[name] === undefined || details[name] === null) {
      complete = false;
      return '';
    }
    return valueWords(name, details[name], lang);
  });
  return complete ? text : null;
}

/** The refusal in words, or null when the code is not known here or its details lack a figure the words need. */
export function refusalText(code: string, details: Record<string, unknown>, lang: Lang): string | null {
  const words = refusalWords(code);
  if (!words) return null;
  for (const template of words[lang]) {
    const text = fill(template, details, lang);
    if (text !== null) return text;
  }
  return null;
}

/** The command fields a refusal is about, with `{name}` filled from its details (`points.{pointNumber}` → `points.2`). */
export function refusalFields(code: string, details: Record<string, unknown>): string[] {
  const words = refusalWords(code);
  if (!words) return [];
  return words.fields.flatMap((field) => {
    const filled = fill(field, details, 'en');
    return filled === null ? [] : [filled];
  });
}
