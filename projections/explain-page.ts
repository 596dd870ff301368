import type { Decimal } from 'decimal.js';
import { ZERO, formatAmount, money } from '../src/domain/money.js';
import type { Account } from './account.js';
import { derivedFigures, figureLabels, isBaseFigure, isDerivedFigure, type BaseFigure, type FigureRef } from './figures.js';
import type { LedgerView } from './ledger-view.js';
import { correctionOverlay } from './correction-overlay.js';
import { accountsOf } from './figure-accounts.js';
import { explainIndexed } from './explain-indexed.js';
import { explainFigure, figureValue, type Explanation, type ExplanationRow } from './queries.js';

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

/** An account that postings of the explanation come from, with the component and sign it enters with. */
interface Source {
  account: Account;
  component: BaseFigure;
  sign: 1 | -1;
  scope: string;
}

/**
 * The postings of an explanation, kept compact (parallel arrays, not an object per
 * posting): an as-of view makes one explanation per date asked, and a figure may have
 * ten thousand postings. Posting i is at `positions[i]`, from `sources[sourceOf[i]]`,
 * the `indexOf[i]`th of that account's postings.
 */
interface Postings {
  sources: Source[];
  positions: number[];
  sourceOf: number[];
  indexOf: number[];
}

/** The postings of the accounts of each component of the figure, account by account. */
function gatherPostings(view: LedgerView, ref: FigureRef, components: [BaseFigure, 1 | -1][]): Postings {
  const postings: Postings = { sources: [], positions: [], sourceOf: [], indexOf: [] };
  const { sources, positions, sourceOf, indexOf } = postings;
  for (const [component, sign] of components)
    for (const { key, account } of accountsOf(view, ref.year, component, ref.scope)) {
      sources.push({ account, component, sign, scope: key.slice(0, key.lastIndexOf('|')) });
      const accountPositions = account.positions;
      for (let index = 0; index < accountPositions.length; index++) {
        positions.push(accountPositions[index]!);
        sourceOf.push(sources.length - 1);
        indexOf.push(index);
      }
    }
  return postings;
}

export function explainFigurePaged(view: LedgerView, ref: FigureRef): PagedExplanation {
  // A figure computed from others (no postings of its own) is explained whole.
  if (!isBaseFigure(ref.figure) && !isDerivedFigure(ref.figure)) {
    const { rows, ...head } = explainFigure(view, ref);
    return { head, rowCount: rows.length, rows: (offset, count) => rows.slice(offset, offset + count) };
  }
  const components: [BaseFigure, 1 | -1][] = isBaseFigure(ref.figure)
    ? [[ref.figure, 1]]
    : (Object.entries(derivedFigures[ref.figure]) as [BaseFigure, 1 | -1][]);
  // The whole year's from its figure indexes, in øre, where they are exact (projections/explain-indexed.ts).
  const indexed = ref.scope.kind === 'total' ? explainIndexed(view, ref, components) : null;
  if (indexed) return indexed;
  const value = figureValue(view, ref);
  const { sources, positions, sourceOf, indexOf } = gatherPostings(view, ref, components);
  // In log order; postings of one event in the order they were gathered (as `explainFigure` sorts them).
  const order = Int32Array.from(positions, (_, index) => index).sort((a, b) => positions[a]! - positions[b]! || a - b);
  const rowCount = positions.length;
  const delta = (row: number): Decimal => {
    const at = order[row]!;
    const source = sources[sourceOf[at]!]!;
    const amount = money(source.account.deltas[indexOf[at]!]!);
    return source.sign === 1 ? amount : amount.neg();
  };
  /** balances[k]: the running balance before row k × BALANCE_EVERY. */
  const balances: Decimal[] = [ZERO];
  const balanceBefore = (row: number): Decimal => {
    const block = Math.floor(row / BALANCE_EVERY);
    while (balances.length <= block) {
      let running = balances[balances.length - 1]!;
      const from = (balances.length - 1) * BALANCE_EVERY;
      for (let index = from; index < from + BALANCE_EVERY; index++) running = running.plus(delta(index));
      balances.push(running);
    }
    let running = balances[block]!;
    for (let index = block * BALANCE_EVERY; index < row; index++) running = running.plus(delta(index));
    return running;
  };
  return {
    head: { ref, label: figureLabels[ref.figure], value: formatAmount(value), opening: '0.00', ...correctionOverlay(view, ref, value) },
    rowCount,
    rows(offset, count) {
      const start = Math.min(offset, rowCount);
      const end = Math.min(rowCount, start + count);
      // Postings are exact two-decimal amounts, so their sums are too: toFixed(2) only writes them out.
      let running = balanceBefore(start);
      const rows: ExplanationRow[] = [];
      for (let index = start; index < end; index++) {
        const at = order[index]!;
        const source = sources[sourceOf[at]!]!;
        const amount = delta(index);
        running = running.plus(amount);
        rows.push({
          position: positions[at]!,
          component: source.component,
          sign: source.sign,
          account: source.scope,
          amount: amount.toFixed(2),
          runningBalance: running.toFixed(2),
        });
      }
      return rows;
    },
  };
}
