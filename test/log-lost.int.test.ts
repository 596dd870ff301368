import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { monotonicFactory } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.js';
import { CommandHandler } from '../src/app/command-handler.js';
import { LogLostError } from '../src/app/errors.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { createApp } from '../src/http/app.js';
import { checkCheckpointOf, openLedger } from '../src/ledger.js';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { demoAccountsFor, demoLedger } from './support/demo.js';
import { FakeEsdbClient } from './support/fake-esdb-client.js';

/**
 * Faults that must leave no stale view: the projections' checkpoint folder is created (and
 * a checkpoint that cannot be written is said at start-up), and a read side whose log got
 * shorter, or holds other events where its view stood, stops answering from the lost log.
 */
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const folder = () => {
  const made = mkdtempSync(join(tmpdir(), 'ledger-log-lost-'));
  folders.push(made);
  return made;
};

const receipt = (key: string, amount: string) => ({
  type: 'ReceiveFunds',
  idempotencyKey: key,
  year: 2030,
  amount,
  reference: key,
  receivedOn: '2026-01-02',
  effectiveDate: '2026-06-01',
});

describe("the projections' checkpoint", () => {
  it('is written into a folder that did not exist yet', async () => {
    const path = join(folder(), 'not', 'yet', 'projections.json');
    const store = new SqliteEventStore(':memory:');
    const handler = new CommandHandler(store, { clock: () => new Date('2026-06-02T10:00:00Z'), newId: monotonicFactory() });
    for (let index = 0; index < 3; index++) await handler.execute(receipt(`r-${index}`, '100'), { actor: 'test' });
    const runner = new ProjectionRunner(store, { checkpointPath: path, checkpointEvery: 2 });
    await runner.start();
    expect(existsSync(path)).toBe(true);
    await store.close();
  });

  it("that cannot be written is refused at a server's start, naming the path; a reader goes on and is told of the failed checkpoint", async () => {
    const file = join(folder(), 'a-file');
    writeFileSync(file, 'not a folder');
    const path = join(file, 'projections.json');
    expect(() => checkCheckpointOf({ store: ':memory:', checkpointPath: path })).toThrow(
      `the projections' checkpoint cannot be written at ${path}`,
    );
    const store = new SqliteEventStore(':memory:');
    const handler = new CommandHandler(store, { clock: () => new Date('2026-06-02T10:00:00Z'), newId: monotonicFactory() });
    for (let index = 0; index < 3; index++) await handler.execute(receipt(`r-${index}`, '100'), { actor: 'test' });
    const failures: unknown[] = [];
    const runner = new ProjectionRunner(store, {
      checkpointPath: path,
      checkpointEvery: 2,
      onCheckpointError: (error) => failures.push(error),
    });
    await expect(runner.catchUp()).resolves.toBe(3);
    expect(failures).toHaveLength(1);
    await store.close();
  });
});

describe('a log that lost what the read side showed', () => {
  it('on SQLite (an older copy of the file restored): the frame is refused as log-lost until the operator rebuilds', async () => {
    const file = join(folder(), 'ledger.sqlite');
    const ledger = await openLedger({ store: file, checkpointPath: null, clock: () => new Date('2026-06-02T10:00:00Z') });
    for (let index = 0; index < 4; index++) await ledger.handler.execute(receipt(`r-${index}`, '1000'), { actor: 'test' });
    expect((await ledger.reader.frame(2030)).figures.received).toBe('4000.00');
    const older = new Database(file);
    older.prepare('DELETE FROM events WHERE position > 2').run();
    older.close();
    const refused = await ledger.reader.frame(2030).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LogLostError);
    expect((refused as LogLostError).message).toContain('the figures stood at position 4, but the log ends at 2');
    // Still refused on the next read: nothing is answered from the lost log.
    await expect(ledger.reader.frame(2030)).rejects.toBeInstanceOf(LogLostError);
    await ledger.runner.rebuild();
    expect((await ledger.reader.frame(2030)).figures.received).toBe('2000.00');
    await ledger.close();
  });

  it('on EventStoreDB (a server that lost its data, then took other events): 503 log-lost; health says so, to the auditor with the store and what to do', async () => {
    const fake = new FakeEsdbClient();
    const store = new EsdbEventStore('esdb://fake:2113?tls=false', { client: fake.client });
    const ledger = await demoLedger(store);
    const accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 10 });
    const credentials = await demoAccountsFor(accounts, store);
    const app = createApp(ledger, accounts);
    const token = (user: string) => `Bearer ${credentials.find((entry) => entry.username === user)!.token}`;
    const frame = () => request(app).get('/api/years/2025/frame').set('Authorization', token('leser'));
    const health = (user: string | null) => {
      const asked = request(app).get('/api/health');
      return user ? asked.set('Authorization', token(user)) : asked;
    };
    expect((await frame()).status).toBe(200);
    const shown = ledger.runner.view.position;

    fake.truncate('hfi-ledger', 10);
    const refused = await frame();
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'log-lost', details: { shownPosition: shown, logHead: 10 } });
    expect((refused.body as { detail: string }).detail).toContain(`tallene sto ved posisjon ${shown}; loggen slutter nå ved 10`);
    const audited = await health('revisor');
    expect(audited.status).toBe(503);
    expect(audited.body).toMatchObject({ status: 'log-lost', store: 'esdb://fake:2113 (stream hfi-ledger)' });
    expect((audited.body as { detail: string }).detail).toContain('restart the ledger server');
    const anonymous = await health(null);
    expect(anonymous.status).toBe(503);
    expect(anonymous.body).toEqual({ status: 'log-lost' });
    // Written to again past where the view stood: another event is at its position, so still refused.
    for (let index = 10; index <= shown; index++)
      await ledger.handler.execute(receipt(`after-loss-${index}`, '1'), { actor: 'test' }).catch(() => undefined);
    expect(await store.headPosition()).toBeGreaterThan(shown);
    const stillRefused = await frame();
    expect(stillRefused.status).toBe(503);
    expect((stillRefused.body as { detail: string }).detail).toContain('loggen har nå en annen hendelse der');
    accounts.close();
    await store.close();
  });
});
