import type { Decimal } from 'decimal.js';
import { parseStoredEvent, type LedgerEvent } from '../../events/catalogue.js';
import { LedgerReader } from '../../src/app/ledger-reader.js';
import { ProjectionRunner } from '../../src/app/projection-runner.js';
import { ZERO, money } from '../../src/domain/money.js';
import type { EventStore } from '../../src/store/port.js';
import type { LedgerView } from '../../projections/ledger-view.js';
import { balancesReport, frameReport } from '../../projections/queries.js';

/**
 * The committee's rules, read off the ledger as it stood on a day: every as-of-date view
 * (what had taken effect by the end of that day, whenever it was recorded) at every date
 * that occurs in the log. The rules are restated here from the issue, not taken from the
 * code that enforces them: a year's funds never below zero (before the year's own funds
 * arrive, counting the receipt expected then), an initiative never spending more than it
 * had, the reserve fund never below zero, no vote after its case's adoption, a settlement
 * never dated before a change of its year, and frame = granted + committed + reserved +
 * available.
 */

/** The events of the log with their effective dates. */
async function eventsOf(store: EventStore): Promise<LedgerEvent[]> {
  const events: LedgerEvent[] = [];
  for await (const record of store.readAll()) events.push(parseStoredEvent(record));
  return events;
}

/** The expectation for a year recorded last of those in effect by a date (a later forecast replaces an earlier one). */
function recordedExpectation(events: readonly LedgerEvent[], year: number, date: string): Decimal | null {
  let latest: Decimal | null = null;
  for (const event of events)
    if (event.type === 'ExpectedReceiptRecorded' && event.data.year === year && event.metadata.effectiveDate <= date)
      latest = money(event.data.amount);
  return latest;
}

/** What a year expected to receive as of a date: the expectation recorded, or else the latest earlier year's receipt. */
function expectedReceipt(events: readonly LedgerEvent[], view: LedgerView, year: number, date: string): Decimal {
  const latest = recordedExpectation(events, year, date);
  if (latest) return latest;
  const received = (of: number) => money(frameReport(view, of).figures.received!);
  return received(year - 1).greaterThan(0) ? received(year - 1) : received(year - 2);
}

function checkYear(events: readonly LedgerEvent[], view: LedgerView, year: number, date: string, problems: string[]): void {
  const report = frameReport(view, year);
  const figures = report.figures;
  const at = (figure: string) => money(figures[figure]!);
  const where = `${date}, ${year}`;
  const spoken = at('granted').plus(at('committed')).plus(at('reserved')).plus(at('available'));
  if (!at('frame').plus(at('expectedReceipt')).equals(spoken))
    problems.push(`${where}: frame ${figures.frame} + expected ${figures.expectedReceipt} ≠ granted + committed + reserved + available`);
  const expected = at('received').isZero() && !report.closed ? expectedReceipt(events, view, year, date) : ZERO;
  if (!at('expectedReceipt').equals(expected))
    problems.push(`${where}: the view shows ${figures.expectedReceipt} expected, the rules ${expected.toFixed(2)}`);
  if (at('available').isNegative())
    problems.push(`${where}: available ${figures.available} (with ${expected.toFixed(2)} expected) is below zero`);
  if (at('reserveBalance').isNegative()) problems.push(`${where}: reserve fund balance ${figures.reserveBalance} is below zero`);
  if (report.closed) {
    if (figures.available !== figures.remainderCarriedOut)
      problems.push(`${where}: closed, yet available ${figures.available} ≠ remainder carried out ${figures.remainderCarriedOut}`);
    if (!at('reserveBalance').isZero()) problems.push(`${where}: closed, yet the reserve fund holds ${figures.reserveBalance}`);
  }
  const balances = balancesReport(view, year);
  for (const row of balances.programmeAreas.flatMap((area) => area.initiatives)) {
    const left = money(row.figures.availableToSpend!);
    if (left.isNegative()) problems.push(`${where}: ${row.id} has ${row.figures.availableToSpend} to spend`);
    if (report.closed && !left.isZero()) problems.push(`${where}: closed, yet ${row.id} still has ${row.figures.availableToSpend}`);
  }
}

/**
 * No money posted into a closed year after the day it was settled: later corrections of
 * it are kept beside its figures (`…:corrected`), and each must have been made after it closed.
 */
function checkSettlements(view: LedgerView, dateAt: Map<number, string>, date: string, problems: string[]): void {
  for (const book of view.years.values()) {
    if (!book.closed) continue;
    const closedOn = dateAt.get(book.closed.position)!;
    for (const [key, account] of book.accounts) {
      if (key.endsWith(':corrected')) {
        for (const position of account.positions)
          if (dateAt.get(position)! < closedOn)
            problems.push(`${date}: ${key} corrects ${book.year} on ${dateAt.get(position)}, before it closed`);
        continue;
      }
      for (const position of account.positions)
        if (dateAt.get(position)! > closedOn)
          problems.push(`${date}: ${book.year} was settled ${closedOn}, yet ${key} moved ${dateAt.get(position)}`);
    }
  }
}

/** Votes at or after the meeting and not after the adoption; the adoption at or after the meeting. */
function checkCases(view: LedgerView, date: string, problems: string[]): void {
  for (const caseView of view.cases.values()) {
    const adoptedOn = caseView.adopted?.effectiveDate ?? null;
    if (adoptedOn !== null && adoptedOn < caseView.meetingDate)
      problems.push(`${date}: case ${caseView.caseNumber} adopted ${adoptedOn}, before its meeting`);
    for (const vote of caseView.votes) {
      if (vote.effectiveDate < caseView.meetingDate) problems.push(`${date}: a vote in ${caseView.caseNumber} before its meeting`);
      if (adoptedOn !== null && vote.effectiveDate > adoptedOn)
        problems.push(`${date}: a vote in ${caseView.caseNumber} on ${vote.effectiveDate}, after its adoption ${adoptedOn}`);
    }
  }
}

/** Years settle in order, each on or after 31 December and after the year before. */
function checkSettlementOrder(events: readonly LedgerEvent[], problems: string[]): void {
  const closedOn = new Map<number, string>();
  for (const event of events) if (event.type === 'YearClosed') closedOn.set(event.data.year, event.metadata.effectiveDate);
  for (const [year, on] of closedOn) {
    if (on < `${year}-12-31`) problems.push(`${year} settled ${on}, before its year ended`);
    const previous = closedOn.get(year - 1);
    if (previous !== undefined && on < previous) problems.push(`${year} settled ${on}, before ${year - 1} (${previous})`);
  }
}

/** Every problem found in any as-of-date view of the log, for the years given; none when the rules held on every day. */
export async function problemsInAsOfViews(store: EventStore, years: readonly number[]): Promise<string[]> {
  const events = await eventsOf(store);
  const dateAt = new Map(events.map((event) => [event.position, event.metadata.effectiveDate]));
  const dates = [...new Set(events.map((event) => event.metadata.effectiveDate))].sort();
  const reader = new LedgerReader(store, new ProjectionRunner(store, { checkpointPath: null }));
  const problems: string[] = [];
  checkSettlementOrder(events, problems);
  for (const date of dates) {
    const view = await reader.view({ date });
    for (const year of years) checkYear(events, view, year, date, problems);
    checkSettlements(view, dateAt, date, problems);
    checkDrops(view, dateAt, date, problems);
    checkCases(view, date, problems);
  }
  return problems;
}

/** Nothing granted to, raised for or spent by an initiative on or after the day it was dropped. */
function checkDrops(view: LedgerView, dateAt: Map<number, string>, date: string, problems: string[]): void {
  for (const initiative of view.registry.initiatives.values()) {
    if (initiative.droppedOn === null) continue;
    for (const book of view.years.values())
      for (const figure of ['granted', 'committed', 'spent'])
        for (const [index, position] of (book.accounts.get(`initiative:${initiative.initiativeId}|${figure}`)?.positions ?? []).entries()) {
          const delta = book.accounts.get(`initiative:${initiative.initiativeId}|${figure}`)!.deltas[index]!;
          if (
            dateAt.get(position)! >= initiative.droppedOn &&
            !delta.startsWith('-') &&
            (figure !== 'committed' || dateAt.get(position)! > initiative.droppedOn)
          )
            problems.push(
              `${date}: ${initiative.initiativeId} was dropped ${initiative.droppedOn}, yet ${book.year} ${figure} rose ${dateAt.get(position)}`,
            );
        }
  }
}
