import { Decimal } from 'decimal.js';
import { YearSchema } from '../../events/money.js';
import { formatAmount } from '../domain/money.js';

import { parseSheetAmount } from './sheet-amount.js';
import { findHeader, type CommitmentRole } from './sheet-columns.js';
import type { Sheet, SheetCell, SheetRow } from './sheet-grid.js';
import { parseCitation } from './sheet-lines.js';
import type { SheetProblem } from './sheet-problems.js';
import { formatMoney } from '../shared/format.js';

/**
 * The year's own figures and the commitments, from the sheets beside the lines: a frame
 * sheet ("Post", "Beløp", and the ledger's "Nøkkel"), as the ledger writes "Ramme 2025";
 * and a commitments sheet with a line per later instalment (satsning, år, beløp, vedtak).
 */

/** The frame figures an opening takes, and those it checks. */
export type FrameFigure =
  'received' | 'expected' | 'remainderCarriedIn' | 'releasedCarriedIn' | 'reserveCarriedIn' | 'priorYearAdjustment' | 'committed' | 'frame';

export interface FrameAmount {
  amount: string;
  line: number;
  sheet: string;
}

const frameNames: [FrameFigure, RegExp][] = [
  ['received', /^mottatt/],
  ['expected', /^forventet/],
  ['remainderCarriedIn', /^gjenstående( fra i fjor)?$/],
  ['releasedCarriedIn', /^frigjort( fra i fjor)?$/],
  ['reserveCarriedIn', /^(fond fra i fjor|fondets saldo)$/],
  ['priorYearAdjustment', /^korreksjon av tidligere år$/],
  ['committed', /^forpliktet/],
  ['frame', /^(justert )?ramme$/],
];

const frameKeys = new Set<string>(frameNames.map(([figure]) => figure));

export interface FrameReading {
  figures: Partial<Record<FrameFigure, FrameAmount>>;
  problems: SheetProblem[];
}

function amountOf(cell: SheetCell | undefined, header: string, problems: SheetProblem[]): string | null {
  if (!cell) return '0.00';
  const read = parseSheetAmount(cell.number ?? cell.text);
  if ('problem' in read) {
    problems.push({ line: cell.line, column: cell.column, header, nb: read.nb, message: read.problem });
    return null;
  }
  return 'amount' in read ? read.amount : '0.00';
}

/** The frame sheet's figures of the opening year, with the adjusted frame checked against its parts. */
export function readFrame(sheet: Sheet, year: number): FrameReading | null {
  const header = findHeader(
    sheet,
    [
      ['name', /^(post|linje|navn)$/],
      ['amount', /^(beløp|amount)$/],
      ['key', /^(nøkkel|key)$/],
    ] as [string, RegExp][],
    ['name', 'amount'],
  );
  if (!header) return null;
  const column = (role: string) => [...header.roles].find(([, candidate]) => candidate === role)?.[0];
  const [nameAt, amountAt, keyAt] = [column('name')!, column('amount')!, column('key')];
  const amountHeader = header.row.cells[amountAt]?.text ?? '';
  const reading: FrameReading = { figures: {}, problems: [] };
  for (const row of sheet.rows.filter((candidate) => candidate.line > header.row.line)) {
    const key = keyAt === undefined ? null : (row.cells[keyAt]?.text.trim().split('|') ?? null);
    const name = row.cells[nameAt]?.text.trim().toLowerCase() ?? '';
    const figure =
      key && key[0] === 'frame' && frameKeys.has(key[1]!)
        ? (key[1] as FrameFigure)
        : frameNames.find(([, pattern]) => pattern.test(name))?.[0];
    if (figure === undefined) continue;
    if (key && key[2] !== undefined && Number(key[2]) !== year) {
      reading.problems.push({
        line: row.line,
        nb: `rammen i arket gjelder ${key[2]}, ikke ${year}`,
        message: `the frame in the sheet is for ${key[2]}, not ${year}`,
      });
      continue;
    }
    const amount = amountOf(row.cells[amountAt], amountHeader, reading.problems);
    if (amount !== null) reading.figures[figure] = { amount, line: row.line, sheet: sheet.name };
  }
  checkFrame(reading, amountHeader, sheet, amountAt);
  return reading;
}

/** The adjusted frame the sheet states is its parts: received, the remainder and released funds carried in, corrections. */
function checkFrame(reading: FrameReading, header: string, sheet: Sheet, amountAt: number): void {
  const { figures } = reading;
  if (!figures.frame) return;
  const parts = (['received', 'remainderCarriedIn', 'releasedCarriedIn', 'priorYearAdjustment'] as const).reduce(
    (total, figure) => total.plus(figures[figure]?.amount ?? 0),
    new Decimal(0),
  );
  if (parts.equals(figures.frame.amount)) return;
  const cell = sheet.rows.find((row) => row.line === figures.frame!.line)?.cells[amountAt];
  reading.problems.push({
    line: figures.frame.line,
    ...(cell ? { column: cell.column, header } : {}),
    nb: `justert ramme er oppgitt til ${formatMoney(figures.frame.amount)}, men mottatt, gjenstående, frigjort og korreksjoner summerer seg til ${formatMoney(formatAmount(parts))}`,
    message: `the adjusted frame is stated as ${formatMoney(figures.frame.amount)}, but received, remainder, released and corrections add up to ${formatMoney(formatAmount(parts))}`,
  });
}

export interface SheetCommitment {
  line: number;
  nameCell: SheetCell;
  name: string;
  id: string | null;
  year: number;
  amount: string;
  authority: { caseNumber: string; pointNumber: number };
  grantId: string | null;
}

const commitmentWords: [CommitmentRole, RegExp][] = [
  ['name', /^(satsning|prosjekt|tiltak|initiativ|initiative|navn|name)\b/],
  ['key', /^(nøkkel|key)$/],
  ['year', /^(år|year)$/],
  ['amount', /^(beløp|forpliktet|amount|committed)\b/],
  ['authority', /^(vedtak|sak|hjemmel|authority|case)\b/],
  ['grantId', /^(tildeling|grant)\b/],
];

/** The commitments sheet's lines: each a later instalment, by initiative, year, amount and the point that decided it. */
export function readCommitments(sheet: Sheet): { commitments: SheetCommitment[]; problems: SheetProblem[] } | null {
  const header = findHeader(sheet, commitmentWords, ['year', 'amount', 'authority']);
  if (!header || ![...header.roles.values()].some((role) => role === 'name' || role === 'key')) return null;
  const at = (role: CommitmentRole) => [...header.roles].find(([, candidate]) => candidate === role)?.[0];
  const headerOf = (index: number | undefined) => (index === undefined ? '' : (header.row.cells[index]?.text ?? ''));
  const problems: SheetProblem[] = [];
  const commitments: SheetCommitment[] = [];
  for (const row of sheet.rows.filter((candidate) => candidate.line > header.row.line)) {
    const commitment = commitmentOf(row, at, headerOf, problems);
    if (commitment) commitments.push(commitment);
  }
  return { commitments, problems };
}

function commitmentOf(
  row: SheetRow,
  at: (role: CommitmentRole) => number | undefined,
  headerOf: (index: number | undefined) => string,
  problems: SheetProblem[],
): SheetCommitment | null {
  const cell = (role: CommitmentRole) => {
    const index = at(role);
    return index === undefined ? undefined : row.cells[index];
  };
  const nameCell = cell('name') ?? cell('key');
  if (!nameCell) return null;
  const where = (role: CommitmentRole, target: SheetCell | undefined) => ({
    line: row.line,
    column: target?.column ?? '',
    header: headerOf(at(role)),
  });
  const yearCell = cell('year');
  const year = YearSchema.safeParse(Number(yearCell?.number ?? yearCell?.text.trim()));
  if (!year.success)
    problems.push({
      ...where('year', yearCell),
      nb: `«${yearCell?.text ?? ''}» er ikke et år`,
      message: `«${yearCell?.text ?? ''}» is not a year`,
    });
  const amount = amountOf(cell('amount'), headerOf(at('amount')), problems);
  const authorityCell = cell('authority');
  const citation = authorityCell ? parseCitation(authorityCell.text) : null;
  if (!citation || citation.pointNumber === undefined)
    problems.push({
      ...where('authority', authorityCell),
      nb: `«${authorityCell?.text ?? ''}» er ikke et vedtakspunkt: skriv saken og punktet, NN.ÅÅ/P`,
      message: `«${authorityCell?.text ?? ''}» is not a resolution point: write the case and the point, NN.YY/P`,
    });
  if (!year.success || amount === null || !citation || citation.pointNumber === undefined) return null;
  const key = cell('key')?.text.trim() ?? '';
  return {
    line: row.line,
    nameCell,
    name: (cell('name')?.text ?? key).trim(),
    id: key.startsWith('initiative:') ? key.slice('initiative:'.length) : null,
    year: year.data,
    amount,
    authority: { caseNumber: citation.caseNumber, pointNumber: citation.pointNumber },
    grantId: cell('grantId')?.text.trim() || null,
  };
}
