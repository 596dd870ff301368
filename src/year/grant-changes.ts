import type { Decimal } from 'decimal.js';
import type { EventDraft } from '../../events/catalogue.js';
import { EntityIdSchema, TextSchema } from '../../events/identifiers.js';
import { AmountChangeSchema, PositiveAmountSchema, YearSchema } from '../../events/money.js';
import { ResolutionCitationSchema } from '../../events/citation.js';
import { requireAdoptedPoint } from '../case/case-rules.js';
import { DomainError } from '../domain/errors.js';
import { ZERO, formatAmount, money } from '../domain/money.js';
import { requireInitiative } from '../registry/registry-rules.js';
import type { GrantInYear, YearState } from './year.js';
import { initiativeOf } from './year-grants.js';
import { defineCommand, type States } from '../commands/define.js';
import { yearRef } from '../commands/state-refs.js';
import { grantAuthority } from './authority.js';
import { requireNotBeforeGrant, requireOpenYear, yearReads } from './year-rules.js';
import { requireLowerable, requireRaisable, requireRoomForRaise, unspentOf } from './instalment-rules.js';

/** Adjusting, releasing and dropping: what happens to a grant after it was awarded. */

function requireGrant(state: YearState, grantId: string): GrantInYear {
  const grant = state.grants.get(grantId);
  if (!grant || grant.awardEventId === null)
    throw new DomainError('unknown-grant', `grant ${grantId} has no instalment in ${state.year}`, { grantId, year: state.year });
  return grant;
}

function requireCitedPoint(
  states: States,
  authority: { caseNumber: string; pointNumber: number } | undefined,
  effectiveDate: string,
): void {
  if (authority) requireAdoptedPoint(states.case(authority.caseNumber), authority.caseNumber, authority.pointNumber, effectiveDate);
}

export const adjustGrant = defineCommand({
  type: 'AdjustGrant',
  shape: {
    grantId: EntityIdSchema,
    year: YearSchema,
    amountChange: AmountChangeSchema,
    authority: ResolutionCitationSchema,
    reason: TextSchema,
  },
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year, command.authority.caseNumber),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    const grant = requireGrant(state, command.grantId);
    requireNotBeforeGrant(grant.awardedOn, grant.grantId, context.effectiveDate, 'an adjustment');
    const authority = grantAuthority(states, command.authority, context.effectiveDate);
    const change = money(command.amountChange);
    if (change.greaterThan(0)) {
      requireRaisable(states, authority, grant, { year: state.year, amount: change, raising: 'raising its grant' }, context.effectiveDate);
      requireRoomForRaise(state, grant, change, context.effectiveDate, `the increase of grant ${grant.grantId}`);
    } else
      requireLowerable(
        state,
        grant,
        change.abs(),
        context.effectiveDate,
        (lowerable) => `grant ${grant.grantId} can be lowered by at most ${lowerable} in ${state.year}; the rest is released or spent`,
      );
    const data = {
      grantId: grant.grantId,
      year: state.year,
      initiativeId: grant.initiativeId,
      amountChange: formatAmount(change),
      authority: command.authority,
      reason: command.reason,
    };
    return [{ type: 'GrantAdjusted', corrects: grant.awardEventId!, data }];
  },
  http: { path: '/api/years/:year/grants/:grantId/adjustments', summary: "Adjust a grant's instalment for a year", tag: 'years' },
});

/** What a release states: how much, why, and the point that decided it if one did. */
const releaseTerms = { amount: PositiveAmountSchema, reason: TextSchema, authority: ResolutionCitationSchema.optional() };

export const releaseFunds = defineCommand({
  type: 'ReleaseFunds',
  shape: { grantId: EntityIdSchema, year: YearSchema, ...releaseTerms },
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year, command.authority?.caseNumber),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    const grant = requireGrant(state, command.grantId);
    requireNotBeforeGrant(grant.awardedOn, grant.grantId, context.effectiveDate, 'a release');
    requireCitedPoint(states, command.authority, context.effectiveDate);
    const amount = money(command.amount);
    const unspent = unspentOf(state, grant, context.effectiveDate);
    if (amount.greaterThan(unspent))
      throw new DomainError(
        'release-exceeds-unspent',
        `grant ${grant.grantId} has ${formatAmount(unspent)} unspent in ${state.year}; ${formatAmount(amount)} cannot be released`,
        { grantId: grant.grantId, year: state.year, amountUnspent: formatAmount(unspent), amountAsked: formatAmount(amount) },
      );
    return [fundsReleased(state, grant, amount, command.reason, command.authority)];
  },
  http: { path: '/api/years/:year/grants/:grantId/releases', summary: 'Release unused funds of a grant (frigjøre)', tag: 'years' },
});

function fundsReleased(
  state: YearState,
  grant: GrantInYear,
  amount: Decimal,
  reason: string,
  authority?: { caseNumber: string; pointNumber: number },
): EventDraft {
  const data = {
    grantId: grant.grantId,
    year: state.year,
    initiativeId: grant.initiativeId,
    amount: formatAmount(amount),
    reason,
    ...(authority === undefined ? {} : { authority }),
  };
  return { type: 'FundsReleased', data };
}

function earmarkReleased(
  state: YearState,
  initiativeId: string,
  amount: Decimal,
  reason: string,
  authority?: { caseNumber: string; pointNumber: number },
): EventDraft {
  const data = { year: state.year, initiativeId, amount: formatAmount(amount), reason, ...(authority === undefined ? {} : { authority }) };
  return { type: 'EarmarkedFundsReleased', data };
}

/** Earmarked funds an initiative carried in and has not spent or released. */
function earmarkLeft(state: YearState, initiativeId: string): Decimal {
  const initiative = initiativeOf(state, initiativeId);
  return initiative.earmarkedIn.minus(initiative.earmarkReleased);
}

export const releaseEarmarkedFunds = defineCommand({
  type: 'ReleaseEarmarkedFunds',
  shape: { year: YearSchema, initiativeId: EntityIdSchema, ...releaseTerms },
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year, command.authority?.caseNumber),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    requireInitiative(states.registry(), command.initiativeId);
    requireCitedPoint(states, command.authority, context.effectiveDate);
    const amount = money(command.amount);
    const earmarked = earmarkLeft(state, command.initiativeId);
    const funds = initiativeOf(state, command.initiativeId).funds.lowestFrom(context.effectiveDate);
    const releasable = earmarked.lessThan(funds.amount) ? earmarked : funds.amount;
    if (amount.greaterThan(releasable))
      throw new DomainError(
        'release-exceeds-unspent',
        `${command.initiativeId} has ${formatAmount(releasable.isNegative() ? ZERO : releasable)} of earmarked funds unspent in ${state.year}; ${formatAmount(amount)} cannot be released`,
        {
          initiativeId: command.initiativeId,
          year: state.year,
          amountEarmarked: formatAmount(earmarked),
          amountUnspent: formatAmount(releasable.isNegative() ? ZERO : releasable),
          amountAsked: formatAmount(amount),
          asOf: funds.date,
        },
      );
    return [earmarkReleased(state, command.initiativeId, amount, command.reason, command.authority)];
  },
  http: {
    path: '/api/years/:year/initiatives/:initiativeId/earmark-releases',
    summary: 'Release earmarked funds an initiative carried in',
    tag: 'years',
  },
});

/**
 * Everything an initiative has left in a year, released as of a date: the earmarked funds it
 * carried in first, then each grant's unspent part. The events, and how much they release.
 */
export function releaseEverything(
  state: YearState,
  initiativeId: string,
  effectiveDate: string,
  reason: string,
  authority?: { caseNumber: string; pointNumber: number },
): { events: EventDraft[]; released: Decimal } {
  const total = initiativeOf(state, initiativeId).funds.lowestFrom(effectiveDate).amount;
  let left = total;
  const events: EventDraft[] = [];
  const earmark = earmarkLeft(state, initiativeId);
  const fromEarmark = earmark.lessThan(left) ? earmark : left;
  if (fromEarmark.greaterThan(0)) {
    events.push(earmarkReleased(state, initiativeId, fromEarmark, reason, authority));
    left = left.minus(fromEarmark);
  }
  const grants = [...state.grants.values()].filter((grant) => grant.initiativeId === initiativeId && grant.awardEventId !== null);
  for (const grant of grants.sort((a, b) => (a.grantId < b.grantId ? -1 : 1))) {
    const own = grant.unreleased.lowestFrom(effectiveDate).amount;
    const part = own.lessThan(left) ? own : left;
    if (!part.greaterThan(0) || effectiveDate < (grant.awardedOn ?? '')) continue;
    events.push(fundsReleased(state, grant, part, reason, authority));
    left = left.minus(part);
  }
  return { events, released: total.greaterThan(0) ? total.minus(left) : total.mul(0) };
}

/**
 * An initiative dropped (or finished under budget): everything it has left in the year is
 * released — the earmarked funds it carried in first, then each grant's unspent part —
 * and goes into the next frame at the settlement.
 */
export const dropInitiative = defineCommand({
  type: 'DropInitiative',
  shape: { year: YearSchema, initiativeId: EntityIdSchema, reason: TextSchema, authority: ResolutionCitationSchema.optional() },
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year, command.authority?.caseNumber),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    requireInitiative(states.registry(), command.initiativeId);
    requireCitedPoint(states, command.authority, context.effectiveDate);
    const { initiativeId, reason, authority } = command;
    const { events } = releaseEverything(state, initiativeId, context.effectiveDate, reason, authority);
    if (events.length === 0)
      throw new DomainError('nothing-to-release', `${initiativeId} has nothing unspent in ${state.year} to release`, {
        initiativeId,
        year: state.year,
      });
    return events;
  },
  http: {
    path: '/api/years/:year/initiatives/:initiativeId/drop',
    summary: 'Drop an initiative: release all it has left in the year',
    tag: 'years',
  },
});
