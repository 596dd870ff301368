import { FIRST_YEAR, LAST_YEAR } from './bounds.js';
import type { Lang, Words } from './format.js';

/**
 * A field of a command or query that did not parse, in words: the schemas' own messages
 * (English, as zod reports them) with their bokmål here, and zod's own issues in both
 * languages from what they are (a missing field, a list too short, an unknown key). The
 * HTTP problem and the CLI show an issue in the reader's language, with the field it names.
 */

/** What of a zod issue its words need (a subset of zod's issue, so the page and tests can build one). */
export interface IssueFacts {
  code: string;
  message: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: readonly unknown[];
  keys?: readonly string[];
  format?: string;
}

const AMOUNT_NB = 'skrives i kroner som desimaltall med høyst to desimaler, som "1245000" eller "1245000.50"';

/** The schemas' messages (English, the key) and their bokmål. */
const schemaMessages: Record<string, string> = {
  'a proposal needs at least one submitting partner': 'et innspill har minst én partner som leverer det',
  'a recommendation needs at least one line': 'en anbefaling har minst én linje',
  'fundedBy must be frame or reserve-fund': 'fundedBy må være frame eller reserve-fund',
  'an allocation table needs at least one line': 'en tabell over tildelinger har minst én linje',
  'authorises must be none, recommendation, allocation or reserve-fund':
    'authorises må være none, recommendation, allocation eller reserve-fund',
  'a proposed resolution needs at least one point': 'et forslag til vedtak har minst ett punkt',
  'id must be a string': 'en id er tekst',
  'id must be 1–64 lower-case letters, digits or dashes (e.g. "vip"), or a ULID':
    'en id er 1–64 små bokstaver, sifre eller bindestreker (som "vip"), eller en ULID',
  'case number must be a string like "22.25"': 'et saksnummer er tekst som "22.25"',
  'case number must be written NN.YY, like "22.25"': 'et saksnummer skrives NN.ÅÅ, som "22.25"',
  'case number NN must be 01 or more': 'saksnummeret NN er 01 eller mer',
  'criterion must be one of drift, utvikling, bredding': 'kriteriet må være drift, utvikling eller bredding',
  'phase must be one of oppstart, innsikt, løsning, drift': 'fasen må være oppstart, innsikt, løsning eller drift',
  'partner kind must be one of municipalities, health-region, municipality, hospital-trust, division':
    'partnertypen må være municipalities, health-region, municipality, hospital-trust eller division',
  'name must be a string': 'et navn er tekst',
  'name must not be empty': 'navnet kan ikke være tomt',
  'name must be at most 300 characters': 'et navn har høyst 300 tegn',
  'text must not be empty': 'teksten kan ikke være tom',
  'text must be at most 4000 characters': 'en tekst har høyst 4000 tegn',
  'amount must be an amount in NOK as a decimal string with at most two decimals, like "1245000" or "1245000.50"': `beløpet ${AMOUNT_NB}`,
  'amount must be more than zero': 'beløpet må være mer enn null',
  'amount must not be negative': 'beløpet kan ikke være negativt; en endring føres som en justering eller korreksjon',
  'amount change must be an amount in NOK as a decimal string with at most two decimals, like "1245000" or "1245000.50", with a leading minus for a decrease': `endringen ${AMOUNT_NB}, med minus foran for en reduksjon`,
  'amount change must not be zero': 'endringen kan ikke være null',
  'year must be a whole number such as 2025': 'et år er et helt tall som 2025',
  [`year must be ${FIRST_YEAR} or later`]: `året må være ${FIRST_YEAR} eller senere`,
  [`year must be ${LAST_YEAR} or earlier`]: `året må være ${LAST_YEAR} eller tidligere`,
  'date must be a day that exists, written YYYY-MM-DD': 'datoen må være en dag som finnes, skrevet ÅÅÅÅ-MM-DD',
  'must be a ULID': 'må være en ULID',
  'type must name a known command, such as AwardGrant or CastVote':
    'type må være en kommando registeret kjenner, som AwardGrant eller CastVote',
  'a plan change names at least one year': 'en planendring nevner minst ett år',
  'decidedBy must be consensus, unanimous or majority': 'decidedBy må være consensus, unanimous eller majority',
  'submittedBy needs at least one partner': 'submittedBy har minst én partner',
  'quorum must be a whole number of members': 'kravet er et helt antall medlemmer',
  'quorum must be at least 1': 'kravet er minst 1',
  'quorum must be at most 100': 'kravet er høyst 100',
  'idempotencyKey is required: a string that identifies this command, so a repeat has no second effect':
    'idempotencyKey må oppgis: en tekst som kjenner igjen kommandoen, så en gjentakelse ikke virker to ganger',
  'idempotencyKey must not be empty': 'idempotencyKey kan ikke være tom',
  'idempotencyKey must be at most 200 characters': 'idempotencyKey har høyst 200 tegn',
  'username is required': 'brukernavnet må oppgis',
  'password is required': 'passordet må oppgis',
  required: 'må oppgis',
  'given twice': 'står to ganger',
};

const typeWords: Record<string, string> = {
  string: 'tekst',
  number: 'et tall',
  int: 'et helt tall',
  boolean: 'sann eller usann',
  array: 'en liste',
  object: 'et objekt',
};

const listed = (values: readonly unknown[]) => {
  const texts = values.map((value) => JSON.stringify(value));
  return texts.length <= 1 ? texts.join('') : `${texts.slice(0, -1).join(', ')} eller ${texts[texts.length - 1]}`;
};

/** Bounds of a size: characters of a text, items of a list, or the value of a number. */
function sizeWords(issue: IssueFacts, least: boolean): string {
  const bound = `${least ? 'minst' : 'høyst'} ${String(least ? issue.minimum : issue.maximum)}`;
  if (issue.origin === 'string') return `har ${bound} tegn`;
  if (issue.origin === 'array' || issue.origin === 'set') return `har ${bound}`;
  return `er ${bound}`;
}

/** What zod itself reports, said in bokmål from its code. */
function zodWords(issue: IssueFacts): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'må oppgis';
      return typeWords[issue.expected ?? ''] ? `skal være ${typeWords[issue.expected ?? '']}` : 'har feil type';
    case 'too_small':
      return sizeWords(issue, true);
    case 'too_big':
      return sizeWords(issue, false);
    case 'invalid_value':
      return `må være ${listed(issue.values ?? [])}`;
    case 'unrecognized_keys':
      return `kjenner ikke feltet ${listed(issue.keys ?? [])}`;
    case 'invalid_union':
      return 'passer ikke til noen av formene feltet kan ha';
    case 'invalid_format':
      return 'har feil form';
    default:
      return 'er ugyldig';
  }
}

/** An issue in both languages: in English as zod reports it; in bokmål the schema's own words, or zod's issue said plainly. */
export function issueWords(issue: IssueFacts): Words {
  return { nb: schemaMessages[issue.message] ?? zodWords(issue), en: issue.message };
}

/** The words a field path is named by in a message: the path itself, or "the command" for the whole. */
function fieldName(path: string, lang: Lang): string {
  return path === '' ? (lang === 'nb' ? '(hele kommandoen)' : '(the whole command)') : path;
}

/** The issues in a language, each naming its field: `plan.amount: beløpet må være mer enn null`. */
export function issuesText(issues: readonly { path: string; message: string; words?: Words }[], lang: Lang): string {
  return issues.map((issue) => `${fieldName(issue.path, lang)}: ${issue.words?.[lang] ?? issue.message}`).join('; ');
}
