import type { Decimal } from 'decimal.js';
import { ZERO, formatAmount } from '../src/domain/money.js';
import { derivedFigures, figuresIn, isBaseFigure, type Figure } from './figures.js';
import type { Account, LedgerView } from './ledger-view.js';
import { InexactSum, addOre, formatOre } from './ore.js';

/**
 * How the balances report (projections/queries.ts) sums a year's accounts: in øre, exact
 * while every amount and sum fits, or with `Decimal` whatever they are.
 */

const amount = (value: Decimal) => formatAmount(value);

/** How a balances report sums: the total of every base figure per account scope, and the figures of several scopes together. */
export interface Summing<T> {
  sumsByScope(view: LedgerView, year: number): Map<string, Map<string, T>>;
  rowFigures(parts: (Map<string, T> | undefined)[]): Record<string, string>;
}

/** The figures of a row of the balances, each a base figure or a signed sum of base figures. */
const rowParts: [Figure, [string, number][]][] = figuresIn('balances').map((figure) => [
  figure,
  isBaseFigure(figure) ? [[figure, 1]] : Object.entries(derivedFigures[figure as keyof typeof derivedFigures]),
]);

/** One pass over a year's accounts: the total of every base figure per account scope. */
function sumsByScopeOf<T>(view: LedgerView, year: number, totalOf: (account: Account) => T): Map<string, Map<string, T>> {
  const byScope = new Map<string, Map<string, T>>();
  for (const [key, account] of view.years.get(year)?.accounts ?? []) {
    const separator = key.lastIndexOf('|');
    const scope = key.slice(0, separator);
    let sums = byScope.get(scope);
    if (!sums) byScope.set(scope, (sums = new Map<string, T>()));
    sums.set(key.slice(separator + 1), totalOf(account));
  }
  return byScope;
}

/** With `Decimal`s: whatever the amounts. */
export const decimalSumming: Summing<Decimal> = {
  sumsByScope: (view, year) => sumsByScopeOf(view, year, (account) => account.total),
  rowFigures(parts) {
    const totals = new Map<string, Decimal>();
    for (const part of parts) for (const [figure, total] of part ?? []) totals.set(figure, (totals.get(figure) ?? ZERO).plus(total));
    const figures: Record<string, string> = {};
    for (const [figure, parts] of rowParts)
      figures[figure] = amount(parts.reduce((sum, [component, sign]) => sum.plus((totals.get(component) ?? ZERO).mul(sign)), ZERO));
    return figures;
  },
};

/** In øre: exact while every amount and sum fits (`InexactSum` otherwise). */
export const oreSumming: Summing<number> = {
  sumsByScope: (view, year) =>
    sumsByScopeOf(view, year, (account) => {
      const total = account.totalInOre;
      if (total === null) throw new InexactSum();
      return total;
    }),
  rowFigures(parts) {
    const totals = new Map<string, number>();
    for (const part of parts) for (const [figure, total] of part ?? []) totals.set(figure, addOre(totals.get(figure) ?? 0, total));
    const figures: Record<string, string> = {};
    for (const [figure, parts] of rowParts)
      figures[figure] = formatOre(parts.reduce((sum, [component, sign]) => addOre(sum, sign * (totals.get(component) ?? 0)), 0));
    return figures;
  },
};
