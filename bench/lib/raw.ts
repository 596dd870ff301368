import Database from 'better-sqlite3';
import { EVENTS_TABLE } from '../../src/store/sqlite-store.js';

/**
 * The floors: plain better-sqlite3 on the ledger's own events table definition (same
 * columns, same unique indexes), with the same durability settings.
 */

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
