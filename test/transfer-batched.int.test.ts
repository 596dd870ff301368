import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRejectedError, exportLines, importExport } from '../src/app/transfer.js';
import { StoreUnavailableError } from '../src/store/errors.js';
import { ESDB_IMPORT_BATCH_BYTES, esdbImportBatches } from '../src/store/esdb-import.js';
import { NO_CAPABILITIES, type EventStore, type ImportBatches, type StreamAppend } from '../src/store/port.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { largeExport } from './support/large-export.js';
import { portOnly } from './support/port-only.js';

/** The most bytes EventStoreDB takes in one append by default. */
const MAX_APPEND_BYTES = 1024 * 1024;
const bytesOf = (parts: StreamAppend[]) =>
  parts
    .flatMap((part) => part.events)
    .reduce((total, event) => total + JSON.stringify(event.data).length + JSON.stringify(event.metadata).length, 0);

/**
 * A store that behaves as EventStoreDB does about size (an append over 1 MiB is refused)
 * and declares the EventStoreDB store's import batches, records the size of every append,
 * and can be made to fail after some appends, as a server that goes away in the middle of
 * an import.
 */
function serverLike(store: EventStore, failAfter = Number.POSITIVE_INFINITY) {
  const appends: number[] = [];
  const wrapped: EventStore & ImportBatches = {
    ...portOnly(store),
    capabilities: { ...NO_CAPABILITIES, importBatches: true },
    importBatches: esdbImportBatches,
    appendMany: async (parts, options) => {
      const bytes = bytesOf(parts);
      if (bytes > MAX_APPEND_BYTES) throw new RangeError(`maximum append size exceeded: ${bytes} bytes`);
      if (appends.length >= failAfter) throw new StoreUnavailableError('the server went away in the middle of the import');
      appends.push(bytes);
      return store.appendMany(parts, options);
    },
  };
  return { store: wrapped, appends };
}

describe('importing in the batches the store declares (EventStoreDB’s): under the maximum append size, resumable', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-import-batched-'));
  let exported: Awaited<ReturnType<typeof largeExport>>;
  beforeAll(async () => {
    exported = await largeExport();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  let files = 0;
  const fresh = () => new SqliteEventStore(join(directory, `target-${files++}.sqlite`));
  const exportOf = async (store: EventStore) => {
    let text = '';
    for await (const line of exportLines(store, new Date('2026-06-01T00:00:00Z'))) text += line;
    return text.split('\n').slice(0, -2).join('\n');
  };

  it('writes an export of more than 1 MiB in one stream in batches each under half of it, and the copy verifies', async () => {
    expect(exported.bytes).toBeGreaterThan(MAX_APPEND_BYTES);
    const target = fresh();
    const { store, appends } = serverLike(target);
    const outcome = await importExport(store, exported.text);
    expect(outcome).toEqual({ events: exported.events, streams: 3 });
    expect(appends.length).toBeGreaterThan(2);
    expect(Math.max(...appends)).toBeLessThanOrEqual(ESDB_IMPORT_BATCH_BYTES);
    expect(await target.headPosition()).toBe(exported.events);
    expect((await target.verifyIntegrity()).ok).toBe(true);
    expect(await exportOf(target)).toBe(exported.text.split('\n').slice(0, -2).join('\n'));
    await target.close();
  });

  it('goes on after an interruption: run again, it finds what was written and writes the rest, each event once', async () => {
    const target = fresh();
    const interrupted = serverLike(target, 2);
    await expect(importExport(interrupted.store, exported.text)).rejects.toBeInstanceOf(StoreUnavailableError);
    const written = await target.headPosition();
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(exported.events);
    const outcome = await importExport(serverLike(target).store, exported.text);
    expect(outcome).toEqual({ events: exported.events, streams: 3, resumedAfter: written });
    expect(await target.headPosition()).toBe(exported.events);
    expect((await target.verifyIntegrity()).ok).toBe(true);
    // A third run finds everything there and writes nothing.
    expect(await importExport(serverLike(target).store, exported.text)).toMatchObject({ resumedAfter: exported.events });
    expect(await target.headPosition()).toBe(exported.events);
    await target.close();
  });

  it('refuses a store that holds anything but the start of this export, and adds nothing', async () => {
    const target = fresh();
    await importExport(serverLike(target).store, exported.text);
    const other = await largeExport(3);
    await expect(importExport(serverLike(target).store, other.text)).rejects.toThrow(ImportRejectedError);
    await expect(importExport(serverLike(target).store, other.text)).rejects.toThrow(/not empty/);
    expect(await target.headPosition()).toBe(exported.events);
    await target.close();
  });
});

describe('importing into a store that declares no batches of its own', () => {
  it('goes through the port in steps, so an import interrupted half-way goes on where it stopped', async () => {
    const exported = await largeExport(1500);
    const directory = mkdtempSync(join(tmpdir(), 'ledger-import-port-'));
    const target = new SqliteEventStore(join(directory, 'target.sqlite'));
    try {
      let appends = 0;
      const interrupted: EventStore = {
        ...portOnly(target),
        appendMany: (parts, options) =>
          ++appends > 1
            ? Promise.reject(new StoreUnavailableError('the store went away in the middle of the import'))
            : target.appendMany(parts, options),
      };
      await expect(importExport(interrupted, exported.text)).rejects.toBeInstanceOf(StoreUnavailableError);
      const written = await target.headPosition();
      expect(written).toBeGreaterThan(0);
      expect(written).toBeLessThan(exported.events);
      expect(await importExport(portOnly(target), exported.text)).toEqual({ events: exported.events, streams: 3, resumedAfter: written });
      expect((await target.verifyIntegrity()).ok).toBe(true);
    } finally {
      await target.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
