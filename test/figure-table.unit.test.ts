import { describe, expect, it } from 'vitest';
import { figureTable, type FigureList, type FigureRow } from '../projections/figure-table.js';
import { allFigures, figureList, figuresIn, grantFigures, isBaseFigure } from '../projections/figures.js';

/**
 * The figure table (projections/figure-table.ts) is the one place a figure is declared:
 * every list of figures the ledger shows is read from it. These checks catch a row that
 * would show a figure twice, in no defined order, or where its amount cannot be found.
 */

const rows = Object.entries(figureTable) as [string, FigureRow][];
const lists: FigureList[] = [
  'frame',
  'balances',
  'allocation',
  'yearSummary',
  'yearInitiatives',
  'overviewFrame',
  'overviewChart',
  'overviewBalances',
];

describe('the figure table', () => {
  it('gives every figure of a list a place of its own, so the list has one order', () => {
    for (const list of lists) {
      const places = rows.flatMap(([, row]) => {
        const place = row.shownIn[list];
        return place === undefined ? [] : [typeof place === 'number' ? place : place.at];
      });
      expect(new Set(places).size, list).toBe(places.length);
    }
  });

  it('makes every derived figure of base figures only, so it can be explained down to the postings', () => {
    for (const [figure, row] of rows)
      if (typeof row.made === 'object')
        for (const component of Object.keys(row.made)) expect(isBaseFigure(component), `${figure}: ${component}`).toBe(true);
  });

  it('puts every figure kept for the whole year only in the frame report, and no figure kept per initiative in it twice', () => {
    const frame = figuresIn('frame');
    for (const [figure, row] of rows) if (row.per === 'year') expect(frame, figure).toContain(figure);
    expect(new Set(frame).size).toBe(frame.length);
  });

  it("shows in the page's year tables only figures the frame report has, and in its initiative tables only figures the balances have", () => {
    const frame = figuresIn('frame');
    for (const list of ['yearSummary', 'overviewFrame', 'overviewChart'] as const)
      for (const figure of figuresIn(list)) expect(frame, list).toContain(figure);
    const balances = figuresIn('balances');
    for (const figure of balances) expect(figureTable[figure].per, figure).toBe('initiative');
    for (const list of ['yearInitiatives', 'overviewBalances'] as const)
      for (const figure of figuresIn(list)) expect(balances, list).toContain(figure);
  });

  it("ends the allocation table's frame lines with the buffer, and lists the frame after what it is made of", () => {
    const lines = figureList('allocation');
    const keys = lines.map(({ line }) => line);
    expect(keys.at(-1)).toBe('buffer');
    for (const component of Object.keys(figureTable.frame.made))
      if (keys.includes(component)) expect(keys.indexOf(component), component).toBeLessThan(keys.indexOf('frame'));
    expect(lines.filter(({ sum }) => sum).map(({ line }) => line)).toEqual(['frame', 'buffer']);
  });

  it('counts as granted only base figures kept per initiative, so what was granted in a year adds up per initiative', () => {
    expect(grantFigures).toContain('granted');
    for (const figure of grantFigures)
      expect([figureTable[figure].made, figureTable[figure].per], figure).toEqual(['postings', 'initiative']);
  });

  it('names every figure once, in the order `ledger figures` lists them', () => {
    expect(allFigures).toEqual(Object.keys(figureTable));
    expect(allFigures.slice(0, 3)).toEqual(['received', 'remainderCarriedIn', 'releasedCarriedIn']);
  });
});
