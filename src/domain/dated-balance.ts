import type { Decimal } from 'decimal.js';
import { List } from 'immutable';
import { ZERO } from './money.js';

/** One dated change of a balance: what took effect on `date`. */
export interface DatedChange {
  readonly date: string;
  readonly delta: Decimal;
}

/** The lowest a balance stands on or after a date, and the first date it stands there. */
export interface LowPoint {
  readonly amount: Decimal;
  readonly date: string;
}

/**
 * A balance with the date each change took effect, so the ledger can ask how it stood
 * on any day. The ledger as of a date d holds every event effective by d, whenever it
 * was recorded; a backdated change therefore moves the balance on every day from its
 * date on, and must leave it within the rules on each of those days — not only today.
 *
 * Immutable: `add` returns a new balance and shares the rest. Changes are kept in date
 * order (a change dated like an earlier one goes after it); recording in date order,
 * as the secretariat mostly does, appends at the end.
 */
export class DatedBalance {
  static readonly EMPTY = new DatedBalance(List(), ZERO);

  private constructor(
    private readonly changes: List<DatedChange>,
    /** The balance with every change. */
    readonly total: Decimal,
  ) {}

  get size(): number {
    return this.changes.size;
  }

  add(date: string, delta: Decimal): DatedBalance {
    if (delta.isZero()) return this;
    const index = this.insertionIndex(date);
    const change: DatedChange = { date, delta };
    const changes = index === this.changes.size ? this.changes.push(change) : this.changes.insert(index, change);
    return new DatedBalance(changes, this.total.plus(delta));
  }

  /** The balance as it stood at the end of `date`. */
  on(date: string): Decimal {
    let balance = this.total;
    for (let index = this.changes.size - 1; index >= 0; index--) {
      const change = this.changes.get(index)!;
      if (change.date <= date) break;
      balance = balance.minus(change.delta);
    }
    return balance;
  }

  /**
   * The lowest the balance stands on `from` or any later day (it changes only on the
   * dates of its changes, so those days and `from` itself are all there is to look at).
   * `extra`, when given, adds an amount of its own for a day (a figure kept elsewhere).
   */
  lowestFrom(from: string, extra?: (date: string) => Decimal): LowPoint {
    // Walking back from the latest change: the balance on a day is the total less every
    // change dated after it.
    let balance = this.total;
    let lowest: LowPoint | null = null;
    const consider = (date: string) => {
      const amount = extra ? balance.plus(extra(date)) : balance;
      if (lowest === null || amount.lessThanOrEqualTo(lowest.amount)) lowest = { amount, date };
    };
    let index = this.changes.size - 1;
    while (index >= 0 && this.changes.get(index)!.date > from) {
      const date = this.changes.get(index)!.date;
      consider(date);
      while (index >= 0 && this.changes.get(index)!.date === date) balance = balance.minus(this.changes.get(index--)!.delta);
    }
    consider(from);
    return lowest!;
  }

  /** `from` and every later date a change took effect, in order. */
  datesFrom(from: string): string[] {
    const dates = [from];
    for (let index = this.insertionIndex(from); index < this.changes.size; index++) {
      const date = this.changes.get(index)!.date;
      if (date !== dates[dates.length - 1]) dates.push(date);
    }
    return dates;
  }

  /** The first day on or after `from` the balance rose, or null when it never did. */
  firstRiseFrom(from: string): string | null {
    for (const change of this.changes) if (change.date >= from && change.delta.isPositive()) return change.date;
    return null;
  }

  /** The date of the latest change, or null when there is none. */
  get lastDate(): string | null {
    return this.changes.size === 0 ? null : this.changes.get(this.changes.size - 1)!.date;
  }

  /** The date of the earliest change, or null when there is none. */
  get firstDate(): string | null {
    return this.changes.size === 0 ? null : this.changes.get(0)!.date;
  }

  /** Where a change of `date` goes: after every change dated on or before it. */
  private insertionIndex(date: string): number {
    let low = 0;
    let high = this.changes.size;
    if (high === 0 || this.changes.get(high - 1)!.date <= date) return high;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.changes.get(middle)!.date <= date) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
