import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The built server as `npm start` and `npm run serve` run it (dist/src/main.js, built by
 * `npm test` before the tests): demo accounts only on the demo ledger, the first account
 * explained on an empty store, TRUST_PROXY, no source maps. Ports 3201–3204.
 */
const main = join(import.meta.dirname, '..', 'dist', 'src', 'main.js');
const skip = existsSync(main) ? undefined : `${main} is not built (npm run build)`;
if (skip) console.log(`[skipped] server start-up: ${skip}`);
const root = mkdtempSync(join(tmpdir(), 'ledger-server-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function start(port: number, env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [main, ...args], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${output}`)), 30_000);
    const check = setInterval(() => {
      if (output.includes('The ledger serves')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  return { child, output: () => output, url: `http://127.0.0.1:${port}` };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const signIn = (url: string, username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });

describe.skipIf(skip !== undefined)('the built server', { timeout: 120_000 }, () => {
  it('npm start on an empty store loads the demo and its accounts work; on a store with other events they are refused', async () => {
    const demo = await start(3201, { LEDGER_STORE: join(root, 'demo', 'ledger.sqlite') }, ['--demo']);
    expect(demo.output()).toContain('Loaded the case 22/25 history: 88 events.');
    expect(demo.output()).toContain('sekretariat');
    expect((await signIn(demo.url, 'sekretariat', 'demo-sekretariat')).status).toBe(201);
    await stop(demo.child);

    // A store that held events before --demo: the demo accounts are neither created nor accepted.
    const other = join(root, 'other');
    const first = await start(3202, { LEDGER_STORE: join(other, 'ledger.sqlite'), LEDGER_ACCOUNTS: join(other, 'first-accounts.sqlite') }, [
      '--demo',
    ]);
    await stop(first.child);
    const real = await start(3202, { LEDGER_STORE: join(other, 'ledger.sqlite'), LEDGER_ACCOUNTS: join(root, 'demo', 'accounts.sqlite') }, [
      '--demo',
    ]);
    expect(real.output()).toContain('is not a demo ledger');
    const refused = await signIn(real.url, 'sekretariat', 'demo-sekretariat');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toContain('publiserte demopassordet avvises');
    await stop(real.child);
  });

  it('npm run serve on an empty store without accounts says how to create the first secretariat account', async () => {
    const server = await start(3203, { LEDGER_STORE: join(root, 'empty', 'ledger.sqlite') });
    expect(server.output()).toContain('There is no secretariat account yet');
    expect(server.output()).toContain('ledger user add <username> --role secretariat');
    expect(server.output()).toContain('LEDGER_SIGNING_KEY is not set: no checkpoints are signed');
    await stop(server.child);
  });

  it('TRUST_PROXY makes the session cookie Secure behind a TLS proxy; health tells anonymous callers nothing more than ok; no source maps', async () => {
    const server = await start(3204, { LEDGER_STORE: join(root, 'proxy', 'ledger.sqlite'), TRUST_PROXY: 'loopback' }, ['--demo']);
    const response = await signIn(server.url, 'revisor', 'demo-revisor-1', { 'X-Forwarded-Proto': 'https' });
    expect(response.status).toBe(201);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok' });
    // The page's script is the hashed asset the build names; it is served, its source map is not.
    const script = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'dist', 'web', 'build.json'), 'utf8')) as { script: string })
      .script;
    expect((await fetch(`${server.url}/assets/${script}`)).status).toBe(200);
    expect((await fetch(`${server.url}/assets/${script}.map`)).status).toBe(404);
    await stop(server.child);
  });
});
