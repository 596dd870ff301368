import { DocumentReadError, parseDocumentReference } from '../documents/source.js';
import { isLedgerCsv, ledgerCsvTable } from './ledger-csv.js';
import type { ColumnMapping, ColumnRole, SkippedRow } from './preview.js';
import { linesHeader, remap, yearOfHeader } from './sheet-columns.js';
import { readCommitments, readFrame, type FrameAmount, type FrameFigure, type SheetCommitment } from './sheet-frame.js';
import { readWorkbook, type Sheet, type Workbook } from './sheet-grid.js';
import { readLines, type SheetArea, type SheetLine } from './sheet-lines.js';
import { SheetError, type SheetProblem } from './sheet-problems.js';

/**
 * An opening-balance sheet read, before anything is matched to the registry: which sheet
 * holds the lines and how its columns are mapped, the programme areas and initiative lines
 * with their amounts, the year's own figures, the commitments, where the sheet says it
 * comes from, and every problem found — each with its line and column.
 */
export interface SheetReading {
  fileName: string;
  format: Workbook['format'];
  /** `ledger`: the allocation table the ledger writes (its keys name the ledger's ids); `own`: a secretariat's own sheet. */
  layout: 'ledger' | 'own';
  sheetName: string;
  headerLine: number;
  mapping: ColumnMapping[];
  areas: SheetArea[];
  lines: SheetLine[];
  skipped: SkippedRow[];
  frame: Partial<Record<FrameFigure, FrameAmount>>;
  commitments: SheetCommitment[];
  /** The case and date the ledger's own document names (its reference), when it is one. */
  reference: { caseNumber: string | null; date: string | null } | null;
  problems: SheetProblem[];
}

export interface SheetReadOptions {
  /** The year the opening balance is for: the sheet's carried column must be for it, its granted column for the year before. */
  year: number;
  /** Changes to the column mapping: a role and a column letter or header. */
  map?: Partial<Record<ColumnRole, string>>;
}

/** The reference a workbook the ledger wrote carries in its "Kilde" sheet. */
function referenceOf(sheets: readonly Sheet[]): SheetReading['reference'] {
  const source = sheets.find((sheet) => sheet.name === 'Kilde');
  const text = source?.rows.find((row) => row.cells[0]?.text.trim() === 'Referanse')?.cells[1]?.text;
  if (!text) return null;
  try {
    const { request, source: built } = parseDocumentReference(text);
    return { caseNumber: 'caseNumber' in request ? request.caseNumber : null, date: built.asOfDate };
  } catch (error: unknown) {
    if (error instanceof DocumentReadError) return null;
    throw error;
  }
}

/** The sheets to read: a ledger CSV becomes the table and frame the workbook would hold. */
function sheetsOf(workbook: Workbook): { sheets: readonly Sheet[]; reference: SheetReading['reference'] } {
  const [first] = workbook.sheets;
  if (workbook.format === 'csv' && first && isLedgerCsv(first)) {
    const table = ledgerCsvTable(first);
    return { sheets: [table.lines, table.frame], reference: table.reference };
  }
  return { sheets: workbook.sheets, reference: referenceOf(workbook.sheets) };
}

/** The carried column is for the opening year, the granted column for the year before. */
function yearProblems(mapping: ColumnMapping[], headerLine: number, year: number): SheetProblem[] {
  const expected: Partial<Record<ColumnRole, number>> = { earmarked: year, previousGranted: year - 1 };
  return mapping.flatMap((entry) => {
    const wanted = expected[entry.role];
    const named = yearOfHeader(entry.header);
    if (wanted === undefined || named === null || named === wanted) return [];
    return [
      {
        line: headerLine,
        column: entry.column,
        header: entry.header,
        nb: `kolonnen gjelder ${named}, men den inngående balansen er for ${year} (${entry.role === 'earmarked' ? `overført til ${year}` : `tildelt ${year - 1}`})`,
        message: `the column is for ${named}, but the opening balance is for ${year} (${entry.role === 'earmarked' ? `carried into ${year}` : `granted in ${year - 1}`})`,
      },
    ];
  });
}

export async function readOpeningSheet(bytes: Buffer, fileName: string, options: SheetReadOptions): Promise<SheetReading> {
  const workbook = await readWorkbook(bytes, fileName);
  const { sheets, reference } = sheetsOf(workbook);
  const found = sheets.map((sheet) => ({ sheet, header: linesHeader(sheet, options.map) })).find((candidate) => candidate.header !== null);
  if (!found?.header)
    throw new SheetError([
      {
        nb: `${fileName} har ingen overskriftsrad med satsningene og en beløpskolonne (som «Satsning» og «Overført ${options.year}»)`,
        message: `${fileName} has no header row naming the initiatives and an amount column (such as «Satsning» and «Overført ${options.year}»)`,
      },
    ]);
  const { sheet, header } = found;
  const { mapping, unknown } = remap(header.mapping, options.map ?? {});
  const problems: SheetProblem[] = unknown.map((column) => ({
    nb: `arket har ingen kolonne «${column}»`,
    message: `the sheet has no column «${column}»`,
  }));
  if (!mapping.some((entry) => entry.role === 'name'))
    problems.push({ line: header.row.line, nb: 'ingen kolonne er valgt for navnene', message: 'no column is mapped to the names' });
  problems.push(...yearProblems(mapping, header.row.line, options.year));
  const lines = readLines(
    mapping,
    sheet.rows.filter((row) => row.line > header.row.line),
  );
  const reading: SheetReading = {
    fileName,
    format: workbook.format,
    layout: mapping.some((entry) => entry.role === 'key') ? 'ledger' : 'own',
    sheetName: sheet.name,
    headerLine: header.row.line,
    mapping,
    areas: lines.areas,
    lines: lines.lines,
    skipped: lines.skipped,
    frame: {},
    commitments: [],
    reference,
    problems: [...problems, ...lines.problems],
  };
  for (const other of sheets.filter((candidate) => candidate !== sheet)) {
    const frame = readFrame(other, options.year);
    if (frame) {
      reading.frame = { ...reading.frame, ...frame.figures };
      reading.problems.push(...frame.problems);
    }
    const commitments = readCommitments(other);
    if (commitments) {
      reading.commitments.push(...commitments.commitments);
      reading.problems.push(...commitments.problems);
    }
  }
  return reading;
}
