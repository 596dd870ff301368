import { parseStoredEvent, type EventDataOf } from '../../events/catalogue.js';
import type { Organisation } from '../registry/organisation.js';
import type { EventStore } from '../store/port.js';
import { markup, type SafeHtml } from './html.js';
import { formatDate } from '../shared/format.js';
import { yearStream } from '../year/year.js';

/**
 * The opening balance a document's year starts from, when the ledger was taken into use
 * in that year: a document that shows its figures names the source they were taken from.
 * An opening balance is the first event of its year's stream, so one read finds it.
 */
export interface OpeningNote {
  year: number;
  source: EventDataOf<'OpeningBalanceRecorded'>['source'];
  /** The log position of the opening balance. */
  position: number;
}

/** The opening balance of `year`, if the log up to `position` holds one. */
export async function openingNote(store: EventStore, year: number, position: number): Promise<OpeningNote | null> {
  for await (const record of store.readStream(yearStream(year))) {
    if (record.type !== 'OpeningBalanceRecorded' || record.position > position) return null;
    const event = parseStoredEvent(record);
    return event.type === 'OpeningBalanceRecorded' ? { year, source: event.data.source, position: record.position } : null;
  }
  return null;
}

/** The line that heads a document: the organisation and its committee as the ledger records them. */
export function organisationLine(organisation: Organisation | null): string {
  return organisation ? `${organisation.name} · ${organisation.committeeName}` : 'Beslutningsregisteret';
}

/** Where an opening balance's figures come from, in words: `Inngående balanse 2025 fra «…», sak 22.25, 11.09.2025 (posisjon 40)`. */
export function openingNoteText(note: OpeningNote): string {
  const { source } = note;
  const from = `«${source.document}»${source.caseNumber ? `, sak ${source.caseNumber}` : ''}, ${formatDate(source.date)}`;
  return `Inngående balanse ${note.year} fra ${from} (posisjon ${note.position}): gjenstående og frigjorte midler, øremerkede midler og tildelt ${note.year - 1} er tatt fra dette dokumentet da registeret ble tatt i bruk.`;
}

/** The same note under an allocation table whose year opened from an opening balance. */
export function openingNoteHtml(note: OpeningNote | null): SafeHtml {
  return note === null ? markup`` : markup`<p class="note">${openingNoteText(note)}</p>`;
}
