import type { DomainErrorCode } from '../domain/refusal-details.js';
import type { Lang } from './format.js';
import { authorityWords } from './refusal-words-authority.js';
import { caseWords } from './refusal-words-case.js';
import { registryWords } from './refusal-words-registry.js';
import type { RefusalWords } from './refusal-words-types.js';
import { yearMoneyWords } from './refusal-words-year-money.js';
import { yearWords } from './refusal-words-year.js';
import { noNames, sayIn, type RefusalNames } from './refusal-say.js';

/**
 * Why the ledger refused, in the reader's language: one vocabulary for every rule's code,
 * written at the edge (the HTTP problem's `title` and `detail`, the CLI's refusal line)
 * from the refusal's typed details, with names for ids, amounts as `kr 12 595 000` and
 * dates as `20.02.2025`, and where there is a way forward, the command or form that
 * takes it. The words of a new rule go in the file of its aggregate
 * (src/shared/refusal-words-*.ts); a code without words does not compile.
 */

export type { RefusalNames, RefusalWords };
export { noNames };

/** Every rule of the ledger has its words, in bokmål and English, with an example of its details. */
export const ruleWords: { [C in DomainErrorCode]: RefusalWords<C> } = {
  ...registryWords,
  ...caseWords,
  ...authorityWords,
  ...yearWords,
  ...yearMoneyWords,
};

function wordsOf(code: string): RefusalWords<DomainErrorCode> | null {
  return (ruleWords as Record<string, RefusalWords<DomainErrorCode> | undefined>)[code] ?? null;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The refusal in words; null when the code is not a rule's or its details lack what the words need. */
export function refusalText(code: string, details: Record<string, unknown>, lang: Lang, names: RefusalNames = noNames): string | null {
  const words = wordsOf(code);
  if (!words) return null;
  try {
    return capitalised(words[lang](details, sayIn(lang, names)));
  } catch {
    // Details that do not fit the rule's (a refusal from an older server, say): no words of ours.
    return null;
  }
}

/** The command fields a refusal is about, the first the page shows getting the words (`points.2` for point 2). */
export function refusalFields(code: string, details: Record<string, unknown>): string[] {
  const words = wordsOf(code);
  if (!words) return [];
  const fields = words.fields;
  return typeof fields === 'function' ? fields(details) : [...fields];
}

/**
 * The names the words of the examples use (the OpenAPI document, the vocabulary test): a
 * small registry with VIP, a grant to it, a new initiative's proposal and a receipt.
 */
export const exampleNames: RefusalNames = {
  initiative: (id) => ({ vip: 'VIP (very important patient)', samba: 'SAMBA (BUP Tynset og Nord-Østerdal)' })[id],
  programmeArea: (id) => ({ 'barn-og-unge': 'Barn og unge' })[id],
  partner: (id) => ({ si: 'Sykehuset Innlandet', kommunene: 'Kommunene' })[id],
  member: (id) => ({ leder: 'Leder', nestleder: 'Nestleder', 'si-1': 'Representant 1 for Sykehuset Innlandet' })[id],
  grant: (id) => (id === 'g2025-vip' ? { initiativeId: 'vip', year: 2025 } : undefined),
  proposal: (_caseNumber, id) =>
    id === 'p25-psykisk-helse-voksne'
      ? { year: 2025, newInitiativeName: 'Psykisk helse voksne' }
      : id === 'p25-vip'
        ? { year: 2025, initiativeId: 'vip' }
        : undefined,
  event: (id) =>
    id === '01JH3Q8Z1X9V4K7M2N5P6R8T0W'
      ? {
          description: { nb: 'Mottatt kr 10 615 000 for 2025 (Tilskudd 2025)', en: 'Received kr 10 615 000 for 2025 (Tilskudd 2025)' },
          effectiveDate: '2025-01-15',
        }
      : undefined,
};
