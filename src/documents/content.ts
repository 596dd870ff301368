import {
  allocationColumns,
  allocationTable,
  caseAllocationTable,
  type AllocationColumn,
  type AllocationTable,
} from '../../projections/allocation.js';
import { caseSummary, type CaseSummary, type DecidedMoneyKind } from '../../projections/case-summary.js';
import { grantRecords, type GrantRecord } from '../../projections/grant-records.js';
import type { LedgerView } from '../../projections/ledger-view.js';
import type { DocumentFigure, DocumentRequest } from './source.js';
import { formatMoney } from '../shared/format.js';

/**
 * What a document shows, computed from a view of the ledger, and the list of its figures
 * in the order the document prints them: what verify compares, one by one.
 */

/** Who funds the grants, as the 360Giving export names it: a setting of the composition root. */
export interface Funder {
  /** The funding organisation's identifier (an org-id such as `NO-BRC-…`); its grants' ids start with it. */
  id: string;
  name: string;
}

export type DocumentContent =
  | { kind: 'allocation'; table: AllocationTable }
  | { kind: 'case-summary'; summary: CaseSummary }
  | { kind: 'grants'; grants: GrantRecord[] };

export function contentOf(view: LedgerView, request: DocumentRequest): DocumentContent {
  switch (request.kind) {
    case 'allocation':
      return {
        kind: 'allocation',
        table: 'caseNumber' in request ? caseAllocationTable(view, request.caseNumber) : allocationTable(view, request.grantedYear),
      };
    case 'case-summary':
      return { kind: 'case-summary', summary: caseSummary(view, request.caseNumber) };
    case 'grants':
      return { kind: 'grants', grants: grantRecords(view) };
    default: {
      const exhaustive: never = request;
      return exhaustive;
    }
  }
}

/** The ledger's figure and year behind each column of the allocation table. */
export function columnFigure(table: Pick<AllocationTable, 'grantedYear' | 'nextYear'>, column: AllocationColumn) {
  switch (column) {
    case 'granted':
      return { figure: 'granted', year: table.grantedYear, nb: `Tildelt ${table.grantedYear}`, en: `Granted ${table.grantedYear}` };
    case 'carried':
      return {
        figure: 'earmarkedCarriedIn',
        year: table.nextYear,
        nb: `Pågående ${table.grantedYear}, overført til ${table.nextYear}`,
        en: `Ongoing ${table.grantedYear}, carried into ${table.nextYear}`,
      };
    case 'requested':
      return { figure: 'requested', year: table.nextYear, nb: `Innspill ${table.nextYear}`, en: `Requested ${table.nextYear}` };
    case 'recommended':
      return { figure: 'recommended', year: table.nextYear, nb: `Anbefalt ${table.nextYear}`, en: `Recommended ${table.nextYear}` };
    default: {
      const exhaustive: never = column;
      return exhaustive;
    }
  }
}

/** The key of one amount of the allocation table: `initiative:vip|granted|2024`. */
export function allocationKey(table: AllocationTable, scope: string, column: AllocationColumn): string {
  const { figure, year } = columnFigure(table, column);
  return `${scope}|${figure}|${year}`;
}

export const frameLineKey = (table: AllocationTable, figure: string) => `frame|${figure}|${table.nextYear}`;

/** Every line of the table with its amounts, in print order: each area, its initiatives, the new initiatives, the total. */
export function allocationLines(table: AllocationTable) {
  return [
    ...table.areas.flatMap((area) => [
      { section: 'programme-area' as const, scope: area.scope, name: area.name, areaScope: area.scope, amounts: area.amounts },
      ...area.initiatives.map((row) => ({
        section: 'initiative' as const,
        scope: row.scope,
        name: row.name,
        areaScope: area.scope,
        amounts: row.amounts,
      })),
    ]),
    ...table.newInitiatives.map((row) => ({
      section: 'new-initiative' as const,
      scope: row.scope,
      name: row.name,
      areaScope: null,
      amounts: row.amounts,
    })),
    { section: 'total' as const, scope: 'total', name: 'Sum', areaScope: null, amounts: table.total },
  ];
}

function allocationFigures(table: AllocationTable): DocumentFigure[] {
  const figures: DocumentFigure[] = [];
  for (const line of allocationLines(table))
    for (const column of allocationColumns)
      figures.push({
        key: allocationKey(table, line.scope, column),
        label: `${line.name}: ${columnFigure(table, column).nb}`,
        amount: line.amounts[column],
      });
  for (const line of table.frameLines)
    figures.push({ key: frameLineKey(table, line.figure), label: `${line.label.nb} ${table.nextYear}`, amount: line.amount });
  for (const correction of table.corrections)
    figures.push({
      key: correctionNoteKey(table, correction.scope),
      label: `${correction.name}: tildelt ${table.grantedYear} slik det ble ført`,
      amount: correction.asRecorded,
    });
  return figures;
}

/** The key of a footnote's amount: a granted figure as recorded before a later correction. */
export const correctionNoteKey = (table: Pick<AllocationTable, 'grantedYear'>, scope: string) =>
  `${scope}|grantedAsRecorded|${table.grantedYear}`;

/** A footnote of the allocation table in words (bokmål): what was recorded, what stands, and which case corrected it. */
export function correctionNoteText(
  table: Pick<AllocationTable, 'grantedYear'>,
  correction: AllocationTable['corrections'][number],
): string {
  const cases = correction.caseNumbers.length > 0 ? ` ved sak ${correction.caseNumbers.join(', ')}` : '';
  const positions = correction.positions.join(', ');
  return `${correction.name}: tildelt ${table.grantedYear} ble ført med ${formatMoney(correction.asRecorded)} og er rettet${cases} til ${formatMoney(correction.standing)} (rettelse i loggposisjon ${positions}). Året er avsluttet og står uendret i loggen; tabellen viser tallet som står.`;
}

export const moneyKindLabels: Record<DecidedMoneyKind | 'total', { nb: string; en: string }> = {
  grant: { nb: 'Tildeling', en: 'Grant' },
  'grant-change': { nb: 'Endring av tildeling', en: 'Change of a grant' },
  release: { nb: 'Frigjort', en: 'Released' },
  'reserve-fund': { nb: 'Satt av til fond', en: 'Reserve fund' },
  'prior-year-adjustment': { nb: 'Korreksjon av tidligere år', en: 'Prior-year adjustment' },
  total: { nb: 'Sum vedtatt', en: 'Total decided' },
};

export const moneyLineKey = (line: CaseSummary['money'][number]) => `${line.scope}|${line.figure}|${line.year}|@${line.position}`;
export const proposalKey = (proposal: CaseSummary['proposals'][number]) =>
  `proposal:${proposal.proposalId}|amountRequested|${proposal.year}`;
export const recommendationKey = (line: CaseSummary['recommendation'][number]) => `${line.scope}|amountRecommended|${line.year}`;
export const moneyTotalKey = (kind: DecidedMoneyKind | 'total') => `case-money|${kind}|total`;

/** The kinds of money a case decided, and the total: the sums a case summary prints. */
export function moneyTotalKinds(summary: CaseSummary): (DecidedMoneyKind | 'total')[] {
  return (Object.keys(summary.moneyTotals) as (DecidedMoneyKind | 'total')[]).filter(
    (kind) => kind === 'total' || summary.money.some((line) => line.kind === kind),
  );
}

function caseSummaryFigures(summary: CaseSummary): DocumentFigure[] {
  return [
    ...summary.proposals.map((proposal) => ({
      key: proposalKey(proposal),
      label: `Innspill ${proposal.year}, ${proposal.name}`,
      amount: proposal.amountRequested,
    })),
    ...summary.recommendation.map((line) => ({
      key: recommendationKey(line),
      label: `Anbefalt ${line.year}, ${line.name}`,
      amount: line.amountRecommended,
    })),
    ...summary.money.map((line) => ({
      key: moneyLineKey(line),
      label: `${moneyKindLabels[line.kind].nb} ${line.year}, ${line.name} (posisjon ${line.position})`,
      amount: line.amount,
    })),
    ...moneyTotalKinds(summary).map((kind) => ({
      key: moneyTotalKey(kind),
      label: moneyKindLabels[kind].nb,
      amount: summary.moneyTotals[kind],
    })),
  ];
}

/** A grant's identifier as published: the funder's identifier, then the ledger's grant id. */
export const publishedGrantId = (funder: Pick<Funder, 'id'>, grantId: string) => `${funder.id}-${grantId}`;
export const grantKey = (publishedId: string) => `grant:${publishedId}|amountAwarded`;

function grantFigures(grants: GrantRecord[], funder: Pick<Funder, 'id'>): DocumentFigure[] {
  return grants.map((grant) => ({
    key: grantKey(publishedGrantId(funder, grant.grantId)),
    label: `${grant.initiativeName} (${grant.grantId}), tildelt beløp`,
    amount: grant.amountAwarded,
  }));
}

/** The figures of a document, in the order it prints them. */
export function figuresOf(content: DocumentContent, funder: Pick<Funder, 'id'> | null): DocumentFigure[] {
  if (content.kind === 'allocation') return allocationFigures(content.table);
  if (content.kind === 'case-summary') return caseSummaryFigures(content.summary);
  return grantFigures(content.grants, funder ?? { id: '' });
}
