import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  type AppendExpectedRevision,
  type EventData,
  type StreamingRead,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { StoreUnavailableError } from './errors.js';
import { EsdbConnectionError, type EsdbConnection } from './esdb-connection.js';
import { isStreamNotFound, messageOf, translateClientError, withRetries, type RetryClock, type RetryPolicy } from './esdb-errors.js';
import { revisionOfPosition, revisionToNumber, toLedgerRecord, type EsdbRecordedEvent, type LedgerRecord } from './esdb-mapping.js';

/** Events read per call: each read is one short gRPC call under the client's deadline. */
const READ_PAGE = 2000;
/** Positions read in one call when they lie this close together (reading the gap costs less than another call). */
const RUN_GAP = 64;
/** Runs read at once. */
const RUNS_IN_FLIGHT = 4;

/** The client calls the store makes (a test gives a fake that answers them). */
export type LedgerClient = Pick<
  EventStoreDBClient,
  'readStream' | 'appendToStream' | 'getStreamMetadata' | 'subscribeToStream' | 'dispose'
>;

/**
 * The one EventStoreDB stream that holds the ledger, as the store uses it: reads in
 * pages from the leader, each page tried again with back-off when the answer is one
 * that passes (no leader yet, node not ready, connection dropped); appends through the
 * client's unary path. Messages never carry the connection's secret.
 */
export class LedgerStream {
  readonly client: LedgerClient;
  readonly name: string;

  constructor(
    private readonly connection: EsdbConnection,
    private readonly policy: RetryPolicy,
    private readonly clock?: RetryClock,
    client?: LedgerClient,
  ) {
    this.name = connection.ledgerStream;
    try {
      this.client = client ?? EventStoreDBClient.connectionString(connection.clientConnectionString);
    } catch (error: unknown) {
      throw new EsdbConnectionError(
        `not a valid EventStoreDB connection string (expected e.g. esdb://localhost:2113?tls=false): ${messageOf(error, connection.secrets)}`,
      );
    }
  }

  get description(): string {
    return this.connection.description;
  }

  /** A client error as the store throws it, naming the server and what was being done. */
  translate(error: unknown, doing: string): unknown {
    return translateClientError(error, this.connection.description, doing, this.connection.secrets);
  }

  /** Runs a call again after passing failures, then throws it translated. */
  retried<T>(work: () => Promise<T>, doing: string): Promise<T> {
    return withRetries(work, this.policy, (error) => this.translate(error, doing), this.clock);
  }

  /** The events from a revision on (inclusive), at most `maxCount`, in pages; nothing when the stream does not exist. */
  async *read(fromRevision: number, maxCount: number, doing: string): AsyncGenerator<EsdbRecordedEvent> {
    let next = fromRevision;
    let left = maxCount;
    while (left > 0) {
      const count = Math.min(left, READ_PAGE);
      const page = await this.retried(() => this.readPage(next, count), doing);
      for (const event of page) yield event;
      if (page.length < count) return;
      left -= page.length;
      next = revisionToNumber(page[page.length - 1]!.revision) + 1;
    }
  }

  private async readPage(fromRevision: number, maxCount: number): Promise<EsdbRecordedEvent[]> {
    const read = this.client.readStream(this.name, {
      fromRevision: BigInt(fromRevision),
      maxCount,
      direction: FORWARDS,
      requiresLeader: true,
    });
    return collect(read);
  }

  /**
   * The records at these positions (ascending), in order: positions close together are
   * read in one call, a few calls at once. Positions past the end are left out.
   */
  async *recordsAt(positions: number[], doing: string): AsyncGenerator<LedgerRecord> {
    const runs: number[][] = [];
    for (const position of positions) {
      const run = runs.at(-1);
      if (run && position - run.at(-1)! <= RUN_GAP && position - run[0]! < 4 * RUN_GAP * RUNS_IN_FLIGHT) run.push(position);
      else runs.push([position]);
    }
    for (let start = 0; start < runs.length; start += RUNS_IN_FLIGHT) {
      const batch = await Promise.all(runs.slice(start, start + RUNS_IN_FLIGHT).map((run) => this.readRun(run, doing)));
      for (const records of batch) yield* records;
    }
  }

  private async readRun(run: number[], doing: string): Promise<LedgerRecord[]> {
    const wanted = new Set(run);
    const records: LedgerRecord[] = [];
    const first = run[0]!;
    for await (const event of this.read(revisionOfPosition(first), run.at(-1)! - first + 1, doing)) {
      const record = toLedgerRecord(event);
      if (wanted.has(record.position)) records.push(record);
    }
    return records;
  }

  /** The last event of the ledger stream, or null when it has none. */
  async last(doing: string): Promise<EsdbRecordedEvent | null> {
    const [last] = await this.retried(
      () => collect(this.client.readStream(this.name, { fromRevision: END, direction: BACKWARDS, maxCount: 1, requiresLeader: true })),
      doing,
    );
    return last ?? null;
  }

  /** The last revision of the ledger stream, or null when it has no events. */
  async lastRevision(doing: string): Promise<number | null> {
    const last = await this.last(doing);
    return last ? revisionToNumber(last.revision) : null;
  }

  /** The first event the stream shows (a truncated stream starts later than revision 0); throws the client's error for a deleted stream. */
  async first(doing: string): Promise<EsdbRecordedEvent | null> {
    const [first] = await this.retried(
      () => collect(this.client.readStream(this.name, { fromRevision: START, direction: FORWARDS, maxCount: 1, requiresLeader: true })),
      doing,
    );
    return first ?? null;
  }

  /**
   * Appends at exactly this revision (`firstPosition − 2`; the stream must not exist for
   * the first position), through the unary path: the per-call credentials make the client
   * skip `batchAppend`. Not tried again here: the store decides what a failure means.
   */
  async append(events: EventData[], firstPosition: number, deadlineMs: number): Promise<void> {
    const expectedRevision: AppendExpectedRevision = firstPosition === 1 ? NO_STREAM : BigInt(firstPosition - 2);
    const result = await this.client.appendToStream(this.name, events, {
      expectedRevision,
      credentials: this.connection.appendCredentials,
      deadline: deadlineMs,
    });
    if (!result.success) throw new StoreUnavailableError('the client was set not to throw on a failed append (throwOnAppendFailure=false)');
  }

  /** The stream's settings that make the server drop events ($maxAge, $maxCount, $tb), for the integrity check. */
  async retention(doing: string): Promise<string[]> {
    const { metadata } = await this.retried(() => this.client.getStreamMetadata(this.name, { requiresLeader: true }), doing);
    const found: string[] = [];
    if (metadata?.maxAge !== undefined) found.push(`$maxAge ${String(metadata.maxAge)}`);
    if (metadata?.maxCount !== undefined) found.push(`$maxCount ${String(metadata.maxCount)}`);
    if (metadata?.truncateBefore !== undefined) found.push(`$tb ${String(metadata.truncateBefore)}`);
    return found;
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}

/** Every event of a read; a stream that does not exist reads as empty (a deleted one is an error: the ledger is gone). */
async function collect(read: StreamingRead<ResolvedEvent>): Promise<EsdbRecordedEvent[]> {
  const events: EsdbRecordedEvent[] = [];
  try {
    for await (const resolved of read) if (resolved.event) events.push(resolved.event);
  } catch (error: unknown) {
    if (isStreamNotFound(error)) return events;
    throw error;
  }
  return events;
}
