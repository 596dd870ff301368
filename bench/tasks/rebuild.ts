/**
 * Rebuilding every projection (`ProjectionRunner.rebuild`) from the history, against the
 * floor of reading the same rows and parsing their JSON alone (`readAllSync`).
 *
 *   node dist/bench/tasks/rebuild.js --sqlite FILE
 */
import { ProjectionRunner } from '../../src/app/projection-runner.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { argument, gc, now, peakRssMiB, progress, result } from '../lib/common.js';

const store = new SqliteEventStore(argument('sqlite'));
const floors: number[] = [];
let events = 0;
for (let run = 0; run < 2; run++) {
  gc();
  const started = now();
  let count = 0;
  for (const record of store.readAllSync()) if (record.position > 0) count += 1;
  floors.push((now() - started) / 1000);
  events = count;
}
progress(`rebuild: reading and parsing ${events} rows took ${floors.map((seconds) => seconds.toFixed(2)).join(' and ')} s`);
const runner = new ProjectionRunner(store, { checkpointPath: null });
gc();
const started = now();
const folded = await runner.rebuild();
const seconds = (now() - started) / 1000;
progress(`rebuild: every projection from ${folded} events in ${seconds.toFixed(2)} s`);
gc();
const heapAfterMiB = process.memoryUsage().heapUsed / 1024 / 1024;
await store.close();
result({ events: folded, seconds, eventsPerSecond: folded / seconds, floorSeconds: Math.min(...floors), floorEventsPerSecond: events / Math.min(...floors), peakRssMiB: peakRssMiB(), heapAfterMiB });
