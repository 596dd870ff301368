import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/app/command-handler.js';
import { exportLines } from '../src/app/transfer.js';
import { runCli } from '../src/cli/main.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { Random, generateCommands, resolveReferences } from './support/generator.js';

/**
 * Tampering with the SQLite store file, one byte at a time (seeded). The honest
 * property: after each change either `ledger verify` exits 1 and names the problem,
 * or the logical content is unchanged (an export of every event is byte-identical to
 * the export before the change: a byte in free space or page slack changes nothing).
 * Bytes inside a stored event (its id and stream, its data and metadata JSON, its
 * hashes) must be detected every time.
 *
 * LEDGER_FAULT_TAMPER_RANDOM (default 60) and LEDGER_FAULT_TAMPER_TARGETED (default 40)
 * set the number of changes; LEDGER_FAULT_SEED the seed.
 */
const RANDOM_TRIALS = Number(process.env.LEDGER_FAULT_TAMPER_RANDOM ?? 60);
const TARGETED_TRIALS = Number(process.env.LEDGER_FAULT_TAMPER_TARGETED ?? 40);
const SEED = Number(process.env.LEDGER_FAULT_SEED ?? 20250918);
const EXPORTED_AT = new Date('2026-01-01T00:00:00Z');

interface Verdict {
  code: number;
  stderr: string;
}

async function verify(file: string): Promise<Verdict> {
  let stderr = '';
  const code = await runCli(['verify'], {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => '',
    env: { LEDGER_STORE: file },
  });
  return { code, stderr };
}

async function exportOf(file: string): Promise<string> {
  const store = new SqliteEventStore(file);
  try {
    let text = '';
    for await (const line of exportLines(store, EXPORTED_AT)) text += line;
    return text;
  } finally {
    await store.close();
  }
}

/** Every stream as the command handler reads it (by the stream index), as text. */
async function streamsOf(file: string): Promise<string> {
  const store = new SqliteEventStore(file);
  try {
    const names = new Set<string>();
    for (const record of store.readAllSync()) names.add(record.stream);
    const lines: string[] = [];
    for (const name of [...names].sort())
      for await (const record of store.readStream(name)) lines.push(`${name} ${record.revision} ${record.id} ${record.hash}`);
    return lines.join('\n');
  } finally {
    await store.close();
  }
}

function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db.close();
  }
}

describe('tampering with the store file, one byte at a time', { timeout: 60_000 + (RANDOM_TRIALS + TARGETED_TRIALS) * 500 }, () => {
  let directory: string;
  let original: Buffer;
  let compact: Buffer;
  let trial: string;
  let baseline: string;
  let baselineStreams: string;

  /** Writes the tampered bytes to the trial path, with no leftovers of an earlier trial beside it. */
  const place = (bytes: Buffer) => {
    for (const suffix of ['-wal', '-shm', '.projections.json', '.projections.json.tmp']) rmSync(`${trial}${suffix}`, { force: true });
    writeFileSync(trial, bytes);
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    const source = join(directory, 'source.sqlite');
    const store = new SqliteEventStore(source);
    const handler = new CommandHandler(store, { clock: () => new Date('2026-01-01T00:00:00Z'), newId: monotonicFactory() });
    for (const command of generateCommands(SEED, { events: 700 }))
      await handler.execute(await resolveReferences(command, store), { actor: 'tamper-test' });
    await store.close();
    expect(existsSync(`${source}-wal`), 'the WAL is checkpointed into the file on close').toBe(false);
    original = readFileSync(source);
    // A compact copy without free pages, so that event text occurs only where the event lives.
    const db = new Database(source, { readonly: true });
    db.exec(`VACUUM INTO '${join(directory, 'compact.sqlite')}'`);
    db.close();
    compact = readFileSync(join(directory, 'compact.sqlite'));
    trial = join(directory, 'trial.sqlite');
    place(original);
    baseline = await exportOf(trial);
    place(original);
    baselineStreams = await streamsOf(trial);
    place(original);
    const intact = await verify(trial);
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it(`random single-byte changes anywhere in the file (${RANDOM_TRIALS}): verify exits 1 naming the problem, or nothing logical changed`, async () => {
    const random = new Random(SEED);
    const counts = { detected: 0, unchanged: 0, unchangedButIntegrityCheckFails: 0, streamReadsDiffer: 0, streamReadsFail: 0 };
    const failures: string[] = [];
    for (let index = 0; index < RANDOM_TRIALS; index++) {
      const offset = random.int(0, original.length - 1);
      const bytes = Buffer.from(original);
      bytes[offset] = bytes[offset]! ^ random.int(1, 255);
      place(bytes);
      const verdict = await verify(trial);
      if (verdict.code === 1) {
        if (!/^ledger: /.test(verdict.stderr) || verdict.stderr.trim().length < 12)
          failures.push(`offset ${offset}: exit 1 without naming the problem: ${JSON.stringify(verdict.stderr)}`);
        counts.detected += 1;
        continue;
      }
      if (verdict.code !== 0) {
        failures.push(`offset ${offset}: verify exited ${verdict.code}: ${verdict.stderr}`);
        continue;
      }
      place(bytes);
      const exported = await exportOf(trial).catch((error: unknown) => `export failed: ${String(error)}`);
      if (exported !== baseline)
        failures.push(
          `offset ${offset} (page ${Math.floor(offset / 4096)}): verify passed but the content changed${exported.startsWith('export failed') ? `: ${exported}` : ''}`,
        );
      else {
        counts.unchanged += 1;
        place(bytes);
        if (integrityCheck(trial) !== 'ok') counts.unchangedButIntegrityCheckFails += 1;
        // The command handler reads streams through the (stream, revision) index, which the export does not use.
        place(bytes);
        const streams = await streamsOf(trial).catch((error: unknown) => `stream reads failed: ${String(error)}`);
        // Counted, not failed: the index test below requires these to be detected.
        if (streams.startsWith('stream reads failed')) counts.streamReadsFail += 1;
        else if (streams !== baselineStreams) counts.streamReadsDiffer += 1;
      }
    }
    console.log(
      `tamper (random bytes of a ${original.length}-byte file): ${counts.detected} detected by verify, ${counts.unchanged} changed nothing logical` +
        ` (of which ${counts.unchangedButIntegrityCheckFails} leave damage only PRAGMA integrity_check sees, e.g. in an index; ${counts.streamReadsDiffer} silently change what stream reads return, ${counts.streamReadsFail} make stream reads fail)`,
    );
    expect(failures).toEqual([]);
  });

  // verify runs PRAGMA integrity_check, which compares every index with its table: the
  // command handler decides from stream reads through the (stream, revision) index.
  it('a change in the stream index pages is detected, or stream reads are unchanged', async () => {
    const random = new Random(SEED + 2);
    const db = new Database(trial, { readonly: true });
    place(original);
    const pageSize = (db.pragma('page_size') as { page_size: number }[])[0]!.page_size;
    const indexPages = (
      db.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_events_2' AND pagetype = 'leaf'").all() as { pageno: number }[]
    ).map((row) => row.pageno);
    db.close();
    expect(indexPages.length).toBeGreaterThan(0);
    const silent: string[] = [];
    for (let index = 0; index < 150 && silent.length === 0; index++) {
      const page = random.pick(indexPages);
      const offset = (page - 1) * pageSize + random.int(0, pageSize - 1);
      const bytes = Buffer.from(original);
      bytes[offset] = bytes[offset]! ^ random.int(1, 255);
      place(bytes);
      if ((await verify(trial)).code !== 0) continue;
      place(bytes);
      const streams = await streamsOf(trial).catch((error: unknown) => `stream reads failed: ${String(error)}`);
      if (streams !== baselineStreams)
        silent.push(
          `offset ${offset} (index page ${page}): verify passed, but stream reads ${streams.startsWith('stream reads failed') ? streams.slice(13) : 'differ'}`,
        );
    }
    expect(silent).toEqual([]);
  });

  it(`changes inside stored events (${TARGETED_TRIALS}: id, stream, data and metadata JSON, hashes) are detected every time`, async () => {
    const random = new Random(SEED + 1);
    const db = new Database(join(directory, 'compact.sqlite'), { readonly: true });
    const rows = db
      .prepare('SELECT position, id, stream, revision, data, metadata, previous_hash, hash FROM events ORDER BY position')
      .all() as {
      position: number;
      id: string;
      stream: string;
      revision: number;
      data: string;
      metadata: string;
      previous_hash: string;
      hash: string;
    }[];
    db.close();
    const counts = { detected: 0, skipped: 0 };
    const failures: string[] = [];
    for (let index = 0; index < TARGETED_TRIALS;) {
      const row = random.pick(rows);
      // The record's id+stream, and its data…hash, are each contiguous in the table's cell
      // (unless the record spills onto an overflow page); the indexes hold other byte runs.
      const head = Buffer.from(row.id + row.stream, 'utf8');
      const tail = Buffer.from(row.data + row.metadata + row.previous_hash + row.hash, 'utf8');
      const region = random.chance(0.25) ? head : tail;
      const at = compact.indexOf(region);
      if (at === -1 || compact.indexOf(region, at + 1) !== -1) {
        counts.skipped += 1;
        if (counts.skipped > TARGETED_TRIALS * 10) throw new Error('test setup: no event found contiguous and unique in the file');
        continue;
      }
      index += 1;
      const offset = at + random.int(0, region.length - 1);
      const bytes = Buffer.from(compact);
      bytes[offset] = bytes[offset]! ^ random.int(1, 255);
      place(bytes);
      const verdict = await verify(trial);
      const named =
        verdict.stderr.includes(`${row.stream}@`) ||
        /verification failed|SQLite|malformed|not a database|cannot be read/.test(verdict.stderr);
      if (verdict.code !== 1)
        failures.push(
          `${row.stream}@${row.revision} (position ${row.position}), byte ${offset - at} of its ${region === head ? 'id and stream' : 'data…hash'}: not detected (exit ${verdict.code})`,
        );
      else if (!named)
        failures.push(`${row.stream}@${row.revision}: detected, but the message names neither the stream nor the file: ${verdict.stderr}`);
      else counts.detected += 1;
    }
    console.log(
      `tamper (bytes inside stored events): ${counts.detected} of ${TARGETED_TRIALS} detected (${counts.skipped} events skipped: not contiguous and unique in the file)`,
    );
    expect(failures).toEqual([]);
  });
});
