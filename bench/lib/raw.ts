import Database from 'better-sqlite3';

/**
 * The floors: plain better-sqlite3 on a table of the same shape as the ledger's events
 * table (same columns, same unique indexes), with the same durability settings.
 */
export const EVENTS_TABLE = `
  CREATE TABLE IF NOT EXISTS events (
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
    UNIQUE (stream, revision)
  )`;

export interface RawRow {
  id: string;
  stream: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  previous_hash: string;
  hash: string;
}

export function openRaw(path: string): { db: Database.Database; insert: Database.Statement<RawRow> } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(EVENTS_TABLE);
  const insert = db.prepare<RawRow>(
    `INSERT INTO events (id, stream, revision, type, schema_version, data, metadata, previous_hash, hash)
     VALUES (@id, @stream, @revision, @type, @schema_version, @data, @metadata, @previous_hash, @hash)`,
  );
  return { db, insert };
}
