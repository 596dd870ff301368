import { parseStoredEvent, type LedgerEvent } from '../../events/catalogue.js';
import { viewAsOfDate, viewAsOfPosition } from '../../projections/as-of.js';
import { explainFigurePaged, type PagedExplanation } from '../../projections/explain-page.js';
import { caseDetail, caseDetailPositions } from '../../projections/case-detail.js';
import { LedgerView } from '../../projections/ledger-view.js';
import type { FigureRef } from '../../projections/figures.js';
import {
  balancesReport,
  frameReport,
  type BalancesReport,
  type Explanation,
  type ExplanationRow,
  type FrameReport,
} from '../../projections/queries.js';
import { trailCore, type TrailPosting, type TrailRowCore } from '../../projections/trail.js';
import { yearEntries, yearEntryPositions } from '../../projections/year-entries.js';
import type { EventStore } from '../store/port.js';
import type { AsOf } from './as-of.js';
import { casesOf } from '../../projections/case-list.js';
import { EventCache, detailsOf, namingCorrections, type EventDetails } from './event-details.js';
import { laterCorrectionsWithDetails, listingCorrections, namingCorrectionsAcrossYears, type LinkSources } from './correction-links.js';
import type { LaterCorrection } from '../../projections/correction-overlay.js';
import { ProjectionRunner, readPositions } from './projection-runner.js';

export type { AsOf } from './as-of.js';

export type ExplainedRow = ExplanationRow & EventDetails;
export type ExplainedFigure = Omit<Explanation, 'rows' | 'laterCorrections'> & {
  asOf: AsOf | null;
  rows: ExplainedRow[];
  laterCorrections?: (LaterCorrection & EventDetails)[];
};
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

function pageOfRows(rowCount: number, offset: number, limit: number | null): RowsPage {
  const start = Math.min(offset, rowCount);
  const end = limit === null ? rowCount : Math.min(rowCount, start + limit);
  return { offset, limit, count: end - start, rowCount, next: end < rowCount ? end : null };
}

const EVENT_CACHE_CAPACITY = 30_000;
const DETAILS_CHUNK = 2_000;
/** As-of views remembered: each is derived lazily and holds only what its queries read, so a few dozen are cheap. */
const AS_OF_VIEWS = 32;
/**
 * Reports remembered while the log stands still: current ones, and (apart, fewer) as-of
 * ones, of which an auditor going through dates asks each once or pages through a few.
 */
const REPORTS = 256;
const AS_OF_REPORTS = 64;

/** The fields of an explanation but its rows, in the order the whole one has them. */
type ExplanationHead = Omit<ExplainedFigure, 'rows'>;
/** A page of rows of a memoized report, with the report's other fields: what the API sends as a page. */
export type PageReport<Head, Row> = Head & { rows: Row[] };

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
  private readonly asOfResults = new Map<string, Promise<unknown>>();
  /** The last as-of views derived. */
  private readonly asOfViews = new Map<string, Promise<LedgerView>>();
  private resultsPosition = -1;

  /** Catches up with the log; when it moved, forgets every memoized report and as-of view. */
  private async catchUpAndForget(): Promise<void> {
    // The head of the log is one indexed lookup; a catch-up when the view already holds
    // it would read nothing, yet costs a query of its own on every request. A log that no
    // longer holds what the view shows throws LogLostError here, before any answer.
    await this.runner.refresh();
    const position = this.runner.view.position;
    if (position !== this.resultsPosition) {
      this.results.clear();
      this.asOfResults.clear();
      this.asOfViews.clear();
      this.resultsPosition = position;
    }
  }

  private async memo<T>(key: string, asOf: AsOf | null | undefined, compute: (view: LedgerView) => T | Promise<T>): Promise<T> {
    await this.catchUpAndForget();
    const fullKey = `${key}|${asOf ? JSON.stringify(asOf) : 'now'}`;
    const results = asOf ? this.asOfResults : this.results;
    const known = results.get(fullKey);
    if (known !== undefined) return known as Promise<T>;
    // The promise is remembered, not the result: requests that ask while it is being
    // computed (ten connections asking for the same large explanation) share the one
    // computation instead of each building its own copy at once.
    const result = (async () => compute(await this.viewAfterCatchUp(asOf)))();
    if (results.size >= (asOf ? AS_OF_REPORTS : REPORTS)) results.delete(results.keys().next().value!);
    results.set(fullKey, result);
    result.catch(() => {
      if (results.get(fullKey) === result) results.delete(fullKey);
    });
    return result;
  }

  /** The view now (caught up with the log), or as of a date or position. */
  async view(asOf?: AsOf | null): Promise<LedgerView> {
    await this.catchUpAndForget();
    return this.viewAfterCatchUp(asOf);
  }

  /** Once caught up: the current view, or the view as of a date or position (remembered while the log stands still). */
  private viewAfterCatchUp(asOf: AsOf | null | undefined): Promise<LedgerView> | LedgerView {
    if (!asOf) return this.runner.view;
    const key = JSON.stringify(asOf);
    let view = this.asOfViews.get(key);
    if (view) {
      this.asOfViews.delete(key);
      this.asOfViews.set(key, view);
      return view;
    }
    view = this.derive(asOf);
    if (this.asOfViews.size >= AS_OF_VIEWS) this.asOfViews.delete(this.asOfViews.keys().next().value!);
    this.asOfViews.set(key, view);
    view.catch(() => {
      if (this.asOfViews.get(key) === view) this.asOfViews.delete(key);
    });
    return view;
  }

  /**
   * The view as of a date or position, derived from the current one and its history
   * index (projections/as-of.ts): a date reads from the log only the events recorded
   * after its frontier yet effective by it. Before something the index cannot undo (a
   * history the rules would refuse, e.g. imported), the view is folded from the log.
   */
  private async derive(asOf: AsOf): Promise<LedgerView> {
    const live = this.runner.view;
    if ('position' in asOf) {
      if (asOf.position >= live.position) return live;
      if (asOf.position < live.history.irregularAt) return this.fold(asOf);
      return this.withLastHash(viewAsOfPosition(live, asOf.position));
    }
    const plan = live.history.planDate(asOf.date);
    if (plan === null) return live;
    if (plan.bound < live.history.irregularAt) return this.fold(asOf);
    return this.withLastHash(viewAsOfDate(live, plan, await this.events(plan.late)));
  }

  /** A derived view names the hash of the event at its position, as a fold up to it would (documents cite it). */
  private async withLastHash(view: LedgerView): Promise<LedgerView> {
    const [record] = view.position > 0 ? await this.store.readPositions([view.position]) : [];
    view.lastEventHash = record?.hash ?? null;
    return view;
  }

  /** The whole fold of the log as of a date or position: what derived views equal. */
  async fold(asOf: AsOf): Promise<LedgerView> {
    const view = new LedgerView();
    for await (const record of this.store.readAll()) {
      if ('position' in asOf && record.position > asOf.position) break;
      const event = parseStoredEvent(record);
      if ('date' in asOf && event.metadata.effectiveDate > asOf.date) continue;
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

  /** An explanation whose rows are written when a page asks for them (memoized: every page is cut from it). */
  private explanation(ref: FigureRef, asOf: AsOf | null | undefined): Promise<PagedExplanation> {
    return this.memo(`explanation|${JSON.stringify(ref)}`, asOf, (view) => explainFigurePaged(view, ref));
  }

  /** The explanation's fields around some of its rows, in the order a whole explanation has them. */
  private explainedReport<Row>(explanation: PagedExplanation, asOf: AsOf | null | undefined, rows: Row[]) {
    const { ref, label, value, opening, ...rest } = explanation.head;
    return { ref, label, value, opening, rows, ...rest, asOf: asOf ?? null };
  }

  explain(ref: FigureRef, asOf?: AsOf | null): Promise<ExplainedFigure> {
    return this.memo(`explain|${JSON.stringify(ref)}`, asOf, async (view) => {
      const explanation = await this.explanation(ref, asOf);
      const rows = await this.explained(view, explanation.rows(0, explanation.rowCount), asOf);
      return this.linked(view, this.explainedReport(explanation, asOf, namingCorrections(rows, ref.year)), asOf);
    });
  }

  /** An explanation's corrections seen from both ends: what each row corrects (in any year), and the later corrections of a closed year's figure with their events. */
  private async linked<Report extends { ref: FigureRef; rows: ExplainedRow[]; laterCorrections?: LaterCorrection[] }>(
    view: LedgerView,
    report: Report,
    asOf: AsOf | null | undefined,
  ) {
    await namingCorrectionsAcrossYears(this.links, report.rows, report.ref.year, asOf);
    const laterCorrections = await laterCorrectionsWithDetails(this.links, view, report.laterCorrections, asOf);
    if (laterCorrections) await listingCorrections(this.links, report.rows, laterCorrections, report.ref.year);
    return { ...report, ...(laterCorrections ? { laterCorrections } : {}) };
  }

  /** What the links between corrections read: trails and events, through this reader's caches. */
  private readonly links: LinkSources = {
    trailRows: async (year, asOf) => (await this.trail(year, asOf)).rows,
    events: (positions) => this.eventMap(positions),
  };

  /**
   * One page of an explanation: where it lies, and a report of the explanation's fields
   * with the page's rows only, written and their events' details read for those rows
   * alone (a page of a figure with ten thousand postings reads a hundred events).
   * Memoized per page: the same page asked again while the log stands still is the same object.
   */
  explainPage(
    ref: FigureRef,
    asOf: AsOf | null | undefined,
    offset: number,
    limit: number | null,
  ): Promise<{ report: PageReport<ExplanationHead, ExplainedRow>; page: RowsPage }> {
    return this.memo(`explainPage|${JSON.stringify(ref)}|${offset}|${limit}`, asOf, async (view) => {
      const explanation = await this.explanation(ref, asOf);
      const page = pageOfRows(explanation.rowCount, offset, limit);
      const rows = await this.explained(view, explanation.rows(page.offset, page.count), asOf);
      // As the whole explanation does: a correction names what it corrects when that is on the page too.
      return { report: await this.linked(view, this.explainedReport(explanation, asOf, namingCorrections(rows, ref.year)), asOf), page };
    });
  }

  private async explained(view: LedgerView, rows: ExplanationRow[], asOf: AsOf | null | undefined): Promise<ExplainedRow[]> {
    const details = await this.details(
      view,
      rows.map((row) => row.position),
      asOf,
    );
    return rows.map((row) => ({ ...row, ...details.get(row.position)! }));
  }

  /** A year's trail rows without their events' details (memoized: pages are cut from it). */
  private trailRows(year: number, asOf: AsOf | null | undefined): Promise<TrailRowCore[]> {
    return this.memo(`trailRows|${year}`, asOf, (view) => trailCore(view, year));
  }

  trail(year: number, asOf?: AsOf | null): Promise<{ year: number; asOf: AsOf | null; rows: TrailRow[] }> {
    return this.memo(`trail|${year}`, asOf, async (view) => {
      const rows = namingCorrections(await this.trailed(view, await this.trailRows(year, asOf), asOf), year);
      await namingCorrectionsAcrossYears(this.links, rows, year, asOf);
      await listingCorrections(this.links, rows, rows, year);
      return { year, asOf: asOf ?? null, rows };
    });
  }

  /** One page of a year's trail, as `explainPage` is of an explanation (corrections named when what they correct is on the page or in a closed year). */
  trailPage(
    year: number,
    asOf: AsOf | null | undefined,
    offset: number,
    limit: number | null,
  ): Promise<{ report: PageReport<{ year: number; asOf: AsOf | null }, TrailRow>; page: RowsPage }> {
    return this.memo(`trailPage|${year}|${offset}|${limit}`, asOf, async (view) => {
      const core = await this.trailRows(year, asOf);
      const page = pageOfRows(core.length, offset, limit);
      const rows = namingCorrections(await this.trailed(view, core.slice(page.offset, page.offset + page.count), asOf), year);
      await namingCorrectionsAcrossYears(this.links, rows, year, asOf);
      // The corrections of a page's events: on the page, or recorded after the year was closed.
      const closedAt = view.years.get(year)?.closed?.position ?? Infinity;
      const late = await this.trailed(
        view,
        core.filter((row) => row.position > closedAt),
        asOf,
      );
      await listingCorrections(this.links, rows, [...rows, ...late], year);
      return { report: { year, asOf: asOf ?? null, rows }, page };
    });
  }

  private async trailed(view: LedgerView, core: TrailRowCore[], asOf: AsOf | null | undefined): Promise<TrailRow[]> {
    const details = await this.details(
      view,
      core.map((row) => row.position),
      asOf,
    );
    return core.map((row) => ({ ...details.get(row.position)!, postings: row.postings, availableAfter: row.availableAfter }));
  }

  /** What a year's stream holds, entry by entry (receipts, grants, spending … with their corrections). */
  yearEntries(year: number, asOf?: AsOf | null) {
    return this.memo(`entries|${year}`, asOf, async (view) => ({
      ...yearEntries(view, year, await this.eventMap(yearEntryPositions(view, year))),
      asOf: asOf ?? null,
    }));
  }

  /** The years the ledger has figures for, in order. */
  years(asOf?: AsOf | null): Promise<number[]> {
    // A year with figures moved only by other years' events (what it expects to receive) is not one the ledger has yet.
    return this.memo('years', asOf, (view) =>
      [...view.years.entries()]
        .filter(([, book]) => book.eventPositions.length > 0)
        .map(([year]) => year)
        .sort((a, b) => a - b),
    );
  }

  cases(asOf?: AsOf | null) {
    return this.memo('cases', asOf, (view) => casesOf(view));
  }

  caseDetail(caseNumber: string, asOf?: AsOf | null) {
    return this.memo(`case|${caseNumber}`, asOf, async (view) =>
      caseDetail(view, caseNumber, await this.eventMap(caseDetailPositions(view, caseNumber))),
    );
  }

  private async details(view: LedgerView, positions: number[], asOf?: AsOf | null): Promise<Map<number, EventDetails>> {
    const details = new Map<number, EventDetails>();
    for (const event of await this.events(positions)) details.set(event.position, detailsOf(event, view, asOf));
    return details;
  }

  /** The parsed events at these positions, by position. */
  private async eventMap(positions: number[]): Promise<Map<number, LedgerEvent>> {
    return new Map((await this.events(positions)).map((event) => [event.position, event]));
  }

  /** The parsed events at these positions, in log order: from the cache, the rest read from the store. */
  private async events(positions: number[]): Promise<LedgerEvent[]> {
    const found = new Map<number, LedgerEvent>();
    const missing: number[] = [];
    for (const position of new Set(positions)) {
      const cached = this.cache.get(position);
      if (cached) found.set(position, cached);
      else missing.push(position);
    }
    // A few thousand at a time: the stored records (their JSON text) of one chunk die
    // young, instead of twelve thousand of them living long enough to be promoted to
    // the old generation, where they stay as garbage until the next full collection.
    for (let start = 0; start < missing.length; start += DETAILS_CHUNK) {
      for (const record of await readPositions(this.store, missing.slice(start, start + DETAILS_CHUNK))) {
        const event = parseStoredEvent(record);
        this.cache.set(event);
        found.set(record.position, event);
      }
    }
    return [...found.values()].sort((a, b) => a.position - b.position);
  }
}
