import type { Decimal } from 'decimal.js';
import { Account, countUpTo } from './account.js';
import { LedgerView, type CaseView, type GrantView, type ProposalView, type YearBook, type FoldEvent } from './ledger-view.js';
import { firstEventPosition } from './snapshot.js';
import { lastRegistryEventAsOfDate, proposalLinksAsOfPosition, registryAsOfDate, registryAsOfPosition } from './registry-as-of.js';
import type { AsOfDatePlan } from './view-history.js';
import { LazyMap, VersionedMap } from './view-maps.js';

/**
 * Views as of a log position or an effective date, derived from the current view and
 * its history index instead of folded again from the log.
 *
 * As of a position: the fold only appends (postings, trail positions, votes, citations,
 * each carrying its event's position) and makes each case, proposal and grant once, so
 * the state a fold of the log up to a position would hold is the current state cut at
 * that position. Every part is cut lazily, when a query first reads it: an account's
 * postings are its prefix up to the position (a binary search; the total summed from the
 * shorter side), a year's trail likewise, and the registry is replayed from the few
 * registry events the history keeps.
 *
 * As of a date: a fold of the events that took effect by the end of that day (and the
 * registry's, kept whatever their date), in log order. Up to the date frontier's bound
 * that is every event, so the view is the view as of that position, then the few events
 * after it that belong to the date folded in by the ordinary fold (`AsOfDatePlan`).
 */

/** Every field of a LedgerView, each derived below; a field added to the view must be derived here too. */
const DERIVED_FIELDS = new Set([
  'position',
  'lastEventHash',
  'eventCount',
  'registry',
  'history',
  'applying',
  'cases',
  'proposals',
  'grants',
  'years',
  'recommendationAmounts',
  'proposalLinks',
  'initiativeKeys',
]);
let fieldsChecked = false;

function checkFields(view: LedgerView): void {
  if (fieldsChecked) return;
  const unknown = Object.keys(view).filter((field) => !DERIVED_FIELDS.has(field));
  if (unknown.length > 0)
    throw new Error(`LedgerView has state that as-of views do not derive: ${unknown.join(', ')} (see projections/as-of.ts)`);
  fieldsChecked = true;
}

/** Defines a property made when first read (then an ordinary, writable one). */
function lazy<T extends object>(target: T, field: string, make: () => unknown): void {
  Object.defineProperty(target, field, {
    configurable: true,
    enumerable: true,
    get() {
      const value = make();
      Object.defineProperty(target, field, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
    set(value: unknown) {
      Object.defineProperty(target, field, { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

/** How many of `items` (in log order) came at or before `position`. */
function countBy<T>(items: readonly T[], positionOf: (item: T) => number, position: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (positionOf(items[middle]!) <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}

function bookAsOf(book: YearBook, position: number): YearBook {
  // Accounts are opened by their first posting, so those opened by then come first.
  const keys: string[] = [];
  for (const [key, account] of book.accounts) {
    if (account.firstPosition > position) break;
    keys.push(key);
  }
  const view: YearBook = {
    year: book.year,
    accounts: LazyMap.of(keys, (key) => Account.asOf(book.accounts.get(key)!, position)!),
    eventPositions: [],
    closed: book.closed && book.closed.position <= position ? book.closed : null,
    cutFrom: { book, position, changed: new Set() },
  };
  lazy(view, 'eventPositions', () => book.eventPositions.slice(0, countUpTo(book.eventPositions, position)));
  return view;
}

function caseAsOf(live: LedgerView, caseNumber: string, position: number): CaseView {
  const caseView = live.cases.itemAsOf(caseNumber, position).item;
  const upTo = <T>(items: readonly T[], positionOf: (item: T) => number) => items.slice(0, countBy(items, positionOf, position));
  return {
    caseNumber: caseView.caseNumber,
    meetingDate: caseView.meetingDate,
    title: caseView.title,
    position: caseView.position,
    proposalIds: upTo(caseView.proposalIds, (proposalId) => proposalPosition(live, proposalId, caseNumber)),
    recommendations: upTo(caseView.recommendations, (line) => line.position),
    resolution: caseView.resolution && caseView.resolution.position <= position ? caseView.resolution : null,
    votes: upTo(caseView.votes, (vote) => vote.position),
    adopted: caseView.adopted && caseView.adopted.position <= position ? caseView.adopted : null,
    citedBy: upTo(caseView.citedBy, (cited) => cited),
  };
}

/** Where a case's proposal was submitted (its id may have been used in another case too). */
function proposalPosition(live: LedgerView, proposalId: string, caseNumber: string): number {
  return live.proposals.versions(proposalId).find((proposal) => proposal.caseNumber === caseNumber)?.position ?? Infinity;
}

function proposalAsOf(live: LedgerView, proposalId: string, position: number): ProposalView {
  const { item, replacedAt } = live.proposals.itemAsOf(proposalId, position);
  return live.history.asOf('proposal', proposalId, item, position, replacedAt);
}

function grantAsOf(live: LedgerView, grantId: string, position: number): GrantView {
  const { item, replacedAt } = live.grants.itemAsOf(grantId, position);
  const grant = live.history.asOf('grant', grantId, item, position, replacedAt);
  return { ...grant, changes: grant.changes.slice(0, countUpTo(grant.changes, position)) };
}

/**
 * The view as the fold of the log up to `position` would hold it, derived lazily from
 * `live` (which must not be folded further while the view is read: a reader that
 * catches up forgets its as-of views). Every part is a copy where the fold may change
 * it, so events can be folded into the derived view without touching `live`.
 */
export function viewAsOfPosition(live: LedgerView, position: number): LedgerView {
  checkFields(live);
  const view = new LedgerView();
  view.position = Math.min(position, live.position);
  const applying = () => (view as unknown as { applying: number }).applying;
  lazy(view, 'years', () => {
    const years: number[] = [];
    // A year's first account was opened by its first posting, the earliest of all its accounts'.
    for (const [year, book] of live.years)
      if (firstEventPosition(book) <= position || (book.accounts.values().next().value?.firstPosition ?? Infinity) <= position)
        years.push(year);
    return LazyMap.of(years, (year) => bookAsOf(live.years.get(year)!, position));
  });
  lazy(view, 'cases', () => LazyMap.of(live.cases.keysBy(position), (caseNumber) => caseAsOf(live, caseNumber, position)));
  lazy(view, 'proposals', () => LazyMap.of(live.proposals.keysBy(position), (proposalId) => proposalAsOf(live, proposalId, position)));
  lazy(view, 'grants', () => LazyMap.of(live.grants.keysBy(position), (grantId) => grantAsOf(live, grantId, position)));
  lazy(view, 'recommendationAmounts', () => {
    const amounts = new VersionedMap<Decimal>(applying);
    amounts.restore(live.recommendationAmounts.entriesAsOf(position), []);
    return amounts;
  });
  // The registry and the links of proposals to the initiatives they became are written by
  // registry events only: made from the history's copy of them.
  lazy(view, 'registry', () => registryAsOfPosition(live.history, position));
  lazy(view, 'proposalLinks', () => proposalLinksAsOfPosition(live.history, position));
  return view;
}

/**
 * The view as of the end of a date, from its plan (`ViewHistory.planDate`) and the late
 * events it names, read from the log: the view as of the plan's bound, then the late
 * events folded in, in log order; and the registry as of the date. No event but the
 * registry's own reads the registry, and the registry's events kept whatever their
 * date are never late, so the registry is made apart (projections/registry-as-of.ts)
 * and the late events are folded beside a registry of their own, then dropped.
 */
export function viewAsOfDate(live: LedgerView, plan: AsOfDatePlan, late: FoldEvent[]): LedgerView {
  const view = viewAsOfPosition(live, plan.bound);
  const writable = view as { registry: LedgerView['registry'] };
  writable.registry = { programmeAreas: new Map(), initiatives: new Map(), partners: new Map(), members: new Map(), quorum: null };
  for (const event of [...late].sort((a, b) => a.position - b.position)) view.apply(event);
  view.position = Math.max(view.position, lastRegistryEventAsOfDate(live.history, plan.bound, plan.date));
  lazy(view, 'registry', () => registryAsOfDate(live, plan.bound, plan.date));
  return view;
}
