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
  // The floor, interleaved chunk by chunk with the handler so both see the same disk:
  // the very rows the ledger just stored, one autocommitted INSERT each.
  const { db, insert } = openRaw(join(directory, 'raw.sqlite'));
  const reader = new SqliteEventStore(file);
  const chunk = 250;
  let handlerSeconds = 0;
  let rawSeconds = 0;
  let rawRows = 0;
  let events = 0;
  let position = 0;
  gc();
  for (let start = 0; start < commands.length; start += chunk) {
    let started = now();
    for (const command of commands.slice(start, start + chunk)) events += (await ledger.handler.execute(command, { actor: 'bench' })).events.length;
    handlerSeconds += (now() - started) / 1000;
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
      });
    }
    started = now();
    for (const row of rows) insert.run(row);
    rawSeconds += (now() - started) / 1000;
    rawRows += rows.length;
  }
  await reader.close();
  await ledger.close();
  db.close();
  progress(`append: ${count} commands (${events} events) through the handler in ${handlerSeconds.toFixed(2)} s; the same ${rawRows} rows as raw single-row commits in ${rawSeconds.toFixed(2)} s`);
  result({ commands: count, events, commandsPerSecond: count / handlerSeconds, eventsPerSecond: events / handlerSeconds, floorRowsPerSecond: rawRows / rawSeconds, peakRssMiB: peakRssMiB() });
} finally {
  rmSync(directory, { recursive: true, force: true });
}
