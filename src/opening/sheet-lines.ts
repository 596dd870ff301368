import { Decimal } from 'decimal.js';
import { CriterionSchema, PhaseSchema, type Criterion, type Phase } from '../../events/identifiers.js';
import { formatAmount } from '../domain/money.js';

import { parseSheetAmount } from './sheet-amount.js';
import type { ColumnMapping, ColumnRole, SkippedRow } from './preview.js';
import type { SheetCell, SheetRow } from './sheet-grid.js';
import type { SheetProblem } from './sheet-problems.js';
import { formatMoney } from '../shared/format.js';

/**
 * The rows of the lines sheet, read into programme areas and initiative lines. A row is
 * a total when its name says so (Sum, Total, I alt) or its key is `total`; an area when
 * its key names one, or — without an area column — when it is not indented and the rows
 * after it are; a proposal of a new initiative (key `proposal:…`) is left for its case;
 * every other named row is an initiative. Each amount is read exactly; an area's amounts
 * and a total row's are checked against the lines they sum.
 */

export interface Citation {
  caseNumber: string;
  pointNumber?: number;
}

export interface SheetArea {
  line: number;
  name: string;
  /** The ledger's id when the sheet's key column names it. */
  id: string | null;
}

export interface SheetLine {
  line: number;
  name: string;
  nameCell: SheetCell;
  id: string | null;
  area: SheetArea | null;
  earmarked: string;
  previousGranted: string | null;
  grantedBy?: Citation;
  criterion?: Criterion;
  phase?: Phase;
}

export interface LinesReading {
  areas: SheetArea[];
  lines: SheetLine[];
  skipped: SkippedRow[];
  problems: SheetProblem[];
}

const TOTAL = /^(sum|total|totalt|i alt|sum totalt|totalsum)$/i;
const AMOUNT_ROLES = ['earmarked', 'previousGranted'] as const;
type AmountRole = (typeof AMOUNT_ROLES)[number];

type RowKind =
  | { kind: 'total' }
  | { kind: 'area'; id: string | null }
  | { kind: 'initiative'; id: string | null }
  | { kind: 'proposal' }
  | { kind: 'blank' };

/** `04.25`, `04.25/1`, `sak 04.25 pkt. 1`. */
export function parseCitation(text: string): Citation | null {
  const match = /^(?:sak\s*)?(\d{2}\.\d{2})(?:\s*(?:\/|pkt\.?|punkt)\s*(\d{1,2}))?$/i.exec(text.trim());
  if (!match) return null;
  return { caseNumber: match[1]!, ...(match[2] === undefined ? {} : { pointNumber: Number(match[2]) }) };
}

class LinesReader {
  readonly areas: SheetArea[] = [];
  readonly lines: SheetLine[] = [];
  readonly skipped: SkippedRow[] = [];
  readonly problems: SheetProblem[] = [];
  private readonly columns: Map<ColumnRole, ColumnMapping>;
  private area: {
    area: SheetArea;
    sums: Record<AmountRole, Decimal>;
    stated: Partial<Record<AmountRole, { amount: string; cell: SheetCell }>>;
  } | null = null;
  private readonly totals: Record<AmountRole, Decimal> = { earmarked: new Decimal(0), previousGranted: new Decimal(0) };

  constructor(
    mapping: ColumnMapping[],
    private readonly rows: readonly SheetRow[],
  ) {
    this.columns = new Map(mapping.filter((entry) => entry.role !== 'ignore').map((entry) => [entry.role, entry]));
  }

  private cell(row: SheetRow, role: ColumnRole): SheetCell | undefined {
    const column = this.columns.get(role);
    return column === undefined ? undefined : row.cells[column.index];
  }

  private problemAt(cell: SheetCell | { line: number }, role: ColumnRole | null, nb: string, en: string): void {
    const column = role === null ? undefined : this.columns.get(role);
    this.problems.push({
      line: cell.line,
      ...('column' in cell ? { column: cell.column } : column ? { column: column.column } : {}),
      ...(column ? { header: column.header } : {}),
      nb,
      message: en,
    });
  }

  /** An amount cell: zero when blank or a dash, null when the problem is noted. */
  private amount(row: SheetRow, role: AmountRole): { amount: string; cell: SheetCell | null } | null {
    const cell = this.cell(row, role);
    if (!cell) return { amount: '0.00', cell: null };
    const read = parseSheetAmount(cell.number ?? cell.text);
    if ('problem' in read) {
      this.problemAt(cell, role, read.nb, read.problem);
      return null;
    }
    return { amount: 'amount' in read ? read.amount : '0.00', cell };
  }

  private kindOf(row: SheetRow, index: number, name: string): RowKind {
    const key = this.cell(row, 'key')?.text.trim() ?? '';
    const label = name || (this.cell(row, 'programmeArea')?.text.trim() ?? '');
    if (key === 'total' || TOTAL.test(label)) return { kind: 'total' };
    if (key.startsWith('proposal:')) return { kind: 'proposal' };
    if (key.startsWith('programme-area:')) return { kind: 'area', id: key.slice('programme-area:'.length) };
    if (key.startsWith('initiative:')) return { kind: 'initiative', id: key.slice('initiative:'.length) };
    if (name === '') return { kind: 'blank' };
    if (this.columns.has('programmeArea')) return { kind: 'initiative', id: null };
    const indented = (text: string | undefined) => text !== undefined && /^\s/.test(text);
    const raw = this.cell(row, 'name')?.text;
    const next = this.rows.slice(index + 1).find((candidate) => (this.cell(candidate, 'name')?.text.trim() ?? '') !== '');
    if (!indented(raw) && next && indented(this.cell(next, 'name')?.text)) return { kind: 'area', id: null };
    return { kind: 'initiative', id: null };
  }

  read(): LinesReading {
    this.rows.forEach((row, index) => this.readRow(row, index));
    this.closeArea();
    return { areas: this.areas, lines: this.lines, skipped: this.skipped, problems: this.problems };
  }

  private readRow(row: SheetRow, index: number): void {
    const nameCell = this.cell(row, 'name');
    const name = nameCell?.text.trim().replace(/\s+/g, ' ') ?? '';
    const kind = this.kindOf(row, index, name);
    if (kind.kind === 'blank') {
      if (AMOUNT_ROLES.some((role) => this.cell(row, role) !== undefined))
        this.problemAt(row, 'name', 'beløp uten navn på linjen', 'amounts on a line without a name');
      return;
    }
    if (kind.kind === 'proposal') {
      this.skipped.push({
        line: row.line,
        name,
        nb: 'innspill om ny satsning: føres med saken',
        en: 'a proposal of a new initiative: recorded with its case',
      });
      return;
    }
    if (kind.kind === 'total') return this.checkTotal(row, name);
    if (kind.kind === 'area') return this.openArea(row, name, kind.id);
    this.readLine(row, name, nameCell!, kind.id);
  }

  private openArea(row: SheetRow, name: string, id: string | null): void {
    this.closeArea();
    const area: SheetArea = { line: row.line, name, id };
    this.areas.push(area);
    const stated: Partial<Record<AmountRole, { amount: string; cell: SheetCell }>> = {};
    for (const role of AMOUNT_ROLES) {
      const read = this.amount(row, role);
      if (read?.cell) stated[role] = { amount: read.amount, cell: read.cell };
    }
    this.area = { area, sums: { earmarked: new Decimal(0), previousGranted: new Decimal(0) }, stated };
  }

  /** An area's stated amounts are the sums of its lines. */
  private closeArea(): void {
    if (!this.area) return;
    for (const role of AMOUNT_ROLES) {
      const stated = this.area.stated[role];
      if (stated && !new Decimal(stated.amount).equals(this.area.sums[role]))
        this.mismatch(stated.cell, role, this.area.area.name, stated.amount, this.area.sums[role]);
    }
    this.area = null;
  }

  private mismatch(cell: SheetCell, role: ColumnRole, name: string, stated: string, sum: Decimal): void {
    const sumText = formatMoney(formatAmount(sum));
    this.problemAt(
      cell,
      role,
      `«${name}» oppgir ${formatMoney(stated)}, men linjene summerer seg til ${sumText}`,
      `«${name}» states ${formatMoney(stated)}, but its lines add up to ${sumText}`,
    );
  }

  private checkTotal(row: SheetRow, name: string): void {
    this.closeArea();
    for (const role of AMOUNT_ROLES) {
      const read = this.amount(row, role);
      if (read?.cell && !new Decimal(read.amount).equals(this.totals[role]))
        this.mismatch(read.cell, role, name || 'Sum', read.amount, this.totals[role]);
    }
  }

  private readLine(row: SheetRow, name: string, nameCell: SheetCell, id: string | null): void {
    const earmarked = this.amount(row, 'earmarked');
    const previous = this.amount(row, 'previousGranted');
    if (!earmarked || !previous) return;
    const areaCell = this.cell(row, 'programmeArea');
    const area = areaCell ? this.areaNamed(areaCell) : (this.area?.area ?? null);
    for (const [role, read] of [
      ['earmarked', earmarked],
      ['previousGranted', previous],
    ] as const) {
      const amount = new Decimal(read.amount);
      this.totals[role] = this.totals[role].plus(amount);
      if (this.area && !areaCell) this.area.sums[role] = this.area.sums[role].plus(amount);
    }
    this.lines.push({
      line: row.line,
      name,
      nameCell,
      id,
      area,
      earmarked: earmarked.amount,
      previousGranted: this.columns.has('previousGranted') ? previous.amount : null,
      ...this.attributes(row),
    });
  }

  private areaNamed(cell: SheetCell): SheetArea {
    const name = cell.text.trim().replace(/\s+/g, ' ');
    const known = this.areas.find((area) => area.name.toLowerCase() === name.toLowerCase());
    if (known) return known;
    const area = { line: cell.line, name, id: null };
    this.areas.push(area);
    return area;
  }

  /** The case that granted the money, the criterion and the phase, when the sheet has them. */
  private attributes(row: SheetRow): Partial<Pick<SheetLine, 'grantedBy' | 'criterion' | 'phase'>> {
    const result: Partial<Pick<SheetLine, 'grantedBy' | 'criterion' | 'phase'>> = {};
    const by = this.cell(row, 'grantedBy');
    if (by) {
      const citation = parseCitation(by.text);
      if (citation) result.grantedBy = citation;
      else
        this.problemAt(
          by,
          'grantedBy',
          `«${by.text}» er ikke et saksnummer (NN.ÅÅ eller NN.ÅÅ/punkt)`,
          `«${by.text}» is not a case number (NN.YY or NN.YY/point)`,
        );
    }
    const criterion = this.cell(row, 'criterion');
    if (criterion) {
      const parsed = CriterionSchema.safeParse(criterion.text.trim().toLowerCase());
      if (parsed.success) result.criterion = parsed.data;
      else
        this.problemAt(
          criterion,
          'criterion',
          `«${criterion.text}» er ikke drift, utvikling eller bredding`,
          `«${criterion.text}» is not drift, utvikling or bredding`,
        );
    }
    const phase = this.cell(row, 'phase');
    if (phase) {
      const parsed = PhaseSchema.safeParse(phase.text.trim().toLowerCase());
      if (parsed.success) result.phase = parsed.data;
      else
        this.problemAt(
          phase,
          'phase',
          `«${phase.text}» er ikke oppstart, innsikt, løsning eller drift`,
          `«${phase.text}» is not oppstart, innsikt, løsning or drift`,
        );
    }
    return result;
  }
}

/** Reads the rows after the header into areas and initiative lines, with every problem found. */
export function readLines(mapping: ColumnMapping[], rows: readonly SheetRow[]): LinesReading {
  return new LinesReader(mapping, rows).read();
}
