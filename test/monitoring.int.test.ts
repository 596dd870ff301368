import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.js';
import { runCli } from '../src/cli/main.js';
import { builtServerMissing, eventually, startBuiltServer } from './support/server-process.js';

/**
 * What the operator watches: the Prometheus endpoint on its own port (the series the
 * operations guide names, each route by its pattern), and the structured log (one JSON
 * object a line, a request id per request) that holds no password, token, cookie,
 * username or person's name.
 */
const skip = builtServerMissing;
if (skip) console.log(`[skipped] monitoring of the built server: ${skip}`);
const root = mkdtempSync(join(tmpdir(), 'ledger-monitoring-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function ledger(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => '',
    env,
  });
  return { code, stdout, stderr };
}

describe.skipIf(skip !== undefined)('monitoring the built server', { timeout: 120_000 }, () => {
  it('serves the named series on the metrics port, routes by their pattern, and logs no secret or name', async () => {
    const directory = join(root, 'served');
    mkdirSync(directory);
    const env = {
      LEDGER_STORE: join(directory, 'ledger.sqlite'),
      LEDGER_ACCOUNTS: join(directory, 'accounts.sqlite'),
      LEDGER_SIGNING_KEY: join(root, 'keys', 'signing.key'),
    };
    expect((await ledger(['demo'], env)).code).toBe(0);
    expect((await ledger(['keys', 'init'], env)).code).toBe(0);
    expect((await ledger(['checkpoint'], env)).code).toBe(0);
    expect((await ledger(['backup', '--out', join(root, 'backup')], env)).code).toBe(0);
    const accounts = AccountStore.open(env.LEDGER_ACCOUNTS, { scryptCost: 2 ** 10 });
    const secret = 'a-long-passphrase-of-kari';
    const kari = await accounts.addAccount({
      username: 'kari.nordmann',
      displayName: 'Kari Nordmann',
      role: 'secretariat',
      password: secret,
    });
    accounts.close();

    const server = await startBuiltServer({ ...env, LEDGER_METRICS_PORT: '0' });
    const serving = server.logLines().find((line) => line.event === 'serving') as { metrics: string };
    expect(serving.metrics).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);

    // A password sign-in, a session request, a token request: recorded, refused, read.
    const signIn = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kari.nordmann', password: secret }),
    });
    expect(signIn.status).toBe(201);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const recorded = await fetch(`${server.url}/api/years/2026/expected-receipt`, {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json', 'Idempotency-Key': 'monitoring-1' },
      body: JSON.stringify({ amount: '10000000' }),
    });
    expect(recorded.status).toBe(201);
    const refused = await fetch(`${server.url}/api/years/2026/expected-receipt`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${kari.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'monitoring-2' },
      body: JSON.stringify({ amount: '10000000' }),
    });
    expect(((await refused.json()) as { code: string }).code).toBe('expectation-unchanged');
    const frame = await fetch(`${server.url}/api/years/2025/frame`, { headers: { Authorization: `Bearer ${kari.token}` } });
    expect(frame.status).toBe(200);
    await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kari.nordmann', password: 'wrong-and-personal-Kari' }),
    });

    const metrics = await eventually(async () => {
      const text = await (await fetch(serving.metrics)).text();
      return text.includes('ledger_projection_lag_events 0') ? text : undefined;
    });
    expect(metrics).toContain('ledger_commands_recorded_total{command="RecordExpectedReceipt"} 1');
    expect(metrics).toContain('ledger_commands_refused_total{command="RecordExpectedReceipt",code="expectation-unchanged"} 1');
    expect(metrics).toMatch(
      /http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/years\/:year\/frame",status="200"\}/,
    );
    expect(metrics).not.toContain('route="/api/years/2025/frame"');
    expect(metrics).toContain('ledger_log_head_position 89');
    expect(metrics).toMatch(/ledger_last_checkpoint_age_seconds\{key_id="[0-9a-f]{16}"\} \d/);
    expect(metrics).toMatch(/ledger_checkpoint_guard_holds\{key_id="[0-9a-f]{16}"\} 1/);
    expect(metrics).toMatch(/ledger_last_backup_age_seconds\{kind="sqlite"\} \d/);
    expect(metrics).toContain('process_resident_memory_bytes');
    // The API's own port serves no metrics.
    expect(await (await fetch(`${server.url}/metrics`)).text()).not.toContain('ledger_log_head_position');

    expect(await server.stop()).toBe(0);
    const requests = server.logLines().filter((line) => line.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(requests.every((line) => typeof line.requestId === 'string' && typeof line.time === 'string')).toBe(true);
    expect(new Set(requests.map((line) => line.requestId)).size).toBe(requests.length);
    expect(requests.find((line) => line.route === '/api/years/:year/expected-receipt' && line.status === 201)).toMatchObject({
      role: 'secretariat',
      actorRef: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    const output = server.output();
    for (const leak of [
      secret,
      'wrong-and-personal',
      kari.token,
      cookie.split('=')[1]!,
      csrfToken,
      'kari.nordmann',
      'Kari Nordmann',
      'Kari',
    ])
      expect(output, `the log holds ${leak}`).not.toContain(leak);
  });
});
