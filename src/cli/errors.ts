import { CommandValidationError, IdempotencyKeyReusedError } from '../app/errors.js';
import { refusalNames } from '../app/refusal-names.js';
import { isDomainError, type DomainError } from '../domain/errors.js';
import type { Ledger } from '../ledger.js';
import type { Lang } from '../shared/format.js';
import { issuesText } from '../shared/issue-words.js';
import { refusalText, type RefusalNames } from '../shared/refusals.js';
import { sayIn } from './lang.js';
import { suggestionFor } from './suggestions.js';

/** The names a refusal's words use, when the ledger is open and can be read. */
async function namesFor(ledger: Ledger | null, error: DomainError): Promise<RefusalNames | undefined> {
  if (!ledger) return undefined;
  try {
    return await refusalNames(ledger, error);
  } catch {
    return undefined;
  }
}

/** A rule's refusal in the CLI's language, with names, and for a mistyped id the one that was probably meant. */
export async function refusalWords(error: DomainError, lang: Lang, ledger: Ledger | null): Promise<string> {
  const words = refusalText(error.code, error.details, lang, await namesFor(ledger, error)) ?? error.message;
  const hint = ledger ? await suggestionFor(error, ledger, sayIn(lang)) : null;
  return `${words}${hint ? ` ${hint}` : ''}`;
}

/** One clear line for any error the CLI meets, in its language. */
export async function describeError(error: unknown, lang: Lang, ledger: Ledger | null = null): Promise<string> {
  const say = sayIn(lang);
  if (error instanceof CommandValidationError) return `${say('ugyldig kommando', 'invalid command')}: ${issuesText(error.issues, lang)}`;
  if (isDomainError(error)) return `${say('avvist', 'refused')}: ${await refusalWords(error, lang, ledger)}`;
  if (error instanceof IdempotencyKeyReusedError)
    return say(
      `nøkkelen «${error.idempotencyKey}» er brukt før til en annen kommando; bruk en ny nøkkel (--key) til en ny kommando`,
      `the key «${error.idempotencyKey}» was already used for another command; use a new key (--key) for a new command`,
    );
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT')
      return say(
        `finner ikke filen ${(error as { path?: string }).path ?? error.message}`,
        `no such file: ${(error as { path?: string }).path ?? error.message}`,
      );
    const words = (error as { words?: { nb: string; en: string } }).words;
    return words ? words[lang] : error.message;
  }
  return String(error);
}
