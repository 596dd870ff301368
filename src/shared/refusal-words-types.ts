import type { DetailsOf, DomainErrorCode } from '../domain/refusal-details.js';
import type { Say } from './refusal-say.js';

/**
 * A rule's refusal in words: the command fields it is about (so the page puts the words
 * beside them), an example of its details (shown in the OpenAPI document, and walked by the
 * vocabulary test, with `variants` for the words' other branches), and its words in bokmål
 * and English, written from the typed details with `say` (names, amounts, dates).
 */
export interface RefusalWords<C extends DomainErrorCode> {
  readonly fields: readonly string[] | ((details: DetailsOf<C>) => string[]);
  readonly example: DetailsOf<C>;
  readonly variants?: readonly DetailsOf<C>[];
  readonly nb: (details: DetailsOf<C>, say: Say) => string;
  readonly en: (details: DetailsOf<C>, say: Say) => string;
}

/** The words of a group of codes, one entry per code. */
export type WordsOf<Codes extends DomainErrorCode> = { [C in Codes]: RefusalWords<C> };
