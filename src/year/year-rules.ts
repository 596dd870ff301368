import type { Decimal } from 'decimal.js';
import type { Map as ImmutableMap } from 'immutable';
import { UlidSchema } from '../../events/envelope.js';
import { TextSchema } from '../../events/identifiers.js';
import { AmountChangeSchema, YearSchema } from '../../events/money.js';
import { DatedBalance, type LowPoint } from '../domain/dated-balance.js';
import { DomainError } from '../domain/errors.js';
import { MAX_AMOUNT, ZERO, formatAmount, money, sum } from '../domain/money.js';
import type { DetailsOf } from '../domain/refusal-details.js';
import { FIRST_YEAR, LAST_YEAR } from '../shared/bounds.js';
import { frameOf, type YearState } from './year.js';
import type { States } from '../commands/define.js';
import { REGISTRY, caseRef, yearRef, type StateRef } from '../commands/state-refs.js';

/** Rules every command on a year's funds shares. */

/** What a year command reads besides its own year: the registry, the next year (closed?), and the case it cites. */
export function yearReads(year: number, citedCase?: string | null): StateRef[] {
  return [REGISTRY, ...(year < LAST_YEAR ? [yearRef(year + 1)] : []), ...(citedCase ? [caseRef(citedCase)] : [])];
}

/** Nothing more is recorded in a closed year, nor in one once a later year is closed (years settle in order). */
export function requireOpenYear(states: States, year: number): YearState {
  const state = states.year(year);
  if (state.closedOn !== null)
    throw new DomainError('year-closed', `${year} is settled and closed; nothing more is recorded in it`, {
      year,
      closedOn: state.closedOn,
    });
  if (year < LAST_YEAR && states.year(year + 1).closedOn !== null)
    throw new DomainError('later-year-closed', `${year + 1} is closed; nothing more is recorded in ${year}`, {
      year,
      closedYear: year + 1,
    });
  return state;
}

export function requireYearInRange(year: number, what: string): void {
  if (year < FIRST_YEAR || year > LAST_YEAR)
    throw new DomainError('year-out-of-range', `${what} would fall in ${year}; the ledger keeps the years ${FIRST_YEAR}–${LAST_YEAR}`, {
      year,
      firstYear: FIRST_YEAR,
      lastYear: LAST_YEAR,
    });
}

/** Every amount the ledger records, asked or derived, stays within the bound its events can hold. */
export function requireWithinBounds(amount: Decimal, what: string): void {
  if (amount.abs().greaterThan(MAX_AMOUNT))
    throw new DomainError(
      'amount-out-of-bounds',
      `${what} would be ${amount.toFixed(2)}; the ledger records amounts up to ${MAX_AMOUNT.toFixed(2)}`,
      {
        amount: amount.toFixed(2),
        bound: MAX_AMOUNT.toFixed(2),
      },
    );
}

/**
 * What the partnership expected to receive for the year as of a date: the expectation
 * recorded last of those in effect by then, or else the latest receipt of the two years before.
 */
export function expectedOn(state: YearState, date: string): Decimal {
  let expected: Decimal | null = null;
  for (const expectation of state.expectations) if (expectation.on <= date) expected = expectation.amount;
  if (expected !== null) return expected;
  const previous = state.previousReceived.on(date);
  return previous.greaterThan(0) ? previous : state.yearBeforePreviousReceived.on(date);
}

/**
 * The lowest the year's available funds stand on `from` or any later day. Until the
 * year's funds have arrived, decisions on it are checked against the expected receipt.
 */
export function lowestAvailable(state: YearState, from: string): LowPoint {
  const extra = (date: string) => (state.received.on(date).isZero() ? expectedOn(state, date) : ZERO);
  const dates = new Set([
    ...state.available.datesFrom(from),
    ...state.expectations.filter((expectation) => expectation.on >= from).map((expectation) => expectation.on),
    ...state.previousReceived.datesFrom(from),
    ...state.yearBeforePreviousReceived.datesFrom(from),
  ]);
  let lowest: LowPoint | null = null;
  for (const date of [...dates].sort()) {
    const amount = state.available.on(date).plus(extra(date));
    if (lowest === null || amount.lessThan(lowest.amount)) lowest = { amount, date };
  }
  return lowest!;
}

/** The year's grants from the frame: its own (granted) and later instalments of earlier grants (committed). */
function grantedAndCommitted(state: YearState): { granted: Decimal; committed: Decimal } {
  const frameGrants = [...state.grants.values()].filter((grant) => grant.fundedBy === 'frame');
  const amountOf = (grant: (typeof frameGrants)[number]) => grant.instalment.plus(grant.adjusted);
  return {
    granted: sum(frameGrants.filter((grant) => grant.awardYear === state.year).map(amountOf)),
    committed: sum(frameGrants.filter((grant) => grant.awardYear !== state.year).map(amountOf)),
  };
}

/**
 * No grant, increase, commitment or reserve fund beyond what the year has left — on the
 * day it takes effect and every day after (a backdated decision must not leave a later
 * view overspent). The refusal names the day and what was left then.
 */
export function requireFrameRoom(state: YearState, amount: Decimal, effectiveDate: string, what: string): void {
  const lowest = lowestAvailable(state, effectiveDate);
  if (!amount.greaterThan(lowest.amount)) return;
  const { granted, committed } = grantedAndCommitted(state);
  const left = lowest.amount.isNegative() ? ZERO : lowest.amount;
  const fundsKnown = !state.received.on(lowest.date).isZero();
  throw new DomainError(
    'frame-exceeded',
    `${what} of ${formatAmount(amount)} exceeds what the ${state.year} frame has left${lowest.date === effectiveDate ? '' : ` on ${lowest.date}`}: ${formatAmount(left)}${fundsKnown ? '' : ` (against the expected receipt of ${formatAmount(expectedOn(state, lowest.date))})`}`,
    {
      year: state.year,
      amountAsked: formatAmount(amount),
      amountLeft: formatAmount(lowest.amount),
      asOf: lowest.date,
      frame: formatAmount(frameOf(state)),
      granted: formatAmount(granted),
      committed: formatAmount(committed),
      reserved: formatAmount(state.reserved),
      ...(fundsKnown ? {} : { expectedReceipt: formatAmount(expectedOn(state, lowest.date)) }),
    },
  );
}

/** The lowest a dated balance stands from a date, refused with `code` when an amount asked exceeds it. */
export function requireBalance(
  balance: DatedBalance,
  amount: Decimal,
  effectiveDate: string,
  refuse: (left: LowPoint) => DomainError,
): void {
  const lowest = balance.lowestFrom(effectiveDate);
  if (amount.greaterThan(lowest.amount)) throw refuse(lowest);
}

/** The open year's reserve fund can be lowered only by what it holds on every day from the date on. */
export function requireReserveRoom(state: YearState, amount: Decimal, effectiveDate: string): void {
  requireBalance(state.reserveBalance, amount, effectiveDate, (left) => {
    return new DomainError('reserve-fund-exceeded', `the reserve fund of ${state.year} has ${formatAmount(left.amount)} on ${left.date}`, {
      year: state.year,
      amountLeft: formatAmount(left.amount),
      asOf: left.date,
    });
  });
}

/** A later decision on a grant cannot take effect before the grant itself. */
export function requireNotBeforeGrant(awardedOn: string | null, grantId: string, effectiveDate: string, what: string): void {
  if (awardedOn !== null && effectiveDate < awardedOn)
    throw new DomainError('before-grant', `grant ${grantId} was awarded ${awardedOn}; ${what} cannot take effect ${effectiveDate}`, {
      grantId,
      awardedOn,
      effectiveDate,
    });
}

/** A correction names an event of the kind it corrects, recorded in the year it corrects. */
export function unknownCorrectedEvent(
  eventId: string,
  year: number,
  expected: DetailsOf<'unknown-corrected-event'>['expected'],
  noun: string = expected,
): DomainError {
  return new DomainError('unknown-corrected-event', `event ${eventId} is not a ${noun} of ${year}`, { eventId, year, expected });
}

/** The fields of a correction of a receipt or a spending report in its own year: which event, by how much, why. */
export const factCorrectionShape = {
  year: YearSchema,
  correctsEventId: UlidSchema,
  amountChange: AmountChangeSchema,
  reason: TextSchema,
};

/** A recorded fact of an open year that a correction by a signed change can name: a receipt or a spending report. */
export interface CorrectableFacts<F> {
  readonly facts: (state: YearState) => ImmutableMap<string, F>;
  readonly expected: 'receipt' | 'spending-report';
  /** The fact as the refusals name it: "not a spending report of 2025", "the report took effect". */
  readonly noun: string;
  readonly shortNoun: string;
  readonly recordedOn: (fact: F) => string;
  /** The refusal's detail key for the amount the fact stands at. */
  readonly standingKey: 'amountReceived' | 'amountReported';
}

/**
 * A correction of a fact in its own open year: the event it names is such a fact of the
 * year, it takes effect no earlier than the fact, and it leaves the fact at zero or more.
 * Returns the fact and the change.
 */
export function requireCorrectedFact<F extends { amount: Decimal }>(
  state: YearState,
  command: { correctsEventId: string; amountChange: string },
  effectiveDate: string,
  kind: CorrectableFacts<F>,
): { fact: F; change: Decimal } {
  const eventId = command.correctsEventId;
  const fact = kind.facts(state).get(eventId);
  if (!fact) throw unknownCorrectedEvent(eventId, state.year, kind.expected, kind.noun);
  const correctedOn = kind.recordedOn(fact);
  if (effectiveDate < correctedOn)
    throw new DomainError(
      'before-corrected-event',
      `the ${kind.shortNoun} took effect ${correctedOn}; its correction cannot take effect ${effectiveDate}`,
      { eventId, correctedYear: state.year, correctedOn, effectiveDate },
    );
  const change = money(command.amountChange);
  if (fact.amount.plus(change).isNegative())
    throw new DomainError(
      'correction-below-zero',
      `the ${kind.shortNoun} would fall below zero (it stands at ${formatAmount(fact.amount)})`,
      { [kind.standingKey]: formatAmount(fact.amount), amountChange: formatAmount(change) },
    );
  return { fact, change };
}

export { DatedBalance };
