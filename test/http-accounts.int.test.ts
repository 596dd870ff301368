import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountError, AccountStore } from '../src/accounts/account-store.js';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../src/accounts/demo.js';
import { can } from '../src/accounts/roles.js';

/** The accounts behind the HTTP API: kept in their own SQLite file, never in the event log. */
const directory = mkdtempSync(join(tmpdir(), 'hfi-accounts-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const cheap = { scryptCost: 2 ** 10 };

describe('AccountStore', () => {
  it('creates an account with a generated strong password and token, shown once and kept only as hashes', async () => {
    const path = join(directory, 'hashes.sqlite');
    const store = AccountStore.open(path, cheap);
    const created = await store.addAccount({ username: 'kari', displayName: 'Kari Nordmann', role: 'secretariat' });
    expect(created.password.length).toBeGreaterThanOrEqual(24);
    expect(created.token).toMatch(/^hfi_[A-Za-z0-9_-]{43}$/);
    expect(created.account).toMatchObject({ username: 'kari', role: 'secretariat', memberId: null, active: true, deactivatedAt: null });
    store.close();
    const raw = new Database(path, { readonly: true });
    const everything = JSON.stringify([raw.prepare('SELECT * FROM accounts').all(), raw.prepare('SELECT * FROM api_tokens').all()]);
    raw.close();
    expect(everything).not.toContain(created.password);
    expect(everything).not.toContain(created.token);
    expect(everything).toMatch(/scrypt\$1024\$8\$1\$/);
  });

  it('verifies passwords and tokens, and keeps them across reopening', async () => {
    const path = join(directory, 'reopen.sqlite');
    const first = AccountStore.open(path, cheap);
    const { password, token } = await first.addAccount({ username: 'ola', displayName: 'Ola', role: 'auditor' });
    first.close();
    const store = AccountStore.open(path, cheap);
    expect(await store.verifyPassword('ola', password)).toMatchObject({ username: 'ola', role: 'auditor' });
    expect(await store.verifyPassword('ola', `${password}x`)).toBeNull();
    expect(await store.verifyPassword('nobody', password)).toBeNull();
    expect(store.verifyToken(token)).toMatchObject({ username: 'ola' });
    expect(store.verifyToken(`${token}x`)).toBeNull();
    const second = store.issueToken('ola', 'cli');
    expect(store.verifyToken(second)).toMatchObject({ username: 'ola' });
    const newPassword = await store.setPassword('ola');
    expect(await store.verifyPassword('ola', password)).toBeNull();
    expect(await store.verifyPassword('ola', newPassword)).not.toBeNull();
    store.close();
  });

  it('hashes with the default scrypt cost too: N = 2^15, r = 8, p = 1 are stored with the hash, and the password matches', async () => {
    const path = join(directory, 'default-cost.sqlite');
    const store = AccountStore.open(path);
    const { password } = await store.addAccount({
      username: 'standard',
      displayName: 'Standard',
      role: 'reader',
      password: 'a-long-password',
    });
    expect(await store.verifyPassword('standard', password)).not.toBeNull();
    store.close();
    const db = new Database(path, { readonly: true });
    const { password_hash: stored } = db.prepare('SELECT password_hash FROM accounts WHERE username = ?').get('standard') as {
      password_hash: string;
    };
    db.close();
    const [scheme, cost, blockSize, parallelism, salt, key] = stored.split('$');
    expect({ scheme, cost, blockSize, parallelism }).toEqual({ scheme: 'scrypt', cost: '32768', blockSize: '8', parallelism: '1' });
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
    expect(stored).not.toContain('a-long-password');
  });

  it('refuses invalid accounts and duplicates with stable codes', async () => {
    const store = AccountStore.open(':memory:', cheap);
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => error,
      );
    expect(await refusal(store.addAccount({ username: 'Kari Nordmann', displayName: 'Kari', role: 'reader' }))).toMatchObject({
      code: 'invalid-account',
    });
    expect(await refusal(store.addAccount({ username: 'medlem', displayName: 'Medlem', role: 'member' }))).toMatchObject({
      code: 'invalid-account',
      message: expect.stringContaining('memberId'),
    });
    expect(await refusal(store.addAccount({ username: 'leser2', displayName: 'Leser', role: 'reader', memberId: 'leder' }))).toMatchObject({
      code: 'invalid-account',
    });
    expect(await refusal(store.addAccount({ username: 'kort', displayName: 'Kort', role: 'reader', password: 'short' }))).toMatchObject({
      code: 'invalid-account',
    });
    await store.addAccount({ username: 'kari', displayName: 'Kari', role: 'reader' });
    const duplicate = await refusal(store.addAccount({ username: 'kari', displayName: 'Kari igjen', role: 'reader' }));
    expect(duplicate).toBeInstanceOf(AccountError);
    expect(duplicate).toMatchObject({ code: 'account-exists' });
    expect(() => store.deactivate('ingen')).toThrow(expect.objectContaining({ code: 'unknown-account' }));
    store.close();
  });

  it('deactivation keeps the row (with its time), revokes tokens and ends sessions', async () => {
    const store = AccountStore.open(':memory:', { ...cheap, clock: () => new Date('2025-09-18T10:00:00Z') });
    const { token } = await store.addAccount({ username: 'per', displayName: 'Per', role: 'member', memberId: 'leder' });
    const session = store.createSession('per');
    expect(store.sessionFrom(session.sessionId)).toMatchObject({ account: { username: 'per' }, csrfToken: session.csrfToken });
    const deactivated = store.deactivate('per');
    expect(deactivated).toMatchObject({ active: false, deactivatedAt: '2025-09-18T10:00:00.000Z', memberId: 'leder' });
    expect(store.verifyToken(token)).toBeNull();
    expect(store.sessionFrom(session.sessionId)).toBeNull();
    expect(store.list().map((account) => account.username)).toEqual(['per']);
    store.close();
  });

  it('sessions expire, and end when asked', async () => {
    let now = Date.parse('2025-09-18T08:00:00Z');
    const store = AccountStore.open(':memory:', { ...cheap, clock: () => new Date(now), sessionTtlMs: 60 * 60 * 1000 });
    await store.addAccount({ username: 'anne', displayName: 'Anne', role: 'reader' });
    const session = store.createSession('anne');
    expect(session.expiresAt).toBe('2025-09-18T09:00:00.000Z');
    now += 59 * 60 * 1000;
    expect(store.sessionFrom(session.sessionId)).not.toBeNull();
    now += 2 * 60 * 1000;
    expect(store.sessionFrom(session.sessionId)).toBeNull();
    const second = store.createSession('anne');
    store.endSession(second.sessionId);
    expect(store.sessionFrom(second.sessionId)).toBeNull();
    store.close();
  });
});

describe('demo accounts', () => {
  const demoLog = { firstEventId: '01K0000000000000000000DEMO', firstEventHash: 'a'.repeat(64) };

  it("are created only in an accounts file marked as the demo ledger's, and for that ledger only", async () => {
    const store = AccountStore.open(':memory:', cheap);
    await expect(ensureDemoAccounts(store, demoLog)).rejects.toMatchObject({ code: 'not-demo-ledger' });
    store.markDemoLedger(demoLog);
    await expect(ensureDemoAccounts(store, { ...demoLog, firstEventHash: 'b'.repeat(64) })).rejects.toMatchObject({
      code: 'not-demo-ledger',
    });
    await expect(ensureDemoAccounts(store, null)).rejects.toMatchObject({ code: 'not-demo-ledger' });
    expect(store.list()).toHaveLength(0);
    store.close();
  });

  it('creates one account per role with the fixed credentials, and running it again changes nothing', async () => {
    const store = AccountStore.open(':memory:', cheap);
    store.markDemoLedger(demoLog);
    const first = await ensureDemoAccounts(store, demoLog);
    expect(first.map((entry) => [entry.username, entry.role, entry.memberId, entry.created])).toEqual([
      ['sekretariat', 'secretariat', null, true],
      ['leder', 'member', 'leder', true],
      ['nestleder', 'member', 'nestleder', true],
      ['revisor', 'auditor', null, true],
      ['leser', 'reader', null, true],
    ]);
    for (const demo of DEMO_ACCOUNTS) {
      expect(await store.verifyPassword(demo.username, demo.password)).not.toBeNull();
      expect(store.verifyToken(demo.token)).toMatchObject({ username: demo.username });
    }
    const second = await ensureDemoAccounts(store, demoLog);
    expect(second.every((entry) => !entry.created)).toBe(true);
    expect(store.list()).toHaveLength(5);
    store.close();
  });
});

describe('roles', () => {
  it('only the secretariat records commands; a member only their own vote; the auditor reads everything; the reader only summaries', () => {
    expect(can('secretariat', 'write:commands')).toBe(true);
    expect(can('member', 'write:commands')).toBe(false);
    expect(can('member', 'write:own-vote')).toBe(true);
    expect(can('auditor', 'read:export')).toBe(true);
    expect(can('auditor', 'write:own-vote')).toBe(false);
    expect(can('reader', 'read:summaries')).toBe(true);
    expect(can('reader', 'read:cases')).toBe(false);
  });
});
