import type { ColumnMapping, ColumnRole } from './preview.js';
import type { Sheet, SheetRow } from './sheet-grid.js';
import { columnLetter } from './sheet-grid.js';

/**
 * Which column of a sheet holds what: found from the header row's words, shown for
 * confirmation, and changed by a mapping the user gives (`earmarked=C`, or a header's own
 * words). The ledger's own allocation table is read by the same words, so it needs no
 * mapping: "Programområde / satsning", "Tildelt 2024", "Pågående 2024, overført til 2025",
 * "Innspill 2025", "Anbefalt 2025", "Nøkkel".
 */

/** What a column of a commitments sheet holds. */
export type CommitmentRole = 'name' | 'key' | 'year' | 'amount' | 'authority' | 'grantId';

/** Header words, lower-cased, tried in order (the first match wins): a combined "Programområde / satsning" is the name. */
const roleWords: [ColumnRole, RegExp][] = [
  ['name', /^(programområde\s*\/\s*satsning|satsning|satsninger|prosjekt|tiltak|arbeidspakke|initiativ|initiative|navn|name)\b/],
  ['programmeArea', /^(programområde|område|programme area)\b/],
  ['key', /^(nøkkel|key|id)$/],
  ['earmarked', /(overført|øremerket|pågående|carried|earmarked)/],
  ['previousGranted', /^(tildelt|granted)\b(?!.*\bsak\b)/],
  ['grantedBy', /^(sak|vedtak|tildelt i sak|case|granted by)\b/],
  ['criterion', /^(kriterium|criterion)\b/],
  ['phase', /^(fase|phase)\b/],
  ['ignore', /^(innspill|anbefalt|requested|recommended|kommentar|merknad|note)\b/],
];

const headerText = (row: SheetRow, index: number) => row.cells[index]?.text.trim().toLowerCase().replace(/\s+/g, ' ') ?? '';

export interface HeaderRow {
  row: SheetRow;
  mapping: ColumnMapping[];
}

/** The first of the sheet's first twenty rows that names a column of each of the needed kinds, mapped. */
export function findHeader<R extends string>(
  sheet: Sheet,
  words: [R, RegExp][],
  needed: R[],
): { row: SheetRow; roles: Map<number, R> } | null {
  for (const row of sheet.rows.slice(0, 20)) {
    const roles = new Map<number, R>();
    row.cells.forEach((_cell, index) => {
      const text = headerText(row, index);
      const role = words.find(([, pattern]) => pattern.test(text))?.[0];
      if (role !== undefined && ![...roles.values()].includes(role)) roles.set(index, role);
    });
    if (needed.every((role) => [...roles.values()].includes(role))) return { row, roles };
  }
  return null;
}

/**
 * The lines sheet's header: a row naming the initiatives' column and at least one amount;
 * or, when the user's mapping names an amount column itself, the first row naming the
 * initiatives (or, when it names that column too, the first row).
 */
export function linesHeader(sheet: Sheet, changes: Partial<Record<ColumnRole, string>> = {}): HeaderRow | null {
  const mapsAmount = changes.earmarked !== undefined || changes.previousGranted !== undefined;
  const first = sheet.rows[0];
  const found =
    findHeader(sheet, roleWords, ['name', 'earmarked']) ??
    findHeader(sheet, roleWords, ['name', 'previousGranted']) ??
    (mapsAmount ? findHeader(sheet, roleWords, ['name']) : null) ??
    (mapsAmount && changes.name !== undefined && first ? { row: first, roles: new Map<number, ColumnRole>() } : null);
  if (!found) return null;
  const mapping = found.row.cells.flatMap((cell, index) =>
    cell ? [{ index, column: columnLetter(index), header: cell.text.trim(), role: found.roles.get(index) ?? 'ignore' }] : [],
  );
  return { row: found.row, mapping };
}

/**
 * The mapping with the user's changes: each names a role and a column (its letter, or its
 * header's words); the column takes that role and no other column keeps it. A column the
 * sheet does not have is named in the returned problems.
 */
export function remap(
  mapping: ColumnMapping[],
  changes: Partial<Record<ColumnRole, string>>,
): { mapping: ColumnMapping[]; unknown: string[] } {
  const next = mapping.map((entry) => ({ ...entry }));
  const unknown: string[] = [];
  for (const [role, column] of Object.entries(changes) as [ColumnRole, string][]) {
    const wanted = column.trim().toLowerCase();
    const target = next.find((entry) => entry.column.toLowerCase() === wanted || entry.header.toLowerCase() === wanted);
    if (!target) {
      unknown.push(column);
      continue;
    }
    if (role !== 'ignore') for (const entry of next) if (entry.role === role) entry.role = 'ignore';
    target.role = role;
  }
  return { mapping: next, unknown };
}

/** The last four-digit year a header names: "Pågående 2024, overført til 2025" → 2025. */
export function yearOfHeader(header: string): number | null {
  const years = header.match(/\b(19|20|21)\d{2}\b/g);
  return years ? Number(years[years.length - 1]) : null;
}
