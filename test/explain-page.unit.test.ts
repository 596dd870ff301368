import { describe, expect, it } from 'vitest';
import { explainFigurePaged } from '../projections/explain-page.js';
import { LedgerView, type FoldEvent } from '../projections/ledger-view.js';
import { explainFigure } from '../projections/queries.js';

/** Spending reports and receipts folded straight into a view (the fold trusts what it is given). */
function viewWith(count: number): LedgerView {
  const view = new LedgerView();
  for (let position = 1; position <= count; position++) {
    const event = (
      position % 7 === 0
        ? { type: 'FundsReceived', data: { year: 2030, amount: `${position}.07`, reference: 'Tilskudd', receivedOn: '2030-01-15' } }
        : {
            type: 'SpendingReported',
            data: {
              year: 2030,
              initiativeId: `tiltak-${position % 5}`,
              amount: `${position * 3}.${String(position % 100).padStart(2, '0')}`,
              reference: 'Regnskap',
            },
          }
    ) as Pick<FoldEvent, 'type' | 'data'>;
    view.apply({ ...event, position, hash: `h${position}`, metadata: { effectiveDate: '2030-03-01' } } as FoldEvent);
  }
  return view;
}

describe('an explanation written a page at a time', () => {
  const view = viewWith(1500);
  for (const figure of ['spent', 'available', 'availableToSpend', 'availableIfRecommendationAdopted'] as const)
    it(`has the rows of the whole explanation of ${figure}, on every page and across its kept balances`, () => {
      const ref = { year: 2030, figure, scope: { kind: 'total' as const } };
      const { rows, ...head } = explainFigure(view, ref);
      const paged = explainFigurePaged(view, ref);
      expect(paged.head).toEqual(head);
      expect(paged.rowCount).toBe(rows.length);
      // Out of order on purpose: a later page first, then earlier ones, then across the balances kept every 256 rows.
      for (const [offset, count] of [
        [900, 100],
        [0, 100],
        [255, 2],
        [256, 1],
        [257, 300],
        [1200, 1000],
        [5000, 10],
        [0, rows.length],
      ] as const)
        expect(paged.rows(offset, count), `rows ${offset}+${count}`).toEqual(rows.slice(offset, offset + count));
    });
});
