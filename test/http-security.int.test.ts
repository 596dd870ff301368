import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.js';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../src/accounts/demo.js';
import { createApp } from '../src/http/app.js';
import type { RequestLogLine } from '../src/http/request-log.js';
import { actorRefOf } from '../src/operations/logger.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { demoAccountsFor, demoLedger } from './support/demo.js';

/** Sign-in throttling, the demo's published credentials off the demo ledger, tokens one by one. */
const cheap = { scryptCost: 2 ** 10 };

async function site(options: Parameters<typeof createApp>[2] = {}) {
  const ledger = await demoLedger();
  const accounts = AccountStore.open(':memory:', cheap);
  await demoAccountsFor(accounts, ledger.store);
  const log: RequestLogLine[] = [];
  const app = createApp(ledger, accounts, { ...options, log: (line) => log.push(JSON.parse(line) as RequestLogLine) });
  const signIn = (username: string, password: string, from?: string) => {
    const call = request(app).post('/api/session').send({ username, password });
    return from ? call.set('X-Forwarded-For', from) : call;
  };
  return { ledger, accounts, app, log, signIn, close: () => (accounts.close(), ledger.store.close()) };
}

describe('sign-in throttling', () => {
  it('the 21st wrong password within a minute gets 429 with Retry-After, the right one too while locked; the lock-out is logged', async () => {
    const { signIn, log, close } = await site();
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 20; attempt++) statuses.push((await signIn('sekretariat', `wrong-password-${attempt}`)).status);
    expect(statuses).toEqual(Array(20).fill(401));
    const locked = await signIn('sekretariat', 'wrong-password-21');
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(55);
    expect(locked.body).toMatchObject({ code: 'too-many-sign-in-attempts', details: { scope: 'account+address' } });
    expect((await signIn('sekretariat', 'demo-sekretariat')).status).toBe(429);
    const lockout = log.find((line) => line.security?.event === 'sign-in-lockout');
    expect(lockout?.security).toMatchObject({
      actorRef: actorRefOf('sekretariat'),
      scope: 'account+address',
      lockouts: 1,
      lockedForSeconds: 60,
    });
    expect(JSON.stringify(log)).not.toContain('sekretariat');
    expect(log.filter((line) => line.security?.event === 'sign-in-locked')).toHaveLength(2);
    // Another account from the same address is not locked by it.
    expect((await signIn('revisor', 'demo-revisor-1')).status).toBe(201);
    await close();
  });

  it('counts per address behind a trusted proxy: another client signs in while one is locked out', async () => {
    const { signIn, close } = await site({ trustProxy: 1 });
    for (let attempt = 0; attempt < 20; attempt++) await signIn('sekretariat', 'wrong-password-x', '203.0.113.7');
    expect((await signIn('sekretariat', 'demo-sekretariat', '203.0.113.7')).status).toBe(429);
    expect((await signIn('sekretariat', 'demo-sekretariat', '198.51.100.2')).status).toBe(201);
    await close();
  });

  it('each lock-out of the same key lasts twice as long as the one before', async () => {
    const { signIn, close } = await site({ signInThrottle: { failuresPerMinute: 3, lockoutSeconds: 1 } });
    const lockOut = async () => {
      for (let attempt = 0; attempt < 3; attempt++) expect((await signIn('leser', 'wrong-password-y')).status).toBe(401);
      return Number((await signIn('leser', 'wrong-password-y')).headers['retry-after']);
    };
    expect(await lockOut()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await lockOut()).toBe(2);
    await close();
  });

  it('a flood of sign-ins hashes at most two at once, refuses beyond what may wait with 429, and other requests are served meanwhile', async () => {
    const ledger = await demoLedger();
    const accounts = AccountStore.open(':memory:');
    await demoAccountsFor(accounts, ledger.store);
    const app = createApp(ledger, accounts, { log: () => {}, signInThrottle: { failuresPerMinute: 10_000 } });
    const flood = Promise.all(
      Array.from({ length: 120 }, (_, index) =>
        request(app)
          .post('/api/session')
          .send({ username: `nobody${index}`, password: 'x' }),
      ),
    );
    const health = await request(app).get('/api/health');
    expect(health.status).toBe(200);
    const statuses = (await flood).map((response) => response.status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    accounts.close();
    await ledger.store.close();
  }, 60_000);
});

describe('the published demo credentials off the demo ledger', () => {
  let other: Awaited<ReturnType<typeof otherStore>>;
  /** A store with other events than the demo's, and an accounts file that holds the demo accounts (as npm start used to make them). */
  async function otherStore() {
    const demo = await demoLedger();
    const accounts = AccountStore.open(':memory:', cheap);
    await demoAccountsFor(accounts, demo.store);
    await demo.store.close();
    const store = new SqliteEventStore(':memory:');
    const real = await demoLedger(store);
    const log: RequestLogLine[] = [];
    accounts.markDemoLedger({ firstEventId: '01K00000000000000000000000', firstEventHash: '0'.repeat(64) });
    const app = createApp(real, accounts, { log: (line) => log.push(JSON.parse(line) as RequestLogLine) });
    return { app, accounts, log, store };
  }
  beforeAll(async () => {
    other = await otherStore();
  });
  afterAll(async () => {
    other.accounts.close();
    await other.store.close();
  });

  it('refuses every demo password and every demo token at sign-in, and logs it', async () => {
    for (const demo of DEMO_ACCOUNTS) {
      const signIn = await request(other.app).post('/api/session').send({ username: demo.username, password: demo.password });
      expect(signIn.status).toBe(401);
      expect(signIn.body.detail).toContain('Det publiserte demopassordet avvises');
      const read = await request(other.app).get('/api/years').set('Authorization', `Bearer ${demo.token}`);
      expect(read.status).toBe(401);
      expect(read.body.detail).toContain('En publisert demonøkkel avvises');
    }
    expect(other.log.filter((line) => line.security?.event === 'demo-credentials-refused')).toHaveLength(10);
  });

  it('an account with its own credentials works on the same store', async () => {
    const { token, password } = await other.accounts.addAccount({ username: 'kari', displayName: 'Kari', role: 'auditor' });
    expect((await request(other.app).get('/api/years').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await request(other.app).post('/api/session').send({ username: 'kari', password })).status).toBe(201);
  });

  it('are not created for a ledger the accounts file is not marked for', async () => {
    await expect(ensureDemoAccounts(other.accounts, { firstEventId: 'x', firstEventHash: 'y' })).rejects.toMatchObject({
      code: 'not-demo-ledger',
    });
  });
});

describe('API tokens one by one', () => {
  it('revoking one token leaves the account and its other tokens working', async () => {
    const { app, accounts, close } = await site();
    const first = accounts.issueToken('revisor', 'laptop');
    const second = accounts.issueToken('revisor', 'script');
    const id = accounts.tokens.list('revisor').find((token) => token.label === 'laptop')!.id;
    expect(accounts.tokens.revoke(id)).toMatchObject({ id, state: 'revoked' });
    expect((await request(app).get('/api/years').set('Authorization', `Bearer ${first}`)).status).toBe(401);
    expect((await request(app).get('/api/years').set('Authorization', `Bearer ${second}`)).status).toBe(200);
    expect(() => accounts.tokens.revoke('zz')).toThrow(/6–64 hex digits/);
    await close();
  });

  it('a token expires after the lifetime it was issued with', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const accounts = AccountStore.open(':memory:', { ...cheap, clock: () => new Date(now), tokenTtlMs: 24 * 60 * 60 * 1000 });
    const { token } = await accounts.addAccount({ username: 'ola', displayName: 'Ola', role: 'reader' });
    expect(accounts.verifyToken(token)).not.toBeNull();
    now += 24 * 60 * 60 * 1000 + 1;
    expect(accounts.verifyToken(token)).toBeNull();
    expect(accounts.tokens.list('ola')[0]).toMatchObject({ state: 'expired', expiresAt: '2026-01-02T00:00:00.000Z' });
    accounts.close();
  });
});
