import { GENESIS_HASH } from '../../events/envelope.js';
import { parseStoredEvent, type LedgerEvent } from '../../events/catalogue.js';
import type { StateRef } from '../commands/state-refs.js';
import { ConcurrencyError, StoreUnavailableError } from '../store/errors.js';
import { chainHash } from '../store/hash-chain.js';
import { hasIdempotencyKeyIndex, type AppendResult, type EventStore } from '../store/port.js';
import { BatchCommandError, type Attempt, type CommandHandler, type CommandResult, type Decision } from './command-handler.js';
import { StateCache, applyEvent, emptyEntry, type Entry } from './state-cache.js';

/** Beyond this many events written by others, loaded states are dropped and reloaded when needed rather than followed. */
const FORGET_AFTER = 50_000;

/**
 * Recording on a store reached only through the port (EventStoreDB). One command (or one
 * batch) at a time per process: catch the loaded states up with the log, load what the
 * command declares it reads, decide, and append on the condition that the log still ends
 * where the decision read it. If another writer recorded first, the append is refused
 * whole and the command is decided again on the new states, after a short, growing,
 * jittered pause. So what a decision read cannot change before its events are recorded,
 * whichever streams its rule reads, with any number of ledger processes on one store.
 */
export class AsyncRecorder {
  private readonly cache = new StateCache();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly handler: CommandHandler,
    private readonly maxAttempts: number,
  ) {}

  async record(attempt: Attempt): Promise<CommandResult> {
    const [result] = await this.serialised(() => this.recordWithRetries([attempt], false));
    return result!;
  }

  recordAll(attempts: readonly Attempt[]): Promise<CommandResult[]> {
    return this.serialised(() => this.recordWithRetries(attempts, true));
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async recordWithRetries(attempts: readonly Attempt[], batch: boolean): Promise<CommandResult[]> {
    for (let round = 1; ; round++) {
      await this.catchUp();
      for (const attempt of attempts) await this.load(this.handler.refsOf(attempt.command));
      const keyStreams = await this.keyStreams(attempts);
      const logPosition = this.cache.tail;
      const decisions = this.decideAll(attempts, keyStreams, batch);
      const writes = decisions.filter((decision): decision is Decision => !('result' in decision));
      if (writes.length === 0) return decisions.map((decision) => (decision as { result: CommandResult }).result);
      let appended: AppendResult[];
      try {
        appended = await this.store.appendMany(
          writes.map((write) => ({ stream: write.target, events: write.events, expected: write.expected })),
          { expectedLogPosition: logPosition },
        );
      } catch (error: unknown) {
        if (!(error instanceof ConcurrencyError) || round >= this.maxAttempts) throw error;
        await pause(round);
        continue;
      }
      if (!this.applyOwn(writes, appended, logPosition)) await this.catchUp();
      let written = 0;
      return attempts.map((attempt, index) => {
        const decision = decisions[index]!;
        if ('result' in decision) return decision.result;
        const result = this.handler.resultOf(attempt, this.recordedIn(attempt));
        // The command's ETag is the revision its own append left, whatever others wrote since.
        return { ...result, streamRevision: appended[written++]!.nextRevision };
      });
    }
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
   * Every command of the batch decided in order, each seeing the events of the ones
   * before it (applied to a copy of the states that is thrown away: only the log's
   * events become state).
   */
  private decideAll(attempts: readonly Attempt[], keyStreams: (string | null)[], batch: boolean): ({ result: CommandResult } | Decision)[] {
    const before = this.cache.snapshot();
    try {
      return attempts.map((attempt, index) => {
        try {
          const decision = this.handler.decide(attempt, (ref) => this.cache.get(ref)!, keyStreams[index] ?? null);
          if (batch && !('result' in decision)) this.applyTentatively(decision);
          return decision;
        } catch (error: unknown) {
          throw batch ? new BatchCommandError(index, error) : error;
        }
      });
    } finally {
      this.cache.restore(before);
    }
  }

  /** A decided command's events, as they will be stored (hashes chained), for the next command of a batch to see. */
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

  private async keyStreams(attempts: readonly Attempt[]): Promise<(string | null)[]> {
    if (!hasIdempotencyKeyIndex(this.store)) return attempts.map(() => null);
    const index = this.store;
    return Promise.all(attempts.map((attempt) => index.streamOfIdempotencyKey(attempt.command.idempotencyKey)));
  }

  /** Loads the states not loaded yet, from their streams. */
  private async load(refs: StateRef[]): Promise<void> {
    for (const ref of refs) {
      if (this.cache.get(ref)) continue;
      let entry = emptyEntry(ref);
      for (const stream of entry.fold.streams)
        for await (const record of this.store.readStream(stream)) entry = applyEvent(entry, parseStoredEvent(record));
      this.cache.put(entry);
    }
  }

  /** Applies what others recorded since the last look to the loaded states. */
  private async catchUp(): Promise<void> {
    const head = await this.store.headPosition();
    if (head === this.cache.tail) return;
    if (this.cache.size === 0 || head < this.cache.tail || head - this.cache.tail > FORGET_AFTER) {
      this.cache.clear(head);
      return;
    }
    for await (const record of this.store.readAll({ afterPosition: this.cache.tail })) {
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
