import type { Decimal } from 'decimal.js';
import { yearOfCaseNumber } from '../events/identifiers.js';
import { ZERO, formatAmount } from '../src/domain/money.js';
import { words, type Words } from '../src/shared/format.js';
import { figureList, grantFigures, type Figure, type Scope } from './figures.js';
import { correctionOf } from './correction-overlay.js';
import type { LedgerView } from './ledger-view.js';
import { figureValue } from './queries.js';

/**
 * The allocation table (vedlegg 1) of a case or of a pair of years, as the committee
 * reads it: per programme area and initiative, what was granted in year Y, what of it
 * was ongoing and carried into Y+1, what the partners requested and the secretariat
 * recommended for Y+1; subtotals per programme area, totals, and the frame lines of
 * Y+1. A query over the read model, so it answers as of any date or log position the
 * view was taken at, and every amount is a figure `ledger explain` can explain.
 */

/** The four amounts of a line of the table. */
export interface AllocationAmounts {
  /** Granted in Y: granted from Y's frame, committed to Y by earlier decisions, and drawn from the reserve fund; as it stands after later corrections of a closed Y. */
  granted: string;
  /** Granted in Y as Y was closed, when later corrections changed it (the table's footnote). */
  grantedAsRecorded?: string;
  /** Ongoing in Y, carried into Y+1 earmarked for the initiative (earmarkedCarriedIn of Y+1). */
  carried: string;
  /** Requested for Y+1; null when a new initiative's proposals stated no amount. */
  requested: string | null;
  /** Recommended for Y+1. */
  recommended: string;
}

export const allocationColumns = ['granted', 'carried', 'requested', 'recommended'] as const;
export type AllocationColumn = (typeof allocationColumns)[number];

interface AllocationRow {
  /** `initiative:ID`, or `proposal:ID` for a proposal of an initiative not yet registered. */
  scope: string;
  name: string;
  amounts: AllocationAmounts;
}

interface AllocationArea {
  /** `programme-area:ID`. */
  scope: string;
  name: string;
  amounts: AllocationAmounts;
  initiatives: AllocationRow[];
}

interface AllocationFrameLine {
  /** The figure's name, or the line's own where the table names the figure otherwise (`buffer`). */
  figure: string;
  label: { nb: string; en: string };
  amount: string;
  /** A sum line, which stands out. */
  sum: boolean;
}

export interface AllocationTable {
  caseNumber: string | null;
  caseTitle: string | null;
  /** Y: the year whose grants the table shows. */
  grantedYear: number;
  /** Y+1: the year requested and recommended for, whose frame the frame lines are. */
  nextYear: number;
  areas: AllocationArea[];
  /** Proposals of new initiatives, without a programme area yet. */
  newInitiatives: AllocationRow[];
  total: AllocationAmounts;
  frameLines: AllocationFrameLine[];
  /** The table's footnotes: each initiative whose granted figure a later correction changed, and the corrections (log positions, cases). */
  corrections: AllocationCorrection[];
}

interface AllocationCorrection {
  scope: string;
  name: string;
  asRecorded: string;
  standing: string;
  positions: number[];
  caseNumbers: string[];
}

/** A case the table was asked for that the ledger does not have (as of then). */
export class CaseNotFoundError extends Error {
  readonly code = 'case-not-found';
  readonly words: Words;
  constructor(readonly caseNumber: string) {
    super(`there is no case ${caseNumber}`);
    this.name = 'CaseNotFoundError';
    this.words = words(`Sak ${caseNumber} finnes ikke (ledger list cases).`, `there is no case ${caseNumber} (ledger list cases)`);
  }
}

/**
 * The year a case requests and recommends for (Y+1): that of its recommendation, else of its
 * proposals, else of the allocation table its resolution proposes, else the case's own year.
 * Case 04.25 decided the 2024 funds; case 22.25 the 2025 funds.
 */
function yearDecidedByCase(view: LedgerView, caseNumber: string): number {
  const caseView = view.cases.get(caseNumber);
  if (!caseView) throw new CaseNotFoundError(caseNumber);
  const recommended = caseView.recommendations[0]?.year;
  if (recommended !== undefined) return recommended;
  const proposalId = caseView.proposalIds[0];
  const proposed = proposalId === undefined ? undefined : view.proposals.get(proposalId)?.year;
  if (proposed !== undefined) return proposed;
  for (const point of caseView.resolution?.points ?? [])
    if (point.authorises?.kind === 'allocation' && point.authorises.lines[0]) return point.authorises.lines[0].year;
  return yearOfCaseNumber(caseNumber);
}

type Sums = {
  granted: Decimal;
  grantedAsRecorded: Decimal;
  correctedAt: number[];
  carried: Decimal;
  requested: Decimal;
  recommended: Decimal;
  requestedStated: boolean;
};

function sumsOf(view: LedgerView, grantedYear: number, scope: Scope, requestedStated: boolean): Sums {
  const value = (year: number, figure: Figure) => figureValue(view, { year, figure, scope });
  const nextYear = grantedYear + 1;
  let recorded = ZERO;
  let corrected = ZERO;
  const correctedAt: number[] = [];
  for (const figure of grantFigures) {
    recorded = recorded.plus(value(grantedYear, figure));
    const correction = correctionOf(view, grantedYear, figure, scope);
    corrected = corrected.plus(correction.total);
    correctedAt.push(...correction.positions);
  }
  return {
    granted: recorded.plus(corrected),
    grantedAsRecorded: recorded,
    correctedAt,
    carried: value(nextYear, 'earmarkedCarriedIn'),
    requested: value(nextYear, 'requested'),
    recommended: value(nextYear, 'recommended'),
    requestedStated,
  };
}

function amountsOf(sums: Sums): AllocationAmounts {
  return {
    granted: formatAmount(sums.granted),
    ...(sums.granted.equals(sums.grantedAsRecorded) ? {} : { grantedAsRecorded: formatAmount(sums.grantedAsRecorded) }),
    carried: formatAmount(sums.carried),
    requested: sums.requestedStated || !sums.requested.isZero() ? formatAmount(sums.requested) : null,
    recommended: formatAmount(sums.recommended),
  };
}

function added(parts: Sums[]): Sums {
  const total: Sums = {
    granted: ZERO,
    grantedAsRecorded: ZERO,
    correctedAt: [],
    carried: ZERO,
    requested: ZERO,
    recommended: ZERO,
    requestedStated: true,
  };
  for (const part of parts) {
    total.granted = total.granted.plus(part.granted);
    total.grantedAsRecorded = total.grantedAsRecorded.plus(part.grantedAsRecorded);
    total.carried = total.carried.plus(part.carried);
    total.requested = total.requested.plus(part.requested);
    total.recommended = total.recommended.plus(part.recommended);
  }
  return total;
}

const isZero = (sums: Sums) => sums.granted.isZero() && sums.carried.isZero() && sums.requested.isZero() && sums.recommended.isZero();

/** The initiatives with a proposal for the year, and the proposals of new initiatives not yet registered. */
function proposalsFor(view: LedgerView, year: number) {
  const initiatives = new Set<string>();
  const newInitiatives: { proposalId: string; name: string; amountStated: boolean }[] = [];
  for (const proposal of view.proposals.values()) {
    if (proposal.year !== year) continue;
    const scope = view.proposalScope(proposal.proposalId);
    if (scope.startsWith('initiative:')) initiatives.add(scope.slice('initiative:'.length));
    else if ('newInitiativeName' in proposal.target)
      newInitiatives.push({
        proposalId: proposal.proposalId,
        name: proposal.target.newInitiativeName,
        amountStated: proposal.amountRequested !== null,
      });
  }
  return { initiatives, newInitiatives };
}

/** The frame lines of Y+1 under the table, as the figure table lists them (projections/figure-table.ts). */
function frameLines(view: LedgerView, year: number): AllocationFrameLine[] {
  const lines: AllocationFrameLine[] = [];
  for (const { figure, line, label, unlessZero, sum } of figureList('allocation')) {
    const value = figureValue(view, { year, figure, scope: { kind: 'total' } });
    if (!(unlessZero && value.isZero())) lines.push({ figure: line, label, amount: formatAmount(value), sum });
  }
  return lines;
}

/**
 * The allocation table for the years `grantedYear` and the one after, optionally headed by a
 * case. Initiatives show when any of their four amounts is not zero or a proposal for the
 * next year names them; programme areas when any of their initiatives shows.
 */
export function allocationTable(view: LedgerView, grantedYear: number, caseNumber: string | null = null): AllocationTable {
  const caseView = caseNumber === null ? null : view.cases.get(caseNumber);
  if (caseNumber !== null && !caseView) throw new CaseNotFoundError(caseNumber);
  const nextYear = grantedYear + 1;
  const proposed = proposalsFor(view, nextYear);
  const areaSums: Sums[] = [];
  const areas: AllocationArea[] = [];
  const corrected: { row: AllocationRow; sums: Sums }[] = [];
  for (const area of view.registry.programmeAreas.values()) {
    const rows: { row: AllocationRow; sums: Sums }[] = [];
    for (const initiative of view.registry.initiatives.values()) {
      if (initiative.programmeAreaId !== area.programmeAreaId) continue;
      const sums = sumsOf(view, grantedYear, { kind: 'initiative', initiativeId: initiative.initiativeId }, true);
      if (isZero(sums) && !proposed.initiatives.has(initiative.initiativeId)) continue;
      rows.push({ row: { scope: `initiative:${initiative.initiativeId}`, name: initiative.name, amounts: amountsOf(sums) }, sums });
    }
    if (rows.length === 0) continue;
    corrected.push(...rows.filter(({ sums }) => !sums.granted.equals(sums.grantedAsRecorded)));
    const subtotal = added(rows.map(({ sums }) => sums));
    areaSums.push(subtotal);
    areas.push({
      scope: `programme-area:${area.programmeAreaId}`,
      name: area.name,
      amounts: amountsOf(subtotal),
      initiatives: rows.map(({ row }) => row),
    });
  }
  const newSums = proposed.newInitiatives.map((proposal) => ({
    proposal,
    sums: sumsOf(view, grantedYear, { kind: 'proposal', proposalId: proposal.proposalId }, proposal.amountStated),
  }));
  return {
    caseNumber,
    caseTitle: caseView?.title ?? null,
    grantedYear,
    nextYear,
    areas,
    newInitiatives: newSums.map(({ proposal, sums }) => ({
      scope: `proposal:${proposal.proposalId}`,
      name: proposal.name,
      amounts: amountsOf(sums),
    })),
    total: amountsOf(added([...areaSums, ...newSums.map(({ sums }) => sums)])),
    frameLines: frameLines(view, nextYear),
    corrections: corrected.map(({ row, sums }) => correctionNote(view, row, sums)),
  };
}

/** A footnote of the table: an initiative's granted figure as recorded and as it stands, with the corrections and their cases. */
function correctionNote(view: LedgerView, row: AllocationRow, sums: Sums): AllocationCorrection {
  const positions = [...new Set(sums.correctedAt)].sort((a, b) => a - b);
  const caseNumbers = [...view.cases.values()]
    .filter((caseView) => caseView.citedBy.some((position) => positions.includes(position)))
    .map((caseView) => caseView.caseNumber);
  return {
    scope: row.scope,
    name: row.name,
    asRecorded: formatAmount(sums.grantedAsRecorded),
    standing: formatAmount(sums.granted),
    positions,
    caseNumbers,
  };
}

/** The allocation table of a case: for the year it decides (Y+1) and the year before. */
export function caseAllocationTable(view: LedgerView, caseNumber: string): AllocationTable {
  return allocationTable(view, yearDecidedByCase(view, caseNumber) - 1, caseNumber);
}
