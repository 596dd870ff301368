import type { Decimal } from 'decimal.js';
import type { EventDraft, LedgerEvent } from '../../events/catalogue.js';
import type { CommandOf } from '../commands/schemas.js';
import { DomainError } from '../domain/errors.js';
import { ZERO, canonicalAmount, formatAmount, money, splitIntoInstalments, sum } from '../domain/money.js';
import { requireAdoptedPoint, type CaseState } from '../case/case.js';
import { requireInitiative, type RegistryState } from '../registry/registry.js';
import { GENESIS_HASH } from '../store/hash-chain.js';

/** The stream of one year's funds: `year-2025`. */
export function yearStream(year: number): string {
  return `year-${year}`;
}

/**
 * The streams a year's state is folded from. A multi-year grant lives in the stream
 * of its first year and lasts at most three years, and the settlement that carries
 * money into a year lives in the year before; so year T reads T−2, T−1 and T.
 */
export function yearStateStreams(year: number): string[] {
  return [yearStream(year - 2), yearStream(year - 1), yearStream(year)];
}

/** A grant as seen from one year: its instalment for that year and what happened to it. */
export interface GrantInYear {
  grantId: string;
  initiativeId: string;
  firstYear: number;
  /** This year's instalment as awarded. */
  instalment: Decimal;
  /** Signed adjustments of this year's instalment. */
  adjusted: Decimal;
  released: Decimal;
  awardEventId: string | null;
}

/**
 * Everything the rules need to know about the funds of one year (the frame year).
 * - frame (ramme): received + remainder carried in + released funds carried in;
 * - granted: the year's instalments of grants plus adjustments;
 * - available: frame − granted − reserved.
 */
export interface YearState {
  year: number;
  closed: boolean;
  previousYearClosed: boolean;
  previousYearHasEvents: boolean;
  received: Decimal;
  remainderCarriedIn: Decimal;
  releasedCarriedIn: Decimal;
  reserveCarriedIn: Decimal;
  reserved: Decimal;
  reserveAuthorities: Set<string>;
  grants: Map<string, GrantInYear>;
  earmarkedCarriedIn: Map<string, Decimal>;
  spent: Map<string, Decimal>;
  spendingReports: Map<string, { initiativeId: string; amount: Decimal }>;
}

export type YearCommand = CommandOf<
  | 'ReceiveFunds'
  | 'AwardGrant'
  | 'AdjustGrant'
  | 'ReleaseFunds'
  | 'ReportSpending'
  | 'CorrectSpending'
  | 'EstablishReserveFund'
  | 'SettleYear'
>;

export interface YearDecisionContext {
  registry: RegistryState;
  /** Cases cited by the command, by case number. */
  cases: ReadonlyMap<string, CaseState>;
  /** The last event of this year's stream, for the seal of a closing year. */
  streamHead: { revision: number; hash: string } | null;
  /** Whether a later year is closed (no instalment of a multi-year grant, no settlement carries into it). */
  isYearClosed: (year: number) => boolean;
  newId: () => string;
  /** The date the command takes effect. */
  effectiveDate: string;
}

export function initialYearState(year: number): YearState {
  return {
    year,
    closed: false,
    previousYearClosed: false,
    previousYearHasEvents: false,
    received: ZERO,
    remainderCarriedIn: ZERO,
    releasedCarriedIn: ZERO,
    reserveCarriedIn: ZERO,
    reserved: ZERO,
    reserveAuthorities: new Set(),
    grants: new Map(),
    earmarkedCarriedIn: new Map(),
    spent: new Map(),
    spendingReports: new Map(),
  };
}

export const frameOf = (state: YearState): Decimal => state.received.plus(state.remainderCarriedIn).plus(state.releasedCarriedIn);
export const grantedOf = (state: YearState): Decimal =>
  sum([...state.grants.values()].map((grant) => grant.instalment.plus(grant.adjusted)));
export const releasedOf = (state: YearState): Decimal => sum([...state.grants.values()].map((grant) => grant.released));
export const availableOf = (state: YearState): Decimal => frameOf(state).minus(grantedOf(state)).minus(state.reserved);

/** What an initiative may still spend this year: its grants net of releases, plus earmarked funds, less spending. */
export function initiativeAvailableOf(state: YearState, initiativeId: string): Decimal {
  let available = state.earmarkedCarriedIn.get(initiativeId) ?? ZERO;
  for (const grant of state.grants.values())
    if (grant.initiativeId === initiativeId) available = available.plus(grant.instalment).plus(grant.adjusted).minus(grant.released);
  return available.minus(state.spent.get(initiativeId) ?? ZERO);
}

function grantEntry(state: YearState, grantId: string, initiativeId: string, firstYear: number): GrantInYear {
  let grant = state.grants.get(grantId);
  if (!grant) {
    grant = { grantId, initiativeId, firstYear, instalment: ZERO, adjusted: ZERO, released: ZERO, awardEventId: null };
    state.grants.set(grantId, grant);
  }
  return grant;
}

const addTo = (map: Map<string, Decimal>, key: string, amount: Decimal) => map.set(key, (map.get(key) ?? ZERO).plus(amount));

/**
 * Applies a committed event from any of the year's streams, keeping what concerns
 * this year. Mutates `state` in place: states belong to their loader.
 */
export function evolveYear(state: YearState, event: LedgerEvent): YearState {
  const year = state.year;
  if (event.stream === yearStream(year - 1)) state.previousYearHasEvents = true;
  switch (event.type) {
    case 'FundsReceived':
      if (event.data.year === year) state.received = state.received.plus(money(event.data.amount));
      break;
    case 'GrantAwarded': {
      const instalment = event.data.instalments.find((candidate) => candidate.year === year);
      if (instalment) {
        const grant = grantEntry(state, event.data.grantId, event.data.initiativeId, event.data.year);
        grant.instalment = money(instalment.amount);
        grant.awardEventId = event.id;
      }
      break;
    }
    case 'GrantAdjusted':
      if (event.data.year === year) {
        const grant = grantEntry(state, event.data.grantId, event.data.initiativeId, event.data.year);
        grant.adjusted = grant.adjusted.plus(money(event.data.amountChange));
      }
      break;
    case 'FundsReleased':
      if (event.data.year === year) {
        const grant = grantEntry(state, event.data.grantId, event.data.initiativeId, event.data.year);
        grant.released = grant.released.plus(money(event.data.amount));
      }
      break;
    case 'SpendingReported':
      if (event.data.year === year) {
        addTo(state.spent, event.data.initiativeId, money(event.data.amount));
        state.spendingReports.set(event.id, { initiativeId: event.data.initiativeId, amount: money(event.data.amount) });
      }
      break;
    case 'SpendingCorrected':
      if (event.data.year === year) {
        addTo(state.spent, event.data.initiativeId, money(event.data.amountChange));
        const corrected = event.metadata.corrects ? state.spendingReports.get(event.metadata.corrects) : undefined;
        if (corrected) corrected.amount = corrected.amount.plus(money(event.data.amountChange));
      }
      break;
    case 'ReserveFundEstablished':
      if (event.data.year === year) {
        state.reserved = state.reserved.plus(money(event.data.amount));
        state.reserveAuthorities.add(`${event.data.authority.caseNumber}#${event.data.authority.pointNumber}`);
      }
      break;
    case 'RemainderCarriedForward':
      if (event.data.toYear === year) state.remainderCarriedIn = state.remainderCarriedIn.plus(money(event.data.amount));
      break;
    case 'ReleasedFundsCarriedForward':
      if (event.data.toYear === year) state.releasedCarriedIn = state.releasedCarriedIn.plus(money(event.data.amount));
      break;
    case 'EarmarkedFundsCarriedOver':
      if (event.data.toYear === year) addTo(state.earmarkedCarriedIn, event.data.initiativeId, money(event.data.amount));
      break;
    case 'ReserveFundCarriedOver':
      if (event.data.toYear === year) state.reserveCarriedIn = state.reserveCarriedIn.plus(money(event.data.amount));
      break;
    case 'YearClosed':
      if (event.data.year === year) state.closed = true;
      if (event.data.year === year - 1) state.previousYearClosed = true;
      break;
    default:
      break;
  }
  return state;
}

export function decideYear(command: YearCommand, state: YearState, context: YearDecisionContext): EventDraft[] {
  if (state.closed)
    throw new DomainError('year-closed', `${state.year} is settled and closed; nothing more is recorded in it`, { year: state.year });
  switch (command.type) {
    case 'ReceiveFunds':
      return [
        {
          type: 'FundsReceived',
          data: { year: state.year, amount: canonicalAmount(command.amount), reference: command.reference, receivedOn: command.receivedOn },
        },
      ];
    case 'AwardGrant': {
      const grantId = command.grantId ?? context.newId().toLowerCase();
      if (state.grants.has(grantId)) throw new DomainError('grant-exists', `grant ${grantId} already exists`, { grantId });
      requireInitiative(context.registry, command.initiativeId);
      requireAdoptedPoint(
        context.cases.get(command.authority.caseNumber),
        command.authority.caseNumber,
        command.authority.pointNumber,
        context.effectiveDate,
      );
      const { amountTotal, instalments } = planInstalments(command.plan, state.year);
      for (const instalment of instalments.slice(1))
        if (context.isYearClosed(instalment.year))
          throw new DomainError('year-closed', `${instalment.year} is closed; a multi-year grant cannot place an instalment in it`, {
            year: instalment.year,
          });
      requireFrameRoom(state, instalments[0]!.amount, `the grant to ${command.initiativeId}`);
      return [
        {
          type: 'GrantAwarded',
          data: {
            grantId,
            year: state.year,
            initiativeId: command.initiativeId,
            amountTotal: formatAmount(amountTotal),
            instalments: instalments.map((instalment) => ({ year: instalment.year, amount: formatAmount(instalment.amount) })),
            authority: command.authority,
            ...(command.note === undefined ? {} : { note: command.note }),
          },
        },
      ];
    }
    case 'AdjustGrant': {
      const grant = requireGrant(state, command.grantId);
      requireAdoptedPoint(
        context.cases.get(command.authority.caseNumber),
        command.authority.caseNumber,
        command.authority.pointNumber,
        context.effectiveDate,
      );
      const change = money(command.amountChange);
      if (change.greaterThan(0)) requireFrameRoom(state, change, `the increase of grant ${grant.grantId}`);
      else {
        const unused = minimumOf(grantUnreleasedOf(grant), initiativeAvailableOf(state, grant.initiativeId));
        if (change.abs().greaterThan(unused))
          throw new DomainError(
            'adjustment-below-used',
            `grant ${grant.grantId} can be lowered by at most ${formatAmount(unused)} in ${state.year}; the rest is released or spent`,
            { grantId: grant.grantId, year: state.year, amountLowerable: formatAmount(unused) },
          );
      }
      return [
        {
          type: 'GrantAdjusted',
          ...(grant.awardEventId === null ? {} : { corrects: grant.awardEventId }),
          data: {
            grantId: grant.grantId,
            year: state.year,
            initiativeId: grant.initiativeId,
            amountChange: formatAmount(change),
            authority: command.authority,
            reason: command.reason,
          },
        },
      ];
    }
    case 'ReleaseFunds': {
      const grant = requireGrant(state, command.grantId);
      if (command.authority)
        requireAdoptedPoint(
          context.cases.get(command.authority.caseNumber),
          command.authority.caseNumber,
          command.authority.pointNumber,
          context.effectiveDate,
        );
      const amount = money(command.amount);
      const unspent = minimumOf(grantUnreleasedOf(grant), initiativeAvailableOf(state, grant.initiativeId));
      if (amount.greaterThan(unspent))
        throw new DomainError(
          'release-exceeds-unspent',
          `grant ${grant.grantId} has ${formatAmount(unspent)} unspent in ${state.year}; ${formatAmount(amount)} cannot be released`,
          { grantId: grant.grantId, year: state.year, amountUnspent: formatAmount(unspent), amountAsked: formatAmount(amount) },
        );
      return [
        {
          type: 'FundsReleased',
          data: {
            grantId: grant.grantId,
            year: state.year,
            initiativeId: grant.initiativeId,
            amount: formatAmount(amount),
            reason: command.reason,
            ...(command.authority === undefined ? {} : { authority: command.authority }),
          },
        },
      ];
    }
    case 'ReportSpending': {
      requireInitiative(context.registry, command.initiativeId);
      const amount = money(command.amount);
      const available = initiativeAvailableOf(state, command.initiativeId);
      if (amount.greaterThan(available))
        throw new DomainError(
          'spending-exceeds-available',
          `initiative ${command.initiativeId} has ${formatAmount(available)} available in ${state.year}; ${formatAmount(amount)} cannot be reported spent`,
          {
            initiativeId: command.initiativeId,
            year: state.year,
            amountAvailable: formatAmount(available),
            amountAsked: formatAmount(amount),
          },
        );
      return [
        {
          type: 'SpendingReported',
          data: { year: state.year, initiativeId: command.initiativeId, amount: formatAmount(amount), reference: command.reference },
        },
      ];
    }
    case 'CorrectSpending': {
      const report = state.spendingReports.get(command.correctsEventId);
      if (!report)
        throw new DomainError('unknown-corrected-event', `event ${command.correctsEventId} is not a spending report of ${state.year}`, {
          eventId: command.correctsEventId,
        });
      const change = money(command.amountChange);
      if (report.amount.plus(change).isNegative())
        throw new DomainError('correction-below-zero', `the report would fall below zero (it stands at ${formatAmount(report.amount)})`, {
          amountReported: formatAmount(report.amount),
        });
      if (change.greaterThan(0) && change.greaterThan(initiativeAvailableOf(state, report.initiativeId)))
        throw new DomainError(
          'spending-exceeds-available',
          `initiative ${report.initiativeId} has ${formatAmount(initiativeAvailableOf(state, report.initiativeId))} available in ${state.year}`,
          { initiativeId: report.initiativeId, amountAvailable: formatAmount(initiativeAvailableOf(state, report.initiativeId)) },
        );
      return [
        {
          type: 'SpendingCorrected',
          corrects: command.correctsEventId,
          data: { year: state.year, initiativeId: report.initiativeId, amountChange: formatAmount(change), reason: command.reason },
        },
      ];
    }
    case 'EstablishReserveFund': {
      const { caseNumber, pointNumber } = command.authority;
      const caseState = context.cases.get(caseNumber);
      const point = requireAdoptedPoint(caseState, caseNumber, pointNumber, context.effectiveDate);
      const proposed = caseState!.resolution?.points.find((candidate) => candidate.number === pointNumber);
      const alternative = proposed?.alternatives.find((candidate) => candidate.number === point.alternativeNumber);
      if (!alternative)
        throw new DomainError('alternative-not-chosen', `point ${pointNumber} of case ${caseNumber} chose no alternative with an amount`, {
          caseNumber,
          pointNumber,
        });
      if (alternative.amount === null || money(alternative.amount).isZero())
        throw new DomainError(
          'alternative-has-no-amount',
          `the chosen alternative ${alternative.number} (${alternative.label}) of case ${caseNumber} sets no money aside`,
          { caseNumber, pointNumber, alternativeNumber: alternative.number },
        );
      if (state.reserveAuthorities.has(`${caseNumber}#${pointNumber}`))
        throw new DomainError('reserve-fund-exists', `case ${caseNumber} point ${pointNumber} already established its reserve fund`, {
          caseNumber,
          pointNumber,
        });
      const amount = money(alternative.amount);
      requireFrameRoom(state, amount, `the reserve fund`);
      return [
        {
          type: 'ReserveFundEstablished',
          data: {
            year: state.year,
            name: command.name,
            amount: formatAmount(amount),
            authority: command.authority,
            alternativeNumber: alternative.number,
          },
        },
      ];
    }
    case 'SettleYear':
      return settle(state, context);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

function minimumOf(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

function grantUnreleasedOf(grant: GrantInYear): Decimal {
  return grant.instalment.plus(grant.adjusted).minus(grant.released);
}

function requireGrant(state: YearState, grantId: string): GrantInYear {
  const grant = state.grants.get(grantId);
  if (!grant || grant.awardEventId === null)
    throw new DomainError('unknown-grant', `grant ${grantId} has no instalment in ${state.year}`, { grantId, year: state.year });
  return grant;
}

/** No grant, increase or reserve beyond what the frame has left. */
function requireFrameRoom(state: YearState, amount: Decimal, what: string): void {
  const available = availableOf(state);
  if (amount.greaterThan(available))
    throw new DomainError(
      'frame-exceeded',
      `${what} of ${formatAmount(amount)} exceeds what the ${state.year} frame has left: ${formatAmount(available.isNegative() ? ZERO : available)}`,
      {
        year: state.year,
        amountAsked: formatAmount(amount),
        amountLeft: formatAmount(available),
        frame: formatAmount(frameOf(state)),
        granted: formatAmount(grantedOf(state)),
        reserved: formatAmount(state.reserved),
      },
    );
}

type Plan = CommandOf<'AwardGrant'>['plan'];

/** The years after the first that a grant plan places instalments in. */
export function laterInstalmentYears(plan: Plan, year: number): number[] {
  if ('amount' in plan) return [];
  if ('years' in plan) return Array.from({ length: plan.years - 1 }, (_, index) => year + index + 1);
  return plan.instalments.map((instalment) => instalment.year).filter((instalmentYear) => instalmentYear !== year);
}

function planInstalments(plan: Plan, year: number): { amountTotal: Decimal; instalments: { year: number; amount: Decimal }[] } {
  if ('amount' in plan) return { amountTotal: money(plan.amount), instalments: [{ year, amount: money(plan.amount) }] };
  const amountTotal = money(plan.amountTotal);
  if ('years' in plan)
    return {
      amountTotal,
      instalments: splitIntoInstalments(amountTotal, plan.years).map((amount, index) => ({ year: year + index, amount })),
    };
  const instalments = plan.instalments.map((instalment) => ({ year: instalment.year, amount: money(instalment.amount) }));
  instalments.forEach((instalment, index) => {
    if (instalment.year !== year + index)
      throw new DomainError(
        'invalid-instalment-years',
        `instalments must be for consecutive years from ${year}; got ${plan.instalments.map((i) => i.year).join(', ')}`,
        {
          years: plan.instalments.map((i) => i.year),
        },
      );
  });
  const instalmentSum = sum(instalments.map((instalment) => instalment.amount));
  if (!instalmentSum.equals(amountTotal))
    throw new DomainError(
      'instalments-do-not-add-up',
      `the instalments add up to ${formatAmount(instalmentSum)}, not the total ${formatAmount(amountTotal)}`,
      { amountTotal: formatAmount(amountTotal), instalmentSum: formatAmount(instalmentSum) },
    );
  return { amountTotal, instalments };
}

/**
 * The year-end settlement (avregning): the unallocated remainder and the released
 * funds go into next year's frame; each initiative's unspent funds carry over
 * earmarked; the reserve fund stays set aside; then the year closes with a seal.
 */
function settle(state: YearState, context: YearDecisionContext): EventDraft[] {
  const { year } = state;
  if (context.isYearClosed(year + 1))
    throw new DomainError('year-closed', `${year + 1} is already closed; ${year} cannot carry money into it`, { year: year + 1 });
  if (state.previousYearHasEvents && !state.previousYearClosed)
    throw new DomainError('previous-year-open', `${year - 1} must be settled before ${year}`, { year, previousYear: year - 1 });
  const remainder = availableOf(state);
  if (remainder.isNegative())
    throw new DomainError(
      'frame-overspent',
      `${year} has granted ${formatAmount(remainder.abs())} more than its frame; adjust grants before settling`,
      {
        year,
        amountOver: formatAmount(remainder.abs()),
      },
    );
  const toYear = year + 1;
  const events: EventDraft[] = [];
  if (!remainder.isZero())
    events.push({ type: 'RemainderCarriedForward', data: { fromYear: year, toYear, amount: formatAmount(remainder) } });
  const released = releasedOf(state);
  if (!released.isZero())
    events.push({ type: 'ReleasedFundsCarriedForward', data: { fromYear: year, toYear, amount: formatAmount(released) } });
  const initiatives = new Set<string>([
    ...state.earmarkedCarriedIn.keys(),
    ...[...state.grants.values()].map((grant) => grant.initiativeId),
  ]);
  for (const initiativeId of [...initiatives].sort()) {
    const unspent = initiativeAvailableOf(state, initiativeId);
    if (unspent.greaterThan(0))
      events.push({
        type: 'EarmarkedFundsCarriedOver',
        data: {
          fromYear: year,
          toYear,
          initiativeId,
          amount: formatAmount(unspent),
          grantIds: [...state.grants.values()]
            .filter((grant) => grant.initiativeId === initiativeId)
            .map((grant) => grant.grantId)
            .sort(),
        },
      });
  }
  const reserve = state.reserved.plus(state.reserveCarriedIn);
  if (reserve.greaterThan(0))
    events.push({ type: 'ReserveFundCarriedOver', data: { fromYear: year, toYear, amount: formatAmount(reserve) } });
  events.push({
    type: 'YearClosed',
    data: { year, seal: context.streamHead ?? { revision: -1, hash: GENESIS_HASH } },
  });
  return events;
}
