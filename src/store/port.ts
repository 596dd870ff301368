import type { StoredRecord } from '../../events/catalogue.js';
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

/**
 * What a store can do beyond the port, declared rather than discovered. A store that
 * leaves `capabilities` out can do none of it.
 */
export interface StoreCapabilities {
  /** The store keeps the log chain (src/store/log-chain.ts) and offers `LogChain`. */
  readonly logChain: boolean;
}

export interface EventStore {
  /** A short name for messages: `sqlite:./data/ledger.sqlite`, `esdb://host:2113`. */
  readonly description: string;
  /** The optional abilities this store has; see the type guards below. */
  readonly capabilities?: StoreCapabilities;
  /**
   * Appends events to one stream atomically, if the stream is at the expected
   * revision; otherwise throws `ConcurrencyError`. Resolves only once the events
   * are durable.
   */
  append(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
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
}

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
  return store.capabilities?.logChain === true;
}
