/**
 * Rebuilding every projection (`ProjectionRunner.rebuild`) from the history, against the
 * floor of reading the same rows and parsing their JSON alone.
 *
 * The floor is the fastest honest loop over what the rebuild reads: the same lean query
 * (`readProjectionRowsSync`: position, type, schema version, data, metadata — of every
 * type, since the as-of index keeps every event's effective date — hash; raw rows, no
 * objects) with `JSON.parse` of every data text (the metadata text is read, not parsed:
 * the fold only looks its effective date up in it) — so the ratio is the cost of the projection itself over
 * the unavoidable read. For comparison with earlier runs it also times the old floor,
 * `readAllSync()` (every column of every row as a record, data and metadata parsed).
 *
 *   node dist/bench/tasks/rebuild.js --sqlite FILE
 */
import { eventTypes } from '../../events/catalogue.js';
import { ProjectionRunner } from '../../src/app/projection-runner.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { argument, gc, now, peakRssMiB, progress, result } from '../lib/common.js';

const store = new SqliteEventStore(argument('sqlite'));

function leanFloor(): number {
  let count = 0;
  for (const rows of store.readProjectionRowsSync(0, eventTypes))
    for (const row of rows) {
      JSON.parse(row[3]);
      count += 1;
    }
  return count;
}

function recordFloor(): number {
  let count = 0;
  for (const record of store.readAllSync()) if (record.position > 0) count += 1;
  return count;
}

function timed(read: () => number): { seconds: number; count: number } {
  gc();
  const started = now();
  const count = read();
  return { seconds: (now() - started) / 1000, count };
}

const floors = [timed(leanFloor), timed(leanFloor)];
const events = floors[0]!.count;
progress(
  `rebuild: the lean read of ${events} rows with JSON.parse took ${floors.map((floor) => floor.seconds.toFixed(2)).join(' and ')} s (the floor)`,
);
const records = timed(recordFloor);
progress(`rebuild: readAllSync() of ${records.count} records (the earlier floor) took ${records.seconds.toFixed(2)} s`);
const runner = new ProjectionRunner(store, { checkpointPath: null });
gc();
const started = now();
const folded = await runner.rebuild();
const seconds = (now() - started) / 1000;
progress(`rebuild: every projection from ${folded} events in ${seconds.toFixed(2)} s`);
gc();
const heapAfterMiB = process.memoryUsage().heapUsed / 1024 / 1024;
await store.close();
const floorSeconds = Math.min(...floors.map((floor) => floor.seconds));
result({
  events: folded,
  seconds,
  eventsPerSecond: folded / seconds,
  floorSeconds,
  floorEventsPerSecond: events / floorSeconds,
  recordFloorSeconds: records.seconds,
  recordFloorEventsPerSecond: records.count / records.seconds,
  peakRssMiB: peakRssMiB(),
  heapAfterMiB,
});
