/**
 * The peer a TypeScript team would pick instead: Emmett's SQLite event store
 * (`@event-driven-io/emmett-sqlite`, installed on first use into bench/.cache by
 * bench/lib/emmett.ts, not by `npm ci`) doing
 * the same decide-and-append as the append measurement — the same generated commands,
 * each on the ledger's stream for it: read the stream and fold it (Emmett's
 * `CommandHandler` re-reads the stream for every command), decide, append at the
 * version read. Its decision is the ledger's (the events the ledger's rules recorded
 * for that command, from a run on an in-memory store beforehand), so Emmett's side
 * does less deciding than the ledger's: the comparison favours Emmett.
 *
 * Durability as the ledger's: Emmett opens its file in WAL mode and leaves
 * `synchronous` at SQLite's default, FULL (read back and reported), so a commit is on
 * disk before the append resolves. Two set-ups, one at a time and `--in-flight` at once:
 * - `store`: `getSQLiteEventStore({ fileName })` with Emmett's `CommandHandler`, as
 *   Emmett's documentation sets it up (it opens a connection per operation);
 * - `connection`: one long-lived `sqliteConnection`, `readStream` + `appendToStream`
 *   per command (the fastest way its API allows).
 * The floor is the append measurement's: raw single-row commits of the same rows,
 * alternated chunk by chunk with Emmett so both see the same disk.
 *
 * A set-up that records none of the first 256 commands is abandoned there (reported).
 *
 *   node dist/bench/tasks/emmett.js --commands N --seed S [--in-flight K]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler as LedgerHandler } from '../../src/app/command-handler.js';
import { ulidFactory } from '../../src/domain/ulid.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { generateSteps, resolveReferences, type GeneratedCommand } from '../../test/support/generator.js';
import { argument, gc, now, progress, result } from '../lib/common.js';
import { loadEmmett } from '../lib/emmett.js';
import { openRaw, type RawRow } from '../lib/raw.js';

const count = Number(argument('commands', '1000'));
const seed = Number(argument('seed', '7'));
const inFlight = Number(argument('in-flight', '16'));
const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-emmett-'));
const { emmett, sqlite } = loadEmmett();
const { appendToStream, createEventStoreSchema, getSQLiteEventStore, readStream, sqliteConnection } = sqlite;

interface Decision {
  stream: string;
  events: { type: string; data: Record<string, unknown> }[];
  rows: RawRow[];
}

/** The ledger's decisions for the commands: recorded once on an in-memory store (not timed). */
async function decisions(commands: GeneratedCommand[]): Promise<Decision[]> {
  const store = new SqliteEventStore(':memory:');
  const handler = new LedgerHandler(store, { clock: () => new Date('2026-01-01T08:00:00Z'), newId: ulidFactory() });
  const decided: Decision[] = [];
  for (const command of commands) {
    // A correction names the event it corrects: resolved against this store, as the append measurement does.
    const outcome = await handler.execute(await resolveReferences(command, store), { actor: 'bench' });
    const records = await store.readPositions(outcome.events.map((event) => event.position));
    decided.push({
      stream: outcome.stream,
      events: outcome.events.map((event) => ({ type: event.type, data: event.data as Record<string, unknown> })),
      rows: records.map((record) => ({
        id: record.id,
        stream: record.stream,
        revision: record.revision,
        type: record.type,
        schema_version: record.schemaVersion,
        data: JSON.stringify(record.data),
        metadata: JSON.stringify(record.metadata),
        previous_hash: record.previousHash,
        hash: record.hash,
        log_hash: record.hash,
      })),
    });
  }
  await store.close();
  return decided;
}

type Append = (decision: Decision) => Promise<void>;

/** A set-up's append, the number of events its file holds at the end, and how it closes. */
async function setUp(
  kind: 'store' | 'connection',
  file: string,
): Promise<{ append: Append; stored: () => Promise<number>; close: () => void }> {
  const connection = sqliteConnection({ fileName: file });
  await createEventStoreSchema(connection);
  const stored = async () =>
    Number((await connection.querySingle<{ count: number }>('SELECT COUNT(*) AS count FROM emt_messages'))?.count ?? 0);
  if (kind === 'store') {
    const eventStore = getSQLiteEventStore({ fileName: file });
    const handle = emmett.CommandHandler({
      evolve: (state) => state + 1,
      initialState: () => 0,
    });
    return {
      append: async (decision) => void (await handle(eventStore, decision.stream, () => decision.events)),
      stored,
      close: () => connection.close(),
    };
  }
  return {
    append: async (decision) => {
      const { currentStreamVersion, events } = await readStream(connection, decision.stream);
      let state = 0;
      for (const event of events) if (event) state += 1;
      if (state < 0) throw new Error('unreachable');
      const streamType = decision.stream.split('-')[0]!;
      const appended = await appendToStream(connection, decision.stream, streamType, decision.events, {
        expectedStreamVersion: currentStreamVersion,
      });
      if (!appended.success) throw new Error(`Emmett refused the append to ${decision.stream}`);
    },
    stored,
    close: () => connection.close(),
  };
}

async function measure(kind: 'store' | 'connection', decided: Decision[], window: number) {
  const file = join(directory, `${kind}-${window}.sqlite`);
  const setup = await setUp(kind, file);
  const { db, insert } = openRaw(join(directory, `${kind}-${window}-raw.sqlite`));
  const figures = {
    commands: 0,
    events: 0,
    failed: 0,
    seconds: 0,
    rawRows: 0,
    rawSeconds: 0,
    firstFailure: null as string | null,
    abandoned: false,
  };
  gc();
  for (let start = 0; start < decided.length; start += 256) {
    const slice = decided.slice(start, start + 256);
    let started = now();
    for (let at = 0; at < slice.length; at += window) {
      const outcomes = await Promise.allSettled(slice.slice(at, at + window).map((decision) => setup.append(decision)));
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') {
          figures.commands += 1;
          figures.events += slice[at + index]!.events.length;
        } else {
          figures.failed += 1;
          figures.firstFailure ??= outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
        }
      });
    }
    figures.seconds += (now() - started) / 1000;
    started = now();
    for (const decision of slice) for (const row of decision.rows) insert.run(row);
    figures.rawSeconds += (now() - started) / 1000;
    figures.rawRows += slice.reduce((sum, decision) => sum + decision.rows.length, 0);
    // A set-up that records nothing at all is not measured on (it would only spend minutes failing).
    if (figures.commands === 0) {
      figures.abandoned = true;
      break;
    }
  }
  const storedEvents = await setup.stored();
  const synchronous = (await sqliteConnection({ fileName: file }).querySingle<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous;
  setup.close();
  db.close();
  progress(
    `emmett (${kind}, ${window} in flight): ${figures.commands} commands acknowledged (${figures.failed} failed) in ${figures.seconds.toFixed(2)} s; ${storedEvents} of ${figures.events} acknowledged events in its file`,
  );
  return {
    ...figures,
    commandsPerSecond: figures.commands / figures.seconds,
    floorRowsPerSecond: figures.rawRows / figures.rawSeconds,
    storedEvents,
    synchronous,
  };
}

try {
  const commands: GeneratedCommand[] = [];
  for (const step of generateSteps(seed, { events: count * 2 })) {
    commands.push(step.command);
    if (commands.length === count) break;
  }
  const decided = await decisions(commands);
  const figures: Record<string, unknown> = { inFlight };
  for (const kind of ['store', 'connection'] as const)
    figures[kind] = { oneAtATime: await measure(kind, decided, 1), concurrent: await measure(kind, decided, inFlight) };
  result(figures);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
