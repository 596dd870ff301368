import { money } from '../src/domain/money.js';
import type { EventDataOf } from '../events/catalogue.js';
import type { BaseFigure } from './figures.js';
import type { AccountScope, FoldEvent, LedgerView } from './ledger-view.js';

/**
 * A correction of a closed year (rettelse) in the view. The closed year stays sealed:
 * its figures keep their postings, and what the correction changes in it is posted to
 * correction accounts beside them (`<scope>|<figure>:corrected`), so an explanation of a
 * closed year's figure shows the sealed figure, each later correction, and the figure
 * as corrected. What the correction moves in the open year is posted by its own
 * prior-year adjustments. The corrected grant's plan is the plan as corrected.
 */

type Change = EventDataOf<'ClosedYearCorrected'>['changes'][number];

/** The postings a correction makes beside a closed year's figures, per closed year it changes. */
function postingsOf(view: LedgerView, data: EventDataOf<'ClosedYearCorrected'>, change: Change): [AccountScope, BaseFigure, 1 | -1][] {
  const { subject } = data;
  switch (subject.kind) {
    case 'grant': {
      const initiative: AccountScope = `initiative:${subject.initiativeId}`;
      const source: BaseFigure = subject.fundedBy === 'reserve-fund' ? 'reserveCarriedOut' : 'remainderCarriedOut';
      return [
        [initiative, view.grantFigure(subject.grantId, change.year), 1],
        ['year', source, -1],
        [initiative, 'earmarkedCarriedOut', 1],
      ];
    }
    case 'receipt':
      return [
        ['year', 'received', 1],
        ['year', 'remainderCarriedOut', 1],
      ];
    case 'spending':
      return [
        [`initiative:${subject.initiativeId}`, 'spent', 1],
        [`initiative:${subject.initiativeId}`, 'earmarkedCarriedOut', -1],
      ];
    case 'release':
      return [
        [`initiative:${subject.initiativeId}`, 'released', 1],
        ['year', 'releasedCarriedOut', 1],
        [`initiative:${subject.initiativeId}`, 'earmarkedCarriedOut', -1],
      ];
  }
}

export function closedYearCorrected(view: LedgerView, { data, position }: Extract<FoldEvent, { type: 'ClosedYearCorrected' }>): void {
  if (data.authority) view.cases.get(data.authority.caseNumber)?.citedBy.push(position);
  view.touch(data.year, position);
  for (const change of data.changes) {
    const delta = money(change.amountAfter).minus(money(change.amountBefore));
    view.touch(change.year, position);
    for (const [scope, figure, sign] of postingsOf(view, data, change))
      view.postCorrection(change.year, scope, figure, position, sign === 1 ? delta : delta.neg());
  }
  if (data.subject.kind === 'grant') correctGrantPlan(view, data.subject.grantId, data.changes, position);
}

/** The grant's plan as corrected: its closed instalments as they stand now (its earlier plan kept for as-of views). */
function correctGrantPlan(view: LedgerView, grantId: string, changes: readonly Change[], position: number): void {
  const grant = view.grants.get(grantId);
  if (!grant) return;
  view.history.keepEarlier('grant', grantId, position, { instalments: grant.instalments, amountTotal: grant.amountTotal });
  grant.instalments = grant.instalments.map((instalment) => {
    const change = changes.find((candidate) => candidate.year === instalment.year);
    return change ? { ...instalment, amount: change.amountAfter } : instalment;
  });
  let total = money('0');
  for (const instalment of grant.instalments) total = total.plus(money(instalment.amount));
  grant.amountTotal = total.toFixed(2);
  grant.changes.push(position);
}
