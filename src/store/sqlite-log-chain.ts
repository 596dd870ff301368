import type Database from 'better-sqlite3';
import { chainHash } from './hash-chain.js';
import { GENESIS_HASH } from '../../events/envelope.js';
import { LOG_GENESIS_HASH, logChainHash } from './log-chain.js';
import type { IntegrityProblem, IntegrityReport } from './port.js';
import { keysTableProblems } from './sqlite-keys.js';
import type { EventRow } from './sqlite-schema.js';

/**
 * The log chain in the SQLite store's file, and the check of the whole file.
 * A file written before the log chain gets its `log_hash` column here and has it
 * filled in, in one transaction, when it is first opened where it can be written.
 */

/** Whether the file's events table has the log chain's column. */
export function hasLogChainColumn(db: Database.Database): boolean {
  return db
    .prepare<[], { name: string }>('PRAGMA table_info(events)')
    .all()
    .some((column) => column.name === 'log_hash');
}

/** Adds the `log_hash` column where it is missing and fills it in; false when the file cannot be written and has no chain. */
export function addLogChainColumn(db: Database.Database): boolean {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
  try {
    if (!columns.some((column) => column.name === 'log_hash')) {
      db.transaction(() => {
        db.exec('ALTER TABLE events ADD COLUMN log_hash TEXT');
        fillLogChain(db);
      }).immediate();
      return true;
    }
    const last = db.prepare<[], { log_hash: string | null }>('SELECT log_hash FROM events ORDER BY position DESC LIMIT 1').get();
    if (last && last.log_hash === null) db.transaction(() => fillLogChain(db)).immediate();
    return true;
  } catch (error: unknown) {
    if (isReadOnly(error)) return columns.some((column) => column.name === 'log_hash');
    throw error;
  }
}

function isReadOnly(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN');
}

/**
 * Links every event that has no link yet (written before the log chain, or by an older
 * version since), from the first such event on, each to the link before it. Call
 * inside a write transaction.
 */
export function fillLogChain(db: Database.Database): void {
  const first = db.prepare<[], { position: number }>('SELECT position FROM events WHERE log_hash IS NULL ORDER BY position LIMIT 1').get();
  if (!first) return;
  const before = db
    .prepare<[number], { log_hash: string | null }>('SELECT log_hash FROM events WHERE position < ? ORDER BY position DESC LIMIT 1')
    .get(first.position);
  let previous = before?.log_hash ?? LOG_GENESIS_HASH;
  const batch = db.prepare<[number], { position: number; hash: string; log_hash: string | null }>(
    'SELECT position, hash, log_hash FROM events WHERE position >= ? ORDER BY position LIMIT 5000',
  );
  const update = db.prepare<[string, number]>('UPDATE events SET log_hash = ? WHERE position = ?');
  let from = first.position;
  for (;;) {
    const rows = batch.all(from);
    for (const row of rows) {
      if (row.log_hash === null) {
        row.log_hash = logChainHash(previous, row.position, row.hash);
        update.run(row.log_hash, row.position);
      }
      previous = row.log_hash;
    }
    if (rows.length < 5000) return;
    from = rows[rows.length - 1]!.position + 1;
  }
}

/**
 * The whole check of a store file: SQLite's own integrity check (every index against
 * its table), every stream's hash chain recomputed from the content, positions dense
 * from 1 with none cut from the end (by `sqlite_sequence`), the stored log chain
 * against the one recomputed from the positions and hashes, and the idempotency keys
 * kept against the keys in the events' metadata.
 */
export function verifySqliteFile(db: Database.Database): IntegrityReport {
  const problems: IntegrityProblem[] = [];
  const chains = new Map<string, { revision: number; hash: string }>();
  let eventsChecked = 0;
  try {
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    for (const row of check)
      if (row.integrity_check !== 'ok') problems.push({ stream: '(file)', problem: `SQLite integrity_check: ${row.integrity_check}` });
    // A file marked with a store format keeps the log chain on every row: none may lack it.
    const chainKept = (db.pragma('user_version', { simple: true }) as number) >= 1;
    const column = hasLogChainColumn(db);
    if (chainKept && !column)
      problems.push({ stream: '(file)', problem: 'the log chain (column log_hash) was removed from a file that keeps it' });
    let expectedPosition = 1;
    let logHash = LOG_GENESIS_HASH;
    for (const row of db.prepare<[], EventRow>('SELECT * FROM events ORDER BY position').iterate()) {
      eventsChecked += 1;
      const where = { stream: row.stream, revision: row.revision, position: row.position, eventId: row.id };
      if (row.position !== expectedPosition)
        problems.push({ ...where, problem: `positions ${expectedPosition}–${row.position - 1} are missing (events removed)` });
      expectedPosition = row.position + 1;
      const previous = chains.get(row.stream) ?? { revision: -1, hash: GENESIS_HASH };
      for (const problem of streamLinkProblems(row, previous)) problems.push({ ...where, problem });
      logHash = logChainHash(logHash, row.position, row.hash);
      const link = row.log_hash ?? null;
      if (link === null && chainKept && column && problems.length < 100)
        problems.push({ ...where, problem: 'this event has no link in the log chain, which the file keeps' });
      if (link !== null && link !== logHash) {
        problems.push({ ...where, problem: 'the log chain breaks here (this event or one before it was changed, moved or removed)' });
        // Go on from the stored link, so that one break is reported once.
        logHash = link;
      }
      chains.set(row.stream, { revision: row.revision, hash: row.hash });
    }
    const sequence = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get();
    if (sequence && sequence.seq !== expectedPosition - 1)
      problems.push({ stream: '(log)', problem: `the last ${sequence.seq - (expectedPosition - 1)} event(s) of the log were removed` });
    for (const problem of keysTableProblems(db)) problems.push({ stream: '(idempotency keys)', problem });
  } catch (error: unknown) {
    problems.push({
      stream: '(file)',
      problem: `the store file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return { ok: problems.length === 0, eventsChecked, streamsChecked: chains.size, problems };
}

/** What is wrong with one event's link in its stream's chain, recomputed from its content. */
function streamLinkProblems(row: EventRow, previous: { revision: number; hash: string }): string[] {
  const problems: string[] = [];
  if (row.revision !== previous.revision + 1) problems.push(`revision ${previous.revision + 1} is missing before revision ${row.revision}`);
  if (row.previous_hash !== previous.hash) problems.push('previous hash does not match the chain');
  let content: { data: unknown; metadata: unknown } | null = null;
  try {
    content = { data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
  } catch {
    problems.push('stored JSON is unreadable');
  }
  if (content) {
    const hash = chainHash(row.previous_hash, {
      stream: row.stream,
      revision: row.revision,
      id: row.id,
      type: row.type,
      schemaVersion: row.schema_version,
      ...content,
    });
    if (hash !== row.hash) problems.push('content does not match its hash (event changed)');
  }
  return problems;
}
