/**
 * A case decides the money of its year (case 22.25: 2025). Once that year is settled, or
 * a later one is (years settle in order), nothing more is voted or decided in it: the
 * votes and the adoption would be refused. One pure rule, compiled into the server (the
 * vote and adoption commands throw what it returns) and into the page (which offers no
 * case, resolution or vote such a refusal would end).
 */

/** The year a case number belongs to: `22.25` → 2025. */
export function yearOfCase(caseNumber: string): number {
  return 2000 + Number(caseNumber.slice(3, 5));
}

export type CaseYearRefusal =
  | { code: 'year-closed'; message: string; closedOn: string; details: { year: number; caseNumber: string } }
  | { code: 'later-year-closed'; message: string; closedOn: string; details: { year: number; closedYear: number; caseNumber: string } };

/** Why nothing more can be decided in the case, or null while its year and the next are open; `closedOn` says when a year was settled. */
export function caseYearRefusal(caseNumber: string, closedOn: (year: number) => string | null): CaseYearRefusal | null {
  const year = yearOfCase(caseNumber);
  const closed = closedOn(year);
  if (closed !== null)
    return {
      code: 'year-closed',
      message: `${year} is closed; nothing more is voted or decided in case ${caseNumber}`,
      closedOn: closed,
      details: { year, caseNumber },
    };
  const laterClosed = closedOn(year + 1);
  if (laterClosed !== null)
    return {
      code: 'later-year-closed',
      message: `${year + 1} is closed; nothing more is voted or decided in case ${caseNumber} of ${year}`,
      closedOn: laterClosed,
      details: { year, closedYear: year + 1, caseNumber },
    };
  return null;
}
