/**
 * A refusal in words: the command fields it is about (`points.{pointNumber}` takes the
 * point from the details), and templates in bokmål and English; the first template whose
 * `{names}` the details all give is used.
 */
export interface RefusalWords {
  readonly fields: readonly string[];
  readonly nb: readonly string[];
  readonly en: readonly string[];
}
