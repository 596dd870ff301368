import { derivedFigures, isBaseFigure, isDerivedFigure, type BaseFigure, type Figure } from './figures.js';
import { figureIndexOf } from './figure-index.js';
import type { LedgerView } from './ledger-view.js';
import { InexactSum, addOre, formatOre } from './ore.js';

/**
 * Figures for the whole year in øre, from the year's figure indexes
 * (projections/figure-index.ts): a base figure is the sum of its index (as of a position,
 * of a prefix of the live one), a derived one the signed sum of those. Throws
 * `InexactSum` where an amount or a sum does not fit in øre exactly: the caller then
 * computes the figure with `Decimal` (see `exactly`).
 */

/** A base figure of the whole year, in øre. */
export function yearTotalOre(view: LedgerView, year: number, figure: BaseFigure): number {
  const book = view.years.get(year);
  if (!book) return 0;
  const index = figureIndexOf(book, figure);
  if (!index.exact) throw new InexactSum();
  return index.total;
}

/** Any figure of the whole year, in øre. */
function figureOreOfYear(view: LedgerView, year: number, figure: Figure): number {
  if (isBaseFigure(figure)) return yearTotalOre(view, year, figure);
  if (isDerivedFigure(figure)) {
    let total = 0;
    for (const [component, sign] of Object.entries(derivedFigures[figure]) as [BaseFigure, 1 | -1][])
      total = addOre(total, sign * yearTotalOre(view, year, component));
    return total;
  }
  const of = (base: BaseFigure) => yearTotalOre(view, year, base);
  const frame = figureOreOfYear(view, year, 'frame');
  if (figure === 'requestedOverFrame') return Math.max(0, addOre(of('requested'), -frame));
  // availableIfRecommendationAdopted: frame + expected − reserved − committed − the larger of granted and recommended.
  const decided = Math.max(of('granted'), of('recommended'));
  return [of('expectedReceipt'), -of('reserved'), -of('committed'), -decided].reduce(addOre, frame);
}

/** The figures of a year's frame, in `order`, as canonical decimal strings. */
export function frameFiguresOre(view: LedgerView, year: number, order: readonly Figure[]): Record<string, string> {
  const figures: Record<string, string> = {};
  for (const figure of order) figures[figure] = formatOre(figureOreOfYear(view, year, figure));
  return figures;
}
