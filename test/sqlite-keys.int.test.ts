import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import type { EventToAppend } from '../src/store/port.js';

/**
 * Idempotency keys on SQLite (src/store/sqlite-keys.ts): kept in a table written in
 * batches, the keys of the log after its last batch read from the log. Whatever was
 * written in batches, by another connection, rolled back or before the table existed,
 * a key names the stream of its command, and verify holds the table to the log.
 */
const directory = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const event = (key: string): EventToAppend => ({
  id: ulid(),
  type: 'FundsReceived',
  schemaVersion: 1,
  data: { n: 1 },
  metadata: { actor: 'keys-test', idempotencyKey: key },
});

/** `count` commands of one event each, on streams s0…s6 by turns, keyed k0…; a hundred to a transaction (a batch of keys may start one). */
function record(store: SqliteEventStore, count: number, from = 0): void {
  for (let start = from; start < from + count; start += 100)
    store.transaction(() => {
      for (let index = start; index < Math.min(start + 100, from + count); index++)
        store.appendSync(`s${index % 7}`, [event(`k${index}`)], 'any');
    });
}

const rows = (file: string, sql: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('idempotency keys on SQLite', () => {
  it('name the stream of their command across batches, in memory and in the table, and verify holds the table to the log', async () => {
    const file = join(directory, 'batches.sqlite');
    const store = new SqliteEventStore(file);
    record(store, 2600);
    // Two batches of 1 024 were written; the rest wait in memory.
    const [{ count }] = rows(file, 'SELECT count(*) AS count FROM idempotency_keys') as [{ count: number }];
    expect(count).toBeGreaterThanOrEqual(2048);
    expect(count).toBeLessThan(2600);
    for (const index of [0, 1023, 2047, 2048, 2599]) expect(store.streamOfIdempotencyKeySync(`k${index}`)).toBe(`s${index % 7}`);
    expect(store.streamOfIdempotencyKeySync('k2600')).toBeNull();
    // Another connection sees the keys this one has not written to the table yet (it reads the log after the table).
    const other = new SqliteEventStore(file);
    expect(other.streamOfIdempotencyKeySync('k2599')).toBe('s2');
    // And this one sees what the other appends.
    other.appendSync('elsewhere', [event('from-the-other')], 'no-stream');
    expect(store.streamOfIdempotencyKeySync('from-the-other')).toBe('elsewhere');
    expect((await store.verifyIntegrity()).ok).toBe(true);
    await other.close();
    await store.close();
  });

  it('forget the key of an append that was rolled back', async () => {
    const store = new SqliteEventStore(join(directory, 'rollback.sqlite'));
    record(store, 5);
    expect(() =>
      store.transaction(() => {
        store.appendSync('refused', [event('rolled-back')], 'no-stream');
        throw new Error('refused after the append');
      }),
    ).toThrow('refused after the append');
    expect(store.streamOfIdempotencyKeySync('rolled-back')).toBeNull();
    // A savepoint rolled back inside a transaction that commits, and another append at the same position.
    store.transaction(() => {
      expect(() =>
        store.transaction(() => {
          store.appendSync('refused', [event('inner')], 'no-stream');
          throw new Error('inner refusal');
        }),
      ).toThrow('inner refusal');
      store.appendSync('kept', [event('kept')], 'no-stream', { freshIds: true });
    });
    expect(store.streamOfIdempotencyKeySync('inner')).toBeNull();
    expect(store.streamOfIdempotencyKeySync('kept')).toBe('kept');
    expect((await store.verifyIntegrity()).ok).toBe(true);
    await store.close();
  });

  it('are kept in the table after a file written before it is opened, and the old index over the metadata is dropped', async () => {
    const file = join(directory, 'old.sqlite');
    const store = new SqliteEventStore(file);
    record(store, 40);
    await store.close();
    // As the previous version left its files: no keys table, an index over the key in the metadata.
    const db = new Database(file);
    db.exec(`DROP TABLE idempotency_keys; DROP TABLE idempotency_keys_through;
      CREATE INDEX events_by_idempotency_key ON events (json_extract(metadata, '$.idempotencyKey'))`);
    db.close();
    const reopened = new SqliteEventStore(file);
    expect(rows(file, "SELECT name FROM sqlite_master WHERE name = 'events_by_idempotency_key'")).toEqual([]);
    expect(rows(file, 'SELECT position FROM idempotency_keys_through')).toEqual([{ position: 40 }]);
    expect(reopened.streamOfIdempotencyKeySync('k39')).toBe('s4');
    record(reopened, 3, 40);
    expect(reopened.streamOfIdempotencyKeySync('k42')).toBe('s0');
    expect((await reopened.verifyIntegrity()).ok).toBe(true);
    await reopened.close();
  });

  it('make verify fail when the table no longer matches the log', async () => {
    for (const [name, change] of [
      ['removed', "DELETE FROM idempotency_keys WHERE key = 'k3'"],
      ['moved', "UPDATE idempotency_keys SET stream = 's6' WHERE key = 'k3'"],
      ['added', "INSERT INTO idempotency_keys VALUES ('never-sent', 's1')"],
      ['beyond', 'UPDATE idempotency_keys_through SET position = 5000'],
    ] as const) {
      const file = join(directory, `tampered-${name}.sqlite`);
      const store = new SqliteEventStore(file);
      record(store, 1300);
      await store.close();
      const db = new Database(file);
      db.exec(change);
      db.close();
      const reopened = new SqliteEventStore(file);
      const report = await reopened.verifyIntegrity();
      expect(report.ok, name).toBe(false);
      expect(report.problems.map((problem) => problem.stream)).toContain('(idempotency keys)');
      await reopened.close();
    }
  });
});
