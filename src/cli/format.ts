import type { AsOf } from '../app/ledger-reader.js';
import { formatDate } from '../shared/format.js';
import type { CliIo } from './verb.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** At most this many characters; longer text is cut with an ellipsis. */
  max?: number;
}

/** A plain-text table with aligned columns, for terminals and logs. */
export function table(columns: Column[], rows: string[][]): string {
  const cut = (text: string, max?: number) => (max && text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const cells = rows.map((row) => row.map((cell, index) => cut(cell, columns[index]?.max)));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((row) => (row[index] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, index) => (columns[index]?.align === 'right' ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), widths.map((width) => '─'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

/** The heading's note on the moment a read answers for. */
export function asOfLine(asOf: AsOf | null): string {
  if (!asOf) return '';
  return 'date' in asOf ? ` — per ${formatDate(asOf.date)}` : ` — per loggposisjon ${asOf.position}`;
}

/** A progress line on a terminal for long work (import, rebuild); nothing when stderr is a file or a pipe. */
export function progress(io: CliIo, what: string): ((done: number, total: number) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  return (done, total) =>
    void io.stderr.write(`\r${what}: ${done.toLocaleString('nb-NO')}${total > 0 ? ` / ${total.toLocaleString('nb-NO')}` : ''} hendelser`);
}
