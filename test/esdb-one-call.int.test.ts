import { monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { IdempotencyKeyReusedError } from '../src/app/errors.js';
import { DomainError } from '../src/domain/errors.js';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import { FakeEsdbClient } from './support/fake-esdb-client.js';

/**
 * The write path on EventStoreDB, counted on a fake client (no server needed): a caught-up
 * process records a command with one call, the append; only a refused append reads what
 * another process wrote; commands waiting together go as one append, each with its own
 * outcome.
 */
function ledgerProcess(fake: FakeEsdbClient) {
  const store = new EsdbEventStore('esdb://fake:2113?tls=false', { client: fake.client });
  const handler = new CommandHandler(store, { clock: () => new Date('2026-06-02T10:00:00Z'), newId: monotonicFactory() });
  return { store, handler };
}

const receipt = (key: string, amount = '1', effectiveDate = '2026-06-01') => ({
  type: 'ReceiveFunds',
  idempotencyKey: key,
  year: 2030,
  amount,
  reference: key,
  receivedOn: '2026-01-02',
  effectiveDate,
});

describe('commands on EventStoreDB, counted in calls to the server', () => {
  it('a caught-up process records each command with one call, the append, and reads nothing', async () => {
    const fake = new FakeEsdbClient();
    const { store, handler } = ledgerProcess(fake);
    await store.prepare();
    await handler.execute(receipt('first'), { actor: 'test' });
    fake.resetCounts();
    for (let index = 0; index < 20; index++) await handler.execute(receipt(`r-${index}`), { actor: 'test' });
    expect(fake.calls).toEqual({ reads: 0, eventsRead: 0, appends: 20, refusedAppends: 0 });
    // Replaying a recorded command answers from what the process knows, with one look at the log's head.
    fake.resetCounts();
    const replay = await handler.execute(receipt('r-3'), { actor: 'test' });
    expect(replay.replayed).toBe(true);
    expect(fake.calls.appends).toBe(0);
    expect(fake.calls.reads).toBe(1);
    await store.close();
  });

  it('after another process wrote, the refused append reads what was written, and the command is decided again on it', async () => {
    const fake = new FakeEsdbClient();
    const left = ledgerProcess(fake);
    const right = ledgerProcess(fake);
    await Promise.all([left.store.prepare(), right.store.prepare()]);
    await left.handler.execute(receipt('left-1'), { actor: 'left' });
    fake.resetCounts();
    const recorded = await right.handler.execute(receipt('right-1'), { actor: 'right' });
    expect(recorded.events.map((event) => event.position)).toEqual([2]);
    expect(fake.calls.appends).toBe(2);
    expect(fake.calls.refusedAppends).toBe(1);
    expect(fake.calls.reads).toBeGreaterThanOrEqual(1);
    // The same key from the other process, for another command: refused once the refusal showed it.
    await expect(right.handler.execute(receipt('left-1', '5'), { actor: 'right' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    await expect(left.handler.execute(receipt('right-1', '5'), { actor: 'left' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    await Promise.all([left.store.close(), right.store.close()]);
  });

  it('commands waiting together go as one append, and each keeps its own outcome', async () => {
    const fake = new FakeEsdbClient();
    const { store, handler } = ledgerProcess(fake);
    await store.prepare();
    await handler.execute(receipt('first'), { actor: 'test' });
    fake.resetCounts();
    const commands = [
      ...Array.from({ length: 14 }, (_, index) => receipt(`group-${index}`)),
      receipt('group-3', '7'), // the key of a command before it in the group, for another command
      receipt('too-late', '1', '2026-06-03'), // takes effect after today
    ];
    const outcomes = await Promise.allSettled(commands.map((command) => handler.execute(command, { actor: 'test' })));
    expect(fake.calls.appends).toBe(1);
    const recorded = outcomes.slice(0, 14).map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.events[0]!.position : null));
    expect(recorded).toEqual(Array.from({ length: 14 }, (_, index) => index + 2));
    expect(outcomes[14]).toMatchObject({ status: 'rejected', reason: expect.any(IdempotencyKeyReusedError) as unknown });
    expect(outcomes[15]).toMatchObject({ status: 'rejected', reason: expect.any(DomainError) as unknown });
    expect(((outcomes[15] as PromiseRejectedResult).reason as DomainError).code).toBe('effective-date-in-future');
    expect(await store.headPosition()).toBe(15);
    await store.close();
  });

  it('a group the rules refuse whole looks at the log once, and is decided again when another process wrote meanwhile', async () => {
    const fake = new FakeEsdbClient();
    const left = ledgerProcess(fake);
    const right = ledgerProcess(fake);
    await Promise.all([left.store.prepare(), right.store.prepare()]);
    await left.handler.execute(receipt('shared', '10'), { actor: 'left' });
    // The right process has not seen `shared`: on what it knows, this is a new command; the log says it is a reuse.
    fake.resetCounts();
    await expect(right.handler.execute(receipt('shared', '20'), { actor: 'right' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(fake.calls.refusedAppends).toBe(1);
    fake.resetCounts();
    await expect(right.handler.execute(receipt('late', '1', '2026-06-03'), { actor: 'right' })).rejects.toBeInstanceOf(DomainError);
    expect(fake.calls).toMatchObject({ appends: 0, reads: 1 });
    await Promise.all([left.store.close(), right.store.close()]);
  });
});
