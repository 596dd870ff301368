import type { LedgerEvent, LedgerEventOf } from '../../events/catalogue.js';
import { DatedBalance } from '../domain/dated-balance.js';
import { ZERO, money } from '../domain/money.js';
import { applyInitiativeChange } from './year-grants.js';
import type { GrantInYear, YearState } from './year.js';

/**
 * An opening balance in a year's fold: each amount lands where a settlement of the year
 * before would have put it — the remainder and the released funds in the frame, the
 * reserve fund's balance set aside, an initiative's earmarked money in its funds, a later
 * instalment of an earlier multi-year grant as a grant of this year that counts as
 * committed. So every later rule (an earmark release, spending, a settlement, an
 * adjustment of the commitment) reads them as it reads carried money.
 */
export function evolveOpening(state: YearState, event: LedgerEvent, on: string): YearState {
  switch (event.type) {
    case 'OpeningBalanceRecorded':
      return event.data.year === state.year ? openingOfYear(state, event, on) : state;
    case 'OpeningInitiativeBalanceRecorded':
      return event.data.year === state.year ? openingOfInitiative(state, event, on) : state;
    case 'OpeningCommitmentRecorded':
      return event.data.instalmentYear === state.year ? openingCommitment(state, event, on) : state;
    default:
      return state;
  }
}

function openingOfYear(state: YearState, event: LedgerEventOf<'OpeningBalanceRecorded'>, on: string): YearState {
  const remainder = money(event.data.remainderCarriedIn);
  const released = money(event.data.releasedCarriedIn);
  const reserve = money(event.data.reserveFundBalance);
  return {
    ...state,
    remainderCarriedIn: state.remainderCarriedIn.plus(remainder),
    releasedCarriedIn: state.releasedCarriedIn.plus(released),
    available: state.available.add(on, remainder.plus(released)),
    reserveCarriedIn: state.reserveCarriedIn.plus(reserve),
    reserveBalance: state.reserveBalance.add(on, reserve),
    openingEvents: state.openingEvents.set(event.id, null),
  };
}

function openingOfInitiative(state: YearState, event: LedgerEventOf<'OpeningInitiativeBalanceRecorded'>, on: string): YearState {
  const amount = money(event.data.earmarkedCarriedIn);
  const next = { ...state, openingEvents: state.openingEvents.set(event.id, event.data.initiativeId) };
  if (amount.isZero()) return next;
  return applyInitiativeChange(next, event.data.initiativeId, on, amount, (initiative) => ({
    earmarkedIn: initiative.earmarkedIn.plus(amount),
  }));
}

/** A commitment is decided before the opening, so it counts as an earlier year's grant: committed, never granted, in its year. */
function openingCommitment(state: YearState, event: LedgerEventOf<'OpeningCommitmentRecorded'>, on: string): YearState {
  const { data } = event;
  const amount = money(data.amount);
  const grant: GrantInYear = {
    grantId: data.grantId,
    initiativeId: data.initiativeId,
    awardYear: data.year - 1,
    instalment: amount,
    adjusted: ZERO,
    released: ZERO,
    awardEventId: event.id,
    awardedOn: on,
    fundedBy: 'frame',
    authorityKey: `${data.authority.caseNumber}#${data.authority.pointNumber}`,
    unreleased: DatedBalance.EMPTY.add(on, amount),
  };
  const next: YearState = {
    ...state,
    grants: state.grants.set(grant.grantId, grant),
    available: state.available.add(on, amount.neg()),
    openingEvents: state.openingEvents.set(event.id, data.initiativeId),
  };
  return applyInitiativeChange(next, data.initiativeId, on, amount, () => ({}));
}
