/**
 * Child process of the EventStoreDB bench (bench/tasks/esdb.ts): a ledger process starting
 * on an EventStoreDB ledger as the server does (the projections from their checkpoint and
 * the store's index from its snapshot, both checked against the log, then caught up), then
 * answering a year's frame with its ETag as `GET /api/years/:year/frame` does. It prints
 * one JSON line: the milliseconds from the process's start to that answer (and the CPU
 * time the process used until then), where the
 * projections and the index started from, and the peak RSS.
 *
 *   node dist/bench/children/esdb-first-frame.js --store CONNECTION --checkpoint FILE [--year 2030]
 *
 * Without `--year`, the last year the ledger has figures for (read from the restored view).
 */
import { parseArgs } from 'node:util';
import { openLedger } from '../../src/ledger.js';
import { hasKnownLog } from '../../src/store/port.js';

const { values } = parseArgs({ options: { store: { type: 'string' }, checkpoint: { type: 'string' }, year: { type: 'string' } } });
if (!values.store || !values.checkpoint) {
  process.stderr.write('usage: esdb-first-frame --store CONNECTION --checkpoint FILE [--year YEAR]\n');
  process.exit(2);
}
const ledger = await openLedger({ store: values.store, checkpointPath: values.checkpoint });
const [projections, index] = await Promise.all([ledger.runner.start(), hasKnownLog(ledger.store) ? ledger.store.prepare() : null]);
const ready = performance.now();
const year = values.year ? Number(values.year) : Math.max(...ledger.runner.view.years.keys());
const revision = await ledger.store.streamRevision(`year-${year}`);
const frame = await ledger.reader.frame(year, null);
const answered = performance.now();
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    readyMs: ready,
    firstFrameMs: answered,
    // On a shared machine the wall clock waits for other work too: the process's own CPU time beside it.
    cpuMs: (cpu.user + cpu.system) / 1000,
    frameRevision: revision,
    frameYear: frame.year,
    projections: projections.startedFrom,
    index: index?.startedFrom ?? null,
    indexReason: index?.reason ?? null,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
await ledger.close();
