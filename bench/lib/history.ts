import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const generator = createHash('sha256').update(readFileSync(join(ROOT, 'dist', 'test', 'support', 'generator.js'))).digest('hex').slice(0, 8);
  const prefix = join(CACHE, `history-${seed}-${events}-${generator}`);
  const paths = { ndjson: `${prefix}.ndjson`, sqlite: `${prefix}.sqlite`, checkpoint: `${prefix}.sqlite.projections.json` };
  if (!existsSync(`${prefix}.json`) || !existsSync(paths.sqlite) || !existsSync(paths.ndjson) || !existsSync(paths.checkpoint)) {
    progress(`building the history of ${events} events (seed ${seed}) in ${CACHE}; later runs reuse it`);
    await runTask('generate', ['--events', String(events), '--seed', String(seed), '--out', prefix]);
  }
  return { ...(JSON.parse(readFileSync(`${prefix}.json`, 'utf8')) as Omit<History, 'ndjson' | 'sqlite' | 'checkpoint'>), ...paths };
}
