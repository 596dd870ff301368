import type { Decimal } from 'decimal.js';
import { ZERO, formatAmount, money } from '../src/domain/money.js';
import { derivedFigures, type BaseFigure } from './figures.js';
import type { LedgerView } from './ledger-view.js';

/** The audit trail of a year: each event that concerns it, the postings it made and what the frame had left after it. */

const amount = (value: Decimal) => formatAmount(value);

export interface TrailPosting {
  account: string;
  figure: BaseFigure;
  amount: string;
  balanceAfter: string;
}

export interface TrailRowCore {
  position: number;
  postings: TrailPosting[];
  /** What the year's frame had left after this event. */
  availableAfter: string;
}

const availableSigns: Partial<Record<BaseFigure, 1 | -1>> = derivedFigures.available;

/** The audit trail of a year: every event that concerns it, with what it posted and the running balances. */
export function trailCore(view: LedgerView, year: number): TrailRowCore[] {
  const book = view.years.get(year);
  if (!book) return [];
  const byPosition = new Map<number, TrailPosting[]>();
  const availableDeltas = new Map<number, Decimal>();
  for (const [key, account] of book.accounts) {
    const separator = key.lastIndexOf('|');
    const figure = key.slice(separator + 1) as BaseFigure;
    const accountScope = key.slice(0, separator);
    let balance = ZERO;
    for (let index = 0; index < account.positions.length; index++) {
      const position = account.positions[index]!;
      const delta = money(account.deltas[index]!);
      balance = balance.plus(delta);
      let postings = byPosition.get(position);
      if (!postings) byPosition.set(position, (postings = []));
      postings.push({ account: accountScope, figure, amount: amount(delta), balanceAfter: amount(balance) });
      const sign = availableSigns[figure];
      if (sign) availableDeltas.set(position, (availableDeltas.get(position) ?? ZERO).plus(delta.mul(sign)));
    }
  }
  let available = ZERO;
  return book.eventPositions.map((position) => {
    available = available.plus(availableDeltas.get(position) ?? ZERO);
    return { position, postings: byPosition.get(position) ?? [], availableAfter: amount(available) };
  });
}
