import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoredRecord } from '../../events/catalogue.js';

/**
 * The SQLite store's file: its events table, how a file is opened (durably) and
 * brought up to that table, and how a row of it becomes a stored record. What is
 * written and read, and in which transaction, is sqlite-store.ts's.
 */

/** A row of the events table (`EVENTS_TABLE`). */
export interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  previous_hash: string;
  hash: string;
  /** The event's link in the log chain; null only in a file written before the chain, until it is filled on open. */
  log_hash: string | null;
}

/** The events table; the benchmark's raw floor uses the same definition. */
export const EVENTS_TABLE = `CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  log_hash TEXT NOT NULL,
  UNIQUE (stream, revision)
)`;

/**
 * The layout of the store file, kept in SQLite's `user_version`: 0 for files written
 * before it was kept, 1 for the events table with its log chain (every row linked) and
 * per-type event schema versions. A release opens a file of its own format or older and
 * marks it with its own once brought up to it; a file of a newer format — written by a
 * newer release — is refused, not misread. Bump it (and say what changed here) whenever
 * the table changes in a way an older release would misread.
 */
export const STORE_FORMAT = 1;

/** A store written by a newer release than this one. Nothing was changed. */
export class StoreFormatError extends Error {
  readonly code = 'store-format-newer';
  constructor(
    readonly path: string,
    readonly format: number,
  ) {
    super(
      `${path} er skrevet av en nyere utgave av ledger (lagringsformat ${format}); denne utgaven leser lagringsformat ${STORE_FORMAT} og eldre. Oppgrader ledger før lagringen åpnes (docs/operations.md#upgrading).`,
    );
    this.name = 'StoreFormatError';
  }
}

/** The file's store format; refused when it is newer than this release's. */
function storeFormatOf(db: Database.Database, path: string): number {
  const format = db.pragma('user_version', { simple: true }) as number;
  if (format > STORE_FORMAT) {
    db.close();
    throw new StoreFormatError(path, format);
  }
  return format;
}

/** Marks a file brought up to this release's layout with its store format. */
export function markStoreFormat(db: Database.Database): void {
  if ((db.pragma('user_version', { simple: true }) as number) < STORE_FORMAT) db.pragma(`user_version = ${STORE_FORMAT}`);
}

/**
 * Opens an existing store file read-only: nothing in it is changed (the auditor's
 * `ledger verify`, the check of a backup's copy). SQLite may create its -wal and -shm
 * files beside it.
 */
export function openEventsFileReadOnly(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  storeFormatOf(db, path);
  return db;
}

/**
 * Opens (creating it and its folder if need be) the store's file: WAL journal with
 * `synchronous = FULL`, so a committed transaction is on disk before it is
 * acknowledged, and the events table. (Idempotency keys: src/store/sqlite-keys.ts.) A file
 * of a newer store format is refused before anything in it is touched.
 */
export function openEventsFile(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  storeFormatOf(db, path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  db.exec(EVENTS_TABLE);
  // Files written before the stream head was read from the events index kept heads in
  // a table of their own; nothing reads it now. Dropped where the file can be written.
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'streams'").get())
    try {
      db.exec('DROP TABLE streams');
    } catch {
      // A read-only file keeps it, harmlessly.
    }
  return db;
}

/** A row as the port's stored record, its data and metadata parsed. */
export function toRecord(row: EventRow): StoredRecord {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}
