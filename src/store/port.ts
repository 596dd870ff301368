import type { ProjectionRow, StoredRecord } from '../../events/catalogue.js';
import type { LogChainHead } from './log-chain.js';

/**
 * The event-store port. Both stores implement it: the embedded SQLite store and
 * the EventStoreDB/KurrentDB store. The contract suite in
 * `test/store-contract.ts` runs against each.
 */

/**
 * What a writer expects of a stream before its append:
 * - `'any'`: no check;
 * - `'no-stream'`: the stream has no events yet;
 * - `'exists'`: the stream has at least one event;
 * - a number: the stream's last revision is exactly this (revisions start at 0).
 */
export type ExpectedRevision = 'any' | 'no-stream' | 'exists' | number;

/** An event to append. `id` is a ULID chosen by the writer; appending the same ids again is idempotent. */
export interface EventToAppend {
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}

export interface AppendResult {
  /** The stream's last revision after the append. */
  nextRevision: number;
  /** The global position of each appended event, in order. */
  positions: number[];
  /** The hash of each appended event in the stream's chain. */
  hashes: string[];
  /** True when every event was already stored by an earlier append of the same ids. */
  alreadyStored: boolean;
}

/** One stream's part of an atomic append of several streams. */
export interface StreamAppend {
  stream: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
}

export interface AppendOptions {
  /**
   * Append only while the log's last position is still this one; otherwise throw
   * `ConcurrencyError` and append nothing. A decision made on everything up to that
   * position is then recorded only if nothing was recorded since: decisions are
   * serialisable, whichever streams their rules read.
   */
  expectedLogPosition?: number;
}

export interface ReadAllOptions {
  /** Read events after this global position (exclusive). Default: from the start. */
  afterPosition?: number;
  /** Read at most this many events. */
  maxCount?: number;
}

export interface ReadStreamOptions {
  /** Read from this revision on (inclusive). Default 0. */
  fromRevision?: number;
}

/** One broken link found by an integrity check. */
export interface IntegrityProblem {
  stream: string;
  revision?: number;
  position?: number;
  eventId?: string;
  problem: string;
}

export interface IntegrityReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  problems: IntegrityProblem[];
}

export interface EventStore {
  /** A short name for messages: `sqlite:./data/ledger.sqlite`, `esdb://host:2113`. */
  readonly description: string;
  /**
   * Appends events to one stream atomically, if the stream is at the expected
   * revision; otherwise throws `ConcurrencyError`. Resolves only once the events
   * are durable.
   */
  append(stream: string, events: EventToAppend[], expected: ExpectedRevision, options?: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams as one: every part is checked and written, or none. The
   * results are in the order of the parts.
   */
  appendMany(parts: StreamAppend[], options?: AppendOptions): Promise<AppendResult[]>;
  /** The events of one stream in revision order. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredRecord>;
  /** Every event of the ledger in global order (no system events). */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredRecord>;
  /** The events at these global positions, in log order; positions with no event are left out. */
  readPositions(positions: number[]): Promise<StoredRecord[]>;
  /** The stream's last revision, or null when it has no events. */
  streamRevision(stream: string): Promise<number | null>;
  /** The global position of the last event in the log, or 0 when the log is empty. */
  headPosition(): Promise<number>;
  /** Recomputes every stream's hash chain and checks that nothing was changed or removed. */
  verifyIntegrity(): Promise<IntegrityReport>;
  close(): Promise<void>;
  /** What this store can do beyond the port; see the capability interfaces below. */
  readonly capabilities: StoreCapabilities;
}

/**
 * The optional abilities a store declares. The handler, the runner, the import and the
 * backup ask through the type guards below, never by looking for methods or at the
 * store's class; each capability has contract tests that run on every store that
 * declares it (test/store-contract.ts).
 */
export interface StoreCapabilities {
  /** Reads and writes synchronously inside one write transaction: `SynchronousLog`. */
  readonly synchronousLog: boolean;
  /** Finds the stream a command was recorded in by its idempotency key: `IdempotencyKeyIndex`. */
  readonly idempotencyKeyIndex: boolean;
  /** Keeps the log chain (src/store/log-chain.ts): `LogChain`. */
  readonly logChain: boolean;
  /** Keeps an index of the log in memory and answers from what it has seen: `KnownLog`. */
  readonly knownLog?: boolean;
  /** Pushes new events to a subscriber as they are written, by any process: `LiveSubscription`. */
  readonly liveSubscription?: boolean;
  /** Takes a whole import in one all-or-nothing write, each event as it comes: `OneWriteImport`. */
  readonly oneWriteImport?: boolean;
  /** Takes an import in batches of its own size, each one append: `ImportBatches`. */
  readonly importBatches?: boolean;
  /** Reads the log as the lean rows a projection rebuild folds: `ProjectionRows`. */
  readonly projectionRows?: boolean;
  /** Copies itself, consistently and while writers go on, to a file of its own kind: `FileCopy`. */
  readonly fileCopy?: boolean;
}

/**
 * A log that can be read and appended to synchronously, inside one write transaction
 * (SQLite): the handler's catch-up, rules and append then run as one step that nothing —
 * in this process or another — can come between, and commands arriving together are
 * committed as one group.
 */
export interface SynchronousLog {
  headPositionNow(): number;
  readAllSync(options: { afterPosition: number }): Iterable<StoredRecord>;
  readStreamSync(stream: string, options: { fromRevision: number }): Iterable<StoredRecord>;
  /** `freshIds`: the caller has just generated the ids, so no earlier append of them can be stored. */
  appendSync(stream: string, events: EventToAppend[], expected: ExpectedRevision, options?: { freshIds?: boolean }): AppendResult;
  /** Runs work in one write transaction; nested, as a savepoint. */
  transaction<T>(work: () => T): T;
  /** Whether a transaction is open (SQLite ends one by itself on some errors, such as a full disk). */
  inTransaction(): boolean;
  streamOfIdempotencyKeySync(key: string): string | null;
}

/** Finds the stream a command was recorded in by its idempotency key, across streams. */
export interface IdempotencyKeyIndex {
  streamOfIdempotencyKey(key: string): Promise<string | null>;
}

export function hasSynchronousLog(store: EventStore): store is EventStore & SynchronousLog {
  return store.capabilities.synchronousLog;
}

export function hasIdempotencyKeyIndex(store: EventStore): store is EventStore & IdempotencyKeyIndex {
  return store.capabilities.idempotencyKeyIndex;
}

/**
 * A store that keeps an index of the log in memory (EventStoreDB): it builds it before the
 * first request, from a snapshot where it has one, and answers from what it has seen
 * without asking the server. What it knows may be behind the log when another process
 * wrote; an append conditioned on `knownHead()` is then refused, and the refusal is what
 * makes it read what was written.
 */
export interface KnownLog {
  /** Builds the index (from a snapshot checked against the log, or from the start) and catches it up. Once. */
  prepare(): Promise<IndexPreparation>;
  /** The log's last position as this process has seen it; no call to the server. */
  knownHead(): number;
  /** The stream a command was recorded in by its idempotency key, as far as this process has seen the log. */
  knownStreamOfIdempotencyKey(key: string): string | null;
  /** A stream's events as far as this process has seen the log. */
  readKnownStream(stream: string): AsyncIterable<StoredRecord>;
  /** Catches what this process knows up with the log (one read) and returns the head. */
  refresh(): Promise<number>;
}

/** Where a store's index started from: its snapshot (and why not, when not), and how many events it then read. */
export interface IndexPreparation {
  startedFrom: 'snapshot' | 'zero';
  position: number;
  caughtUp: number;
  reason?: string;
}

export function hasKnownLog(store: EventStore): store is EventStore & KnownLog {
  return store.capabilities.knownLog === true;
}

/** What a store without any optional ability declares. */
export const NO_CAPABILITIES: StoreCapabilities = { synchronousLog: false, idempotencyKeyIndex: false, logChain: false };

/** A stored record with its link in the log chain. */
export type ChainedRecord = StoredRecord & { logHash: string };

/**
 * A store that keeps the log chain: every event in log order, positions dense from 1,
 * each with its link (`logChainHash(previous link, position, event hash)`) computed
 * when it is appended, in the same atomic write. Checkpoints sign its head.
 */
export interface LogChain {
  readonly capabilities: StoreCapabilities & { readonly logChain: true };
  /** The last event's position and link; `{ position: 0, hash: LOG_GENESIS_HASH }` when the log is empty. */
  logHead(): Promise<LogChainHead>;
  /** Every event in log order with its stored link, as `readAll` reads them. */
  readChained(options?: ReadAllOptions): AsyncIterable<ChainedRecord>;
}

/** Whether a store keeps the log chain (it says so in `capabilities`). */
export function hasLogChain(store: EventStore): store is EventStore & LogChain {
  return store.capabilities.logChain;
}

/** A running subscription; `close()` stops it and resolves once no handler call is running. */
export interface Subscription {
  close(): Promise<void>;
}

/**
 * A store that pushes new events to a subscriber (EventStoreDB), so a view follows what
 * other processes write without asking.
 */
export interface LiveSubscription {
  /**
   * Delivers every event after `afterPosition` (exclusive) in log order, then new ones as
   * they are written. `onError` hears of a dropped connection (the subscription then
   * subscribes again after the last delivered event) and of an `onEvent` that threw (it
   * then stops).
   */
  subscribe(
    afterPosition: number,
    onEvent: (record: StoredRecord) => Promise<void> | void,
    options?: { onError?: (error: unknown) => void },
  ): Subscription;
}

export function hasLiveSubscription(store: EventStore): store is EventStore & LiveSubscription {
  return store.capabilities.liveSubscription === true;
}

/** An event of an import, as exported: its own id, stream, revision and hashes. */
export interface ImportedEvent extends EventToAppend {
  stream: string;
  revision: number;
  previousHash: string;
  hash: string;
}

/** What an import written in one write is given: whether the store was empty, and where to write. */
export interface ImportWrite {
  /** Whether the store held no event when the write began. */
  readonly empty: boolean;
  /** Stores one event as it is, with its own id, revision and hashes (the caller has checked them). */
  write(event: ImportedEvent): void;
}

/**
 * A store that takes a whole import in one all-or-nothing write (SQLite): the importer
 * writes each event as soon as its checks pass, and any problem, found as late as the
 * manifest at the end, undoes everything.
 */
export interface OneWriteImport {
  /** Runs `work` as one write; if it throws, nothing it wrote is stored. */
  importInOneWrite<T>(work: (target: ImportWrite) => T): T;
}

export function hasOneWriteImport(store: EventStore): store is EventStore & OneWriteImport {
  return store.capabilities.oneWriteImport === true;
}

/**
 * A store whose appends are bounded in size (EventStoreDB refuses one over its maximum
 * append size): it says how an import's events are batched so that each batch is one
 * append it takes.
 */
export interface ImportBatches {
  /** The events in their order, grouped into batches each of which the store takes in one `appendMany`. */
  importBatches<E extends ImportedEvent>(events: Iterable<E>): Iterable<E[]>;
}

export function hasImportBatches(store: EventStore): store is EventStore & ImportBatches {
  return store.capabilities.importBatches === true;
}

/** A store that reads the log as raw rows for a projection rebuild, cheaper than full records (SQLite). */
export interface ProjectionRows {
  /**
   * Batches of rows in log order after `afterPosition`: `[position, type, schemaVersion,
   * dataJson, metadataJson | null, hash]`, the metadata only for the types in `metadataOf`.
   * Nothing is parsed or checked: the caller does both.
   */
  readProjectionRowsSync(afterPosition: number, metadataOf: readonly string[]): Iterable<ProjectionRow[]>;
}

export function hasProjectionRows(store: EventStore): store is EventStore & ProjectionRows {
  return store.capabilities.projectionRows === true;
}

/** A store that copies itself to a file of its own kind (SQLite's online backup), consistently, while others write. */
export interface FileCopy {
  /** Writes the copy to `destination`: exactly the writes committed when the copy began. */
  copyTo(destination: string): Promise<void>;
}

export function hasFileCopy(store: EventStore): store is EventStore & FileCopy {
  return store.capabilities.fileCopy === true;
}
