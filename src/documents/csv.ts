import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { allocationColumns } from '../../projections/allocation.js';
import { allocationLines, columnFigure, correctionNoteText } from './content.js';
import type { LedgerDocument } from './service.js';
import {
  DocumentReadError,
  parseRequest,
  requestText,
  sourceOf,
  type DocumentFigure,
  type DocumentRequest,
  type DocumentSource,
} from './source.js';

/**
 * CSV for machines (RFC 4180: CRLF line ends, fields quoted where they need it, UTF-8, one
 * header row). Every row is one figure and carries the document's source, so a row read
 * alone still says where it came from; amounts are plain decimals, and an amount that was
 * not stated is an empty field.
 */

/** The columns that name a CSV document's source, on every row. */
export const sourceColumns = ['document', 'as_of_date', 'as_of_basis', 'log_position', 'event_hash'] as const;

const allocationCsvColumns = ['section', 'scope', 'programme_area', 'name', 'figure', 'year', 'amount', ...sourceColumns] as const;

export function sourceFields(request: DocumentRequest, source: DocumentSource): Record<(typeof sourceColumns)[number], string> {
  return {
    document: requestText(request),
    as_of_date: source.asOfDate,
    as_of_basis: source.basis,
    log_position: String(source.position),
    event_hash: source.hash ?? 'none',
  };
}

/** Writes records as RFC 4180 CSV with the given header. */
export function csvText(columns: readonly string[], records: Record<string, string>[]): string {
  return stringify(records, { header: true, columns: [...columns], record_delimiter: 'windows', quoted_match: /^[\s]|[\s]$/ });
}

export function allocationCsv(document: LedgerDocument & { content: { kind: 'allocation' } }): string {
  const { table } = document.content;
  const source = sourceFields(document.request, document.source);
  const records: Record<string, string>[] = [];
  for (const line of allocationLines(table))
    for (const column of allocationColumns) {
      const { figure, year } = columnFigure(table, column);
      const amount = line.amounts[column];
      records.push({
        section: line.section,
        scope: line.scope,
        programme_area: line.areaScope?.slice('programme-area:'.length) ?? '',
        name: line.name,
        figure,
        year: String(year),
        amount: amount ?? '',
        ...source,
      });
    }
  for (const line of table.frameLines)
    records.push({
      section: 'frame',
      scope: 'frame',
      programme_area: '',
      name: line.label.nb,
      figure: line.figure,
      year: String(table.nextYear),
      amount: line.amount,
      ...source,
    });
  // A footnote per granted figure a later correction changed: the amount as recorded, and the note in words.
  for (const correction of table.corrections)
    records.push({
      section: 'correction',
      scope: correction.scope,
      programme_area: '',
      name: correctionNoteText(table, correction),
      figure: 'grantedAsRecorded',
      year: String(table.grantedYear),
      amount: correction.asRecorded,
      ...source,
    });
  return csvText(allocationCsvColumns, records);
}

/** Reads CSV text into records by its header; a text that is not CSV is named so. */
export function readCsv(text: string): Record<string, string>[] {
  try {
    return parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error: unknown) {
    throw new DocumentReadError(`the file is not a CSV the ledger wrote: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The one source every row of a CSV document names; rows naming different sources are refused. */
export function csvSource(records: Record<string, string>[]): { request: DocumentRequest; source: DocumentSource } {
  const first = records[0];
  if (!first) throw new DocumentReadError('the CSV has no rows');
  for (const column of sourceColumns)
    if (first[column] === undefined) throw new DocumentReadError(`the CSV has no ${column} column: it does not say what it was built from`);
  const signature = (record: Record<string, string>) => sourceColumns.map((column) => record[column]).join('|');
  const index = records.findIndex((record) => signature(record) !== signature(first));
  if (index !== -1) throw new DocumentReadError(`row ${index + 2} of the CSV names another source than the first row`);
  return {
    request: parseRequest(first.document!.split(/\s+/)),
    source: sourceOf({ asOfDate: first.as_of_date!, basis: first.as_of_basis!, position: first.log_position!, hash: first.event_hash! }),
  };
}

/** The figures of an allocation CSV, in its row order: the key of each is `scope|figure|year`, as the document's figures are keyed. */
export function allocationCsvFigures(records: Record<string, string>[]): DocumentFigure[] {
  return records.map((record, index) => {
    for (const column of ['scope', 'figure', 'year', 'amount'])
      if (record[column] === undefined) throw new DocumentReadError(`row ${index + 2} of the CSV has no ${column}`);
    return {
      key: `${record.scope}|${record.figure}|${record.year}`,
      label: `${record.name ?? record.scope}: ${record.figure} ${record.year}`,
      amount: record.amount === '' ? null : record.amount!,
    };
  });
}
