import { randomUUID } from 'node:crypto';
import type { StoredRecord } from '../../events/catalogue.js';
import { ConcurrencyError, StoreUnavailableError } from './errors.js';
import { parseEsdbConnection } from './esdb-connection.js';
import {
  BackOff,
  DEFAULT_RETRY_POLICY,
  actualRevisionOf,
  isWrongExpectedVersion,
  type RetryClock,
  type RetryPolicy,
} from './esdb-errors.js';
import { LedgerIndex, type AppendPlan } from './esdb-index.js';
import { IndexKeeper } from './esdb-index-keeper.js';
import { LedgerStream, type LedgerClient } from './esdb-ledger-stream.js';
import { EMPTY_LOG_HEAD, type LogChainHead } from './log-chain.js';
import { checkStreamName, eventDataOf, portRecord, prepare, toLedgerRecord, type LedgerRecord } from './esdb-mapping.js';
import { followLedger, type SubscribeOptions } from './esdb-subscription.js';
import { verifyLedgerStream } from './esdb-verify.js';
import { esdbImportBatches } from './esdb-import.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ChainedRecord,
  IdempotencyKeyIndex,
  ImportBatches,
  ImportedEvent,
  IndexPreparation,
  IntegrityReport,
  KnownLog,
  LiveSubscription,
  LogChain,
  ReadAllOptions,
  ReadStreamOptions,
  StoreCapabilities,
  StreamAppend,
  Subscription,
} from './port.js';

export interface EsdbStoreOptions {
  /** The EventStoreDB stream that holds the ledger; overrides the connection string's `ledgerStream`. @defaultValue `hfi-ledger` */
  ledgerStream?: string;
  /** Rounds an append without `expectedLogPosition` is planned again after other writers moved the log. @defaultValue 10 */
  maxAppendAttempts?: number;
  /** How long and how often answers that pass (no leader, not ready, too late) are tried again. @defaultValue 20 s, from 100 ms doubling to 2 s */
  retry?: Partial<RetryPolicy>;
  /** The deadline of one append call. @defaultValue 5 000 ms */
  appendDeadlineMs?: number;
  /** The clock the back-off sleeps on (tests). */
  clock?: RetryClock;
  /** The client to use instead of one made from the connection string: a fake, in tests without a server. */
  client?: LedgerClient;
  /** Where the index snapshot is kept (see `esdb-index-snapshot.ts`); null or absent keeps none. */
  indexSnapshotPath?: string | null;
  /** Told when a background write of the index snapshot failed (the next one tries again). @defaultValue ignored */
  onSnapshotError?: (error: unknown) => void;
}

/**
 * The EventStoreDB / KurrentDB store. Every ledger event is one event of a single
 * EventStoreDB stream (`hfi-ledger` unless configured), in log order: the ledger position
 * is that stream's revision + 1, and the logical stream, its revision and both hash chains
 * are in the event metadata (see `esdb-mapping.ts` and docs/eventstoredb.md). So every
 * append — of one stream or several, with or without a condition on the whole log — is
 * one append to that stream at the revision the store read, which the server checks:
 * decisions are serialisable across processes. An in-memory index of the stream, caught
 * up before every answer, says where each logical stream's events are, which idempotency
 * key was recorded in which stream, and where each event id is.
 */
export class EsdbEventStore implements EventStore, IdempotencyKeyIndex, LogChain, KnownLog, LiveSubscription, ImportBatches {
  readonly description: string;
  readonly capabilities: StoreCapabilities & { readonly logChain: true } = {
    synchronousLog: false,
    idempotencyKeyIndex: true,
    logChain: true,
    knownLog: true,
    liveSubscription: true,
    importBatches: true,
  };
  private readonly ledger: LedgerStream;
  private readonly retry: RetryPolicy;
  private readonly clock: RetryClock | undefined;
  private readonly maxAppendAttempts: number;
  private readonly appendDeadlineMs: number;
  private readonly keeper: IndexKeeper;
  private appending: Promise<unknown> = Promise.resolve();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(connectionString: string, options: EsdbStoreOptions = {}) {
    const connection = parseEsdbConnection(connectionString, options.ledgerStream);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.clock = options.clock;
    this.ledger = new LedgerStream(connection, this.retry, options.clock, options.client);
    this.description = connection.description;
    this.maxAppendAttempts = options.maxAppendAttempts ?? 10;
    this.appendDeadlineMs = options.appendDeadlineMs ?? 5_000;
    this.keeper = new IndexKeeper(this.ledger, options.indexSnapshotPath ?? null, options.onSnapshotError ?? (() => undefined));
  }

  /** Connects and checks that the server answers (and has a leader), so a misconfigured store fails at start-up. */
  static async connect(connectionString: string, options: EsdbStoreOptions = {}): Promise<EsdbEventStore> {
    const store = new EsdbEventStore(connectionString, options);
    try {
      await store.ping();
      return store;
    } catch (error: unknown) {
      await store.close();
      throw error;
    }
  }

  /** One small leader read; throws StoreUnavailableError when the server cannot be used. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.ledger.lastRevision('connecting');
  }

  // -------------------------------------------------------------------------
  // Append
  // -------------------------------------------------------------------------

  async append(stream: string, events: EventToAppend[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expected }], options);
    return result!;
  }

  async appendMany(parts: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult[]> {
    this.assertOpen();
    if (parts.length === 0) throw new RangeError('an append needs at least one stream');
    const { expectedLogPosition } = options;
    if (expectedLogPosition !== undefined && (!Number.isSafeInteger(expectedLogPosition) || expectedLogPosition < 0))
      throw new RangeError(`expectedLogPosition must be a non-negative integer, not ${expectedLogPosition}`);
    const seen = new Set<string>();
    const prepared = parts.map((part) => ({
      stream: checkStreamName(part.stream),
      expected: part.expected,
      events: prepare(part.events, seen),
    }));
    // Every append goes to the one ledger stream: appends of this process wait for one another rather than collide at the server.
    const run = this.appending.then(() => this.appendWithRetries(prepared, options));
    this.appending = run.catch(() => undefined);
    return run;
  }

  /**
   * Plan on the index caught up with the server, append at the revision it ends at, and on
   * a conflict plan again (the plan then refuses what no longer holds). An answer that
   * passes is tried again with back-off; the next round's catch-up shows whether the
   * earlier try was written after all (its append id is in the index).
   */
  private async appendWithRetries(parts: StreamAppend[], options: AppendOptions): Promise<AppendResult[]> {
    const appendId = randomUUID();
    const backOff = new BackOff(this.retry, this.clock);
    let sent = false;
    for (let conflicts = 0; ;) {
      let plan: AppendPlan;
      try {
        // A decision made on the log up to the index's head is planned at once: if the log
        // moved meanwhile, the server refuses the append and the next round reads it.
        const current = conflicts === 0 && backOff.tries === 0 && (options.expectedLogPosition ?? Infinity) <= this.index.head;
        if (!current) await this.catchUp('preparing an append');
        plan = this.index.plan(parts, options, appendId);
        if (plan.writes.length === 0) return await this.withStoredHashes(plan.results);
        sent = true;
        await this.ledger.append(
          plan.writes.map((write) => eventDataOf(write, appendId)),
          plan.firstPosition,
          this.appendDeadlineMs,
        );
      } catch (error: unknown) {
        if (isWrongExpectedVersion(error)) {
          this.keeper.forgetIfAhead(actualRevisionOf(error));
          conflicts += 1;
          if (conflicts < this.maxAppendAttempts) {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * conflicts));
            continue;
          }
          throw new ConcurrencyError(parts[0]!.stream, parts[0]!.expected, this.index.revisionOf(parts[0]!.stream));
        }
        if (await backOff.next(error)) continue;
        throw this.failedAppend(error, parts, sent);
      }
      await this.keeper.noteOwn(plan, appendId);
      return plan.results;
    }
  }

  /** An append that failed: a passing answer after the back-off means the outcome is unknown, and retrying is safe. */
  private failedAppend(error: unknown, parts: StreamAppend[], sent: boolean): unknown {
    const translated = this.ledger.translate(error, `appending to ${parts.map((part) => part.stream).join(', ')}`);
    if (!sent || !(translated instanceof StoreUnavailableError) || error instanceof StoreUnavailableError) return translated;
    return new StoreUnavailableError(
      `${translated.message}; whether the events were written is unknown, and appending the same events again is safe (the same ids are recognised)`,
    );
  }

  /** Results of parts found stored already: their hashes, read at their positions. */
  private async withStoredHashes(results: AppendResult[]): Promise<AppendResult[]> {
    const missing = results.filter((result) => result.hashes.length !== result.positions.length).flatMap((result) => result.positions);
    if (missing.length === 0) return results;
    const records = new Map<number, LedgerRecord>();
    for await (const record of this.ledger.recordsAt(missing, 'reading stored events')) records.set(record.position, record);
    return results.map((result) => LedgerIndex.withHashes(result, records));
  }

  // -------------------------------------------------------------------------
  // The index
  // -------------------------------------------------------------------------

  /** Builds the index before the first request (from its snapshot where one matches the log); see `IndexKeeper.prepare`. */
  prepare(): Promise<IndexPreparation> {
    this.assertOpen();
    return this.keeper.prepare();
  }

  private catchUp(doing: string): Promise<void> {
    return this.keeper.catchUp(doing);
  }

  knownHead(): number {
    return this.index.head;
  }

  knownStreamOfIdempotencyKey(key: string): string | null {
    return this.index.streamOfKey(key);
  }

  async *readKnownStream(stream: string): AsyncIterable<StoredRecord> {
    this.assertOpen();
    const positions = this.index.positionsOf(stream);
    for await (const record of this.ledger.recordsAt(positions, `reading ${stream}`)) yield portRecord(record);
  }

  async refresh(): Promise<number> {
    this.assertOpen();
    await this.catchUp('reading the head of the log');
    return this.index.head;
  }

  private get index(): LedgerIndex {
    return this.keeper.index;
  }

  async streamOfIdempotencyKey(key: string): Promise<string | null> {
    this.assertOpen();
    await this.catchUp('looking up an idempotency key');
    return this.index.streamOfKey(key);
  }

  // -------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredRecord> {
    this.assertOpen();
    const from = options.fromRevision ?? 0;
    if (!Number.isSafeInteger(from) || from < 0) throw new RangeError(`fromRevision must be a non-negative integer, not ${from}`);
    await this.catchUp(`reading ${stream}`);
    for await (const record of this.ledger.recordsAt(this.index.positionsOf(stream, from), `reading ${stream}`)) yield portRecord(record);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredRecord> {
    for await (const record of this.readLedger(options)) yield portRecord(record);
  }

  /** Every event in log order with its link in the log chain, as it was written with the event. */
  async *readChained(options: ReadAllOptions = {}): AsyncIterable<ChainedRecord> {
    for await (const record of this.readLedger(options)) yield { ...portRecord(record), logHash: record.logHash };
  }

  /** The log chain's head: the last event's position and link. */
  async logHead(): Promise<LogChainHead> {
    this.assertOpen();
    const last = await this.ledger.last('reading the head of the log chain');
    if (!last) return EMPTY_LOG_HEAD;
    const record = toLedgerRecord(last);
    return { position: record.position, hash: record.logHash };
  }

  private async *readLedger(options: ReadAllOptions): AsyncGenerator<LedgerRecord> {
    this.assertOpen();
    const after = options.afterPosition ?? 0;
    if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`afterPosition must be a non-negative integer, not ${after}`);
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount <= 0) return;
    for await (const event of this.ledger.read(after, maxCount, 'reading the log')) yield toLedgerRecord(event);
  }

  async readPositions(positions: number[]): Promise<StoredRecord[]> {
    this.assertOpen();
    const wanted = [...new Set(positions)].filter((position) => Number.isSafeInteger(position) && position >= 1).sort((a, b) => a - b);
    const records: StoredRecord[] = [];
    for await (const record of this.ledger.recordsAt(wanted, 'reading events by position')) records.push(portRecord(record));
    return records;
  }

  async streamRevision(stream: string): Promise<number | null> {
    this.assertOpen();
    await this.catchUp(`reading the revision of ${stream}`);
    return this.index.revisionOf(stream);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const last = await this.ledger.lastRevision('reading the head of the log');
    const head = last === null ? 0 : last + 1;
    if (head < this.index.head) await this.keeper.indexed(() => this.keeper.forgetIfAhead(last));
    return head;
  }

  async verifyIntegrity(): Promise<IntegrityReport> {
    this.assertOpen();
    return verifyLedgerStream(this.ledger);
  }

  /** Batches under the server's maximum append size (see esdb-import.ts). */
  importBatches<E extends ImportedEvent>(events: Iterable<E>): Iterable<E[]> {
    return esdbImportBatches(events);
  }

  subscribe(afterPosition: number, onEvent: (record: StoredRecord) => Promise<void> | void, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = followLedger(this.ledger, afterPosition, onEvent, options);
    const handle: Subscription = {
      close: async () => {
        await subscription.close();
        this.subscriptions.delete(handle);
      },
    };
    this.subscriptions.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.keeper.close();
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.close()));
    await this.ledger.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError(`the EventStoreDB store ${this.description} is closed`);
  }
}
