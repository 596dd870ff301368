import type { Decimal } from 'decimal.js';
import { ZERO, money } from '../src/domain/money.js';
import { formatOre, parseOre } from './ore.js';

/**
 * An account's postings, in log order: each posting's log position and its amount in
 * whole øre (projections/ore.ts), kept as plain numbers, so a total — now or as of any
 * position — is a sum of numbers, not of `Decimal`s. Should an amount or the running
 * total not fit a number exactly (beyond 2^53 − 1 øre), the account keeps every amount
 * as its decimal string from then on and sums with `Decimal` (`exact` is false), so no
 * amount is ever rounded.
 *
 * Restored from a checkpoint, the postings are read in place from the checkpoint's
 * arrays (`Account.restored`) and copied only when a posting is added. The fold only
 * ever appends a posting, so the account as it stood at a log position is the prefix of
 * its postings up to that position: `Account.asOf` is that prefix, not copied either.
 */
export class Account {
  /** The account's place among its year's accounts: they are numbered in the order they were opened. */
  ordinal = 0;
  private positionList: ArrayLike<number> = [];
  private oreList: ArrayLike<number> = [];
  /** Where this account's postings start in the lists (a restored account reads a year's lists in place). */
  private start = 0;
  private length = 0;
  /** Whether the lists are this account's own arrays, which a posting may grow. */
  private own = true;
  /** Every amount as its decimal string, once one did not fit in øre (null while the account is exact). */
  private wide: string[] | null = null;
  private totalOre = 0;
  private totalWide: Decimal | null = null;
  /** The account this one is a prefix of (whose kept sums it reads), until a posting is added. */
  private source: Account | null = null;
  /** sums[k]: the sum in øre of the first (k + 1) × SUM_EVERY postings (made when first asked for). */
  private sums: number[] | null = null;

  /** An account restored from a checkpoint: `count` postings from `start` of a year's lists of positions and øre, read in place. */
  static restored(positions: ArrayLike<number>, ore: ArrayLike<number>, start: number, count: number): Account {
    const account = new Account();
    account.positionList = positions;
    account.oreList = ore;
    account.start = start;
    account.length = count;
    account.own = false;
    let total = 0;
    for (let index = start; index < start + count; index++) total += ore[index]!;
    account.totalOre = total;
    return account;
  }

  /** An account restored from a checkpoint that is not exact: its positions read in place, its amounts as decimal strings. */
  static restoredWide(positions: ArrayLike<number>, start: number, deltas: string[]): Account {
    const account = new Account();
    account.positionList = positions;
    account.start = start;
    account.length = deltas.length;
    account.own = false;
    account.wide = deltas;
    account.totalWide = deltas.reduce((sum, delta) => sum.plus(money(delta)), ZERO);
    return account;
  }

  /**
   * The account as it stood once the event at `position` was folded in: null when it had
   * no posting yet. Its postings are this account's first ones, read in place.
   */
  static asOf(account: Account, position: number): Account | null {
    const count = account.countUpTo(position);
    if (count === 0) return null;
    const prefixed = new Account();
    prefixed.ordinal = account.ordinal;
    prefixed.positionList = account.positionList;
    prefixed.oreList = account.oreList;
    prefixed.start = account.start;
    prefixed.length = count;
    prefixed.own = false;
    prefixed.source = account.source ?? account;
    if (account.wide) {
      prefixed.wide = account.wide.slice(0, count);
      prefixed.totalWide =
        count === account.length ? account.totalWide : prefixed.wide.reduce((sum, delta) => sum.plus(money(delta)), ZERO);
    } else prefixed.totalOre = count === account.length ? account.totalOre : prefixed.source.oreOfFirst(count)!;
    return prefixed;
  }

  /** How many postings there are. */
  get count(): number {
    return this.length;
  }

  /** Whether every amount and sum is kept in øre (otherwise they are summed with `Decimal`). */
  get exact(): boolean {
    return this.wide === null;
  }

  positionAt(index: number): number {
    return this.positionList[this.start + index]!;
  }

  /** The amount of a posting in øre (an exact account only). */
  oreAt(index: number): number {
    return this.oreList[this.start + index]!;
  }

  /** The amount of a posting as a canonical decimal string. */
  deltaAt(index: number): string {
    return this.wide ? this.wide[index]! : formatOre(this.oreList[this.start + index]!);
  }

  /** The total in øre (an exact account), or null. */
  get totalInOre(): number | null {
    return this.wide ? null : this.totalOre;
  }

  get total(): Decimal {
    return this.wide ? this.totalWide! : money(formatOre(this.totalOre));
  }

  /** The positions, in log order (a copy). */
  get positions(): number[] {
    const positions = new Array<number>(this.length);
    for (let index = 0; index < this.length; index++) positions[index] = this.positionList[this.start + index]!;
    return positions;
  }

  /** The amounts as canonical decimal strings, in log order (a copy). */
  get deltas(): string[] {
    if (this.wide) return [...this.wide];
    const deltas = new Array<string>(this.length);
    for (let index = 0; index < this.length; index++) deltas[index] = formatOre(this.oreList[this.start + index]!);
    return deltas;
  }

  /** The position of the account's first posting. */
  get firstPosition(): number {
    return this.positionList[this.start]!;
  }

  /** How many postings are at or before `position` (a binary search). */
  countUpTo(position: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.positionList[this.start + middle]! <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * The sum in øre of the first `count` postings, from the sums kept every SUM_EVERY
   * postings plus fewer than SUM_EVERY more (null for an account that is not exact).
   */
  oreOfFirst(count: number): number | null {
    if (this.wide) return null;
    if (this.source) return this.source.oreOfFirst(count);
    const sums = (this.sums ??= []);
    const blocks = Math.floor(count / SUM_EVERY);
    const { oreList, start } = this;
    while (sums.length < blocks) {
      let sum = sums.length === 0 ? 0 : sums[sums.length - 1]!;
      const from = start + sums.length * SUM_EVERY;
      for (let index = from; index < from + SUM_EVERY; index++) sum += oreList[index]!;
      sums.push(sum);
    }
    let total = blocks === 0 ? 0 : sums[blocks - 1]!;
    for (let index = start + blocks * SUM_EVERY; index < start + count; index++) total += oreList[index]!;
    return total;
  }

  /** The postings as a checkpoint keeps them: `count` positions and amounts in øre from `start` of the lists, or the amounts as strings. */
  lists(): { positions: ArrayLike<number>; start: number; count: number; ore: ArrayLike<number> | null; wide: readonly string[] | null } {
    return { positions: this.positionList, start: this.start, count: this.length, ore: this.wide ? null : this.oreList, wide: this.wide };
  }

  /** Adds a posting; `deltaText` is the delta's canonical two-decimal form when the caller already has it. */
  post(position: number, delta: Decimal, deltaText?: string): void {
    this.makeOwn();
    const text = deltaText ?? delta.toFixed(2);
    if (!this.wide) {
      const ore = parseOre(text);
      const total = ore === null ? Number.NaN : this.totalOre + ore;
      if (ore !== null && Number.isSafeInteger(total)) {
        (this.positionList as number[]).push(position);
        (this.oreList as number[]).push(ore);
        this.length += 1;
        this.totalOre = total;
        return;
      }
      this.widen();
    }
    (this.positionList as number[]).push(position);
    this.wide!.push(text);
    this.length += 1;
    this.totalWide = this.totalWide!.plus(delta);
  }

  /** Copies the postings into arrays of the account's own, which it may grow. */
  private makeOwn(): void {
    if (this.own) return;
    this.positionList = Array.from({ length: this.length }, (_, index) => this.positionList[this.start + index]!);
    if (!this.wide) this.oreList = Array.from({ length: this.length }, (_, index) => this.oreList[this.start + index]!);
    this.start = 0;
    this.own = true;
    this.source = null;
    this.sums = null;
  }

  /** From now on the amounts are kept as strings and summed with `Decimal` (one did not fit in øre). */
  private widen(): void {
    this.wide = this.deltas;
    this.totalWide = money(formatOre(this.totalOre));
    this.oreList = [];
    this.sums = null;
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
export function countUpTo(positions: ArrayLike<number>, position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (positions[middle]! <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}
