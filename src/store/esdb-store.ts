import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import type { StoredRecord } from '../../events/catalogue.js';
import { ConcurrencyError, DuplicateEventError, StoreUnavailableError } from './errors.js';
import { GENESIS_HASH, chainHash } from './hash-chain.js';
import {
  LedgerEventFormatError,
  UnsupportedPositionError,
  comparePositions,
  describeConnectionString,
  exactExpectedRevision,
  fromLedgerPosition,
  isSystemEvent,
  isUnavailable,
  isWrongExpectedVersion,
  jsonCopy,
  packMetadata,
  revisionToNumber,
  satisfiesExpected,
  toConcurrencyError,
  toLedgerPosition,
  toStoredRecord,
  translateClientError,
  ulidToUuid,
  unpackMetadata,
  type EsdbRecordedEvent,
} from './esdb-mapping.js';
import { NO_CAPABILITIES } from './port.js';
import type {
  AppendOptions,
  StreamAppend,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  IntegrityProblem,
  IntegrityReport,
  ReadAllOptions,
  ReadStreamOptions,
} from './port.js';

/** A running catch-up subscription; `close()` stops it and resolves once no handler call is running. */
export interface LedgerSubscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /**
   * Called when the connection drops (the subscription then resubscribes from the
   * last delivered position) or when `onEvent` throws (the subscription then stops).
   */
  onError?: (error: unknown) => void;
}

/** A store other instances write to, which projections can follow live. */
export interface SubscribableEventStore extends EventStore {
  /** Delivers every ledger event after `afterPosition` (exclusive) in log order, then new ones as they are written. */
  subscribe(afterPosition: number, onEvent: (record: StoredRecord) => Promise<void> | void, options?: SubscribeOptions): LedgerSubscription;
}

export interface EsdbStoreOptions {
  /** Attempts for an append expecting `'any'` or `'exists'` when other processes keep moving the stream. Default 10. */
  maxAppendAttempts?: number;
  /** How many event ids the duplicate check keeps in memory across streams before forgetting the least recently used streams. Default 250 000. */
  maxIndexedIds?: number;
}

/** Raw events fetched per $all read page; system events and other applications' events are filtered out client-side. */
const READ_ALL_PAGE = 1000;

/**
 * What the store knows of one stream, to refuse reused event ids without reading
 * the whole stream on every append: the EventStoreDB id (UUID) of every event and
 * its revision. It is only a cache — each append re-reads the stream's last event
 * and reads whatever was appended since — and the server's expected-revision check
 * stays the guard against concurrent writers.
 */
interface StreamIndex {
  revision: number;
  lastUuid: string;
  ids: Map<string, number>;
}

interface StreamHead {
  revision: number | null;
  hash: string;
  index: StreamIndex | null;
}

interface PreparedEvent {
  source: EventToAppend;
  uuid: string;
  data: unknown;
  metadata: unknown;
}

/**
 * The EventStoreDB / KurrentDB store.
 *
 * - Streams are the ledger's own (`registry`, `case-22.25`, `year-2025`), so the
 *   server's `$ce-…` and `$et-…` projections work on them.
 * - Event ids: the ledger's ULID mapped one-to-one onto a UUID (see `ulidToUuid`);
 *   the ULID is also kept in the metadata under `$ledger`.
 * - Each stream keeps the same SHA-256 hash chain as the SQLite store, in the event
 *   metadata (`$ledger.hash`, `$ledger.previousHash`).
 * - Positions: the event's log position (see `toLedgerPosition` for why that is one
 *   number per event).
 * An append resolves only after the server acknowledged the write; when the server
 * cannot be reached it throws StoreUnavailableError, and because event ids are
 * stable a retry of the same events is idempotent.
 */
export class EsdbEventStore implements SubscribableEventStore {
  readonly description: string;
  private readonly client: EventStoreDBClient;
  private readonly maxAppendAttempts: number;
  private readonly maxIndexedIds: number;
  private readonly indexes = new Map<string, StreamIndex>();
  private readonly subscriptions = new Set<LedgerSubscription>();
  /** The tail of each stream's queue of appends in this process. */
  private readonly appendQueues = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(connectionString: string, options: EsdbStoreOptions = {}) {
    this.description = describeConnectionString(connectionString);
    try {
      this.client = EventStoreDBClient.connectionString(connectionString);
    } catch (error: unknown) {
      throw new RangeError(
        `not a valid EventStoreDB connection string (expected e.g. esdb://localhost:2113?tls=false): ${
          error instanceof Error ? error.message : String(error)
        }`,
        { cause: error },
      );
    }
    this.maxAppendAttempts = options.maxAppendAttempts ?? 10;
    this.maxIndexedIds = options.maxIndexedIds ?? 250_000;
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
    for await (const _ of this.events(
      this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, requiresLeader: true }),
      'connecting',
    )) {
      break;
    }
  }

  // -------------------------------------------------------------------------
  // Append
  // -------------------------------------------------------------------------

  readonly capabilities = NO_CAPABILITIES;

  /**
   * Several streams at once: this store keeps each stream as an EventStoreDB stream, and
   * EventStoreDB appends to one stream atomically, so only one part is accepted, and the
   * whole-log condition is not yet checked (see docs/eventstoredb.md).
   */
  async appendMany(parts: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult[]> {
    if (parts.length !== 1 || options.expectedLogPosition !== undefined)
      throw new StoreUnavailableError('this EventStoreDB store appends to one stream at a time, without a condition on the whole log');
    return [await this.append(parts[0]!.stream, parts[0]!.events, parts[0]!.expected)];
  }

  async append(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    checkStreamName(stream);
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const prepared = prepare(events);
    // Appends to one stream from this process would only collide at the server
    // (each continues the chain from the head it read), so they queue here; the
    // server's expected-revision check still decides between processes.
    const previous = this.appendQueues.get(stream) ?? Promise.resolve();
    const run = previous.then(
      () => this.appendNow(stream, prepared, expected),
      () => this.appendNow(stream, prepared, expected),
    );
    const tail = run.catch(() => undefined);
    this.appendQueues.set(stream, tail);
    try {
      return await run;
    } finally {
      if (this.appendQueues.get(stream) === tail) this.appendQueues.delete(stream);
    }
  }

  private async appendNow(stream: string, prepared: PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    // One id per call, shared by its attempts: a retried attempt that the server
    // already applied is still recognised as this call's own write.
    const appendId = randomUUID();
    let conflict: WrongExpectedVersionError | null = null;
    for (let attempt = 1; attempt <= this.maxAppendAttempts; attempt++) {
      // Another process won the last round; wait a little (with jitter) before reading the head again.
      if (attempt > 1) await sleep(Math.random() * 20 * attempt);
      const head = await this.head(stream);
      const stored = await this.findAlreadyStored(stream, prepared, head);
      if (stored) return stored;
      if (!satisfiesExpected(expected, head.revision)) throw new ConcurrencyError(stream, expected, head.revision);

      const first = (head.revision ?? -1) + 1;
      const hashes: string[] = [];
      let previousHash = head.hash;
      const payload: EventData[] = prepared.map((event, offset) => {
        const hash = chainHash(previousHash, {
          stream,
          revision: first + offset,
          id: event.source.id,
          type: event.source.type,
          schemaVersion: event.source.schemaVersion,
          data: event.data,
          metadata: event.metadata,
        });
        const metadata = packMetadata(event.metadata, {
          ulid: event.source.id,
          schemaVersion: event.source.schemaVersion,
          hash,
          previousHash,
          appendId,
        });
        hashes.push(hash);
        previousHash = hash;
        return {
          id: event.uuid,
          contentType: 'application/json',
          type: event.source.type,
          // The client serialises any JSON value; its type only names objects, arrays and strings.
          data: event.data as JSONType,
          metadata,
        };
      });

      const exact = exactExpectedRevision(head.revision);
      try {
        const result = await this.client.appendToStream(stream, payload, { expectedRevision: exact });
        // Only when the connection string sets throwOnAppendFailure=false does a conflict come back as a result.
        if (!result.success)
          throw new WrongExpectedVersionError(undefined, {
            streamName: stream,
            expected: exact,
            current: result.nextExpectedRevision < 0n ? 'no_stream' : result.nextExpectedRevision,
          });
      } catch (error: unknown) {
        if (isWrongExpectedVersion(error)) {
          // Someone else appended between our read of the head and our write. Go
          // round again: that re-checks ids (it may have been this very batch),
          // the caller's expectation, and for 'any'/'exists' appends at the new head.
          conflict = error;
          continue;
        }
        if (isUnavailable(error)) return this.settleAmbiguousAppend(stream, prepared, first, appendId, hashes, error);
        throw translateClientError(error, this.description, `appending to ${stream}`);
      }

      let written: Awaited<ReturnType<EsdbEventStore['readBack']>>;
      try {
        written = await this.readBack(stream, prepared, first, 'reading back an append');
      } catch (error: unknown) {
        throw new StoreUnavailableError(
          `EventStoreDB at ${this.description} acknowledged the append to ${stream}, but its positions could not be read back; appending the same events again returns them: ${
            error instanceof Error ? error.message : String(error)
          }`,
          { cause: error },
        );
      }
      if (!written)
        throw new Error(
          `EventStoreDB at ${this.description} acknowledged the append to ${stream} but its leader does not show it at revision ${first}`,
        );
      this.remember(stream, head, prepared, first);
      return {
        nextRevision: first + prepared.length - 1,
        positions: written.records.map((record) => record.position),
        hashes: written.records.map((record) => record.hash),
        // The server answers a repeat of stored ids with plain success; the append id tells.
        alreadyStored: !written.ours(appendId),
      };
    }
    throw conflict ? toConcurrencyError(stream, expected, conflict) : new ConcurrencyError(stream, expected, null);
  }

  /**
   * The connection failed while an append was in flight, so the server may or may
   * not have written it. Look: if this call's events are there, the append
   * succeeded; otherwise report the store unavailable. Either way the caller
   * never sees half an append, and retrying the same events is idempotent.
   */
  private async settleAmbiguousAppend(
    stream: string,
    prepared: PreparedEvent[],
    first: number,
    appendId: string,
    hashes: string[],
    error: unknown,
  ): Promise<AppendResult> {
    let written: Awaited<ReturnType<EsdbEventStore['readBack']>>;
    try {
      written = await this.readBack(stream, prepared, first, 'checking an interrupted append');
    } catch {
      throw new StoreUnavailableError(
        `EventStoreDB at ${this.description} became unavailable while appending to ${stream}; whether the events were written is unknown, and appending the same events again is safe (same ids are idempotent): ${
          error instanceof Error ? error.message : String(error)
        }`,
        { cause: error },
      );
    }
    // The batch is there (ids checked by readBack): written by this call, or by an identical earlier one.
    if (written && written.records.every((record, index) => record.hash === hashes[index]))
      return {
        nextRevision: first + prepared.length - 1,
        positions: written.records.map((record) => record.position),
        hashes: written.records.map((record) => record.hash),
        alreadyStored: !written.ours(appendId),
      };
    throw translateClientError(
      error,
      this.description,
      `appending to ${stream} (the events are not in the stream; appending them again is safe)`,
    );
  }

  /** The events at `first`… if they are exactly this batch; null if the stream does not hold them there. */
  private async readBack(
    stream: string,
    prepared: PreparedEvent[],
    first: number,
    doing: string,
  ): Promise<{ records: StoredRecord[]; ours: (appendId: string) => boolean } | null> {
    const records: StoredRecord[] = [];
    const appendIds: string[] = [];
    for await (const event of this.readStreamEvents(stream, first, prepared.length, doing)) {
      const record = toStoredRecord(event);
      const unpacked = unpackMetadata(event.metadata);
      if (!record || unpacked.kind !== 'ledger') return null;
      records.push(record);
      appendIds.push(unpacked.fields.appendId);
    }
    if (records.length !== prepared.length) return null;
    if (!records.every((record, index) => record.id === prepared[index]!.source.id)) return null;
    return { records, ours: (appendId) => appendIds.every((id) => id === appendId) };
  }

  /**
   * The SQLite store's duplicate rule, checked against the stream: all ids stored,
   * in order, is an idempotent retry; some stored and some not is refused.
   * (Ids are only looked up in the target stream: EventStoreDB has no index of
   * event ids across streams.)
   */
  private async findAlreadyStored(stream: string, prepared: PreparedEvent[], head: StreamHead): Promise<AppendResult | null> {
    if (!head.index) return null;
    const revisions = prepared.map((event) => head.index!.ids.get(event.uuid));
    if (revisions.every((revision) => revision === undefined)) return null;
    const firstStored = prepared[revisions.findIndex((revision) => revision !== undefined)]!.source.id;
    if (revisions.some((revision) => revision === undefined))
      throw new DuplicateEventError(firstStored, 'is already stored, but the rest of the batch is not: a retry must send the same batch');
    const first = revisions[0]!;
    revisions.forEach((revision, index) => {
      if (revision !== first + index) throw new DuplicateEventError(prepared[index]!.source.id, 'is already stored out of the batch order');
    });
    const written = await this.readBack(stream, prepared, first, 'reading stored events');
    if (!written) throw new DuplicateEventError(firstStored, `is already used in ${stream} by an event that is not this batch`);
    return {
      nextRevision: Math.max(head.revision ?? -1, first + prepared.length - 1),
      positions: written.records.map((record) => record.position),
      hashes: written.records.map((record) => record.hash),
      alreadyStored: true,
    };
  }

  // -------------------------------------------------------------------------
  // Stream head and id index
  // -------------------------------------------------------------------------

  /** The stream's last revision and hash (read from its last event) and its id index brought up to date. */
  private async head(stream: string): Promise<StreamHead> {
    const last = await this.lastEvent(stream, `reading the head of ${stream}`);
    if (!last) {
      this.indexes.delete(stream);
      return { revision: null, hash: GENESIS_HASH, index: null };
    }
    const revision = revisionToNumber(last.revision);
    const unpacked = unpackMetadata(last.metadata);
    if (unpacked.kind === 'foreign')
      throw new LedgerEventFormatError(
        stream,
        revision,
        "the last event was not written by the ledger, so the stream's hash chain cannot be continued",
      );
    if (unpacked.kind === 'malformed') throw new LedgerEventFormatError(stream, revision, unpacked.problem);
    const index = await this.indexFor(stream, revision, last.id.toLowerCase());
    return { revision, hash: unpacked.fields.hash, index };
  }

  private async indexFor(stream: string, headRevision: number, headUuid: string): Promise<StreamIndex> {
    let index = this.indexes.get(stream);
    if (index && index.ids.get(headUuid) === headRevision) return this.touch(stream, index);
    if (index && index.revision < headRevision) {
      // Read what was appended since, starting at the last event we knew, to be
      // sure the stream was not deleted and rewritten in between.
      let continuous = false;
      let seenFirst = false;
      for await (const event of this.readStreamEvents(stream, index.revision, Number.MAX_SAFE_INTEGER, 'indexing the stream')) {
        const revision = revisionToNumber(event.revision);
        const uuid = event.id.toLowerCase();
        if (!seenFirst) {
          seenFirst = true;
          continuous = revision === index.revision && uuid === index.lastUuid;
          if (!continuous) break;
          continue;
        }
        addToIndex(index, uuid, revision);
      }
      if (!continuous || index.ids.get(headUuid) !== headRevision) index = undefined;
    } else {
      index = undefined;
    }
    if (!index) {
      index = { revision: -1, lastUuid: '', ids: new Map() };
      for await (const event of this.readStreamEvents(stream, 0, Number.MAX_SAFE_INTEGER, 'indexing the stream'))
        addToIndex(index, event.id.toLowerCase(), revisionToNumber(event.revision));
    }
    return this.touch(stream, index);
  }

  /** Marks a stream's index as recently used and forgets the least recently used ones beyond the id budget. */
  private touch(stream: string, index: StreamIndex): StreamIndex {
    this.indexes.delete(stream);
    this.indexes.set(stream, index);
    let total = 0;
    for (const entry of this.indexes.values()) total += entry.ids.size;
    for (const [name, entry] of this.indexes) {
      if (total <= this.maxIndexedIds || name === stream) break;
      this.indexes.delete(name);
      total -= entry.ids.size;
    }
    return index;
  }

  /** Adds this store's own append to the stream's index, when the index was exactly at the head we appended to. */
  private remember(stream: string, head: StreamHead, prepared: PreparedEvent[], first: number): void {
    let index = this.indexes.get(stream);
    if (!index && head.revision === null) {
      index = { revision: -1, lastUuid: '', ids: new Map() };
      this.indexes.set(stream, index);
    }
    if (!index || index.revision !== first - 1) return;
    prepared.forEach((event, offset) => addToIndex(index, event.uuid, first + offset));
  }

  // -------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredRecord> {
    this.assertOpen();
    const from = options.fromRevision ?? 0;
    if (!Number.isSafeInteger(from) || from < 0) throw new RangeError(`fromRevision must be a non-negative integer, not ${from}`);
    for await (const event of this.readStreamEvents(stream, from, Number.MAX_SAFE_INTEGER, `reading ${stream}`)) {
      const record = toStoredRecord(event);
      if (!record)
        throw new LedgerEventFormatError(
          stream,
          revisionToNumber(event.revision),
          'the event was not written by the ledger (no $ledger metadata)',
        );
      yield record;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredRecord> {
    this.assertOpen();
    const after = options.afterPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    for await (const event of this.allEvents(after > 0 ? fromLedgerPosition(after) : START, 'reading $all')) {
      const record = toStoredRecord(event);
      if (!record || record.position <= after) continue;
      yield record;
      remaining -= 1;
      if (remaining <= 0) return;
    }
  }

  /**
   * The events at these log positions: one read of $all from each position (reads
   * from a position include the event there), eight at a time, so explanations and
   * trails need not scan the log.
   */
  async readPositions(positions: number[]): Promise<StoredRecord[]> {
    this.assertOpen();
    const wanted = [...new Set(positions)].sort((a, b) => a - b);
    const found = new Map<number, StoredRecord>();
    const readOne = async (position: number) => {
      for await (const event of this.events(
        this.client.readAll({ direction: FORWARDS, fromPosition: fromLedgerPosition(position), maxCount: 1, requiresLeader: true }),
        `reading the event at position ${position}`,
      )) {
        const record = isSystemEvent(event) ? null : toStoredRecord(event);
        if (record && record.position === position) found.set(position, record);
      }
    };
    for (let start = 0; start < wanted.length; start += 8) await Promise.all(wanted.slice(start, start + 8).map(readOne));
    return wanted.flatMap((position) => {
      const record = found.get(position);
      return record ? [record] : [];
    });
  }

  async streamRevision(stream: string): Promise<number | null> {
    this.assertOpen();
    const last = await this.lastEvent(stream, `reading the revision of ${stream}`);
    return last ? revisionToNumber(last.revision) : null;
  }

  /** The position of the last ledger event (not of the server's own events after it), so projections can tell they are current. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    let from: ReadPosition = END;
    let previous: Position | null = null;
    for (;;) {
      let count = 0;
      for await (const event of this.events(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: READ_ALL_PAGE, requiresLeader: true }),
        'reading the head of $all',
      )) {
        count += 1;
        const position = positionOf(event);
        if (previous && comparePositions(position, previous) >= 0) continue;
        previous = position;
        if (isSystemEvent(event) || unpackMetadata(event.metadata).kind !== 'ledger') continue;
        return toLedgerPosition(position, `event ${event.streamId}@${event.revision}`);
      }
      if (count < READ_ALL_PAGE || !previous) return 0;
      from = previous;
    }
  }

  /** Every non-system event of $all from a position (inclusive) in log order, read in pages. */
  private async *allEvents(from: ReadPosition, doing: string): AsyncGenerator<EsdbRecordedEvent & { position: Position }> {
    let start = from;
    let previous: Position | null = null;
    for (;;) {
      let count = 0;
      for await (const event of this.events(
        this.client.readAll({ direction: FORWARDS, fromPosition: start, maxCount: READ_ALL_PAGE, requiresLeader: true }),
        doing,
      )) {
        count += 1;
        const position = positionOf(event);
        // A page starts at the previous page's last event (reads from a position include it).
        if (previous && comparePositions(position, previous) <= 0) continue;
        previous = position;
        if (isSystemEvent(event)) continue;
        yield { ...event, position };
      }
      if (count < READ_ALL_PAGE || !previous) return;
      start = previous;
    }
  }

  private async *readStreamEvents(
    stream: string,
    fromRevision: number,
    maxCount: number,
    doing: string,
  ): AsyncGenerator<EsdbRecordedEvent> {
    try {
      yield* this.events(
        this.client.readStream(stream, { fromRevision: BigInt(fromRevision), maxCount, direction: FORWARDS, requiresLeader: true }),
        doing,
      );
    } catch (error: unknown) {
      if (isStreamNotFound(error)) return;
      throw error;
    }
  }

  private async lastEvent(stream: string, doing: string): Promise<EsdbRecordedEvent | null> {
    try {
      for await (const event of this.events(
        this.client.readStream(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1, requiresLeader: true }),
        doing,
      ))
        return event;
      return null;
    } catch (error: unknown) {
      if (isStreamNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * The recorded events of a client read, with its errors translated; cancels the
   * server call when the consumer stops early, so no read is left open.
   */
  private async *events<E extends ResolvedEvent | AllStreamResolvedEvent>(
    read: StreamingRead<E>,
    doing: string,
  ): AsyncGenerator<EsdbRecordedEvent> {
    let done = false;
    try {
      for await (const resolved of read) if (resolved.event) yield resolved.event;
      done = true;
    } catch (error: unknown) {
      done = true;
      throw translateClientError(error, this.description, doing);
    } finally {
      if (!done) await read.cancel().catch(() => undefined);
    }
  }

  // -------------------------------------------------------------------------
  // Integrity
  // -------------------------------------------------------------------------

  async verifyIntegrity(): Promise<IntegrityReport> {
    this.assertOpen();
    const problems: IntegrityProblem[] = [];
    let eventsChecked = 0;
    const chains = new Map<string, { revision: number; hash: string }>();
    const foreign = new Map<string, number[]>();
    try {
      let lastPosition = -1;
      for await (const event of this.allEvents(START, 'verifying integrity')) {
        const revision = revisionToNumber(event.revision);
        let record: StoredRecord | null;
        try {
          record = toStoredRecord(event);
        } catch (error: unknown) {
          if (!(error instanceof LedgerEventFormatError || error instanceof UnsupportedPositionError)) throw error;
          problems.push({ stream: event.streamId, revision, problem: error.message });
          continue;
        }
        if (!record) {
          foreign.set(event.streamId, [...(foreign.get(event.streamId) ?? []), revision]);
          continue;
        }
        eventsChecked += 1;
        const where = { stream: record.stream, revision: record.revision, position: record.position, eventId: record.id };
        if (record.position <= lastPosition)
          problems.push({ ...where, problem: `position ${record.position} is not after ${lastPosition}` });
        lastPosition = record.position;
        const previous = chains.get(record.stream) ?? { revision: -1, hash: GENESIS_HASH };
        if (record.revision !== previous.revision + 1)
          problems.push({ ...where, problem: `revision ${previous.revision + 1} is missing before revision ${record.revision}` });
        if (record.previousHash !== previous.hash) problems.push({ ...where, problem: 'previous hash does not match the chain' });
        if (chainHash(record.previousHash, record) !== record.hash)
          problems.push({ ...where, problem: 'content does not match its hash (event changed)' });
        chains.set(record.stream, { revision: record.revision, hash: record.hash });
      }
      for (const [stream, chain] of chains) {
        for (const revision of foreign.get(stream) ?? [])
          problems.push({ stream, revision, problem: 'event was not written by the ledger (no $ledger metadata) in a ledger stream' });
        const foreignRevisions = foreign.get(stream) ?? [];
        problems.push(...(await this.checkStreamVisible(stream, Math.max(chain.revision, ...foreignRevisions))));
      }
    } catch (error: unknown) {
      if (error instanceof StoreUnavailableError) throw error;
      problems.push({ stream: '(store)', problem: `the store cannot be read: ${error instanceof Error ? error.message : String(error)}` });
    }
    return { ok: problems.length === 0, eventsChecked, streamsChecked: chains.size, problems };
  }

  /**
   * $all keeps a deleted or truncated stream's events until the server scavenges
   * them, so the chain can look whole while the stream no longer shows them. Check
   * the stream itself: it must start at revision 0 and end where its chain ends.
   */
  private async checkStreamVisible(stream: string, lastRevision: number): Promise<IntegrityProblem[]> {
    let first: EsdbRecordedEvent | null = null;
    try {
      for await (const event of this.events(
        this.client.readStream(stream, { fromRevision: START, direction: FORWARDS, maxCount: 1, requiresLeader: true }),
        `verifying ${stream}`,
      )) {
        first = event;
        break;
      }
    } catch (error: unknown) {
      if (isStreamNotFound(error) || isStreamDeleted(error))
        return [{ stream, problem: 'stream is deleted (its events are gone from stream reads)' }];
      throw error;
    }
    if (!first) return [{ stream, problem: 'stream is deleted (its events are gone from stream reads)' }];
    const problems: IntegrityProblem[] = [];
    const firstRevision = revisionToNumber(first.revision);
    if (firstRevision !== 0)
      problems.push({ stream, problem: `events before revision ${firstRevision} are hidden (stream truncated, or $maxCount/$maxAge set)` });
    const last = await this.lastEvent(stream, `verifying ${stream}`);
    const headRevision = last ? revisionToNumber(last.revision) : null;
    if (headRevision !== lastRevision)
      problems.push({
        stream,
        problem: `stream head is revision ${headRevision ?? 'none'} but the last event in $all is revision ${lastRevision}`,
      });
    return problems;
  }

  // -------------------------------------------------------------------------
  // Subscription
  // -------------------------------------------------------------------------

  subscribe(
    afterPosition: number,
    onEvent: (record: StoredRecord) => Promise<void> | void,
    options: SubscribeOptions = {},
  ): LedgerSubscription {
    this.assertOpen();
    let last = afterPosition;
    fromLedgerPosition(last); // validates
    let stopped = false;
    let current: { unsubscribe(): Promise<void> } | null = null;
    let wake: (() => void) | null = null;

    const run = async (): Promise<void> => {
      let delay = 250;
      while (!stopped) {
        const subscription = this.client.subscribeToAll({
          fromPosition: last > 0 ? fromLedgerPosition(last) : START,
          // The server filters out $-typed events; $-streams and other applications' events are dropped below.
          filter: excludeSystemEvents(),
        });
        current = subscription;
        try {
          for await (const resolved of subscription) {
            if (stopped) break;
            const event = resolved.event;
            if (!event || isSystemEvent(event)) continue;
            try {
              const record = toStoredRecord(event);
              if (!record || record.position <= last) continue;
              await onEvent(record);
              last = record.position;
            } catch (error: unknown) {
              // A damaged event or a failing handler would fail again on resubscribing: stop rather than spin.
              stopped = true;
              options.onError?.(error);
              break;
            }
            delay = 250;
          }
        } catch (error: unknown) {
          if (stopped) break;
          options.onError?.(translateClientError(error, this.description, 'following $all'));
        } finally {
          await subscription.unsubscribe().catch(() => undefined);
        }
        if (stopped) break;
        // The server ended the subscription or the connection dropped: resubscribe after the last delivered event.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        delay = Math.min(delay * 2, 10_000);
      }
    };

    const running = run().catch((error: unknown) => options.onError?.(error));
    const handle: LedgerSubscription = {
      close: async () => {
        stopped = true;
        wake?.();
        await current?.unsubscribe().catch(() => undefined);
        await running;
        this.subscriptions.delete(handle);
      },
    };
    this.subscriptions.add(handle);
    return handle;
  }

  // -------------------------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError(`the EventStoreDB store ${this.description} is closed`);
  }
}

function checkStreamName(stream: string): void {
  if (stream.length === 0) throw new RangeError('stream name must not be empty');
  // $-streams are the server's own; readAll leaves them out, so ledger events there would vanish from the log.
  if (stream.startsWith('$')) throw new RangeError(`stream name ${stream} is reserved for EventStoreDB system streams`);
}

function prepare(events: EventToAppend[]): PreparedEvent[] {
  const seen = new Set<string>();
  return events.map((event) => {
    const uuid = ulidToUuid(event.id);
    if (seen.has(uuid)) throw new DuplicateEventError(event.id, 'appears twice in the batch');
    seen.add(uuid);
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1)
      throw new RangeError(`event ${event.id}: schemaVersion must be a positive integer`);
    return {
      source: event,
      uuid,
      data: jsonCopy(event.data, `event ${event.id} data`),
      metadata: jsonCopy(event.metadata, `event ${event.id} metadata`),
    };
  });
}

/** $all reads always carry the log position; a missing one would make paging loop, so it is an error. */
function positionOf(event: EsdbRecordedEvent): Position {
  if (!event.position)
    throw new UnsupportedPositionError(`event ${event.streamId}@${event.revision} was read from $all without a log position`);
  return event.position;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function addToIndex(index: StreamIndex, uuid: string, revision: number): void {
  index.ids.set(uuid, revision);
  if (revision > index.revision) {
    index.revision = revision;
    index.lastUuid = uuid;
  }
}

function isStreamNotFound(error: unknown): boolean {
  return (
    error instanceof StreamNotFoundError || (error instanceof Error && (error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND)
  );
}

function isStreamDeleted(error: unknown): boolean {
  return error instanceof Error && (error as { type?: unknown }).type === ErrorType.STREAM_DELETED;
}
