import { AccountStore } from './accounts/account-store.js';
import { demoCredentialsAllowed, ensureDemoAccounts, ledgerIdentity } from './accounts/demo.js';
import type { AfterSettlement } from './app/settlement.js';
import { ensureFirstSecretariat } from './first-account.js';
import { startServer } from './http/server.js';
import { hasKnownLog, hasLogChain, type IndexPreparation } from './store/port.js';
import type { Checkpointer } from './trust/checkpoints.js';
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
 * - `TRUST_PROXY`: express's `trust proxy` (`true`, a hop count, or addresses) behind a TLS-terminating proxy,
 *   so the session cookie is Secure and sign-ins are throttled per real client address
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

/** `TRUST_PROXY` as express takes it: true/false, a number of hops, or a list of addresses or names (`loopback`). */
function trustProxy(text: string | undefined): boolean | number | string {
  if (text === undefined || text === '' || text === 'false') return false;
  if (text === 'true') return true;
  return /^\d+$/.test(text) ? Number(text) : text;
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

/** The checkpointer of the configured key, with its schedule; null without a key (and then its modules are never loaded). */
async function startCheckpoints(ledger: Ledger): Promise<{ checkpointer: Checkpointer; timer: NodeJS.Timeout | null } | null> {
  if (!env.LEDGER_SIGNING_KEY) {
    process.stdout.write('LEDGER_SIGNING_KEY is not set: no checkpoints are signed (see docs/security.md).\n');
    return null;
  }
  const { store } = ledger;
  if (!hasLogChain(store)) {
    process.stderr.write(`ledger: ${store.description} keeps no log chain, so LEDGER_SIGNING_KEY cannot be used with it\n`);
    process.exit(2);
  }
  const [{ Checkpointer }, { loadSigningKey }] = await Promise.all([import('./trust/checkpoints.js'), import('./trust/signing-key.js')]);
  let checkpointer: Checkpointer;
  try {
    checkpointer = new Checkpointer(store, loadSigningKey(env.LEDGER_SIGNING_KEY));
  } catch (error: unknown) {
    process.stderr.write(`ledger: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const timer =
    checkpointMinutes > 0
      ? setInterval(() => {
          checkpointer.signIfMoved('schedule').catch(reportCheckpointFailure);
        }, checkpointMinutes * 60_000)
      : null;
  timer?.unref();
  return { checkpointer, timer };
}

function reportCheckpointFailure(error: unknown): void {
  process.stderr.write(`ledger: signing a checkpoint failed: ${error instanceof Error ? error.message : String(error)}\n`);
}

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
    process.stderr.write(
      `ledger: writing a checkpoint failed (serving goes on): ${error instanceof Error ? error.message : String(error)}\n`,
    ),
});
const accounts = AccountStore.open(accountsPath, { tokenTtlMs: tokenTtlDays === 0 ? null : tokenTtlDays * 24 * 60 * 60 * 1000 });
const checkpoints = await startCheckpoints(ledger);
if (demo) await loadDemo(ledger, accounts);
await ensureFirstSecretariat(accounts, { input: process.stdin, output: process.stdout, accountsPath });
const afterSettlement: AfterSettlement | undefined = checkpoints
  ? async (outcome) => {
      // The settlement is recorded either way; a failed signature is reported, and the next one covers it.
      await checkpoints.checkpointer.sign(`settlement ${outcome.year}`).catch(reportCheckpointFailure);
    }
  : undefined;
// Ready means the first request is answered from memory: the projections and the store's index are built first.
const [projections, index] = await Promise.all([
  ledger.runner.start(),
  hasKnownLog(ledger.store) ? ledger.store.prepare() : Promise.resolve<IndexPreparation | null>(null),
]);
if (index?.reason && index.reason !== 'no index snapshot')
  process.stderr.write(`ledger: the store's index was built from the log: ${index.reason}\n`);
// A checkpoint the store does not hold (a wiped server, another store's file) is not used: say so.
if (projections.startedFrom === 'zero' && projections.reason && projections.reason !== 'no checkpoint')
  process.stderr.write(`ledger: projections rebuilt from the log: ${projections.reason}\n`);
const following = ledger.runner.follow((error) =>
  process.stderr.write(`ledger: following the log failed: ${error instanceof Error ? error.message : String(error)}\n`),
);
const server = await startServer({
  ledger,
  accounts,
  port,
  host,
  app: {
    web: webRoutes({ sourceMaps: env.LEDGER_WEB_SOURCE_MAPS === '1' }),
    trustProxy: trustProxy(env.TRUST_PROXY),
    documents: { funderOrganisationId: env.LEDGER_FUNDER_ID ?? null },
    ...(afterSettlement ? { afterSettlement } : {}),
  },
});
const milliseconds = Number(process.hrtime.bigint() - startedAt) / 1e6;
process.stdout.write(
  `The ledger serves ${server.url} on ${ledger.store.description} (${ledger.runner.view.eventCount} events; projections from ${projections.startedFrom}, ${projections.caughtUp} caught up; ready in ${milliseconds.toFixed(0)} ms)\n`,
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: stopping\n`);
  await server.close();
  await following?.close();
  if (checkpoints) {
    if (checkpoints.timer) clearInterval(checkpoints.timer);
    await checkpoints.checkpointer.signIfMoved('shutdown').catch(reportCheckpointFailure);
  }
  await ledger.close();
  accounts.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
