import { AccountStore } from './accounts/account-store.js';
import { ensureDemoAccounts } from './accounts/demo.js';
import { loadCase2225History } from './demo/history.js';
import { startServer } from './http/server.js';
import { webRoutes } from './web/serve.js';
import { DEFAULT_STORE, defaultAccountsPath, openLedger } from './ledger.js';

/**
 * The composition root of the server: the one place that reads the environment.
 *
 * - `LEDGER_STORE`: the store (default `./data/ledger.sqlite`; `esdb://…` for EventStoreDB)
 * - `LEDGER_ACCOUNTS`: the accounts file (default `accounts.sqlite` beside the SQLite store, or `./data/accounts.sqlite`)
 * - `PORT` (default 3000), `HOST` (default 127.0.0.1; `0.0.0.0` in a container)
 * - `LEDGER_FUNDER_ID`: the funding organisation's identifier in the 360Giving export (the export is refused without it)
 * - `--demo`: when the store is empty, load the case 22/25 history; create and print the demo accounts
 */
const storeSetting = process.env.LEDGER_STORE ?? DEFAULT_STORE;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const demo = process.argv.includes('--demo');

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`ledger: PORT must be a port number, not "${process.env.PORT}"\n`);
  process.exit(2);
}

const startedAt = process.hrtime.bigint();
const ledger = await openLedger({ store: storeSetting });
const accounts = AccountStore.open(process.env.LEDGER_ACCOUNTS ?? defaultAccountsPath(storeSetting));
if (demo) {
  if ((await ledger.store.headPosition()) === 0) {
    const loaded = await loadCase2225History(ledger.handler);
    process.stdout.write(`Loaded the case 22/25 history: ${loaded.events} events.\n`);
  }
  const credentials = await ensureDemoAccounts(accounts);
  process.stdout.write(
    `Demo accounts (for the demo only):\n${credentials
      .map(
        (account) =>
          `  ${account.username.padEnd(12)} ${account.role.padEnd(12)} password ${account.password.padEnd(18)} token ${account.token}`,
      )
      .join('\n')}\n`,
  );
}
const projections = await ledger.runner.start();
const following = ledger.runner.follow((error) =>
  process.stderr.write(`ledger: following the log failed: ${error instanceof Error ? error.message : String(error)}\n`),
);
const documents = { funderOrganisationId: process.env.LEDGER_FUNDER_ID ?? null };
const server = await startServer({ ledger, accounts, port, host, app: { web: webRoutes(), documents } });
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
  await ledger.close();
  accounts.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
