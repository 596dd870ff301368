/**
 * The ledger on one EventStoreDB server (a single node or a cluster), beside SQLite on
 * this machine and beside floors measured against the same server in the same run:
 *
 * - appends through the command handler, one command at a time and `--in-flight` at
 *   once (each on a ledger stream of its own), against raw unary appends of the very
 *   events the ledger stored (one client call each, the same content, no rules, no
 *   chain, no index), one at a time and as many at once; the same commands through
 *   Emmett's EventStoreDB event store on the same server (bench/lib/emmett-esdb.ts), and
 *   on a fresh SQLite file, beside;
 * - the import of a history of about 100 000 events (`importExport`: checked, then
 *   written in batches under the maximum append size);
 * - a fresh process's first frame read (bench/children/esdb-first-frame.ts): from the
 *   start of the process to the answer, once building the index and the projections from
 *   the log (and writing their snapshot and checkpoint), then from them; beside the raw
 *   paged read of the whole stream;
 * - the index caught up by a fresh process without a snapshot (it reads the whole ledger
 *   stream), and a rebuild of every projection from the server, against the raw paged
 *   read of the same stream with the client; the same rebuild from SQLite beside.
 *
 *   node dist/bench/tasks/esdb.js --server CONNECTION --ndjson FILE --sqlite FILE [--commands N] [--seed S] [--in-flight K]
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ANY, EventStoreDBClient, FORWARDS, type EventData } from '@eventstore/db-client';
import { ulid } from 'ulid';
import { ProjectionRunner } from '../../src/app/projection-runner.js';
import { importExport } from '../../src/app/transfer.js';
import { openLedger } from '../../src/ledger.js';
import { parseEsdbConnection } from '../../src/store/esdb-connection.js';
import { EsdbEventStore } from '../../src/store/esdb-store.js';
import type { EventStore } from '../../src/store/port.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { generateSteps, resolveReferences, type GeneratedCommand } from '../../test/support/generator.js';
import { ROOT, argument, gc, now, peakRssMiB, progress, result } from '../lib/common.js';
import { emmettAppends, type EmmettDecision } from '../lib/emmett-esdb.js';

const server = argument('server');
const ndjson = argument('ndjson');
const sqlite = argument('sqlite');
const count = Number(argument('commands', '500'));
const seed = Number(argument('seed', '7'));
const inFlight = Number(argument('in-flight', '16'));
const connection = parseEsdbConnection(server);
const client = EventStoreDBClient.connectionString(connection.clientConnectionString);
const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-esdb-'));
const stream = (name: string) => `bench-${name}-${ulid().toLowerCase()}`;
const withStream = (ledgerStream: string) => `${server}${server.includes('?') ? '&' : '?'}ledgerStream=${ledgerStream}`;

/**
 * Commands through the handler of a ledger on `store`, `window` at a time; commands/s, what
 * was stored, and each command's decision as Emmett records it. A correction names the
 * event it corrects, recorded long before: resolved first (as the Emmett and SQLite
 * measurements do), and the time that takes is not counted.
 */
async function handlerAppends(setting: string, commands: GeneratedCommand[], window: number) {
  const ledger = await openLedger({ store: setting, checkpointPath: null });
  gc();
  let resolving = 0;
  const started = now();
  for (let at = 0; at < commands.length; at += window) {
    const resolveStarted = now();
    const sent = await Promise.all(commands.slice(at, at + window).map((command) => resolveReferences(command, ledger.store)));
    resolving += now() - resolveStarted;
    await Promise.all(sent.map((command) => ledger.handler.execute(command, { actor: 'bench' })));
  }
  const seconds = (now() - started - resolving) / 1000;
  const stored: EventData[] = [];
  const decisions: EmmettDecision[] = [];
  let command: string | undefined;
  for await (const record of ledger.store.readAll()) {
    stored.push({
      id: randomUUID(),
      contentType: 'application/json',
      type: record.type,
      data: record.data as never,
      metadata: record.metadata as never,
    });
    const key = (record.metadata as { idempotencyKey?: string }).idempotencyKey;
    if (key !== command || decisions.at(-1)?.stream !== record.stream) decisions.push({ stream: record.stream, events: [] });
    command = key;
    decisions.at(-1)!.events.push({ type: record.type, data: record.data as Record<string, unknown> });
  }
  await ledger.close();
  return { commands: commands.length, seconds, commandsPerSecond: commands.length / seconds, stored, decisions };
}

/** The floor: the same events appended raw through the client's unary path (per-call credentials), `window` at a time. */
async function rawAppends(events: EventData[], window: number) {
  const target = stream('raw');
  const credentials = connection.appendCredentials;
  gc();
  const started = now();
  for (let at = 0; at < events.length; at += window)
    await Promise.all(
      events.slice(at, at + window).map((event) => client.appendToStream(target, event, { expectedRevision: ANY, credentials })),
    );
  const seconds = (now() - started) / 1000;
  return { appends: events.length, seconds, appendsPerSecond: events.length / seconds };
}

async function appends(commands: GeneratedCommand[], window: number) {
  const ledger = await handlerAppends(withStream(stream('append')), commands, window);
  const raw = await rawAppends(ledger.stored, window);
  const emmett = await emmettAppends(connection.clientConnectionString, ledger.decisions, window);
  const onSqlite = await handlerAppends(join(directory, `append-${window}.sqlite`), commands, window);
  progress(
    `esdb ${connection.description}, ${window} in flight: ${commands.length} commands in ${ledger.seconds.toFixed(2)} s (${ledger.commandsPerSecond.toFixed(0)}/s); ` +
      `raw ${raw.appends} appends ${raw.appendsPerSecond.toFixed(0)}/s; ` +
      `Emmett ${emmett ? `${emmett.commandsPerSecond.toFixed(0)}/s (${emmett.failed} failed${emmett.firstFailure ? `: ${emmett.firstFailure}` : ''})` : 'not installed'}; ` +
      `SQLite ${onSqlite.commandsPerSecond.toFixed(0)}/s`,
  );
  return {
    window,
    commandsPerSecond: ledger.commandsPerSecond,
    floorAppendsPerSecond: raw.appendsPerSecond,
    emmett,
    sqliteCommandsPerSecond: onSqlite.commandsPerSecond,
  };
}

/** The raw paged read of the ledger stream with the client: events/s. */
async function rawRead(ledgerStream: string): Promise<{ events: number; seconds: number }> {
  gc();
  const started = now();
  let events = 0;
  for (let from = 0n; ;) {
    let page = 0;
    for await (const resolved of client.readStream(ledgerStream, {
      fromRevision: from,
      maxCount: 2000,
      direction: FORWARDS,
      requiresLeader: true,
    }))
      if (resolved.event) page += 1;
    events += page;
    from += BigInt(page);
    if (page < 2000) break;
  }
  return { events, seconds: (now() - started) / 1000 };
}

async function timedRebuild(store: EventStore): Promise<{ events: number; seconds: number }> {
  const runner = new ProjectionRunner(store, { checkpointPath: null });
  gc();
  const started = now();
  const events = await runner.rebuild();
  return { events, seconds: (now() - started) / 1000 };
}

async function importAndRebuild() {
  const ledgerStream = stream('history');
  const target = new EsdbEventStore(server, { ledgerStream });
  gc();
  let started = now();
  const imported = await importExport(target, { file: ndjson });
  const importSeconds = (now() - started) / 1000;
  await target.close();
  const firstFrame = await firstFrames(withStream(ledgerStream));
  const fresh = new EsdbEventStore(server, { ledgerStream });
  started = now();
  await fresh.streamRevision('registry');
  const indexSeconds = (now() - started) / 1000;
  const rebuild = await timedRebuild(fresh);
  await fresh.close();
  const floor = [await rawRead(ledgerStream), await rawRead(ledgerStream)].sort((a, b) => a.seconds - b.seconds)[0]!;
  const local = new SqliteEventStore(sqlite);
  const onSqlite = await timedRebuild(local);
  await local.close();
  progress(
    `esdb ${connection.description}: imported ${imported.events} events in ${importSeconds.toFixed(1)} s; index caught up in ${indexSeconds.toFixed(2)} s; ` +
      `rebuild ${rebuild.seconds.toFixed(2)} s; raw read ${floor.seconds.toFixed(2)} s; SQLite rebuild ${onSqlite.seconds.toFixed(2)} s`,
  );
  return {
    events: imported.events,
    importEventsPerSecond: imported.events / importSeconds,
    indexSeconds,
    rebuildSeconds: rebuild.seconds,
    rebuildEventsPerSecond: rebuild.events / rebuild.seconds,
    floorEventsPerSecond: floor.events / floor.seconds,
    sqliteRebuildEventsPerSecond: onSqlite.events / onSqlite.seconds,
    floorSeconds: floor.seconds,
    firstFrame,
  };
}

const run = promisify(execFile);

/** A fresh process's first frame read: without snapshot and checkpoint (it writes them), then twice with them (the better counts). */
async function firstFrames(setting: string) {
  const checkpoint = join(directory, `first-frame-${ulid().toLowerCase()}`, 'projections.json');
  const child = join(ROOT, 'dist', 'bench', 'children', 'esdb-first-frame.js');
  const once = async () => {
    const { stdout } = await run(process.execPath, [child, '--store', setting, '--checkpoint', checkpoint], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as FirstFrame;
  };
  const cold = await once();
  const warm = [await once(), await once()].sort((a, b) => a.firstFrameMs - b.firstFrameMs)[0]!;
  progress(
    `esdb ${connection.description}: first frame read ${(cold.firstFrameMs / 1000).toFixed(2)} s from the log, ` +
      `${(warm.firstFrameMs / 1000).toFixed(2)} s from the snapshot (${warm.index}, projections from ${warm.projections}; peak RSS ${warm.peakRssMiB.toFixed(0)} MiB)`,
  );
  return { cold, warm };
}

interface FirstFrame {
  readyMs: number;
  firstFrameMs: number;
  cpuMs: number;
  projections: string;
  index: string | null;
  indexReason: string | null;
  peakRssMiB: number;
}

try {
  const commands: GeneratedCommand[] = [];
  for (const step of generateSteps(seed, { events: count * 2 })) {
    commands.push(step.command);
    if (commands.length === count) break;
  }
  const oneAtATime = await appends(commands, 1);
  const concurrent = await appends(commands, inFlight);
  const history = await importAndRebuild();
  result({ server: connection.description, commands: count, oneAtATime, concurrent, history, peakRssMiB: peakRssMiB() });
} finally {
  await client.dispose();
  rmSync(directory, { recursive: true, force: true });
}
