import type Database from 'better-sqlite3';

/**
 * Where the SQLite store finds the stream a command was recorded in by its idempotency
 * key, so a key reused for another stream is recognised. An index over the key in every
 * event's metadata costs a page of its own in every commit (one more WAL frame to write
 * and sync than the event's row and its two unique indexes); so the keys are kept in a
 * table of their own that is written in batches, and the log's tail after the table's
 * last batch is read for its keys:
 *
 * - `idempotency_keys` holds key → stream for every event up to the position
 *   `idempotency_keys_through` names (written by the batch that got there);
 * - the keys of the events after it are kept in memory, from this process's own appends
 *   and from the log (another process's events are read when it has written since).
 *
 * A lookup is exact either way: the table up to its position, the log after it. A batch
 * is written at the start of a write transaction once enough keys are waiting, so it
 * commits with that transaction or not at all. Files written before the table was kept
 * get it on open where they can be written (filled from their events, the old index
 * dropped); a read-only old file is looked up through its old index.
 */

/** The keys table: one row per command, the stream its events are in. */
const KEYS_TABLE = 'CREATE TABLE IF NOT EXISTS idempotency_keys (key TEXT PRIMARY KEY, stream TEXT NOT NULL) WITHOUT ROWID';
/** The position up to which the keys table holds every event's key: one row. */
const KEYS_THROUGH_TABLE =
  'CREATE TABLE IF NOT EXISTS idempotency_keys_through (only INTEGER PRIMARY KEY CHECK (only = 1), position INTEGER NOT NULL)';
/** The index over the key in event metadata that files written before the keys table have. */
const OLD_KEY_INDEX = 'events_by_idempotency_key';

/** Keys waiting in memory before a batch writes them to the table. */
const BATCH = 1024;

const hasTable = (db: Database.Database, name: string) =>
  db.prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name = ?").get(name) !==
  undefined;

/**
 * Brings a file up to the keys table: creates it (a new file), or fills it from the events
 * and drops the old metadata index (a file written before it). Returns false for a
 * read-only file without the table: it is looked up through its old index.
 */
export function prepareKeysTable(db: Database.Database): boolean {
  const missing = !hasTable(db, 'idempotency_keys');
  if (!missing && !hasTable(db, OLD_KEY_INDEX)) return true;
  try {
    db.transaction(() => {
      if (missing) {
        db.exec(`${KEYS_TABLE}; ${KEYS_THROUGH_TABLE}`);
        fillKeysTable(db);
      }
      // An older version that opened the file since may have made its index again.
      db.exec(`DROP INDEX IF EXISTS ${OLD_KEY_INDEX}`);
    }).immediate();
    return true;
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) return !missing;
    throw error;
  }
}

/** Writes the keys of every event after the table's position to it, in key order, and moves its position to the log's head. */
function fillKeysTable(db: Database.Database): void {
  const through = db.prepare<[], { position: number }>('SELECT position FROM idempotency_keys_through WHERE only = 1').get()?.position ?? 0;
  db.prepare(
    `INSERT OR IGNORE INTO idempotency_keys (key, stream)
     SELECT json_extract(metadata, '$.idempotencyKey') AS key, stream FROM events
     WHERE position > ? AND key IS NOT NULL ORDER BY key`,
  ).run(through);
  const head = db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events').get()?.position ?? 0;
  db.prepare('INSERT OR REPLACE INTO idempotency_keys_through (only, position) VALUES (1, ?)').run(head);
}

/** Where the in-memory keys stood at a moment, so a rolled-back transaction can put them back. */
export interface KeysMark {
  readonly coveredTo: number;
  readonly added: number;
  /** Counts the times the keys in memory were dropped and read again: a mark from before that is void. */
  readonly epoch: number;
}

/** The keys of the SQLite store: the table, and the keys of the events after its position. */
export class IdempotencyKeys {
  /** key → stream, for the events after the table's position up to `coveredTo`. */
  private readonly tail = new Map<string, string>();
  /** The keys added to `tail`, in order (a rollback removes the last ones). */
  private added: string[] = [];
  /** `tail` holds the key of every event in (table position, coveredTo]; -1: not read yet. */
  private coveredTo = -1;
  private epoch = 0;
  private readonly statements;

  /** `table`: whether the file has the keys table (false: a read-only file of an older version). */
  constructor(
    private readonly db: Database.Database,
    private readonly table: boolean,
  ) {
    this.statements = table
      ? {
          byKey: db.prepare<[string], { stream: string }>('SELECT stream FROM idempotency_keys WHERE key = ?'),
          through: db.prepare<[], { position: number }>('SELECT position FROM idempotency_keys_through WHERE only = 1'),
          after: db
            .prepare<[number], [string, string | null]>(
              "SELECT stream, json_extract(metadata, '$.idempotencyKey') FROM events WHERE position > ? ORDER BY position",
            )
            .raw(true),
          insert: db.prepare<[string, string]>('INSERT OR IGNORE INTO idempotency_keys (key, stream) VALUES (?, ?)'),
          moveThrough: db.prepare<[number]>('INSERT OR REPLACE INTO idempotency_keys_through (only, position) VALUES (1, ?)'),
        }
      : null;
  }

  /** The stream of the command recorded under `key`, or null; `head` is the log's last position now. */
  streamOf(key: string, head: number): string | null {
    const statements = this.statements;
    if (!statements)
      return (
        this.db
          .prepare<[string], { stream: string }>("SELECT stream FROM events WHERE json_extract(metadata, '$.idempotencyKey') = ? LIMIT 1")
          .get(key)?.stream ?? null
      );
    this.catchUp(head);
    return this.tail.get(key) ?? statements.byKey.get(key)?.stream ?? null;
  }

  /** Reads the keys of the events written since (by another process, or before this one started). */
  private catchUp(head: number): void {
    const statements = this.statements!;
    if (this.coveredTo < 0 || head < this.coveredTo) {
      this.forget();
      this.coveredTo = statements.through.get()?.position ?? 0;
    }
    if (head <= this.coveredTo) return;
    for (const [stream, key] of statements.after.iterate(this.coveredTo)) if (key !== null) this.add(key, stream);
    this.coveredTo = head;
  }

  private add(key: string, stream: string): void {
    if (this.tail.has(key)) return;
    this.tail.set(key, stream);
    this.added.push(key);
  }

  /** This process appended the event at `position`: its key is known without reading it back. */
  appended(position: number, stream: string, key: unknown): void {
    if (position !== this.coveredTo + 1 || this.coveredTo < 0) return;
    if (typeof key === 'string') this.add(key, stream);
    this.coveredTo = position;
  }

  mark(): KeysMark {
    return { coveredTo: this.coveredTo, added: this.added.length, epoch: this.epoch };
  }

  /** Puts the keys back where they stood at `mark` (what was appended since was rolled back). */
  rollBack(mark: KeysMark): void {
    if (mark.epoch !== this.epoch) return this.forget();
    for (let index = this.added.length - 1; index >= mark.added; index--) this.tail.delete(this.added[index]!);
    this.added.length = mark.added;
    this.coveredTo = mark.coveredTo;
  }

  /** Drops the keys in memory: they are read again from the table's position when next needed. */
  private forget(): void {
    this.tail.clear();
    this.added = [];
    this.coveredTo = -1;
    this.epoch += 1;
  }

  /**
   * At the start of a write transaction: catches the keys in memory up with the log, and
   * when enough wait there, writes them to the table and moves its position to `head`. Returns what to forget once the
   * transaction commits (null: nothing written).
   */
  writeBatchIfDue(head: number): KeysMark | null {
    const statements = this.statements;
    if (!statements) return null;
    // Followed from here on: every append of this transaction adds its key without a read.
    this.catchUp(head);
    if (this.added.length < BATCH) return null;
    for (const key of this.added) statements.insert.run(key, this.tail.get(key)!);
    statements.moveThrough.run(this.coveredTo);
    return this.mark();
  }

  /** The batch of `written` committed: its keys are in the table now. */
  batchCommitted(written: KeysMark): void {
    if (written.epoch !== this.epoch) return;
    for (const key of this.added.slice(0, written.added)) this.tail.delete(key);
    this.added = this.added.slice(written.added);
    this.epoch += 1;
  }

  /** A bulk load wrote rows without telling: the table is filled up to the head, and the tail read again when next needed. */
  bulkLoaded(): void {
    if (!this.statements) return;
    fillKeysTable(this.db);
    this.forget();
  }
}

/**
 * What is wrong with the keys table against the log (for verify): an event up to the
 * table's position whose key the table has not, or has for another stream; keys the log
 * does not hold; a position beyond the log.
 */
export function keysTableProblems(db: Database.Database): string[] {
  if (!hasTable(db, 'idempotency_keys')) return [];
  const through = db.prepare<[], { position: number }>('SELECT position FROM idempotency_keys_through WHERE only = 1').get()?.position ?? 0;
  const head = db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events').get()?.position ?? 0;
  const problems: string[] = [];
  if (through > head) problems.push(`the idempotency keys are kept up to position ${through}, beyond the log's last event (${head})`);
  const wrong = db
    .prepare<[number], { position: number }>(
      `SELECT e.position FROM events e LEFT JOIN idempotency_keys k ON k.key = json_extract(e.metadata, '$.idempotencyKey')
       WHERE e.position <= ? AND (k.stream IS NULL OR k.stream != e.stream) ORDER BY e.position LIMIT 10`,
    )
    .all(through);
  for (const { position } of wrong) problems.push(`the idempotency key of the event at position ${position} is not kept for its stream`);
  const kept = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM idempotency_keys').get()!.count;
  const inLog = db
    .prepare<[number], { count: number }>(
      "SELECT count(DISTINCT json_extract(metadata, '$.idempotencyKey')) AS count FROM events WHERE position <= ?",
    )
    .get(through)!.count;
  if (kept !== inLog) problems.push(`the idempotency keys kept (${kept}) are not the keys of the log up to position ${through} (${inLog})`);
  return problems;
}
