/**
 * Rewrites the cached history's projection checkpoint (after the snapshot format
 * changed): one rebuild, then the checkpoint a server starts from.
 *
 *   node dist/bench/tasks/checkpoint.js --sqlite FILE
 */
import { openLedger } from '../../src/ledger.js';
import { argument, now, progress, result } from '../lib/common.js';

const started = now();
const ledger = await openLedger({ store: argument('sqlite') });
const events = await ledger.runner.rebuild();
ledger.runner.saveCheckpoint();
await ledger.close();
progress(`checkpoint: rewritten from ${events} events in ${((now() - started) / 1000).toFixed(1)} s`);
result({ events });
