import type { LedgerEvent } from '../events/catalogue.js';
import { describeEvent, type Words } from './describe.js';
import type { GrantView, LedgerView } from './ledger-view.js';
import { indexOfPosition } from './positions.js';

/**
 * Decisions on money as a case page and a year page show them: what the decision was,
 * the point it cites, and the postings it made (each figure of each year and scope it
 * moved), read from the fold's own accounts, so the page links each to its explanation.
 */

interface DecisionPosting {
  year: number;
  figure: string;
  scope: string;
  amount: string;
}

export interface MoneyDecision {
  eventId: string;
  eventType: string;
  position: number;
  effectiveDate: string;
  description: Words;
  authority: { caseNumber: string; pointNumber: number } | null;
  grantId: string | null;
  initiativeId: string | null;
  corrects: string | null;
  postings: DecisionPosting[];
}

/**
 * The postings an event made, in the years it concerns. An account's positions are in
 * log order, so each account is searched, not scanned.
 */
function postingsAt(view: LedgerView, position: number): DecisionPosting[] {
  const postings: DecisionPosting[] = [];
  for (const book of view.years.values()) {
    if (indexOfPosition(book.eventPositions, position) === -1) continue;
    for (const [key, account] of book.accounts) {
      const positions = account.positions;
      // The first of the event's postings to the account: one event may post to it more than once (never today; each is listed if it does).
      let index = indexOfPosition(positions, position);
      if (index === -1) continue;
      const separator = key.lastIndexOf('|');
      const scope = key.slice(0, separator);
      for (; index < positions.length && positions[index] === position; index++)
        postings.push({
          year: book.year,
          figure: key.slice(separator + 1),
          scope: scope === 'year' ? 'total' : scope,
          amount: account.deltas[index]!,
        });
    }
  }
  return postings.sort((a, b) => a.year - b.year || a.figure.localeCompare(b.figure));
}

export function moneyDecision(event: LedgerEvent, view: LedgerView): MoneyDecision {
  const data = event.data as { authority?: { caseNumber: string; pointNumber: number }; grantId?: string; initiativeId?: string };
  return {
    eventId: event.id,
    eventType: event.type,
    position: event.position,
    effectiveDate: event.metadata.effectiveDate,
    description: describeEvent(event, view),
    authority: data.authority ?? null,
    grantId: data.grantId ?? null,
    initiativeId: data.initiativeId ?? null,
    corrects: event.metadata.corrects ?? null,
    postings: postingsAt(view, event.position),
  };
}

export interface GrantDetail extends Omit<GrantView, 'changes'> {
  initiativeName: string;
  awardEventId: string;
  effectiveDate: string;
  changes: MoneyDecision[];
}

/** A grant with its award's id and date and its later decisions, from the events at its positions. */
export function grantDetail(view: LedgerView, grant: GrantView, events: ReadonlyMap<number, LedgerEvent>): GrantDetail {
  const award = events.get(grant.position);
  if (!award) throw new Error(`the award of grant ${grant.grantId} at position ${grant.position} was not read`);
  const { changes, ...rest } = grant;
  return {
    ...rest,
    instalments: [...grant.instalments],
    initiativeName: view.registry.initiatives.get(grant.initiativeId)?.name ?? grant.initiativeId,
    awardEventId: award.id,
    effectiveDate: award.metadata.effectiveDate,
    changes: changes.map((position) => {
      const event = events.get(position);
      if (!event) throw new Error(`the change of grant ${grant.grantId} at position ${position} was not read`);
      return moneyDecision(event, view);
    }),
  };
}

/** The positions a grant's detail reads: its award and every later decision on it. */
export function grantPositions(grant: GrantView): number[] {
  return [grant.position, ...grant.changes];
}
