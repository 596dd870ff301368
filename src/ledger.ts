import { dirname, join, resolve } from 'node:path';
import { ulidFactory } from './domain/ulid.js';
import { CommandHandler } from './app/command-handler.js';
import { LedgerReader } from './app/ledger-reader.js';
import { ProjectionRunner, checkCheckpointWritable } from './app/projection-runner.js';
import { isEsdbConnectionString, parseEsdbConnection } from './store/esdb-connection.js';
import type { EventStore } from './store/port.js';
import { SqliteEventStore } from './store/sqlite-store.js';
import { sqlitePathIn } from './store/store-setting.js';

/** The embedded default: a SQLite file under ./data. */
export const DEFAULT_STORE = './data/ledger.sqlite';

export interface LedgerSettings {
  /**
   * Which store: a SQLite file path (optionally `sqlite:PATH`), `:memory:`, or an
   * EventStoreDB/KurrentDB connection string (`esdb://host:2113?tls=false`,
   * `esdb+discover://…`, `kurrentdb://…`, `kurrent://…`; `&ledgerStream=NAME` names the
   * EventStoreDB stream that holds the ledger, default `hfi-ledger`).
   * @defaultValue `./data/ledger.sqlite`
   */
  store: string;
  /**
   * Where the projections keep their checkpoint. Default: beside the SQLite file;
   * for EventStoreDB `./data/projections.json`; none for `:memory:`.
   */
  checkpointPath?: string | null;
  clock?: () => Date;
  newId?: () => string;
  /** Told of a failure in work the ledger does on its own (a checkpoint or index snapshot written in passing); serving goes on. @defaultValue ignored */
  onBackgroundError?: (error: unknown) => void;
  /**
   * Open an existing SQLite file without changing it (`ledger verify`, a backup's check):
   * nothing is migrated or marked, the projections' checkpoint is not written back, every
   * write fails. No effect on other stores. @defaultValue false
   */
  readOnly?: boolean;
}

export function isEventStoreDbConnection(store: string): boolean {
  return isEsdbConnectionString(store);
}

/** A ledger wired together: store, command handler, projections and their queries. */
export interface Ledger {
  readonly settings: LedgerSettings;
  readonly store: EventStore;
  readonly handler: CommandHandler;
  readonly runner: ProjectionRunner;
  readonly reader: LedgerReader;
  close(): Promise<void>;
}

export interface StoreSettings {
  /** EventStoreDB: where the index snapshot is kept (see `indexSnapshotPathBeside`). */
  indexSnapshotPath?: string | null;
  onBackgroundError?: (error: unknown) => void;

  /** SQLite: open without changing the file (see `LedgerSettings.readOnly`). */
  readOnly?: boolean;
}

export async function openStore(store: string, settings: StoreSettings = {}): Promise<EventStore> {
  if (isEventStoreDbConnection(store)) {
    const { EsdbEventStore } = await import('./store/esdb-store.js');
    return EsdbEventStore.connect(store, {
      indexSnapshotPath: settings.indexSnapshotPath ?? null,
      ...(settings.onBackgroundError ? { onSnapshotError: settings.onBackgroundError } : {}),
    });
  }
  const path = sqlitePathIn(store);
  return new SqliteEventStore(path === ':memory:' ? path : resolve(path), { readOnly: settings.readOnly === true });
}

/** Where the accounts live by default: `accounts.sqlite` beside the SQLite store, or under ./data. */
export function defaultAccountsPath(store: string): string {
  if (isEventStoreDbConnection(store)) return resolve('./data/accounts.sqlite');
  const path = sqlitePathIn(store);
  if (path === ':memory:') return ':memory:';
  return join(dirname(resolve(path)), 'accounts.sqlite');
}

function defaultCheckpointPath(store: string): string | null {
  if (isEventStoreDbConnection(store)) return resolve('./data/projections.json');
  const path = sqlitePathIn(store);
  if (path === ':memory:') return null;
  const absolute = resolve(path);
  return join(dirname(absolute), `${absolute.split(/[\\/]/).pop()}.projections.json`);
}

/**
 * The EventStoreDB index snapshot's file, beside the projections' checkpoint and named
 * after the ledger stream (two ledgers on one server keep two); none without a checkpoint.
 */
function indexSnapshotPathBeside(store: string, checkpointPath: string | null): string | null {
  if (!checkpointPath || !isEventStoreDbConnection(store)) return null;
  return join(dirname(checkpointPath), `${parseEsdbConnection(store).ledgerStream}.esdb-index`);
}

/** Where the projections' checkpoint of these settings is kept (null: none). */
function checkpointPathOf(settings: Pick<LedgerSettings, 'store' | 'checkpointPath'>): string | null {
  return settings.checkpointPath === undefined ? defaultCheckpointPath(settings.store) : settings.checkpointPath;
}

/**
 * For a server: the checkpoint's folder created, and a checkpoint that cannot be written
 * refused now, at the start, rather than as a failed request later. (The CLI reads on
 * without it: a checkpoint that fails in passing is reported, never the read's failure.)
 */
export function checkCheckpointOf(settings: Pick<LedgerSettings, 'store' | 'checkpointPath'>): void {
  const path = checkpointPathOf(settings);
  if (path) checkCheckpointWritable(path);
}

export async function openLedger(settings: LedgerSettings): Promise<Ledger> {
  const checkpointPath = checkpointPathOf(settings);
  const { onBackgroundError } = settings;
  const store = await openStore(settings.store, {
    indexSnapshotPath: indexSnapshotPathBeside(settings.store, checkpointPath),
    ...(onBackgroundError ? { onBackgroundError } : {}),
    readOnly: settings.readOnly === true,
  });
  const handler = new CommandHandler(store, { clock: settings.clock ?? (() => new Date()), newId: settings.newId ?? ulidFactory() });
  const runner = new ProjectionRunner(store, { checkpointPath, ...(onBackgroundError ? { onCheckpointError: onBackgroundError } : {}) });
  const reader = new LedgerReader(store, runner);
  return {
    settings,
    store,
    handler,
    runner,
    reader,
    async close() {
      try {
        // Written back only when the view moved (see `closeCheckpoint`), not on every exit.
        if (checkpointPath && settings.readOnly !== true) runner.closeCheckpoint();
      } finally {
        await store.close();
      }
    },
  };
}
