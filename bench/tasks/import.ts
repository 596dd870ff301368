/**
 * Bulk import, validated and hashed, against raw batched inserts of the same rows.
 *
 * - `importExport` (src/app/transfer.ts) on the whole export file, streamed: the
 *   manifest checksum, every stream's hash chain (each event's hash recomputed) and
 *   every event's schema checked, one pass, one transaction;
 * - the floor: the same lines parsed and inserted into a table of the same shape,
 *   50 000 rows per transaction, same durability.
 *
 *   node dist/bench/tasks/import.js --ndjson FILE
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importExport, type ExportedEvent } from '../../src/app/transfer.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { argument, gc, lines, now, peakRssMiB, progress, result } from '../lib/common.js';
import { openRaw } from '../lib/raw.js';

const ndjson = argument('ndjson');
const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-import-'));

/** Raw batched inserts of the first `limit` lines of the export. */
async function rawImport(limit: number): Promise<{ events: number; seconds: number }> {
  const path = join(directory, `raw-${limit}.sqlite`);
  const { db, insert } = openRaw(path);
  const started = now();
  let batch: ExportedEvent[] = [];
  let events = 0;
  const insertAll = db.transaction((rows: ExportedEvent[]) => {
    for (const event of rows)
      insert.run({
        id: event.id,
        stream: event.stream,
        revision: event.revision,
        type: event.type,
        schema_version: event.schemaVersion,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        previous_hash: event.previousHash,
        hash: event.hash,
        log_hash: event.hash,
      });
  });
  for await (const line of lines(ndjson)) {
    if (line.startsWith('{"manifest"') || events === limit) break;
    batch.push(JSON.parse(line) as ExportedEvent);
    events += 1;
    if (batch.length === 50_000) {
      insertAll.immediate(batch);
      batch = [];
    }
  }
  if (batch.length > 0) insertAll.immediate(batch);
  const seconds = (now() - started) / 1000;
  db.close();
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  return { events, seconds };
}

try {
  const file = join(directory, 'ledger.sqlite');
  const store = new SqliteEventStore(file);
  gc();
  const started = now();
  const imported = await importExport(store, { file: ndjson });
  const seconds = (now() - started) / 1000;
  await store.close();
  rmSync(file, { force: true });
  progress(`import: ${imported.events} events checked (checksum, hash chains, schemas) and written in ${seconds.toFixed(1)} s`);
  const raw = await rawImport(Number.POSITIVE_INFINITY);
  progress(`import: raw batched inserts of ${raw.events} rows in ${raw.seconds.toFixed(1)} s`);
  result({
    events: imported.events,
    eventsPerSecond: imported.events / seconds,
    floorEventsPerSecond: raw.events / raw.seconds,
    peakRssMiB: peakRssMiB(),
  });
} finally {
  rmSync(directory, { recursive: true, force: true });
}
