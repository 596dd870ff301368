import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { progress } from './common.js';

/**
 * Emmett's SQLite event store for the bench's comparison, installed on first use into
 * `bench/.cache/emmett` (git-ignored) rather than by every `npm ci`: it needs the `sqlite3`
 * package, a second native SQLite that builds from source, and nothing but this comparison
 * uses it. The versions are pinned here; delete the folder to install them again.
 */
const packages = {
  '@event-driven-io/emmett': '0.38.5',
  '@event-driven-io/emmett-sqlite': '0.38.5',
  sqlite3: '5.1.7',
};

/** The part of Emmett's API the comparison uses (its own types are in the packages, which the build does not see). */
interface SqliteConnection {
  querySingle<T>(sql: string): Promise<T | null>;
  close(): void;
}
export interface EmmettSqlite {
  readonly sqliteConnection: (options: { fileName: string }) => SqliteConnection;
  readonly createEventStoreSchema: (connection: SqliteConnection) => Promise<void>;
  readonly getSQLiteEventStore: (options: { fileName: string }) => unknown;
  readonly readStream: (connection: SqliteConnection, stream: string) => Promise<{ currentStreamVersion: bigint; events: unknown[] }>;
  readonly appendToStream: (
    connection: SqliteConnection,
    stream: string,
    streamType: string,
    events: { type: string; data: Record<string, unknown> }[],
    options: { expectedStreamVersion: bigint },
  ) => Promise<{ success: boolean }>;
}
type Handle = (store: unknown, id: string, decide: () => { type: string; data: Record<string, unknown> }[]) => Promise<unknown>;
export interface Emmett {
  readonly CommandHandler: (options: { evolve: (state: number) => number; initialState: () => number }) => Handle;
}

/** The project's root: the nearest folder up from this file with the project's package.json (the bench runs from dist/). */
function projectRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package-lock.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('the bench runs inside the project (no package-lock.json above it)');
    directory = parent;
  }
  return directory;
}

const cache = join(projectRoot(), 'bench', '.cache', 'emmett');

/** Emmett and its SQLite store, installed into the cache the first time (with npm, from the registry). */
export function loadEmmett(): { emmett: Emmett; sqlite: EmmettSqlite } {
  const manifest = join(cache, 'package.json');
  const installed = Object.keys(packages).every((name) => existsSync(join(cache, 'node_modules', name, 'package.json')));
  if (!installed) {
    progress(`emmett: installing ${Object.keys(packages).join(', ')} into ${cache} (once; sqlite3 builds from source) …`);
    mkdirSync(cache, { recursive: true });
    writeFileSync(
      manifest,
      `${JSON.stringify({ private: true, description: "The bench's Emmett comparison (bench/lib/emmett.ts)", dependencies: packages }, null, 2)}\n`,
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: cache,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  const require = createRequire(manifest);
  return {
    emmett: require('@event-driven-io/emmett') as Emmett,
    sqlite: require('@event-driven-io/emmett-sqlite') as EmmettSqlite,
  };
}
