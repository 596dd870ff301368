import type { Decimal } from 'decimal.js';
import { money } from '../src/domain/money.js';
import { Account, LedgerView, unpackPositions, type CaseView, type GrantView, type ProposalView, type YearBook } from './ledger-view.js';
import { ViewHistory, type PackedHistory } from './view-history.js';
import { ViewMap } from './view-maps.js';

/**
 * A view written out so a restart catches up from where it stood instead of
 * replaying from zero. Bump the version whenever the fold changes meaning: an
 * older snapshot is then ignored and the view rebuilt.
 */
export const SNAPSHOT_VERSION = 8;

export interface ViewSnapshot {
  version: number;
  position: number;
  lastEventHash: string | null;
  eventCount: number;
  registry: {
    programmeAreas: unknown[];
    initiatives: unknown[];
    partners: unknown[];
    members: unknown[];
    /** The committee's quorum (null: not set). */
    quorum: number | null;
  };
  /** Cases, proposals and grants: [key, the item's JSON text] (each parsed when first read). */
  cases: [string, string][];
  proposals: [string, string][];
  grants: [string, string][];
  /** The position each case, proposal and grant arrived at, in key order, joined by commas. */
  arrivals: { cases: string; proposals: string; grants: string };
  /** Cases, proposals and grants replaced by another under the same key: [key, [position replaced at, the item]][]. */
  replaced: { cases: [string, [number, unknown][]][]; proposals: [string, [number, unknown][]][]; grants: [string, [number, unknown][]][] };
  recommendationAmounts: [string, string][];
  /** What each change of a recommended amount replaced: [position, key, the amount before (null: none)]. */
  recommendationChanges: [number, string, string | null][];
  /** The as-of index (see `ViewHistory`). */
  history: PackedHistory;
  proposalLinks: [string, string][];
  years: {
    year: number;
    /** The year's event positions joined by commas (unpacked when first read). */
    eventPositions: string;
    closed: unknown;
    /** key, total, positions joined by commas, deltas joined by commas (postings unpacked when first read) */
    accounts: [string, string, string, string][];
  }[];
}

export function toSnapshot(view: LedgerView): ViewSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    position: view.position,
    lastEventHash: view.lastEventHash,
    eventCount: view.eventCount,
    registry: {
      programmeAreas: [...view.registry.programmeAreas.values()],
      initiatives: [...view.registry.initiatives.values()],
      partners: [...view.registry.partners.values()],
      members: [...view.registry.members.values()],
      quorum: view.registry.quorum,
    },
    cases: [...view.cases.jsonEntries()],
    proposals: [...view.proposals.jsonEntries()],
    grants: [...view.grants.jsonEntries()],
    arrivals: { cases: view.cases.packedArrivals(), proposals: view.proposals.packedArrivals(), grants: view.grants.packedArrivals() },
    replaced: { cases: view.cases.replacedItems(), proposals: view.proposals.replacedItems(), grants: view.grants.replacedItems() },
    recommendationAmounts: [...view.recommendationAmounts].map(([key, value]) => [key, value.toFixed(2)]),
    recommendationChanges: view.recommendationAmounts.changes.map(([position, key, before]) => [position, key, before?.toFixed(2) ?? null]),
    history: view.history.pack(),
    proposalLinks: [...view.proposalLinks],
    years: [...view.years.values()].map((book) => ({
      year: book.year,
      eventPositions: packedEventPositions(book),
      closed: book.closed,
      accounts: [...book.accounts].map(([key, account]) => {
        const packed = account.pack();
        return [key, account.total.toFixed(2), packed.positions, packed.deltas];
      }),
    })),
  };
}

/** Restores a view; returns null for a snapshot of another version. */
export function fromSnapshot(snapshot: ViewSnapshot): LedgerView | null {
  if (snapshot.version !== SNAPSHOT_VERSION) return null;
  const view = new LedgerView();
  view.position = snapshot.position;
  view.lastEventHash = snapshot.lastEventHash;
  view.eventCount = snapshot.eventCount;
  const fill = <T>(map: Map<string, T>, items: unknown[], key: keyof T) => {
    for (const item of items as T[]) map.set(String(item[key]), item);
  };
  fill(view.registry.programmeAreas, snapshot.registry.programmeAreas, 'programmeAreaId');
  fill(view.registry.initiatives, snapshot.registry.initiatives, 'initiativeId');
  fill(view.registry.partners, snapshot.registry.partners, 'partnerId');
  fill(view.registry.members, snapshot.registry.members, 'memberId');
  view.registry.quorum = snapshot.registry.quorum;
  const writable = view as {
    cases: LedgerView['cases'];
    proposals: LedgerView['proposals'];
    grants: LedgerView['grants'];
    history: LedgerView['history'];
  };
  writable.history = ViewHistory.unpack(snapshot.history);
  const { arrivals, replaced } = snapshot;
  writable.cases = ViewMap.restore(snapshot.cases, arrivals.cases, replaced.cases as [string, [number, CaseView][]][]);
  writable.proposals = ViewMap.restore(snapshot.proposals, arrivals.proposals, replaced.proposals as [string, [number, ProposalView][]][]);
  writable.grants = ViewMap.restore(snapshot.grants, arrivals.grants, replaced.grants as [string, [number, GrantView][]][]);
  view.recommendationAmounts.restore(
    snapshot.recommendationAmounts.map(([key, value]): [string, Decimal] => [key, money(value)]),
    snapshot.recommendationChanges.map(([position, key, before]): [number, string, Decimal | undefined] => [
      position,
      key,
      before === null ? undefined : money(before),
    ]),
  );
  for (const [proposalId, initiativeId] of snapshot.proposalLinks) view.proposalLinks.set(proposalId, initiativeId);
  for (const year of snapshot.years) {
    const book = view.yearBook(year.year);
    lazyEventPositions(book, year.eventPositions);
    book.closed = year.closed as typeof book.closed;
    // Totals are kept and postings stay packed until read, so a restore parses no posting:
    // start-up stays fast on a long history.
    for (const [key, total, positions, deltas] of year.accounts) book.accounts.set(key, Account.restorePacked(total, positions, deltas));
  }
  return view;
}

const packedPositions = new WeakMap<YearBook, string>();

/**
 * A restored year's event positions stay packed until something reads them (the audit
 * trail of the year, or the fold adding an event): then the property becomes the array.
 */
function lazyEventPositions(book: YearBook, packed: string): void {
  packedPositions.set(book, packed);
  Object.defineProperty(book, 'eventPositions', {
    configurable: true,
    enumerable: true,
    get(): number[] {
      const positions = unpackPositions(packed);
      packedPositions.delete(book);
      Object.defineProperty(book, 'eventPositions', { value: positions, writable: true, configurable: true, enumerable: true });
      return positions;
    },
    set(value: number[]) {
      packedPositions.delete(book);
      Object.defineProperty(book, 'eventPositions', { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

function packedEventPositions(book: YearBook): string {
  return packedPositions.get(book) ?? book.eventPositions.join(',');
}

/** The position of a year's first event (read without unpacking a restored year's trail); Infinity for none. */
export function firstEventPosition(book: YearBook): number {
  const packed = packedPositions.get(book);
  if (packed === undefined) return book.eventPositions[0] ?? Infinity;
  const comma = packed.indexOf(',');
  return packed === '' ? Infinity : Number(comma === -1 ? packed : packed.slice(0, comma));
}
