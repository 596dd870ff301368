import { isYearFigure } from './figures.js';
import type { Account } from './account.js';
import type { YearBook } from './ledger-view.js';

/**
 * The postings of one figure of a year, of every account that makes the figure for the
 * whole year (as `accountsOf` finds them for the total), in log order: what an
 * explanation lists, so a page of it is a slice, its running balance a sum of the rows
 * before, and the figure as of a position the sum of a prefix (a binary search, then
 * sums kept every SUM_EVERY postings). Postings of one event keep the order of their
 * accounts (the order the year opened them), then their own.
 *
 * Made from a year's accounts when first asked for, then kept: the live view's is
 * extended as the fold posts (or dropped, to be made again, when a posting would not go
 * at its end); a view as of a position reads a prefix of the live one.
 */
export class FigureIndex {
  /** Whether every amount and sum fits in øre (see projections/ore.ts); an index that does not is not used. */
  exact = true;
  private constructor(
    readonly positions: number[],
    readonly ore: number[],
    /** The account scope of each posting (`year`, `initiative:ID`, `proposal:ID`). */
    readonly scopes: string[],
    private readonly ordinals: number[],
    /** How many postings of the lists are the index's (a prefix of another index reads its lists). */
    private length: number,
    private readonly sums: number[],
    private readonly shared: boolean,
  ) {}

  get count(): number {
    return this.length;
  }

  static empty(): FigureIndex {
    return new FigureIndex([], [], [], [], 0, [], false);
  }

  /** The first `count` postings, read in place. */
  prefix(count: number): FigureIndex {
    const prefixed = new FigureIndex(this.positions, this.ore, this.scopes, this.ordinals, count, this.sums, true);
    prefixed.exact = this.exact;
    return prefixed;
  }

  /** How many postings are at or before `position`. */
  countUpTo(position: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.positions[middle]! <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The sum in øre of the first `count` postings. */
  sumOfFirst(count: number): number {
    const blocks = Math.floor(count / SUM_EVERY);
    while (this.sums.length < blocks) {
      let sum = this.sums.length === 0 ? 0 : this.sums[this.sums.length - 1]!;
      for (let index = this.sums.length * SUM_EVERY; index < (this.sums.length + 1) * SUM_EVERY; index++) sum += this.ore[index]!;
      this.sums.push(sum);
    }
    let total = blocks === 0 ? 0 : this.sums[blocks - 1]!;
    for (let index = blocks * SUM_EVERY; index < count; index++) total += this.ore[index]!;
    return total;
  }

  get total(): number {
    return this.sumOfFirst(this.length);
  }

  /** Appends a posting the fold just made; false when it does not go at the end (the index is then made again). */
  append(position: number, ordinal: number, ore: number | null, scope: string): boolean {
    if (this.shared) return false;
    const last = this.length - 1;
    if (last >= 0 && (this.positions[last]! > position || (this.positions[last] === position && this.ordinals[last]! > ordinal)))
      return false;
    if (ore === null || !Number.isSafeInteger(this.total + ore)) this.exact = false;
    this.positions.push(position);
    this.ore.push(ore ?? 0);
    this.scopes.push(scope);
    this.ordinals.push(ordinal);
    this.length += 1;
    return true;
  }

  /** The index of a year's figure, made from its accounts. */
  static of(book: YearBook, figure: string): FigureIndex {
    const accounts: { account: Account; scope: string }[] = [];
    if (isYearFigure(figure)) {
      const account = book.accounts.get(`year|${figure}`);
      if (account) accounts.push({ account, scope: 'year' });
    } else {
      const suffix = `|${figure}`;
      for (const [key, account] of book.accounts)
        if (key.endsWith(suffix) && key.length > suffix.length) {
          const scope = key.slice(0, -suffix.length);
          if (counts(figure, scope)) accounts.push({ account, scope });
        }
    }
    return merged(accounts);
  }
}

/** Whether an account of this scope makes the figure for the whole year: the year's own figures are the year's account alone; every other figure is the initiatives' and proposals'. */
const counts = (figure: string, scope: string) => (scope === 'year') === isYearFigure(figure);

/**
 * The index of a year's figure: kept once made; a year as of a position (`cutFrom`) reads
 * a prefix of the live year's, unless the fold has posted to the figure since it was cut.
 */
export function figureIndexOf(book: YearBook, figure: string): FigureIndex {
  const indexes = (book.figureIndexes ??= new Map());
  let index = indexes.get(figure);
  if (index) return index;
  const cut = book.cutFrom;
  if (cut && !cut.changed.has(figure)) {
    const live = figureIndexOf(cut.book, figure);
    index = live.prefix(live.countUpTo(cut.position));
  } else index = FigureIndex.of(book, figure);
  indexes.set(figure, index);
  return index;
}

/** The fold posted to `account` (of `scope`, making `figure`): the figure's index takes the posting, or is made again when next asked for. */
export function indexPosting(book: YearBook, figure: string, scope: string, account: Account): void {
  book.cutFrom?.changed.add(figure);
  const index = book.figureIndexes?.get(figure);
  if (!index || !counts(figure, scope)) return;
  const last = account.count - 1;
  if (!index.append(account.positionAt(last), account.ordinal, account.exact ? account.oreAt(last) : null, scope))
    book.figureIndexes!.delete(figure);
}

const SUM_EVERY = 16;

/** The postings of these accounts in log order (an event's postings in the order of their accounts, then their own). */
function merged(accounts: { account: Account; scope: string }[]): FigureIndex {
  const from: number[] = [];
  const at: number[] = [];
  for (const [which, { account }] of accounts.entries())
    for (let index = 0; index < account.count; index++) {
      from.push(which);
      at.push(index);
    }
  const positionOf = (entry: number) => accounts[from[entry]!]!.account.positionAt(at[entry]!);
  const order = Array.from(from.keys()).sort(
    (a, b) => positionOf(a) - positionOf(b) || accounts[from[a]!]!.account.ordinal - accounts[from[b]!]!.account.ordinal || at[a]! - at[b]!,
  );
  const index = FigureIndex.empty();
  for (const entry of order) {
    const { account, scope } = accounts[from[entry]!]!;
    index.append(account.positionAt(at[entry]!), account.ordinal, account.exact ? account.oreAt(at[entry]!) : null, scope);
  }
  return index;
}
