import type { LedgerEvent } from '../../events/catalogue.js';
import type { LaterCorrection } from '../../projections/correction-overlay.js';
import type { LedgerView } from '../../projections/ledger-view.js';
import type { AsOf } from './as-of.js';
import { correctedEventOf, detailsOf, type CorrectedEvent, type EventDetails } from './event-details.js';

/**
 * Corrections seen from both ends: a correction names the event it corrects (found in
 * the trail of the year that lists it, which for a correction of a closed year is
 * another year than its own), and an event lists the corrections of it.
 */

/** What the links need of the reader: a year's trail rows, and parsed events by position. */
export interface LinkSources {
  trailRows(year: number, asOf: AsOf | null | undefined): Promise<EventDetails[]>;
  events(positions: number[]): Promise<Map<number, LedgerEvent>>;
}

/** The year an event belongs to: the year stream it was recorded in, when it is one. */
function ownYear(event: LedgerEvent, fallback: number): number {
  const match = /^year-(\d{4})$/.exec(event.stream);
  return match ? Number(match[1]) : fallback;
}

/** The year whose trail lists the event a correction of a closed year corrects. */
function correctedYearOf(event: LedgerEvent): number | null {
  return (event.data as { correctedYear?: number }).correctedYear ?? null;
}

/** Names, for rows whose event corrects an event of another year, that event (from that year's trail). */
export async function namingCorrectionsAcrossYears(
  sources: LinkSources,
  rows: EventDetails[],
  year: number,
  asOf: AsOf | null | undefined,
): Promise<void> {
  const unnamed = rows.filter((row) => row.correctsEvent === null && row.corrects !== null);
  if (unnamed.length === 0) return;
  const events = await sources.events(unnamed.map((row) => row.position));
  for (const row of unnamed) {
    const event = events.get(row.position);
    const correctedYear = event ? correctedYearOf(event) : null;
    if (correctedYear === null || correctedYear === year) continue;
    const named = (await sources.trailRows(correctedYear, asOf)).find((candidate) => candidate.eventId === row.corrects);
    if (named) row.correctsEvent = correctedEventOf(named, correctedYear);
  }
}

/** Lists, on each row, the corrections among `corrections` that name its event. */
export async function listingCorrections(
  sources: LinkSources,
  rows: EventDetails[],
  corrections: EventDetails[],
  year: number,
): Promise<void> {
  const correcting = corrections.filter((row) => row.corrects !== null);
  if (correcting.length === 0) return;
  const events = await sources.events(correcting.map((row) => row.position));
  const byTarget = new Map<string, CorrectedEvent[]>();
  for (const row of correcting) {
    const event = events.get(row.position);
    const list = byTarget.get(row.corrects!) ?? [];
    if (!list.some((known) => known.eventId === row.eventId)) list.push(correctedEventOf(row, event ? ownYear(event, year) : year));
    byTarget.set(row.corrects!, list);
  }
  for (const row of rows) {
    const found = byTarget.get(row.eventId);
    if (found) row.correctedBy = found;
  }
}

/** The later corrections of a closed year's figure, with the details of the events that made them. */
export async function laterCorrectionsWithDetails(
  sources: LinkSources,
  view: LedgerView,
  corrections: LaterCorrection[] | undefined,
  asOf: AsOf | null | undefined,
): Promise<(LaterCorrection & EventDetails)[] | undefined> {
  if (!corrections) return undefined;
  const events = await sources.events(corrections.map((row) => row.position));
  return corrections.map((row) => ({ ...row, ...detailsOf(events.get(row.position)!, view, asOf) }));
}
