/**
 * Names in a sheet matched to the registry: first by the ledger's own id (the key column of
 * its tables), then by name without regard to case, spacing or Unicode form; a name that
 * matches nothing gets suggestions (the registry's names nearest to it) and, when it is to
 * be registered, an id made from its name.
 */

export interface RegistryNames {
  programmeAreas: Iterable<{ programmeAreaId: string; name: string }>;
  initiatives: Iterable<{ initiativeId: string; name: string; programmeAreaId: string }>;
}

/** A name as it is compared: NFC, lower case, one space between words, no space at the ends. */
export function comparable(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The edit distance between two strings (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The registry's names nearest to one that matched none: within a few letters, or one containing the other; at most three. */
export function suggestionsFor(name: string, candidates: readonly string[]): string[] {
  const wanted = comparable(name);
  return candidates
    .map((candidate) => ({ candidate, comparable: comparable(candidate) }))
    .map((entry) => ({ ...entry, distance: distance(wanted, entry.comparable) }))
    .filter(
      (entry) =>
        entry.distance <= Math.max(2, Math.floor(wanted.length / 5)) ||
        (wanted.length >= 4 && (entry.comparable.includes(wanted) || wanted.includes(entry.comparable))),
    )
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((entry) => entry.candidate);
}

const letters: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a' };

/** An id made from a name: `Barn og unge` → `barn-og-unge`, `Økt samhandling` → `okt-samhandling`; unique among `taken`. */
export function idFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[æøå]/g, (letter) => letters[letter]!)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/, '') || 'satsning';
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}
