import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.js';
import { runCli } from '../src/cli/main.js';
import { openLedger } from '../src/ledger.js';
import { createLogger } from '../src/operations/logger.js';
import { startOperations } from '../src/operations/server-operations.js';
import type { SqliteEventStore } from '../src/store/sqlite-store.js';
import { Checkpointer } from '../src/trust/checkpointer.js';
import { CheckpointRefusedError } from '../src/trust/log-guard.js';
import { loadSigningKey } from '../src/trust/signing-key.js';
import { forge } from './support/forge.js';
import { builtServerMissing, eventually, startBuiltServer } from './support/server-process.js';

/**
 * Checkpoints never sign a forgery: someone who can write the store file but does not
 * hold the key changes an amount and recomputes every hash. Before any signature — a
 * `ledger checkpoint`, the checkpoint after a settlement, the server's schedule and its
 * shutdown — and at every start of the server, the log is held to the checkpoints signed
 * before; on the forged store nothing is signed, the refusal says what to run, the
 * server tells the auditor in /api/health, and it keeps refusing until an operator acts
 * (here: a new signing key in a directory of its own).
 */
const root = mkdtempSync(join(tmpdir(), 'ledger-guard-'));
const pristine = join(root, 'pristine', 'ledger.sqlite');
const keyPath = join(root, 'keys', 'signing.key');
const checkpointsFile = join(root, 'keys', 'checkpoints.ndjson');
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function ledger(args: string[], store: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => '',
    env: { LEDGER_STORE: store, LEDGER_SIGNING_KEY: keyPath, LEDGER_ACTOR: 'sekretariat', ...env },
  });
  return { code, stdout, stderr };
}

const checkpointLines = () => readFileSync(checkpointsFile, 'utf8').trim().split('\n').length;

let trials = 0;
/** A copy of the pristine store whose 2025 receipt was raised by 100 000, every hash recomputed. */
function forgedCopy(): string {
  const directory = join(root, `forged-${++trials}`);
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'ledger.sqlite');
  copyFileSync(pristine, file);
  forge(file, (db) => {
    const changed = db
      .prepare(
        `UPDATE events SET data = replace(data, '"10615000', '"10715000') WHERE type = 'FundsReceived' AND instr(data, '"10615000') > 0`,
      )
      .run().changes;
    expect(changed).toBe(1);
  });
  return file;
}

beforeAll(async () => {
  expect((await ledger(['demo'], pristine)).code).toBe(0);
  expect((await ledger(['keys', 'init'], pristine)).code).toBe(0);
  expect((await ledger(['checkpoint'], pristine)).stdout).toContain('posisjon 88');
}, 60_000);

describe('the CLI signs no forgery', () => {
  it('ledger checkpoint on the forged store is refused, names the checkpoint and what to run, and signs nothing', async () => {
    const forged = forgedCopy();
    // Without keys the forgery passes: every hash was recomputed.
    expect((await ledger(['verify'], forged)).code).toBe(0);
    const before = checkpointLines();
    const refused = await ledger(['checkpoint'], forged);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('loggen stemmer ikke med sjekkpunktene som er signert før');
    expect(refused.stderr).toContain('posisjon 88');
    expect(refused.stderr).toContain('ledger restore');
    expect(refused.stderr).toContain('ny signeringsnøkkel');
    expect(checkpointLines()).toBe(before);
    // And again: it keeps refusing.
    expect((await ledger(['checkpoint'], forged)).code).toBe(1);
    expect(checkpointLines()).toBe(before);
    // The untouched store is signed as ever.
    expect((await ledger(['checkpoint'], pristine)).code).toBe(0);
    expect(checkpointLines()).toBe(before + 1);
  });

  it('a settlement on the forged store is recorded, but its checkpoint is refused and the exit code says so', async () => {
    const forged = forgedCopy();
    const before = checkpointLines();
    const settled = await ledger(['settle', '2025', '--date', '2025-12-31'], forged);
    expect(settled.code).toBe(1);
    expect(settled.stderr).toContain('avregningen er registrert, men sjekkpunktet etter den ble ikke signert');
    expect(checkpointLines()).toBe(before);
    expect((await ledger(['frame', '2025', '--json'], forged)).stdout).toContain('"closed": true');
  });

  it('an operator who takes a new key into use (in a directory of its own) can sign again; the old checkpoints still show the forgery', async () => {
    const forged = forgedCopy();
    const newKey = join(root, 'keys-2', 'signing.key');
    expect((await ledger(['keys', 'init'], forged, { LEDGER_SIGNING_KEY: newKey })).code).toBe(0);
    const signed = await ledger(['checkpoint'], forged, { LEDGER_SIGNING_KEY: newKey });
    expect(signed.code, signed.stderr).toBe(0);
    const audited = await ledger(['verify', '--checkpoints', checkpointsFile, '--public-key', `${keyPath}.pub`], forged);
    expect(audited.code).toBe(1);
    expect(audited.stderr).toContain('is not the one the checkpoint signed');
  });
});

describe("the server's signatures, wired as the composition root wires them", () => {
  it('the schedule, a settlement and the shutdown each refuse to sign the forged log, and each refusal is logged', async () => {
    const forged = forgedCopy();
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const opened = await openLedger({ store: forged });
    const operations = startOperations(opened, { storeSetting: forged, signingKey: keyPath, checkpointMinutes: 0, logger });
    const before = checkpointLines();
    const checkpointer = new Checkpointer(opened.store as SqliteEventStore, loadSigningKey(keyPath));
    await expect(checkpointer.signIfMoved('schedule')).rejects.toThrow(CheckpointRefusedError);
    await operations.afterSettlement!({ year: 2025, alreadySettled: false, events: [] });
    expect(operations.status.checkpoints()?.state).toBe('refused');
    await operations.stop();
    expect(checkpointLines()).toBe(before);
    expect(lines.filter((line) => line.event === 'checkpoint-refused' && line.level === 'error')).toHaveLength(2);
    await opened.close();
  });
});

const skip = builtServerMissing;
if (skip) console.log(`[skipped] the server's checkpoint guard: ${skip}`);

describe.skipIf(skip !== undefined)('the server signs no forgery', { timeout: 120_000 }, () => {
  async function tokens(accountsPath: string) {
    const accounts = AccountStore.open(accountsPath, { scryptCost: 2 ** 10 });
    const auditor = await accounts.addAccount({ username: 'revisor', displayName: 'Revisor', role: 'auditor' });
    const secretariat = await accounts.addAccount({ username: 'sekretariat', displayName: 'Sekretariatet', role: 'secretariat' });
    accounts.close();
    return { auditor: auditor.token, secretariat: secretariat.token };
  }
  const health = async (url: string, token: string) =>
    (await (await fetch(`${url}/api/health`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      checkpoints: { state: string; message?: string; problems: string[] };
    };

  it('at start it finds the log does not hold, tells the auditor in /api/health and the log, takes writes, and signs no shutdown checkpoint', async () => {
    const forged = forgedCopy();
    const token = await tokens(join(root, `accounts-${trials}.sqlite`));
    const before = checkpointLines();
    const server = await startBuiltServer({
      LEDGER_STORE: forged,
      LEDGER_ACCOUNTS: join(root, `accounts-${trials}.sqlite`),
      LEDGER_SIGNING_KEY: keyPath,
    });
    const refused = await eventually(async () => {
      const answer = await health(server.url, token.auditor);
      return answer.checkpoints.state === 'refused' ? answer : undefined;
    });
    expect(refused.checkpoints.message).toContain('ledger restore');
    expect(refused.checkpoints.problems.join()).toContain('position 88');
    // Anonymous callers are told nothing of it.
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok' });
    const loud = server.logLines().find((line) => line.event === 'checkpoint-refused');
    expect(loud).toMatchObject({ level: 'error' });
    expect(String(loud!.msg)).toContain('DOES NOT HOLD');
    const written = await fetch(`${server.url}/api/years/2026/expected-receipt`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token.secretariat}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'guard-1' },
      body: JSON.stringify({ amount: '10000000' }),
    });
    expect(written.status).toBeLessThan(300);
    expect(await server.stop()).toBe(0);
    expect(checkpointLines()).toBe(before);
    expect(server.logLines().filter((line) => line.event === 'checkpoint-refused').length).toBeGreaterThanOrEqual(2);
  });

  it('on the untouched store the log holds, and the shutdown after a write signs a checkpoint', async () => {
    const directory = join(root, 'served');
    mkdirSync(directory, { recursive: true });
    copyFileSync(pristine, join(directory, 'ledger.sqlite'));
    const token = await tokens(join(directory, 'accounts.sqlite'));
    const before = checkpointLines();
    const server = await startBuiltServer({ LEDGER_STORE: join(directory, 'ledger.sqlite'), LEDGER_SIGNING_KEY: keyPath });
    await eventually(async () => ((await health(server.url, token.auditor)).checkpoints.state === 'holds' ? true : undefined));
    const written = await fetch(`${server.url}/api/years/2026/expected-receipt`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token.secretariat}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'guard-2' },
      body: JSON.stringify({ amount: '10000000' }),
    });
    expect(written.status).toBeLessThan(300);
    expect(await server.stop()).toBe(0);
    expect(checkpointLines()).toBe(before + 1);
  });
});
