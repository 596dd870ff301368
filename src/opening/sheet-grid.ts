import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { SheetError } from './sheet-problems.js';

/**
 * A spreadsheet as the opening-balance import reads it: its sheets, each a list of rows
 * of cells, every cell knowing its line and column so a problem can name where it is. A
 * workbook (XLSX) is read with exceljs, loaded only when a workbook is read; a CSV with
 * csv-parse, its delimiter (`,`, `;` or tab) found from its first line.
 */

export interface SheetCell {
  /** The text the cell shows (a number as the spreadsheet stores it, a date as YYYY-MM-DD). */
  readonly text: string;
  /** The number a workbook cell holds (also a formula's result); null for text, and for every CSV cell. */
  readonly number: number | null;
  readonly line: number;
  /** The column's letter, as the spreadsheet names it: A, B, … AA. */
  readonly column: string;
}

export interface SheetRow {
  readonly line: number;
  /** The cells by column index (0 is A); a blank cell is missing. */
  readonly cells: readonly (SheetCell | undefined)[];
}

export interface Sheet {
  readonly name: string;
  readonly rows: readonly SheetRow[];
}

export interface Workbook {
  readonly fileName: string;
  readonly format: 'xlsx' | 'csv';
  readonly sheets: readonly Sheet[];
}

/** `0` → `A`, `26` → `AA`. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letter = String.fromCharCode(65 + ((rest - 1) % 26)) + letter;
  return letter;
}

/** A ZIP file (and so a workbook) starts with `PK\x03\x04`. */
const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads the file's sheets, telling a workbook from a CSV by its first bytes, not its name. */
export async function readWorkbook(bytes: Buffer, fileName: string): Promise<Workbook> {
  if (bytes.length === 0) throw new SheetError([{ message: `${fileName} is empty` }]);
  if (isZip(bytes)) return { fileName, format: 'xlsx', sheets: await xlsxSheets(bytes, fileName) };
  return { fileName, format: 'csv', sheets: [csvSheet(bytes, fileName)] };
}

async function xlsxSheets(bytes: Buffer, fileName: string): Promise<Sheet[]> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error: unknown) {
    throw new SheetError([
      { message: `${fileName} is not a workbook that can be read: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  return workbook.worksheets.map((worksheet) => {
    const rows: SheetRow[] = [];
    worksheet.eachRow((row, line) => {
      const cells: (SheetCell | undefined)[] = [];
      row.eachCell((cell, column) => {
        const read = cellValue(cell.value);
        if (read !== null) cells[column - 1] = { ...read, line, column: columnLetter(column - 1) };
      });
      rows.push({ line, cells });
    });
    return { name: worksheet.name, rows };
  });
}

/** What a workbook cell holds, as text and (for a number) as a number; null for an empty cell. */
function cellValue(value: ExcelJS.CellValue): { text: string; number: number | null } | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'string') return value.trim() === '' ? null : { text: value, number: null };
  if (typeof value === 'boolean') return { text: String(value), number: null };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), number: null };
  if ('result' in value && value.result !== undefined) return cellValue(value.result);
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join(''), number: null };
  if ('text' in value) return { text: String(value.text), number: null };
  if ('error' in value) return { text: String(value.error), number: null };
  return null;
}

/** The delimiter of a CSV: whichever of `;`, `,` and tab its first line has most of, outside quotes. */
function delimiterOf(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0]!.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((delimiter) => ({ delimiter, count: firstLine.split(delimiter).length - 1 }));
  return counts.reduce((best, candidate) => (candidate.count > best.count ? candidate : best)).delimiter;
}

function csvSheet(bytes: Buffer, fileName: string): Sheet {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD')) throw new SheetError([{ message: `${fileName} is neither a workbook nor a CSV in UTF-8` }]);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error: unknown) {
    throw new SheetError([
      { message: `${fileName} is not a CSV that can be read: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  const rows = records.map(({ record, info }) => ({
    line: info.lines,
    cells: record.map((text, index) =>
      text.trim() === '' ? undefined : { text, number: null, line: info.lines, column: columnLetter(index) },
    ),
  }));
  return { name: fileName, rows };
}
