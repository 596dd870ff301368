import { money } from '../src/domain/money.js';
import { Account, LedgerView } from './ledger-view.js';

/**
 * A view written out so a restart catches up from where it stood instead of
 * replaying from zero. Bump the version whenever the fold changes meaning: an
 * older snapshot is then ignored and the view rebuilt.
 */
export const SNAPSHOT_VERSION = 3;

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
  };
  cases: unknown[];
  proposals: unknown[];
  grants: unknown[];
  recommendationAmounts: [string, string][];
  proposalLinks: [string, string][];
  years: {
    year: number;
    eventPositions: number[];
    closed: unknown;
    /** key, total, positions, deltas */
    accounts: [string, string, number[], string[]][];
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
    },
    cases: [...view.cases.values()],
    proposals: [...view.proposals.values()],
    grants: [...view.grants.values()],
    recommendationAmounts: [...view.recommendationAmounts].map(([key, value]) => [key, value.toFixed(2)]),
    proposalLinks: [...view.proposalLinks],
    years: [...view.years.values()].map((book) => ({
      year: book.year,
      eventPositions: book.eventPositions,
      closed: book.closed,
      accounts: [...book.accounts].map(([key, account]) => [key, account.total.toFixed(2), account.positions, account.deltas]),
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
  fill(view.cases, snapshot.cases, 'caseNumber');
  fill(view.proposals, snapshot.proposals, 'proposalId');
  fill(view.grants, snapshot.grants, 'grantId');
  for (const [key, value] of snapshot.recommendationAmounts) view.recommendationAmounts.set(key, money(value));
  for (const [proposalId, initiativeId] of snapshot.proposalLinks) view.proposalLinks.set(proposalId, initiativeId);
  for (const year of snapshot.years) {
    const book = view.yearBook(year.year);
    book.eventPositions.push(...year.eventPositions);
    book.closed = year.closed as typeof book.closed;
    // Totals are kept, so a restore parses no posting: start-up stays fast on a long history.
    for (const [key, total, positions, deltas] of year.accounts) book.accounts.set(key, Account.restore(total, positions, deltas));
  }
  return view;
}
