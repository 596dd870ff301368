import type { LedgerEvent } from '../events/catalogue.js';
import { ZERO, formatAmount, money } from '../src/domain/money.js';
import { describeEvent, type Words } from './describe.js';
import type { InitiativeFigure, YearFigure } from './figures.js';
import type { LedgerView } from './ledger-view.js';

/**
 * All money decided under a case: every grant, plan change, adjustment, release, reserve
 * fund, draw and prior-year adjustment that cites one of its points, in log order, each
 * with the figure that explains it (year, figure, scope).
 */
export interface CaseDecision {
  position: number;
  eventId: string;
  eventType: LedgerEvent['type'];
  effectiveDate: string;
  pointNumber: number | null;
  year: number;
  /** The amount the decision moved (signed for changes); for a grant its total. */
  amount: string;
  initiativeId: string | null;
  grantId: string | null;
  description: Words;
  explain: { year: number; figure: InitiativeFigure | YearFigure; scope: string };
}

/** The decisions of a case from the events that cite it (`CaseView.citedBy`). */
export function caseDecisions(view: LedgerView, events: readonly LedgerEvent[]): CaseDecision[] {
  return events.flatMap((event) => {
    const decision = decisionOf(view, event);
    return decision ? [decision] : [];
  });
}

function decisionOf(view: LedgerView, event: LedgerEvent): CaseDecision | null {
  const base = {
    position: event.position,
    eventId: event.id,
    eventType: event.type,
    effectiveDate: event.metadata.effectiveDate,
    description: describeEvent(event, view),
  };
  const initiative = (id: string) => `initiative:${id}`;
  switch (event.type) {
    case 'GrantAwarded': {
      const { data } = event;
      const figure = data.fundedBy === 'reserve-fund' ? 'grantedFromReserve' : 'granted';
      const where = { initiativeId: data.initiativeId, grantId: data.grantId, pointNumber: data.authority.pointNumber };
      return {
        ...base,
        ...where,
        year: data.year,
        amount: data.amountTotal,
        explain: { year: data.year, figure, scope: initiative(data.initiativeId) },
      };
    }
    case 'GrantPlanChanged':
    case 'GrantAdjusted': {
      const { data } = event;
      const year = data.year;
      const amount = event.type === 'GrantAdjusted' ? event.data.amountChange : planDelta(event.data.instalments);
      const figure = view.grants.get(data.grantId)?.year === year ? 'granted' : 'committed';
      const where = { initiativeId: data.initiativeId, grantId: data.grantId, pointNumber: data.authority.pointNumber };
      return { ...base, ...where, year, amount, explain: { year, figure, scope: initiative(data.initiativeId) } };
    }
    case 'FundsReleased':
    case 'EarmarkedFundsReleased': {
      const { data } = event;
      const grantId = event.type === 'FundsReleased' ? event.data.grantId : null;
      const where = { initiativeId: data.initiativeId, grantId, pointNumber: data.authority?.pointNumber ?? null };
      return {
        ...base,
        ...where,
        year: data.year,
        amount: data.amount,
        explain: { year: data.year, figure: 'released', scope: initiative(data.initiativeId) },
      };
    }
    case 'ReserveFundEstablished': {
      const { data } = event;
      const where = { initiativeId: null, grantId: null, pointNumber: data.authority.pointNumber };
      return { ...base, ...where, year: data.year, amount: data.amount, explain: { year: data.year, figure: 'reserved', scope: 'total' } };
    }
    case 'PriorYearAdjustmentRecorded': {
      const { data } = event;
      const earmark = data.target.kind === 'earmark' ? data.target.initiativeId : null;
      const explain = earmark
        ? { year: data.year, figure: 'earmarkedCarriedIn' as const, scope: initiative(earmark) }
        : { year: data.year, figure: 'priorYearAdjustment' as const, scope: 'total' };
      const where = { initiativeId: earmark, grantId: null, pointNumber: data.authority.pointNumber };
      return { ...base, ...where, year: data.year, amount: data.amountChange, explain };
    }
    default:
      return null;
  }
}

/** The net change of a plan (after − before over its years). */
function planDelta(instalments: readonly { amountBefore: string; amountAfter: string }[]): string {
  let delta = ZERO;
  for (const instalment of instalments) delta = delta.plus(money(instalment.amountAfter)).minus(money(instalment.amountBefore));
  return formatAmount(delta);
}
