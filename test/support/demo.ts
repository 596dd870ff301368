import { monotonicFactory } from 'ulid';
import { CommandHandler } from '../../src/app/command-handler.js';
import { LedgerReader } from '../../src/app/ledger-reader.js';
import { ProjectionRunner } from '../../src/app/projection-runner.js';
import { loadCase2225History } from '../../src/demo/history.js';
import type { AccountStore } from '../../src/accounts/account-store.js';
import { ensureDemoAccounts, ledgerIdentity } from '../../src/accounts/demo.js';
import type { EventStore } from '../../src/store/port.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';

/**
 * A ledger on the given store (default: in-memory SQLite) with the case 22/25 history
 * loaded; its clock starts on 1 November 2026 unless told otherwise.
 */
export async function demoLedger(store: EventStore = new SqliteEventStore(':memory:'), today = '2026-11-01T09:00:00Z') {
  let instant = Date.parse(today);
  const handler = new CommandHandler(store, { clock: () => new Date((instant += 1000)), newId: monotonicFactory() });
  const loaded = await loadCase2225History(handler);
  const runner = new ProjectionRunner(store, { checkpointPath: null });
  const reader = new LedgerReader(store, runner);
  return { store, handler, runner, reader, loaded };
}

/** The demo accounts for a demo ledger, as `npm start` sets them up: the accounts file marked as this ledger's demo. */
export async function demoAccountsFor(accounts: AccountStore, store: EventStore) {
  const identity = await ledgerIdentity(store);
  if (!identity) throw new Error('the demo accounts need the demo history loaded first');
  accounts.markDemoLedger(identity);
  return ensureDemoAccounts(accounts, identity);
}

/**
 * An empty ledger on an in-memory store whose clock the caller sets: `today` is the
 * ledger's today (a decision never takes effect after it).
 */
export function emptyLedger(now: () => Date) {
  const store = new SqliteEventStore(':memory:');
  const handler = new CommandHandler(store, { clock: now, newId: monotonicFactory() });
  const runner = new ProjectionRunner(store, { checkpointPath: null });
  const reader = new LedgerReader(store, runner);
  return { store, handler, runner, reader };
}
