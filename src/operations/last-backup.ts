import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isEsdbConnectionString } from '../store/esdb-connection.js';
import { sqlitePathIn } from '../store/store-setting.js';

/**
 * The record of the last backup, kept beside the store (`<store file>.last-backup.json`;
 * `./data/last-backup.json` for EventStoreDB): `ledger backup` writes it once the copy
 * has verified, and the server reads it for the page, /api/health and the metrics.
 */
export interface BackupRecord {
  /** When the copy was taken (ISO-8601). */
  madeAt: string;
  /** Where it was written. */
  directory: string;
  events: number;
  /** The last position in the copy, and the log chain's link there. */
  position: number;
  logHash: string;
}

/** Where the record of the last backup of a store lives; null for a store in memory. */
export function lastBackupPathOf(storeSetting: string): string | null {
  if (isEsdbConnectionString(storeSetting)) return resolve('./data/last-backup.json');
  const path = sqlitePathIn(storeSetting);
  if (path === ':memory:') return null;
  const absolute = resolve(path);
  return join(dirname(absolute), `${absolute.split(/[\\/]/).pop()}.last-backup.json`);
}

/** The last backup recorded, or null when none is (or the record cannot be read). */
export function readLastBackup(path: string | null): BackupRecord | null {
  if (path === null || !existsSync(path)) return null;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<BackupRecord>;
    if (typeof value.madeAt !== 'string' || !Number.isSafeInteger(value.position) || !Number.isSafeInteger(value.events)) return null;
    return value as BackupRecord;
  } catch {
    return null;
  }
}

/** Writes the record whole or not at all (a temporary file renamed over the old one). */
export function writeLastBackup(path: string, record: BackupRecord): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temporary, path);
}
