import { parseStoredEvent } from '../../events/catalogue.js';
import { CaseNotFoundError } from '../../projections/allocation.js';
import { describeEvent, type Words } from '../../projections/describe.js';
import { LedgerView } from '../../projections/ledger-view.js';
import { osloDate } from '../app/command-handler.js';
import type { AsOf, LedgerReader } from '../app/ledger-reader.js';
import { readPositions } from '../app/projection-runner.js';
import type { EventStore } from '../store/port.js';
import { currentOrganisation } from '../app/organisation.js';
import type { Organisation } from '../registry/organisation.js';
import { openingNote, type OpeningNote } from './opening-note.js';
import { contentOf, figuresOf, type DocumentContent, type Funder } from './content.js';
import type { DocumentFigure, DocumentRequest, DocumentSource } from './source.js';

/**
 * Builds the ledger's documents from the read side, and rebuilds one from the log at
 * the position it names (for verify).
 */

/** A document of the ledger, before it is written in a format. */
export interface LedgerDocument {
  request: DocumentRequest;
  source: DocumentSource;
  content: DocumentContent;
  figures: DocumentFigure[];
  /** For a case summary: each money line's event in words, by log position. */
  descriptions: Map<number, Words>;
  /** For the grants: who funds them (null when no identifier is known: the 360Giving formats refuse then). */
  funder: Funder | null;
  /** Who keeps the ledger, as it records it now (null before it records one): it heads the document. */
  organisation: Organisation | null;
  /** The opening balance of a year the document shows, when the ledger holds one: its source is named under the figures. */
  opening: OpeningNote | null;
}

/**
 * What documents take from the settings (read by the composition roots only), over what
 * the ledger records of its organisation (`OrganisationRecorded`).
 */
export interface DocumentSettings {
  /** The funding organisation's identifier for the 360Giving export; null: the one the ledger records. */
  funderOrganisationId: string | null;
  /** @defaultValue the organisation's name as the ledger records it */
  funderName?: string;
}

/** A document asked for that cannot be made as asked: a stable code, and the settings or figures behind it. */
export class DocumentError extends Error {
  constructor(
    readonly code: 'document-setting-missing' | 'invalid-years' | 'amount-not-representable',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}

/** What a rebuild found about the log the document names. */
export interface RebuiltDocument {
  /** Null when the log no longer holds the event the document names (then `logProblem` says why). */
  document: LedgerDocument | null;
  logProblem: string | null;
  /** For a document as of a date: how many events recorded after it take effect by that date (the ledger as of then has moved). */
  laterEventsByDate: number;
}

export class DocumentService {
  constructor(
    private readonly store: EventStore,
    private readonly reader: LedgerReader,
    private readonly settings: DocumentSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Who funds the grants: the ledger's organisation, its identifier unless the settings give one. */
  private async funder(organisation: Organisation | null): Promise<Funder | null> {
    const id = this.settings.funderOrganisationId ?? organisation?.funderIdentifier ?? null;
    return id ? { id, name: this.settings.funderName ?? organisation?.name ?? id } : null;
  }

  /** The funder, or a refusal naming what is missing. */
  async requireFunder(): Promise<Funder> {
    const funder = await this.funder(await currentOrganisation(this.store));
    if (!funder)
      throw new DocumentError(
        'document-setting-missing',
        "the 360Giving export needs the funding organisation's identifier: record it with the organisation (ledger organisation set --funder-id), or set LEDGER_FUNDER_ID (for the server) or --funder-id (for the CLI)",
        { setting: 'LEDGER_FUNDER_ID' },
      );
    return funder;
  }

  /** The document now, or as of a date or log position. */
  async build(request: DocumentRequest, asOf: AsOf | null): Promise<LedgerDocument> {
    const view = await this.reader.view(asOf);
    const source: DocumentSource = {
      asOfDate: asOf && 'date' in asOf ? asOf.date : await this.dateOfPosition(asOf ? view.position : null),
      basis: asOf && 'date' in asOf ? 'date' : 'position',
      position: view.position,
      hash: view.lastEventHash,
    };
    return this.documentOf(view, request, source);
  }

  /** The date a document of a position is "per": the day its last event was recorded (today for the ledger now). */
  private async dateOfPosition(position: number | null): Promise<string> {
    if (position === null || position === 0) return osloDate(this.clock());
    const [record] = await readPositions(this.store, [position]);
    return record ? osloDate(new Date(parseStoredEvent(record).metadata.recordedAt)) : osloDate(this.clock());
  }

  private async documentOf(view: LedgerView, request: DocumentRequest, source: DocumentSource): Promise<LedgerDocument> {
    const content = contentOf(view, request);
    const organisation = await currentOrganisation(this.store);
    const funder = await this.funder(organisation);
    return {
      request,
      source,
      content,
      figures: figuresOf(content, funder),
      organisation,
      opening: content.kind === 'allocation' ? await openingNote(this.store, content.table.nextYear, view.position) : null,
      descriptions:
        content.kind === 'case-summary'
          ? await this.describe(
              view,
              content.summary.money.map((line) => line.position),
            )
          : new Map<number, Words>(),
      funder,
    };
  }

  private async describe(view: LedgerView, positions: number[]): Promise<Map<number, Words>> {
    const words = new Map<number, Words>();
    for (const record of await readPositions(this.store, [...new Set(positions)]))
      words.set(record.position, describeEvent(parseStoredEvent(record), view));
    return words;
  }

  /**
   * The document rebuilt from the log at the position its source names, after checking that
   * the log still holds that event with the same hash. A case or year it names that the log
   * does not have is an answer too (the figures then all differ), never an error.
   */
  async rebuild(request: DocumentRequest, source: DocumentSource): Promise<RebuiltDocument> {
    const logProblem = await this.checkLog(source);
    if (logProblem) return { document: null, logProblem, laterEventsByDate: 0 };
    let view: LedgerView;
    let laterEventsByDate = 0;
    if (source.basis === 'position') view = await this.reader.view({ position: source.position });
    else {
      const now = await this.reader.view({ date: source.asOfDate });
      const same = now.position === source.position && now.lastEventHash === source.hash;
      if (same) view = now;
      else ({ view, laterEventsByDate } = await this.foldAsOfDateUpTo(source.asOfDate, source.position));
    }
    try {
      return { document: await this.documentOf(view, request, source), logProblem: null, laterEventsByDate };
    } catch (error: unknown) {
      if (error instanceof CaseNotFoundError)
        return {
          document: null,
          logProblem: `the log up to position ${source.position} has no case ${error.caseNumber}`,
          laterEventsByDate,
        };
      throw error;
    }
  }

  private async checkLog(source: DocumentSource): Promise<string | null> {
    if (source.position === 0) return source.hash === null ? null : 'the document names a hash for position 0, where the log has no event';
    const [record] = await readPositions(this.store, [source.position]);
    if (!record) return `the log has no event at position ${source.position} (head ${await this.store.headPosition()})`;
    if (record.hash !== source.hash)
      return `the event at position ${source.position} has hash ${record.hash}, not the ${source.hash ?? 'none'} the document names: the log is not the one it was built from`;
    return null;
  }

  /**
   * The view as of a date, of the log up to a position only: what a document as of that date
   * showed when it was built, whatever was recorded since with an earlier effective date.
   * Also counts the events recorded after the position that the date's view now holds.
   */
  private async foldAsOfDateUpTo(date: string, position: number): Promise<{ view: LedgerView; laterEventsByDate: number }> {
    const view = new LedgerView();
    let laterEventsByDate = 0;
    for await (const record of this.store.readAll()) {
      const event = parseStoredEvent(record);
      if (event.metadata.effectiveDate > date) continue;
      if (record.position > position) laterEventsByDate += 1;
      else view.apply(event);
    }
    return { view, laterEventsByDate };
  }
}
