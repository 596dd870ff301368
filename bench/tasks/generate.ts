/**
 * Builds the cached benchmark history: the seeded generator's commands recorded through
 * the real rules (command handler on an in-memory store, a fresh handler every year so
 * its caches stay small), exported to NDJSON, imported into a SQLite file with every
 * check, and projected once to write the checkpoint a server starts from.
 *
 *   node dist/bench/tasks/generate.js --events N --seed S --out PREFIX
 * writes PREFIX.ndjson, PREFIX.sqlite, PREFIX.sqlite.projections.json and PREFIX.json (what was built).
 */
import { createWriteStream, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { ulidFactory } from '../../src/domain/ulid.js';
import { CommandHandler } from '../../src/app/command-handler.js';
import { exportLines, importExport } from '../../src/app/transfer.js';
import { openLedger } from '../../src/ledger.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { generateSteps, resolveReferences } from '../../test/support/generator.js';
import { argument, now, progress, result } from '../lib/common.js';

const events = Number(argument('events'));
const seed = Number(argument('seed'));
const prefix = argument('out');
const started = now();

const memory = new SqliteEventStore(':memory:');
const newId = ulidFactory();
let instant = 0;
let handler: CommandHandler | null = null;
let handlerYear = -1;
let commands = 0;
let recorded = 0;
for (const step of generateSteps(seed, { events })) {
  if (step.year !== handlerYear) {
    handler = new CommandHandler(memory, { clock: () => new Date(instant), newId });
    handlerYear = step.year;
  }
  // Recorded on the day it took effect, during office hours.
  instant = Date.parse(`${step.command.effectiveDate}T07:00:00Z`) + (commands % 30_000) * 1000;
  const outcome = await handler!.execute(await resolveReferences(step.command, memory), { actor: 'sekretariat' });
  commands += 1;
  recorded += outcome.events.length;
  if (commands % 50_000 === 0) progress(`generate: ${commands} commands, ${recorded} events (${((now() - started) / 1000).toFixed(0)} s)`);
}
const generatedSeconds = (now() - started) / 1000;
progress(`generate: ${commands} commands, ${recorded} events through the rules in ${generatedSeconds.toFixed(1)} s; exporting`);

const ndjson = `${prefix}.ndjson`;
const out = createWriteStream(`${ndjson}.tmp`, { highWaterMark: 1 << 20 });
for await (const line of exportLines(memory, new Date('2061-01-01T00:00:00Z'))) {
  if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}
await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
renameSync(`${ndjson}.tmp`, ndjson);
await memory.close();

progress('generate: importing into SQLite');
const sqlite = `${prefix}.sqlite`;
for (const suffix of ['', '-wal', '-shm', '.projections.json']) rmSync(`${sqlite}${suffix}`, { force: true });
const store = new SqliteEventStore(sqlite);
await importExport(store, { file: ndjson }, (done) => done % 200_000 === 0 && progress(`generate: imported ${done}`));
await store.close();

progress('generate: projecting once for the checkpoint');
const ledger = await openLedger({ store: sqlite });
await ledger.runner.rebuild();
ledger.runner.saveCheckpoint();
await ledger.close();

const built = {
  seed,
  events: recorded,
  commands,
  generatedSeconds,
  ndjsonBytes: statSync(ndjson).size,
  sqliteBytes: statSync(sqlite).size,
  checkpointBytes: statSync(`${sqlite}.projections.json`).size,
  totalSeconds: (now() - started) / 1000,
};
writeFileSync(`${prefix}.json`, `${JSON.stringify(built, null, 2)}\n`);
result(built);
