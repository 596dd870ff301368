import { monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import type { EventToAppend, ExpectedRevision } from '../src/store/port.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { adopted, basics, grant } from './support/spec.js';

/**
 * On SQLite the handler records commands that arrive together in one transaction, each
 * in its own savepoint, acknowledged after the one commit. What a caller must be able
 * to rely on: a refused command changes nothing and does not disturb the others; a
 * failure that ends the transaction fails the whole group and leaves none of it.
 */
class FailingStore extends SqliteEventStore {
  /** The next append to this stream fails; with `rollsBack`, as SQLite fails on a full disk (ending the transaction). */
  failNext: { stream: string; rollsBack: boolean } | null = null;
  override appendSync(stream: string, events: EventToAppend[], expected: ExpectedRevision) {
    if (this.failNext?.stream === stream) {
      const { rollsBack } = this.failNext;
      this.failNext = null;
      if (rollsBack) this.rollBackEverything();
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    }
    return super.appendSync(stream, events, expected);
  }
  private rollBackEverything() {
    (this as unknown as { db: { exec(sql: string): void } }).db.exec('ROLLBACK');
  }
}

async function setUp() {
  const store = new FailingStore(':memory:');
  const handler = new CommandHandler(store, { clock: () => new Date('2025-03-01T10:00:00Z'), newId: monotonicFactory() });
  let key = 0;
  for (const command of [...basics, adopted(3)]) await handler.execute({ ...command, idempotencyKey: `setup-${key++}` }, { actor: 'test' });
  return { store, handler, head: await store.headPosition() };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => `failed: ${(error as Error).message}`,
  );
const storedKeys = (store: SqliteEventStore, after: number) =>
  [...store.readAllSync({ afterPosition: after })].map((record) => (record.metadata as { idempotencyKey: string }).idempotencyKey);

describe('commands recorded together (group commit)', () => {
  it('a command refused in the middle of a group changes nothing; the others are recorded', async () => {
    const { store, handler, head } = await setUp();
    const outcomes = await Promise.all([
      outcome(handler.execute({ ...grant('100000'), idempotencyKey: 'a' }, { actor: 'test' })),
      outcome(handler.execute({ ...grant('1000000'), idempotencyKey: 'b' }, { actor: 'test' })),
      outcome(handler.execute({ ...grant('200000'), idempotencyKey: 'c' }, { actor: 'test' })),
    ]);
    expect(outcomes[0]).toBe('ok');
    expect(outcomes[1]).toMatch(/^failed: .*frame/);
    expect(outcomes[2]).toBe('ok');
    expect(storedKeys(store, head)).toEqual(['a', 'c']);
  });

  it('an append that fails without ending the transaction fails that command alone', async () => {
    const { store, handler, head } = await setUp();
    store.failNext = { stream: 'registry', rollsBack: false };
    const outcomes = await Promise.all([
      outcome(handler.execute({ ...grant('100000'), idempotencyKey: 'a' }, { actor: 'test' })),
      outcome(
        handler.execute(
          { type: 'RegisterProgrammeArea', programmeAreaId: 'ny', name: 'Nytt område', idempotencyKey: 'b' },
          { actor: 'test' },
        ),
      ),
      outcome(handler.execute({ ...grant('200000'), idempotencyKey: 'c' }, { actor: 'test' })),
    ]);
    expect(outcomes).toEqual(['ok', 'failed: database or disk is full', 'ok']);
    expect(storedKeys(store, head)).toEqual(['a', 'c']);
  });

  it('a failure that ends the transaction (a full disk) fails the whole group with its error and leaves none of it, in the log or in memory', async () => {
    const { store, handler, head } = await setUp();
    store.failNext = { stream: 'registry', rollsBack: true };
    const outcomes = await Promise.all([
      outcome(handler.execute({ ...grant('100000'), idempotencyKey: 'a' }, { actor: 'test' })),
      outcome(
        handler.execute(
          { type: 'RegisterProgrammeArea', programmeAreaId: 'ny', name: 'Nytt område', idempotencyKey: 'b' },
          { actor: 'test' },
        ),
      ),
      outcome(handler.execute({ ...grant('200000'), idempotencyKey: 'c' }, { actor: 'test' })),
    ]);
    expect(outcomes).toEqual(Array(3).fill('failed: database or disk is full'));
    expect(storedKeys(store, head)).toEqual([]);
    // Sent again, the same commands are recorded: nothing of the failed group was remembered.
    const again = await handler.execute({ ...grant('100000'), idempotencyKey: 'a' }, { actor: 'test' });
    expect(again.replayed).toBe(false);
    expect(storedKeys(store, head)).toEqual(['a']);
  });
});
