/**
 * Compact tables for the EventStoreDB store's index (`esdb-index.ts`). A million events
 * kept as JavaScript maps of strings cost over a hundred bytes each; kept here, an event
 * costs a few dozen, and a table is a handful of typed arrays that the index snapshot
 * (`esdb-index-snapshot.ts`) writes and reads as they are, without parsing.
 */

/** A growable array of 32-bit integers. */
export class IntColumn {
  private values: Int32Array;
  length = 0;

  constructor(values: Int32Array = new Int32Array(1024), length = 0) {
    this.values = values.length === 0 ? new Int32Array(1024) : values;
    this.length = length;
  }

  push(value: number): void {
    if (this.length === this.values.length) this.values = grown(this.values, this.length * 2);
    this.values[this.length++] = value;
  }

  at(index: number): number {
    return this.values[index]!;
  }

  /** The filled part, as a view (appends never change it: a snapshot may hold it while the column grows). */
  view(): Int32Array {
    return this.values.subarray(0, this.length);
  }
}

function grown<T extends Int32Array | Uint32Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (size: number) => T)(size);
  next.set(array);
  return next;
}

/** FNV-1a over bytes (from `start` to `end`): enough to spread keys over slots; equal keys are compared byte for byte. */
function hashOf(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ bytes[index]!, 0x01000193);
  return hash >>> 0;
}

/** The parts of a `KeyTable` a snapshot writes. */
export interface KeyTableParts {
  /** Every key's UTF-8 bytes, one after another. */
  pool: Uint8Array;
  /** Where each key starts in the pool, and (last) where the pool ends: `count + 1` entries. */
  offsets: Uint32Array;
  values: Int32Array;
}

/**
 * Strings (event ids, idempotency keys) to integers, first value kept: the keys' bytes in
 * one pool, an open-addressing table of entry numbers over them. Nothing is ever removed.
 */
export class KeyTable {
  private pool: Uint8Array;
  private poolLength: number;
  private offsets: Uint32Array;
  private values: Int32Array;
  private hashes: Uint32Array;
  private slots: Int32Array = new Int32Array(0);
  count: number;

  constructor(parts?: KeyTableParts) {
    this.count = parts ? parts.values.length : 0;
    this.pool = parts && parts.pool.length > 0 ? parts.pool : new Uint8Array(4096);
    this.poolLength = parts ? parts.offsets[this.count]! : 0;
    this.offsets = parts ? parts.offsets : new Uint32Array(1024);
    this.values = parts && parts.values.length > 0 ? parts.values : new Int32Array(1024);
    this.hashes = new Uint32Array(Math.max(1024, this.values.length));
    for (let entry = 0; entry < this.count; entry++) this.hashes[entry] = hashOf(this.pool, this.offsets[entry], this.offsets[entry + 1]);
    this.resize(Math.max(2048, 2 ** Math.ceil(Math.log2(this.count * 2 + 1))));
  }

  /** The value of a key, or undefined. */
  get(key: string): number | undefined {
    const bytes = Buffer.from(key, 'utf8');
    const entry = this.find(bytes, hashOf(bytes));
    return entry === -1 ? undefined : this.values[entry];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Adds a key with its value unless the key is there already (then the first value stays). */
  add(key: string, value: number): void {
    const bytes = Buffer.from(key, 'utf8');
    const hash = hashOf(bytes);
    if (this.find(bytes, hash) !== -1) return;
    if ((this.count + 1) * 2 > this.slots.length) this.resize(this.slots.length * 2);
    if (this.count + 2 > this.offsets.length) this.offsets = grown(this.offsets, this.offsets.length * 2);
    if (this.count + 1 > this.values.length) {
      this.values = grown(this.values, this.values.length * 2);
      this.hashes = grown(this.hashes, this.values.length);
    }
    if (this.poolLength + bytes.length > this.pool.length)
      this.pool = grown(this.pool, Math.max(this.pool.length * 2, this.poolLength + bytes.length));
    this.pool.set(bytes, this.poolLength);
    this.offsets[this.count] = this.poolLength;
    this.poolLength += bytes.length;
    this.offsets[this.count + 1] = this.poolLength;
    this.values[this.count] = value;
    this.hashes[this.count] = hash;
    this.place(this.count, hash);
    this.count += 1;
  }

  /** The filled parts, as views that later additions leave unchanged. */
  parts(): KeyTableParts {
    return {
      pool: this.pool.subarray(0, this.poolLength),
      offsets: this.offsets.subarray(0, this.count + 1),
      values: this.values.subarray(0, this.count),
    };
  }

  private keyBytes(entry: number): Uint8Array {
    return this.pool.subarray(this.offsets[entry], this.offsets[entry + 1]);
  }

  private find(bytes: Uint8Array, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry === -1) return -1;
      if (this.hashes[entry] === hash && Buffer.compare(this.keyBytes(entry), bytes) === 0) return entry;
    }
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private resize(size: number): void {
    this.slots = new Int32Array(size);
    for (let entry = 0; entry < this.count; entry++) this.place(entry, this.hashes[entry]!);
  }
}
