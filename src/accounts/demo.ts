import type { AccountStore } from './account-store.js';
import type { Role } from './roles.js';

/**
 * Fixed demo accounts, one per role (two committee members, so a vote in someone
 * else's name can be shown to be refused). Their passwords and tokens are public:
 * they are for the demo and the documentation, never for a ledger with real decisions.
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

/** Creates the demo accounts that are missing; running it again changes nothing. */
export async function ensureDemoAccounts(store: AccountStore): Promise<DemoCredentials[]> {
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
