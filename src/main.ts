import { InvalidStoredEventError } from '../events/catalogue.js';
import { AccountStore } from './accounts/account-store.js';
import { demoCredentialsAllowed, ensureDemoAccounts, ledgerIdentity } from './accounts/demo.js';
import { ensureFirstSecretariat } from './first-account.js';
import { startServer } from './http/server.js';
import { hasKnownLog, type IndexPreparation } from './store/port.js';
import { parseTrustProxy } from './http/trust-proxy.js';
import { StoreFormatError } from './store/sqlite-schema.js';
import { createLogger } from './operations/logger.js';
import { LedgerMetrics, serveMetrics } from './operations/metrics.js';
import { OperationsSettingError, startOperations, type ServerOperations } from './operations/server-operations.js';
import { webRoutes } from './web/serve.js';
import { DEFAULT_STORE, checkCheckpointOf, defaultAccountsPath, openLedger, type Ledger } from './ledger.js';

/**
 * The composition root of the server: the one place that reads the environment.
 *
 * - `LEDGER_STORE`: the store (default `./data/ledger.sqlite`; `esdb://…` for EventStoreDB)
 * - `LEDGER_ACCOUNTS`: the accounts file (default `accounts.sqlite` beside the SQLite store, or `./data/accounts.sqlite`)
 * - `PORT` (default 3000), `HOST` (default 127.0.0.1; `0.0.0.0` in a container)
 * - `LEDGER_FUNDER_ID`: the 360Giving funder identifier, over the one the ledger records with its organisation
 * - `LEDGER_SIGNING_KEY`: the signing key file (`ledger keys init`); with it, a checkpoint is signed at every
 *   settlement, every `LEDGER_CHECKPOINT_MINUTES` (default 60; 0 for none) when the log has moved, and at shutdown
 * - `TRUST_PROXY`: the proxies in front (a hop count, or their addresses; `true` is refused), so the session
 *   cookie is Secure and sign-ins are throttled per real client address (src/http/trust-proxy.ts)
 * - `LEDGER_METRICS_PORT`: serve Prometheus metrics on this port (`GET /metrics`; none when unset), on
 *   `LEDGER_METRICS_HOST` (default 127.0.0.1)
 * - `LEDGER_TOKEN_TTL_DAYS`: how long a new API token lasts (default 90; 0 for until revoked)
 * - `LEDGER_WEB_SOURCE_MAPS=1`: serve the web page's source maps (development only)
 * - `--demo`: when the store is empty, load the case 22/25 history, mark the accounts file as this demo's,
 *   and create and print the demo accounts
 */
const env = process.env;
const storeSetting = env.LEDGER_STORE ?? DEFAULT_STORE;
const accountsPath = env.LEDGER_ACCOUNTS ?? defaultAccountsPath(storeSetting);
const port = wholeNumber('PORT', env.PORT, 3000, 65535);
const host = env.HOST ?? '127.0.0.1';
const demo = process.argv.includes('--demo');
const checkpointMinutes = wholeNumber('LEDGER_CHECKPOINT_MINUTES', env.LEDGER_CHECKPOINT_MINUTES, 60, 10_000_000);
const tokenTtlDays = wholeNumber('LEDGER_TOKEN_TTL_DAYS', env.LEDGER_TOKEN_TTL_DAYS, 90, 100_000);

function wholeNumber(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) {
    process.stderr.write(`ledger: ${name} must be a whole number from 0 to ${max}, not "${text}"\n`);
    process.exit(2);
  }
  return value;
}

async function loadDemo(ledger: Ledger, accounts: AccountStore): Promise<void> {
  if ((await ledger.store.headPosition()) === 0) {
    const { loadCase2225History } = await import('./demo/history.js');
    const loaded = await loadCase2225History(ledger.handler);
    accounts.markDemoLedger((await ledgerIdentity(ledger.store))!);
    process.stdout.write(`Loaded the case 22/25 history: ${loaded.events} events.\n`);
  }
  if (!(await demoCredentialsAllowed(ledger.store, accounts))) {
    process.stdout.write(
      `${ledger.store.description} is not a demo ledger (it held events before --demo could load the demo into it), so no demo accounts are created or accepted.\n`,
    );
    return;
  }
  const credentials = await ensureDemoAccounts(accounts, await ledgerIdentity(ledger.store));
  process.stdout.write(
    `Demo accounts (for this demo ledger only; refused on any other store):\n${credentials
      .map(
        (account) =>
          `  ${account.username.padEnd(12)} ${account.role.padEnd(12)} password ${account.password.padEnd(18)} token ${account.token}`,
      )
      .join('\n')}\n`,
  );
}

const logger = createLogger();
const trustProxy = parseTrustProxy(env.TRUST_PROXY);
if (!trustProxy.ok) {
  process.stderr.write(`ledger: ${trustProxy.error}\n`);
  process.exit(2);
}
const metricsPort = env.LEDGER_METRICS_PORT ? wholeNumber('LEDGER_METRICS_PORT', env.LEDGER_METRICS_PORT, 0, 65535) : null;

const startedAt = process.hrtime.bigint();
try {
  checkCheckpointOf({ store: storeSetting });
} catch (error: unknown) {
  process.stderr.write(`ledger: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
const ledger = await openLedger({
  store: storeSetting,
  onBackgroundError: (error) =>
    logger.error({ event: 'checkpoint-write-failed', err: error }, 'writing a checkpoint failed (serving goes on)'),
}).catch((error: unknown) => {
  // A store written by a newer release is refused before anything in it is touched.
  if (!(error instanceof StoreFormatError)) throw error;
  process.stderr.write(`ledger: ${error.message}\n`);
  process.exit(1);
});
const accounts = AccountStore.open(accountsPath, { tokenTtlMs: tokenTtlDays === 0 ? null : tokenTtlDays * 24 * 60 * 60 * 1000 });
let operations: ServerOperations;
try {
  operations = startOperations(ledger, { storeSetting, signingKey: env.LEDGER_SIGNING_KEY, checkpointMinutes, logger });
} catch (error: unknown) {
  if (!(error instanceof OperationsSettingError)) throw error;
  process.stderr.write(`ledger: ${error.message}\n`);
  process.exit(2);
}
if (demo) await loadDemo(ledger, accounts);
await ensureFirstSecretariat(accounts, { input: process.stdin, output: process.stdout, accountsPath });
// Ready means the first request is answered from memory: the projections and the store's index are built first.
const [projections, index] = await Promise.all([
  ledger.runner.start().catch((error: unknown) => {
    // An event this release cannot read (one written by a newer release, or damaged) stops it here, named, before it serves anything.
    if (!(error instanceof InvalidStoredEventError)) throw error;
    process.stderr.write(`ledger: ${ledger.store.description} cannot be served by this release: ${error.message}\n`);
    process.exit(1);
  }),
  hasKnownLog(ledger.store) ? ledger.store.prepare() : Promise.resolve<IndexPreparation | null>(null),
]);
if (index?.reason && index.reason !== 'no index snapshot')
  logger.warn({ event: 'index-rebuilt', reason: index.reason }, `the store's index was built from the log: ${index.reason}`);
// A checkpoint the store does not hold (a wiped server, another store's file) is not used: say so.
if (projections.startedFrom === 'zero' && projections.reason && projections.reason !== 'no checkpoint')
  logger.warn({ event: 'projections-rebuilt', reason: projections.reason }, `projections rebuilt from the log: ${projections.reason}`);
const following = ledger.runner.follow((error) =>
  logger.error(
    { event: 'follow-failed', err: error },
    `following the log failed: ${error instanceof Error ? error.message : String(error)}`,
  ),
);
const metrics =
  metricsPort === null
    ? null
    : new LedgerMetrics({
        headPosition: () => ledger.store.headPosition(),
        projectionPosition: () => ledger.runner.view.position,
        ...operations.metricsSources,
      });
metrics?.instrument(ledger.handler);
const server = await startServer({
  ledger,
  accounts,
  port,
  host,
  app: {
    web: webRoutes({ sourceMaps: env.LEDGER_WEB_SOURCE_MAPS === '1' }),
    trustProxy: trustProxy.value,
    documents: { funderOrganisationId: env.LEDGER_FUNDER_ID ?? null },
    logger,
    operations: operations.status,
    ...(metrics ? { metrics } : {}),
    ...(operations.afterSettlement ? { afterSettlement: operations.afterSettlement } : {}),
  },
});
const metricsServer =
  metrics && metricsPort !== null ? await serveMetrics(metrics, metricsPort, env.LEDGER_METRICS_HOST ?? '127.0.0.1') : null;
const milliseconds = Number(process.hrtime.bigint() - startedAt) / 1e6;
logger.info(
  {
    event: 'serving',
    url: server.url,
    store: ledger.store.description,
    events: ledger.runner.view.eventCount,
    metrics: metricsServer?.url ?? null,
  },
  `The ledger serves ${server.url} on ${ledger.store.description} (${ledger.runner.view.eventCount} events; projections from ${projections.startedFrom}, ${projections.caughtUp} caught up; ready in ${milliseconds.toFixed(0)} ms)${metricsServer ? `; metrics on ${metricsServer.url}` : ''}`,
);
operations.checkAtStart();

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ event: 'stopping', signal }, `${signal}: stopping`);
  await server.close();
  await metricsServer?.close();
  await following?.close();
  await operations.stop();
  await ledger.close();
  accounts.close();
  logger.flush();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
