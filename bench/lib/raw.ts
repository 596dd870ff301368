import Database from 'better-sqlite3';
import { EVENTS_TABLE, type EventRow } from '../../src/store/sqlite-schema.js';

/**
 * The floors: plain better-sqlite3 on the ledger's own events table definition (same
 * columns, same unique indexes), with the same durability settings.
 */

/**
 * A row as the floor inserts it: the ledger's own row, its position left to AUTOINCREMENT
 * (its log link is a stored value of the same size, not computed: the floor measures the database).
 */
export type RawRow = Omit<EventRow, 'position'>;

export function openRaw(path: string): { db: Database.Database; insert: Database.Statement<RawRow> } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(EVENTS_TABLE);
  const insert = db.prepare<RawRow>(
    `INSERT INTO events (id, stream, revision, type, schema_version, data, metadata, previous_hash, hash, log_hash)
     VALUES (@id, @stream, @revision, @type, @schema_version, @data, @metadata, @previous_hash, @hash, @log_hash)`,
  );
  return { db, insert };
}
