import fc from 'fast-check';
import type { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { viewAsOfPosition } from '../projections/as-of.js';
import { explainFigurePaged } from '../projections/explain-page.js';
import { accountsOf } from '../projections/figure-accounts.js';
import { derivedFigures, isBaseFigure, type BaseFigure, type Figure } from '../projections/figures.js';
import { LedgerView, type FoldEvent } from '../projections/ledger-view.js';
import { balancesReport, explainFigure, frameFigureOrder, frameReport } from '../projections/queries.js';
import { ZERO, money } from '../src/domain/money.js';

/**
 * Figures, balances and explanation pages of the whole year come from the year's figure
 * indexes in øre (projections/figure-index.ts), now and as of any position. They must be
 * exactly what summing the accounts' postings with `Decimal` gives — on ordinary amounts,
 * and on amounts so large their sums leave what a number holds exactly, where the
 * indexes step aside for `Decimal`.
 */

type Step = { kind: 'receipt' | 'spending' | 'correction' | 'grant'; initiative: number; ore: bigint };

/** Events folded straight into a view (the fold trusts what it is given). */
function viewOf(steps: Step[]): LedgerView {
  const view = new LedgerView();
  steps.forEach((step, index) => {
    const position = index + 1;
    const amount = `${step.ore < 0n ? '-' : ''}${(step.ore < 0n ? -step.ore : step.ore) / 100n}.${String((step.ore < 0n ? -step.ore : step.ore) % 100n).padStart(2, '0')}`;
    const initiativeId = `tiltak-${step.initiative}`;
    const event = {
      receipt: { type: 'FundsReceived', data: { year: 2030, amount, reference: 'Tilskudd', receivedOn: '2030-01-15' } },
      spending: { type: 'SpendingReported', data: { year: 2030, initiativeId, amount, reference: 'Regnskap' } },
      correction: {
        type: 'SpendingCorrected',
        data: { year: 2030, initiativeId, amountChange: amount, correctsEventId: '01J', reason: 'Feil' },
      },
      grant: {
        type: 'GrantAwarded',
        data: {
          grantId: `g${position}`,
          initiativeId,
          year: 2030,
          amountTotal: amount,
          instalments: [{ year: 2030, amount }],
          authority: { caseNumber: '01.30', pointNumber: 1 },
        },
      },
    }[step.kind] as Pick<FoldEvent, 'type' | 'data'>;
    view.apply({ ...event, position, hash: `h${position}`, metadata: { effectiveDate: '2030-03-01' } } as FoldEvent);
  });
  return view;
}

/** A figure of the whole year, summed with `Decimal` from the accounts' postings as strings. */
function decimalFigure(view: LedgerView, figure: Figure): Decimal {
  const components = (isBaseFigure(figure) ? { [figure]: 1 } : derivedFigures[figure as keyof typeof derivedFigures]) as Record<
    string,
    number
  >;
  let total = ZERO;
  for (const [component, sign] of Object.entries(components))
    for (const { account } of accountsOf(view, 2030, component as BaseFigure, { kind: 'total' }))
      for (const delta of account.deltas) total = total.plus(money(delta).mul(sign));
  return total;
}

function checkAgainstDecimal(view: LedgerView): void {
  const frame = frameReport(view, 2030);
  for (const figure of frameFigureOrder)
    if (isBaseFigure(figure) || figure in derivedFigures)
      expect(frame.figures[figure], figure).toBe(decimalFigure(view, figure).toFixed(2));
  const balances = balancesReport(view, 2030);
  for (const figure of ['spent', 'granted'] as const)
    expect(balances.total.figures[figure], figure).toBe(decimalFigure(view, figure).toFixed(2));
  for (const figure of ['spent', 'available', 'availableToSpend'] as const) {
    const ref = { year: 2030, figure, scope: { kind: 'total' as const } };
    const { rows, ...head } = explainFigure(view, ref);
    const paged = explainFigurePaged(view, ref);
    expect(paged.head).toEqual(head);
    expect(paged.rows(0, rows.length)).toEqual(rows);
    expect(paged.rows(3, 5)).toEqual(rows.slice(3, 8));
  }
}

const ordinary = fc.bigInt({ min: -5_000_000_00n, max: 50_000_000_00n }).filter((ore) => ore !== 0n);
/** Up to the largest amount the ledger records: sums of a few of these leave 2^53 øre. */
const huge = fc.bigInt({ min: 1n, max: 9_999_999_999_999_999n });
const steps = (amounts: fc.Arbitrary<bigint>) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom('receipt', 'spending', 'correction', 'grant' as const),
      initiative: fc.nat({ max: 4 }),
      ore: amounts,
    }),
    { minLength: 1, maxLength: 60 },
  );

describe('figures of the whole year from its indexes', () => {
  for (const [name, amounts] of [
    ['ordinary amounts', ordinary],
    ['amounts whose sums leave what a number holds exactly', huge],
  ] as const)
    it(`equal Decimal sums of the postings, now and as of every position (${name})`, () => {
      fc.assert(
        fc.property(steps(amounts), fc.nat(), (history, pick) => {
          const live = viewOf(history);
          checkAgainstDecimal(live);
          // As of a position: read from prefixes of the live indexes (the position's own full fold is the oracle's input).
          const position = pick % (history.length + 1);
          const asOf = viewAsOfPosition(live, position);
          const folded = viewOf(history.slice(0, position));
          expect(frameReport(asOf, 2030)).toEqual(frameReport(folded, 2030));
          checkAgainstDecimal(asOf);
        }),
        { numRuns: 150 },
      );
    });
});
