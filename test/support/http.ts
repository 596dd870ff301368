import request from 'supertest';
import type { Test } from 'supertest';
import { AccountStore } from '../../src/accounts/account-store.js';
import { ensureDemoAccounts, type DemoCredentials } from '../../src/accounts/demo.js';
import { createApp, type AppOptions } from '../../src/http/app.js';
import type { RequestLogLine } from '../../src/http/request-log.js';
import { demoLedger } from './demo.js';

export type DemoUser = 'sekretariat' | 'leder' | 'nestleder' | 'revisor' | 'leser';

/**
 * The HTTP API over the case 22/25 demo ledger, with the demo accounts in an
 * in-memory accounts store (cheap scrypt, for speed) and the request log captured.
 */
export async function httpFixture(options: Omit<AppOptions, 'log'> = {}) {
  const ledger = await demoLedger();
  const accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 10 });
  const credentials = await ensureDemoAccounts(accounts);
  const log: RequestLogLine[] = [];
  const app = createApp(ledger, accounts, { ...options, log: (line) => log.push(JSON.parse(line) as RequestLogLine) });
  const tokenOf = (user: DemoUser) => credentials.find((entry: DemoCredentials) => entry.username === user)!.token;
  let keys = 0;
  const nextKey = () => `test-key-${++keys}`;

  /** Requests as a demo account (bearer token); `post` sends a fresh Idempotency-Key unless one is given. */
  const as = (user: DemoUser) => ({
    get: (path: string): Test => request(app).get(path).set('Authorization', `Bearer ${tokenOf(user)}`),
    post: (path: string, body: object = {}, key: string | null = nextKey()): Test => {
      const test = request(app).post(path).set('Authorization', `Bearer ${tokenOf(user)}`);
      if (key !== null) test.set('Idempotency-Key', key);
      return test.send(body);
    },
  });

  return {
    app,
    ledger,
    accounts,
    credentials,
    log,
    as,
    tokenOf,
    nextKey,
    anonymous: () => request(app),
    /** The log position of the last event: unchanged when nothing was appended. */
    head: () => ledger.store.headPosition(),
    close: async () => {
      accounts.close();
      await ledger.store.close();
    },
  };
}

export type HttpFixture = Awaited<ReturnType<typeof httpFixture>>;

/** Asserts the RFC 9457 shape every error has. */
export function problemOf(response: request.Response): { type: string; title: string; status: number; detail: string; code: string; issues?: { path: string; message: string }[]; details?: Record<string, unknown> } {
  return response.body as ReturnType<typeof problemOf>;
}
