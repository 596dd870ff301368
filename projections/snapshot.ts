import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import type { Decimal } from 'decimal.js';
import { money } from '../src/domain/money.js';
import { Account, LedgerView, type CaseView, type GrantView, type ProposalView, type YearBook } from './ledger-view.js';
import { ViewHistory, type PackedHistory } from './view-history.js';
import { ViewMap } from './view-maps.js';

/**
 * A view written out so a restart catches up from where it stood instead of replaying
 * from zero: the checkpoint. Bump the version whenever the fold or this format changes
 * meaning: a checkpoint of another version is then refused and the view rebuilt.
 *
 * The format is binary, so a restore builds no string of the whole and parses no number
 * of the postings: the fixed part (`MAGIC`, the version, the header's length and the
 * SHA-256 of everything after the fixed part), a JSON header of the view's small parts
 * (the registry, the keys of every map and account, where each part lies), then the
 * large parts as sections, each at a multiple of 8 bytes: positions and amounts in øre as
 * little-endian 64-bit floats (read in place as `Float64Array`s), and the JSON of each
 * case, proposal and grant as bytes (parsed when first read). A file whose digest does
 * not match is refused whole, as a JSON checkpoint that does not parse was.
 */
export const SNAPSHOT_VERSION = 9;

const MAGIC = Buffer.from('HFI-VIEW', 'ascii');
const PREFIX = MAGIC.length + 4 + 4 + 32;

/** A section of the data: its byte offset from the data's start, and how many numbers (or bytes) it holds. */
type Section = [offset: number, count: number];

interface ItemsHeader {
  keys: string[];
  /** The items' JSON bytes, one after another, and where each starts (one more offset than keys: the end). */
  json: Section;
  offsets: Section;
  arrivals: Section;
  replaced: [string, [number, unknown][]][];
}

/** An account as the header lists it: key, first posting in the year's lists, count, and (not exact) its amounts as strings. */
type AccountEntry = [key: string, start: number, count: number, deltas?: readonly string[]];

interface Header {
  position: number;
  lastEventHash: string | null;
  eventCount: number;
  registry: { programmeAreas: unknown[]; initiatives: unknown[]; partners: unknown[]; members: unknown[]; quorum: number | null };
  cases: ItemsHeader;
  proposals: ItemsHeader;
  grants: ItemsHeader;
  recommendationAmounts: [string, string][];
  recommendationChanges: [number, string, string | null][];
  history: Omit<PackedHistory, 'registry'> & { registry: Section };
  proposalLinks: [string, string][];
  years: { year: number; closed: unknown; trail: Section; positions: Section; ore: Section; accounts: AccountEntry[] }[];
}

/** Collects the sections of the data, each padded to a multiple of 8 bytes. */
class Sections {
  readonly parts: Buffer[] = [];
  length = 0;

  numbers(values: ArrayLike<number>, start = 0, count = values.length - start): Section {
    const array = new Float64Array(count);
    for (let index = 0; index < count; index++) array[index] = values[start + index]!;
    return this.add(Buffer.from(array.buffer, array.byteOffset, array.byteLength), count);
  }

  bytes(bytes: Buffer): Section {
    return this.add(bytes, bytes.length);
  }

  private add(bytes: Buffer, count: number): Section {
    const offset = this.length;
    this.parts.push(bytes);
    this.length += bytes.length;
    const padding = (8 - (this.length % 8)) % 8;
    if (padding > 0) {
      this.parts.push(Buffer.alloc(padding));
      this.length += padding;
    }
    return [offset, count];
  }
}

/** The checkpoint of a view. */
export function writeSnapshot(view: LedgerView): Buffer {
  const data = new Sections();
  const header: Header = {
    position: view.position,
    lastEventHash: view.lastEventHash,
    eventCount: view.eventCount,
    registry: {
      programmeAreas: [...view.registry.programmeAreas.values()],
      initiatives: [...view.registry.initiatives.values()],
      partners: [...view.registry.partners.values()],
      members: [...view.registry.members.values()],
      quorum: view.registry.quorum,
    },
    cases: writeItems(view.cases, data),
    proposals: writeItems(view.proposals, data),
    grants: writeItems(view.grants, data),
    recommendationAmounts: [...view.recommendationAmounts].map(([key, value]) => [key, value.toFixed(2)]),
    recommendationChanges: view.recommendationAmounts.changes.map(([position, key, before]) => [position, key, before?.toFixed(2) ?? null]),
    history: historyHeader(view.history, data),
    proposalLinks: [...view.proposalLinks],
    years: [...view.years.values()].map((book) => yearHeader(book, data)),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const padding = Buffer.alloc((8 - ((PREFIX + json.length) % 8)) % 8);
  const body = [json, padding, ...data.parts];
  const digest = createHash('sha256');
  for (const part of body) digest.update(part);
  const fixed = Buffer.alloc(PREFIX);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt32LE(SNAPSHOT_VERSION, MAGIC.length);
  fixed.writeUInt32LE(json.length, MAGIC.length + 4);
  digest.digest().copy(fixed, MAGIC.length + 8);
  return Buffer.concat([fixed, ...body]);
}

function writeItems<V extends { position: number }>(map: ViewMap<V>, data: Sections): ItemsHeader {
  const keys: string[] = [];
  const parts: Buffer[] = [];
  const offsets = [0];
  for (const [key, json] of map.jsonEntries()) {
    keys.push(key);
    parts.push(json);
    offsets.push(offsets[offsets.length - 1]! + json.length);
  }
  return {
    keys,
    json: data.bytes(Buffer.concat(parts)),
    offsets: data.numbers(offsets),
    arrivals: data.numbers(map.arrivalPositions()),
    replaced: map.replacedItems(),
  };
}

function historyHeader(history: ViewHistory, data: Sections): Header['history'] {
  const { registry, ...rest } = history.pack();
  return { ...rest, registry: data.bytes(Buffer.from(registry, 'utf8')) };
}

function yearHeader(book: YearBook, data: Sections): Header['years'][number] {
  const positions: number[] = [];
  const ore: number[] = [];
  const accounts: AccountEntry[] = [];
  for (const [key, account] of book.accounts) {
    const lists = account.lists();
    const start = positions.length;
    for (let index = 0; index < lists.count; index++) {
      positions.push(lists.positions[lists.start + index]!);
      ore.push(lists.ore ? lists.ore[lists.start + index]! : 0);
    }
    accounts.push(lists.wide ? [key, start, lists.count, lists.wide] : [key, start, lists.count]);
  }
  return {
    year: book.year,
    closed: book.closed,
    trail: data.numbers(trailPositions(book)),
    positions: data.numbers(positions),
    ore: data.numbers(ore),
    accounts,
  };
}

/** Why a checkpoint could not be read: it is no checkpoint of this ledger's format, or it was damaged. */
class CheckpointUnreadableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CheckpointUnreadableError';
  }
}

/**
 * Restores a view from a checkpoint; null for a checkpoint of another version (an older
 * JSON checkpoint among them). Throws `CheckpointUnreadableError` for bytes that are no
 * checkpoint or whose digest does not match.
 */
export function readSnapshot(bytes: Buffer): LedgerView | null {
  if (bytes.length > 0 && bytes[0] === 0x7b) return null; // '{': a JSON checkpoint, of version 8 or before
  if (bytes.length < PREFIX || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new CheckpointUnreadableError('not a checkpoint of the ledger');
  if (bytes.readUInt32LE(MAGIC.length) !== SNAPSHOT_VERSION) return null;
  if (endianness() !== 'LE') throw new CheckpointUnreadableError('checkpoints are read on little-endian machines only');
  const headerLength = bytes.readUInt32LE(MAGIC.length + 4);
  const digest = createHash('sha256').update(bytes.subarray(PREFIX)).digest();
  if (!digest.equals(bytes.subarray(MAGIC.length + 8, PREFIX)))
    throw new CheckpointUnreadableError('the checkpoint is damaged (its digest does not match)');
  const header = JSON.parse(bytes.toString('utf8', PREFIX, PREFIX + headerLength)) as Header;
  const dataStart = PREFIX + headerLength + ((8 - ((PREFIX + headerLength) % 8)) % 8);
  return restoreView(header, new SectionReader(bytes, dataStart));
}

/** Reads the sections of a checkpoint in place (a copy only where the file's bytes are not 8-aligned in memory). */
class SectionReader {
  constructor(
    private readonly bytes: Buffer,
    private readonly start: number,
  ) {}

  numbers([offset, count]: Section): Float64Array {
    const at = this.bytes.byteOffset + this.start + offset;
    if (at % 8 === 0) return new Float64Array(this.bytes.buffer, at, count);
    return new Float64Array(Uint8Array.prototype.slice.call(this.bytes, this.start + offset, this.start + offset + count * 8).buffer);
  }

  bytesOf([offset, count]: Section): Buffer {
    return this.bytes.subarray(this.start + offset, this.start + offset + count);
  }
}

function restoreView(header: Header, data: SectionReader): LedgerView {
  const view = new LedgerView();
  view.position = header.position;
  view.lastEventHash = header.lastEventHash;
  view.eventCount = header.eventCount;
  const fill = <T>(map: Map<string, T>, items: unknown[], key: keyof T) => {
    for (const item of items as T[]) map.set(String(item[key]), item);
  };
  fill(view.registry.programmeAreas, header.registry.programmeAreas, 'programmeAreaId');
  fill(view.registry.initiatives, header.registry.initiatives, 'initiativeId');
  fill(view.registry.partners, header.registry.partners, 'partnerId');
  fill(view.registry.members, header.registry.members, 'memberId');
  view.registry.quorum = header.registry.quorum;
  const writable = view as {
    cases: LedgerView['cases'];
    proposals: LedgerView['proposals'];
    grants: LedgerView['grants'];
    history: LedgerView['history'];
  };
  writable.history = ViewHistory.unpack({ ...header.history, registry: data.bytesOf(header.history.registry).toString('utf8') });
  writable.cases = readItems<CaseView>(header.cases, data);
  writable.proposals = readItems<ProposalView>(header.proposals, data);
  writable.grants = readItems<GrantView>(header.grants, data);
  view.recommendationAmounts.restore(
    header.recommendationAmounts.map(([key, value]): [string, Decimal] => [key, money(value)]),
    header.recommendationChanges.map(([position, key, before]): [number, string, Decimal | undefined] => [
      position,
      key,
      before === null ? undefined : money(before),
    ]),
  );
  for (const [proposalId, initiativeId] of header.proposalLinks) view.proposalLinks.set(proposalId, initiativeId);
  for (const year of header.years) {
    const book = view.yearBook(year.year);
    lazyEventPositions(book, data.numbers(year.trail));
    book.closed = year.closed as typeof book.closed;
    const positions = data.numbers(year.positions);
    const ore = data.numbers(year.ore);
    for (const [key, start, count, deltas] of year.accounts) {
      const account = deltas ? Account.restoredWide(positions, start, [...deltas]) : Account.restored(positions, ore, start, count);
      account.ordinal = book.accounts.size;
      book.accounts.set(key, account);
    }
  }
  return view;
}

function readItems<V extends { position: number }>(items: ItemsHeader, data: SectionReader): ViewMap<V> {
  return ViewMap.restore(
    items.keys,
    data.bytesOf(items.json),
    data.numbers(items.offsets),
    data.numbers(items.arrivals),
    items.replaced as [string, [number, V][]][],
  );
}

const packedPositions = new WeakMap<YearBook, Float64Array>();

/**
 * A restored year's event positions stay in the checkpoint's bytes until something reads
 * them (the audit trail of the year, or the fold adding an event): then the property
 * becomes an array.
 */
function lazyEventPositions(book: YearBook, packed: Float64Array): void {
  packedPositions.set(book, packed);
  Object.defineProperty(book, 'eventPositions', {
    configurable: true,
    enumerable: true,
    get(): number[] {
      const positions = Array.from(packed);
      packedPositions.delete(book);
      Object.defineProperty(book, 'eventPositions', { value: positions, writable: true, configurable: true, enumerable: true });
      return positions;
    },
    set(value: number[]) {
      packedPositions.delete(book);
      Object.defineProperty(book, 'eventPositions', { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

function trailPositions(book: YearBook): ArrayLike<number> {
  return packedPositions.get(book) ?? book.eventPositions;
}

/** The position of a year's first event (read without unpacking a restored year's trail); Infinity for none. */
export function firstEventPosition(book: YearBook): number {
  const packed = packedPositions.get(book);
  if (packed === undefined) return book.eventPositions[0] ?? Infinity;
  return packed.length === 0 ? Infinity : packed[0]!;
}
