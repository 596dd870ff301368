import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.js';
import { userVerbs } from '../src/cli/accounts.js';
import { runCli } from '../src/cli/main.js';
import { tokenVerbs } from '../src/cli/tokens.js';
import { createApp } from '../src/http/app.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { Checkpointer } from '../src/trust/checkpointer.js';
import { readCheckpoints } from '../src/trust/checkpoints.js';
import { loadSigningKey } from '../src/trust/signing-key.js';
import { demoAccountsFor, demoLedger } from './support/demo.js';

/** The key, the checkpoints at settlement, tokens and accounts, as an operator uses them from the shell. */
const root = mkdtempSync(join(tmpdir(), 'ledger-trust-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function shell(env: Record<string, string>) {
  return async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      readStdin: async () => '',
      env,
      extensions: [userVerbs, tokenVerbs],
    });
    return { code, stdout, stderr };
  };
}

describe('the signing key', () => {
  it('is refused inside the store directory, over an existing key, and when others may read it', async () => {
    const store = join(root, 'k1', 'data', 'ledger.sqlite');
    const inside = await shell({ LEDGER_STORE: store, LEDGER_SIGNING_KEY: join(root, 'k1', 'data', 'signing.key') })('keys', 'init');
    expect(inside.code).toBe(1);
    expect(inside.stderr).toContain("would lie in the store's directory");
    const keyPath = join(root, 'k1', 'keys', 'signing.key');
    const ledger = shell({ LEDGER_STORE: store, LEDGER_SIGNING_KEY: keyPath });
    expect((await ledger('keys', 'init')).code).toBe(0);
    expect((await ledger('keys', 'init')).stderr).toContain('exists already');
    expect((await ledger('demo')).code).toBe(0);
    chmodSync(keyPath, 0o640);
    const exposed = await ledger('checkpoint');
    expect(exposed.code).toBe(1);
    expect(exposed.stderr).toContain('has mode 0640: others than its owner may read it');
    chmodSync(keyPath, 0o600);
    expect((await ledger('checkpoint')).stdout).toContain('Signerte sjekkpunkt: posisjon 88');
  });

  it('without LEDGER_SIGNING_KEY, checkpoint is a usage error that says what to set', async () => {
    const result = await shell({ LEDGER_STORE: join(root, 'k2', 'ledger.sqlite') })('checkpoint');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('LEDGER_SIGNING_KEY er ikke satt: oppgi filen til signeringsnøkkelen');
  });
});

describe('checkpoints at every settlement', () => {
  it('ledger settle signs one that covers the year it closed', async () => {
    const keyPath = join(root, 's1', 'keys', 'signing.key');
    const ledger = shell({ LEDGER_STORE: join(root, 's1', 'data', 'ledger.sqlite'), LEDGER_SIGNING_KEY: keyPath });
    await ledger('keys', 'init');
    await ledger('demo');
    const settled = await ledger('settle', '2025');
    expect(settled.code, settled.stderr).toBe(0);
    expect(settled.stderr).toContain('Signerte sjekkpunkt etter avregningen');
    const [checkpoint] = readCheckpoints(join(root, 's1', 'keys', 'checkpoints.ndjson'));
    expect(checkpoint).toMatchObject({ reason: 'settlement 2025' });
    const db = new Database(join(root, 's1', 'data', 'ledger.sqlite'), { readonly: true });
    const closed = db.prepare("SELECT MAX(position) AS position FROM events WHERE type = 'YearClosed'").get() as { position: number };
    db.close();
    expect(checkpoint!.position).toBeGreaterThanOrEqual(closed.position);
  });

  it('a settlement over HTTP signs one through the hook the composition root wires, by either endpoint', async () => {
    mkdirSync(join(root, 'h1'), { recursive: true });
    const keyPath = join(root, 'h1', 'signing.key');
    await shell({ LEDGER_STORE: ':memory:', LEDGER_SIGNING_KEY: keyPath })('keys', 'init');
    const store = new SqliteEventStore(':memory:');
    // February 2027: both 2025 and 2026 can be settled.
    const ledger = await demoLedger(store, '2027-02-01T09:00:00Z');
    const accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 10 });
    await demoAccountsFor(accounts, ledger.store);
    const checkpointer = new Checkpointer(store, loadSigningKey(keyPath));
    const app = createApp(ledger, accounts, {
      log: () => {},
      afterSettlement: async (outcome) => void (await checkpointer.sign(`settlement ${outcome.year}`)),
    });
    const auth = { Authorization: 'Bearer hfi_demo_sekretariat' };
    expect(
      (
        await request(app)
          .post('/api/years/2025/settlement')
          .set({ ...auth, 'Idempotency-Key': 's-2025' })
          .send({})
      ).status,
    ).toBe(201);
    expect(
      (
        await request(app)
          .post('/api/years/2025/settlement')
          .set({ ...auth, 'Idempotency-Key': 's-2025b' })
          .send({})
      ).status,
    ).toBe(200);
    const viaCommand = await request(app)
      .post('/api/commands')
      .set({ ...auth, 'Idempotency-Key': 's-2026' })
      .send({ type: 'SettleYear', year: 2026 });
    expect(viaCommand.status).toBe(201);
    expect(readCheckpoints(checkpointer.file).map((checkpoint) => checkpoint.reason)).toEqual(['settlement 2025', 'settlement 2026']);
    expect(readCheckpoints(checkpointer.file).at(-1)!.position).toBe(await ledger.store.headPosition());
    accounts.close();
    await ledger.store.close();
  });
});

describe('tokens and accounts from the shell', () => {
  it('lists tokens, revokes one alone, reactivates an account; verify reports demo accounts off the demo ledger', async () => {
    const store = join(root, 'a1', 'ledger.sqlite');
    const ledger = shell({ LEDGER_STORE: store, LEDGER_TOKEN_TTL_DAYS: '30' });
    await ledger('demo');
    const added = await ledger('user', 'add', 'kari', '--role', 'auditor', '--name', 'Kari Nordmann');
    const firstToken = /API-token (\S+)/.exec(added.stdout)![1]!;
    const second = /: (hfi_\S+)/.exec((await ledger('user', 'token', 'kari')).stdout)![1]!;
    const listed = JSON.parse((await ledger('token', 'list', 'kari', '--json')).stdout) as {
      id: string;
      expiresAt: string;
      state: string;
    }[];
    expect(listed).toHaveLength(2);
    expect(listed.every((token) => token.state === 'active' && token.expiresAt !== null)).toBe(true);
    const accounts = () => AccountStore.open(join(root, 'a1', 'accounts.sqlite'));
    const firstId = (() => {
      const open = accounts();
      const id = open.tokens.list('kari').find((token) => open.verifyToken(firstToken) && token.label === 'created with the account')!.id;
      open.close();
      return id;
    })();
    expect((await ledger('token', 'revoke', firstId)).stdout).toContain(`Tilbakekalte token ${firstId} for kari`);
    let open = accounts();
    expect(open.verifyToken(firstToken)).toBeNull();
    expect(open.verifyToken(second)).not.toBeNull();
    open.close();
    await ledger('user', 'deactivate', 'kari');
    expect((await ledger('user', 'reactivate', 'kari')).stdout).toContain('Aktiverte kari igjen');
    open = accounts();
    expect(open.get('kari')?.active).toBe(true);
    expect(open.verifyToken(second)).toBeNull();
    // The old way: demo accounts made in a store's accounts file whatever the store held.
    open.markDemoLedger({ firstEventId: '01K00000000000000000000000', firstEventHash: '0'.repeat(64) });
    await open.addAccount({
      username: 'sekretariat',
      displayName: 'Demo',
      role: 'secretariat',
      password: 'demo-sekretariat',
      token: 'hfi_demo_sekretariat',
    });
    open.close();
    const verified = await ledger('verify');
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain(
      'account sekretariat holds the published password and the published token of the demo, on a store that is not the demo ledger',
    );
    await ledger('user', 'deactivate', 'sekretariat');
    expect((await ledger('verify')).code).toBe(0);
  });
});

describe('a store file written before the log chain', () => {
  it('gets its chain on open, verifies, and its checkpoints verify', async () => {
    const file = join(root, 'old', 'ledger.sqlite');
    const ledger = shell({ LEDGER_STORE: file });
    await ledger('demo');
    const db = new Database(file);
    db.exec('ALTER TABLE events DROP COLUMN log_hash');
    db.close();
    const store = new SqliteEventStore(file);
    const head = await store.logHead();
    expect(head.position).toBe(88);
    await store.close();
    expect((await ledger('verify')).code).toBe(0);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
