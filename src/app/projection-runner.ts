import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
  openSync,
  fsyncSync,
  closeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import {
  InvalidStoredEventError,
  decodeForFold,
  effectiveDateOf,
  eventTypes,
  parseStoredEvent,
  type ProjectionRow,
  type StoredRecord,
} from '../../events/catalogue.js';
import type { FoldEvent } from '../../projections/ledger-view.js';
import { LedgerView } from '../../projections/ledger-view.js';
import { readSnapshot, writeSnapshot } from '../../projections/snapshot.js';
import { StoreUnavailableError } from '../store/errors.js';
import { LogLostError } from './errors.js';
import { hasLiveSubscription, hasProjectionRows, hasSynchronousLog, type EventStore } from '../store/port.js';

export interface RunnerOptions {
  /** Where the view's checkpoint is kept; null keeps none (in-memory stores, tests). */
  checkpointPath: string | null;
  /** Write a checkpoint after catching up this many events or more. @defaultValue 5000 */
  checkpointEvery?: number;
  /** Told when a checkpoint written in passing failed (the catch-up itself succeeds; the next checkpoint tries again). @defaultValue ignored */
  onCheckpointError?: (error: unknown) => void;
}

/**
 * Checks at start-up that the checkpoint can be written where it is to be kept, creating
 * its folder: a path that cannot be written is a clear error then, not a failed request later.
 */
export function checkCheckpointWritable(path: string): void {
  const folder = dirname(path);
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the projections' checkpoint cannot be written at ${path} (${reason}): choose a folder the ledger may write to`, {
      cause: error,
    });
  }
}

/**
 * `closeCheckpoint` writes the checkpoint back only when the view moved by at least this
 * many events since it was restored or written: folding a short tail again at the next
 * start costs milliseconds, writing the checkpoint of a long history most of a second.
 */
const CHECKPOINT_ON_CLOSE_FROM = 1000;

export type Progress = (done: number, total: number) => void;

/**
 * Keeps the read model caught up with the log. At start-up it restores the last
 * checkpoint (if its last event is still in the log with the same hash) and reads
 * only what came after; `rebuild` replays from zero.
 */
export class ProjectionRunner {
  view = new LedgerView();
  private pending: Promise<unknown> = Promise.resolve();
  /** Events folded in since the checkpoint was restored or written. */
  private sinceCheckpoint = 0;
  /** The checkpoint's restore, once (the first catch-up starts from it). */
  private restored: Promise<{ view: LedgerView | null; reason?: string }> | null = null;
  /** Set while the log no longer holds what the view shows: nothing is answered from the view then. */
  lost: LogLostError | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly options: RunnerOptions,
  ) {}

  /** Restores the checkpoint, then catches up. Says where it started from. */
  async start(onProgress?: Progress): Promise<{ startedFrom: 'checkpoint' | 'zero'; position: number; caughtUp: number; reason?: string }> {
    const restored = await this.restoreOnce();
    const caughtUp = await this.catchUp(onProgress);
    return {
      startedFrom: restored.view ? 'checkpoint' : 'zero',
      position: this.view.position,
      caughtUp,
      ...(restored.reason ? { reason: restored.reason } : {}),
    };
  }

  /**
   * The checkpoint restored into the view, the first time only: every catch-up starts
   * from it, so a reader that never called `start` (the CLI) still reads only what came
   * after the checkpoint.
   */
  private restoreOnce(): Promise<{ view: LedgerView | null; reason?: string }> {
    this.restored ??= this.restore().then((restored) => {
      if (restored.view && this.view.position === 0) this.view = restored.view;
      return restored;
    });
    return this.restored;
  }

  private async restore(): Promise<{ view: LedgerView | null; reason?: string }> {
    const path = this.options.checkpointPath;
    if (!path || !existsSync(path)) return { view: null, reason: 'no checkpoint' };
    let view: LedgerView | null;
    try {
      // Binary (projections/snapshot.ts): read in place, no string of the whole made.
      view = readSnapshot(readFileSync(path));
    } catch {
      return { view: null, reason: 'checkpoint unreadable' };
    }
    if (!view) return { view: null, reason: 'checkpoint of another version' };
    if (view.position > 0) {
      let record: StoredRecord | undefined;
      try {
        [record] = await readPositions(this.store, [view.position]);
      } catch (error: unknown) {
        // A store that refuses the position (a wiped server, another store's checkpoint) holds another log: rebuild.
        if (error instanceof StoreUnavailableError) throw error;
        const detail = error instanceof Error ? error.message : String(error);
        return { view: null, reason: `checkpoint does not match the log (the store cannot read its position ${view.position}: ${detail})` };
      }
      if (!record || record.hash !== view.lastEventHash) return { view: null, reason: 'checkpoint does not match the log' };
    }
    return { view };
  }

  /**
   * Folds in every event after the view's position (from the checkpoint, the first time).
   * Runs one at a time. First compares the view with the log: a log that ends before the
   * view, or holds another event at its position, throws `LogLostError` (and keeps
   * throwing until the log holds the view's last event again).
   */
  catchUp(onProgress?: Progress): Promise<number> {
    return this.caughtUp(onProgress, () => this.store.headPosition());
  }

  /** Catches up only when the log's head is not the view's (one call when nothing moved), or while the log is lost. */
  refresh(): Promise<number> {
    return this.caughtUp(undefined, () => this.store.headPosition(), true);
  }

  private caughtUp(onProgress: Progress | undefined, headOf: () => Promise<number>, onlyIfMoved = false): Promise<number> {
    const run = this.pending.then(async () => {
      await this.restoreOnce();
      const head = await headOf();
      if (onlyIfMoved && head === this.view.position && !this.lost) return 0;
      await this.checkContinues(head);
      return this.fold(this.view, onProgress, head);
    });
    this.pending = run.catch(() => undefined);
    return run;
  }

  /** Whether the log still holds the view's last event (the view continues it); throws `LogLostError` when not. */
  private async checkContinues(head: number): Promise<void> {
    const { position, lastEventHash } = this.view;
    if (position === 0 || (head === position && !this.lost)) return;
    const [record] = head < position ? [] : await readPositions(this.store, [position]);
    if (!record || record.hash !== lastEventHash) {
      this.lost = new LogLostError(this.store.description, position, head);
      throw this.lost;
    }
    this.lost = null;
  }

  /** Replays the whole log into a new view, then replaces the current one. */
  rebuild(onProgress?: Progress): Promise<number> {
    // A rebuild starts from zero: no later catch-up restores the checkpoint over it.
    this.restored ??= Promise.resolve({ view: null, reason: 'rebuilt' });
    const run = this.pending.then(async () => {
      const view = new LedgerView();
      const count = await this.fold(view, onProgress);
      this.view = view;
      this.lost = null;
      return count;
    });
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async fold(view: LedgerView, onProgress?: Progress, knownHead?: number): Promise<number> {
    const total = onProgress ? Math.max(0, (knownHead ?? (await this.store.headPosition())) - view.position) : 0;
    let count = 0;
    const apply = (record: StoredRecord) => {
      view.apply(parseStoredEvent(record));
      count += 1;
      if (onProgress && count % 10000 === 0) onProgress(count, total);
    };
    const { store } = this;
    // A short catch-up (a query after a few commands) reads through the store's prepared
    // statements and the full parse; a long one (start-up, rebuild) takes the lean read.
    const long = !hasSynchronousLog(store) || store.headPositionNow() - view.position >= LEAN_READ_FROM;
    if (hasProjectionRows(store) && long) {
      // The lean, trusted read (see `decodeForFold`): rows checked without zod; a row the
      // fast checks cannot vouch for is read in full and parsed through the catalogue.
      for (const rows of store.readProjectionRowsSync(view.position, eventTypes))
        for (const row of rows) {
          const event = decodeRow(row) ?? (await this.parseInFull(row));
          view.apply(event);
          count += 1;
          if (onProgress && count % 10000 === 0) onProgress(count, total);
        }
    } else if (hasSynchronousLog(store)) for (const record of store.readAllSync({ afterPosition: view.position })) apply(record);
    else for await (const record of store.readAll({ afterPosition: view.position })) apply(record);
    if (onProgress) onProgress(count, total);
    this.sinceCheckpoint += count;
    this.maybeCheckpoint(view);
    return count;
  }

  /** A row the fast checks did not vouch for: read in full and parsed through the catalogue (which throws, naming the event, if it is invalid). */
  private async parseInFull(row: ProjectionRow): Promise<FoldEvent> {
    const [position, type] = row;
    let record: StoredRecord | undefined;
    try {
      [record] = await readPositions(this.store, [position]);
    } catch (error) {
      throw new InvalidStoredEventError({ id: '(unreadable)', stream: '(unreadable)', revision: -1, position, type }, [
        `the stored record cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      ]);
    }
    if (!record)
      throw new InvalidStoredEventError({ id: '(missing)', stream: '(missing)', revision: -1, position, type }, [
        'the record vanished while it was read',
      ]);
    return parseStoredEvent(record);
  }

  /** A checkpoint in passing: its failure (a full disk) is reported, never the catch-up's. */
  private maybeCheckpoint(view: LedgerView): void {
    if (this.sinceCheckpoint < (this.options.checkpointEvery ?? 5000)) return;
    try {
      this.writeCheckpoint(view);
    } catch (error: unknown) {
      this.options.onCheckpointError?.(error);
    }
  }

  /**
   * Follows the log live where the store can push new events (EventStoreDB: a
   * catch-up subscription from the view's position), so the view stays current with
   * what other instances write. Events arriving together are folded in one catch-up.
   * Returns null for a store that cannot push (the SQLite store: queries catch up).
   */
  follow(onError: (error: unknown) => void = () => undefined): { close(): Promise<void> } | null {
    const { store } = this;
    if (!hasLiveSubscription(store)) return null;
    let scheduled = false;
    return store.subscribe(
      this.view.position,
      () => {
        if (scheduled) return;
        scheduled = true;
        setTimeout(() => {
          scheduled = false;
          this.catchUp().catch(onError);
        }, 20);
      },
      { onError },
    );
  }

  /** Writes the checkpoint now (atomically: a temporary file renamed over the old one). */
  saveCheckpoint(): void {
    this.writeCheckpoint(this.view);
  }

  /** On closing: writes the checkpoint if the view moved far enough since it was restored or written (see `CHECKPOINT_ON_CLOSE_FROM`). */
  closeCheckpoint(): boolean {
    // A view of a lost log is not kept (a restart rebuilds from the log as it stands).
    if (this.sinceCheckpoint < CHECKPOINT_ON_CLOSE_FROM || this.lost) return false;
    this.writeCheckpoint(this.view);
    return true;
  }

  private writeCheckpoint(view: LedgerView): void {
    const path = this.options.checkpointPath;
    if (!path) return;
    const temporary = `${path}.tmp`;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, writeSnapshot(view));
    const descriptor = openSync(temporary, 'r');
    fsyncSync(descriptor);
    closeSync(descriptor);
    renameSync(temporary, path);
    this.sinceCheckpoint = 0;
  }
}

/** Catch-ups of at least this many events take the lean read (it prepares its statement per read). */
const LEAN_READ_FROM = 200;

const EFFECTIVE_DATE_KEY = '"effectiveDate":"';

/**
 * The effective date in a stored event's metadata text. The fold reads it of every
 * event (the as-of index keeps it), so it is found by a string search rather than by
 * parsing the whole metadata: the key must follow `{` or `,` (so it is a key of the
 * object, not text inside a string) and its value be a calendar date; anything else is
 * parsed in full. Null when the metadata has no valid effective date.
 */
function effectiveDateIn(metadataText: string): string | null {
  const at = metadataText.indexOf(EFFECTIVE_DATE_KEY);
  const start = at + EFFECTIVE_DATE_KEY.length;
  if (at > 0 && (metadataText[at - 1] === '{' || metadataText[at - 1] === ',') && metadataText[start + 10] === '"')
    return effectiveDateOf({ effectiveDate: metadataText.slice(start, start + 10) });
  try {
    return effectiveDateOf(JSON.parse(metadataText));
  } catch {
    return null;
  }
}

/** A lean row as a fold event, when the fast checks vouch for it; otherwise null. */
function decodeRow(row: ProjectionRow): FoldEvent | null {
  const [position, type, schemaVersion, dataText, metadataText, hash] = row;
  if (metadataText === null) return null;
  const effectiveDate = effectiveDateIn(metadataText);
  if (effectiveDate === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(dataText);
  } catch {
    return null;
  }
  const checked = decodeForFold(type, schemaVersion, data);
  if (checked === null) return null;
  return { type: checked.type, data: checked.data, position, hash, metadata: { effectiveDate } } as FoldEvent;
}

/** Reads events at given positions. */
export async function readPositions(store: EventStore, positions: number[]): Promise<StoredRecord[]> {
  return positions.length === 0 ? [] : store.readPositions(positions);
}
