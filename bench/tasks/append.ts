/**
 * Durable single-command appends: commands/s through the command handler on a SQLite
 * file (WAL, synchronous = FULL, one transaction per command), against the floor of
 * raw better-sqlite3 single-row commits of the same rows with the same durability.
 *
 *   node dist/bench/tasks/append.js --commands N --seed S
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../src/ledger.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { generateSteps } from '../../test/support/generator.js';
import { argument, gc, now, peakRssMiB, progress, result } from '../lib/common.js';
import { openRaw, type RawRow } from '../lib/raw.js';

const count = Number(argument('commands', '3000'));
const seed = Number(argument('seed', '7'));
const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-append-'));
try {
  const commands = [];
  for (const step of generateSteps(seed, { events: count * 2 })) {
    commands.push(step.command);
    if (commands.length === count) break;
  }
  const file = join(directory, 'ledger.sqlite');
  const ledger = await openLedger({ store: file, checkpointPath: null });
  gc();
  const started = now();
  let events = 0;
  for (const command of commands) events += (await ledger.handler.execute(command, { actor: 'bench' })).events.length;
  const seconds = (now() - started) / 1000;
  await ledger.close();
  progress(`append: ${count} commands (${events} events) through the handler in ${seconds.toFixed(2)} s`);

  // The floor: the very rows the ledger stored, one autocommitted INSERT each.
  const stored = new SqliteEventStore(file);
  const rows: RawRow[] = [];
  for (const record of stored.readAllSync())
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
    });
  await stored.close();
  const floors: number[] = [];
  for (let run = 0; run < 2; run++) {
    const path = join(directory, `raw-${run}.sqlite`);
    const { db, insert } = openRaw(path);
    const rawStarted = now();
    for (const row of rows.slice(0, count)) insert.run(row);
    floors.push(Math.min(count, rows.length) / ((now() - rawStarted) / 1000));
    db.close();
  }
  progress(`append: raw single-row commits ${floors.map((floor) => floor.toFixed(0)).join(' and ')} rows/s`);
  result({ commands: count, events, commandsPerSecond: count / seconds, eventsPerSecond: events / seconds, floorRowsPerSecond: Math.max(...floors), peakRssMiB: peakRssMiB() });
} finally {
  rmSync(directory, { recursive: true, force: true });
}
