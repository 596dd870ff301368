import type { Decimal } from 'decimal.js';
import { ZERO, money } from '../src/domain/money.js';
import {
  correctionFigure,
  derivedFigures,
  isBaseFigure,
  isDerivedFigure,
  isYearFigure,
  type BaseFigure,
  type FigureRef,
} from './figures.js';
import type { Account, LedgerView } from './ledger-view.js';
import { accountsOf } from './figure-accounts.js';

/**
 * The later corrections of a closed year's figure (rettelser), for its explanation: each
 * correction recorded since, with what it changes in this figure, and the figure as
 * corrected. The sealed figure and its postings stay as they were
 * (projections/corrections.ts keeps the corrections in accounts of their own).
 */
export interface LaterCorrection {
  /** The correction event's position (it lives in the open year that carries it). */
  position: number;
  component: BaseFigure;
  sign: 1 | -1;
  account: string;
  /** What it changes in this figure (sign applied). */
  amount: string;
}

export interface CorrectionOverlay {
  laterCorrections: LaterCorrection[];
  /** The figure with every later correction applied. */
  valueAsCorrected: string;
}

/** The correction accounts of a base figure in a scope. */
function correctionAccounts(view: LedgerView, ref: FigureRef, component: BaseFigure): { key: string; account: Account }[] {
  const figure = correctionFigure(component);
  if (isYearFigure(component)) {
    if (ref.scope.kind !== 'total') return [];
    const account = view.years.get(ref.year)?.accounts.get(`year|${figure}`);
    return account ? [{ key: `year|${figure}`, account }] : [];
  }
  return accountsOf(view, ref.year, figure as unknown as BaseFigure, ref.scope);
}

/** What later corrections change in a base figure of a scope, and the positions of the corrections. */
export function correctionOf(
  view: LedgerView,
  year: number,
  figure: BaseFigure,
  scope: FigureRef['scope'],
): { total: Decimal; positions: number[] } {
  let total = ZERO;
  const positions: number[] = [];
  for (const { account } of correctionAccounts(view, { year, figure, scope }, figure)) {
    total = total.plus(account.total);
    positions.push(...account.positions);
  }
  return { total, positions };
}

/** The later corrections of a figure and its value as corrected; null when nothing corrected it. */
export function correctionOverlay(view: LedgerView, ref: FigureRef, value: Decimal): CorrectionOverlay | null {
  if (!isBaseFigure(ref.figure) && !isDerivedFigure(ref.figure)) return null;
  const components: [BaseFigure, 1 | -1][] = isBaseFigure(ref.figure)
    ? [[ref.figure, 1]]
    : (Object.entries(derivedFigures[ref.figure]) as [BaseFigure, 1 | -1][]);
  const rows: (LaterCorrection & { order: number })[] = [];
  let total = ZERO;
  for (const [component, sign] of components)
    for (const { key, account } of correctionAccounts(view, ref, component))
      for (let index = 0; index < account.positions.length; index++) {
        const delta = money(account.deltas[index]!);
        const amount = sign === 1 ? delta : delta.neg();
        total = total.plus(amount);
        const scope = key.slice(0, key.lastIndexOf('|'));
        rows.push({ position: account.positions[index]!, component, sign, account: scope, amount: amount.toFixed(2), order: rows.length });
      }
  if (rows.length === 0) return null;
  rows.sort((a, b) => a.position - b.position || a.order - b.order);
  return {
    laterCorrections: rows.map(({ order: _order, ...row }) => row),
    valueAsCorrected: value.plus(total).toFixed(2),
  };
}
