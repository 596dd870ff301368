import type { Decimal } from 'decimal.js';
import type { LedgerEventOf } from '../../events/catalogue.js';
import { DatedBalance } from '../domain/dated-balance.js';
import { ZERO, money } from '../domain/money.js';
import type { FundedBy, GrantInYear, InitiativeInYear, YearState } from './year.js';

/**
 * The grant side of a year's fold: awards, plan changes, adjustments, releases and
 * spending, each moving the frame (or the reserve fund), the grant and its initiative's
 * funds on the date it took effect. Pure: each returns the next state.
 */

const EMPTY_INITIATIVE: InitiativeInYear = {
  earmarkedIn: ZERO,
  earmarkReleased: ZERO,
  spent: ZERO,
  earmarkedOut: ZERO,
  funds: DatedBalance.EMPTY,
};

export const initiativeOf = (state: YearState, initiativeId: string): InitiativeInYear =>
  state.initiatives.get(initiativeId) ?? EMPTY_INITIATIVE;

/** The key under which grants into a year are counted against the point that authorised them. */
export const authorityKey = (citation: { caseNumber: string; pointNumber: number }, initiativeId: string) =>
  `${citation.caseNumber}#${citation.pointNumber}|${initiativeId}`;

/** Moves an initiative's funds by `delta` on `on`, and its other figures as `update` says. */
export function applyInitiativeChange(
  state: YearState,
  initiativeId: string,
  on: string,
  delta: Decimal,
  update: (initiative: InitiativeInYear) => Partial<InitiativeInYear>,
): YearState {
  const initiative = initiativeOf(state, initiativeId);
  const next: InitiativeInYear = { ...initiative, ...update(initiative), funds: initiative.funds.add(on, delta) };
  return { ...state, initiatives: state.initiatives.set(initiativeId, next) };
}

/** Money for this year's instalment leaves the frame, or the reserve fund when the grant draws on it. */
function chargeSource(state: YearState, fundedBy: FundedBy, on: string, amount: Decimal): YearState {
  if (fundedBy === 'reserve-fund') return { ...state, reserveBalance: state.reserveBalance.add(on, amount.neg()) };
  return { ...state, available: state.available.add(on, amount.neg()) };
}

/**
 * Counts an amount granted (or, negative, lowered) under a point. A lowering gives the
 * point back at most what was granted under it: a point that lowers a grant another point
 * made gains no room for grants it never authorised.
 */
function addUse(state: YearState, key: string, amount: Decimal): YearState {
  const used = (state.authorityUse.get(key) ?? ZERO).plus(amount);
  return { ...state, authorityUse: state.authorityUse.set(key, used.isNegative() ? ZERO : used) };
}

function withGrant(state: YearState, grant: GrantInYear): YearState {
  return { ...state, grants: state.grants.set(grant.grantId, grant) };
}

export function applyGrantAwarded(state: YearState, event: LedgerEventOf<'GrantAwarded'>, on: string): YearState {
  const { data } = event;
  const instalment = data.instalments.find((candidate) => candidate.year === state.year);
  if (!instalment) return state;
  const amount = money(instalment.amount);
  const fundedBy = data.fundedBy ?? 'frame';
  const grant: GrantInYear = {
    grantId: data.grantId,
    initiativeId: data.initiativeId,
    awardYear: data.year,
    instalment: amount,
    adjusted: ZERO,
    released: ZERO,
    awardEventId: event.id,
    awardedOn: on,
    fundedBy,
    authorityKey: `${data.authority.caseNumber}#${data.authority.pointNumber}`,
    unreleased: DatedBalance.EMPTY.add(on, amount),
  };
  let next = withGrant(state, grant);
  next = chargeSource(next, fundedBy, on, amount);
  next = addUse(next, authorityKey(data.authority, data.initiativeId), amount);
  return applyInitiativeChange(next, data.initiativeId, on, amount, () => ({}));
}

export function applyGrantPlanChanged(state: YearState, event: LedgerEventOf<'GrantPlanChanged'>, on: string): YearState {
  const { data } = event;
  const change = data.instalments.find((candidate) => candidate.year === state.year);
  const grant = state.grants.get(data.grantId);
  if (!change || !grant) return state;
  const delta = money(change.amountAfter).minus(money(change.amountBefore));
  let next = withGrant(state, { ...grant, instalment: grant.instalment.plus(delta), unreleased: grant.unreleased.add(on, delta) });
  next = chargeSource(next, grant.fundedBy, on, delta);
  next = addUse(next, authorityKey(data.authority, data.initiativeId), delta);
  return applyInitiativeChange(next, data.initiativeId, on, delta, () => ({}));
}

export function applyGrantAdjusted(state: YearState, event: LedgerEventOf<'GrantAdjusted'>, on: string): YearState {
  const { data } = event;
  const change = money(data.amountChange);
  const grant = state.grants.get(data.grantId) ?? orphanGrant(data.grantId, data.initiativeId, data.year);
  let next = withGrant(state, { ...grant, adjusted: grant.adjusted.plus(change), unreleased: grant.unreleased.add(on, change) });
  next = chargeSource(next, grant.fundedBy, on, change);
  next = addUse(next, authorityKey(data.authority, data.initiativeId), change);
  return applyInitiativeChange(next, data.initiativeId, on, change, () => ({}));
}

export function applyReleased(
  state: YearState,
  event: LedgerEventOf<'FundsReleased'> | LedgerEventOf<'EarmarkedFundsReleased'>,
  on: string,
): YearState {
  const amount = money(event.data.amount);
  const release = {
    initiativeId: event.data.initiativeId,
    grantId: event.type === 'FundsReleased' ? event.data.grantId : null,
    amount,
    releasedOn: on,
  };
  let next: YearState = { ...state, releasedTotal: state.releasedTotal.plus(amount), releases: state.releases.set(event.id, release) };
  if (event.type === 'FundsReleased') {
    const grant = next.grants.get(event.data.grantId) ?? orphanGrant(event.data.grantId, event.data.initiativeId, event.data.year);
    next = withGrant(next, { ...grant, released: grant.released.plus(amount), unreleased: grant.unreleased.add(on, amount.neg()) });
    return applyInitiativeChange(next, event.data.initiativeId, on, amount.neg(), () => ({}));
  }
  return applyInitiativeChange(next, event.data.initiativeId, on, amount.neg(), (initiative) => ({
    earmarkReleased: initiative.earmarkReleased.plus(amount),
  }));
}

export function applySpending(
  state: YearState,
  event: LedgerEventOf<'SpendingReported'> | LedgerEventOf<'SpendingCorrected'>,
  on: string,
): YearState {
  const amount = money(event.type === 'SpendingReported' ? event.data.amount : event.data.amountChange);
  let reports = state.spendingReports;
  if (event.type === 'SpendingReported') reports = reports.set(event.id, { initiativeId: event.data.initiativeId, reportedOn: on, amount });
  else {
    const corrected = event.metadata.corrects ? reports.get(event.metadata.corrects) : undefined;
    if (corrected && event.metadata.corrects)
      reports = reports.set(event.metadata.corrects, { ...corrected, amount: corrected.amount.plus(amount) });
  }
  return applyInitiativeChange({ ...state, spendingReports: reports }, event.data.initiativeId, on, amount.neg(), (initiative) => ({
    spent: initiative.spent.plus(amount),
  }));
}

/** A grant seen only through a later event (recorded under older rules): kept so the sums stay right. */
function orphanGrant(grantId: string, initiativeId: string, year: number): GrantInYear {
  return {
    grantId,
    initiativeId,
    awardYear: year,
    instalment: ZERO,
    adjusted: ZERO,
    released: ZERO,
    awardEventId: null,
    awardedOn: null,
    fundedBy: 'frame',
    authorityKey: null,
    unreleased: DatedBalance.EMPTY,
  };
}
