import type { EventStore } from '../store/port.js';
import { AccountError, type AccountStore, type LedgerIdentity } from './account-store.js';
import type { Role } from './roles.js';
import { sha256 } from './secrets.js';

/**
 * Fixed demo accounts, one per role (two committee members, so a vote in someone
 * else's name can be shown to be refused). Their passwords and tokens are public:
 * they are for the demo and the documentation, never for a ledger with real decisions.
 *
 * So they work only on the demo ledger: an accounts file is marked as the demo's when
 * `npm start` loads the demo history into an empty store, bound to that log's first
 * event. On any other store a published password or token is refused at sign-in, and
 * `ledger verify` reports the accounts that still hold one.
 */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  memberId?: string;
  password: string;
  token: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'sekretariat',
    displayName: 'Sekretariatet (demo)',
    role: 'secretariat',
    password: 'demo-sekretariat',
    token: 'hfi_demo_sekretariat',
  },
  {
    username: 'leder',
    displayName: 'Leder av SSU (demo)',
    role: 'member',
    memberId: 'leder',
    password: 'demo-leder-ssu',
    token: 'hfi_demo_leder_ssu',
  },
  {
    username: 'nestleder',
    displayName: 'Nestleder av SSU (demo)',
    role: 'member',
    memberId: 'nestleder',
    password: 'demo-nestleder',
    token: 'hfi_demo_nestleder',
  },
  { username: 'revisor', displayName: 'Revisor (demo)', role: 'auditor', password: 'demo-revisor-1', token: 'hfi_demo_revisor_1' },
  { username: 'leser', displayName: 'Leser (demo)', role: 'reader', password: 'demo-leser-123', token: 'hfi_demo_leser_123' },
];

export interface DemoCredentials {
  username: string;
  role: Role;
  memberId: string | null;
  password: string;
  token: string;
  /** False when the account already existed (then its password is whatever it was set to). */
  created: boolean;
}

/** Which ledger a store holds, by its first event; null while the log is empty. */
export async function ledgerIdentity(store: EventStore): Promise<LedgerIdentity | null> {
  for await (const record of store.readAll({ maxCount: 1 })) return { firstEventId: record.id, firstEventHash: record.hash };
  return null;
}

const sameLedger = (a: LedgerIdentity | null, b: LedgerIdentity | null) =>
  a !== null && b !== null && a.firstEventId === b.firstEventId && a.firstEventHash === b.firstEventHash;

const publishedTokenHashes = new Set(DEMO_ACCOUNTS.map((demo) => sha256(demo.token)));

/** Whether a token is one of the demo's published tokens. */
export function isPublishedDemoToken(token: string): boolean {
  return publishedTokenHashes.has(sha256(token));
}

/** Whether a username and password are a demo account's published ones. */
export function isPublishedDemoPassword(username: string, password: string): boolean {
  return DEMO_ACCOUNTS.some((demo) => demo.username === username && demo.password === password);
}

/** Whether the published demo credentials may be used with this store: only on the demo ledger the accounts file was marked for. */
export async function demoCredentialsAllowed(store: EventStore, accounts: AccountStore): Promise<boolean> {
  const marked = accounts.demoLedger();
  return marked !== null && sameLedger(marked, await ledgerIdentity(store));
}

/**
 * The active accounts that still hold a published demo credential (its password or an
 * unrevoked token) — refused at sign-in on a store that is not the demo ledger.
 */
export async function accountsWithPublishedCredentials(accounts: AccountStore): Promise<{ username: string; holds: string[] }[]> {
  const found: { username: string; holds: string[] }[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    const account = accounts.get(demo.username);
    if (!account?.active) continue;
    const holds: string[] = [];
    if ((await accounts.verifyPassword(demo.username, demo.password)) !== null) holds.push('the published password');
    if (accounts.verifyToken(demo.token) !== null) holds.push('the published token');
    if (holds.length > 0) found.push({ username: demo.username, holds });
  }
  return found;
}

/**
 * Creates the demo accounts that are missing, in an accounts file marked as the demo
 * of this very ledger (refused otherwise); running it again changes nothing.
 */
export async function ensureDemoAccounts(store: AccountStore, ledger: LedgerIdentity | null): Promise<DemoCredentials[]> {
  if (!sameLedger(store.demoLedger(), ledger))
    throw new AccountError(
      'not-demo-ledger',
      'the demo accounts are created only for the demo ledger (the case 22/25 history loaded into an empty store by npm start)',
    );
  const credentials: DemoCredentials[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    const exists = store.get(demo.username) !== null;
    if (!exists)
      await store.addAccount({
        username: demo.username,
        displayName: demo.displayName,
        role: demo.role,
        ...(demo.memberId === undefined ? {} : { memberId: demo.memberId }),
        password: demo.password,
        token: demo.token,
      });
    credentials.push({
      username: demo.username,
      role: demo.role,
      memberId: demo.memberId ?? null,
      password: demo.password,
      token: demo.token,
      created: !exists,
    });
  }
  return credentials;
}
