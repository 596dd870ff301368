/**
 * The figures the read side reports, and how they relate, as the figure table
 * (projections/figure-table.ts) states them: the names, kinds, labels and lists every
 * other module reads.
 */
import { figureTable, type DecidedAs, type FigureList, type FigureRow, type Label } from './figure-table.js';

type Table = typeof figureTable;
export type Figure = keyof Table;
/** Base figures kept per year for the whole frame. */
export type YearFigure = { [F in Figure]: Table[F] extends { made: 'postings'; per: 'year' } ? F : never }[Figure];
/** Base figures kept per initiative (or per proposal of a new initiative). */
export type InitiativeFigure = { [F in Figure]: Table[F] extends { made: 'postings'; per: 'initiative' } ? F : never }[Figure];
export type BaseFigure = YearFigure | InitiativeFigure;
export type DerivedFigure = { [F in Figure]: Table[F]['made'] extends string ? never : F }[Figure];

const rows: [Figure, FigureRow][] = Object.entries(figureTable) as [Figure, FigureRow][];

export const allFigures: Figure[] = rows.map(([figure]) => figure);

export const initiativeFigures = rows
  .filter(([, row]) => row.made === 'postings' && row.per === 'initiative')
  .map(([figure]) => figure as InitiativeFigure);

/**
 * The figures a grant posts to, by its award and its later changes: granted from the year's
 * frame, committed to the year by an earlier decision, or drawn from the reserve fund. What
 * was granted in a year is their sum; a case summary shows any other posting to them as a
 * change of a grant.
 */
export const grantFigures = rows.filter(([, row]) => row.decidedAs === 'grant-change').map(([figure]) => figure as InitiativeFigure);

/** Derived figures as signed sums of base figures. */
export const derivedFigures = Object.fromEntries(
  rows.filter(([, row]) => typeof row.made === 'object').map(([figure, row]) => [figure, row.made]),
) as {
  [F in DerivedFigure]: Partial<Record<BaseFigure, 1 | -1>>;
};

/** Labels in Norwegian (bokmål) and English, for tables and explanations. */
export const figureLabels = Object.fromEntries(rows.map(([figure, row]) => [figure, row.label])) as Record<Figure, Label>;

const rowOf = (figure: string): FigureRow | undefined =>
  Object.prototype.hasOwnProperty.call(figureTable, figure) ? (figureTable as Record<string, FigureRow>)[figure] : undefined;

export function isYearFigure(figure: string): figure is YearFigure {
  const row = rowOf(figure);
  return row?.made === 'postings' && row.per === 'year';
}

export function isBaseFigure(figure: string): figure is BaseFigure {
  return rowOf(figure)?.made === 'postings';
}

export function isDerivedFigure(figure: string): figure is DerivedFigure {
  return typeof rowOf(figure)?.made === 'object';
}

/** Whether a figure is kept for the whole year only (scope total), not per programme area, initiative or proposal. */
export const isYearOnly = (figure: Figure): boolean => figureTable[figure].per === 'year';

/** Whether a figure is a sum, whose line stands out where figures are listed. */
export const isSumFigure = (figure: string): boolean => rowOf(figure)?.sum === true;

/** The kind of money line a posting to a base figure is in the case summary, if a case's decision can post to it. */
export const decidedAs = (figure: string): DecidedAs | undefined => rowOf(figure)?.decidedAs;

/** A figure as a list shows it: its key in the list (the figure's name unless it shows as another line), label, and whether it is left out while zero. */
export interface ListedFigure {
  figure: Figure;
  line: string;
  label: Label;
  unlessZero: boolean;
  sum: boolean;
}

/** The figures a list shows, in its order. */
export function figureList(list: FigureList): ListedFigure[] {
  const placed: (ListedFigure & { at: number })[] = [];
  for (const [figure, row] of rows) {
    const place = row.shownIn[list];
    if (place === undefined) continue;
    const { at, unlessZero, as } = typeof place === 'number' ? { at: place, unlessZero: false, as: undefined } : place;
    placed.push({
      figure,
      at,
      line: as?.line ?? figure,
      label: as?.label ?? row.label,
      unlessZero: unlessZero === true,
      sum: row.sum === true,
    });
  }
  return placed.sort((a, b) => a.at - b.at).map(({ at: _at, ...listed }) => listed);
}

/** The figures a list shows, in its order. */
export const figuresIn = (list: FigureList): Figure[] => figureList(list).map(({ figure }) => figure);

/**
 * A base figure of a closed year as later corrections have it (rettelser): their postings
 * are kept in accounts of their own, `<scope>|<figure>:corrected`, so the sealed figure
 * never changes and the corrected one is the two added (projections/corrections.ts).
 */
export type CorrectionFigure = `${BaseFigure}:corrected`;
export const correctionFigure = (figure: BaseFigure): CorrectionFigure => `${figure}:corrected`;

/** The base figure a correction figure corrects (`granted:corrected` → `granted`), or null for any other name. */
function correctedBaseFigure(figure: string): BaseFigure | null {
  if (!figure.endsWith(':corrected')) return null;
  const base = figure.slice(0, -':corrected'.length);
  return isBaseFigure(base) ? base : null;
}

/** The words of any figure a posting can have, a correction of a closed year's figure too. */
export function figureWords(figure: string): { nb: string; en: string } {
  const base = correctedBaseFigure(figure);
  if (base !== null) return { nb: `${figureLabels[base].nb} (rettelse)`, en: `${figureLabels[base].en} (correction)` };
  return (figureLabels as Record<string, { nb: string; en: string }>)[figure] ?? { nb: figure, en: figure };
}

/**
 * Which part of the ledger a figure is about:
 * the whole year, a programme area, an initiative, the proposals that have no
 * programme area yet, or one such proposal.
 */
export type Scope =
  | { kind: 'total' }
  | { kind: 'programme-area'; programmeAreaId: string }
  | { kind: 'initiative'; initiativeId: string }
  | { kind: 'unassigned' }
  | { kind: 'proposal'; proposalId: string };

export interface FigureRef {
  year: number;
  figure: Figure;
  scope: Scope;
}

/** Parses `total`, `programme-area:ID`, `initiative:ID`, `unassigned` or `proposal:ID`. */
export function parseScope(text: string): Scope | null {
  if (text === 'total') return { kind: 'total' };
  if (text === 'unassigned') return { kind: 'unassigned' };
  const [kind, id] = text.split(/:(.*)/s) as [string, string | undefined];
  if (!id) return null;
  if (kind === 'programme-area') return { kind: 'programme-area', programmeAreaId: id };
  if (kind === 'initiative') return { kind: 'initiative', initiativeId: id };
  if (kind === 'proposal') return { kind: 'proposal', proposalId: id };
  return null;
}
