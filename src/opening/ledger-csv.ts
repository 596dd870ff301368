import type { Sheet, SheetCell, SheetRow } from './sheet-grid.js';

/**
 * The allocation table as the ledger writes it in CSV (one row per figure: section, scope,
 * programme_area, name, figure, year, amount, and the document's source) turned into the
 * table the workbook holds — one row per area, initiative and total, with the granted and
 * carried columns and the key — so both are read alike. Every cell keeps the CSV line and
 * column it came from, so a problem names the place in the file.
 */

const LEDGER_CSV_HEADER = ['section', 'scope', 'programme_area', 'name', 'figure', 'year', 'amount'];

/** Whether a sheet is the ledger's own allocation CSV. */
export function isLedgerCsv(sheet: Sheet): boolean {
  const header = sheet.rows[0];
  return header !== undefined && LEDGER_CSV_HEADER.every((name, index) => header.cells[index]?.text.trim() === name);
}

export interface LedgerCsvTable {
  lines: Sheet;
  frame: Sheet;
  /** The case and date the CSV says it was built for, from its `document` and `as_of_date` columns. */
  reference: { caseNumber: string | null; date: string | null };
}

const cellOf = (text: string, from: SheetCell): SheetCell => ({ text, number: null, line: from.line, column: from.column });

export function ledgerCsvTable(sheet: Sheet): LedgerCsvTable {
  const [headerRow, ...records] = sheet.rows;
  const columnOf = (name: string) => headerRow!.cells.findIndex((cell) => cell?.text.trim() === name);
  const at = Object.fromEntries([...LEDGER_CSV_HEADER, 'document', 'as_of_date'].map((name) => [name, columnOf(name)])) as Record<
    string,
    number
  >;
  const text = (row: SheetRow, name: string) => (at[name]! >= 0 ? (row.cells[at[name]!]?.text ?? '') : '');
  const byScope = new Map<string, { section: string; rows: SheetRow[] }>();
  const frameRows: SheetRow[] = [];
  const years = { granted: '', carried: '' };
  for (const row of records) {
    const section = text(row, 'section');
    if (section === 'frame') frameRows.push(row);
    else {
      const scope = text(row, 'scope');
      if (!byScope.has(scope)) byScope.set(scope, { section, rows: [] });
      byScope.get(scope)!.rows.push(row);
      if (text(row, 'figure') === 'granted') years.granted = text(row, 'year');
      if (text(row, 'figure') === 'earmarkedCarriedIn') years.carried = text(row, 'year');
    }
  }
  const header = (texts: string[]): SheetRow => ({
    line: headerRow!.line,
    cells: texts.map((value, index) => ({ text: value, number: null, line: headerRow!.line, column: String.fromCharCode(65 + index) })),
  });
  const lines: SheetRow[] = [
    header(['Programområde / satsning', `Tildelt ${years.granted}`, `Pågående, overført til ${years.carried}`, 'Nøkkel']),
  ];
  for (const [scope, { section, rows }] of byScope) {
    const first = rows[0]!;
    const nameCell = first.cells[at.name!] ?? cellOf('', first.cells.find(Boolean)!);
    const amountOf = (figure: string) => {
      const row = rows.find((candidate) => text(candidate, 'figure') === figure);
      return row?.cells[at.amount!];
    };
    const indent = section === 'initiative' || section === 'new-initiative' ? '   ' : '';
    lines.push({
      line: first.line,
      cells: [
        cellOf(`${indent}${nameCell.text}`, nameCell),
        amountOf('granted'),
        amountOf('earmarkedCarriedIn'),
        cellOf(scope, first.cells[at.scope!]!),
      ],
    });
  }
  const frame: SheetRow[] = [header(['Post', 'Beløp', 'Nøkkel'])];
  for (const row of frameRows) {
    const nameCell = row.cells[at.name!]!;
    const key = `frame|${text(row, 'figure')}|${text(row, 'year')}`;
    frame.push({ line: row.line, cells: [nameCell, row.cells[at.amount!], cellOf(key, nameCell)] });
  }
  const first = records[0];
  const caseNumber = first ? (/case=(\d{2}\.\d{2})/.exec(text(first, 'document'))?.[1] ?? null) : null;
  const date = first ? text(first, 'as_of_date') || null : null;
  return {
    lines: { name: sheet.name, rows: lines },
    frame: { name: `${sheet.name} (ramme)`, rows: frame },
    reference: { caseNumber, date },
  };
}
