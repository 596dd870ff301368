import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import type { EventToAppend } from '../src/store/port.js';
import { FakeEsdbClient } from './support/fake-esdb-client.js';

/**
 * The EventStoreDB store's index snapshot, on a fake client (no server needed): a process
 * that finds a snapshot matching the log starts its index from it and reads only what
 * came after; one that does not match is refused, saying why, and the index is built
 * from the log.
 */
const newId = monotonicFactory();
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function setUp() {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-index-snapshot-'));
  folders.push(folder);
  const fake = new FakeEsdbClient();
  const path = join(folder, 'data', 'hfi-ledger.esdb-index');
  const open = (client = fake) => new EsdbEventStore('esdb://fake:2113?tls=false', { client: client.client, indexSnapshotPath: path });
  return { fake, path, open };
}

const event = (key: string): EventToAppend => ({
  id: newId(),
  type: 'FundsReceived',
  schemaVersion: 1,
  data: { amount: '1' },
  metadata: { idempotencyKey: key, effectiveDate: '2026-06-01' },
});

/** `count` events in batches of 100 over seven streams, each event its own idempotency key. */
async function fill(store: EsdbEventStore, count: number, prefix = 'k') {
  for (let at = 0; at < count; at += 100) {
    const parts = Array.from({ length: Math.min(100, count - at) }, (_, index) => ({
      stream: `case-${(at + index) % 7}`,
      events: [event(`${prefix}-${at + index}`)],
      expected: 'any' as const,
    }));
    await store.appendMany(parts);
  }
}

describe('the EventStoreDB index snapshot', () => {
  it('starts a second process from the snapshot: it reads the one event that checks it, and then only what came after', async () => {
    const { fake, open } = setUp();
    const first = open();
    await fill(first, 1200);
    await first.close(); // written on closing: the index moved by 1 200 events
    const writer = open();
    await writer.append('case-3', [event('after-the-snapshot')], 'any');
    fake.resetCounts();
    const second = open();
    const prepared = await second.prepare();
    expect(prepared).toEqual({ startedFrom: 'snapshot', position: 1200, caughtUp: 1 });
    // The snapshot's last event (to check it, and again where the catch-up starts) and the one after it: not 1 201 events.
    expect(fake.calls.eventsRead).toBe(3);
    expect(await second.streamRevision('case-3')).toBe(await writer.streamRevision('case-3'));
    expect(second.knownStreamOfIdempotencyKey('k-1100')).toBe(`case-${1100 % 7}`);
    expect(second.knownStreamOfIdempotencyKey('after-the-snapshot')).toBe('case-3');
    // The index answers as one built from the log: an append at the revision it knows is taken.
    const revision = await second.streamRevision('case-5');
    await expect(second.append('case-5', [event('next')], revision!)).resolves.toMatchObject({ positions: [1202] });
    await Promise.all([second.close(), writer.close()]);
  });

  it('refuses a snapshot whose last event the log no longer holds (a server that lost events), and builds the index from the log', async () => {
    const { fake, open } = setUp();
    const first = open();
    await fill(first, 1200);
    await first.close();
    fake.truncate('hfi-ledger', 700);
    const second = open();
    const prepared = await second.prepare();
    expect(prepared.startedFrom).toBe('zero');
    expect(prepared.reason).toBe('index snapshot does not match the log (its position 1200 holds no event)');
    expect(second.knownHead()).toBe(700);
    expect(second.knownStreamOfIdempotencyKey('k-900')).toBeNull();
    await second.close();
  });

  it('refuses a snapshot of another log under the same name (another server), and a damaged file', async () => {
    const { open, path } = setUp();
    const first = open();
    await fill(first, 1200);
    await first.close();
    const otherServer = new FakeEsdbClient();
    const other = open(otherServer);
    await fill(other, 1300, 'other');
    // `other` prepared nothing: its own writes were indexed as it made them; a fresh process on that server checks the snapshot.
    const fresh = open(otherServer);
    const prepared = await fresh.prepare();
    expect(prepared.startedFrom).toBe('zero');
    expect(prepared.reason).toBe('index snapshot does not match the log (its position 1200 holds another event)');
    expect(fresh.knownStreamOfIdempotencyKey('other-1250')).toBe(`case-${1250 % 7}`);
    expect(fresh.knownStreamOfIdempotencyKey('k-5')).toBeNull();
    await Promise.all([fresh.close(), other.close()]);

    writeFileSync(path, 'LEDGER-INDEX\nnot what it should be');
    const damaged = await open(otherServer).prepare();
    expect(damaged.startedFrom).toBe('zero');
    expect(damaged.reason).toMatch(/^index snapshot damaged: /);
  });

  it('writes the snapshot when preparing read many events, creating its folder, so the next start reads none', async () => {
    const { fake, open } = setUp();
    const writer = new EsdbEventStore('esdb://fake:2113?tls=false', { client: fake.client });
    await fill(writer, 1500);
    const first = open();
    expect(await first.prepare()).toEqual({ startedFrom: 'zero', position: 0, caughtUp: 1500, reason: 'no index snapshot' });
    fake.resetCounts();
    const second = open();
    expect(await second.prepare()).toEqual({ startedFrom: 'snapshot', position: 1500, caughtUp: 0 });
    expect(fake.calls.eventsRead).toBe(2);
    await Promise.all([first.close(), second.close(), writer.close()]);
  });
});
