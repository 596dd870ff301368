import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandHandler } from '../app/command-handler.js';
import { commandTypes } from '../commands/table.js';
import { routeOf } from '../http/request-log.js';
import type { GuardStatus } from '../trust/log-guard.js';
import type { BackupRecord } from './last-backup.js';

/**
 * The ledger's Prometheus metrics (prom-client), served on a port of their own
 * (`LEDGER_METRICS_PORT`, docs/operations.md#monitoring) so they never pass the proxy
 * that serves the API:
 *
 * - `ledger_commands_recorded_total{command}`, `ledger_commands_replayed_total{command}`,
 *   `ledger_commands_refused_total{command,code}`: commands through this server;
 * - `http_request_duration_seconds{method,route,status}`: a histogram per route pattern;
 * - `ledger_log_head_position`, `ledger_projection_lag_events`: the log's last position
 *   and how far the projections are behind it;
 * - `ledger_last_checkpoint_age_seconds{key_id}`, `ledger_checkpoint_guard_holds{key_id}`:
 *   the last signed checkpoint's age, and 1 while the log holds to the checkpoints (0: no
 *   checkpoint is signed until an operator acts); absent without a signing key;
 * - `ledger_last_backup_age_seconds{kind}`: absent until a backup is recorded;
 * - the process's own (`process_*`, `nodejs_*`).
 */
export interface MetricsSources {
  headPosition: () => Promise<number>;
  projectionPosition: () => number;
  checkpoints: () => { guard: GuardStatus; lastSignedAt: string | null } | null;
  lastBackup: () => (BackupRecord & { kind?: string }) | null;
  clock?: () => Date;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const knownCommands = new Set<string>(commandTypes);

export class LedgerMetrics {
  readonly registry = new Registry();
  private readonly recorded: Counter<'command'>;
  private readonly replayed: Counter<'command'>;
  private readonly refused: Counter<'command' | 'code'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.recorded = new Counter({ name: 'ledger_commands_recorded_total', help: 'Commands recorded', labelNames: ['command'], registers });
    this.replayed = new Counter({
      name: 'ledger_commands_replayed_total',
      help: 'Commands sent again under a recorded idempotency key (nothing recorded)',
      labelNames: ['command'],
      registers,
    });
    this.refused = new Counter({
      name: 'ledger_commands_refused_total',
      help: 'Commands refused, by refusal code',
      labelNames: ['command', 'code'],
      registers,
    });
    this.latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route pattern',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    // Every command's series from the start, at 0: an alert on a rate then sees the first one.
    for (const command of commandTypes) {
      this.recorded.inc({ command }, 0);
      this.replayed.inc({ command }, 0);
    }
    registerGauges(this.registry, sources);
    collectDefaultMetrics({ register: this.registry });
  }

  /** Times every request by its route pattern (never the raw path: a path per id would be a series per id). */
  httpMiddleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.latency.startTimer();
      res.once('finish', () => end({ method: req.method, route: routeOf(req, res), status: String(res.statusCode) }));
      next();
    };
  }

  /** Counts the commands a handler records, replays and refuses (wrapping its two entry points). */
  instrument(handler: CommandHandler): void {
    const execute = handler.execute.bind(handler);
    const executeAll = handler.executeAll.bind(handler);
    const typeOf = (input: unknown) => {
      const type = (input as { type?: unknown } | null)?.type;
      return typeof type === 'string' && knownCommands.has(type) ? type : 'unknown';
    };
    const counted = async <T>(inputs: readonly unknown[], run: () => Promise<T>, results: (value: T) => { replayed: boolean }[]) => {
      try {
        const value = await run();
        results(value).forEach((result, index) =>
          (result.replayed ? this.replayed : this.recorded).inc({ command: typeOf(inputs[index]) }),
        );
        return value;
      } catch (error: unknown) {
        const code = (error as { code?: unknown }).code;
        this.refused.inc({ command: inputs.length === 1 ? typeOf(inputs[0]) : 'batch', code: typeof code === 'string' ? code : 'error' });
        throw error;
      }
    };
    handler.execute = (input, context) =>
      counted(
        [input],
        () => execute(input, context),
        (result) => [result],
      );
    handler.executeAll = (inputs, context) =>
      counted(
        inputs,
        () => executeAll(inputs, context),
        (results) => results,
      );
  }

  /** The metrics in Prometheus's text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** The point-in-time gauges, read from their sources when Prometheus scrapes. */
function registerGauges(registry: Registry, sources: MetricsSources): void {
  const registers = [registry];
  const clock = sources.clock ?? (() => new Date());
  const ageOf = (iso: string) => Math.max(0, (clock().getTime() - Date.parse(iso)) / 1000);
  new Gauge({
    name: 'ledger_log_head_position',
    help: "The log's last position",
    registers,
    async collect() {
      this.set(await sources.headPosition());
    },
  });
  new Gauge({
    name: 'ledger_projection_lag_events',
    help: 'Events in the log the projections have not folded yet',
    registers,
    async collect() {
      this.set(Math.max(0, (await sources.headPosition()) - sources.projectionPosition()));
    },
  });
  new Gauge({
    name: 'ledger_last_checkpoint_age_seconds',
    help: 'Seconds since the last checkpoint of the log was signed',
    labelNames: ['key_id'],
    registers,
    collect() {
      this.reset();
      const checkpoints = sources.checkpoints();
      if (checkpoints?.lastSignedAt) this.set({ key_id: checkpoints.guard.keyId.slice(0, 16) }, ageOf(checkpoints.lastSignedAt));
    },
  });
  new Gauge({
    name: 'ledger_checkpoint_guard_holds',
    help: '1 while the log holds to the checkpoints signed before; 0 when it does not (nothing is signed until an operator acts)',
    labelNames: ['key_id'],
    registers,
    collect() {
      this.reset();
      const checkpoints = sources.checkpoints();
      if (checkpoints) this.set({ key_id: checkpoints.guard.keyId.slice(0, 16) }, checkpoints.guard.state === 'refused' ? 0 : 1);
    },
  });
  new Gauge({
    name: 'ledger_last_backup_age_seconds',
    help: 'Seconds since the last backup recorded beside the store (ledger backup)',
    labelNames: ['kind'],
    registers,
    collect() {
      this.reset();
      const backup = sources.lastBackup();
      if (backup) this.set({ kind: backup.kind ?? 'sqlite' }, ageOf(backup.madeAt));
    },
  });
}

/** Serves `GET /metrics` (and nothing else) on a port of its own. */
export async function serveMetrics(metrics: LedgerMetrics, port: number, host: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('only GET /metrics is served here\n');
      return;
    }
    metrics.text().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
      (error: unknown) =>
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
