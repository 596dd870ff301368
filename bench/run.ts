/**
 * `npm run bench`: the ledger's figures beside floors measured in the same run on the
 * same machine. Not part of `npm test`; no test asserts a wall-clock time.
 *
 * Environment:
 * - BENCH_EVENTS (default 1 000 000): the size of the seeded history; smaller for a quick run.
 * - BENCH_SEED (default 2025)
 * - BENCH_ONLY: a comma-separated subset of append, import, rebuild, serve, cli, esdb
 * - LEDGER_TEST_ESDB (or LEDGER_BENCH_ESDB, several separated by spaces): EventStoreDB servers to measure (bench/lib/esdb.ts)
 * - BENCH_DURATION (default 10): seconds of load per HTTP measurement
 * - BENCH_CONNECTIONS (default 10): concurrent HTTP connections
 * - BENCH_APPEND_COMMANDS (default 3000): commands in the append measurement
 * - BENCH_IN_FLIGHT (default 16): commands sent at once in the concurrent append measurement
 * - BENCH_EMMETT_COMMANDS (default 1000): commands in the Emmett comparison (Emmett re-reads a stream per command)
 *
 * Writes bench/reports/latest.json and bench/reports/latest.md and prints the table.
 * The history is built once through the rules and cached in bench/reports/cache/.
 */
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { yearsOf } from '../test/support/generator.js';
import { REPORTS, progress, runTask } from './lib/common.js';
import { ensureHistory } from './lib/history.js';
import { measureEventStoreDb } from './lib/esdb.js';

const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const seed = Number(process.env.BENCH_SEED ?? 2025);
const only = new Set((process.env.BENCH_ONLY ?? 'append,import,rebuild,serve,cli').split(',').map((name) => name.trim()));
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const appendCommands = Number(process.env.BENCH_APPEND_COMMANDS ?? 3000);
const appendInFlight = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const emmettCommands = Number(process.env.BENCH_EMMETT_COMMANDS ?? 1000);

interface Row {
  figure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  met: 'yes' | 'NO' | 'n/a';
}

const rows: Row[] = [];
const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratioRow = (figure: string, value: number, floor: number, unit: string, target: number, floorName: string) =>
  rows.push({
    figure,
    value: `${number(value)} ${unit}`,
    floor: `${number(floor)} ${unit} (${floorName})`,
    ratio: number(value / floor, 2),
    target: `≥ ${target}`,
    met: value / floor >= target ? 'yes' : 'NO',
  });

const started = Date.now();
const history = await ensureHistory(events, seed);
progress(
  `history: ${history.events} events, ${history.commands} commands (SQLite ${number(history.sqliteBytes / 2 ** 20)} MiB, export ${number(history.ndjsonBytes / 2 ** 20)} MiB, checkpoint ${number(history.checkpointBytes / 2 ** 20)} MiB)`,
);
const results: Record<string, unknown> = {};
const millionNote =
  history.events >= 1_000_000 ? '' : ` (history of ${number(history.events)} events: run with BENCH_EVENTS=1000000 to judge)`;

if (only.has('append')) {
  progress('append …');
  type AppendFigures = { commands: number; commandsPerSecond: number; floorRowsPerSecond: number };
  const append = await runTask<AppendFigures & { inFlight: number; concurrent: AppendFigures }>('append', [
    '--commands',
    String(appendCommands),
    '--seed',
    String(seed + 1),
    '--in-flight',
    String(appendInFlight),
  ]);
  results.append = append;
  ratioRow(
    `Durable single-command appends through the command handler, one at a time (${append.commands} generated commands, fresh file)`,
    append.commandsPerSecond,
    append.floorRowsPerSecond,
    'commands/s',
    0.7,
    'raw single-row commits/s, WAL + synchronous=FULL',
  );
  ratioRow(
    `Durable single-command appends through the command handler, ${append.inFlight} in flight (recorded in groups, one commit each)`,
    append.concurrent.commandsPerSecond,
    append.concurrent.floorRowsPerSecond,
    'commands/s',
    1.0,
    'raw single-row commits/s, same run',
  );
}

if (only.has('append')) {
  progress('emmett …');
  type EmmettFigures = {
    commands: number;
    failed: number;
    firstFailure: string | null;
    events: number;
    storedEvents: number;
    commandsPerSecond: number;
    floorRowsPerSecond: number;
    synchronous: number;
    abandoned: boolean;
  };
  type SetUp = { oneAtATime: EmmettFigures; concurrent: EmmettFigures };
  const emmett = await runTask<{ inFlight: number; store: SetUp; connection: SetUp }>('emmett', [
    '--commands',
    String(emmettCommands),
    '--seed',
    String(seed + 1),
    '--in-flight',
    String(appendInFlight),
  ]);
  results.emmett = emmett;
  const append = results.append as { commandsPerSecond: number; concurrent: { commandsPerSecond: number } };
  for (const [kind, what] of [
    ['store', "getSQLiteEventStore + Emmett's CommandHandler, as documented"],
    ['connection', 'one long-lived sqliteConnection, readStream + appendToStream'],
  ] as const)
    for (const [when, ledger] of [
      ['oneAtATime', append.commandsPerSecond],
      ['concurrent', append.concurrent.commandsPerSecond],
    ] as const) {
      const figures = emmett[kind][when];
      const lost = figures.events - figures.storedEvents;
      rows.push({
        figure: `Emmett's SQLite event store (${what}): ${figures.commands + figures.failed} of the same commands decided and appended, ${when === 'oneAtATime' ? 'one at a time' : `${emmett.inFlight} in flight`} (WAL, synchronous=${figures.synchronous === 2 ? 'FULL' : figures.synchronous})${figures.failed ? `; ${figures.failed} failed (${figures.firstFailure})${figures.abandoned ? ', abandoned after the first 256' : ''}` : ''}${lost > 0 ? `; ${lost} acknowledged events missing from its file` : ''}`,
        value: figures.commands === 0 ? 'none recorded' : `${number(figures.commandsPerSecond)} commands/s`,
        floor: `${number(figures.floorRowsPerSecond)} commands/s (raw single-row commits, same run)`,
        ratio: number(figures.commandsPerSecond / figures.floorRowsPerSecond, 2),
        target:
          figures.commands === 0 ? 'the ledger: all recorded' : `the ledger: ${number(ledger / figures.commandsPerSecond, 1)} × Emmett`,
        met: 'n/a',
      });
    }
}

if (only.has('import')) {
  progress('import …');
  const imported = await runTask<{ events: number; eventsPerSecond: number; floorEventsPerSecond: number }>('import', [
    '--ndjson',
    history.ndjson,
  ]);
  results.import = imported;
  ratioRow(
    `Bulk import through importExport: checksum, hash chains, schemas; one pass, one transaction (${number(imported.events)} events)`,
    imported.eventsPerSecond,
    imported.floorEventsPerSecond,
    'events/s',
    0.5,
    'raw batched inserts',
  );
}

if (only.has('rebuild')) {
  progress('rebuild …');
  const rebuild = await runTask<{
    events: number;
    seconds: number;
    eventsPerSecond: number;
    floorEventsPerSecond: number;
    recordFloorEventsPerSecond: number;
    peakRssMiB: number;
  }>('rebuild', ['--sqlite', history.sqlite]);
  results.rebuild = rebuild;
  ratioRow(
    `Rebuild of every projection (ProjectionRunner.rebuild, ${number(rebuild.events)} events)`,
    rebuild.eventsPerSecond,
    rebuild.floorEventsPerSecond,
    'events/s',
    0.7,
    "the rebuild's own lean read of the rows (every metadata text included) + JSON.parse of their data, alone",
  );
  ratioRow(
    '&nbsp;&nbsp;the same against the earlier floor (readAllSync: every column of every row as a record, JSON parsed)',
    rebuild.eventsPerSecond,
    rebuild.recordFloorEventsPerSecond,
    'events/s',
    0.5,
    'readAllSync alone',
  );
  const projected = (rebuild.seconds * 1_000_000) / rebuild.events;
  rows.push({
    figure: `Rebuild of a 1,000,000-event history${millionNote}`,
    value: history.events >= 1_000_000 ? `${number(rebuild.seconds, 2)} s` : `${number(projected, 2)} s (extrapolated)`,
    floor: `${number(1_000_000 / rebuild.floorEventsPerSecond, 2)} s (the lean read + JSON.parse)`,
    ratio: '',
    target: '< 5 s',
    met: history.events >= 1_000_000 ? (rebuild.seconds < 5 ? 'yes' : 'NO') : 'n/a',
  });
  rows.push({
    figure: `Peak RSS while rebuilding ${number(rebuild.events)} events`,
    value: `${number(rebuild.peakRssMiB)} MiB`,
    floor: '',
    ratio: '',
    target: '< 512 MiB',
    met: history.events >= 1_000_000 ? (rebuild.peakRssMiB < 512 ? 'yes' : 'NO') : 'n/a',
  });
}

if (only.has('serve')) {
  progress('serve …');
  const years = yearsOf({ events });
  const year = years[Math.floor(years.length / 2)]!;
  type Load = { requestsPerSecond: number; p50: number; p99: number; errors: number; timeouts: number };
  const serve = await runTask<{
    events: number;
    startupMilliseconds: number;
    startups: number[];
    emptyStartupMilliseconds: number;
    memoryAfterStart: { rssMiB: number; peakRssMiB: number };
    memoryAfterLoad: { rssMiB: number; peakRssMiB: number };
    nodeFlags: string[];
    rows: Record<string, string | number>;
    bytes: Record<string, number>;
    balances: Load;
    explain: Load;
    explainAlone: Load;
    explainSpentPaged: Load;
    explainSpentDeep: Load;
    explainUnpaged: Load;
    explainSpent: Load;
    floor: Load;
    floorBefore: Load;
    floorAfter: Load;
    frame: Load;
    memoryAfterAsOfLoad: { rssMiB: number; peakRssMiB: number };
    asOf: Record<'asOfFrame' | 'asOfBalances' | 'asOfExplain' | 'asOfExplainAlone', Load>;
    asOfExample: string;
  }>('serve', ['--sqlite', history.sqlite, '--year', String(year), '--duration', String(duration), '--connections', String(connections)]);
  results.serve = { ...serve, year };
  rows.push({
    figure: `Start-up to serving (node dist/src/main.js: open, restore the checkpoint, listen; spawn → first /api/health answer)${millionNote}`,
    value: `${number(serve.startupMilliseconds)} ms (median of ${serve.startups.length}; all: ${serve.startups.map((milliseconds) => number(milliseconds)).join(', ')} ms)`,
    floor: `${number(serve.emptyStartupMilliseconds)} ms (the same server with an empty store, median)`,
    ratio: number(serve.startupMilliseconds / serve.emptyStartupMilliseconds, 2),
    target: '< 1000 ms and ≤ 3 × the empty store',
    met:
      history.events >= 1_000_000
        ? serve.startupMilliseconds < 1000 && serve.startupMilliseconds <= 3 * serve.emptyStartupMilliseconds
          ? 'yes'
          : 'NO'
        : 'n/a',
  });
  const floorText = `${number(serve.floor.requestsPerSecond)} req/s, p99 ${serve.floor.p99} ms (trivial express route, the faster of ${number(serve.floorBefore.requestsPerSecond)} before and ${number(serve.floorAfter.requestsPerSecond)} after the ledger's load)`;
  const kib = (name: string) => `${number((serve.bytes[name] ?? 0) / 1024)} KiB`;
  for (const [name, load, what] of [
    ['frame', serve.frame, `GET /api/years/${year}/frame (${kib('frame')})`],
    ['balances', serve.balances, `GET /api/years/${year}/balances (${kib('balances')})`],
    ['explain', serve.explain, `GET /api/explain?year=${year}&figure=available (${serve.rows.explain} rows, ${kib('explain')})`],
    [
      'explainSpentPaged',
      serve.explainSpentPaged,
      `GET /api/explain?year=${year}&figure=spent (${serve.rows.explainSpentPaged} rows, ${kib('explainSpentPaged')})`,
    ],
    [
      'explainSpentDeep',
      serve.explainSpentDeep,
      `GET /api/explain?year=${year}&figure=spent (${serve.rows.explainSpentDeep} rows, ${kib('explainSpentDeep')})`,
    ],
    [
      'explainUnpaged',
      serve.explainUnpaged,
      `GET /api/explain?year=${year}&figure=available (${serve.rows.explainUnpaged} rows, ${kib('explainUnpaged')})`,
    ],
    [
      'explainSpent',
      serve.explainSpent,
      `GET /api/explain?year=${year}&figure=spent (${serve.rows.explainSpent} rows, ${kib('explainSpent')})`,
    ],
  ] as const) {
    const ratio = load.requestsPerSecond / serve.floor.requestsPerSecond;
    rows.push({
      figure: `HTTP ${what}, ${connections} connections`,
      value: `${number(load.requestsPerSecond, load.requestsPerSecond < 10 ? 1 : 0)} req/s, p99 ${load.p99} ms${load.errors ? ` (${load.errors} errors, ${load.timeouts} of them timeouts > 10 s)` : ''}`,
      floor: floorText,
      ratio: number(ratio, 3),
      target: '≥ 0.6',
      met: ratio >= 0.6 ? 'yes' : 'NO',
    });
    if (name !== 'balances' && name !== 'frame')
      rows.push({
        figure: `  p99 latency of ${what}`,
        value: `${load.p99} ms${load.timeouts ? ' (timeouts not counted)' : ''}`,
        floor: '',
        ratio: '',
        target: '< 50 ms',
        met: load.p99 < 50 ? 'yes' : 'NO',
      });
  }
  rows.push({
    figure: `  p99 latency of the same explain with one connection (no queueing)`,
    value: `${serve.explainAlone.p99} ms (${number(serve.explainAlone.requestsPerSecond)} req/s)`,
    floor: '',
    ratio: '',
    target: '< 50 ms',
    met: serve.explainAlone.p99 < 50 ? 'yes' : 'NO',
  });
  rows.push({
    figure: `Peak RSS of the server with ${number(serve.events)} events (after start / after the load; node ${serve.nodeFlags.join(' ') || 'without flags'})`,
    value: `${number(serve.memoryAfterStart.peakRssMiB)} / ${number(serve.memoryAfterLoad.peakRssMiB)} MiB`,
    floor: '',
    ratio: '',
    target: '< 512 MiB',
    met: history.events >= 1_000_000 ? (serve.memoryAfterLoad.peakRssMiB < 512 ? 'yes' : 'NO') : 'n/a',
  });
  asOfRows(serve, year, floorText);
  results.serverStartupMilliseconds = serve.startupMilliseconds;
}

/** The as-of loads beside the plain ones: every request as of another date or position (e.g. `…&asOf=2030-05-30`, `…&asOfPosition=N`). */
function asOfRows(
  serve: {
    floor: { requestsPerSecond: number };
    asOf: Record<
      'asOfFrame' | 'asOfBalances' | 'asOfExplain' | 'asOfExplainAlone',
      { requestsPerSecond: number; p99: number; errors: number }
    >;
    memoryAfterLoad: { peakRssMiB: number; rssMiB: number };
    memoryAfterAsOfLoad: { peakRssMiB: number; rssMiB: number };
  },
  year: number,
  floorText: string,
): void {
  for (const [name, what, target] of [
    ['asOfFrame', `GET /api/years/${year}/frame as of another date or position every request`, 50],
    ['asOfBalances', `GET /api/years/${year}/balances as of another date or position every request`, 50],
    ['asOfExplain', `GET /api/explain?year=${year}&figure=spent (a page of 100 rows) as of another date or position every request`, 50],
  ] as const) {
    const load = serve.asOf[name];
    rows.push({
      figure: `HTTP ${what}, ${connections} connections`,
      value: `${number(load.requestsPerSecond)} req/s, p99 ${load.p99} ms${load.errors ? ` (${load.errors} errors)` : ''}`,
      floor: floorText,
      ratio: number(load.requestsPerSecond / serve.floor.requestsPerSecond, 3),
      target: `p99 < ${target} ms`,
      met: load.p99 < target ? 'yes' : 'NO',
    });
  }
  const alone = serve.asOf.asOfExplainAlone;
  rows.push({
    figure: '  p99 latency of the same as-of explanation page with one connection (no queueing)',
    value: `${alone.p99} ms (${number(alone.requestsPerSecond)} req/s)`,
    floor: '',
    ratio: '',
    target: '< 50 ms',
    met: alone.p99 < 50 ? 'yes' : 'NO',
  });
  const ratio = serve.memoryAfterAsOfLoad.peakRssMiB / serve.memoryAfterLoad.peakRssMiB;
  rows.push({
    figure: 'Peak RSS of the server after the as-of loads, beside its peak after the plain loads (the live view in use)',
    value: `${number(serve.memoryAfterAsOfLoad.peakRssMiB)} MiB (now ${number(serve.memoryAfterAsOfLoad.rssMiB)})`,
    floor: `${number(serve.memoryAfterLoad.peakRssMiB)} MiB`,
    ratio: number(ratio, 2),
    target: '≤ 1.5',
    met: ratio <= 1.5 ? 'yes' : 'NO',
  });
}

if (only.has('cli')) {
  progress('cli …');
  const years = yearsOf({ events });
  const year = years[Math.floor(years.length / 2)]!;
  type Measured = { milliseconds: number; all: number[]; command: string };
  const cli = await runTask<{ measured: Record<string, Measured>; checkpointRewritten: boolean; position: number }>('cli', [
    '--sqlite',
    history.sqlite,
    '--year',
    String(year),
  ]);
  results.cli = cli;
  const startup = cli.measured.startup!;
  for (const name of ['frame', 'frameAsOfDate', 'frameAsOfPosition', 'balancesAsOfDate', 'explainAsOfDate']) {
    const read = cli.measured[name]!;
    rows.push({
      figure: `CLI cold read \`${read.command}\` (spawn → exit: restores the checkpoint)${millionNote}`,
      value: `${number(read.milliseconds)} ms (median of ${read.all.length})`,
      floor: `${number(startup.milliseconds)} ms (CLI start-up: \`ledger --help\`)`,
      ratio: number(read.milliseconds / startup.milliseconds, 2),
      target: `≤ 1.5 × \`ledger --help\`: ${number(1.5 * startup.milliseconds)} ms`,
      met: history.events < 1_000_000 ? 'n/a' : read.milliseconds <= 1.5 * startup.milliseconds ? 'yes' : 'NO',
    });
  }
  rows.push({
    figure: 'CLI reads leave the checkpoint as it was (written back only when the view moved)',
    value: cli.checkpointRewritten ? 'rewritten' : 'untouched',
    floor: '',
    ratio: '',
    target: 'untouched',
    met: cli.checkpointRewritten ? 'NO' : 'yes',
  });
}

// EventStoreDB, when a server is named (bench/lib/esdb.ts); BENCH_ONLY=esdb runs it alone.
if (!process.env.BENCH_ONLY || only.has('esdb')) {
  const esdb = await measureEventStoreDb(seed);
  if (esdb) {
    results.esdb = esdb.results;
    rows.push(...esdb.rows);
  }
}

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: process.platform,
};
const header = ['Figure', 'Value', 'Floor (same run)', 'Ratio', 'Target', 'Met'];
const table = [
  `| ${header.join(' | ')} |`,
  `|${header.map((_, index) => (index === 0 ? '---' : index === 1 || index === 3 ? '---:' : '---')).join('|')}|`,
  ...rows.map((row) => `| ${[row.figure, row.value, row.floor, row.ratio, row.target, row.met].join(' | ')} |`),
].join('\n');
const markdown = [
  `# Benchmark report`,
  '',
  `${new Date().toISOString()} · ${machine.cpus} × ${machine.cpu} · ${machine.memoryGiB} GiB · Node ${machine.node}`,
  `History: ${number(history.events)} events from ${number(history.commands)} generated commands (seed ${seed}), recorded through the rules; SQLite ${number(history.sqliteBytes / 2 ** 20)} MiB, export ${number(history.ndjsonBytes / 2 ** 20)} MiB, checkpoint ${number(history.checkpointBytes / 2 ** 20)} MiB.`,
  '',
  table,
  '',
].join('\n');
mkdirSync(REPORTS, { recursive: true });
writeFileSync(
  join(REPORTS, 'latest.json'),
  `${JSON.stringify({ when: new Date().toISOString(), machine, seed, history, results, rows, seconds: (Date.now() - started) / 1000 }, null, 2)}\n`,
);
writeFileSync(join(REPORTS, 'latest.md'), markdown);
process.stdout.write(`\n${markdown}\n`);
