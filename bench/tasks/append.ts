/**
 * Durable single-command appends: commands/s through the command handler on a SQLite
 * file (WAL, synchronous = FULL: a command resolves only once it is on disk), against
 * the floor of raw better-sqlite3 single-row commits of the same rows with the same
 * durability. Measured twice on fresh files: one command at a time (each awaited
 * before the next is sent), and with several commands in flight at once, as an HTTP
 * server sees them, which the handler records in groups (one commit per group).
 *
 *   node dist/bench/tasks/append.js --commands N --seed S [--in-flight K]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../src/ledger.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { generateSteps, resolveReferences, type GeneratedCommand } from '../../test/support/generator.js';
import { argument, gc, now, peakRssMiB, progress, result } from '../lib/common.js';
import { openRaw, type RawRow } from '../lib/raw.js';

const count = Number(argument('commands', '3000'));
const seed = Number(argument('seed', '7'));
const inFlight = Number(argument('in-flight', '16'));
const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-append-'));

interface Measured {
  commands: number;
  events: number;
  handlerSeconds: number;
  rawRows: number;
  rawSeconds: number;
}

/**
 * The handler on a fresh file, `window` commands in flight at a time, alternating chunk
 * by chunk with the floor (the very rows the ledger just stored, one autocommitted
 * INSERT each into a table of the same shape) so both see the same disk.
 */
async function measure(name: string, commands: GeneratedCommand[], window: number): Promise<Measured> {
  const file = join(directory, `${name}.sqlite`);
  const ledger = await openLedger({ store: file, checkpointPath: null });
  const { db, insert } = openRaw(join(directory, `${name}-raw.sqlite`));
  const reader = new SqliteEventStore(file);
  const chunk = 256;
  const measured: Measured = { commands: commands.length, events: 0, handlerSeconds: 0, rawRows: 0, rawSeconds: 0 };
  let position = 0;
  gc();
  for (let start = 0; start < commands.length; start += chunk) {
    const slice = commands.slice(start, start + chunk);
    let started = now();
    for (let at = 0; at < slice.length; at += window) {
      // Sent together; the handler keeps their order, so each sees the ones before it.
      // A correction names the event it corrects, recorded long before: resolved first, so the window is still sent at once.
      const sent = await Promise.all(slice.slice(at, at + window).map((command) => resolveReferences(command, ledger.store)));
      const results = await Promise.all(sent.map((command) => ledger.handler.execute(command, { actor: 'bench' })));
      for (const recorded of results) measured.events += recorded.events.length;
    }
    measured.handlerSeconds += (now() - started) / 1000;
    const rows: RawRow[] = [];
    for (const record of reader.readAllSync({ afterPosition: position })) {
      position = record.position;
      rows.push({
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
      });
    }
    started = now();
    for (const row of rows) insert.run(row);
    measured.rawSeconds += (now() - started) / 1000;
    measured.rawRows += rows.length;
  }
  await reader.close();
  await ledger.close();
  db.close();
  progress(
    `append (${window} in flight): ${measured.commands} commands (${measured.events} events) through the handler in ${measured.handlerSeconds.toFixed(2)} s; ` +
      `the same ${measured.rawRows} rows as raw single-row commits in ${measured.rawSeconds.toFixed(2)} s`,
  );
  return measured;
}

try {
  const commands: GeneratedCommand[] = [];
  for (const step of generateSteps(seed, { events: count * 2 })) {
    commands.push(step.command);
    if (commands.length === count) break;
  }
  const figures = (measured: Measured) => ({
    commands: measured.commands,
    events: measured.events,
    commandsPerSecond: measured.commands / measured.handlerSeconds,
    eventsPerSecond: measured.events / measured.handlerSeconds,
    floorRowsPerSecond: measured.rawRows / measured.rawSeconds,
  });
  const oneAtATime = figures(await measure('sequential', commands, 1));
  const concurrent = figures(await measure('concurrent', commands, inFlight));
  result({ ...oneAtATime, inFlight, concurrent, peakRssMiB: peakRssMiB() });
} finally {
  rmSync(directory, { recursive: true, force: true });
}
