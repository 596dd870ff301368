import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { forge } from './support/forge.js';

/**
 * Someone with a copy of the store file but not the signing key (docs/security.md):
 * each forgery below is made the way such a person would, every hash recomputed and
 * `sqlite_sequence` set to match, and `ledger verify` run on the copy twice: without
 * keys, where it passes only where the docs say it cannot see the change, and with the
 * auditor's checkpoints and public key, where it must fail. The same for an export.
 */
const root = mkdtempSync(join(tmpdir(), 'ledger-forgery-'));
const pristine = join(root, 'pristine', 'ledger.sqlite');
const keyPath = join(root, 'keys', 'signing.key');
const auditor = join(root, 'auditor');
const outcome = readFileSync(new URL('../docs/examples/case-22-25-outcome.ndjson', import.meta.url), 'utf8');

async function ledger(args: string[], store: string, stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => stdin,
    env: { LEDGER_STORE: store, LEDGER_SIGNING_KEY: keyPath, LEDGER_ACTOR: 'sekretariat' },
  });
  return { code, stdout, stderr };
}

const withKeys = ['--checkpoints', join(auditor, 'checkpoints.ndjson'), '--public-key', join(auditor, 'public-key.pem')];

let trials = 0;
/** A fresh copy of the pristine store (no projection checkpoint beside it: the forger removes it), changed by `change`. */
function copied(change: (file: string) => void): string {
  const directory = join(root, `trial-${++trials}`);
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'ledger.sqlite');
  copyFileSync(pristine, file);
  change(file);
  return file;
}
/** A copy changed and then rehashed throughout, as a forger without the key would. */
const forged = (change: (db: Database.Database) => void) => copied((file) => forge(file, change));

const changeReceipt = (db: Database.Database, from: string, to: string) =>
  expect(
    db
      .prepare("UPDATE events SET data = replace(data, ?, ?) WHERE type = 'FundsReceived' AND instr(data, ?) > 0")
      .run(`"${from}`, `"${to}`, `"${from}`).changes,
  ).toBe(1);
const cutLastTen = (db: Database.Database) =>
  db.prepare('DELETE FROM events WHERE position > (SELECT MAX(position) - 10 FROM events)').run();
/** Two neighbouring events of different streams change places in the log. */
function swapNeighbours(db: Database.Database): void {
  const rows = db.prepare('SELECT position, stream FROM events ORDER BY position').all() as { position: number; stream: string }[];
  const at = rows.findIndex((row, index) => index > 40 && rows[index + 1] && rows[index + 1]!.stream !== row.stream);
  const [a, b] = [rows[at]!.position, rows[at + 1]!.position];
  db.prepare('UPDATE events SET position = ? WHERE position = ?').run(-1, a);
  db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a, b);
  db.prepare('UPDATE events SET position = ? WHERE position = ?').run(b, -1);
}

beforeAll(async () => {
  expect((await ledger(['demo'], pristine)).code).toBe(0);
  const init = await ledger(['keys', 'init'], pristine);
  expect(init.code, init.stderr).toBe(0);
  expect(statSync(keyPath).mode & 0o777).toBe(0o600);
  expect((await ledger(['checkpoint'], pristine)).code).toBe(0);
  expect((await ledger(['record', '-'], pristine, outcome)).code).toBe(0);
  const last = await ledger(['checkpoint'], pristine);
  expect(last.stdout).toContain('posisjon 106');
  expect((await ledger(['checkpoints', 'export', '--out', auditor], pristine)).code).toBe(0);
  rmSync(`${pristine}.projections.json`, { force: true });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a forged store, every hash recomputed, against verify with and without the checkpoints', { timeout: 60_000 }, () => {
  it('the untouched copy passes both ways', async () => {
    const file = forged(() => {});
    expect((await ledger(['verify'], file)).code).toBe(0);
    const checked = await ledger(['verify', ...withKeys], file);
    expect(checked.stderr).toBe('');
    expect(checked.stdout).toContain('2 signerte sjekkpunkter holder, og de dekker posisjon 1–106');
  });

  /** verify without keys (0 where docs/security.md says it cannot see the change), then with them (always 1). */
  async function verdicts(file: string) {
    const plain = await ledger(['verify'], file);
    const keyed = await ledger(['verify', ...withKeys], file);
    expect(keyed.code, keyed.stdout).toBe(1);
    return { plain, keyed };
  }

  it('a receipt of an open year changed from 10 615 000 to 99 615 000: only the checkpoints see it', async () => {
    const { plain, keyed } = await verdicts(forged((db) => changeReceipt(db, '10615000', '99615000')));
    expect(plain.code, plain.stderr).toBe(0);
    expect(keyed.stderr).toMatch(
      /year-2025@\d+ \(position \d+\) is not the one|the log up to position \d+ is not the one the checkpoint signed/,
    );
  });

  it('a receipt of the closed year 2024 changed: the seal finds it without keys, the checkpoints too', async () => {
    const { plain, keyed } = await verdicts(forged((db) => changeReceipt(db, '10700000', '99700000')));
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/year-2024@\d+ \(position \d+\): the seal of the closed year .* does not match/);
    expect(keyed.stderr).toContain('the seal of the closed year');
    expect(keyed.stderr).toMatch(/the log up to position \d+ is not the one the checkpoint signed/);
  });

  it("a receipt of the closed year changed and the year's seal rewritten to match: only the checkpoints see it", async () => {
    const file = forged((db) => changeReceipt(db, '10700000', '99700000'));
    forge(file, (db) => {
      const closed = db.prepare("SELECT position, data FROM events WHERE type = 'YearClosed'").get() as { position: number; data: string };
      const seal = (JSON.parse(closed.data) as { seal: { revision: number } }).seal;
      const sealed = db.prepare("SELECT hash FROM events WHERE stream = 'year-2024' AND revision = ?").get(seal.revision) as {
        hash: string;
      };
      db.prepare("UPDATE events SET data = json_set(data, '$.seal.hash', ?) WHERE position = ?").run(sealed.hash, closed.position);
    });
    const { plain, keyed } = await verdicts(file);
    expect(plain.code, plain.stderr).toBe(0);
    expect(keyed.stderr).toMatch(/the log up to position \d+ is not the one the checkpoint signed/);
  });

  it('the last ten events cut and sqlite_sequence set back: only the checkpoints see it', async () => {
    const { plain, keyed } = await verdicts(forged(cutLastTen));
    expect(plain.code, plain.stderr).toBe(0);
    expect(keyed.stderr).toContain('the log ends at position 96, but the checkpoint signed');
    expect(keyed.stderr).toContain('covers up to position 106: events at the end were removed');
  });

  it('two events swapped in the log: only the checkpoints see it once the log chain is recomputed', async () => {
    const { plain, keyed } = await verdicts(forged(swapNeighbours));
    expect(plain.code, plain.stderr).toBe(0);
    expect(keyed.stderr).toMatch(/the log up to position \d+ is not the one the checkpoint signed/);
  });

  it("without the forger's care (log chain or sqlite_sequence left as they were), verify finds a swap and a cut with no keys", async () => {
    const raw = (change: (db: Database.Database) => void) =>
      copied((file) => {
        const db = new BetterSqlite(file);
        change(db);
        db.close();
      });
    const swapped = await ledger(['verify'], raw(swapNeighbours));
    expect(swapped.code).toBe(1);
    expect(swapped.stderr).toContain('the log chain breaks here');
    const cut = await ledger(['verify'], raw(cutLastTen));
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('the last 10 event(s) of the log were removed');
  });

  it('an export of a forged store fails verify with the checkpoints; the export of the untouched store passes', async () => {
    const file = forged((db) => changeReceipt(db, '10615000', '99615000'));
    const exported = join(root, 'forged.ndjson');
    expect((await ledger(['export', '--out', exported], file)).code).toBe(0);
    expect((await ledger(['verify', exported], file)).code).toBe(0);
    const keyed = await ledger(['verify', exported, ...withKeys], file);
    expect(keyed.code).toBe(1);
    expect(keyed.stderr).toMatch(/the log up to position \d+ is not the one the checkpoint signed/);
    const honest = join(root, 'honest.ndjson');
    expect((await ledger(['export', '--out', honest], pristine)).code).toBe(0);
    const passed = await ledger(['verify', honest, ...withKeys], pristine);
    expect(passed.stderr).toBe('');
    expect(passed.stdout).toContain('eksporten');
  });
});
