import type Database from 'better-sqlite3';
import type { StoredRecord } from '../../events/catalogue.js';
import { ConcurrencyError } from './errors.js';
import { chainHash, type ChainedContent } from './hash-chain.js';
import { GENESIS_HASH } from '../../events/envelope.js';
import { EMPTY_LOG_HEAD, logChainHash, type LogChainHead } from './log-chain.js';
import type {
  AppendOptions,
  AppendResult,
  ChainedRecord,
  EventStore,
  FileCopy,
  ImportWrite,
  OneWriteImport,
  ProjectionRows,
  StreamAppend,
  SynchronousLog,
  EventToAppend,
  ExpectedRevision,
  IntegrityReport,
  LogChain,
  ReadAllOptions,
  ReadStreamOptions,
  StoreCapabilities,
} from './port.js';
import { alreadyStored, checkExpected } from './sqlite-appends.js';
import { IdempotencyKeys, prepareKeysTable, type KeysMark } from './sqlite-keys.js';
import { addLogChainColumn, fillLogChain, hasLogChainColumn, verifySqliteFile } from './sqlite-log-chain.js';
import { projectionRows, type ProjectionRowOf } from './sqlite-reads.js';
import { markStoreFormat, openEventsFile, openEventsFileReadOnly, toRecord, type EventRow } from './sqlite-schema.js';

const READ_BATCH = 2000;

/**
 * The embedded default store: one SQLite file (or `:memory:`), WAL journal with
 * `synchronous = FULL`, so an append is on disk before it is acknowledged.
 * Global positions come from an AUTOINCREMENT key, so they are never reused and a
 * removed event leaves a gap that `verifyIntegrity` finds.
 */
export class SqliteEventStore implements EventStore, SynchronousLog, LogChain, OneWriteImport, ProjectionRows, FileCopy {
  readonly description: string;
  /** The log chain is kept, except in an old file opened read-only (its chain cannot be filled in). */
  readonly capabilities: StoreCapabilities & { readonly logChain: true };
  private readonly db: Database.Database;
  private readonly runInTransaction: Database.Transaction<(work: () => unknown) => unknown>;
  private readonly statements;
  private readonly keys: IdempotencyKeys;
  /**
   * The log's last event and the highest position ever used, as this connection last saw
   * them: kept from one transaction to the next while no other connection has committed
   * (SQLite's `data_version` says when one has), so an append reads neither again.
   */
  private tail: { position: number; logHash: string | null; sequence: number } | null = null;
  private dataVersion = -1;
  /** Set while a bulk load writes: its rows' keys are put in the keys table at its end, not kept in memory. */
  private bulk = false;

  /**
   * @param options.readOnly open an existing file without changing anything in it (no
   * table created, no log chain filled in, no store format marked); every write fails.
   */
  constructor(
    readonly path: string,
    options: { readOnly?: boolean } = {},
  ) {
    this.description = `sqlite:${path}`;
    const readOnly = options.readOnly === true && path !== ':memory:';
    this.db = readOnly ? openEventsFileReadOnly(path) : openEventsFile(path);
    const chained = readOnly ? hasLogChainColumn(this.db) : addLogChainColumn(this.db);
    if (!readOnly) markStoreFormat(this.db);
    // The declared type says what a writable store offers; a read-only old file says no at run time.
    this.capabilities = {
      synchronousLog: true,
      idempotencyKeyIndex: true,
      logChain: chained,
      oneWriteImport: true,
      projectionRows: true,
      fileCopy: path !== ':memory:',
    } as StoreCapabilities & { readonly logChain: true };
    this.keys = new IdempotencyKeys(this.db, prepareKeysTable(this.db));
    this.runInTransaction = this.db.transaction((work: () => unknown) => work());
    this.statements = {
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
      // A stream's head is its last event, found through the (stream, revision) index.
      streamHead: this.db.prepare<[string], { revision: number; head_hash: string }>(
        'SELECT revision, hash AS head_hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
      ),
      eventById: this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
      // A file without the log chain's column (read-only, written before it) cannot be appended to: the insert fails then.
      insertEvent: chained
        ? this.db.prepare(
            `INSERT INTO events (position, id, stream, revision, type, schema_version, data, metadata, previous_hash, hash, log_hash)
         VALUES (@position, @id, @stream, @revision, @type, @schema_version, @data, @metadata, @previous_hash, @hash, @log_hash)`,
          )
        : null,
      lastLink: this.db.prepare<[], { position: number; log_hash: string | null }>(
        `SELECT position, ${chained ? 'log_hash' : 'NULL AS log_hash'} FROM events ORDER BY position DESC LIMIT 1`,
      ),
      sequence: this.db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
      readStream: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      readAll: this.db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      headPosition: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };
  }

  async append(stream: string, events: EventToAppend[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    return this.transaction(() => {
      this.checkLogPosition(options);
      return this.appendSync(stream, events, expected);
    });
  }

  async appendMany(parts: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult[]> {
    return this.transaction(() => {
      this.checkLogPosition(options);
      return parts.map((part) => this.appendSync(part.stream, part.events, part.expected));
    });
  }

  private checkLogPosition(options: AppendOptions): void {
    if (options.expectedLogPosition === undefined) return;
    const head = this.headPositionNow();
    if (head !== options.expectedLogPosition) throw ConcurrencyError.ofLog(options.expectedLogPosition, head);
  }

  /**
   * The synchronous core of `append`, also used by the command handler inside its own
   * transaction (then it opens none of its own); an import goes through `importInOneWrite`.
   */
  appendSync(stream: string, events: EventToAppend[], expected: ExpectedRevision, options: { freshIds?: boolean } = {}): AppendResult {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const work = (): AppendResult => {
      // Ids the caller has just generated cannot be stored yet: no lookup for a repeat.
      const existing = options.freshIds ? null : this.findAlreadyStored(stream, events);
      if (existing) return existing;
      const head = this.statements.streamHead.get(stream);
      const actual = head ? head.revision : null;
      checkExpected(stream, expected, actual);
      let revision = actual === null ? -1 : actual;
      let previousHash = head ? head.head_hash : GENESIS_HASH;
      const positions: number[] = [];
      const hashes: string[] = [];
      for (const event of events) {
        revision += 1;
        const hash = chainHash(previousHash, { stream, revision, ...event });
        positions.push(this.insertRow({ ...event, stream, revision, previousHash, hash }));
        hashes.push(hash);
        previousHash = hash;
      }
      return { nextRevision: revision, positions, hashes, alreadyStored: false };
    };
    return this.db.inTransaction ? work() : this.transaction(work);
  }

  /**
   * One row of the events table; its global position. The position is the one
   * AUTOINCREMENT would give (one past the highest ever used), chosen here so that the
   * row's link in the log chain, which covers it, is written with the row.
   */
  private insertRow(event: ChainedContent & { previousHash: string; hash: string }): number {
    if (!this.statements.insertEvent) throw new Error(`${this.description} is opened read-only`);
    const last = this.tailNow();
    const position = Math.max(last.position, last.sequence) + 1;
    const logHash = logChainHash(last.logHash ?? EMPTY_LOG_HEAD.hash, position, event.hash);
    this.statements.insertEvent.run({
      position,
      id: event.id,
      stream: event.stream,
      revision: event.revision,
      type: event.type,
      schema_version: event.schemaVersion,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
      previous_hash: event.previousHash,
      hash: event.hash,
      log_hash: logHash,
    });
    this.tail = { position, logHash, sequence: position };
    if (!this.bulk) this.keys.appended(position, event.stream, (event.metadata as { idempotencyKey?: unknown }).idempotencyKey);
    return position;
  }

  /**
   * The log's last event (position and link) and the highest position ever used, inside a
   * write transaction (read again only after another connection committed: see
   * `transaction`). Links the events an older version appended without a link first.
   */
  private tailNow(): { position: number; logHash: string | null; sequence: number } {
    if (this.tail) return this.tail;
    let last = this.statements.lastLink.get();
    if (last && last.log_hash === null) {
      // Appended by a version that kept no log chain: link those events first.
      fillLogChain(this.db);
      last = this.statements.lastLink.get();
    }
    const sequence = this.statements.sequence.get()?.seq ?? 0;
    this.tail = { position: last?.position ?? 0, logHash: last?.log_hash ?? null, sequence };
    return this.tail;
  }

  /**
   * Runs work in one write transaction (BEGIN IMMEDIATE), all or nothing: bulk import,
   * and the command handler's catch-up, rules and append. Inside a transaction it
   * nests as a savepoint, so one part can fail and roll back alone.
   */
  transaction<T>(work: () => T): T {
    const outermost = !this.db.inTransaction;
    const keys = this.keys.mark();
    const tail = this.tail;
    let batch: KeysMark | null = null;
    try {
      const result = (this.runInTransaction.immediate as (work: () => T) => T)(() => {
        if (outermost) {
          // Holding the write lock now: only another connection's commit since the last one can have moved the log.
          const version = this.statements.dataVersion.get()!;
          if (version !== this.dataVersion) this.tail = null;
          this.dataVersion = version;
          // A batch of idempotency keys waiting in memory commits with this transaction, or not at all.
          batch = this.keys.writeBatchIfDue(this.headPositionNow());
        }
        return work();
      });
      if (batch) this.keys.batchCommitted(batch);
      return result;
    } catch (error: unknown) {
      // Rolled back: what this connection knows of the log goes back to where it stood (read again after the whole).
      this.keys.rollBack(keys);
      this.tail = outermost ? null : tail;
      throw error;
    }
  }

  /**
   * An import in one write transaction, all or nothing. Each event is written as it comes,
   * with its own id, revision and hashes: the importer has checked them and its schema
   * (src/app/transfer.ts); duplicate ids and revisions are still refused by the table's
   * unique indexes. The idempotency keys of its rows are put in the keys table at the end,
   * from sorted keys, instead of a million random inserts one row at a time.
   */
  importInOneWrite<T>(work: (target: ImportWrite) => T): T {
    return this.transaction(() => {
      this.bulk = true;
      try {
        const result = work({ empty: this.headPositionNow() === 0, write: (event) => this.insertRow(event) });
        this.keys.bulkLoaded();
        return result;
      } finally {
        this.bulk = false;
      }
    });
  }

  /** Whether a transaction is open (SQLite ends one by itself on some errors, such as a full disk). */
  inTransaction(): boolean {
    return this.db.inTransaction;
  }

  private findAlreadyStored(stream: string, events: EventToAppend[]): AppendResult | null {
    const rows = events.map((event) => this.statements.eventById.get(event.id));
    return rows.every((row) => row === undefined) ? null : alreadyStored(stream, rows, this.statements.streamHead.get(stream));
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredRecord> {
    yield* this.readStreamSync(stream, options);
  }

  /** Synchronous stream read, for the command handler's catch-up (no await between read and decision). */
  *readStreamSync(stream: string, options: ReadStreamOptions = {}): Iterable<StoredRecord> {
    let next = options.fromRevision ?? 0;
    for (;;) {
      const rows = this.statements.readStream.all(stream, next, READ_BATCH);
      for (const row of rows) yield toRecord(row);
      if (rows.length < READ_BATCH) return;
      next = rows[rows.length - 1]!.revision + 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredRecord> {
    yield* this.readAllSync(options);
  }

  /** Synchronous global read, for rebuilds where an await per event costs too much. */
  *readAllSync(options: ReadAllOptions = {}): Iterable<StoredRecord> {
    let after = options.afterPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = this.statements.readAll.all(after, Math.min(READ_BATCH, remaining));
      for (const row of rows) yield toRecord(row);
      if (rows.length === 0) return;
      remaining -= rows.length;
      after = rows[rows.length - 1]!.position;
      if (rows.length < READ_BATCH) return;
    }
  }

  private readonly positionStatements = new Map<number, Database.Statement<number[], EventRow>>();

  /** A prepared `IN (…)` lookup for this many positions, kept for the next read. */
  private positionsStatement(count: number): Database.Statement<number[], EventRow> {
    let statement = this.positionStatements.get(count);
    if (!statement) {
      statement = this.db.prepare<number[], EventRow>(
        `SELECT * FROM events WHERE position IN (${Array(count).fill('?').join(',')}) ORDER BY position`,
      );
      this.positionStatements.set(count, statement);
    }
    return statement;
  }

  async readPositions(positions: number[]): Promise<StoredRecord[]> {
    const records: StoredRecord[] = [];
    const sorted = [...new Set(positions)].sort((a, b) => a - b);
    for (let start = 0; start < sorted.length; start += 500) {
      const chunk = sorted.slice(start, start + 500);
      for (const row of this.positionsStatement(chunk.length).all(...chunk)) records.push(toRecord(row));
    }
    return records;
  }

  async streamRevision(stream: string): Promise<number | null> {
    return this.statements.streamHead.get(stream)?.revision ?? null;
  }

  async headPosition(): Promise<number> {
    return this.headPositionNow();
  }

  /**
   * The stream of the command recorded under an idempotency key, if any (an index over
   * the key in event metadata), so a key reused for a command on another stream is
   * recognised too.
   */
  streamOfIdempotencyKeySync(key: string): string | null {
    return this.keys.streamOf(key, this.headPositionNow());
  }

  async streamOfIdempotencyKey(key: string): Promise<string | null> {
    return this.streamOfIdempotencyKeySync(key);
  }

  /** The log's last position, read synchronously: cheap enough to ask before every catch-up (in a write transaction, known without a read). */
  headPositionNow(): number {
    if (this.db.inTransaction) return this.tailNow().position;
    return this.statements.headPosition.get()?.position ?? 0;
  }

  /** Every stream's hash chain, the log chain, the positions and the file itself (src/store/sqlite-log-chain.ts). */
  async verifyIntegrity(): Promise<IntegrityReport> {
    return verifySqliteFile(this.db);
  }

  async logHead(): Promise<LogChainHead> {
    const last = this.statements.lastLink.get();
    if (!last) return EMPTY_LOG_HEAD;
    if (last.log_hash === null) throw new Error(`${this.description} is read-only and was written before the log chain: it has none`);
    return { position: last.position, hash: last.log_hash };
  }

  async *readChained(options: ReadAllOptions = {}): AsyncIterable<ChainedRecord> {
    let after = options.afterPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = this.statements.readAll.all(after, Math.min(READ_BATCH, remaining));
      for (const row of rows) yield { ...toRecord(row), logHash: row.log_hash ?? '' };
      if (rows.length < READ_BATCH) return;
      remaining -= rows.length;
      after = rows[rows.length - 1]!.position;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * A consistent copy of the file at `destination` through SQLite's online backup API,
   * while others go on writing: the copy is made in one step (one read transaction), so
   * it holds exactly the transactions committed before that step began. Writers are not
   * held up (WAL); one that commits between the first, empty step and the copying one
   * only makes SQLite start the copy over.
   */
  async copyTo(destination: string): Promise<void> {
    await this.db.backup(destination, { progress: () => 0x7fffffff });
  }

  /** The lean read of a projection rebuild (see `projectionRows`). */
  readProjectionRowsSync(afterPosition: number, metadataOf: readonly string[]): Iterable<ProjectionRowOf[]> {
    return projectionRows(this.db, afterPosition, metadataOf);
  }
}
