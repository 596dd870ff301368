import { GENESIS_HASH } from '../../events/envelope.js';
import { parseStoredEvent, type LedgerEvent } from '../../events/catalogue.js';
import type { StateRef } from '../commands/state-refs.js';
import { ConcurrencyError, StoreUnavailableError } from '../store/errors.js';
import { chainHash } from '../store/hash-chain.js';
import { hasIdempotencyKeyIndex, hasKnownLog, type AppendResult, type EventStore, type KnownLog } from '../store/port.js';
import { BatchCommandError } from './errors.js';
import type { Attempt, CommandHandler, CommandResult, Decision } from './command-handler.js';
import { StateCache, applyEvent, emptyEntry, type Entry } from './state-cache.js';

/** Beyond this many events written by others, loaded states are dropped and reloaded when needed rather than followed. */
const FORGET_AFTER = 50_000;
/** The most commands recorded in one group (one conditioned append). */
const MAX_GROUP = 64;

/** A command's own outcome in a group: its result, or why it was not recorded. */
type Outcome = { result: CommandResult } | { error: unknown };
type One = { kind: 'one'; attempt: Attempt; resolve: (result: CommandResult) => void; reject: (error: unknown) => void };
type Batch = { kind: 'batch'; attempts: readonly Attempt[]; resolve: (results: CommandResult[]) => void; reject: (error: unknown) => void };
type Known = (EventStore & KnownLog) | null;

/**
 * Recording on a store reached only through the port (EventStoreDB). Commands that arrive
 * while the process is recording wait, then go together as one group: catch the loaded
 * states up with the log, load what the commands declare they read, decide each in turn
 * (each seeing the events of the ones before it), and append the events of every command
 * the rules accepted as one append, on the condition that the log still ends where the
 * decisions read it. Each command keeps its own outcome: one the rules refuse is refused
 * alone. If another writer recorded first, the append is refused whole and the group is
 * decided again on the new states, after a short, growing, jittered pause. So what a
 * decision read cannot change before its events are recorded, whichever streams its rule
 * reads, with any number of ledger processes on one store.
 *
 * On a store that knows the log it has seen (`KnownLog`), a caught-up process decides on
 * what it knows and makes one call, the append: the server's condition is the check that
 * nothing came between, and only a refused append reads what was written. A group that
 * appends nothing (every command refused or replayed) asks for the log's head once, so a
 * refusal is never answered from an old view of the log.
 */
export class AsyncRecorder {
  private readonly cache = new StateCache();
  private readonly waiting: (One | Batch)[] = [];
  private draining = false;

  constructor(
    private readonly store: EventStore,
    private readonly handler: CommandHandler,
    private readonly maxAttempts: number,
  ) {}

  record(attempt: Attempt): Promise<CommandResult> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'one', attempt, resolve, reject }));
  }

  /** Several commands as one: all recorded, or none when one is refused (named by its index). */
  recordAll(attempts: readonly Attempt[]): Promise<CommandResult[]> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'batch', attempts, resolve, reject }));
  }

  private enqueue(waiting: One | Batch): void {
    this.waiting.push(waiting);
    if (this.draining) return;
    this.draining = true;
    // Commands arriving in the same turn of the event loop go in the first group.
    setImmediate(() => void this.drain());
  }

  /** Records what waits, a group (or a batch) at a time, until nothing waits. */
  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const first = this.waiting[0]!;
      if (first.kind === 'batch') {
        this.waiting.shift();
        try {
          first.resolve(resultsOf(await this.recordWithRetries(first.attempts, true)));
        } catch (error: unknown) {
          first.reject(error);
        }
        continue;
      }
      let size = 0;
      while (size < this.waiting.length && size < MAX_GROUP && this.waiting[size]!.kind === 'one') size += 1;
      const group = this.waiting.splice(0, size) as One[];
      const outcomes = await this.recordGroup(group.map((waiting) => waiting.attempt));
      group.forEach((waiting, index) => {
        const outcome = outcomes[index]!;
        if ('result' in outcome) waiting.resolve(outcome.result);
        else waiting.reject(outcome.error);
      });
    }
    this.draining = false;
  }

  /** A group's outcomes; a group too large for one append is recorded a command at a time. */
  private async recordGroup(attempts: readonly Attempt[]): Promise<Outcome[]> {
    try {
      return await this.recordWithRetries(attempts, false);
    } catch (error: unknown) {
      if (!(error instanceof RangeError) || attempts.length === 1) return attempts.map(() => ({ error }));
      const outcomes: Outcome[] = [];
      for (const attempt of attempts) outcomes.push(...(await this.recordGroup([attempt])));
      return outcomes;
    }
  }

  /**
   * Decides the commands on the states caught up with the log and appends what they
   * decided, conditioned on the log position read; decides again when another writer came
   * first. A batch throws at its first refusal; a group gives each command its outcome.
   */
  private async recordWithRetries(attempts: readonly Attempt[], batch: boolean): Promise<Outcome[]> {
    const known = hasKnownLog(this.store) ? this.store : null;
    for (let round = 1, fresh = known === null; ; round++) {
      const logPosition = await this.prepare(attempts, fresh ? null : known);
      const keyStreams = await this.keyStreams(attempts, fresh ? null : known);
      const decisions = this.decideAll(attempts, keyStreams, batch);
      const writes = decisions.filter((decision): decision is Decision => 'events' in decision);
      if (writes.length === 0) {
        // Decided on what this process had seen: the log may have moved since. Ask once.
        if (!fresh && (await known!.refresh()) !== logPosition) {
          fresh = true;
          continue;
        }
        return decisions as Outcome[];
      }
      let appended: AppendResult[];
      try {
        const parts = writes.map((write) => ({ stream: write.target, events: write.events, expected: write.expected }));
        appended = await this.store.appendMany(parts, { expectedLogPosition: logPosition });
      } catch (error: unknown) {
        if (!(error instanceof ConcurrencyError) || round >= this.maxAttempts) throw error;
        // The store has read what was written (that is how it refused): decide on what it knows now.
        await pause(round);
        continue;
      }
      if (!this.applyOwn(writes, appended, logPosition)) await this.catchUp(null);
      let written = 0;
      return attempts.map((attempt, index) => {
        const decision = decisions[index]!;
        if (!('events' in decision)) return decision;
        const result = this.handler.resultOf(attempt, this.recordedIn(attempt));
        // The command's ETag is the revision its own append left, whatever others wrote since.
        return { result: { ...result, streamRevision: appended[written++]!.nextRevision } };
      });
    }
  }

  /** Catches the states up (to what the store has seen, or to the log) and loads what the commands read; the log position they stand at. */
  private async prepare(attempts: readonly Attempt[], known: Known): Promise<number> {
    await this.catchUp(known);
    for (const attempt of attempts) await this.load(this.handler.refsOf(attempt.command), known);
    return this.cache.tail;
  }

  /**
   * The target state once the command's own append is applied to it. A store whose log no
   * longer shows an append it acknowledged has lost events (a server that restarted without
   * its data): that is said, rather than answered from memory.
   */
  private recordedIn(attempt: Attempt): Entry {
    const entry = this.cache.get(this.handler.refsOf(attempt.command)[0]!);
    if (!entry?.commands.has(attempt.command.idempotencyKey))
      throw new StoreUnavailableError(
        `${this.store.description} acknowledged command ${attempt.command.idempotencyKey} but its log no longer shows it: the store lost events it had written (a server restarted without its data?)`,
      );
    return entry;
  }

  /**
   * Every command decided in order, each seeing the events of the ones before it (applied
   * to a copy of the states that is thrown away: only the log's events become state). In
   * a batch the first refusal ends it; in a group a refusal is that command's outcome.
   */
  private decideAll(attempts: readonly Attempt[], keyStreams: (string | null)[], batch: boolean): (Outcome | Decision)[] {
    const before = this.cache.snapshot();
    try {
      return attempts.map((attempt, index) => {
        try {
          const decision = this.handler.decide(attempt, (ref) => this.cache.get(ref)!, keyStreams[index] ?? null);
          // The last command's events are seen by no later one: not applied (they would be thrown away).
          if (!('result' in decision) && index < attempts.length - 1) this.applyTentatively(decision);
          return decision;
        } catch (error: unknown) {
          if (batch) throw new BatchCommandError(index, error);
          return { error };
        }
      });
    } finally {
      this.cache.restore(before);
    }
  }

  /** A decided command's events, as they will be stored (hashes chained), for the next command to see. */
  private applyTentatively(decision: Decision): void {
    const entry = this.cache.byTarget(decision.target);
    let previous = entry?.head?.hash ?? GENESIS_HASH;
    let revision = decision.expected === 'no-stream' ? -1 : decision.expected;
    for (const event of decision.events) {
      revision += 1;
      const hash = chainHash(previous, { stream: decision.target, revision, ...event });
      this.cache.apply({ ...event, stream: decision.target, revision, position: this.cache.tail + 1, hash } as LedgerEvent);
      previous = hash;
    }
  }

  /**
   * The decided events as the store recorded them, applied without reading them back (as
   * the SQLite recorder does), when they took the positions right after the log the
   * decisions read; false when something else is there (then the log is read instead).
   */
  private applyOwn(writes: readonly Decision[], appended: readonly AppendResult[], logPosition: number): boolean {
    const positions = appended.flatMap((result) => result.positions);
    const follows = positions.every((position, index) => position === logPosition + 1 + index);
    if (!follows || this.cache.tail !== logPosition || appended.some((result) => result.hashes.length !== result.positions.length))
      return false;
    writes.forEach((write, part) => {
      const { positions: at, hashes } = appended[part]!;
      let revision = write.expected === 'no-stream' ? -1 : write.expected;
      write.events.forEach((event, index) => {
        revision += 1;
        this.cache.apply({ ...event, stream: write.target, revision, position: at[index]!, hash: hashes[index]! } as LedgerEvent);
      });
    });
    return true;
  }

  /** Where each command's idempotency key was recorded: from what the store has seen, or by asking it. */
  private async keyStreams(attempts: readonly Attempt[], known: Known): Promise<(string | null)[]> {
    if (known) return attempts.map((attempt) => known.knownStreamOfIdempotencyKey(attempt.command.idempotencyKey));
    if (!hasIdempotencyKeyIndex(this.store)) return attempts.map(() => null);
    const index = this.store;
    return Promise.all(attempts.map((attempt) => index.streamOfIdempotencyKey(attempt.command.idempotencyKey)));
  }

  /** Loads the states not loaded yet, from their streams (as far as the store has seen them, when it knows). */
  private async load(refs: StateRef[], known: Known): Promise<void> {
    for (const ref of refs) {
      if (this.cache.get(ref)) continue;
      let entry = emptyEntry(ref);
      for (const stream of entry.fold.streams)
        for await (const record of known ? known.readKnownStream(stream) : this.store.readStream(stream))
          entry = applyEvent(entry, parseStoredEvent(record));
      this.cache.put(entry);
    }
  }

  /** Applies what others recorded since the last look to the loaded states: up to the head the store has seen, or the log's. */
  private async catchUp(known: Known): Promise<void> {
    const head = known ? known.knownHead() : await this.store.headPosition();
    if (head === this.cache.tail) return;
    if (this.cache.size === 0 || head < this.cache.tail || head - this.cache.tail > FORGET_AFTER) {
      this.cache.clear(head);
      return;
    }
    for await (const record of this.store.readAll({ afterPosition: this.cache.tail, maxCount: head - this.cache.tail })) {
      if (this.cache.follows(record.stream)) this.cache.apply(parseStoredEvent(record));
      else this.cache.advance(record.position);
    }
  }
}

/** A short pause before deciding again, growing with each lost race, jittered so racing processes part ways. */
function pause(round: number): Promise<void> {
  const base = Math.min(5 * 2 ** (round - 1), 400);
  return new Promise((resolve) => setTimeout(resolve, base * (0.5 + Math.random())));
}

/** A batch's results; its outcomes are all results (a refusal was thrown). */
function resultsOf(outcomes: readonly Outcome[]): CommandResult[] {
  return outcomes.map((outcome) => {
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  });
}
