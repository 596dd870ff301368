import { countUpTo } from './account.js';

/** A value kept as the bytes of its JSON text (a part of a checkpoint) until read. */
class Packed {
  constructor(
    private readonly bytes: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** The JSON bytes, not copied. */
  json(): Buffer {
    return this.bytes.subarray(this.start, this.end);
  }

  parse(): unknown {
    return JSON.parse(this.bytes.toString('utf8', this.start, this.end));
  }
}

/** A value of an as-of map not made yet: made from its key when first read. */
const UNMADE = Symbol('unmade');

/**
 * A map whose values are made when first read: parsed from a checkpoint's JSON text,
 * or made from the key (an as-of view's entry, from the live view's). Reading a value
 * (get, iteration) makes it once and keeps it in its place, so the order of the
 * entries, and every value read, are as if the map had been filled the ordinary way.
 */
export class LazyMap<K, V> extends Map<K, V> {
  private make: ((key: K) => V) | null = null;

  /** A map of these keys, in this order, each value made by `make` when first read. */
  static of<K, V>(keys: Iterable<K>, make: (key: K) => V): LazyMap<K, V> {
    const map = new LazyMap<K, V>();
    map.make = make;
    for (const key of keys) map.setUnread(key, UNMADE);
    return map;
  }

  protected setUnread(key: K, value: Packed | typeof UNMADE): void {
    super.set(key, value as V);
  }

  override get(key: K): V | undefined {
    const value: unknown = super.get(key);
    if (value === UNMADE) {
      const made = this.make!(key);
      super.set(key, made);
      return made;
    }
    if (value instanceof Packed) {
      const parsed = value.parse() as V;
      super.set(key, parsed);
      return parsed;
    }
    return value as V | undefined;
  }

  /** Each entry's value as the bytes of its JSON text, without parsing (or copying) the ones still packed. */
  *jsonEntries(): Generator<[K, Buffer]> {
    for (const key of super.keys()) {
      const value: unknown = super.get(key);
      yield [key, value instanceof Packed ? value.json() : Buffer.from(JSON.stringify(this.get(key)), 'utf8')];
    }
  }

  override *entries(): MapIterator<[K, V]> {
    for (const key of super.keys()) yield [key, this.get(key)!];
  }

  override *values(): MapIterator<V> {
    for (const key of super.keys()) yield this.get(key)!;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/**
 * A map of the view's items that carry the log position of the event that made them
 * (cases, proposals, grants). It remembers at which position each key arrived, in key
 * order, so the keys a view as of a position holds are a prefix, found by a binary
 * search without reading one item. An item made again under a known key (the rules
 * let a grant id recur in another year) keeps its place in the order, and the item it
 * replaced is kept, so the map as of an earlier position still has it.
 */
export class ViewMap<V extends { position: number }> extends LazyMap<string, V> {
  /** The positions the keys arrived at, in key order (read in place from a checkpoint until one arrives). */
  private arrivals: number[] | ArrayLike<number> = [];
  /** key → [position of the item that replaced it, the item replaced][], in log order. */
  private readonly replaced = new Map<string, [number, V][]>();

  /**
   * A map restored from a checkpoint: the keys, each item's JSON bytes in `bytes` from
   * `offsets[i]` to `offsets[i + 1]` (parsed when first read), arrival positions read in place.
   */
  static restore<V extends { position: number }>(
    keys: readonly string[],
    bytes: Buffer,
    offsets: ArrayLike<number>,
    arrivals: ArrayLike<number>,
    replaced: [string, [number, V][]][],
  ): ViewMap<V> {
    const map = new ViewMap<V>();
    keys.forEach((key, index) => map.setUnread(key, new Packed(bytes, offsets[index]!, offsets[index + 1]!)));
    map.arrivals = arrivals;
    for (const [key, versions] of replaced) map.replaced.set(key, versions);
    return map;
  }

  override set(key: string, value: V): this {
    if (super.has(key)) {
      let versions = this.replaced.get(key);
      if (!versions) this.replaced.set(key, (versions = []));
      versions.push([value.position, this.get(key)!]);
    } else this.arrivalList().push(value.position);
    super.set(key, value);
    return this;
  }

  private arrivalList(): number[] {
    if (!Array.isArray(this.arrivals)) this.arrivals = Array.from(this.arrivals);
    return this.arrivals as number[];
  }

  /** The keys that had arrived by `position`, in order. */
  keysBy(position: number): string[] {
    const count = countUpTo(this.arrivals, position);
    const keys: string[] = [];
    if (count === 0) return keys;
    for (const key of super.keys()) {
      keys.push(key);
      if (keys.length === count) break;
    }
    return keys;
  }

  /**
   * The item a key held once the event at `position` was folded in (the key must have
   * arrived by then), and the position from which another item replaced it (Infinity: none).
   */
  itemAsOf(key: string, position: number): { item: V; replacedAt: number } {
    for (const [replacedAt, item] of this.replaced.get(key) ?? []) if (replacedAt > position) return { item, replacedAt };
    return { item: this.get(key)!, replacedAt: Infinity };
  }

  /** Every item the key has held, in log order. */
  versions(key: string): V[] {
    return [...(this.replaced.get(key) ?? []).map(([, item]) => item), this.get(key)!];
  }

  /** The arrival positions, in key order, as a checkpoint keeps them. */
  arrivalPositions(): ArrayLike<number> {
    return this.arrivals;
  }

  /** The items replaced, as a checkpoint keeps them. */
  replacedItems(): [string, [number, V][]][] {
    return [...this.replaced];
  }
}

/**
 * A map that keeps what each `set` and `delete` replaced, and the log position of the
 * event that did it (`now()`), so the map as of an earlier position can be rebuilt by
 * undoing the later changes. For the fold's small bookkeeping maps. The map as of a
 * position holds the same entries as the fold's at that position, not necessarily in
 * the same order (the fold never depends on their order).
 */
export class VersionedMap<V> extends Map<string, V> {
  /** [position, key, the value before (undefined: none)], in log order. */
  readonly changes: [number, string, V | undefined][] = [];

  constructor(private readonly now: () => number) {
    super();
  }

  override set(key: string, value: V): this {
    // The constructor of Map calls set before the fields exist; nothing is recorded then.
    if (this.changes) this.changes.push([this.now(), key, super.get(key)]);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (!super.has(key)) return false;
    this.changes.push([this.now(), key, super.get(key)]);
    return super.delete(key);
  }

  /** Entries and changes taken as they are (from a checkpoint), recording nothing. */
  restore(entries: Iterable<[string, V]>, changes: Iterable<[number, string, V | undefined]>): void {
    for (const [key, value] of entries) super.set(key, value);
    for (const change of changes) this.changes.push(change);
  }

  /** The entries as they were once the event at `position` was folded in. */
  entriesAsOf(position: number): Map<string, V> {
    const entries = new Map<string, V>(super.entries());
    for (let index = this.changes.length - 1; index >= 0 && this.changes[index]![0] > position; index--) {
      const [, key, before] = this.changes[index]!;
      if (before === undefined) entries.delete(key);
      else entries.set(key, before);
    }
    return entries;
  }
}
