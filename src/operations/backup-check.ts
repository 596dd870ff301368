import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkExportSource, exportedEvents } from '../app/transfer.js';
import { SqliteEventStore } from '../store/sqlite-store.js';
import { auditLog, type AuditReport } from '../trust/audit.js';
import { readCheckpoints } from '../trust/checkpoints.js';
import { keyIdOf, loadPublicKey } from '../trust/signing-key.js';

/**
 * How a copy of the ledger is checked before it is trusted — right after `ledger backup`
 * made it, and again before `ledger restore` puts it in place: every stream's hash
 * chain, the log chain and the positions (the store's own check, read-only), and — when
 * the copy holds the checkpoints and the public key — the log recomputed from the
 * events' content and held to every checkpoint of that key.
 */
export interface CopyCheck {
  ok: boolean;
  problems: string[];
  notes: string[];
  events: number;
  /** The last position, and the log chain's link there (recomputed). */
  position: number;
  logHash: string;
  /** Null when the copy holds no checkpoints. */
  checkpoints: { count: number; coveredPosition: number; keyId: string } | null;
}

/** The files a backup directory holds, by name. */
export const BACKUP_FILES = {
  store: 'ledger.sqlite',
  export: 'ledger-export.ndjson',
  accounts: 'accounts.sqlite',
  checkpoints: 'checkpoints.ndjson',
  publicKey: 'public-key.pem',
  manifest: 'backup.json',
} as const;

export function sha256OfFile(file: string): string {
  const digest = createHash('sha256');
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let read = readSync(descriptor, buffer); read > 0; read = readSync(descriptor, buffer)) digest.update(buffer.subarray(0, read));
  } finally {
    closeSync(descriptor);
  }
  return digest.digest('hex');
}

/** The checkpoints and public key a directory holds, if both are there. */
function checkpointsIn(directory: string) {
  const file = join(directory, BACKUP_FILES.checkpoints);
  const key = join(directory, BACKUP_FILES.publicKey);
  if (!existsSync(file) || !existsSync(key)) return null;
  const publicKey = loadPublicKey(key);
  const keyId = keyIdOf(publicKey);
  // A file shared by several keys (one rotated in beside another) is held to this key's lines.
  const list = readCheckpoints(file).filter((checkpoint) => checkpoint.keyId === keyId);
  return list.length > 0 ? { list, publicKey, keyId } : null;
}

function fromAudit(audit: AuditReport, signed: ReturnType<typeof checkpointsIn>, problems: string[], notes: string[]): CopyCheck {
  const all = [...problems, ...audit.problems];
  return {
    ok: all.length === 0,
    problems: all,
    notes: [...notes, ...audit.notes],
    events: audit.eventsChecked,
    position: audit.logHead.position,
    logHash: audit.logHead.hash,
    checkpoints: signed ? { count: audit.checkpointsChecked, coveredPosition: audit.coveredPosition, keyId: signed.keyId } : null,
  };
}

/** SQLite leaves its -wal and -shm files beside a copy it opened read-only; an empty WAL holds nothing, so both go. */
function removeEmptySideFiles(file: string): void {
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size === 0) {
    rmSync(`${file}-wal`);
    rmSync(`${file}-shm`, { force: true });
  }
}

/** Checks a copy of the SQLite store (read-only), held to the checkpoints in `checkpointsDirectory` if it has them. */
export async function checkStoreCopy(file: string, checkpointsDirectory: string): Promise<CopyCheck> {
  const store = new SqliteEventStore(file, { readOnly: true });
  try {
    const integrity = await store.verifyIntegrity();
    const problems = integrity.problems.map(
      (problem) => `${problem.stream}${problem.position === undefined ? '' : ` (posisjon ${problem.position})`}: ${problem.problem}`,
    );
    const signed = checkpointsIn(checkpointsDirectory);
    const audit = await auditLog(store.readAll(), {
      recomputeHashes: true,
      ...(signed ? { checkpoints: { list: signed.list, publicKey: signed.publicKey } } : {}),
    });
    const stored = await store.logHead().catch(() => null);
    if (stored && stored.position === audit.logHead.position && stored.hash !== audit.logHead.hash)
      problems.push('the log chain stored in the copy does not end where the one recomputed from its events does');
    return fromAudit(audit, signed, problems, signed ? [] : ['kopien har ingen signerte sjekkpunkter å holde loggen til']);
  } finally {
    await store.close();
    removeEmptySideFiles(file);
  }
}

/** Checks an export (manifest, chains, schemas), held to the checkpoints in `checkpointsDirectory` if it has them. */
export async function checkExportCopy(file: string, checkpointsDirectory: string): Promise<CopyCheck> {
  const problems: string[] = [];
  try {
    checkExportSource({ file });
  } catch (error: unknown) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const signed = checkpointsIn(checkpointsDirectory);
  const audit = await auditLog(exportedEvents({ file }), {
    recomputeHashes: true,
    ...(signed ? { checkpoints: { list: signed.list, publicKey: signed.publicKey } } : {}),
  });
  return fromAudit(audit, signed, problems, signed ? [] : ['kopien har ingen signerte sjekkpunkter å holde loggen til']);
}

/** SQLite's own check of a copied accounts file. */
export function checkAccountsCopy(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.filter((row) => row.integrity_check !== 'ok').map((row) => `${BACKUP_FILES.accounts}: ${row.integrity_check}`);
  } finally {
    db.close();
    removeEmptySideFiles(file);
  }
}
