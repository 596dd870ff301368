import type { Decimal } from 'decimal.js';
import { Map as ImmutableMap } from 'immutable';
import type { LedgerEvent } from '../../events/catalogue.js';
import { DatedBalance } from '../domain/dated-balance.js';
import { ZERO, money } from '../domain/money.js';
import { applyClosedYearCorrection } from './closed-corrections.js';
import {
  applyGrantAdjusted,
  applyGrantAwarded,
  applyGrantPlanChanged,
  applyInitiativeChange,
  applyReleased,
  applySpending,
} from './year-grants.js';
import { evolveOpening } from './year-opening.js';

/** The stream of one year's funds: `year-2025`. */
export function yearStream(year: number): string {
  return `year-${year}`;
}

/**
 * The streams a year's state is folded from. A multi-year grant lives in the stream of
 * its first year and lasts at most three years, and the settlement that carries money
 * into a year lives in the year before; so year T reads T−2, T−1 and T.
 */
export function yearStateStreams(year: number): string[] {
  return [yearStream(year - 2), yearStream(year - 1), yearStream(year)];
}

/** How the money to pay a grant is found: the year's frame, or the reserve fund. */
export type FundedBy = 'frame' | 'reserve-fund';

/** A grant as seen from one year: its instalment for that year and what happened to it. */
export interface GrantInYear {
  readonly grantId: string;
  readonly initiativeId: string;
  /** The year the grant was awarded in (its first instalment's year). */
  readonly awardYear: number;
  /** This year's instalment as awarded, and as plan changes left it. */
  readonly instalment: Decimal;
  /** Signed adjustments of this year's instalment. */
  readonly adjusted: Decimal;
  readonly released: Decimal;
  readonly awardEventId: string | null;
  readonly awardedOn: string | null;
  readonly fundedBy: FundedBy;
  /** The point its award cited, as `caseNumber#pointNumber` (null for a grant seen only through a later event). */
  readonly authorityKey: string | null;
  /** instalment + adjusted − released, dated: what can still be lowered or released. */
  readonly unreleased: DatedBalance;
}

/** An initiative's money in one year. */
export interface InitiativeInYear {
  readonly earmarkedIn: Decimal;
  readonly earmarkReleased: Decimal;
  readonly spent: Decimal;
  /** What the settlement carried out of this year, earmarked for it in the next. */
  readonly earmarkedOut: Decimal;
  /** What it may still spend (availableToSpend), dated: grants, earmarked funds and corrections less releases and spending. */
  readonly funds: DatedBalance;
}

/** A year before this one as the rules see it: whether anything happened in it, and when it was settled. */
interface EarlierYear {
  readonly hasActivity: boolean;
  readonly closedOn: string | null;
}

/**
 * Everything the rules need to know about the funds of one year.
 * - frame (ramme): received + remainder and released funds carried in + prior-year adjustments;
 * - available: frame − granted − committed (later instalments of earlier grants) − reserved,
 *   kept with the date of every change so it can be asked how it stood on any day.
 */
export interface YearState {
  readonly year: number;
  /** The settlement's effective date, once the year is closed. */
  readonly closedOn: string | null;
  readonly previousYear: EarlierYear;
  readonly yearBeforePrevious: EarlierYear;
  /** The latest effective date of an event in this year's own stream. */
  readonly lastEventOn: string | null;
  readonly received: DatedBalance;
  readonly receipts: ImmutableMap<string, { amount: Decimal; receivedOn: string }>;
  /**
   * The expectations recorded for this year, in the order recorded: as of a date, the last
   * one recorded of those in effect by then counts (a later forecast replaces an earlier one,
   * as the frame view shows it).
   */
  readonly expectations: readonly { on: string; amount: Decimal }[];
  /** The receipts of the two years before, dated: the default expectation is the latest of them. */
  readonly previousReceived: DatedBalance;
  readonly yearBeforePreviousReceived: DatedBalance;
  readonly remainderCarriedIn: Decimal;
  readonly releasedCarriedIn: Decimal;
  readonly priorYearAdjustment: Decimal;
  readonly reserveCarriedIn: Decimal;
  readonly reserved: Decimal;
  /** The points that established a reserve fund in this year. */
  readonly reserveAuthorities: ImmutableMap<string, true>;
  readonly reserveBalance: DatedBalance;
  readonly available: DatedBalance;
  readonly grants: ImmutableMap<string, GrantInYear>;
  readonly initiatives: ImmutableMap<string, InitiativeInYear>;
  readonly spendingReports: ImmutableMap<string, { initiativeId: string; reportedOn: string; amount: Decimal }>;
  /** What has been granted into this year under each point, by `caseNumber#point|initiativeId`. */
  readonly authorityUse: ImmutableMap<string, Decimal>;
  /** Released grant funds and released earmarked funds: they go into the next frame at the settlement. */
  readonly releasedTotal: Decimal;
  /** The remainder the settlement carried out of this year into the next frame. */
  readonly remainderCarriedOut: Decimal;
  /** Each release of the year (of a grant's funds, or of earmarked funds when `grantId` is null), by event id. */
  readonly releases: ImmutableMap<string, { initiativeId: string; grantId: string | null; amount: Decimal; releasedOn: string }>;
  /**
   * What corrections of closed years recorded in this year's own stream changed (see
   * src/year/closed-year/): by `figure|<event id>|<year>` the corrected event's
   * figure in a closed year, by `remainder|<year>` the remainder that year should have
   * carried out, by `carried|<year>|<initiative>` the earmark it should have carried out.
   */
  readonly closedCorrections: ImmutableMap<string, Decimal>;
  /** The events of an opening balance this year holds, by id: the initiative a line is about, null for the year's own figures. */
  readonly openingEvents: ImmutableMap<string, string | null>;
}

const NOTHING_YET: EarlierYear = { hasActivity: false, closedOn: null };

export function initialYearState(year: number): YearState {
  return {
    year,
    closedOn: null,
    previousYear: NOTHING_YET,
    yearBeforePrevious: NOTHING_YET,
    lastEventOn: null,
    received: DatedBalance.EMPTY,
    receipts: ImmutableMap(),
    expectations: [],
    previousReceived: DatedBalance.EMPTY,
    yearBeforePreviousReceived: DatedBalance.EMPTY,
    remainderCarriedIn: ZERO,
    releasedCarriedIn: ZERO,
    priorYearAdjustment: ZERO,
    reserveCarriedIn: ZERO,
    reserved: ZERO,
    reserveAuthorities: ImmutableMap(),
    reserveBalance: DatedBalance.EMPTY,
    available: DatedBalance.EMPTY,
    grants: ImmutableMap(),
    initiatives: ImmutableMap(),
    spendingReports: ImmutableMap(),
    authorityUse: ImmutableMap(),
    releasedTotal: ZERO,
    remainderCarriedOut: ZERO,
    releases: ImmutableMap(),
    closedCorrections: ImmutableMap(),
    openingEvents: ImmutableMap(),
  };
}

export const frameOf = (state: YearState): Decimal =>
  state.received.total.plus(state.remainderCarriedIn).plus(state.releasedCarriedIn).plus(state.priorYearAdjustment);

/** The next year state after a committed event of any of its streams; the state given is left as it was. */
export function evolveYear(state: YearState, event: LedgerEvent): YearState {
  const marked = markActivity(state, event);
  const on = event.metadata.effectiveDate;
  switch (event.type) {
    case 'FundsReceived':
      return applyReceipt(marked, event.data.year, event.id, on, money(event.data.amount));
    case 'ReceiptCorrected':
      return applyReceipt(marked, event.data.year, event.metadata.corrects ?? null, on, money(event.data.amountChange));
    case 'ExpectedReceiptRecorded':
      if (event.data.year !== state.year) return marked;
      return { ...marked, expectations: [...marked.expectations, { on, amount: money(event.data.amount) }] };
    case 'GrantAwarded':
      return applyGrantAwarded(marked, event, on);
    case 'GrantPlanChanged':
      return applyGrantPlanChanged(marked, event, on);
    case 'GrantAdjusted':
      return event.data.year === state.year ? applyGrantAdjusted(marked, event, on) : marked;
    case 'FundsReleased':
    case 'EarmarkedFundsReleased':
      return event.data.year === state.year ? applyReleased(marked, event, on) : marked;
    case 'SpendingReported':
    case 'SpendingCorrected':
      return event.data.year === state.year ? applySpending(marked, event, on) : marked;
    case 'ReserveFundEstablished':
      return event.data.year === state.year ? applyReserveFund(marked, event.data, on) : marked;
    default:
      return evolveSettlementAndCorrections(marked, event, on);
  }
}

function evolveSettlementAndCorrections(state: YearState, event: LedgerEvent, on: string): YearState {
  const { year } = state;
  switch (event.type) {
    case 'RemainderCarriedForward':
    case 'ReleasedFundsCarriedForward': {
      if (event.type === 'RemainderCarriedForward' && event.data.fromYear === year)
        return { ...state, remainderCarriedOut: state.remainderCarriedOut.plus(money(event.data.amount)) };
      if (event.data.toYear !== year) return state;
      const amount = money(event.data.amount);
      const field = event.type === 'RemainderCarriedForward' ? 'remainderCarriedIn' : 'releasedCarriedIn';
      return { ...state, [field]: state[field].plus(amount), available: state.available.add(on, amount) };
    }
    case 'EarmarkedFundsCarriedOver': {
      const amount = money(event.data.amount);
      if (event.data.toYear === year)
        return applyInitiativeChange(state, event.data.initiativeId, on, amount, (initiative) => ({
          earmarkedIn: initiative.earmarkedIn.plus(amount),
        }));
      if (event.data.fromYear === year)
        return applyInitiativeChange(state, event.data.initiativeId, on, amount.neg(), (initiative) => ({
          earmarkedOut: initiative.earmarkedOut.plus(amount),
        }));
      return state;
    }
    case 'ReserveFundCarriedOver': {
      const amount = money(event.data.amount);
      if (event.data.toYear === year)
        return { ...state, reserveCarriedIn: state.reserveCarriedIn.plus(amount), reserveBalance: state.reserveBalance.add(on, amount) };
      if (event.data.fromYear === year) return { ...state, reserveBalance: state.reserveBalance.add(on, amount.neg()) };
      return state;
    }
    case 'PriorYearAdjustmentRecorded':
      return event.data.year === year ? applyPriorYearAdjustment(state, event.data, on) : state;
    case 'ClosedYearCorrected':
      return event.data.year === year ? applyClosedYearCorrection(state, event.data) : state;
    case 'YearClosed':
      return applyClosing(state, event.data.year, on);
    default:
      return evolveOpening(state, event, on);
  }
}

/** Whether the years before this one have seen anything: events in their streams, or money carried into them. */
function markActivity(state: YearState, event: LedgerEvent): YearState {
  const { year } = state;
  let next = state;
  if (event.stream === yearStream(year)) {
    const on = event.metadata.effectiveDate;
    if (state.lastEventOn === null || on > state.lastEventOn) next = { ...next, lastEventOn: on };
  }
  const concerns = (earlier: number) =>
    event.stream === yearStream(earlier) || ('toYear' in event.data && event.data.toYear === earlier && event.type !== 'YearClosed');
  if (!next.previousYear.hasActivity && concerns(year - 1)) next = { ...next, previousYear: { ...next.previousYear, hasActivity: true } };
  if (!next.yearBeforePrevious.hasActivity && concerns(year - 2))
    next = { ...next, yearBeforePrevious: { ...next.yearBeforePrevious, hasActivity: true } };
  return next;
}

function applyReceipt(state: YearState, year: number, receiptId: string | null, on: string, amount: Decimal): YearState {
  if (year === state.year - 1) return { ...state, previousReceived: state.previousReceived.add(on, amount) };
  if (year === state.year - 2) return { ...state, yearBeforePreviousReceived: state.yearBeforePreviousReceived.add(on, amount) };
  if (year !== state.year) return state;
  let receipts = state.receipts;
  if (receiptId !== null) {
    const receipt = receipts.get(receiptId);
    receipts = receipts.set(receiptId, receipt ? { ...receipt, amount: receipt.amount.plus(amount) } : { amount, receivedOn: on });
  }
  return { ...state, receipts, received: state.received.add(on, amount), available: state.available.add(on, amount) };
}

function applyReserveFund(state: YearState, data: { amount: string; authority: { caseNumber: string; pointNumber: number } }, on: string) {
  const amount = money(data.amount);
  return {
    ...state,
    reserved: state.reserved.plus(amount),
    reserveAuthorities: state.reserveAuthorities.set(`${data.authority.caseNumber}#${data.authority.pointNumber}`, true as const),
    reserveBalance: state.reserveBalance.add(on, amount),
    available: state.available.add(on, amount.neg()),
  };
}

function applyPriorYearAdjustment(
  state: YearState,
  data: { target: { kind: 'frame' } | { kind: 'earmark'; initiativeId: string } | { kind: 'reserve' }; amountChange: string },
  on: string,
): YearState {
  const change = money(data.amountChange);
  if (data.target.kind === 'frame')
    return { ...state, priorYearAdjustment: state.priorYearAdjustment.plus(change), available: state.available.add(on, change) };
  if (data.target.kind === 'reserve')
    return { ...state, reserveCarriedIn: state.reserveCarriedIn.plus(change), reserveBalance: state.reserveBalance.add(on, change) };
  return applyInitiativeChange(state, data.target.initiativeId, on, change, (initiative) => ({
    earmarkedIn: initiative.earmarkedIn.plus(change),
  }));
}

function applyClosing(state: YearState, closedYear: number, on: string): YearState {
  if (closedYear === state.year) return { ...state, closedOn: on };
  if (closedYear === state.year - 1) return { ...state, previousYear: { ...state.previousYear, closedOn: on } };
  if (closedYear === state.year - 2) return { ...state, yearBeforePrevious: { ...state.yearBeforePrevious, closedOn: on } };
  return state;
}
