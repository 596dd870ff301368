import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import {
  InvalidStoredEventError,
  currentSchemaVersion,
  decodeForFold,
  eventDataSchemas,
  eventTypes,
  parseStoredEvent,
  type EventType,
} from '../events/catalogue.js';
import { LedgerView } from '../projections/ledger-view.js';
import { writeSnapshot } from '../projections/snapshot.js';
import { Random, generateCommands, resolveReferences } from './support/generator.js';
import { propertyParameters } from './support/property.js';

/**
 * The rebuild's trusted fast read (`readProjectionRowsSync` + `decodeForFold`) must fold
 * exactly what the catalogue's zod parse folds, and must fail loudly, naming the event,
 * on a stored record the catalogue refuses.
 */
const directory = mkdtempSync(join(tmpdir(), 'ledger-fast-read-'));
const file = join(directory, 'history.sqlite');

/** The view folded the slow way: every record parsed through the catalogue. */
function slowFold(store: SqliteEventStore): LedgerView {
  const view = new LedgerView();
  for (const record of store.readAllSync()) view.apply(parseStoredEvent(record));
  return view;
}

async function fastFold(path: string): Promise<{ view: LedgerView; store: SqliteEventStore }> {
  const store = new SqliteEventStore(path);
  const runner = new ProjectionRunner(store, { checkpointPath: null });
  await runner.rebuild();
  return { view: runner.view, store };
}

function copyOf(name: string): string {
  const target = join(directory, `${name}.sqlite`);
  const db = new Database(file);
  db.prepare('VACUUM INTO ?').run(target);
  db.close();
  return target;
}

function edit(path: string, sql: string, ...parameters: unknown[]): void {
  const db = new Database(path);
  db.prepare(sql).run(...parameters);
  db.close();
}

beforeAll(async () => {
  const store = new SqliteEventStore(file);
  const handler = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
  for (const command of generateCommands(20251122, { events: 3000 }))
    await handler.execute(await resolveReferences(command, store), { actor: 'fast-read-test' });
  await store.close();
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the rebuild’s fast read', () => {
  it('folds a generated history exactly as the zod parse of every record does', async () => {
    const { view, store } = await fastFold(file);
    const types = new Set([...store.readAllSync()].map((record) => record.type));
    expect(types.size).toBeGreaterThan(15);
    expect(writeSnapshot(view).equals(writeSnapshot(slowFold(store)))).toBe(true);
    await store.close();
  });

  it('accepts data only where the zod schema accepts it, and as zod would return it (mutated data)', async () => {
    const store = new SqliteEventStore(file);
    const random = new Random(7);
    const samples = new Map<EventType, unknown[]>();
    for (const record of store.readAllSync()) {
      const list = samples.get(record.type as EventType) ?? [];
      if (list.length < 5) list.push(record.data);
      samples.set(record.type as EventType, list);
    }
    await store.close();
    const replacements: unknown[] = [
      null,
      0,
      -1,
      1.5,
      2025,
      1e20,
      '',
      ' x',
      'x ',
      '0',
      '-0.00',
      '1.234',
      '12.5',
      'ABC',
      '00.25',
      '22.25',
      '2025-02-30',
      true,
      [],
      {},
      ['x'],
      'a'.repeat(301),
    ];
    let checked = 0;
    for (const type of eventTypes) {
      for (const data of samples.get(type) ?? []) {
        const mutations: unknown[] = [data];
        const walk = (value: unknown, replace: (next: unknown) => unknown) => {
          if (value && typeof value === 'object') {
            const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
            for (const [key, item] of entries) {
              const with_ = (next: unknown) => {
                const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Record<string | number, unknown>;
                copy[key] = next;
                return replace(copy);
              };
              for (let n = 0; n < 4; n++) mutations.push(with_(replacements[random.int(0, replacements.length - 1)]));
              if (!Array.isArray(value)) {
                const copy = { ...(value as Record<string, unknown>) };
                delete copy[key as string];
                mutations.push(replace(copy));
              }
              walk(item, with_);
            }
            if (!Array.isArray(value)) {
              mutations.push(replace({ ...value, extra: 1 }));
              mutations.push(replace(Object.fromEntries(Object.entries(value).reverse())));
            } else mutations.push(replace([]));
          }
        };
        // Every event as the ledger wrote it passes the fast checks (else rebuilds would be slow, not wrong).
        expect(decodeForFold(type, currentSchemaVersion(type), data), type).not.toBeNull();
        walk(data, (next) => next);
        for (const mutated of mutations) {
          const fast = decodeForFold(type, currentSchemaVersion(type), mutated);
          const slow = eventDataSchemas[type].safeParse(mutated);
          if (fast !== null) {
            expect(slow.success, `${type}: ${JSON.stringify(mutated)}`).toBe(true);
            // Equal as JSON, key order included: the view keeps data objects and serves them.
            expect(JSON.stringify(fast.data), type).toBe(JSON.stringify(slow.data));
            expect(fast.type).toBe(type);
          }
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(decodeForFold('GrantDeleted', 1, {})).toBeNull();
    expect(decodeForFold('FundsReceived', 2, (samples.get('FundsReceived') ?? [])[0])).toBeNull();
    expect(decodeForFold('FundsReceived', 1, (samples.get('FundsReceived') ?? [])[0])).not.toBeNull();
  });

  it('vouches, over stored events changed at random places, only for data zod accepts and returns as it is (property)', async () => {
    const store = new SqliteEventStore(file);
    const stored = [...store.readAllSync()].filter((record) => record.schemaVersion === currentSchemaVersion(record.type as EventType));
    await store.close();
    const leaf = fc.oneof(
      fc.constantFrom<unknown>(null, 0, -1, 1.5, 2025, 2101, '', ' ', '0', '0.00', '-0', '1.234', '00.25', '2025-02-30', true, [], {}),
      fc.string({ maxLength: 8 }),
      fc.double(),
      fc.integer(),
    );
    /** The value with one place changed: reached by `picks`, then replaced, dropped, padded with a space, or given an extra key. */
    const change = (value: unknown, picks: number[], how: string, next: unknown): unknown => {
      if (value === null || typeof value !== 'object') return how === 'pad' && typeof value === 'string' ? ` ${value}` : next;
      const entries = Object.entries(value);
      if (picks.length === 0 || entries.length === 0) return how === 'extra' && !Array.isArray(value) ? { ...value, extra: next } : next;
      const [key, item] = entries[picks[0]! % entries.length]!;
      const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
      if (how === 'drop' && picks.length === 1) delete copy[key];
      else copy[key] = change(item, picks.slice(1), how, next);
      return copy;
    };
    const changed = fc
      .tuple(
        fc.nat(stored.length - 1),
        fc.array(fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.constantFrom('replace', 'drop', 'pad', 'extra'), leaf), {
          minLength: 1,
          maxLength: 3,
        }),
      )
      .map(([index, changes]) => {
        const record = stored[index]!;
        return {
          type: record.type as EventType,
          data: changes.reduce((data, [picks, how, next]) => change(data, picks, how, next), record.data),
        };
      });
    let vouched = 0;
    fc.assert(
      fc.property(changed, ({ type, data }) => {
        const fast = decodeForFold(type, currentSchemaVersion(type), data);
        if (fast === null) return;
        vouched += 1;
        const slow = eventDataSchemas[type].safeParse(data);
        expect(slow.success, `${type}: ${JSON.stringify(data)}`).toBe(true);
        expect(JSON.stringify(fast.data)).toBe(JSON.stringify(slow.data));
      }),
      propertyParameters(3000),
    );
    // Some changes leave the data valid (a padded id is not, a changed reference text is): the property is not vacuous.
    expect(vouched).toBeGreaterThan(30);
  });

  it('fails loudly, naming the event, on a stored record the catalogue refuses', async () => {
    const path = copyOf('invalid-amount');
    const db = new Database(path);
    const row = db.prepare("SELECT id, position, data FROM events WHERE type = 'SpendingReported' LIMIT 1 OFFSET 3").get() as {
      id: string;
      position: number;
      data: string;
    };
    db.close();
    const data = JSON.parse(row.data) as Record<string, unknown>;
    edit(path, 'UPDATE events SET data = ? WHERE position = ?', JSON.stringify({ ...data, amount: 1000 }), row.position);
    const store = new SqliteEventStore(path);
    const runner = new ProjectionRunner(store, { checkpointPath: null });
    const failure = await runner.rebuild().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidStoredEventError);
    expect(String((failure as Error).message)).toContain(row.id);
    expect(String((failure as Error).message)).toContain(`position ${row.position}`);
    expect(String((failure as Error).message)).toMatch(/amount/);
    await store.close();
  });

  it('fails loudly on an unknown type, another schema version without upcaster, unreadable JSON and a bad effective date', async () => {
    const cases: [string, string, (string | number)[]][] = [
      ['unknown-type', "UPDATE events SET type = 'GrantDeleted' WHERE position = ?", []],
      ['schema-version', 'UPDATE events SET schema_version = 7 WHERE position = ?', []],
      ['unreadable', "UPDATE events SET data = '{not json' WHERE position = ?", []],
    ];
    for (const [name, sql] of cases) {
      const path = copyOf(name);
      edit(path, sql, 40);
      const store = new SqliteEventStore(path);
      const failure = await new ProjectionRunner(store, { checkpointPath: null }).rebuild().catch((error: unknown) => error);
      expect(failure, name).toBeInstanceOf(Error);
      expect(String((failure as Error).message), name).toContain('position 40');
      await store.close();
    }
    const path = copyOf('effective-date');
    const db = new Database(path);
    const vote = db.prepare("SELECT id, position, metadata FROM events WHERE type = 'VoteCast' LIMIT 1").get() as {
      id: string;
      position: number;
      metadata: string;
    };
    db.close();
    edit(
      path,
      'UPDATE events SET metadata = ? WHERE position = ?',
      JSON.stringify({ ...JSON.parse(vote.metadata), effectiveDate: '2025-02-30' }),
      vote.position,
    );
    const store = new SqliteEventStore(path);
    const failure = await new ProjectionRunner(store, { checkpointPath: null }).rebuild().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidStoredEventError);
    expect(String((failure as Error).message)).toContain(vote.id);
    expect(String((failure as Error).message)).toContain('metadata.effectiveDate');
    await store.close();
  });

  it('hands a record zod accepts but the fast checks do not vouch for (an untrimmed name) to the catalogue, folding what zod returns', async () => {
    const path = copyOf('untrimmed');
    const db = new Database(path);
    const row = db.prepare("SELECT position, data FROM events WHERE type = 'CaseOpened' LIMIT 1").get() as {
      position: number;
      data: string;
    };
    db.close();
    const data = JSON.parse(row.data) as { title: string };
    edit(path, 'UPDATE events SET data = ? WHERE position = ?', JSON.stringify({ ...data, title: `  ${data.title} ` }), row.position);
    const { view, store } = await fastFold(path);
    expect(writeSnapshot(view).equals(writeSnapshot(slowFold(store)))).toBe(true);
    expect([...view.cases.values()].some((item) => item.title === data.title)).toBe(true);
    await store.close();
  });
});
