import { ensureHistory } from './history.js';
import { progress, runTask } from './common.js';

/**
 * The EventStoreDB measurements of `npm run bench`, when a server is named: each server
 * in `LEDGER_BENCH_ESDB` (connection strings separated by spaces), or else the one in
 * `LEDGER_TEST_ESDB`. A history of `BENCH_ESDB_EVENTS` (default 100 000) events is built
 * once and cached like the main one. Nothing runs when no server is named.
 */
export interface EsdbRow {
  figure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  met: 'yes' | 'NO' | 'n/a';
}

interface Appends {
  window: number;
  commandsPerSecond: number;
  floorAppendsPerSecond: number;
  emmett: { commandsPerSecond: number; commands: number; failed: number; firstFailure: string | null } | null;
  sqliteCommandsPerSecond: number;
}

interface FirstFrame {
  firstFrameMs: number;
  cpuMs: number;
  index: string | null;
  projections: string;
  peakRssMiB: number;
}

interface EsdbFigures {
  server: string;
  commands: number;
  oneAtATime: Appends;
  concurrent: Appends;
  history: {
    events: number;
    importEventsPerSecond: number;
    indexSeconds: number;
    rebuildSeconds: number;
    rebuildEventsPerSecond: number;
    floorEventsPerSecond: number;
    sqliteRebuildEventsPerSecond: number;
    floorSeconds: number;
    firstFrame: { cold: FirstFrame; warm: FirstFrame };
  };
  peakRssMiB: number;
}

function esdbServers(): string[] {
  const listed = process.env.LEDGER_BENCH_ESDB?.trim() || process.env.LEDGER_TEST_ESDB?.trim() || '';
  return listed.split(/\s+/).filter((server) => server !== '');
}

const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function measureEventStoreDb(seed: number): Promise<{ results: EsdbFigures[]; rows: EsdbRow[] } | null> {
  const servers = esdbServers();
  if (servers.length === 0) {
    progress('esdb: no server named (LEDGER_TEST_ESDB or LEDGER_BENCH_ESDB): skipped');
    return null;
  }
  const history = await ensureHistory(Number(process.env.BENCH_ESDB_EVENTS ?? 100_000), seed);
  const commands = process.env.BENCH_ESDB_COMMANDS ?? '500';
  const results: EsdbFigures[] = [];
  const rows: EsdbRow[] = [];
  for (const server of servers) {
    progress(`esdb: ${server.replace(/\/\/[^@/?]*@/, '//')} …`);
    const figures = await runTask<EsdbFigures>('esdb', [
      ...['--server', server, '--ndjson', history.ndjson, '--sqlite', history.sqlite],
      ...['--commands', commands, '--seed', String(seed + 1), '--in-flight', process.env.BENCH_IN_FLIGHT ?? '16'],
    ]);
    results.push(figures);
    rows.push(...rowsOf(figures));
  }
  return { results, rows };
}

function rowsOf(figures: EsdbFigures): EsdbRow[] {
  const on = `EventStoreDB ${figures.server}`;
  const appendRow = (appends: Appends, how: string): EsdbRow[] => [
    {
      figure: `${on}: appends through the command handler, ${how} (${figures.commands} generated commands)`,
      value: `${number(appends.commandsPerSecond)} commands/s`,
      floor: `${number(appends.floorAppendsPerSecond)} raw unary appends/s of the same events, ${how}`,
      ratio: number(appends.commandsPerSecond / appends.floorAppendsPerSecond, 2),
      target: '≥ 0.7',
      met: appends.commandsPerSecond / appends.floorAppendsPerSecond >= 0.7 ? 'yes' : 'NO',
    },
    {
      figure: `&nbsp;&nbsp;the same commands through Emmett's EventStoreDB event store (CommandHandler), ${how}`,
      value: appends.emmett
        ? `${number(appends.emmett.commandsPerSecond)} commands/s${appends.emmett.failed > 0 ? ` (${appends.emmett.failed} refused: ${appends.emmett.firstFailure ?? ''})` : ''}`
        : 'not installed (npm ci --prefix bench/emmett-esdb)',
      floor: '',
      ratio: appends.emmett ? number(appends.emmett.commandsPerSecond / appends.floorAppendsPerSecond, 2) : '',
      target: '',
      met: 'n/a',
    },
    {
      figure: `&nbsp;&nbsp;the same commands on a fresh SQLite file, ${how}`,
      value: `${number(appends.sqliteCommandsPerSecond)} commands/s`,
      floor: '',
      ratio: '',
      target: '',
      met: 'n/a',
    },
  ];
  const { history } = figures;
  return [
    ...appendRow(figures.oneAtATime, 'one at a time'),
    ...appendRow(figures.concurrent, `${figures.concurrent.window} in flight`),
    {
      figure: `${on}: import of ${number(history.events)} events (importExport, batches under the maximum append size)`,
      value: `${number(history.importEventsPerSecond)} events/s`,
      floor: '',
      ratio: '',
      target: '',
      met: 'n/a',
    },
    {
      figure: `${on}: a fresh process's first frame read, from its start, with the index snapshot and the checkpoint (${number(history.events)} events)`,
      value: `${number(history.firstFrame.warm.firstFrameMs / 1000, 2)} s (CPU ${number(history.firstFrame.warm.cpuMs / 1000, 2)} s; index from ${history.firstFrame.warm.index ?? '?'}, projections from ${history.firstFrame.warm.projections})`,
      floor: `${number(history.floorSeconds, 2)} s (raw paged read of the whole stream)`,
      ratio: number(history.firstFrame.warm.firstFrameMs / 1000 / history.floorSeconds, 2),
      target: '≤ 2 s',
      met: history.events >= 1_000_000 ? (history.firstFrame.warm.firstFrameMs <= 2000 ? 'yes' : 'NO') : 'n/a',
    },
    {
      figure: '&nbsp;&nbsp;the same without snapshot and checkpoint (it builds both from the log and writes them)',
      value: `${number(history.firstFrame.cold.firstFrameMs / 1000, 2)} s`,
      floor: '',
      ratio: '',
      target: '',
      met: 'n/a',
    },
    {
      figure: "&nbsp;&nbsp;that process's peak RSS (projections and the store's index), from the snapshot",
      value: `${number(history.firstFrame.warm.peakRssMiB)} MiB`,
      floor: '',
      ratio: '',
      target: '< 512 MiB (the SQLite server at 1 000 000 events)',
      met: history.events >= 1_000_000 ? (history.firstFrame.warm.peakRssMiB < 512 ? 'yes' : 'NO') : 'n/a',
    },
    {
      figure: `${on}: index caught up by a fresh process without a snapshot (reads the whole ledger stream once)`,
      value: `${number(history.indexSeconds, 2)} s`,
      floor: '',
      ratio: '',
      target: '',
      met: 'n/a',
    },
    {
      figure: `${on}: rebuild of every projection (${number(history.events)} events)`,
      value: `${number(history.rebuildEventsPerSecond)} events/s (${number(history.rebuildSeconds, 2)} s)`,
      floor: `${number(history.floorEventsPerSecond)} events/s (raw paged read of the stream with the client)`,
      ratio: number(history.rebuildEventsPerSecond / history.floorEventsPerSecond, 2),
      target: '',
      met: 'n/a',
    },
    {
      figure: `&nbsp;&nbsp;the same rebuild from SQLite`,
      value: `${number(history.sqliteRebuildEventsPerSecond)} events/s`,
      floor: '',
      ratio: '',
      target: '',
      met: 'n/a',
    },
  ];
}
