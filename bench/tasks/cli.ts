/**
 * The CLI on the whole history, cold: a new process for every command, as a user runs
 * it (spawn → exit). Its start-up alone (`ledger --help`: modules loaded, no store
 * opened) beside a plain read (`ledger frame <year>`) and reads as of a date and a log
 * position (a frame, balances, an explanation). Each is the median of `--runs`.
 *
 * A CLI read restores the projections' checkpoint and writes it back only when the view
 * moved: the checkpoint must be left as it was (its modification time is compared).
 *
 *   node dist/bench/tasks/cli.js --sqlite FILE --year 2030 [--runs 3]
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, argument, now, progress, result } from '../lib/common.js';

const sqlite = argument('sqlite');
const year = Number(argument('year', '2030'));
const runs = Number(argument('runs', '3'));
const bin = join(ROOT, 'bin', 'ledger.js');

/** Milliseconds from spawn to exit of `ledger …args`, which must succeed. */
function timed(args: string[]): number {
  const started = now();
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const milliseconds = now() - started;
  if (run.status !== 0) throw new Error(`ledger ${args.join(' ')} failed (exit ${run.status}): ${run.stderr}`);
  return milliseconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// A position in the middle of the year: the first event that took effect after its 30 June.
const db = new Database(sqlite, { readonly: true });
const position =
  (db
    .prepare<[string], { position: number | null }>(
      `SELECT MIN(position) AS position FROM events WHERE json_extract(metadata, '$.effectiveDate') > ?`,
    )
    .get(`${year}-06-30`)?.position ?? 1) - 1;
db.close();

const checkpoint = `${sqlite}.projections.json`;
const checkpointBefore = statSync(checkpoint).mtimeMs;
const store = ['--store', sqlite];
const commands: Record<string, string[]> = {
  startup: ['--help'],
  frame: [...store, 'frame', String(year)],
  frameAsOfDate: [...store, 'frame', String(year), '--as-of', `${year}-06-30`],
  frameAsOfPosition: [...store, 'frame', String(year), '--as-of-position', String(position)],
  balancesAsOfDate: [...store, 'balances', String(year), '--as-of', `${year}-06-30`],
  explainAsOfDate: [...store, 'explain', String(year), 'available', '--as-of', `${year}-06-30`],
};
const measured: Record<string, { milliseconds: number; all: number[]; command: string }> = {};
for (const [name, args] of Object.entries(commands)) {
  const all: number[] = [];
  for (let run = 0; run < runs; run++) all.push(timed(args));
  measured[name] = {
    milliseconds: median(all),
    all,
    command: `ledger ${args.filter((arg) => arg !== sqlite && arg !== '--store').join(' ')}`,
  };
  progress(`cli: ${measured[name].command} ${measured[name].milliseconds.toFixed(0)} ms (${all.map((ms) => ms.toFixed(0)).join(', ')})`);
}
const checkpointRewritten = statSync(checkpoint).mtimeMs !== checkpointBefore;
result({ year, position, runs, measured, checkpointRewritten });
