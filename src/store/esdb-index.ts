import { ConcurrencyError, DuplicateEventError } from './errors.js';
import { idempotencyKeyOf, satisfiesExpected, type LedgerRecord, type PlannedEvent } from './esdb-mapping.js';
import { chainHash } from './hash-chain.js';
import { GENESIS_HASH } from '../../events/envelope.js';
import { EMPTY_LOG_HEAD, logChainHash } from './log-chain.js';
import { IntColumn, KeyTable, type KeyTableParts } from './esdb-index-table.js';
import type { AppendOptions, AppendResult, StreamAppend } from './port.js';

/** What an index snapshot holds (`esdb-index-snapshot.ts` writes and reads it). */
export interface IndexSnapshot {
  head: number;
  logHash: string;
  /** Each logical stream's name and chain head, by stream number. */
  streams: [string, string][];
  /** Position − 1 → stream number, and → revision in that stream. */
  streamAt: Int32Array;
  revisionAt: Int32Array;
  /** Event ids → position, and idempotency keys → stream number. */
  ids: KeyTableParts;
  keys: KeyTableParts;
}

/**
 * What the EventStoreDB store knows of the ledger stream, built by following it from the
 * start and kept caught up before every answer: the positions of each logical stream and
 * the head of its hash chain, where each event id is, which logical stream each
 * idempotency key was recorded in, and the head of the log chain. Event content is not
 * kept: a read of a logical stream reads its positions from the server.
 */
export class LedgerIndex {
  /** The last position indexed; 0 for an empty ledger. */
  head = 0;
  /** The log chain's link at `head`. */
  logHash = EMPTY_LOG_HEAD.hash;
  /** Logical streams by number (the order they first appear in), and their numbers. */
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** Per stream number: the positions of its events and the head of its hash chain. */
  private readonly streams: { positions: number[]; hash: string }[] = [];
  /** Position − 1 → stream number and revision, for the duplicate rule. */
  private readonly streamAt: IntColumn;
  private readonly revisionAt: IntColumn;
  /** Event id (ULID) → position. */
  private readonly ids: KeyTable;
  /** Idempotency key → the number of the logical stream its command was recorded in. */
  private readonly keys: KeyTable;
  /** Append ids of recent appends: how a retried append recognises its own events. */
  private readonly recentAppends = new Set<string>();

  constructor(snapshot?: IndexSnapshot) {
    this.streamAt = new IntColumn(snapshot?.streamAt, snapshot?.streamAt.length);
    this.revisionAt = new IntColumn(snapshot?.revisionAt, snapshot?.revisionAt.length);
    this.ids = new KeyTable(snapshot?.ids);
    this.keys = new KeyTable(snapshot?.keys);
    if (!snapshot) return;
    snapshot.streams.forEach(([name, hash], number) => {
      this.names.push(name);
      this.numbers.set(name, number);
      this.streams.push({ positions: [], hash });
    });
    for (let index = 0; index < snapshot.head; index++) this.streams[this.streamAt.at(index)]!.positions.push(index + 1);
    this.head = snapshot.head;
    this.logHash = snapshot.logHash;
  }

  /** What a snapshot keeps of the index: views of its columns as they are now (later events leave them unchanged). */
  snapshot(): IndexSnapshot {
    return {
      head: this.head,
      logHash: this.logHash,
      streams: this.streams.map((stream, number) => [this.names[number]!, stream.hash]),
      streamAt: this.streamAt.view(),
      revisionAt: this.revisionAt.view(),
      ids: this.ids.parts(),
      keys: this.keys.parts(),
    };
  }

  /** Adds the next event of the ledger stream; its position must follow the head. */
  add(record: LedgerRecord): void {
    if (record.position !== this.head + 1)
      throw new RangeError(`the ledger index is at position ${this.head}; position ${record.position} does not follow it`);
    let number = this.numbers.get(record.stream);
    if (number === undefined) {
      number = this.names.length;
      this.names.push(record.stream);
      this.numbers.set(record.stream, number);
      this.streams.push({ positions: [], hash: GENESIS_HASH });
    }
    const stream = this.streams[number]!;
    stream.positions.push(record.position);
    stream.hash = record.hash;
    this.ids.add(record.id, record.position);
    this.streamAt.push(number);
    this.revisionAt.push(record.revision);
    const key = idempotencyKeyOf(record.metadata);
    if (key !== null) this.keys.add(key, number);
    this.rememberAppend(record.appendId);
    this.head = record.position;
    this.logHash = record.logHash;
  }

  private rememberAppend(appendId: string): void {
    if (this.recentAppends.has(appendId)) return;
    this.recentAppends.add(appendId);
    // Only a retry of an append moments ago looks for its id; ten thousand appends is ample.
    if (this.recentAppends.size > 10_000) this.recentAppends.delete(this.recentAppends.values().next().value!);
  }

  private streamNamed(name: string): { positions: number[]; hash: string } | undefined {
    const number = this.numbers.get(name);
    return number === undefined ? undefined : this.streams[number];
  }

  revisionOf(stream: string): number | null {
    const known = this.streamNamed(stream);
    return known ? known.positions.length - 1 : null;
  }

  /** The positions of a logical stream's events from a revision on. */
  positionsOf(stream: string, fromRevision = 0): number[] {
    return this.streamNamed(stream)?.positions.slice(fromRevision) ?? [];
  }

  streamOfKey(key: string): string | null {
    const number = this.keys.get(key);
    return number === undefined ? null : this.names[number]!;
  }

  get streamCount(): number {
    return this.streams.length;
  }

  /**
   * Plans an append of several parts at the head of the ledger: the events to write,
   * chained, with their positions, and each part's result. Parts whose ids are all stored
   * already are answered from the index (the same rule as the SQLite store); then the log
   * must still end at `expectedLogPosition`, and each remaining part's stream at its
   * expected revision (counting the parts before it). Throws DuplicateEventError or
   * ConcurrencyError; writes nothing.
   */
  plan(parts: readonly StreamAppend[], options: AppendOptions, appendId: string): AppendPlan {
    const stored = parts.map((part) => this.alreadyStored(part, appendId));
    const writes: PlannedEvent[] = [];
    const results: AppendResult[] = [];
    if (stored.every((result): result is AppendResult => result !== null)) return { writes, results: stored, firstPosition: this.head + 1 };
    if (options.expectedLogPosition !== undefined && options.expectedLogPosition !== this.head)
      throw ConcurrencyError.ofLog(options.expectedLogPosition, this.head);
    const heads = new Map<string, { revision: number | null; hash: string }>();
    let logHash = this.logHash;
    for (const [index, part] of parts.entries()) {
      const already = stored[index];
      if (already) {
        results.push(already);
        continue;
      }
      const head = heads.get(part.stream) ?? {
        revision: this.revisionOf(part.stream),
        hash: this.streamNamed(part.stream)?.hash ?? GENESIS_HASH,
      };
      if (!satisfiesExpected(part.expected, head.revision)) throw new ConcurrencyError(part.stream, part.expected, head.revision);
      const positions: number[] = [];
      const hashes: string[] = [];
      let { revision, hash } = head;
      for (const event of part.events) {
        revision = (revision ?? -1) + 1;
        const position = this.head + writes.length + 1;
        const eventHash = chainHash(hash, { stream: part.stream, revision, ...event });
        logHash = logChainHash(logHash, position, eventHash);
        writes.push({ event, stream: part.stream, revision, position, hash: eventHash, previousHash: hash, logHash });
        positions.push(position);
        hashes.push(eventHash);
        hash = eventHash;
      }
      heads.set(part.stream, { revision, hash });
      results.push({ nextRevision: revision!, positions, hashes, alreadyStored: false });
    }
    return { writes, results, firstPosition: this.head + 1 };
  }

  /** The result of a part whose ids are all stored, in order, in its stream; null when none is; DuplicateEventError otherwise. */
  private alreadyStored(part: StreamAppend, appendId: string): AppendResult | null {
    const positions = part.events.map((event) => this.ids.get(event.id));
    if (positions.every((position) => position === undefined)) return null;
    const firstStored = part.events[positions.findIndex((position) => position !== undefined)]!.id;
    if (positions.some((position) => position === undefined))
      throw new DuplicateEventError(firstStored, 'is already stored, but the rest of the batch is not: a retry must send the same batch');
    const found = positions as number[];
    found.forEach((position, index) => {
      const stream = this.names[this.streamAt.at(position - 1)]!;
      const id = part.events[index]!.id;
      if (stream !== part.stream) throw new DuplicateEventError(id, `is already stored in another stream (${stream})`);
      if (index > 0 && this.revisionAt.at(position - 1) !== this.revisionAt.at(found[index - 1]! - 1) + 1)
        throw new DuplicateEventError(id, 'is already stored out of the batch order');
    });
    return {
      nextRevision: this.revisionOf(part.stream)!,
      positions: found,
      hashes: [],
      // Stored by this very call when an earlier attempt of it reached the server after all.
      alreadyStored: !this.recentAppends.has(appendId),
    };
  }

  /** Fills in the hashes of an already-stored result from the records read at its positions. */
  static withHashes(result: AppendResult, records: ReadonlyMap<number, LedgerRecord>): AppendResult {
    if (result.hashes.length === result.positions.length) return result;
    return { ...result, hashes: result.positions.map((position) => records.get(position)!.hash) };
  }
}

export interface AppendPlan {
  writes: PlannedEvent[];
  results: AppendResult[];
  /** The position the first write takes: the ledger stream is appended to at revision `firstPosition − 2`. */
  firstPosition: number;
}
