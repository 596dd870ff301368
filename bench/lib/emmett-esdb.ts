import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ulid } from 'ulid';
import { ROOT, gc, now, progress } from './common.js';

/**
 * Emmett's EventStoreDB event store (`@event-driven-io/emmett-esdb`) beside the ledger on
 * the same server, in the same run: the same commands, each on the ledger's stream for it
 * (one EventStoreDB stream per logical stream, as Emmett lays streams out), through
 * Emmett's `CommandHandler` — read the stream and fold it, decide, append at the version
 * read. Its decision is the ledger's (the events the ledger's rules recorded for that
 * command), so Emmett's side does less deciding: the comparison favours Emmett.
 *
 * The package has an install of its own under bench/emmett-esdb (`npm ci --prefix
 * bench/emmett-esdb`): 0.20.0, the newest served, wants `@event-driven-io/emmett` 0.20.0
 * beside it, where the project has 0.38.5. Without that install the measurement is skipped
 * and says so.
 */

const MODULES = join(ROOT, 'bench', 'emmett-esdb', 'node_modules');

/** One command as Emmett records it: the ledger's decision. */
export interface EmmettDecision {
  stream: string;
  events: { type: string; data: Record<string, unknown> }[];
}

interface EmmettStore {
  readStream(stream: string): Promise<unknown>;
}
type Handle = (store: EmmettStore, stream: string, decide: () => EmmettDecision['events']) => Promise<unknown>;
interface Client {
  dispose(): Promise<void>;
}
interface Loaded {
  client: Client;
  store: EmmettStore;
  handle: Handle;
}

async function load(server: string): Promise<Loaded | null> {
  const at = (path: string) => pathToFileURL(join(MODULES, path)).href;
  if (!existsSync(join(MODULES, '@event-driven-io', 'emmett-esdb'))) return null;
  const { EventStoreDBClient } = (await import(at('@eventstore/db-client/dist/index.js'))) as {
    EventStoreDBClient: { connectionString(text: string): Client };
  };
  const { getEventStoreDBEventStore } = (await import(at('@event-driven-io/emmett-esdb/dist/index.js'))) as {
    getEventStoreDBEventStore: (client: Client) => EmmettStore;
  };
  const { CommandHandler } = (await import(at('@event-driven-io/emmett/dist/index.js'))) as {
    CommandHandler: (options: { evolve: (state: number) => number; initialState: () => number }) => Handle;
  };
  const client = EventStoreDBClient.connectionString(server);
  return {
    client,
    store: getEventStoreDBEventStore(client),
    handle: CommandHandler({ evolve: (state) => state + 1, initialState: () => 0 }),
  };
}

export interface EmmettFigures {
  commands: number;
  failed: number;
  firstFailure: string | null;
  seconds: number;
  commandsPerSecond: number;
}

/** The decisions through Emmett's CommandHandler on EventStoreDB, `window` at a time; null when Emmett is not installed. */
export async function emmettAppends(server: string, decisions: EmmettDecision[], window: number): Promise<EmmettFigures | null> {
  const emmett = await load(server);
  if (!emmett) {
    progress('esdb: Emmett on EventStoreDB skipped: run npm ci --prefix bench/emmett-esdb to install it');
    return null;
  }
  const run = `emmett-${ulid().toLowerCase()}`;
  const figures = { commands: 0, failed: 0, firstFailure: null as string | null, seconds: 0 };
  gc();
  const started = now();
  for (let at = 0; at < decisions.length; at += window) {
    const outcomes = await Promise.allSettled(
      decisions.slice(at, at + window).map((decision) => emmett.handle(emmett.store, `${run}-${decision.stream}`, () => decision.events)),
    );
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') figures.commands += 1;
      else {
        figures.failed += 1;
        figures.firstFailure ??= outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      }
    }
  }
  figures.seconds = (now() - started) / 1000;
  await emmett.client.dispose();
  return { ...figures, commandsPerSecond: figures.commands / figures.seconds };
}
