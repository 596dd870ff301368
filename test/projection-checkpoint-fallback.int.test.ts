import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { StoreUnavailableError } from '../src/store/errors.js';
import type { EventStore } from '../src/store/port.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { frameReport } from '../projections/queries.js';
import { portOnly } from './support/port-only.js';
import { basics } from './support/spec.js';

/**
 * A checkpoint the store does not hold — the server was wiped or is an in-memory one that
 * restarted, or the checkpoint belongs to another store — is not a reason to fail start-up:
 * the projections are rebuilt from the log, and the server says so.
 */
describe('a projections checkpoint the store does not hold', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-checkpoint-fallback-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  /** A store with the first `count` commands of the basics, and the path of a checkpoint of all of them. */
  const ledgerWith = async (name: string, count: number): Promise<SqliteEventStore> => {
    const store = new SqliteEventStore(join(directory, `${name}.sqlite`));
    const handler = new CommandHandler(store, { clock: () => new Date('2026-06-01T00:00:00Z'), newId: monotonicFactory() });
    for (const [index, command] of basics.slice(0, count).entries())
      await handler.execute({ ...command, idempotencyKey: `${name}-${index}` }, { actor: 'test' });
    return store;
  };
  const checkpointOf = async (store: EventStore, path: string) => {
    const runner = new ProjectionRunner(store, { checkpointPath: path });
    await runner.rebuild();
    runner.saveCheckpoint();
  };

  it('is not used when the store ends before its position: the view is rebuilt from the log', async () => {
    const checkpoint = join(directory, 'checkpoint.json');
    const full = await ledgerWith('full', basics.length);
    await checkpointOf(full, checkpoint);
    await full.close();
    // The same ledger's server, wiped and given fewer events since.
    const wiped = portOnly(await ledgerWith('wiped', 8));
    const runner = new ProjectionRunner(wiped, { checkpointPath: checkpoint });
    expect(await runner.start()).toMatchObject({ startedFrom: 'zero', reason: 'checkpoint does not match the log', position: 8 });
    const rebuilt = new ProjectionRunner(wiped, { checkpointPath: null });
    await rebuilt.rebuild();
    expect(frameReport(runner.view, 2025)).toEqual(frameReport(rebuilt.view, 2025));
    await wiped.close();
  });

  it('is not used when the store refuses to read its position, and the refusal is named', async () => {
    const checkpoint = join(directory, 'checkpoint.json');
    const store = await ledgerWith('refusing', basics.length);
    await checkpointOf(store, checkpoint);
    const refusing: EventStore = {
      ...portOnly(store),
      readPositions: () => Promise.reject(new RangeError('position 3200 is not the start of an event in this log')),
    };
    const started = await new ProjectionRunner(refusing, { checkpointPath: checkpoint }).start();
    expect(started.startedFrom).toBe('zero');
    expect(started.reason).toContain('the store cannot read its position');
    expect(started.reason).toContain('is not the start of an event');
    expect(started.position).toBe(basics.length);
    await store.close();
  });

  it('still fails start-up when the store cannot be reached at all (a rebuild could not read either)', async () => {
    const checkpoint = join(directory, 'checkpoint.json');
    const store = await ledgerWith('down', 3);
    await checkpointOf(store, checkpoint);
    const down: EventStore = { ...portOnly(store), readPositions: () => Promise.reject(new StoreUnavailableError('the server is down')) };
    await expect(new ProjectionRunner(down, { checkpointPath: checkpoint }).start()).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });

  it('the server says at start-up that it rebuilt the projections, and why', async () => {
    const main = resolve('dist/src/main.js');
    if (!existsSync(main))
      throw new Error(`${main} is missing: this test starts the built server; run "npm run build" (npm test does) first`);
    const full = await ledgerWith('other', basics.length);
    await checkpointOf(full, join(directory, 'other.sqlite.projections.json'));
    await full.close();
    const served = await ledgerWith('served', 5);
    await served.close();
    // The checkpoint of another store file, where this store's own would be.
    copyFileSync(join(directory, 'other.sqlite.projections.json'), join(directory, 'served.sqlite.projections.json'));
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, LEDGER_STORE: join(directory, 'served.sqlite'), PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolveServing, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('The ledger serves')) resolveServing();
      });
      child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${stderr}`)));
    });
    child.kill('SIGTERM');
    await new Promise((resolveExit) => child.once('exit', resolveExit));
    // A warning of the structured log (stdout, one JSON object a line).
    const warning = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; event?: string; msg: string })
      .find((line) => line.event === 'projections-rebuilt');
    expect(warning).toMatchObject({
      level: 'warn',
      msg: expect.stringContaining('projections rebuilt from the log: checkpoint does not match the log'),
    });
    expect(stdout).toContain('projections from zero');
    expect(stdout).toContain('(5 events;');
  });
});
