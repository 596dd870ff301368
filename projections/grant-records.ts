import type { Decimal } from 'decimal.js';
import { ZERO, formatAmount, money } from '../src/domain/money.js';
import type { GrantCondition } from '../events/year-events.js';
import type { InitiativeFigure } from './figures.js';
import type { GrantView, LedgerView } from './ledger-view.js';

/**
 * Every grant as a record to publish (the 360Giving export): what was awarded to which
 * initiative, by which case and point, on which day, spread over which years, and who
 * proposed the initiative. The amounts are read from the grant's own postings (its award,
 * plan changes and adjustments), so they are the figures the frame holds.
 */

export interface GrantRecord {
  grantId: string;
  initiativeId: string;
  initiativeName: string;
  programmeArea: { id: string; name: string } | null;
  /** The year the grant was awarded in (its first instalment's frame). */
  year: number;
  /** The instalments as they stand, after plan changes and adjustments; a year brought to 0 is left out. */
  instalments: { year: number; amount: string }[];
  /** The sum of the instalments. */
  amountAwarded: string;
  authority: { caseNumber: string; pointNumber: number };
  caseTitle: string | null;
  /** When the committee adopted the resolution the grant cites (its meeting date when not adopted as of the view). */
  awardDate: string;
  fundedBy: 'frame' | 'reserve-fund';
  /** The conditions the committee attached to the grant, each with its date when it has one. */
  conditions: GrantCondition[];
  /** When the initiative reports on the grant; null when no date was set. */
  reportDueOn: string | null;
  /** The partners whose proposals asked for the initiative in one of the grant's years. */
  partners: { partnerId: string; name: string }[];
}

const grantFigures: InitiativeFigure[] = ['granted', 'committed', 'grantedFromReserve'];

/** Where a position is in a sorted list of positions, or −1. */
function indexOf(sorted: readonly number[], position: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < position) low = middle + 1;
    else high = middle;
  }
  return sorted[low] === position ? low : -1;
}

/** The grant's amount per year: the postings of its award and of its later changes to its initiative's grant figures. */
function instalmentsOf(view: LedgerView, grant: GrantView): { year: number; amount: string }[] {
  const positions = [grant.position, ...grant.changes];
  const years = new Set([grant.year, ...grant.instalments.map((instalment) => instalment.year)]);
  const result: { year: number; amount: string }[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    let amount: Decimal = ZERO;
    for (const figure of grantFigures) {
      const account = view.years.get(year)?.accounts.get(`initiative:${grant.initiativeId}|${figure}`);
      if (!account) continue;
      for (const position of positions) {
        const index = indexOf(account.positions, position);
        if (index !== -1) amount = amount.plus(money(account.deltas[index]!));
      }
    }
    if (!amount.isZero()) result.push({ year, amount: formatAmount(amount) });
  }
  return result;
}

function partnersOf(view: LedgerView, initiativeId: string, years: Set<number>): GrantRecord['partners'] {
  const partners = new Map<string, string>();
  for (const proposal of view.proposals.values()) {
    if (!years.has(proposal.year) || view.proposalScope(proposal.proposalId) !== `initiative:${initiativeId}`) continue;
    for (const partnerId of proposal.submittedBy) partners.set(partnerId, view.registry.partners.get(partnerId)?.name ?? partnerId);
  }
  return [...partners].map(([partnerId, name]) => ({ partnerId, name }));
}

/** Every grant of the view, in the order they were awarded. */
export function grantRecords(view: LedgerView): GrantRecord[] {
  // A commitment an opening balance carried in is part of a grant awarded before the ledger: not published as an award.
  return [...view.grants.values()]
    .filter((grant) => grant.opening !== true)
    .sort((a, b) => a.position - b.position)
    .map((grant) => {
      const initiative = view.registry.initiatives.get(grant.initiativeId);
      const area = initiative ? view.registry.programmeAreas.get(initiative.programmeAreaId) : undefined;
      const caseView = view.cases.get(grant.authority.caseNumber);
      const instalments = instalmentsOf(view, grant);
      const total = instalments.reduce((sum, instalment) => sum.plus(money(instalment.amount)), ZERO);
      return {
        grantId: grant.grantId,
        initiativeId: grant.initiativeId,
        initiativeName: initiative?.name ?? grant.initiativeId,
        programmeArea: area ? { id: area.programmeAreaId, name: area.name } : null,
        year: grant.year,
        instalments,
        amountAwarded: formatAmount(total),
        authority: grant.authority,
        caseTitle: caseView?.title ?? null,
        awardDate: caseView?.adopted?.effectiveDate ?? caseView?.meetingDate ?? `${grant.year}-12-31`,
        fundedBy: grant.fundedBy,
        conditions: grant.conditions,
        reportDueOn: grant.reportDueOn,
        partners: partnersOf(view, grant.initiativeId, new Set(instalments.map((instalment) => instalment.year).concat(grant.year))),
      };
    });
}
