import { HttpProblem } from './problem.js';
import { words } from '../shared/format.js';

/**
 * The revision an `If-Match` header expects: a number, null for no stream, or
 * undefined when there is no header (or `*`, which asks for no check).
 */
export function parseIfMatch(header: string | undefined): number | null | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return undefined;
  const match = /^(?:W\/)?"(none|-1|0|[1-9]\d{0,15})"$/.exec(value);
  if (!match)
    throw new HttpProblem(
      400,
      'invalid-if-match',
      words(
        `If-Match må være én ETag slik API-et gir dem, som W/"7" eller W/"none"; fikk ${JSON.stringify(header.slice(0, 80))}.`,
        `If-Match must be one ETag as this API gives it, like W/"7" or W/"none"; got ${JSON.stringify(header.slice(0, 80))}`,
      ),
    );
  const revision = match[1]!;
  return revision === 'none' || revision === '-1' ? null : Number(revision);
}
