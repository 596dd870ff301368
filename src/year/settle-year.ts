import type { Decimal } from 'decimal.js';
import type { EventDraft } from '../../events/catalogue.js';
import { GENESIS_HASH } from '../../events/envelope.js';
import { YearSchema } from '../../events/money.js';
import { DomainError } from '../domain/errors.js';
import { settlementDateRefusal } from '../domain/settlement-date.js';
import { ZERO, formatAmount } from '../domain/money.js';
import type { RegistryState } from '../registry/registry.js';
import { droppedAsOf } from '../registry/registry-rules.js';
import { releaseEverything } from './grant-changes.js';
import { frameOf, type YearState } from './year.js';
import { defineCommand, type DecisionContext } from '../commands/define.js';
import { yearRef } from '../commands/state-refs.js';
import { requireOpenYear, requireWithinBounds, requireYearInRange, yearReads } from './year-rules.js';

/**
 * The year-end settlement (avregning): the unallocated remainder and the released funds
 * go into next year's frame; each initiative's unspent funds carry over earmarked; the
 * reserve fund's balance stays set aside; then the year closes with a seal (the hash of
 * its stream's last event). Years settle in order, on or after 31 December and after
 * the last thing that took effect in the year; the settlement computes as of its date.
 */
export const settleYear = defineCommand({
  type: 'SettleYear',
  shape: { year: YearSchema },
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    requireYearInRange(state.year + 1, `carrying ${state.year}'s money forward`);
    requireInOrder(state);
    requireSettlementDate(state, context.effectiveDate, context.today);
    const releases = droppedReleases(states.registry(), state, context.effectiveDate);
    const events = settlementEvents(state, context, releases);
    requireNextFrameWithinBounds(states.year(state.year + 1), state, releases.released);
    return [...releases.events, ...events];
  },
  http: { path: '/api/years/:year/settlement', summary: 'Settle a year: carry its money forward and close it', tag: 'years' },
});

function requireInOrder(state: YearState): void {
  const earlier: [number, YearState['previousYear']][] = [
    [state.year - 1, state.previousYear],
    [state.year - 2, state.yearBeforePrevious],
  ];
  for (const [year, seen] of earlier)
    if (seen.hasActivity && seen.closedOn === null)
      throw new DomainError('previous-year-open', `${year} must be settled before ${state.year}`, { year: state.year, previousYear: year });
}

/** The latest day anything took effect in the year: its own events and the money other years moved into it. */
function lastChangeOf(state: YearState): string | null {
  const dates = [state.lastEventOn, state.available.lastDate, state.reserveBalance.lastDate, state.received.lastDate];
  for (const initiative of state.initiatives.values()) dates.push(initiative.funds.lastDate);
  return dates.reduce<string | null>((latest, date) => (date !== null && (latest === null || date > latest) ? date : latest), null);
}

/** The settlement's date by the rule the page checks it with too (src/domain/settlement-date.ts). */
function requireSettlementDate(state: YearState, effectiveDate: string, today: string): void {
  const refusal = settlementDateRefusal({
    year: state.year,
    effectiveDate,
    today,
    lastChangeOn: lastChangeOf(state),
    previousSettledOn: state.previousYear.closedOn,
  });
  if (refusal) throw new DomainError(refusal.code, refusal.message, refusal.details);
}

/** The remainder and the released funds join the next year's frame: together with what it already has, within the bound. */
function requireNextFrameWithinBounds(next: YearState, state: YearState, releasedNow: Decimal): void {
  requireWithinBounds(frameOf(next).plus(state.available.total).plus(state.releasedTotal).plus(releasedNow), `the ${next.year} frame`);
}

interface SettlementReleases {
  events: EventDraft[];
  released: Decimal;
  initiatives: Set<string>;
}

/**
 * An initiative dropped by the settlement's date carries nothing over: what it has left is
 * released, and goes into the next frame with the other released funds.
 */
function droppedReleases(registry: RegistryState, state: YearState, effectiveDate: string): SettlementReleases {
  const releases: SettlementReleases = { events: [], released: ZERO, initiatives: new Set() };
  for (const [initiativeId, initiative] of [...state.initiatives.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const record = registry.initiatives.get(initiativeId);
    if (!record || !initiative.funds.total.greaterThan(0)) continue;
    const droppedOn = droppedAsOf(record, effectiveDate);
    if (droppedOn === null) continue;
    const reason = `${record.name} ble avsluttet ${droppedOn}; ubrukte midler frigjøres ved avregningen`;
    const { events, released } = releaseEverything(state, initiativeId, effectiveDate, reason);
    releases.events.push(...events);
    releases.released = releases.released.plus(released);
    releases.initiatives.add(initiativeId);
  }
  return releases;
}

function settlementEvents(state: YearState, context: DecisionContext, releases: SettlementReleases): EventDraft[] {
  const { year } = state;
  const toYear = year + 1;
  const remainder = state.available.total;
  if (remainder.isNegative())
    throw new DomainError(
      'frame-overspent',
      `${year} has granted ${formatAmount(remainder.abs())} more than its frame; adjust grants before settling`,
      {
        year,
        amountOver: formatAmount(remainder.abs()),
      },
    );
  const carried = (what: string, amount: Decimal) => {
    requireWithinBounds(amount, what);
    return formatAmount(amount);
  };
  const events: EventDraft[] = [];
  if (!remainder.isZero())
    events.push({ type: 'RemainderCarriedForward', data: { fromYear: year, toYear, amount: carried('the remainder', remainder) } });
  const releasedTotal = state.releasedTotal.plus(releases.released);
  if (!releasedTotal.isZero())
    events.push({
      type: 'ReleasedFundsCarriedForward',
      data: { fromYear: year, toYear, amount: carried('the released funds', releasedTotal) },
    });
  for (const [initiativeId, initiative] of [...state.initiatives.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!initiative.funds.total.greaterThan(0) || releases.initiatives.has(initiativeId)) continue;
    const grantIds = [...state.grants.values()]
      .filter((grant) => grant.initiativeId === initiativeId)
      .map((grant) => grant.grantId)
      .sort();
    const amount = carried(`the earmarked funds of ${initiativeId}`, initiative.funds.total);
    events.push({ type: 'EarmarkedFundsCarriedOver', data: { fromYear: year, toYear, initiativeId, amount, grantIds } });
  }
  if (state.reserveBalance.total.greaterThan(0))
    events.push({
      type: 'ReserveFundCarriedOver',
      data: { fromYear: year, toYear, amount: carried('the reserve fund', state.reserveBalance.total) },
    });
  events.push({ type: 'YearClosed', data: { year, seal: context.streamHead ?? { revision: -1, hash: GENESIS_HASH } } });
  return events;
}
