import type { Decimal } from 'decimal.js';
import { DomainError } from '../domain/errors.js';
import { ZERO, formatAmount } from '../domain/money.js';
import { requireActiveOn } from '../registry/registry-rules.js';
import type { GrantInYear, YearState } from './year.js';
import { initiativeOf } from './year-grants.js';
import type { States } from '../commands/define.js';
import { requireWithinAuthority, type GrantAuthority } from './authority.js';
import { requireFrameRoom, requireReserveRoom } from './year-rules.js';

/** Rules a grant's instalment in a year keeps when an adjustment or a plan change raises or lowers it. */

/** What of a grant can still be lowered or released from a date on: neither released nor spent on any day from then. */
export function unspentOf(state: YearState, grant: GrantInYear, from: string): Decimal {
  const own = grant.unreleased.lowestFrom(from).amount;
  const funds = initiativeOf(state, grant.initiativeId).funds.lowestFrom(from).amount;
  const least = own.lessThan(funds) ? own : funds;
  return least.isNegative() ? ZERO : least;
}

/**
 * An instalment is raised only for an initiative active on the date, within what the cited
 * point authorises; `raising` names the change in the refusal ("raising its grant").
 */
export function requireRaisable(
  states: States,
  authority: GrantAuthority,
  grant: GrantInYear,
  raise: { year: number; amount: Decimal; raising: string },
  effectiveDate: string,
): void {
  requireActiveOn(states.registry(), grant.initiativeId, effectiveDate, raise.raising);
  requireWithinAuthority(states, authority, grant.initiativeId, raise.year, raise.amount);
}

/**
 * An instalment is lowered by no more than what is unspent of it from the date on;
 * `refusal` words the refusal from the most it can be lowered by.
 */
export function requireLowerable(
  state: YearState,
  grant: GrantInYear,
  amount: Decimal,
  effectiveDate: string,
  refusal: (amountLowerable: string) => string,
): void {
  const unspent = unspentOf(state, grant, effectiveDate);
  if (amount.greaterThan(unspent))
    throw new DomainError('adjustment-below-used', refusal(formatAmount(unspent)), {
      grantId: grant.grantId,
      year: state.year,
      amountLowerable: formatAmount(unspent),
    });
}

/**
 * A raised instalment takes room where its grant is funded from: the reserve fund for a draw
 * on it (whose balance the raise lowers), the year's frame for any other grant.
 */
export function requireRoomForRaise(state: YearState, grant: GrantInYear, amount: Decimal, effectiveDate: string, what: string): void {
  if (grant.fundedBy === 'reserve-fund') requireReserveRoom(state, amount, effectiveDate);
  else requireFrameRoom(state, amount, effectiveDate, what);
}
