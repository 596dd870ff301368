/**
 * What is wrong with a sheet, said where it is: the line, the column (its letter and its
 * header), in bokmål and English. An import with any problem records nothing.
 */
export interface SheetProblem {
  readonly line?: number;
  readonly column?: string;
  /** The column's header, when the sheet has one. */
  readonly header?: string;
  readonly nb?: string;
  /** In English (also the text of the error as a whole). */
  readonly message: string;
}

/** `line 7, column C (Overført 2025)` / `linje 7, kolonne C (Overført 2025)`. */
export function whereOf(problem: SheetProblem, lang: 'nb' | 'en'): string {
  const parts: string[] = [];
  if (problem.line !== undefined) parts.push(`${lang === 'nb' ? 'linje' : 'line'} ${problem.line}`);
  if (problem.column !== undefined)
    parts.push(`${lang === 'nb' ? 'kolonne' : 'column'} ${problem.column}${problem.header ? ` (${problem.header})` : ''}`);
  return parts.join(', ');
}

/** The problem in words, with where it is first. */
export function problemText(problem: SheetProblem, lang: 'nb' | 'en'): string {
  const where = whereOf(problem, lang);
  const text = lang === 'nb' ? (problem.nb ?? problem.message) : problem.message;
  return where === '' ? text : `${where}: ${text}`;
}

/** A sheet the import cannot take as it is: every problem found, each with where it is. */
export class SheetError extends Error {
  readonly code = 'sheet-invalid';
  constructor(readonly problems: readonly SheetProblem[]) {
    super(`the sheet cannot be imported: ${problems.map((problem) => problemText(problem, 'en')).join('; ')}`);
    this.name = 'SheetError';
  }
}
