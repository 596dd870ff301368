/**
 * The server on the whole history: start-up to serving (spawn → first answer of
 * /api/health) of the real server (`dist/src/main.js`) restoring its checkpoint, its
 * memory, and requests/s and p99 latency of a balances and an explain query under load
 * (autocannon), against a trivial express route served the same way.
 *
 * Then the same queries as of a date or a log position (`asOf…`): every request asks
 * as of another day of the year or another position within it (a shared sequence, so
 * nearly no two requests of a run ask the same), so each answer is derived from the
 * index anew rather than remembered; the server's memory is read again after them.
 *
 * Explanations are paged (100 rows a page by default): `explain` is the first page of
 * `available`, `explainSpentPaged` the first and `explainSpentDeep` a late page of
 * `spent`; `explainSpent` is the whole of `spent` in one answer (`limit=all`, 12,275
 * rows, ~6 MB), labelled unpaged. The trivial route is measured before and after the
 * ledger's loads; `floor` is the faster of the two (the harder floor).
 *
 *   node dist/bench/tasks/serve.js --sqlite FILE --year 2030 [--duration 10] [--connections 10] [--starts 3]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { AccountStore } from '../../src/accounts/account-store.js';
import { ROOT, argument, now, progress, result } from '../lib/common.js';

const sqlite = argument('sqlite');
const year = Number(argument('year', '2030'));
const duration = Number(argument('duration', '10'));
const connections = Number(argument('connections', '10'));
const starts = Number(argument('starts', '3'));
const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-serve-'));
/**
 * Node's flags for the servers (the ledger and the floor alike): those `npm run serve`
 * starts the server with (e.g. a heap limit in package.json's `serve` script), so the
 * server measured is the server one runs.
 */
const nodeFlags = (
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts?.serve ?? ''
)
  .split(/\s+/)
  .slice(1)
  .filter((word, index, words) => word.startsWith('--') && words.slice(0, index).every((before) => before.startsWith('--')));
/** Every server this task started, so none outlives it, whatever happens. */
const children = new Set<ChildProcess>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Memory of a process from /proc: its resident set now and at its peak, MiB. */
function memoryOf(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
}

/** Spawns a server and polls `path` until it answers 200; returns the child and the milliseconds it took. */
async function start(
  script: string,
  env: Record<string, string>,
  path: string,
): Promise<{ child: ChildProcess; url: string; milliseconds: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = now();
  const child = spawn(process.execPath, [...nodeFlags, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${script} exited before it served`);
    const ok = await fetch(`${url}${path}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { child, url, milliseconds: now() - started };
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * The as-of part of the n-th request's query: by turns a day of the year (each of the
 * 365, in a scrambled order) and a log position among the year's spending (stepping
 * through the range by a stride prime to it), so nearly no two requests ask the same.
 */
function asOfSequence(year: number, firstPosition: number, lastPosition: number): (request: number) => string {
  const span = Math.max(1, lastPosition - firstPosition + 1);
  return (request) => {
    const turn = Math.floor(request / 2);
    if (request % 2 === 0) {
      const day = (turn * 149) % 365;
      return `asOf=${new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10)}`;
    }
    return `asOfPosition=${firstPosition + ((turn * 7919) % span)}`;
  };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function load(url: string, headers: Record<string, string>, clients = connections, pathOf?: (request: number) => string) {
  // A request unanswered after 10 s counts as an error (a timeout), not as a latency.
  let request = 0;
  const requests = pathOf ? [{ setupRequest: (raw: autocannon.Request) => ({ ...raw, path: pathOf(request++) }) }] : undefined;
  const run = await autocannon({ url, connections: clients, duration, headers, timeout: 10, ...(requests ? { requests } : {}) });
  if (run.non2xx > 0) throw new Error(`${url}: ${run.non2xx} answers were not 2xx under load`);
  return {
    requestsPerSecond: run.requests.average,
    p50: run.latency.p50,
    p99: run.latency.p99,
    requests: run.requests.total,
    errors: run.errors,
    timeouts: run.timeouts,
  };
}

try {
  const accountsPath = join(directory, 'accounts.sqlite');
  const accounts = AccountStore.open(accountsPath);
  // The seeded store is no demo ledger: the published demo credentials are refused on it, so an account of its own.
  const { token } = await accounts.addAccount({ username: 'bench-revisor', displayName: 'Bench', role: 'auditor' });
  accounts.close();
  const env = { LEDGER_STORE: sqlite, LEDGER_ACCOUNTS: accountsPath };
  const main = join(ROOT, 'dist', 'src', 'main.js');

  // The server's own start-up with an empty store: the floor of the start-up from the checkpoint.
  const emptyStartups: number[] = [];
  for (let run = 0; run < starts; run++) {
    const empty = await start(main, { ...env, LEDGER_STORE: join(directory, 'empty.sqlite') }, '/api/health');
    emptyStartups.push(empty.milliseconds);
    progress(`serve: start-up with an empty store ${empty.milliseconds.toFixed(0)} ms`);
    await stop(empty.child);
  }
  const startups: number[] = [];
  let ledger: Awaited<ReturnType<typeof start>> | null = null;
  for (let run = 0; run < starts; run++) {
    if (ledger) await stop(ledger.child);
    ledger = await start(main, env, '/api/health');
    startups.push(ledger.milliseconds);
    progress(`serve: start-up to serving ${ledger.milliseconds.toFixed(0)} ms`);
  }
  const afterStart = memoryOf(ledger!.child.pid!);
  const authorization = { authorization: `Bearer ${token}` };
  // Health says how many events the store holds only to those who may read the log.
  const health = (await (await fetch(`${ledger!.url}/api/health`, { headers: authorization })).json()) as { events: number };
  const explainPath = (figure: string, query = '') => `/api/explain?year=${year}&figure=${figure}&scope=total${query}`;
  // The row count of spent decides where its late page starts: ask the first page.
  const firstSpent = (await (await fetch(`${ledger!.url}${explainPath('spent')}`, { headers: authorization })).json()) as {
    rowCount: number;
    page: { limit: number };
  };
  const pageRows = firstSpent.page.limit;
  const deepOffset = Math.max(0, Math.floor((firstSpent.rowCount - 1) / pageRows) * pageRows - pageRows);
  const paths = {
    frame: `/api/years/${year}/frame`,
    balances: `/api/years/${year}/balances`,
    explain: explainPath('available'),
    explainUnpaged: explainPath('available', '&limit=all'),
    explainSpentPaged: explainPath('spent'),
    explainSpentDeep: explainPath('spent', `&offset=${deepOffset}&limit=${pageRows}`),
    explainSpent: explainPath('spent', '&limit=all'),
  };
  /** Rows per answer, and how many the figure has in all. */
  const counts: Record<string, { rows: number; rowCount: number; bytes: number }> = {};
  for (const [name, path] of Object.entries(paths)) {
    const response = await fetch(`${ledger!.url}${path}`, { headers: authorization });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    const body = JSON.parse(text) as { rows?: unknown[]; rowCount?: number };
    counts[name] = { rows: body.rows?.length ?? 0, rowCount: body.rowCount ?? body.rows?.length ?? 0, bytes: Buffer.byteLength(text) };
  }
  // bench/run.ts prints "(<rows> rows)" after each path: say there which answers are pages and which are whole.
  const sizes: Record<string, string | number> = {
    frame: 0,
    balances: 0,
    explain: `a page of ${counts.explain!.rows} of ${counts.explain!.rowCount}`,
    explainUnpaged: `all ${counts.explainUnpaged!.rows}, unpaged (limit=all),`,
    explainSpentPaged: `a page of ${counts.explainSpentPaged!.rows} of ${counts.explainSpentPaged!.rowCount}`,
    explainSpentDeep: `a page of ${counts.explainSpentDeep!.rows} at offset ${deepOffset} of ${counts.explainSpentDeep!.rowCount}`,
    explainSpent: `all ${counts.explainSpent!.rows}, unpaged (limit=all),`,
  };
  const trivialServer = join(ROOT, 'dist', 'bench', 'children', 'trivial-server.js');
  const floorRun = async () => {
    const trivial = await start(trivialServer, {}, '/api/ping');
    const result = await load(`${trivial.url}/api/ping`, authorization);
    await stop(trivial.child);
    progress(`serve: trivial express route ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.p99} ms`);
    return result;
  };

  const floorBefore = await floorRun();
  const measured: Record<string, Awaited<ReturnType<typeof load>>> = {};
  for (const name of ['frame', 'balances', 'explain', 'explainSpentPaged', 'explainSpentDeep', 'explainUnpaged', 'explainSpent'] as const) {
    measured[name] = await load(`${ledger!.url}${paths[name]}`, authorization);
    progress(
      `serve: ${name} (${sizes[name]} rows, ${(counts[name]!.bytes / 1024).toFixed(0)} KiB) ${measured[name].requestsPerSecond.toFixed(0)} req/s, p99 ${measured[name].p99} ms`,
    );
  }
  const explainAlone = await load(`${ledger!.url}${paths.explain}`, authorization, 1);
  progress(`serve: explain with one connection ${explainAlone.requestsPerSecond.toFixed(0)} req/s, p99 ${explainAlone.p99} ms`);
  const afterLoad = memoryOf(ledger!.child.pid!);

  // As of: every request another day of the year, or another position among the year's spending.
  const lastSpent = (await (
    await fetch(`${ledger!.url}${explainPath('spent', `&offset=${firstSpent.rowCount - 1}&limit=1`)}`, { headers: authorization })
  ).json()) as { rows: { position: number }[] };
  const firstPosition = (
    (await (await fetch(`${ledger!.url}${explainPath('spent', '&limit=1')}`, { headers: authorization })).json()) as {
      rows: { position: number }[];
    }
  ).rows[0]!.position;
  const asOfQuery = asOfSequence(year, firstPosition, lastSpent.rows[0]!.position);
  const asOfPaths = {
    asOfFrame: (request: number) => `/api/years/${year}/frame?${asOfQuery(request)}`,
    asOfBalances: (request: number) => `${paths.balances}?${asOfQuery(request)}`,
    asOfExplain: (request: number) => `${explainPath('spent')}&${asOfQuery(request)}`,
  };
  // Warm: the server has answered as-of questions before (not these).
  for (let request = 0; request < 20; request++)
    for (const pathOf of Object.values(asOfPaths)) await fetch(`${ledger!.url}${pathOf(1_000_000 + request)}`, { headers: authorization });
  const asOf: Record<string, Awaited<ReturnType<typeof load>>> = {};
  for (const [name, pathOf] of Object.entries(asOfPaths)) {
    asOf[name] = await load(ledger!.url, authorization, connections, pathOf);
    progress(`serve: ${name} ${asOf[name].requestsPerSecond.toFixed(0)} req/s, p99 ${asOf[name].p99} ms`);
  }
  asOf.asOfExplainAlone = await load(ledger!.url, authorization, 1, asOfPaths.asOfExplain);
  progress(
    `serve: asOfExplain with one connection ${asOf.asOfExplainAlone.requestsPerSecond.toFixed(0)} req/s, p99 ${asOf.asOfExplainAlone.p99} ms`,
  );
  const afterAsOfLoad = memoryOf(ledger!.child.pid!);
  await stop(ledger!.child);
  const floorAfter = await floorRun();
  const floor = floorAfter.requestsPerSecond > floorBefore.requestsPerSecond ? floorAfter : floorBefore;
  const { frame, balances, explain, explainSpent, explainSpentPaged, explainSpentDeep, explainUnpaged } = measured;

  const sorted = [...startups].sort((a, b) => a - b);
  result({
    events: health.events,
    year,
    connections,
    duration,
    nodeFlags,
    startupMilliseconds: sorted[Math.floor(sorted.length / 2)],
    startups,
    emptyStartupMilliseconds: [...emptyStartups].sort((a, b) => a - b)[Math.floor(emptyStartups.length / 2)],
    emptyStartups,
    memoryAfterStart: afterStart,
    memoryAfterLoad: afterLoad,
    memoryAfterAsOfLoad: afterAsOfLoad,
    asOf,
    asOfExample: asOfPaths.asOfExplain(1),
    rows: sizes,
    bytes: Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, count.bytes])),
    paths,
    frame,
    balances,
    explain,
    explainAlone,
    explainSpentPaged,
    explainSpentDeep,
    explainUnpaged,
    explainSpent,
    floor,
    floorBefore,
    floorAfter,
  });
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(directory, { recursive: true, force: true });
}
