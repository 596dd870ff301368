import { readFileSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import type { IndexSnapshot } from './esdb-index.js';

/**
 * The EventStoreDB store's index snapshot: the index of a ledger stream as it stood at a
 * position, kept in a file beside the projections' checkpoint, so a process starts from it
 * and reads only the events after it instead of the whole stream. The file holds the
 * index's columns as they are in memory (a header in JSON, then the typed arrays), so
 * reading it is a copy, not a parse. The store checks it against the server before use
 * (`EsdbEventStore.prepare`): the event at its position must carry its log-chain link.
 *
 * Layout: `LEDGER-INDEX\n`, the header's length (u32), the header, padding to 4 bytes, then
 * streamAt, revisionAt (i32 × head), ids' offsets (u32 × ids + 1), ids' values (i32 × ids),
 * keys' offsets and values likewise, then the ids' and the keys' bytes.
 */

const MAGIC = Buffer.from('LEDGER-INDEX\n', 'latin1');
const VERSION = 1;

interface Header {
  version: number;
  littleEndian: boolean;
  ledgerStream: string;
  head: number;
  logHash: string;
  streams: [string, string][];
  ids: number;
  idBytes: number;
  keys: number;
  keyBytes: number;
}

/** Writes the snapshot atomically (a temporary file renamed over the old one), creating the folder. */
async function writeIndexSnapshot(path: string, ledgerStream: string, snapshot: IndexSnapshot): Promise<void> {
  const { head, logHash, streams, streamAt, revisionAt, ids, keys } = snapshot;
  const header: Header = {
    version: VERSION,
    littleEndian: endianness() === 'LE',
    ledgerStream,
    head,
    logHash,
    streams,
    ids: ids.values.length,
    idBytes: ids.pool.length,
    keys: keys.values.length,
    keyBytes: keys.pool.length,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const padding = Buffer.alloc((4 - ((MAGIC.length + 4 + headerBytes.length) % 4)) % 4);
  const parts = [
    MAGIC,
    length,
    headerBytes,
    padding,
    streamAt,
    revisionAt,
    ids.offsets,
    ids.values,
    keys.offsets,
    keys.values,
    ids.pool,
    keys.pool,
  ];
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w');
  try {
    for (const part of parts) await file.write(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}

export type ReadSnapshot = { ledgerStream: string; snapshot: IndexSnapshot } | { reason: string };

/** The snapshot in a file, or why it cannot be used (missing, damaged, of another format or stream). */
function readIndexSnapshot(path: string, ledgerStream: string): ReadSnapshot {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error: unknown) {
    return {
      reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no index snapshot' : `index snapshot unreadable: ${String(error)}`,
    };
  }
  try {
    return parse(bytes, ledgerStream);
  } catch (error: unknown) {
    return { reason: `index snapshot damaged: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function parse(file: Buffer, ledgerStream: string): ReadSnapshot {
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) return { reason: 'not an index snapshot' };
  // Typed arrays need their offset aligned: a file read into a shared pool may not be.
  const bytes = file.byteOffset % 4 === 0 ? file : Buffer.from(new Uint8Array(file));
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
  if (header.version !== VERSION || header.littleEndian !== (endianness() === 'LE')) return { reason: 'index snapshot of another version' };
  if (header.ledgerStream !== ledgerStream) return { reason: `index snapshot of another ledger stream (${header.ledgerStream})` };
  let offset = MAGIC.length + 4 + headerLength;
  offset += (4 - (offset % 4)) % 4;
  const take = <T>(make: (buffer: ArrayBuffer, at: number, count: number) => T, count: number, size: number): T => {
    if (offset + count * size > bytes.length) throw new RangeError('the file ends early');
    const part = make(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, count);
    offset += count * size;
    return part;
  };
  const ints = (count: number) => take((buffer, at, n) => new Int32Array(buffer, at, n), count, 4);
  const offsets = (count: number) => take((buffer, at, n) => new Uint32Array(buffer, at, n), count, 4);
  const pool = (count: number) => take((buffer, at, n) => new Uint8Array(buffer, at, n), count, 1);
  const streamAt = ints(header.head);
  const revisionAt = ints(header.head);
  const idOffsets = offsets(header.ids + 1);
  const idValues = ints(header.ids);
  const keyOffsets = offsets(header.keys + 1);
  const keyValues = ints(header.keys);
  const snapshot: IndexSnapshot = {
    head: header.head,
    logHash: header.logHash,
    streams: header.streams,
    streamAt,
    revisionAt,
    ids: { offsets: idOffsets, values: idValues, pool: pool(header.idBytes) },
    keys: { offsets: keyOffsets, values: keyValues, pool: pool(header.keyBytes) },
  };
  if (offset !== bytes.length) throw new RangeError('the file is longer than its header says');
  checkConsistent(snapshot);
  return { ledgerStream, snapshot };
}

/** Every number points where it may: a damaged file is refused here, not met as a wrong answer later. */
function checkConsistent(snapshot: IndexSnapshot): void {
  const streams = snapshot.streams.length;
  const inRange = (values: Int32Array, least: number, most: number, what: string) => {
    for (let index = 0; index < values.length; index++)
      if (values[index]! < least || values[index]! > most) throw new RangeError(`${what} out of range`);
  };
  inRange(snapshot.streamAt, 0, streams - 1, 'a stream number');
  inRange(snapshot.keys.values, 0, streams - 1, "a key's stream number");
  inRange(snapshot.ids.values, 1, snapshot.head, "an id's position");
  for (const table of [snapshot.ids, snapshot.keys]) {
    const { offsets, pool } = table;
    if (offsets[0] !== 0 || offsets[offsets.length - 1] !== pool.length) throw new RangeError('the key pool does not match its offsets');
    for (let index = 1; index < offsets.length; index++) if (offsets[index]! < offsets[index - 1]!) throw new RangeError('offsets go back');
  }
}

/** Events the index moves by before a snapshot is written again while the process runs. */
const SNAPSHOT_EVERY = 50_000;
/** Events the index moved by since its snapshot before closing (or preparing) writes a new one. */
export const SNAPSHOT_FROM = 1_000;

/**
 * When the store writes its index snapshot: after `prepare` read many events, every
 * `SNAPSHOT_EVERY` events while it runs (in the background: the columns it writes are
 * views that later events leave unchanged) and on closing. One write at a time.
 */
export class IndexSnapshots {
  /** The position of the snapshot last read or written. */
  private written = 0;
  private writing: Promise<void> | null = null;

  constructor(
    readonly path: string,
    private readonly ledgerStream: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  read(): ReadSnapshot {
    const read = readIndexSnapshot(this.path, this.ledgerStream);
    if ('snapshot' in read) this.written = read.snapshot.head;
    return read;
  }

  /** Writes now and waits (start-up, closing): a failure is thrown, naming the file. */
  async write(snapshot: IndexSnapshot): Promise<void> {
    await this.writing;
    try {
      await writeIndexSnapshot(this.path, this.ledgerStream, snapshot);
    } catch (error: unknown) {
      throw new Error(`the index snapshot cannot be written to ${this.path}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    this.written = snapshot.head;
  }

  /** Whether the index moved by at least `events` since the snapshot. */
  behindBy(head: number, events: number): boolean {
    return head - this.written >= events || head < this.written;
  }

  /** A background write when the index moved far enough; its failure goes to `onError` (the next write tries again). */
  maybeWrite(snapshot: () => IndexSnapshot, head: number): void {
    if (this.writing || !this.behindBy(head, SNAPSHOT_EVERY)) return;
    this.writing = this.write(snapshot())
      .catch(this.onError)
      .finally(() => {
        this.writing = null;
      });
  }

  async settled(): Promise<void> {
    await this.writing;
  }
}
