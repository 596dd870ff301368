import type { Decimal } from 'decimal.js';
import { ZERO, money } from '../src/domain/money.js';

/**
 * An account's postings: parallel arrays of log positions (in log order) and signed
 * decimal strings. Restored from a checkpoint, the postings stay packed (two
 * comma-joined strings) until something reads or adds one: a restart parses only the
 * totals, and an explanation unpacks only the accounts it shows.
 *
 * The fold only ever appends a posting, so the account as it stood at a log position
 * is the prefix of its postings up to that position: `Account.asOf` is that prefix,
 * copied only when its postings are read or added to.
 */
export class Account {
  total: Decimal = ZERO;
  private positionList: number[] | null = [];
  private deltaList: string[] | null = [];
  private packed: { positions: string; deltas: string } | null = null;
  /** An account as of a position: the first `count` postings of `account`, not copied yet. */
  private prefix: { account: Account; count: number } | null = null;

  /** An account as a snapshot kept it: its total and postings, taken as they are. */
  static restore(total: string, positions: number[], deltas: string[]): Account {
    const account = new Account();
    account.total = money(total);
    account.positionList = positions;
    account.deltaList = deltas;
    return account;
  }

  /** An account as a checkpoint packed it: its total, and its positions and deltas each joined by commas. */
  static restorePacked(total: string, positions: string, deltas: string): Account {
    const account = new Account();
    account.total = money(total);
    account.positionList = null;
    account.deltaList = null;
    account.packed = { positions, deltas };
    return account;
  }

  /** Sums of the postings kept as they are first needed: [k] is the sum of the first (k + 1) × SUM_EVERY. */
  private sums: Decimal[] | null = null;

  /**
   * The account as it stood once the event at `position` was folded in: null when it
   * had no posting yet. Its total is the sum of its first postings (see `totalOfFirst`).
   */
  static asOf(account: Account, position: number): Account | null {
    const count = countUpTo(account.positions, position);
    if (count === 0) return null;
    const prefixed = new Account();
    prefixed.total = count === account.positions.length ? account.total : account.totalOfFirst(count);
    prefixed.positionList = null;
    prefixed.deltaList = null;
    prefixed.prefix = { account, count };
    return prefixed;
  }

  /**
   * The sum of the first `count` postings: from the sums kept every SUM_EVERY postings
   * (made when first asked for; a posting added later never changes them), plus fewer
   * than SUM_EVERY more. So an account as of any position costs a binary search and a
   * few dozen additions, however long its history.
   */
  totalOfFirst(count: number): Decimal {
    const deltas = this.deltas;
    const sums = (this.sums ??= []);
    const blocks = Math.floor(count / SUM_EVERY);
    while (sums.length < blocks) {
      let sum = sums.length === 0 ? ZERO : sums[sums.length - 1]!;
      for (let index = sums.length * SUM_EVERY; index < (sums.length + 1) * SUM_EVERY; index++) sum = sum.plus(money(deltas[index]!));
      sums.push(sum);
    }
    let total = blocks === 0 ? ZERO : sums[blocks - 1]!;
    for (let index = blocks * SUM_EVERY; index < count; index++) total = total.plus(money(deltas[index]!));
    return total;
  }

  private unpack(): void {
    if (this.prefix) {
      const { account, count } = this.prefix;
      this.positionList = account.positions.slice(0, count);
      this.deltaList = account.deltas.slice(0, count);
      this.prefix = null;
      return;
    }
    const packed = this.packed!;
    this.positionList = unpackPositions(packed.positions);
    this.deltaList = packed.deltas === '' ? [] : packed.deltas.split(',');
    this.packed = null;
  }

  get positions(): readonly number[] {
    if (this.positionList === null) this.unpack();
    return this.positionList!;
  }

  get deltas(): readonly string[] {
    if (this.deltaList === null) this.unpack();
    return this.deltaList!;
  }

  /** The position of the account's first posting (read without unpacking a packed account). */
  get firstPosition(): number {
    if (this.packed) {
      const text = this.packed.positions;
      const comma = text.indexOf(',');
      return Number(comma === -1 ? text : text.slice(0, comma));
    }
    if (this.prefix) return this.prefix.account.firstPosition;
    return this.positionList![0]!;
  }

  /** The postings packed as a checkpoint keeps them (without unpacking them when they still are). */
  pack(): { positions: string; deltas: string } {
    return this.packed ?? { positions: this.positions.join(','), deltas: this.deltas.join(',') };
  }

  /** Adds a posting; `deltaText` is the delta's canonical two-decimal form when the caller already has it. */
  post(position: number, delta: Decimal, deltaText?: string): void {
    if (this.positionList === null) this.unpack();
    this.total = this.total.plus(delta);
    this.positionList!.push(position);
    this.deltaList!.push(deltaText ?? delta.toFixed(2));
  }
}

const SUM_EVERY = 16;

/** Positions joined by commas, back as numbers ('' is none). */
export function unpackPositions(text: string): number[] {
  if (text === '') return [];
  const parts = text.split(',');
  const positions = new Array<number>(parts.length);
  for (let index = 0; index < parts.length; index++) positions[index] = Number(parts[index]);
  return positions;
}

/** How many of the ascending `positions` are at or before `position` (a binary search). */
export function countUpTo(positions: readonly number[], position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (positions[middle]! <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}
