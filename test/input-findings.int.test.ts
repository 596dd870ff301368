import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { MAX_JSON_DEPTH } from '../src/http/body.js';
import { parseTrustProxy } from '../src/http/trust-proxy.js';
import { httpFixture, type HttpFixture } from './support/http.js';
import { builtServerMissing, runBuiltServerToExit } from './support/server-process.js';

/**
 * The input findings of the hostile battery, one test each: a body in another charset
 * than UTF-8, a body nested 10 000 deep, names made of invisible characters,
 * `TRUST_PROXY=true` and forged X-Forwarded-For addresses, and a `ledger verify` that
 * changed the file it audited.
 */
describe('request bodies', () => {
  let api: HttpFixture;
  let url: string;
  let close: () => void;
  beforeAll(async () => {
    api = await httpFixture();
    const server = api.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => (close(), api.close()));

  const send = (path: string, body: Uint8Array | string, contentType = 'application/json') =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.tokenOf('sekretariat')}`, 'Content-Type': contentType, 'Idempotency-Key': api.nextKey() },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });

  it('a body in UTF-16 (or any charset but UTF-8) is refused with 415 and stores nothing, the duplicate key it hid included', async () => {
    const before = await api.head();
    const twin = '{"programmeAreaId":"twin","name":"Harmless","n\\u0061me":"Evil twin"}';
    for (const [charset, bytes] of [
      ['utf-16le', Buffer.from(twin, 'utf16le')],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(twin, 'utf16le')])],
      ['latin1', Buffer.from(twin, 'latin1')],
      ['utf-32', Buffer.from(twin, 'latin1')],
    ] as const) {
      const response = await send('/api/programme-areas', bytes, `application/json; charset=${charset}`);
      expect(response.status, charset).toBe(415);
      const problem = (await response.json()) as { code: string; detail: string };
      expect(problem).toMatchObject({ code: 'unsupported-media-type' });
      expect(problem.detail).toContain(`charset=${charset.toLowerCase()}`);
    }
    expect(await api.head()).toBe(before);
    // In UTF-8 the same text is refused for its duplicate key, as before.
    const utf8 = await send('/api/programme-areas', twin, 'application/json; charset=utf-8');
    expect(utf8.status).toBe(400);
    expect(((await utf8.json()) as { code: string }).code).toBe('duplicate-json-key');
    expect(await api.head()).toBe(before);
  });

  it(`a body nested deeper than ${MAX_JSON_DEPTH} levels is a 400 naming the limit, never a 403 or a stack overflow`, async () => {
    const before = await api.head();
    const arrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    for (const body of [arrays, objects, `{"commands":${arrays}}`]) {
      const response = await send('/api/commands', body);
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { code: string; detail: string; details: { maxDepth: number } };
      expect(problem.code).toBe('json-too-deep');
      expect(problem.detail).toContain(`dypere enn ${MAX_JSON_DEPTH} nivåer`);
      expect(problem.detail).not.toMatch(/call stack/i);
      expect(problem.details.maxDepth).toBe(MAX_JSON_DEPTH);
    }
    // At the limit the body is read, and refused for what it says, not for its depth.
    const atLimit = await send('/api/programme-areas', `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`);
    expect(((await atLimit.json()) as { code: string }).code).not.toBe('json-too-deep');
    // Brackets inside strings are text, not nesting.
    const inText = await send(
      '/api/programme-areas',
      JSON.stringify({ programmeAreaId: 'brackets', name: `Prosjekt ${'[{'.repeat(100)}` }),
    );
    expect(inText.status).toBe(201);
    expect(await api.head()).toBe(before + 1);
  });
});

describe('names', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  const register = (programmeAreaId: string, name: string) =>
    api.as('sekretariat').command('RegisterProgrammeArea', { programmeAreaId, name });

  it('refuses names of invisible characters only and names that hide one, naming the character', async () => {
    const before = await api.head();
    const cases: [string, string, string][] = [
      ['word-joiner', '\u2060\u200b', 'U+2060 i tegn 1'],
      ['hangul-filler', '\u3164', 'U+3164 i tegn 1'],
      ['tags', '\u{e0041}\u{e0042}', 'U+E0041 i tegn 1'],
      ['hidden-space', 'Kommune\u200b Nord', 'U+200B i tegn 8'],
      ['soft-hyphen', 'Kom\u00admune Nord', 'U+00AD i tegn 4'],
      ['braille-blank', '\u2800', 'U+2800 i tegn 1'],
    ];
    for (const [id, name, where] of cases) {
      const response = await register(id, name);
      expect(response.status, id).toBe(400);
      expect(response.body.code).toBe('invalid-command');
      expect(response.body.issues).toEqual([
        { path: 'name', message: expect.stringContaining(`navnet kan ikke ha usynlige tegn (${where})`) },
      ]);
    }
    const marks = await register('marks-only', '\u0301\u0301');
    expect(marks.status).toBe(400);
    expect(marks.body.issues[0].message).toContain('navnet må ha et synlig tegn');
    expect(await api.head()).toBe(before);
    // What a name may hold is still accepted: letters of any script, a no-break space, an emoji.
    expect((await register('nord', 'Kommune\u00a0Nord — Åsnes ✓')).status).toBe(201);
  });

  it('a longer text may keep the joiners an emoji needs, but not a zero width space', async () => {
    const reason = (text: string) =>
      api.as('sekretariat').command('RecordExpectedReceipt', { year: 2026, amount: '10000000', reason: text });
    expect((await reason('Avklart med helsepersonell \u{1f469}\u200d\u2695\ufe0f')).status).toBe(201);
    const hidden = await reason('Avklart\u200b med kommunene');
    expect(hidden.status).toBe(400);
    expect(hidden.body.issues[0]).toMatchObject({ path: 'reason', message: expect.stringContaining('U+200B') });
  });
});

describe('TRUST_PROXY', () => {
  it('takes a hop count or addresses, and refuses true saying why', () => {
    expect(parseTrustProxy(undefined)).toEqual({ ok: true, value: false });
    expect(parseTrustProxy('1')).toEqual({ ok: true, value: 1 });
    expect(parseTrustProxy('loopback, 10.0.0.0/8')).toEqual({ ok: true, value: ['loopback', '10.0.0.0/8'] });
    const refused = parseTrustProxy('true');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toContain('X-Forwarded-For address, which the client writes itself');
    expect(parseTrustProxy('not an address').ok).toBe(false);
  });

  it.skipIf(builtServerMissing !== undefined)('the server does not start with TRUST_PROXY=true', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ledger-proxy-'));
    const outcome = await runBuiltServerToExit({ LEDGER_STORE: join(root, 'ledger.sqlite'), TRUST_PROXY: 'true' });
    rmSync(root, { recursive: true, force: true });
    expect(outcome.code).toBe(2);
    expect(outcome.output).toContain('TRUST_PROXY=true is refused');
  });

  it('behind one proxy, 120 wrong passwords each claiming another X-Forwarded-For are throttled by the real address, and the right one is then refused too', async () => {
    const api = await httpFixture({ trustProxy: 1 });
    const statuses: number[] = [];
    // The client writes any address it likes; the proxy appends the one it saw.
    const through = (password: string, claimed: string) =>
      request(api.app).post('/api/session').set('X-Forwarded-For', `${claimed}, 203.0.113.7`).send({ username: 'sekretariat', password });
    for (let attempt = 0; attempt < 120; attempt++) statuses.push((await through(`wrong-${attempt}`, `198.51.100.${attempt}`)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    expect((await through('demo-sekretariat', '192.0.2.1')).status).toBe(429);
    // Another real client behind the same proxy is not locked out.
    const other = await request(api.app)
      .post('/api/session')
      .set('X-Forwarded-For', '203.0.113.8')
      .send({ username: 'sekretariat', password: 'demo-sekretariat' });
    expect(other.status).toBe(201);
    await api.close();
  });
});

describe('ledger verify', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-verify-ro-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const fixture = join(import.meta.dirname, 'fixtures', 'release-1', 'ledger.sqlite');
  const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  async function ledger(args: string[], env: Record<string, string> = {}) {
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

  it('opens the store read-only: a file whose log chain column was dropped is not changed, and is reported', async () => {
    mkdirSync(join(root, 'a'));
    const file = join(root, 'a', 'ledger.sqlite');
    copyFileSync(fixture, file);
    // Written once by this release (which marks its store format), then the column dropped by hand.
    expect((await ledger(['frame', '2025', '--store', file])).code).toBe(0);
    const db = new BetterSqlite(file);
    db.exec('ALTER TABLE events DROP COLUMN log_hash');
    db.close();
    const before = sha256(file);
    const verified = await ledger(['verify', '--store', file]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('the log chain (column log_hash) was removed from a file that keeps it');
    expect(sha256(file)).toBe(before);
    expect(new BetterSqlite(file, { readonly: true }).prepare('PRAGMA table_info(events)').all()).not.toContainEqual(
      expect.objectContaining({ name: 'log_hash' }),
    );
  });

  it('a file of the previous release (no store format mark) is verified and left exactly as it is', async () => {
    mkdirSync(join(root, 'b'));
    const file = join(root, 'b', 'ledger.sqlite');
    copyFileSync(fixture, file);
    const before = sha256(file);
    const verified = await ledger(['verify', '--store', file]);
    expect(verified.code).toBe(0);
    expect(sha256(file)).toBe(before);
  });

  it('prints the fingerprint of the key that verified the checkpoints', async () => {
    mkdirSync(join(root, 'c'));
    const file = join(root, 'c', 'ledger.sqlite');
    copyFileSync(fixture, file);
    const key = join(root, 'keys', 'signing.key');
    const env = { LEDGER_SIGNING_KEY: key, LEDGER_STORE: file };
    const init = await ledger(['keys', 'init'], env);
    const fingerprint = /Fingeravtrykk[^:]*: ([0-9a-f]{64})/.exec(init.stdout)![1]!;
    expect((await ledger(['checkpoint'], env)).code).toBe(0);
    const verified = await ledger(['verify', '--checkpoints', join(root, 'keys', 'checkpoints.ndjson'), '--public-key', `${key}.pub`], env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`fingeravtrykk ${fingerprint}`);
  });
});
