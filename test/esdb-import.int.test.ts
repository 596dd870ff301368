import type { EventData } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { exportLines, importExport } from '../src/app/transfer.js';
import { StoreUnavailableError } from '../src/store/errors.js';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import type { EventStore } from '../src/store/port.js';
import { FakeEsdbClient } from './support/fake-esdb-client.js';
import { largeExport } from './support/large-export.js';

/** The most bytes EventStoreDB takes in one append by default. */
const MAX_APPEND_BYTES = 1024 * 1024;

/**
 * A fake EventStoreDB server that, as a real one, refuses an append over its maximum
 * append size, and records the size of every append it takes.
 */
class SizeLimitedClient extends FakeEsdbClient {
  readonly appendBytes: number[] = [];

  override async appendToStream(stream: string, data: EventData | EventData[], options: Parameters<FakeEsdbClient['appendToStream']>[2]) {
    const events = Array.isArray(data) ? data : [data];
    const bytes = events.reduce(
      (total, event) => total + Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata)),
      0,
    );
    if (bytes > MAX_APPEND_BYTES) throw new RangeError(`maximum append size exceeded: ${bytes} bytes`);
    this.appendBytes.push(bytes);
    return super.appendToStream(stream, data, options);
  }
}

const storeOn = (fake: FakeEsdbClient) => new EsdbEventStore('esdb://fake:2113?tls=false', { client: fake.client });
const exportOf = async (store: EventStore) => {
  let text = '';
  for await (const line of exportLines(store, new Date('2026-06-01T00:00:00Z'))) text += line;
  return text.split('\n').slice(0, -2).join('\n');
};

// No server needed: the EventStoreDB store's own import batches, against a fake server that keeps EventStoreDB's size limit.
describe('importing into the EventStoreDB store, on a fake server with the maximum append size', () => {
  it('writes an export of more than 1 MiB in one stream in appends the server takes, and the copy is the export', async () => {
    const exported = await largeExport();
    expect(exported.bytes).toBeGreaterThan(MAX_APPEND_BYTES);
    const fake = new SizeLimitedClient();
    const store = storeOn(fake);
    try {
      expect(await importExport(store, exported.text)).toEqual({ events: exported.events, streams: 3 });
      expect(fake.appendBytes.length).toBeGreaterThan(2);
      expect(Math.max(...fake.appendBytes)).toBeLessThanOrEqual(MAX_APPEND_BYTES);
      const report = await store.verifyIntegrity();
      expect(report.problems).toEqual([]);
      expect(report.eventsChecked).toBe(exported.events);
      expect(await exportOf(store)).toBe(exported.text.split('\n').slice(0, -2).join('\n'));
    } finally {
      await store.close();
    }
  });

  it('goes on after an interruption: another run finds what was written and writes the rest', async () => {
    const exported = await largeExport();
    const fake = new SizeLimitedClient();
    const store = storeOn(fake);
    let appends = 0;
    const failing: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendMany: (...args: Parameters<EventStore['appendMany']>) =>
        ++appends > 2
          ? Promise.reject(new StoreUnavailableError('the connection dropped in the middle of the import'))
          : store.appendMany(...args),
    });
    const again = storeOn(fake);
    try {
      await expect(importExport(failing, exported.text)).rejects.toBeInstanceOf(StoreUnavailableError);
      const written = await store.headPosition();
      expect(written).toBeGreaterThan(0);
      expect(written).toBeLessThan(exported.events);
      expect(await importExport(again, exported.text)).toEqual({ events: exported.events, streams: 3, resumedAfter: written });
      expect(Math.max(...fake.appendBytes)).toBeLessThanOrEqual(MAX_APPEND_BYTES);
      expect((await again.verifyIntegrity()).problems).toEqual([]);
    } finally {
      await store.close();
      await again.close();
    }
  });
});
