import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeForFold, parseStoredEvent, type StoredRecord } from '../events/catalogue.js';
import { GrantAwardedV1 } from '../events/event-versions.js';
import { LedgerView } from '../projections/ledger-view.js';
import { writeSnapshot } from '../projections/snapshot.js';
import { AccountStore } from '../src/accounts/account-store.js';
import { exportLines, importExport } from '../src/app/transfer.js';
import { runCli } from '../src/cli/main.js';
import { openLedger } from '../src/ledger.js';
import { eventDataOf, toLedgerRecord } from '../src/store/esdb-mapping.js';
import { chainHash } from '../src/store/hash-chain.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { forge } from './support/forge.js';
import { portOnly } from './support/port-only.js';
import { builtServerMissing, runBuiltServerToExit, startBuiltServer } from './support/server-process.js';

/**
 * Upgrading: the store file, the export and the projections' checkpoint in
 * test/fixtures/release-1 were written by the previous release, before GrantAwarded had
 * schema version 2 (its conditions and reporting date). This release opens and serves
 * them as they were stored, records version 2 beside version 1, exports and imports the
 * old events byte for byte on both stores, and refuses — naming both versions — a store
 * or an event written by a newer release.
 */
const fixtures = join(import.meta.dirname, 'fixtures', 'release-1');
const root = mkdtempSync(join(tmpdir(), 'ledger-upgrade-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let copies = 0;
/** A copy of the fixture store (with the old projections' checkpoint beside it, if asked). */
function fixtureCopy(withCheckpoint = false): string {
  const directory = join(root, `copy-${++copies}`);
  mkdirSync(directory);
  const file = join(directory, 'ledger.sqlite');
  copyFileSync(join(fixtures, 'ledger.sqlite'), file);
  if (withCheckpoint) copyFileSync(join(fixtures, 'ledger.sqlite.projections.json'), `${file}.projections.json`);
  return file;
}

const rowsOf = (file: string) => {
  const db = new BetterSqlite(file, { readonly: true });
  const rows = db.prepare('SELECT position, schema_version, data, metadata, hash, log_hash FROM events ORDER BY position').all();
  db.close();
  return rows as { position: number; schema_version: number; data: string; hash: string }[];
};
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function ledger(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => '',
    env: { LEDGER_ACTOR: 'sekretariat', ...env },
  });
  return { code, stdout, stderr };
}

/** Case 31.25: the joint budget and plan of case 22.25 point 3, and a grant to VIP with that as its condition. */
const case3125 = [
  {
    type: 'OpenCase',
    idempotencyKey: 'u-1',
    caseNumber: '31.25',
    meetingDate: '2025-11-13',
    title: 'Felles budsjett og plan for digital sårbehandling og VIP',
    effectiveDate: '2025-10-20',
  },
  {
    type: 'ProposeResolution',
    idempotencyKey: 'u-2',
    caseNumber: '31.25',
    effectiveDate: '2025-10-20',
    points: [
      {
        number: 1,
        text: 'SSU tildeler VIP 500 000 fra rammen, med vilkår',
        alternatives: [],
        authorises: { kind: 'allocation', fundedBy: 'frame', lines: [{ target: { initiativeId: 'vip' }, year: 2025, amount: '500000' }] },
      },
    ],
  },
  {
    type: 'AdoptResolution',
    idempotencyKey: 'u-3',
    caseNumber: '31.25',
    points: [{ number: 1, outcome: 'adopted' }],
    decidedBy: 'consensus',
    effectiveDate: '2025-11-13',
  },
  {
    type: 'AwardGrant',
    idempotencyKey: 'u-4',
    grantId: 'g2025-vip-plan',
    year: 2025,
    initiativeId: 'vip',
    plan: { amount: '500000' },
    authority: { caseNumber: '31.25', pointNumber: 1 },
    conditions: [{ text: 'Felles budsjett og plan for digital sårbehandling og VIP legges fram for SSU', dueOn: '2026-03-12' }],
    reportDueOn: '2026-06-30',
    effectiveDate: '2025-11-13',
  },
];

/** The view folded the slow way: every record parsed through the catalogue. */
function slowFold(store: SqliteEventStore): LedgerView {
  const view = new LedgerView();
  for (const record of store.readAllSync()) view.apply(parseStoredEvent(record));
  return view;
}

describe('a store written by the previous release', () => {
  it('is opened and read as it was stored: version-1 grants have no conditions, the rows are unchanged, the old checkpoint is not restored', async () => {
    const file = fixtureCopy(true);
    const before = rowsOf(file);
    expect(before.filter((row) => row.schema_version !== 1)).toEqual([]);
    const opened = await openLedger({ store: file });
    const started = await opened.runner.start();
    // Snapshot version 6 folded grants without conditions: rebuilt, not restored.
    expect(started).toMatchObject({ startedFrom: 'zero', reason: 'checkpoint of another version' });
    const grants = [...opened.runner.view.grants.values()];
    expect(grants).toHaveLength(24);
    expect(grants.every((grant) => grant.conditions.length === 0 && grant.reportDueOn === null)).toBe(true);
    const detail = await opened.reader.caseDetail('22.25');
    expect(detail?.grants.map((grant) => grant.conditions)).toEqual(Array(8).fill([]));
    await opened.close();
    expect(rowsOf(file)).toEqual(before);
    const verified = await ledger(['verify', '--store', file]);
    expect(verified.code, verified.stderr).toBe(0);
  });

  it('records a grant with conditions as version 2 beside the version-1 ones; the fast fold folds both as the catalogue does', async () => {
    const file = fixtureCopy();
    const opened = await openLedger({ store: file });
    for (const command of case3125) await opened.handler.execute(command, { actor: 'sekretariat' });
    const detail = await opened.reader.caseDetail('31.25');
    expect(detail?.grants[0]).toMatchObject({
      conditions: [{ text: 'Felles budsjett og plan for digital sårbehandling og VIP legges fram for SSU', dueOn: '2026-03-12' }],
      reportDueOn: '2026-06-30',
    });
    await opened.close();
    const versions = rowsOf(file)
      .filter((row) => row.data.includes('"grantId"') && row.data.includes('"amountTotal"'))
      .map((row) => row.schema_version);
    expect(versions).toEqual([...Array(24).fill(1), 2]);
    const store = new SqliteEventStore(file);
    const fast = await openLedger({ store: file, checkpointPath: null });
    await fast.runner.rebuild();
    expect(writeSnapshot(fast.runner.view).equals(writeSnapshot(slowFold(store)))).toBe(true);
    await fast.close();
    // The fast read takes version-1 rows itself (upcast), never by falling back to zod.
    for (const record of store.readAllSync())
      if (record.type === 'GrantAwarded')
        expect(decodeForFold(record.type, record.schemaVersion, record.data)?.data).toEqual(parseStoredEvent(record).data);
    await store.close();
    expect((await ledger(['verify', '--store', file])).code).toBe(0);
  });

  it('the fast checks of version 1 accept no more than its frozen schema, and upcast exactly what the catalogue does', () => {
    const stored = JSON.parse(rowsOf(join(fixtures, 'ledger.sqlite')).find((row) => row.data.includes('"amountTotal"'))!.data) as Record<
      string,
      unknown
    >;
    const mutations: unknown[] = [
      stored,
      { ...stored, conditions: [] },
      { ...stored, amountTotal: 1000 },
      { ...stored, note: ' padded ' },
      { ...stored, extra: 1 },
      Object.fromEntries(Object.entries(stored).reverse()),
      { ...stored, fundedBy: 'reserve-fund' },
      { ...stored, instalments: [] },
      null,
      [],
    ];
    for (const data of mutations) {
      const fast = decodeForFold('GrantAwarded', 1, data);
      const frozen = GrantAwardedV1.safeParse(data);
      if (fast !== null) {
        expect(frozen.success, JSON.stringify(data)).toBe(true);
        expect(fast.data).toEqual({ ...frozen.data, conditions: [] });
      }
    }
    expect(decodeForFold('GrantAwarded', 1, stored)).not.toBeNull();
    expect(decodeForFold('GrantAwarded', 3, stored)).toBeNull();
  });

  it('exports version-1 events byte for byte as the previous release did, and imports them back as stored, on SQLite and through the port', async () => {
    const file = fixtureCopy();
    const opened = await openLedger({ store: file });
    for (const command of case3125) await opened.handler.execute(command, { actor: 'sekretariat' });
    const lines: string[] = [];
    for await (const line of exportLines(opened.store)) lines.push(line);
    await opened.close();
    const old = readFileSync(join(fixtures, 'export.ndjson'), 'utf8').split('\n').slice(0, 105);
    expect(lines.slice(0, 105).map((line) => line.trimEnd())).toEqual(old);
    const exported = lines.join('');
    for (const store of [new SqliteEventStore(':memory:'), portOnly(new SqliteEventStore(':memory:'))]) {
      await importExport(store, exported);
      const records: StoredRecord[] = [];
      for await (const record of store.readAll()) records.push(record);
      expect(records.map((record) => record.schemaVersion)).toEqual(
        lines.slice(0, -1).map((line) => (JSON.parse(line) as StoredRecord).schemaVersion),
      );
      expect(records.map((record) => record.hash)).toEqual(lines.slice(0, -1).map((line) => (JSON.parse(line) as StoredRecord).hash));
      await store.close();
    }
    // The export of the previous release imports as it is.
    const target = join(root, 'imported', 'ledger.sqlite');
    const imported = await ledger(['import', join(fixtures, 'export.ndjson'), '--store', target]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(rowsOf(target).map((row) => row.hash)).toEqual(rowsOf(join(fixtures, 'ledger.sqlite')).map((row) => row.hash));
  });

  it('keeps both versions as they are through the EventStoreDB mapping: schema version, data and hash', () => {
    const lines = readFileSync(join(fixtures, 'export.ndjson'), 'utf8').trim().split('\n').slice(0, -1);
    for (const line of lines) {
      const event = JSON.parse(line) as StoredRecord & { logHash: string };
      for (const written of [event, { ...event, schemaVersion: 2, data: { ...(event.data as object), conditions: [] } }]) {
        if (written !== event && event.type !== 'GrantAwarded') continue;
        const data = eventDataOf(
          {
            event: {
              id: written.id,
              type: written.type,
              schemaVersion: written.schemaVersion,
              data: written.data,
              metadata: written.metadata,
            },
            stream: written.stream,
            revision: written.revision,
            position: written.position,
            hash: written.hash,
            previousHash: written.previousHash,
            logHash: written.logHash,
          },
          'append-1',
        );
        const read = toLedgerRecord({
          streamId: 'hfi-ledger',
          revision: BigInt(written.position - 1),
          type: data.type,
          isJson: true,
          data: JSON.parse(JSON.stringify(data.data)) as unknown,
          metadata: JSON.parse(JSON.stringify(data.metadata)) as unknown,
        });
        expect(read.schemaVersion).toBe(written.schemaVersion);
        expect(JSON.stringify(read.data)).toBe(JSON.stringify(written.data));
        if (written === event) expect(chainHash(read.previousHash, read)).toBe(event.hash);
        if (read.type === 'GrantAwarded') expect((parseStoredEvent(read).data as { conditions: unknown[] }).conditions).toEqual([]);
      }
    }
  });
});

describe('a store or an event written by a newer release', () => {
  it('a SQLite file of a newer store format is refused at open, naming both formats, and left untouched', async () => {
    const file = fixtureCopy();
    const db = new BetterSqlite(file);
    db.pragma('user_version = 2');
    db.close();
    const before = sha256(file);
    await expect(openLedger({ store: file })).rejects.toThrow(/lagringsformat 2\); denne utgaven leser lagringsformat 1 og eldre/);
    const refused = await ledger(['frame', '2025', '--store', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('er skrevet av en nyere utgave av ledger (lagringsformat 2)');
    expect((await ledger(['verify', '--store', file])).code).toBe(1);
    expect(sha256(file)).toBe(before);
  });

  it('an event of a schema version this release does not know is refused, naming both versions, in the store and in an export', async () => {
    const file = fixtureCopy();
    forge(file, (db) => {
      db.prepare(
        "UPDATE events SET schema_version = 3 WHERE position = (SELECT MIN(position) FROM events WHERE type = 'GrantAwarded')",
      ).run();
    });
    const refused = await ledger(['frame', '2025', '--store', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('GrantAwarded is stored in schema version 3, but this release knows it up to version 2');
    const out = join(root, 'newer-export.ndjson');
    expect((await ledger(['export', '--out', out, '--store', file])).code).toBe(0);
    const imported = await ledger(['import', out, '--store', join(root, 'newer-import', 'ledger.sqlite')]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('up to version 2: the event was written by a newer release');
  });
});

const skip = builtServerMissing;
if (skip) console.log(`[skipped] the built server on the previous release's store: ${skip}`);

describe.skipIf(skip !== undefined)('the built server (npm run serve) on stores of other releases', { timeout: 120_000 }, () => {
  it("serves the previous release's store, its case 22.25 with grants of no conditions", async () => {
    const file = fixtureCopy(true);
    const accounts = AccountStore.open(join(root, 'served-accounts.sqlite'), { scryptCost: 2 ** 10 });
    const { token } = await accounts.addAccount({ username: 'revisor', displayName: 'Revisor', role: 'auditor' });
    accounts.close();
    const server = await startBuiltServer({ LEDGER_STORE: file, LEDGER_ACCOUNTS: join(root, 'served-accounts.sqlite') });
    expect(server.output()).toContain('105 events; projections from zero');
    const detail = (await (await fetch(`${server.url}/api/cases/22.25`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      grants: { grantId: string; conditions: unknown[]; reportDueOn: string | null }[];
    };
    expect(detail.grants).toHaveLength(8);
    expect(detail.grants.every((grant) => grant.conditions.length === 0 && grant.reportDueOn === null)).toBe(true);
    expect(await server.stop()).toBe(0);
  });

  it('refuses a store of a newer format, and a store holding an event of a newer version, naming both', async () => {
    const newerFormat = fixtureCopy();
    const db = new BetterSqlite(newerFormat);
    db.pragma('user_version = 9');
    db.close();
    const format = await runBuiltServerToExit({ LEDGER_STORE: newerFormat });
    expect(format.code).toBe(1);
    expect(format.output).toContain('lagringsformat 9); denne utgaven leser lagringsformat 1 og eldre');
    const newerEvent = fixtureCopy();
    forge(newerEvent, (store) => {
      store.prepare("UPDATE events SET schema_version = 5 WHERE type = 'FundsReceived'").run();
    });
    const event = await runBuiltServerToExit({ LEDGER_STORE: newerEvent });
    expect(event.code).toBe(1);
    expect(event.output).toContain('FundsReceived is stored in schema version 5, but this release knows it up to version 1');
  });
});
