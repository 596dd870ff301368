/**
 * The nearest of some names to a mistyped one, for "did you mean …?": by edit distance (a
 * letter added, dropped, changed or two swapped), close enough to be a typo of it and
 * closer than any other name.
 */

function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  return rows[a.length]![b.length]!;
}

/** The candidate nearest to `typed`, when it is near enough to be what was meant; null otherwise. */
export function closest<T extends string>(typed: string, candidates: Iterable<T>): T | null {
  const lower = typed.toLowerCase();
  let best: { candidate: T; distance: number } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (best === null || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return null;
  const allowed = Math.max(1, Math.floor(Math.max(typed.length, best.candidate.length) / 3));
  return best.distance > 0 && best.distance <= allowed ? best.candidate : null;
}
