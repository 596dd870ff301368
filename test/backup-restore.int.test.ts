import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { runCli } from '../src/cli/main.js';
import type { ExportedEvent, ExportManifest } from '../src/app/transfer.js';
import { restoreLedger } from '../src/operations/restore.js';
import { chainHash } from '../src/store/hash-chain.js';
import { logChainHash } from '../src/store/log-chain.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { GENESIS_HASH } from '../events/envelope.js';

/**
 * `ledger backup` of a ledger that is being written to, and `ledger restore` of what it
 * made: a child process records the seeded command stream and acknowledges each command
 * once it is recorded; a backup is taken meanwhile from this process (another connection
 * to the same file). Every command acknowledged before the backup began is in the copy,
 * the copy verifies (chains, log chain, a checkpoint signed while the child wrote), and
 * a restore refuses a place that is taken or a copy changed since.
 */
const CHILD = resolve('dist/bench/children/record-commands.js');
const skip = existsSync(CHILD) ? undefined : `${CHILD} is not built (npm run build)`;
if (skip) console.log(`[skipped] backup while recording: ${skip}`);

const root = mkdtempSync(join(tmpdir(), 'ledger-backup-'));
const keyPath = join(root, 'keys', 'signing.key');
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

async function ledger(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => '',
    env: { LEDGER_SIGNING_KEY: keyPath, LEDGER_ACTOR: 'drift', ...env },
  });
  return { code, stdout, stderr };
}

interface Ack {
  eventIds: string[];
}

/** The child recording commands into `store`; its acknowledgements as they come. */
function recorder(store: string) {
  const child = spawn(process.execPath, [CHILD, '--store', store, '--seed', '20261206', '--events', '6000'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const acks: Ack[] = [];
  let stderr = '';
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
      const message = JSON.parse(buffer.slice(0, newline)) as Ack & { ready?: boolean; done?: boolean };
      buffer = buffer.slice(newline + 1);
      if (!message.ready && !message.done) acks.push(message);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const until = async (count: number) => {
    while (acks.length < count) {
      if (child.exitCode !== null) throw new Error(`the recorder stopped after ${acks.length} acknowledgements: ${stderr}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  };
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  };
  return { acks, until, stop };
}

async function eventIdsOf(file: string): Promise<Set<string>> {
  const store = new SqliteEventStore(file, { readOnly: true });
  const ids = new Set<string>();
  for await (const record of store.readAll()) ids.add(record.id);
  await store.close();
  return ids;
}

describe.skipIf(skip !== undefined)('backup while commands are recorded, and restore', { timeout: 180_000 }, () => {
  const live = join(root, 'live', 'ledger.sqlite');
  const backupDirectory = join(root, 'backups', 'one');
  const restored = join(root, 'restored', 'ledger.sqlite');
  let acknowledgedBefore: Ack[] = [];

  it('every command acknowledged before the backup began is in the copy, and the copy verifies', async () => {
    const writer = recorder(live);
    await writer.until(150);
    expect((await ledger(['keys', 'init'], { LEDGER_STORE: live })).code).toBe(0);
    // A checkpoint signed while the child writes: the backup must hold the positions it covers.
    const signed = await ledger(['checkpoint'], { LEDGER_STORE: live });
    expect(signed.code, signed.stderr).toBe(0);
    await writer.until(300);
    acknowledgedBefore = [...writer.acks];
    const backup = await ledger(['backup', '--out', backupDirectory], { LEDGER_STORE: live });
    const acknowledgedAfter = writer.acks.length;
    await writer.stop();
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('Kopien er kontrollert: hash-kjedene, loggkjeden og sjekkpunktene holder.');
    expect(acknowledgedAfter).toBeGreaterThanOrEqual(acknowledgedBefore.length);
    const manifest = JSON.parse(readFileSync(join(backupDirectory, 'backup.json'), 'utf8')) as { events: number; position: number };
    expect(backup.stdout).toContain(`Hendelser:       ${manifest.events}`);
    const copied = await eventIdsOf(join(backupDirectory, 'ledger.sqlite'));
    const missing = acknowledgedBefore.flatMap((ack) => ack.eventIds).filter((id) => !copied.has(id));
    expect(missing).toEqual([]);
    // The record of the last backup, beside the live store, for the page and the metrics.
    const record = JSON.parse(readFileSync(`${live}.last-backup.json`, 'utf8')) as { position: number; directory: string };
    expect(record).toMatchObject({ position: manifest.position, directory: backupDirectory });
  });

  it('restores the copy into an empty place, checked first; the restored store verifies with the checkpoints', async () => {
    const restoredOutcome = await ledger(['restore', backupDirectory], { LEDGER_STORE: restored });
    expect(restoredOutcome.code, restoredOutcome.stderr).toBe(0);
    expect(restoredOutcome.stdout).toContain('Kopien ble kontrollert før den ble tatt i bruk');
    expect(restoredOutcome.stdout).toContain('Ledgerens egne 1 sjekkpunkter holder også');
    const ids = await eventIdsOf(restored);
    expect(acknowledgedBefore.flatMap((ack) => ack.eventIds).filter((id) => !ids.has(id))).toEqual([]);
    const verified = await ledger(
      ['verify', '--checkpoints', join(backupDirectory, 'checkpoints.ndjson'), '--public-key', join(backupDirectory, 'public-key.pem')],
      { LEDGER_STORE: restored },
    );
    expect(verified.code, verified.stderr).toBe(0);
    expect(existsSync(`${restored}.restoring`)).toBe(false);
  });

  it('refuses a place that is taken and a copy changed since it was taken, writing nothing', async () => {
    const taken = await ledger(['restore', backupDirectory], { LEDGER_STORE: restored });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`${restored} finnes allerede`);
    const tampered = join(root, 'backups', 'tampered');
    expect((await ledger(['backup', '--out', tampered], { LEDGER_STORE: restored })).code).toBe(0);
    const copy = readFileSync(join(tampered, 'ledger.sqlite'));
    copy.writeUInt8(copy.readUInt8(copy.length - 100) ^ 0xff, copy.length - 100);
    writeFileSync(join(tampered, 'ledger.sqlite'), copy);
    const elsewhere = join(root, 'elsewhere', 'ledger.sqlite');
    const refused = await ledger(['restore', tampered], { LEDGER_STORE: elsewhere });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ledger.sqlite er endret etter at kopien ble tatt');
    expect(existsSync(elsewhere)).toBe(false);
    const notEmpty = await ledger(['backup', '--out', tampered], { LEDGER_STORE: restored });
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toContain('er ikke tom');
  });
});

describe('restore of an export', () => {
  it('accepts an export made by the previous release into an empty place, and refuses one that was changed', async () => {
    const fixture = join(import.meta.dirname, 'fixtures', 'release-1', 'export.ndjson');
    const target = join(root, 'from-export', 'ledger.sqlite');
    const outcome = await ledger(['restore', fixture], { LEDGER_STORE: target, LEDGER_SIGNING_KEY: '' });
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain('Hendelser:       105');
    expect((await ledger(['verify'], { LEDGER_STORE: target })).code).toBe(0);
    mkdirSync(join(root, 'changed'), { recursive: true });
    const changed = join(root, 'changed', 'export.ndjson');
    writeFileSync(changed, readFileSync(fixture, 'utf8').replace('"10615000', '"10715000'));
    const second = join(root, 'from-changed', 'ledger.sqlite');
    const refused = await ledger(['restore', changed], { LEDGER_STORE: second, LEDGER_SIGNING_KEY: '' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('gjenopprettingen ble avvist, og ingenting ble skrevet');
    expect(existsSync(second)).toBe(false);
  });

  it('removes the SQLite file an import began and could not finish, so the place stays empty', async () => {
    const fixture = join(import.meta.dirname, 'fixtures', 'release-1', 'export.ndjson');
    const lines = readFileSync(fixture, 'utf8').trimEnd().split('\n');
    const { manifest } = JSON.parse(lines.pop()!) as { manifest: ExportManifest };
    const events = lines.map((line) => JSON.parse(line) as ExportedEvent);
    // Every chain holds, but the last event repeats the first one's id: the store refuses it only as it is written.
    const last = events.at(-1)!;
    const repeat: ExportedEvent = {
      ...events[0]!,
      stream: 'registry-again',
      revision: 0,
      position: last.position + 1,
      previousHash: GENESIS_HASH,
    };
    repeat.hash = chainHash(GENESIS_HASH, repeat);
    repeat.logHash = logChainHash(last.logHash!, repeat.position, repeat.hash);
    lines.push(JSON.stringify(repeat));
    const text = lines.map((line) => `${line}\n`).join('');
    const changed: ExportManifest = {
      ...manifest,
      events: manifest.events + 1,
      sha256: createHash('sha256').update(text).digest('hex'),
      streams: { ...manifest.streams, [repeat.stream]: { revision: 0, headHash: repeat.hash } },
      logHead: { position: repeat.position, hash: repeat.logHash },
    };
    const file = join(root, 'repeated-id.ndjson');
    writeFileSync(file, `${text}${JSON.stringify({ manifest: changed })}\n`);
    const target = join(root, 'from-repeated-id', 'ledger.sqlite');
    await expect(restoreLedger({ source: file, storeSetting: target, accountsPath: ':memory:', signingKey: undefined })).rejects.toThrow(
      /UNIQUE constraint failed: events\.id/,
    );
    for (const side of ['', '-wal', '-shm']) expect(existsSync(`${target}${side}`)).toBe(false);
  });
});
