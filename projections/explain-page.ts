import type { Decimal } from 'decimal.js';
import { ZERO, formatAmount, money } from '../src/domain/money.js';
import type { Account } from './account.js';
import { derivedFigures, figureLabels, isBaseFigure, isDerivedFigure, type BaseFigure, type FigureRef } from './figures.js';
import type { LedgerView } from './ledger-view.js';
import { accountsOf, explainFigure, figureValue, type Explanation, type ExplanationRow } from './queries.js';

/**
 * An explanation whose rows are written a page at a time: the same rows as
 * `explainFigure` gives, in the same order, but a page of a figure with ten thousand
 * postings parses and sums only what it needs (its rows, and the running balance up to
 * them, from balances kept every `BALANCE_EVERY` rows). An as-of view makes a new
 * explanation for every date asked, so this is what an auditor paging through dates costs.
 */
export interface PagedExplanation {
  /** The explanation's fields but its rows, as `explainFigure` has them. */
  head: Omit<Explanation, 'rows'>;
  rowCount: number;
  rows(offset: number, count: number): ExplanationRow[];
}

const BALANCE_EVERY = 256;

interface Posting {
  position: number;
  component: BaseFigure;
  sign: 1 | -1;
  account: Account;
  scope: string;
  index: number;
  order: number;
}

export function explainFigurePaged(view: LedgerView, ref: FigureRef): PagedExplanation {
  // A figure computed from others (no postings of its own) is explained whole.
  if (!isBaseFigure(ref.figure) && !isDerivedFigure(ref.figure)) {
    const { rows, ...head } = explainFigure(view, ref);
    return { head, rowCount: rows.length, rows: (offset, count) => rows.slice(offset, offset + count) };
  }
  const value = figureValue(view, ref);
  const components: [BaseFigure, 1 | -1][] = isBaseFigure(ref.figure)
    ? [[ref.figure, 1]]
    : (Object.entries(derivedFigures[ref.figure]) as [BaseFigure, 1 | -1][]);
  const postings: Posting[] = [];
  let order = 0;
  for (const [component, sign] of components)
    for (const { key, account } of accountsOf(view, ref.year, component, ref.scope)) {
      const scope = key.slice(0, key.lastIndexOf('|'));
      const positions = account.positions;
      for (let index = 0; index < positions.length; index++)
        postings.push({ position: positions[index]!, component, sign, account, scope, index, order: order++ });
    }
  postings.sort((a, b) => a.position - b.position || a.order - b.order);
  const delta = (posting: Posting): Decimal => {
    const amount = money(posting.account.deltas[posting.index]!);
    return posting.sign === 1 ? amount : amount.neg();
  };
  /** balances[k]: the running balance before row k × BALANCE_EVERY. */
  const balances: Decimal[] = [ZERO];
  const balanceBefore = (row: number): Decimal => {
    const block = Math.floor(row / BALANCE_EVERY);
    while (balances.length <= block) {
      let running = balances[balances.length - 1]!;
      const from = (balances.length - 1) * BALANCE_EVERY;
      for (let index = from; index < from + BALANCE_EVERY; index++) running = running.plus(delta(postings[index]!));
      balances.push(running);
    }
    let running = balances[block]!;
    for (let index = block * BALANCE_EVERY; index < row; index++) running = running.plus(delta(postings[index]!));
    return running;
  };
  return {
    head: { ref, label: figureLabels[ref.figure], value: formatAmount(value), opening: '0.00' },
    rowCount: postings.length,
    rows(offset, count) {
      const start = Math.min(offset, postings.length);
      const end = Math.min(postings.length, start + count);
      // Postings are exact two-decimal amounts, so their sums are too: toFixed(2) only writes them out.
      let running = balanceBefore(start);
      const rows: ExplanationRow[] = [];
      for (let index = start; index < end; index++) {
        const posting = postings[index]!;
        const amount = delta(posting);
        running = running.plus(amount);
        rows.push({
          position: posting.position,
          component: posting.component,
          sign: posting.sign,
          account: posting.scope,
          amount: amount.toFixed(2),
          runningBalance: running.toFixed(2),
        });
      }
      return rows;
    },
  };
}
