import { money } from '../src/domain/money.js';
import { Account, LedgerView, unpackPositions, type YearBook } from './ledger-view.js';

/**
 * A view written out so a restart catches up from where it stood instead of
 * replaying from zero. Bump the version whenever the fold changes meaning: an
 * older snapshot is then ignored and the view rebuilt.
 */
export const SNAPSHOT_VERSION = 6;

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
    /** The committee's quorum (absent in snapshots before version 6). */
    quorum?: number | null;
  };
  /** Cases, proposals and grants: [key, the item's JSON text] (each parsed when first read). */
  cases: [string, string][];
  proposals: [string, string][];
  grants: [string, string][];
  recommendationAmounts: [string, string][];
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
    cases: packedItems(view.cases),
    proposals: packedItems(view.proposals),
    grants: packedItems(view.grants),
    recommendationAmounts: [...view.recommendationAmounts].map(([key, value]) => [key, value.toFixed(2)]),
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
  view.registry.quorum = snapshot.registry.quorum ?? null;
  const writable = view as { cases: LedgerView['cases']; proposals: LedgerView['proposals']; grants: LedgerView['grants'] };
  writable.cases = LazyJsonMap.restore(snapshot.cases);
  writable.proposals = LazyJsonMap.restore(snapshot.proposals);
  writable.grants = LazyJsonMap.restore(snapshot.grants);
  for (const [key, value] of snapshot.recommendationAmounts) view.recommendationAmounts.set(key, money(value));
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

/** An item of a `LazyJsonMap` not parsed yet. */
class Packed {
  constructor(readonly text: string) {}
}

/**
 * A map restored from a checkpoint whose values stay JSON text until read: a restart
 * does not build a hundred thousand votes, proposals and grants it may never be asked
 * for. Reading a value (get, iteration) parses it once and keeps it in its place, so
 * the order of the entries, and every value read, are as in the view it was written from.
 */
export class LazyJsonMap<V> extends Map<string, V> {
  static restore<V>(items: [string, string][]): LazyJsonMap<V> {
    const map = new LazyJsonMap<V>();
    for (const [key, text] of items) map.setPacked(key, text);
    return map;
  }

  private setPacked(key: string, text: string): void {
    super.set(key, new Packed(text) as unknown as V);
  }

  override get(key: string): V | undefined {
    const value: unknown = super.get(key);
    if (!(value instanceof Packed)) return value as V | undefined;
    const parsed = JSON.parse(value.text) as V;
    super.set(key, parsed);
    return parsed;
  }

  /** Each entry as JSON text, without parsing the ones still packed. */
  *jsonEntries(): Generator<[string, string]> {
    for (const [key, value] of super.entries()) yield [key, value instanceof Packed ? value.text : JSON.stringify(value)];
  }

  override *entries(): MapIterator<[string, V]> {
    for (const key of super.keys()) yield [key, this.get(key)!];
  }

  override *values(): MapIterator<V> {
    for (const key of super.keys()) yield this.get(key)!;
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

function packedItems<V>(map: Map<string, V>): [string, string][] {
  return map instanceof LazyJsonMap ? [...map.jsonEntries()] : [...map].map(([key, value]) => [key, JSON.stringify(value)]);
}
