import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SNAPSHOT_VERSION } from '../../projections/snapshot.js';
import { CACHE, ROOT, progress, runTask } from './common.js';

export interface History {
  seed: number;
  events: number;
  commands: number;
  generatedSeconds: number;
  ndjsonBytes: number;
  sqliteBytes: number;
  checkpointBytes: number;
  ndjson: string;
  sqlite: string;
  checkpoint: string;
}

/** The seeded history of about `events` events, from the cache or built (once) through the rules. */
export async function ensureHistory(events: number, seed: number): Promise<History> {
  mkdirSync(CACHE, { recursive: true });
  // The cache is keyed by the generator's code too: a changed generator builds a new history.
  const generator = createHash('sha256')
    .update(readFileSync(join(ROOT, 'dist', 'test', 'support', 'generator.js')))
    .digest('hex')
    .slice(0, 8);
  const prefix = join(CACHE, `history-${seed}-${events}-${generator}`);
  const paths = { ndjson: `${prefix}.ndjson`, sqlite: `${prefix}.sqlite`, checkpoint: `${prefix}.sqlite.projections.json` };
  if (!existsSync(`${prefix}.json`) || !existsSync(paths.sqlite) || !existsSync(paths.ndjson) || !existsSync(paths.checkpoint)) {
    progress(`building the history of ${events} events (seed ${seed}) in ${CACHE}; later runs reuse it`);
    await runTask('generate', ['--events', String(events), '--seed', String(seed), '--out', prefix]);
  }
  // A checkpoint of an older snapshot format would make the server start from zero: rewrite it.
  const head = Buffer.alloc(64);
  const descriptor = openSync(paths.checkpoint, 'r');
  readSync(descriptor, head, 0, head.length, 0);
  closeSync(descriptor);
  // A binary checkpoint names its version after its 8-byte magic; an older JSON one in its text.
  const version = head[0] === 0x7b ? Number(/"version":(\d+)/.exec(head.toString('utf8'))?.[1]) : head.readUInt32LE(8);
  if (version !== SNAPSHOT_VERSION) {
    progress(`the cached checkpoint is of snapshot version ${version}, the ledger's is ${SNAPSHOT_VERSION}: rewriting it`);
    await runTask('checkpoint', ['--sqlite', paths.sqlite]);
  }
  const built = JSON.parse(readFileSync(`${prefix}.json`, 'utf8')) as Omit<History, 'ndjson' | 'sqlite' | 'checkpoint'>;
  return { ...built, checkpointBytes: statSync(paths.checkpoint).size, ...paths };
}
