import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { exportedEvents, importExport } from '../app/transfer.js';
import { SqliteEventStore } from '../store/sqlite-store.js';
import { isEventStoreDbConnection, openStore } from '../ledger.js';
import { auditLog, type AuditedEvent } from '../trust/audit.js';
import { checkpointsPathOf, readCheckpoints } from '../trust/checkpoints.js';
import { keyIdOf, loadPublicKey, publicKeyPathOf } from '../trust/signing-key.js';
import { BACKUP_FILES, checkExportCopy, checkStoreCopy, sha256OfFile, type CopyCheck } from './backup-check.js';
import { BACKUP_FORMAT, type BackupManifest } from './backup.js';
import { sqlitePathIn } from '../store/store-setting.js';

/**
 * `ledger restore SOURCE --store TARGET`: a backup directory (`ledger backup`) or an export
 * file (`ledger export`) into an empty place only, checked before it is used: the
 * manifest's SHA-256 of every file, every chain and the checkpoints the backup holds
 * (src/operations/backup-check.ts), and — when LEDGER_SIGNING_KEY names the ledger's key —
 * the checkpoints signed since, so the operator learns before starting the server which
 * signed positions the copy no longer holds. A SQLite file is checked as a copy beside
 * the target and renamed into place only once it holds; anything else is imported, which
 * checks the export and writes only into an empty store.
 */
export interface RestoreSettings {
  source: string;
  storeSetting: string;
  accountsPath: string;
  signingKey: string | undefined;
}

export interface RestoreOutcome {
  kind: 'sqlite' | 'export';
  madeAt: string | null;
  check: CopyCheck;
  /** Where the accounts file was put; null when the backup held none. */
  accounts: string | null;
  /** Held to the checkpoints of LEDGER_SIGNING_KEY: what those say of the copy. */
  liveCheckpoints: { count: number; coveredPosition: number; problems: string[] } | null;
}

/** A restore refused before anything was written. */
export class RestoreRefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(`gjenopprettingen ble avvist, og ingenting ble skrevet: ${problems.join('; ')}`);
    this.name = 'RestoreRefusedError';
  }
}

const sqlitePathOf = (storeSetting: string) => resolve(sqlitePathIn(storeSetting));

/** The target must be an empty place: no store file (nor its WAL, projections or backup record) and no accounts file. */
function requireEmptyPlace(settings: RestoreSettings): string[] {
  const taken: string[] = [];
  if (!isEventStoreDbConnection(settings.storeSetting)) {
    if (settings.storeSetting === ':memory:') return ['en lagring i minnet kan ikke gjenopprettes til'];
    const file = sqlitePathOf(settings.storeSetting);
    for (const path of [file, `${file}-wal`, `${file}.projections.json`]) if (existsSync(path)) taken.push(`${path} finnes allerede`);
  }
  if (settings.accountsPath !== ':memory:' && existsSync(settings.accountsPath))
    taken.push(`kontofilen ${settings.accountsPath} finnes allerede`);
  return taken;
}

function readManifest(directory: string): BackupManifest {
  const file = join(directory, BACKUP_FILES.manifest);
  if (!existsSync(file))
    throw new RestoreRefusedError([`${directory} har ingen ${BACKUP_FILES.manifest}: er det en sikkerhetskopi fra ledger backup?`]);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  const format: unknown = manifest.format;
  if (format !== BACKUP_FORMAT)
    throw new RestoreRefusedError([`${file} er av formatet ${JSON.stringify(format)}; denne utgaven leser ${BACKUP_FORMAT}`]);
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(manifest.files)) {
    const path = join(directory, name);
    if (!existsSync(path)) problems.push(`${name} mangler`);
    else if (sha256OfFile(path) !== expected.sha256) problems.push(`${name} er endret etter at kopien ble tatt (SHA-256 stemmer ikke)`);
  }
  if (problems.length > 0) throw new RestoreRefusedError(problems);
  return manifest;
}

/** The copy held to the checkpoints signed with the ledger's own key (which may have signed more since the backup). */
async function heldToLiveCheckpoints(settings: RestoreSettings, events: () => AsyncIterable<AuditedEvent> | Iterable<AuditedEvent>) {
  if (!settings.signingKey) return null;
  const key = resolve(settings.signingKey);
  const file = checkpointsPathOf(key);
  if (!existsSync(file) || !existsSync(publicKeyPathOf(key))) return null;
  const publicKey = loadPublicKey(publicKeyPathOf(key));
  const list = readCheckpoints(file).filter((checkpoint) => checkpoint.keyId === keyIdOf(publicKey));
  if (list.length === 0) return null;
  const audit = await auditLog(events(), { recomputeHashes: true, checkpoints: { list, publicKey } });
  return { count: audit.checkpointsChecked, coveredPosition: audit.coveredPosition, problems: audit.problems };
}

async function restoreSqliteFile(
  settings: RestoreSettings,
  directory: string,
): Promise<{ check: CopyCheck; live: RestoreOutcome['liveCheckpoints'] }> {
  const target = sqlitePathOf(settings.storeSetting);
  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  copyFileSync(join(directory, BACKUP_FILES.store), staging);
  try {
    const check = await checkStoreCopy(staging, directory);
    if (!check.ok) throw new RestoreRefusedError(check.problems);
    const copy = new SqliteEventStore(staging, { readOnly: true });
    const live = await heldToLiveCheckpoints(settings, () => copy.readAll()).finally(() => copy.close());
    renameSync(staging, target);
    return { check, live };
  } finally {
    rmSync(staging, { force: true });
    rmSync(`${staging}-wal`, { force: true });
    rmSync(`${staging}-shm`, { force: true });
  }
}

async function restoreExport(settings: RestoreSettings, file: string, checkpointsDirectory: string) {
  const check = await checkExportCopy(file, checkpointsDirectory);
  if (!check.ok) throw new RestoreRefusedError(check.problems);
  const live = await heldToLiveCheckpoints(settings, () => exportedEvents({ file }));
  const store = await openStore(settings.storeSetting);
  try {
    await importExport(store, { file });
  } catch (error: unknown) {
    await store.close();
    // A SQLite file made for this import and left half-way is no place to start from: it goes.
    if (!isEventStoreDbConnection(settings.storeSetting))
      for (const side of ['', '-wal', '-shm']) rmSync(`${sqlitePathOf(settings.storeSetting)}${side}`, { force: true });
    throw error;
  }
  await store.close();
  return { check, live };
}

function restoreAccounts(directory: string, accountsPath: string): string | null {
  const copy = join(directory, BACKUP_FILES.accounts);
  if (!existsSync(copy) || accountsPath === ':memory:') return null;
  mkdirSync(dirname(accountsPath), { recursive: true });
  copyFileSync(copy, accountsPath);
  return accountsPath;
}

export async function restoreLedger(settings: RestoreSettings): Promise<RestoreOutcome> {
  const source = resolve(settings.source);
  if (!existsSync(source)) throw new RestoreRefusedError([`${source} finnes ikke`]);
  const taken = requireEmptyPlace(settings);
  if (taken.length > 0) throw new RestoreRefusedError([...taken, 'gjenopprett bare til et tomt sted']);
  if (statSync(source).isFile()) {
    const { check, live } = await restoreExport(settings, source, dirname(source));
    return { kind: 'export', madeAt: null, check, accounts: null, liveCheckpoints: live };
  }
  const manifest = readManifest(source);
  if (manifest.kind === 'sqlite' && isEventStoreDbConnection(settings.storeSetting))
    throw new RestoreRefusedError([
      'en kopi av SQLite-filen gjenopprettes til en SQLite-lagring; for EventStoreDB: gjenopprett den til en fil, eksporter den (ledger export) og gjenopprett eksporten',
    ]);
  const restored =
    manifest.kind === 'sqlite'
      ? await restoreSqliteFile(settings, source)
      : await restoreExport(settings, join(source, BACKUP_FILES.export), source);
  return {
    kind: manifest.kind,
    madeAt: manifest.madeAt,
    check: restored.check,
    accounts: restoreAccounts(source, settings.accountsPath),
    liveCheckpoints: restored.live,
  };
}
