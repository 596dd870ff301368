import { parseStoredEvent, type LedgerEvent } from '../../events/catalogue.js';
import type { AppendResult, EventStore, SynchronousLog } from '../store/port.js';
import { BatchCommandError } from './errors.js';
import type { Attempt, CommandHandler, CommandResult, Decision, Lookup } from './command-handler.js';
import { StateCache, applyEvent, emptyEntry, type Entry } from './state-cache.js';
import type { StateRef } from '../commands/state-refs.js';

/** The most commands recorded in one group (one transaction, one fsync). */
const MAX_GROUP = 256;

/** Beyond this many events written by others, loaded states are dropped and reloaded when needed rather than followed. */
const FORGET_AFTER = 50_000;

/**
 * Recording on a store with a synchronous log (SQLite). Commands that arrive while the
 * event loop is busy are queued and recorded together in one write transaction (BEGIN
 * IMMEDIATE), each in its own savepoint: catch-up, rules and append as one synchronous
 * step, so nothing — in this process or another — changes what the rules read before
 * the append, and a later command of the group sees the events of the earlier ones. One
 * commit (one fsync) makes the group durable; only then is any of it acknowledged. A
 * refused command rolls back alone; a failed commit fails the whole group and the states
 * go back to where they were.
 */
export class SyncRecorder {
  private readonly cache = new StateCache();
  private readonly queue: { attempt: Attempt; resolve: (result: CommandResult) => void; reject: (error: unknown) => void }[] = [];
  private flushScheduled = false;

  constructor(
    private readonly log: EventStore & SynchronousLog,
    private readonly handler: CommandHandler,
  ) {}

  record(attempt: Attempt): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ attempt, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Several commands in one transaction: all recorded, or none when one is refused. */
  async recordAll(attempts: readonly Attempt[]): Promise<CommandResult[]> {
    const before = this.cache.snapshot();
    try {
      return this.log.transaction(() => {
        this.catchUp();
        return attempts.map((attempt, index) => {
          try {
            return this.recordNow(attempt);
          } catch (error: unknown) {
            throw new BatchCommandError(index, error);
          }
        });
      });
    } catch (error: unknown) {
      this.cache.restore(before);
      throw error;
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const group = this.queue.splice(0, MAX_GROUP);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    const before = this.cache.snapshot();
    const outcomes: ({ result: CommandResult } | { error: unknown })[] = [];
    try {
      this.log.transaction(() => {
        // The transaction holds the write lock: after this catch-up, only this group writes.
        this.catchUp();
        // A command alone needs no savepoint: refused, it rolls the transaction back, which held nothing else.
        if (group.length === 1) outcomes.push({ result: this.recordNow(group[0]!.attempt) });
        else for (const { attempt } of group) outcomes.push(this.recordInSavepoint(attempt));
      });
    } catch (error: unknown) {
      // The commit failed: nothing of the group is stored, so nothing of it may stay in the states.
      this.cache.restore(before);
      for (const { reject } of group) reject(error);
      return;
    }
    group.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index]!;
      if ('result' in outcome) resolve(outcome.result);
      else reject(outcome.error);
    });
  }

  private recordInSavepoint(attempt: Attempt): { result: CommandResult } | { error: unknown } {
    const before = this.cache.snapshot();
    try {
      return { result: this.log.transaction(() => this.recordNow(attempt)) };
    } catch (error: unknown) {
      this.cache.restore(before);
      // Some failures (a full disk, an I/O error) make SQLite roll the whole transaction
      // back: then the group has failed, with this error, and none of the rest may run outside it.
      if (!this.log.inTransaction()) throw error;
      return { error };
    }
  }

  /** One command, inside a transaction: catch up, decide, append, apply. */
  private recordNow(attempt: Attempt): CommandResult {
    const keyStream = this.log.streamOfIdempotencyKeySync(attempt.command.idempotencyKey);
    const decided = this.handler.decide(attempt, this.lookupNow, keyStream);
    if ('result' in decided) return decided.result;
    const appended = this.log.appendSync(decided.target, decided.events, decided.expected, { freshIds: true });
    this.applyOwn(decided, appended);
    const target = this.handler.refsOf(attempt.command)[0]!;
    return this.handler.resultOf(attempt, this.cache.get(target)!);
  }

  /** A state, caught up with the log (loaded from its streams the first time). Inside the group's transaction. */
  private readonly lookupNow: Lookup = (ref: StateRef): Entry => {
    const known = this.cache.get(ref);
    if (known) return known;
    let entry = emptyEntry(ref);
    for (const stream of entry.fold.streams)
      for (const record of this.log.readStreamSync(stream, { fromRevision: 0 })) entry = applyEvent(entry, parseStoredEvent(record));
    this.cache.put(entry);
    return entry;
  };

  private catchUp(): void {
    const head = this.log.headPositionNow();
    if (head === this.cache.tail) return;
    if (this.cache.size === 0 || head < this.cache.tail || head - this.cache.tail > FORGET_AFTER) {
      // Nothing loaded, or so much written elsewhere that reloading what is needed costs less than following it.
      this.cache.clear(head);
      return;
    }
    for (const record of this.log.readAllSync({ afterPosition: this.cache.tail })) {
      if (this.cache.follows(record.stream)) this.cache.apply(parseStoredEvent(record));
      else this.cache.advance(record.position);
    }
  }

  /** The events just appended, applied without reading them back (they were validated before the append). */
  private applyOwn(decision: Decision, appended: AppendResult): void {
    if (appended.positions[0] !== this.cache.tail + 1) return this.catchUp();
    const first = decision.expected === 'no-stream' ? 0 : decision.expected + 1;
    decision.events.forEach((event, index) => {
      const recorded = {
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        stream: decision.target,
        revision: first + index,
        position: appended.positions[index]!,
        data: event.data,
        metadata: event.metadata,
        hash: appended.hashes[index]!,
      } as LedgerEvent;
      this.cache.apply(recorded);
    });
  }
}
