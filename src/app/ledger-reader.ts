import { parseStoredEvent, type LedgerEvent, type StoredRecord } from '../../events/catalogue.js';
import { yearOfCaseNumber } from '../../events/identifiers.js';
import { caseDetail, caseDetailPositions } from '../../projections/case-detail.js';
import { LedgerView } from '../../projections/ledger-view.js';
import { caseNumberOf, describeEvent, type Words } from '../../projections/describe.js';
import type { FigureRef } from '../../projections/figures.js';
import {
  balancesReport,
  explainFigure,
  frameReport,
  trailCore,
  type BalancesReport,
  type Explanation,
  type ExplanationRow,
  type FrameReport,
  type TrailPosting,
} from '../../projections/queries.js';
import { yearEntries, yearEntryPositions } from '../../projections/year-entries.js';
import type { EventStore } from '../store/port.js';
import { osloDate } from './command-handler.js';
import { ProjectionRunner, readPositions } from './projection-runner.js';

/**
 * As of when a query answers: an effective date (what had taken effect by the end
 * of that day, whenever it was recorded) or a log position (what had been recorded
 * up to that event).
 */
export type AsOf = { date: string } | { position: number };

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

export type ExplainedRow = ExplanationRow & EventDetails;
export type ExplainedFigure = Omit<Explanation, 'rows'> & { asOf: AsOf | null; rows: ExplainedRow[] };
export interface TrailRow extends EventDetails {
  postings: TrailPosting[];
  availableAfter: string;
}

/**
 * Where a page of an explanation's (or a trail's) rows lies: `offset` is the index of
 * its first row, `limit` how many were asked (null: all of them), `count` how many it
 * holds, `rowCount` how many there are in all, and `next` the offset of the following
 * page (null on the last one). The pages of one log position, joined in order, are
 * exactly the unpaged rows.
 */
export interface RowsPage {
  offset: number;
  limit: number | null;
  count: number;
  rowCount: number;
  next: number | null;
}

export function pageOfRows(rowCount: number, offset: number, limit: number | null): RowsPage {
  const start = Math.min(offset, rowCount);
  const end = limit === null ? rowCount : Math.min(rowCount, start + limit);
  return { offset, limit, count: end - start, rowCount, next: end < rowCount ? end : null };
}

/** Reference data kept in every as-of-date view; an initiative registered from a proposal moves figures, so it keeps its date. */
const isRegistryEvent = (event: LedgerEvent) =>
  event.type === 'ProgrammeAreaRegistered' ||
  (event.type === 'InitiativeRegistered' && !event.data.fromProposal) ||
  event.type === 'InitiativePhaseChanged' ||
  event.type === 'PartnerRegistered' ||
  event.type === 'CommitteeMemberRegistered';

/**
 * Parsed events by log position, least recently used dropped first. A stored event
 * never changes (a change is tampering, which verify finds), so explanations and
 * trails asked again read nothing from the store.
 */
class EventCache {
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

const EVENT_CACHE_CAPACITY = 30_000;
const DETAILS_CHUNK = 2_000;

/** The queries of the read side, now or as of a date or position. */
export class LedgerReader {
  /** Parsed events kept for explanations and trails asked again after the log moved: bounded, since a parsed event is a kilobyte or more. */
  private readonly cache = new EventCache(EVENT_CACHE_CAPACITY);

  constructor(
    private readonly store: EventStore,
    readonly runner: ProjectionRunner,
  ) {}

  /**
   * Reports memoized while the log stands still: a report only changes when the log
   * moves, so asking again (an auditor paging back, the same as-of date) costs nothing.
   * Results are shared between callers: treat them as read-only.
   */
  private readonly results = new Map<string, Promise<unknown>>();
  /** The last as-of views folded (each is as large as the current view: keep few). */
  private readonly asOfViews = new Map<string, LedgerView>();
  private resultsPosition = -1;

  /** Catches up with the log; when it moved, forgets every memoized report and as-of view. */
  private async catchUpAndForget(): Promise<void> {
    // The head of the log is one indexed lookup; a catch-up when the view already holds
    // it would read nothing, yet costs a query of its own on every request.
    if ((await this.store.headPosition()) !== this.runner.view.position) await this.runner.catchUp();
    const position = this.runner.view.position;
    if (position !== this.resultsPosition) {
      this.results.clear();
      this.asOfViews.clear();
      this.resultsPosition = position;
    }
  }

  private async memo<T>(key: string, asOf: AsOf | null | undefined, compute: (view: LedgerView) => T | Promise<T>): Promise<T> {
    await this.catchUpAndForget();
    const fullKey = `${key}|${asOf ? JSON.stringify(asOf) : 'now'}`;
    const known = this.results.get(fullKey);
    if (known !== undefined) return known as Promise<T>;
    // The promise is remembered, not the result: requests that ask while it is being
    // computed (ten connections asking for the same large explanation) share the one
    // computation instead of each building its own copy at once.
    const result = (async () => compute(this.viewAfterCatchUp(asOf) ?? (await this.foldAsOf(asOf!))))();
    if (this.results.size >= 256) this.results.delete(this.results.keys().next().value!);
    this.results.set(fullKey, result);
    result.catch(() => {
      if (this.results.get(fullKey) === result) this.results.delete(fullKey);
    });
    return result;
  }

  /** The view now (caught up with the log), or folded afresh as of a date or position. */
  async view(asOf?: AsOf | null): Promise<LedgerView> {
    await this.catchUpAndForget();
    return this.viewAfterCatchUp(asOf) ?? this.foldAsOf(asOf!);
  }

  /** Once caught up: the current view, or an as-of view still remembered; null when one must be folded. */
  private viewAfterCatchUp(asOf: AsOf | null | undefined): LedgerView | null {
    if (!asOf) return this.runner.view;
    return this.asOfViews.get(JSON.stringify(asOf)) ?? null;
  }

  private async foldAsOf(asOf: AsOf): Promise<LedgerView> {
    const view = await this.fold(asOf);
    if (this.asOfViews.size >= 2) this.asOfViews.delete(this.asOfViews.keys().next().value!);
    this.asOfViews.set(JSON.stringify(asOf), view);
    return view;
  }

  private async fold(asOf: AsOf): Promise<LedgerView> {
    const view = new LedgerView();
    for await (const record of this.store.readAll()) {
      if ('position' in asOf && record.position > asOf.position) break;
      const event = parseStoredEvent(record);
      // Names and ids of the registry are reference data: kept whatever their date.
      if ('date' in asOf && event.metadata.effectiveDate > asOf.date && !isRegistryEvent(event)) continue;
      view.apply(event);
    }
    return view;
  }

  frame(year: number, asOf?: AsOf | null): Promise<FrameReport & { asOf: AsOf | null }> {
    return this.memo(`frame|${year}`, asOf, (view) => ({ ...frameReport(view, year), asOf: asOf ?? null }));
  }

  balances(year: number, asOf?: AsOf | null): Promise<BalancesReport & { asOf: AsOf | null }> {
    return this.memo(`balances|${year}`, asOf, (view) => ({ ...balancesReport(view, year), asOf: asOf ?? null }));
  }

  explain(ref: FigureRef, asOf?: AsOf | null): Promise<ExplainedFigure> {
    return this.memo(`explain|${JSON.stringify(ref)}`, asOf, async (view) => {
      const explanation = explainFigure(view, ref);
      const details = await this.details(
        view,
        explanation.rows.map((row) => row.position),
        asOf,
      );
      const rows = explanation.rows.map((row) => ({ ...row, ...details.get(row.position)! }));
      return { ...explanation, asOf: asOf ?? null, rows: namingCorrections(rows, ref.year) };
    });
  }

  /**
   * One page of an explanation: the memoized explanation (shared: read-only), where
   * the page lies, and its rows (a slice of the memoized rows, so every page is of the
   * same computation while the log stands still).
   */
  async explainPage(
    ref: FigureRef,
    asOf: AsOf | null | undefined,
    offset: number,
    limit: number | null,
  ): Promise<{ explanation: ExplainedFigure; page: RowsPage; rows: ExplainedRow[] }> {
    const explanation = await this.explain(ref, asOf);
    const page = pageOfRows(explanation.rows.length, offset, limit);
    return { explanation, page, rows: explanation.rows.slice(page.offset, page.offset + page.count) };
  }

  trail(year: number, asOf?: AsOf | null): Promise<{ year: number; asOf: AsOf | null; rows: TrailRow[] }> {
    return this.memo(`trail|${year}`, asOf, async (view) => {
      const core = trailCore(view, year);
      const details = await this.details(
        view,
        core.map((row) => row.position),
        asOf,
      );
      const rows = namingCorrections(
        core.map((row) => ({ ...details.get(row.position)!, postings: row.postings, availableAfter: row.availableAfter })),
        year,
      );
      // A correction of a closed year corrects an event of that year: named from its trail.
      for (const row of rows) {
        if (row.correctsEvent !== null || row.corrects === null) continue;
        const corrected = (await this.events(view, [row.position])).get(row.position);
        if (corrected?.type !== 'PriorYearAdjustmentRecorded' || corrected.data.correctedYear === year) continue;
        const named = (await this.trail(corrected.data.correctedYear, asOf)).rows.find((candidate) => candidate.eventId === row.corrects);
        if (named) row.correctsEvent = correctedEventOf(named, corrected.data.correctedYear);
      }
      return { year, asOf: asOf ?? null, rows };
    });
  }

  /** What a year's stream holds, entry by entry (receipts, grants, spending … with their corrections). */
  yearEntries(year: number, asOf?: AsOf | null) {
    return this.memo(`entries|${year}`, asOf, async (view) => ({
      ...yearEntries(view, year, await this.events(view, yearEntryPositions(view, year))),
      asOf: asOf ?? null,
    }));
  }

  /** The years the ledger has figures for, in order. */
  years(asOf?: AsOf | null): Promise<number[]> {
    return this.memo('years', asOf, (view) => [...view.years.keys()].sort((a, b) => a - b));
  }

  cases(asOf?: AsOf | null) {
    return this.memo('cases', asOf, (view) => this.casesOf(view));
  }

  caseDetail(caseNumber: string, asOf?: AsOf | null) {
    return this.memo(`case|${caseNumber}`, asOf, async (view) =>
      caseDetail(view, caseNumber, await this.events(view, caseDetailPositions(view, caseNumber))),
    );
  }

  private casesOf(view: LedgerView) {
    return [...view.cases.values()]
      .map((caseView) => ({
        caseNumber: caseView.caseNumber,
        year: yearOfCaseNumber(caseView.caseNumber),
        meetingDate: caseView.meetingDate,
        title: caseView.title,
        proposals: caseView.proposalIds.length,
        resolutionProposed: caseView.resolution !== null,
        votes: caseView.votes.length,
        decided: caseView.adopted !== null,
      }))
      .sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.caseNumber.localeCompare(b.caseNumber));
  }

  private async details(view: LedgerView, positions: number[], asOf?: AsOf | null): Promise<Map<number, EventDetails>> {
    const details = new Map<number, EventDetails>();
    for (const [position, event] of await this.events(view, positions)) details.set(position, detailsOf(event, view, asOf));
    return details;
  }

  /** The parsed events at some log positions, from the cache or the store. */
  private async events(_view: LedgerView, positions: number[]): Promise<Map<number, LedgerEvent>> {
    const events = new Map<number, LedgerEvent>();
    const missing: number[] = [];
    for (const position of new Set(positions)) {
      const cached = this.cache.get(position);
      if (cached) events.set(position, cached);
      else missing.push(position);
    }
    // A few thousand at a time: the stored records (their JSON text) of one chunk die
    // young, instead of twelve thousand of them living long enough to be promoted to
    // the old generation, where they stay as garbage until the next full collection.
    for (let start = 0; start < missing.length; start += DETAILS_CHUNK) {
      for (const record of await readPositions(this.store, missing.slice(start, start + DETAILS_CHUNK))) {
        const event = parseStoredEvent(record);
        this.cache.set(event);
        events.set(record.position, event);
      }
    }
    return events;
  }
}

/** Names each correction among rows whose event it corrects is also among them. */
function namingCorrections<T extends EventDetails>(rows: T[], year: number): T[] {
  if (!rows.some((row) => row.corrects !== null)) return rows;
  const byId = new Map(rows.map((row) => [row.eventId, row]));
  return rows.map((row) => {
    const named = row.corrects === null ? undefined : byId.get(row.corrects);
    return named ? { ...row, correctsEvent: correctedEventOf(named, year) } : row;
  });
}

function correctedEventOf(row: EventDetails, year: number): CorrectedEvent {
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
    description: describeEvent(event, view),
    backdated: event.metadata.effectiveDate < recordedDate,
    recordedAfterAsOf: asOf !== null && asOf !== undefined && 'date' in asOf && recordedDate > asOf.date,
  };
}

export type { StoredRecord };
