import { Map as ImmutableMap, Set as ImmutableSet } from 'immutable';
import type { LedgerEvent } from '../../events/catalogue.js';
import { foldOf, targetStream, type Fold, type StateRef } from '../commands/state-refs.js';

/** An event a command recorded, as the caller sees it. */
export interface RecordedEvent {
  id: string;
  type: string;
  stream: string;
  revision: number;
  position: number;
  effectiveDate: string;
  data: unknown;
}

/**
 * A command already recorded in a stream: the hash of its body (a repeat must match it;
 * the hash covers its type) and its events.
 */
interface RecordedCommand {
  readonly commandHash: string;
  readonly events: readonly RecordedEvent[];
}

/**
 * A loaded state: the fold of its streams up to the revisions it has seen, the head of
 * its target stream (the ETag, and the seal of a closing year), and the commands
 * recorded in its target stream by idempotency key. Immutable: applying an event gives a
 * new entry, so a decision can be tried on a copy and thrown away.
 */
export interface Entry {
  readonly ref: StateRef;
  readonly target: string;
  readonly fold: Fold;
  readonly state: unknown;
  readonly revisions: ImmutableMap<string, number>;
  readonly head: { revision: number; hash: string } | null;
  readonly commands: ImmutableMap<string, RecordedCommand>;
}

export function emptyEntry(ref: StateRef): Entry {
  const fold = foldOf(ref);
  return { ref, target: targetStream(ref), fold, state: fold.initial(), revisions: ImmutableMap(), head: null, commands: ImmutableMap() };
}

/** The entry after one event of one of its streams; an event it has already seen changes nothing. */
export function applyEvent(entry: Entry, event: LedgerEvent): Entry {
  if (event.revision <= (entry.revisions.get(event.stream) ?? -1)) return entry;
  const next = { ...entry, state: entry.fold.evolve(entry.state, event), revisions: entry.revisions.set(event.stream, event.revision) };
  if (event.stream !== entry.target) return next;
  return { ...next, head: { revision: event.revision, hash: event.hash }, commands: indexCommand(entry.commands, event) };
}

function indexCommand(commands: ImmutableMap<string, RecordedCommand>, event: LedgerEvent): ImmutableMap<string, RecordedCommand> {
  const { idempotencyKey, commandHash } = event.metadata;
  const recorded: RecordedEvent = {
    id: event.id,
    type: event.type,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    effectiveDate: event.metadata.effectiveDate,
    data: event.data,
  };
  const known = commands.get(idempotencyKey);
  const command = known ? { ...known, events: [...known.events, recorded] } : { commandHash, events: [recorded] };
  return commands.set(idempotencyKey, command);
}

/** A key for a state reference: its target stream names it. */
export const refKey = (ref: StateRef): string => targetStream(ref);

/**
 * The loaded states, kept caught up with the log: every event after `tail` is applied to
 * every loaded state that folds its stream. The maps are immutable, so a snapshot costs
 * nothing and a group of decisions that fails to commit restores the states it started from.
 */
export class StateCache {
  private entries = ImmutableMap<string, Entry>();
  private foldersOf = ImmutableMap<string, ImmutableSet<string>>();
  /** Every event of the log up to this position has been applied to every loaded entry. */
  tail = 0;

  get size(): number {
    return this.entries.size;
  }

  get(ref: StateRef): Entry | undefined {
    return this.entries.get(refKey(ref));
  }

  /** The loaded entry whose commands append to this stream. */
  byTarget(stream: string): Entry | undefined {
    return this.entries.get(stream);
  }

  /** Adds an entry that was folded from its streams. */
  put(entry: Entry): void {
    const key = refKey(entry.ref);
    if (!this.entries.has(key))
      for (const stream of entry.fold.streams)
        this.foldersOf = this.foldersOf.set(stream, (this.foldersOf.get(stream) ?? ImmutableSet<string>()).add(key));
    this.entries = this.entries.set(key, entry);
  }

  /** Applies an event of the log to every loaded entry that folds its stream. */
  apply(event: LedgerEvent): void {
    const folders = this.foldersOf.get(event.stream);
    if (folders)
      for (const key of folders) {
        const entry = this.entries.get(key)!;
        const next = applyEvent(entry, event);
        if (next !== entry) this.entries = this.entries.set(key, next);
      }
    if (event.position > this.tail) this.tail = event.position;
  }

  /** Notes that the log up to this position has been seen (an event no loaded state folds). */
  advance(position: number): void {
    if (position > this.tail) this.tail = position;
  }

  /** Whether any loaded entry folds this stream (so its events must be parsed and applied). */
  follows(stream: string): boolean {
    return this.foldersOf.has(stream);
  }

  snapshot(): CacheSnapshot {
    return { entries: this.entries, foldersOf: this.foldersOf, tail: this.tail };
  }

  restore(snapshot: CacheSnapshot): void {
    this.entries = snapshot.entries;
    this.foldersOf = snapshot.foldersOf;
    this.tail = snapshot.tail;
  }

  /** Drops every loaded entry (after others wrote so much that reloading costs less than following). */
  clear(tail: number): void {
    this.entries = ImmutableMap();
    this.foldersOf = ImmutableMap();
    this.tail = tail;
  }
}

/** The states as they stood at one moment. */
export interface CacheSnapshot {
  readonly entries: ImmutableMap<string, Entry>;
  readonly foldersOf: ImmutableMap<string, ImmutableSet<string>>;
  readonly tail: number;
}
