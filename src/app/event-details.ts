import type { LedgerEvent } from '../../events/catalogue.js';
import { caseNumberOf, describeEvent, type Words } from '../../projections/describe.js';
import type { LedgerView } from '../../projections/ledger-view.js';
import type { AsOf } from './as-of.js';
import { osloDate } from './command-handler.js';

/**
 * The events behind the rows of explanations and trails: what a row says about its
 * event, how a correction names the event it corrects, and the parsed events kept
 * for rows asked again.
 */

/** The event behind a row of an explanation or the trail. */
export interface EventDetails {
  eventId: string;
  eventType: string;
  position: number;
  effectiveDate: string;
  recordedAt: string;
  actor: string;
  caseNumber: string | null;
  corrects: string | null;
  /** What `corrects` names, when it is found (in the same trail or explanation, or a corrected year's trail). */
  correctsEvent: CorrectedEvent | null;
  /** The corrections of this event the ledger found (in the same trail, or later corrections of a closed year). */
  correctedBy: CorrectedEvent[];
  description: Words;
  /** Recorded later than it took effect (entered after the fact). */
  backdated: boolean;
  /** In an as-of-date view: recorded after that date, yet effective by it. */
  recordedAfterAsOf: boolean;
}

/** The event a correction corrects, named: its type and description, and the year whose trail lists it. */
export interface CorrectedEvent {
  eventId: string;
  eventType: string;
  position: number;
  year: number;
  description: Words;
}

/**
 * Parsed events by log position, least recently used dropped first. A stored event
 * never changes (a change is tampering, which verify finds), so explanations and
 * trails asked again read nothing from the store.
 */
export class EventCache {
  private readonly events = new Map<number, LedgerEvent>();
  constructor(private readonly capacity: number) {}

  get(position: number): LedgerEvent | undefined {
    const event = this.events.get(position);
    if (event) {
      this.events.delete(position);
      this.events.set(position, event);
    }
    return event;
  }

  set(event: LedgerEvent): void {
    this.events.set(event.position, event);
    if (this.events.size > this.capacity) this.events.delete(this.events.keys().next().value!);
  }
}

/** Names each correction among rows whose event it corrects is also among them. */
export function namingCorrections<T extends EventDetails>(rows: T[], year: number): T[] {
  if (!rows.some((row) => row.corrects !== null)) return rows;
  const byId = new Map(rows.map((row) => [row.eventId, row]));
  return rows.map((row) => {
    const named = row.corrects === null ? undefined : byId.get(row.corrects);
    return named ? { ...row, correctsEvent: correctedEventOf(named, year) } : row;
  });
}

export function correctedEventOf(row: EventDetails, year: number): CorrectedEvent {
  return { eventId: row.eventId, eventType: row.eventType, position: row.position, year, description: row.description };
}

/** Norway's date for an instant depends only on its UTC hour (the offset is whole hours). */
const osloDateByHour = new Map<string, string>();
function recordedDateOf(recordedAt: string): string {
  const hour = recordedAt.slice(0, 13);
  let date = osloDateByHour.get(hour);
  if (date === undefined) {
    date = osloDate(new Date(`${hour}:00:00Z`));
    if (osloDateByHour.size > 100_000) osloDateByHour.clear();
    osloDateByHour.set(hour, date);
  }
  return date;
}

export function detailsOf(event: LedgerEvent, view: LedgerView, asOf?: AsOf | null): EventDetails {
  const recordedDate = recordedDateOf(event.metadata.recordedAt);
  return {
    eventId: event.id,
    eventType: event.type,
    position: event.position,
    effectiveDate: event.metadata.effectiveDate,
    recordedAt: event.metadata.recordedAt,
    actor: event.metadata.actor,
    caseNumber: caseNumberOf(event),
    corrects: event.metadata.corrects ?? null,
    correctsEvent: null,
    correctedBy: [],
    description: describeEvent(event, view),
    backdated: event.metadata.effectiveDate < recordedDate,
    recordedAfterAsOf: asOf !== null && asOf !== undefined && 'date' in asOf && recordedDate > asOf.date,
  };
}
