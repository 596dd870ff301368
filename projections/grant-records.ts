import type { Decimal } from 'decimal.js';
import { ZERO, formatAmount, money } from '../src/domain/money.js';
import type { GrantCondition } from '../events/year-events.js';
import { correctionFigure, grantFigures } from './figures.js';
import type { GrantView, LedgerView } from './ledger-view.js';
import { indexOfPosition } from './positions.js';

/**
 * Every grant as a record to publish (the 360Giving export): what was awarded to which
 * initiative, by which case and point, on which day, spread over which years, and who
 * proposed the initiative. The amounts are read from the grant's own postings (its award,
 * plan changes, adjustments and the corrections of a closed year that name it), so they are
 * the figures that stand; what was released of it, and what a correction changed, are said
 * beside them.
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
  /** The sum of the instalments: the amount that stands. */
  amountAwarded: string;
  /** Each closed year's instalment a later correction changed: as recorded, and as it stands. */
  corrections: { year: number; recorded: string; standing: string }[];
  /** What was released of it (unspent, back to the frame), and null when nothing was. */
  released: string | null;
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

/** The sum of an account's postings made by the grant's own events (its award and its later changes). */
function postedBy(view: LedgerView, year: number, key: string, positions: readonly number[]): Decimal {
  const account = view.years.get(year)?.accounts.get(key);
  if (!account) return ZERO;
  const accountPositions = account.positions;
  const deltas = account.deltas;
  let amount: Decimal = ZERO;
  for (const position of positions) {
    const index = indexOfPosition(accountPositions, position);
    if (index !== -1) amount = amount.plus(money(deltas[index]!));
  }
  return amount;
}

/** The grant's years: its award's and each instalment's, in order. */
function yearsOf(grant: GrantView): number[] {
  return [...new Set([grant.year, ...grant.instalments.map((instalment) => instalment.year)])].sort((a, b) => a - b);
}

/** The grant's amount per year as it stands (a year brought to 0 left out), and each year a correction of a closed year changed. */
function instalmentsOf(view: LedgerView, grant: GrantView) {
  const positions = [grant.position, ...grant.changes];
  const standing: { year: number; amount: string }[] = [];
  const corrections: GrantRecord['corrections'] = [];
  for (const year of yearsOf(grant)) {
    let posted: Decimal = ZERO;
    let correction: Decimal = ZERO;
    for (const figure of grantFigures) {
      const key = `initiative:${grant.initiativeId}|`;
      posted = posted.plus(postedBy(view, year, `${key}${figure}`, positions));
      correction = correction.plus(postedBy(view, year, `${key}${correctionFigure(figure)}`, positions));
    }
    const amount = posted.plus(correction);
    if (!amount.isZero()) standing.push({ year, amount: formatAmount(amount) });
    if (!correction.isZero()) corrections.push({ year, recorded: formatAmount(posted), standing: formatAmount(amount) });
  }
  return { standing, corrections };
}

/** What was released of the grant over its years (corrections of closed years included). */
function releasedOf(view: LedgerView, grant: GrantView): string | null {
  const positions = grant.changes;
  let released: Decimal = ZERO;
  for (const year of yearsOf(grant)) {
    const key = `initiative:${grant.initiativeId}|`;
    released = released.plus(postedBy(view, year, `${key}released`, positions));
    released = released.plus(postedBy(view, year, `${key}${correctionFigure('released')}`, positions));
  }
  return released.isZero() ? null : formatAmount(released);
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
      const { standing: instalments, corrections } = instalmentsOf(view, grant);
      const total = instalments.reduce((sum, instalment) => sum.plus(money(instalment.amount)), ZERO);
      return {
        grantId: grant.grantId,
        initiativeId: grant.initiativeId,
        initiativeName: initiative?.name ?? grant.initiativeId,
        programmeArea: area ? { id: area.programmeAreaId, name: area.name } : null,
        year: grant.year,
        instalments,
        amountAwarded: formatAmount(total),
        corrections,
        released: releasedOf(view, grant),
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
