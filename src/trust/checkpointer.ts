import type { EventStore, LogChain } from '../store/port.js';
import { appendCheckpoint, checkpointsPathOf, readCheckpoints, signCheckpoint, type Checkpoint } from './checkpoints.js';
import { CheckpointRefusedError, LogGuard, type GuardStatus } from './log-guard.js';
import type { SigningKey } from './signing-key.js';

/**
 * Signs the store's log head into the checkpoints file beside the key. Used at every
 * settlement, by `ledger checkpoint` and on the server's schedule. Before each
 * signature its guard holds the log to every checkpoint signed before
 * (src/trust/log-guard.ts): a log that disagrees is never signed, and what is signed is
 * the head recomputed from the events' content.
 */
export class Checkpointer {
  readonly file: string;
  readonly guard: LogGuard;
  /** When the last checkpoint of the file was signed (read once, then kept as this process signs). */
  private lastSigned: string | null | undefined;

  constructor(
    private readonly store: EventStore & LogChain,
    private readonly key: SigningKey,
    private readonly clock: () => Date = () => new Date(),
    options: { onRefused?: (status: GuardStatus) => void } = {},
  ) {
    this.file = checkpointsPathOf(key.path);
    this.guard = new LogGuard(store, key, this.file, { clock, ...options });
  }

  /** Signs the head now; null when the log is empty (nothing to cover). Throws CheckpointRefusedError when the log disagrees with a checkpoint. */
  async sign(reason: string): Promise<Checkpoint | null> {
    const { status, head } = await this.guard.check();
    if (status.state === 'refused') throw new CheckpointRefusedError(status);
    if (head.position === 0) return null;
    const checkpoint = signCheckpoint(head, this.key, reason, this.clock());
    appendCheckpoint(this.file, checkpoint);
    this.lastSigned = checkpoint.signedAt;
    return checkpoint;
  }

  /** When the last checkpoint in the file was signed; null when none was. */
  lastSignedAt(): string | null {
    if (this.lastSigned === undefined) this.lastSigned = readCheckpoints(this.file).at(-1)?.signedAt ?? null;
    return this.lastSigned;
  }

  /** Signs the head unless the last checkpoint already covers it (the schedule, a shutdown). */
  async signIfMoved(reason: string): Promise<Checkpoint | null> {
    const head = await this.store.logHead();
    const last = readCheckpoints(this.file).at(-1);
    if (head.position === 0 || (last && last.position === head.position && last.logHash === head.hash)) return null;
    return this.sign(reason);
  }
}
