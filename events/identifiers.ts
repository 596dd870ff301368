import { z } from 'zod';

/**
 * The id of a registered thing (programme area, initiative, partner, committee member,
 * grant, proposal): lower-case letters, digits and dashes, such as `vip` or `samba`,
 * or a ULID the ledger generated.
 */
export const EntityIdSchema = z.string({ error: 'id must be a string' }).regex(/^([a-z0-9][a-z0-9-]{0,63}|[0-9A-HJKMNP-TV-Z]{26})$/, {
  error: 'id must be 1–64 lower-case letters, digits or dashes (e.g. "vip"), or a ULID',
});

/**
 * A case number of the strategic committee, `NN.YY`: case 22 of 2025 is `22.25`.
 */
export const CaseNumberSchema = z
  .string({ error: 'case number must be a string like "22.25"' })
  .regex(/^\d{2}\.\d{2}$/, { error: 'case number must be written NN.YY, like "22.25"' })
  .refine((value) => value.slice(0, 2) !== '00', { error: 'case number NN must be 01 or more' });

/** The calendar year a case number belongs to: `22.25` → 2025. */
export function yearOfCaseNumber(caseNumber: string): number {
  return 2000 + Number(caseNumber.slice(3, 5));
}

/** The three criteria of case 32.24 that classify initiatives. */
export const CriterionSchema = z.enum(['drift', 'utvikling', 'bredding'], {
  error: 'criterion must be one of drift, utvikling, bredding',
});
export type Criterion = z.infer<typeof CriterionSchema>;

/** The four phases of the partnership's project model. */
export const PhaseSchema = z.enum(['oppstart', 'innsikt', 'løsning', 'drift'], {
  error: 'phase must be one of oppstart, innsikt, løsning, drift',
});
export type Phase = z.infer<typeof PhaseSchema>;

export const PartnerKindSchema = z.enum(['municipalities', 'health-region', 'municipality', 'hospital-trust', 'division'], {
  error: 'partner kind must be one of municipalities, health-region, municipality, hospital-trust, division',
});

/**
 * A name or title (of a programme area, an initiative, a partner, a case, a reserve
 * fund …): 1–300 characters, trimmed. This schema also parses every stored event, so
 * it stays as lenient as it was when those events were written: a name stored before
 * the rules below stays readable. New input is held to `inputTextProblem('name', …)`
 * and NFC-normalised at the command edge (src/app/command-input.ts).
 */
export const NameSchema = z
  .string({ error: 'name must be a string' })
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(300, { error: 'name must be at most 300 characters' });

/** A longer text (a reason, a note, a description, a resolution point): 1–4000 characters, trimmed. Stored events as for NameSchema. */
export const TextSchema = z.string().trim().min(1, { error: 'text must not be empty' }).max(4000, {
  error: 'text must be at most 4000 characters',
});

/** C0 and C1 control characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is what this pattern is for
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less tab, line feed and carriage return, which a longer text may hold. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_CHARACTER_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Bidirectional formatting: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the marks. A U+202E reverses a title on the page. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Characters that show as nothing, or as blank, yet are not whitespace that trimming
 * removes: the default-ignorable code points (U+200B zero width space, U+2060 word
 * joiner, U+3164 and U+FFA0 Hangul fillers, U+FEFF, U+00AD soft hyphen, the tag
 * characters U+E0000–U+E0FFF, variation selectors …) and U+2800 (braille blank).
 * "Kommune\u200B Nord" looks like "Kommune Nord" and is another name.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;
/** In a longer text, the joiners (U+200C, U+200D) and variation selectors (U+FE00–U+FE0F) an emoji or a script needs are let through. */
const allowedInText = (point: number) => point === 0x200c || point === 0x200d || (point >= 0xfe00 && point <= 0xfe0f);

/** The first invisible character of a value, with its index; in a text, less the ones an emoji needs. */
function firstInvisible(kind: 'name' | 'text', value: string): { character: string; index: number } | null {
  for (const match of value.matchAll(INVISIBLE))
    if (kind === 'name' || !allowedInText(match[0].codePointAt(0)!)) return { character: match[0], index: match.index };
  return null;
}
/** Something to see: a letter, a digit, punctuation or a symbol. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What a new name (`kind` 'name') or longer text ('text') may not hold: control
 * characters (a text may break lines), bidirectional formatting characters, lone
 * surrogates, invisible characters (`INVISIBLE_IN_NAME`), and nothing to see at all.
 * Null when it is fine; otherwise the problem, naming the character and where it is.
 */
export function inputTextProblem(kind: 'name' | 'text', value: string): { nb: string; en: string } | null {
  const nbKind = kind === 'name' ? 'navnet' : 'teksten';
  if (LONE_SURROGATE.test(value))
    return {
      nb: `${nbKind} er ikke gyldig Unicode (det har et enslig surrogat)`,
      en: `${kind} is not well-formed Unicode (it holds a lone surrogate)`,
    };
  const control = (kind === 'name' ? CONTROL_CHARACTER : CONTROL_CHARACTER_IN_TEXT).exec(value);
  if (control)
    return {
      nb: `${nbKind} kan ikke ha kontrolltegn (${codePoint(control[0])} i tegn ${control.index + 1})${kind === 'name' ? '; et navn er én linje' : ''}`,
      en: `${kind} must not contain control characters (${codePoint(control[0])} at character ${control.index + 1})${kind === 'name' ? '; a name is one line' : ''}`,
    };
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi)
    return {
      nb: `${nbKind} kan ikke ha tegn som styrer skriveretningen (${codePoint(bidi[0])} i tegn ${bidi.index + 1}): de endrer hvordan teksten vises`,
      en: `${kind} must not contain bidirectional formatting characters (${codePoint(bidi[0])} at character ${bidi.index + 1}): they change how the text is shown`,
    };
  const invisible = firstInvisible(kind, value);
  if (invisible)
    return {
      nb: `${nbKind} kan ikke ha usynlige tegn (${codePoint(invisible.character)} i tegn ${invisible.index + 1}): det vises ikke${kind === 'name' ? ', så navnet ville sett ut som et annet' : ''}`,
      en: `${kind} must not contain invisible characters (${codePoint(invisible.character)} at character ${invisible.index + 1}): it does not show${kind === 'name' ? ', so the name would look like another' : ''}`,
    };
  if (value.trim() !== '' && !VISIBLE.test(value))
    return {
      nb: `${nbKind} må ha et synlig tegn (en bokstav, et siffer, et skilletegn eller et symbol)`,
      en: `${kind} must have a visible character (a letter, digit, punctuation or symbol)`,
    };
  return null;
}
