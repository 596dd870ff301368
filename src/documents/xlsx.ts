import type ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';
import { allocationColumns } from '../../projections/allocation.js';
import { formatAmount, money } from '../domain/money.js';
import { allocationLines, columnFigure, correctionNoteKey, correctionNoteText, frameLineKey } from './content.js';
import { openingNoteText, type OpeningNote } from './opening-note.js';
import { DocumentError, type LedgerDocument } from './service.js';
import {
  DocumentReadError,
  documentReference,
  parseDocumentReference,
  type DocumentFigure,
  type DocumentRequest,
  type DocumentSource,
} from './source.js';

/**
 * The allocation table as a workbook for people: one sheet per table (the allocation, the
 * frame), and one that says where it came from. Amounts are numbers in a krone format,
 * the header row is frozen, and a last column keeps each row's key for verify.
 */

/** A new workbook; exceljs is loaded when a workbook is first written or read, not when the CLI or server starts (half a second). */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

/**
 * `kr 1 000 000`: the thousands separator is the reader's own (a space in Norwegian
 * settings), since a spreadsheet stores its formats in one neutral notation; zero shows
 * as a dash, as in the committee's tables. Øre are shown where an amount has any.
 */
export const KRONE_FORMAT = '"kr "#,##0;"−kr "#,##0;"–"';
const KRONE_AND_ORE_FORMAT = '"kr "#,##0.00;"−kr "#,##0.00;"–"';

const SHEET_NAMES = { allocation: 'Fordeling', corrections: 'Rettelser', source: 'Kilde' } as const;
const frameSheetName = (year: number) => `Ramme ${year}`;

/** An amount as a spreadsheet number; refused when a number could not hold it to the øre. */
export function spreadsheetNumber(amount: string): number {
  const value = Number(amount);
  if (!new Decimal(value).equals(money(amount)))
    throw new DocumentError('amount-not-representable', `the amount ${amount} cannot be written as a spreadsheet number to the øre`, {
      amount,
    });
  return value;
}

function setAmount(cell: ExcelJS.Cell, amount: string | null): void {
  if (amount === null) {
    cell.value = 'uten beløp';
    cell.alignment = { horizontal: 'right' };
    return;
  }
  cell.value = spreadsheetNumber(amount);
  cell.numFmt = /\.00$/.test(amount) ? KRONE_FORMAT : KRONE_AND_ORE_FORMAT;
}

const frozenHeader: Partial<ExcelJS.AddWorksheetOptions> = {
  views: [{ state: 'frozen', ySplit: 1 }],
  pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
};

function allocationSheet(workbook: ExcelJS.Workbook, document: LedgerDocument & { content: { kind: 'allocation' } }): void {
  const { table } = document.content;
  const sheet = workbook.addWorksheet(SHEET_NAMES.allocation, frozenHeader);
  sheet.columns = [
    { header: 'Programområde / satsning', width: 62 },
    ...allocationColumns.map((column) => ({ header: columnFigure(table, column).nb, width: 20 })),
    { header: 'Nøkkel', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const line of allocationLines(table)) {
    const name =
      line.section === 'initiative' || line.section === 'new-initiative'
        ? `   ${line.section === 'new-initiative' ? 'Ny: ' : ''}${line.name}`
        : line.name;
    const row = sheet.addRow([name]);
    allocationColumns.forEach((column, index) => setAmount(row.getCell(index + 2), line.amounts[column]));
    row.getCell(allocationColumns.length + 2).value = line.scope;
    if (line.section !== 'initiative' && line.section !== 'new-initiative') row.font = { bold: true };
  }
}

function frameSheet(workbook: ExcelJS.Workbook, document: LedgerDocument & { content: { kind: 'allocation' } }): void {
  const { table } = document.content;
  const sheet = workbook.addWorksheet(frameSheetName(table.nextYear), frozenHeader);
  sheet.columns = [
    { header: 'Post', width: 50 },
    { header: 'Beløp', width: 20 },
    { header: 'Nøkkel', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const line of table.frameLines) {
    const row = sheet.addRow([line.label.nb]);
    setAmount(row.getCell(2), line.amount);
    row.getCell(3).value = frameLineKey(table, line.figure);
  }
}

/** The footnotes: each granted figure a later correction changed, as recorded, in words and keyed for verify. */
function correctionsSheet(workbook: ExcelJS.Workbook, document: LedgerDocument & { content: { kind: 'allocation' } }): void {
  const { table } = document.content;
  if (table.corrections.length === 0) return;
  const sheet = workbook.addWorksheet(SHEET_NAMES.corrections, frozenHeader);
  sheet.columns = [
    { header: 'Rettelse', width: 100 },
    { header: `Tildelt ${table.grantedYear} slik det ble ført`, width: 24 },
    { header: 'Nøkkel', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const correction of table.corrections) {
    const row = sheet.addRow([correctionNoteText(table, correction)]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    setAmount(row.getCell(2), correction.asRecorded);
    row.getCell(3).value = correctionNoteKey(table, correction.scope);
  }
}

function sourceSheet(workbook: ExcelJS.Workbook, request: DocumentRequest, source: DocumentSource, opening: OpeningNote | null): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.source, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Kilde', width: 22 },
    { header: 'Verdi', width: 100 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(['Referanse', documentReference(request, source)]);
  sheet.addRow(['Per dato', source.asOfDate]);
  sheet.addRow(['Grunnlag', source.basis === 'date' ? 'virkningsdato' : 'loggposisjon']);
  sheet.addRow(['Loggposisjon', source.position]);
  sheet.addRow(['Hash', source.hash ?? 'ingen']);
  sheet.addRow(['Kontroll', 'ledger document verify FIL bygger dokumentet på nytt fra loggen og sammenligner hvert tall']);
  if (opening) sheet.addRow(['Inngående balanse', openingNoteText(opening)]);
}

export async function allocationXlsx(document: LedgerDocument & { content: { kind: 'allocation' } }): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = document.organisation ? `Beslutningsregisteret, ${document.organisation.name}` : 'Beslutningsregisteret';
  // A fixed date: the same document built again is the same file, whenever it is built.
  workbook.created = new Date(`${document.source.asOfDate}T00:00:00Z`);
  workbook.modified = workbook.created;
  allocationSheet(workbook, document);
  frameSheet(workbook, document);
  correctionsSheet(workbook, document);
  sourceSheet(workbook, document.request, document.source, document.opening);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A cell's amount as the document states it: a number, or `uten beløp` for none stated. */
function amountOf(cell: ExcelJS.Cell, where: string): string | null {
  const value = cell.value;
  if (typeof value === 'number') return formatAmount(new Decimal(value));
  if (value === 'uten beløp') return null;
  throw new DocumentReadError(`${where} is not an amount`);
}

function keyedRows(sheet: ExcelJS.Worksheet, amountColumns: number[], keyColumn: number, keyOf: (key: string, index: number) => string[]) {
  const figures: DocumentFigure[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const key = row.getCell(keyColumn).text;
    const label = row.getCell(1).text.trim();
    amountColumns.forEach((column, index) => {
      const keys = keyOf(key, index);
      for (const figureKey of keys)
        figures.push({ key: figureKey, label, amount: amountOf(row.getCell(column), `${sheet.name}!${row.getCell(column).address}`) });
    });
  });
  return figures;
}

/** Reads an allocation workbook back: its reference and its figures, sheet by sheet, row by row. */
export async function readAllocationXlsx(
  bytes: Buffer,
): Promise<{ request: DocumentRequest; source: DocumentSource; figures: DocumentFigure[] }> {
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error: unknown) {
    throw new DocumentReadError(`the file is not a workbook: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sourceSheetFound = workbook.getWorksheet(SHEET_NAMES.source);
  const reference = sourceSheetFound?.getCell('B2').value;
  if (typeof reference !== 'string') throw new DocumentReadError(`the workbook has no reference in ${SHEET_NAMES.source}!B2`);
  const { request, source } = parseDocumentReference(reference);
  const allocation = workbook.getWorksheet(SHEET_NAMES.allocation);
  if (!allocation) throw new DocumentReadError(`the workbook has no sheet ${SHEET_NAMES.allocation}`);
  const header = allocationColumns.map((_, index) => allocation.getRow(1).getCell(index + 2).text);
  const years = header.map((text) => /(\d{4})$/.exec(text)?.[1] ?? '');
  const grantedYear = Number(years[0]);
  const table = { grantedYear, nextYear: grantedYear + 1 };
  const figures = keyedRows(allocation, [2, 3, 4, 5], 6, (scope, index) => {
    const { figure, year } = columnFigure(table, allocationColumns[index]!);
    return [`${scope}|${figure}|${year}`];
  });
  const frame = workbook.getWorksheet(frameSheetName(table.nextYear));
  if (frame) figures.push(...keyedRows(frame, [2], 3, (key) => [key]));
  const corrections = workbook.getWorksheet(SHEET_NAMES.corrections);
  if (corrections) figures.push(...keyedRows(corrections, [2], 3, (key) => [key]));
  return { request, source, figures };
}
