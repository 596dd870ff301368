import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { exportLines } from '../app/transfer.js';
import type { Ledger } from '../ledger.js';
import { STORE_FORMAT } from '../store/sqlite-schema.js';
import { hasFileCopy } from '../store/port.js';
import { checkpointsPathOf } from '../trust/checkpoints.js';
import { publicKeyPathOf } from '../trust/signing-key.js';
import { BACKUP_FILES, checkAccountsCopy, checkExportCopy, checkStoreCopy, sha256OfFile, type CopyCheck } from './backup-check.js';
import { lastBackupPathOf, writeLastBackup } from './last-backup.js';

/**
 * `ledger backup --out DIR`: a consistent copy of a running ledger, checked before it is
 * called one. Into an empty directory:
 *
 * 1. the checkpoints file and the public key (never the private key), first — the store
 *    only grows, so the copy taken after them holds every position they cover;
 * 2. the store: the SQLite file through SQLite's online backup API (writers go on), or,
 *    for another store (EventStoreDB), its export — the portable copy;
 * 3. the accounts file, through the same API;
 * 4. then every copy is checked (src/operations/backup-check.ts), and only a copy that
 *    holds gets its manifest `backup.json` (what it holds, a SHA-256 per file) and is
 *    recorded as the last backup beside the store.
 */
export const BACKUP_FORMAT = 'hfi-ledger-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  madeAt: string;
  source: string;
  /** `sqlite`: the store file; `export`: the store's export (any store). */
  kind: 'sqlite' | 'export';
  /** The SQLite store format of the copy (sqlite only). */
  storeFormat?: number;
  events: number;
  position: number;
  logHash: string;
  checkpoints: CopyCheck['checkpoints'];
  files: Record<string, { sha256: string; bytes: number }>;
}

export interface BackupSettings {
  out: string;
  storeSetting: string;
  accountsPath: string;
  /** LEDGER_SIGNING_KEY, when set: its checkpoints and public key are copied. */
  signingKey: string | undefined;
  clock?: () => Date;
}

export type BackupOutcome = { ok: true; manifest: BackupManifest; check: CopyCheck } | { ok: false; check: CopyCheck; out: string };

/** A backup goes into a directory of its own, new or empty, never over another. */
export class BackupPlaceError extends Error {}

function prepareDirectory(out: string): string {
  const directory = resolve(out);
  if (existsSync(directory)) {
    if (!statSync(directory).isDirectory()) throw new BackupPlaceError(`${directory} finnes og er ikke en katalog`);
    if (readdirSync(directory).length > 0)
      throw new BackupPlaceError(`${directory} er ikke tom; en sikkerhetskopi skrives bare i en ny eller tom katalog`);
  }
  mkdirSync(directory, { recursive: true });
  return directory;
}

function copyCheckpoints(directory: string, signingKey: string | undefined): void {
  if (!signingKey) return;
  const file = checkpointsPathOf(resolve(signingKey));
  if (existsSync(file)) copyFileSync(file, join(directory, BACKUP_FILES.checkpoints));
  const publicKey = publicKeyPathOf(resolve(signingKey));
  if (existsSync(publicKey)) copyFileSync(publicKey, join(directory, BACKUP_FILES.publicKey));
}

async function copyStore(ledger: Ledger, directory: string): Promise<'sqlite' | 'export'> {
  const { store } = ledger;
  // The store that copies itself to a file is the SQLite store (a file, not `:memory:`): its copy is checked as a SQLite file.
  if (hasFileCopy(store)) {
    await store.copyTo(join(directory, BACKUP_FILES.store));
    return 'sqlite';
  }
  const stream = createWriteStream(join(directory, BACKUP_FILES.export));
  for await (const line of exportLines(store))
    if (!stream.write(line)) await new Promise<void>((done) => stream.once('drain', () => done()));
  await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())));
  return 'export';
}

async function copyAccounts(accountsPath: string, directory: string): Promise<string[]> {
  if (accountsPath === ':memory:' || !existsSync(accountsPath)) return [`ingen kontofil å kopiere (${accountsPath})`];
  const source = new Database(accountsPath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(join(directory, BACKUP_FILES.accounts), { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  return [];
}

export async function backupLedger(ledger: Ledger, settings: BackupSettings): Promise<BackupOutcome> {
  const directory = prepareDirectory(settings.out);
  const madeAt = (settings.clock ?? (() => new Date()))().toISOString();
  copyCheckpoints(directory, settings.signingKey);
  const kind = await copyStore(ledger, directory);
  const accountNotes = await copyAccounts(settings.accountsPath, directory);
  const check =
    kind === 'sqlite'
      ? await checkStoreCopy(join(directory, BACKUP_FILES.store), directory)
      : await checkExportCopy(join(directory, BACKUP_FILES.export), directory);
  if (existsSync(join(directory, BACKUP_FILES.accounts))) check.problems.push(...checkAccountsCopy(join(directory, BACKUP_FILES.accounts)));
  check.notes.push(...accountNotes);
  check.ok = check.problems.length === 0;
  if (!check.ok) return { ok: false, check, out: directory };
  const files: BackupManifest['files'] = {};
  for (const name of readdirSync(directory).sort())
    files[name] = { sha256: sha256OfFile(join(directory, name)), bytes: statSync(join(directory, name)).size };
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    madeAt,
    source: ledger.store.description,
    kind,
    ...(kind === 'sqlite' ? { storeFormat: STORE_FORMAT } : {}),
    events: check.events,
    position: check.position,
    logHash: check.logHash,
    checkpoints: check.checkpoints,
    files,
  };
  writeFileSync(join(directory, BACKUP_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  const record = lastBackupPathOf(settings.storeSetting);
  if (record) writeLastBackup(record, { madeAt, directory, events: check.events, position: check.position, logHash: check.logHash });
  return { ok: true, manifest, check };
}
