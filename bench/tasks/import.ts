/**
 * Bulk import, validated and hashed, against raw batched inserts of the same rows.
 *
 * - streaming: the export file line by line with the checks of `importExport` (manifest
 *   checksum, hash chains, schemas) and `appendSync` in transactions of 50 000 events;
 * - `importExport` itself, on the largest prefix of the export one string can hold
 *   (`--api-events`, default 100 000);
 * - the floor: the same lines parsed and inserted into a table of the same shape,
 *   50 000 rows per transaction, same durability.
 *
 *   node dist/bench/tasks/import.js --ndjson FILE [--api-events N]
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FORMAT, importExport, type ExportedEvent, type ExportManifest } from '../../src/app/transfer.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { argument, gc, lines, now, peakRssMiB, progress, result } from '../lib/common.js';
import { importNdjson } from '../lib/import.js';
import { openRaw } from '../lib/raw.js';

const ndjson = argument('ndjson');
const apiEvents = Number(argument('api-events', '100000'));
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

/** The first `limit` events of the export as an export of its own (manifest recomputed). */
async function prefixExport(limit: number): Promise<{ text: string; events: number }> {
  const body: string[] = [];
  const streams: ExportManifest['streams'] = {};
  for await (const line of lines(ndjson)) {
    if (line.startsWith('{"manifest"') || body.length === limit) break;
    const event = JSON.parse(line) as ExportedEvent;
    streams[event.stream] = { revision: event.revision, headHash: event.hash };
    body.push(`${line}\n`);
  }
  const text = body.join('');
  const manifest: ExportManifest = { format: EXPORT_FORMAT, exportedAt: new Date(0).toISOString(), source: 'bench', events: body.length, sha256: createHash('sha256').update(text).digest('hex'), streams };
  return { text: `${text}${JSON.stringify({ manifest })}\n`, events: body.length };
}

try {
  // Streaming, validated and hashed.
  const file = join(directory, 'ledger.sqlite');
  let store = new SqliteEventStore(file);
  gc();
  let started = now();
  const streamed = await importNdjson(ndjson, store);
  const streamedSeconds = (now() - started) / 1000;
  await store.close();
  rmSync(file, { force: true });
  progress(`import: ${streamed.events} events validated, hashed and appended in ${streamedSeconds.toFixed(1)} s`);
  const rawAll = await rawImport(Number.POSITIVE_INFINITY);
  progress(`import: raw batched inserts of ${rawAll.events} rows in ${rawAll.seconds.toFixed(1)} s`);

  // importExport itself, on a prefix that fits in one string.
  const prefix = await prefixExport(apiEvents);
  store = new SqliteEventStore(join(directory, 'api.sqlite'));
  gc();
  started = now();
  await importExport(store, prefix.text);
  const apiSeconds = (now() - started) / 1000;
  await store.close();
  const rawPrefix = await rawImport(prefix.events);
  progress(`import: importExport of ${prefix.events} events in ${apiSeconds.toFixed(1)} s; raw ${rawPrefix.seconds.toFixed(1)} s`);

  result({
    events: streamed.events,
    eventsPerSecond: streamed.events / streamedSeconds,
    floorEventsPerSecond: rawAll.events / rawAll.seconds,
    apiEvents: prefix.events,
    apiEventsPerSecond: prefix.events / apiSeconds,
    apiFloorEventsPerSecond: rawPrefix.events / rawPrefix.seconds,
    peakRssMiB: peakRssMiB(),
  });
} finally {
  rmSync(directory, { recursive: true, force: true });
}
