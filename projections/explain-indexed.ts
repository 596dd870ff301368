import { money } from '../src/domain/money.js';
import { correctionOverlay } from './correction-overlay.js';
import { figureLabels, type BaseFigure, type FigureRef } from './figures.js';
import { figureIndexOf, type FigureIndex } from './figure-index.js';
import type { LedgerView } from './ledger-view.js';
import { formatOre } from './ore.js';
import type { PagedExplanation } from './explain-page.js';
import type { ExplanationRow } from './queries.js';

/**
 * An explanation of a figure of the whole year, a page at a time, from the year's figure
 * indexes (projections/figure-index.ts), in øre: the rows of a base figure are its
 * index, those of a derived one its components' indexes merged in log order (postings of
 * one event in the order of the components, then of their own index), so a page is a
 * slice and its running balance the sum of the rows before it — no sort and no `Decimal`.
 * The same rows, in the same order, as `explainFigure` gives. Null when an index is not
 * exact (an amount beyond what øre in a number hold): the caller explains with `Decimal`.
 */
export function explainIndexed(view: LedgerView, ref: FigureRef, components: [BaseFigure, 1 | -1][]): PagedExplanation | null {
  const book = view.years.get(ref.year);
  const indexes = components.map(([figure, sign]) => ({ figure, sign, index: book ? figureIndexOf(book, figure) : null }));
  if (indexes.some(({ index }) => index !== null && !index.exact)) return null;
  const merged = mergedRows(indexes);
  let value = 0;
  for (let row = 0; row < merged.count; row++) value += merged.amountOf(row);
  if (!Number.isSafeInteger(value) || !merged.exact) return null;
  /** balances[k]: the running balance before row k × BALANCE_EVERY. */
  const balances = [0];
  const balanceBefore = (row: number): number => {
    const block = Math.floor(row / BALANCE_EVERY);
    while (balances.length <= block) {
      let running = balances[balances.length - 1]!;
      const from = (balances.length - 1) * BALANCE_EVERY;
      for (let index = from; index < from + BALANCE_EVERY; index++) running += merged.amountOf(index);
      balances.push(running);
    }
    let running = balances[block]!;
    for (let index = block * BALANCE_EVERY; index < row; index++) running += merged.amountOf(index);
    return running;
  };
  const valueText = formatOre(value);
  return {
    head: { ref, label: figureLabels[ref.figure], value: valueText, opening: '0.00', ...correctionOverlay(view, ref, money(valueText)) },
    rowCount: merged.count,
    rows(offset, count) {
      const start = Math.min(offset, merged.count);
      const end = Math.min(merged.count, start + count);
      let running = balanceBefore(start);
      const rows: ExplanationRow[] = [];
      for (let row = start; row < end; row++) {
        const amount = merged.amountOf(row);
        running += amount;
        rows.push({ ...merged.partOf(row), amount: formatOre(amount), runningBalance: formatOre(running) });
      }
      return rows;
    },
  };
}

const BALANCE_EVERY = 256;

interface Component {
  figure: BaseFigure;
  sign: 1 | -1;
  index: FigureIndex | null;
}

/** The rows of the components' indexes in log order: row r is posting `at[r]` of component `from[r]` (one component: the index itself). */
function mergedRows(components: Component[]) {
  const present = components.filter((component): component is Component & { index: FigureIndex } => (component.index?.count ?? 0) > 0);
  const from: number[] = [];
  const at: number[] = [];
  if (present.length > 1) {
    const next = present.map(() => 0);
    for (;;) {
      let chosen = -1;
      for (let which = 0; which < present.length; which++) {
        const { index } = present[which]!;
        if (next[which]! >= index.count) continue;
        if (chosen === -1 || index.positions[next[which]!]! < present[chosen]!.index.positions[next[chosen]!]!) chosen = which;
      }
      if (chosen === -1) break;
      from.push(chosen);
      at.push(next[chosen]!);
      next[chosen]! += 1;
    }
  }
  const single = present.length === 1 ? present[0]! : null;
  const componentOf = (row: number) => single ?? present[from[row]!]!;
  const postingOf = (row: number) => (single ? row : at[row]!);
  // Every partial sum of the rows is a running balance: exact only while each is.
  let running = 0;
  let exact = true;
  const count = single ? single.index.count : from.length;
  const amountOf = (row: number) => {
    const component = componentOf(row);
    return component.sign * component.index.ore[postingOf(row)]!;
  };
  for (let row = 0; row < count && exact; row++) exact = Number.isSafeInteger((running += amountOf(row)));
  return {
    count,
    exact,
    amountOf,
    partOf(row: number): Omit<ExplanationRow, 'amount' | 'runningBalance'> {
      const { figure, sign, index } = componentOf(row);
      const posting = postingOf(row);
      return { position: index.positions[posting]!, component: figure, sign, account: index.scopes[posting]! };
    },
  };
}
