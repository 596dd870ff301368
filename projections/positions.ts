/**
 * Where an event's position stands in an ascending list of positions (an account's
 * postings, a book's events), or −1: a binary search, as the lists are long on a long history.
 */
export function indexOfPosition(sorted: readonly number[], position: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < position) low = middle + 1;
    else high = middle;
  }
  return sorted[low] === position ? low : -1;
}
