import { LedgerIndex, type AppendPlan } from './esdb-index.js';
import { IndexSnapshots, SNAPSHOT_FROM } from './esdb-index-snapshot.js';
import type { LedgerStream } from './esdb-ledger-stream.js';
import { recordOf, toLedgerRecord } from './esdb-mapping.js';
import type { IndexPreparation } from './port.js';

/**
 * Keeps the EventStoreDB store's index (`LedgerIndex`) of the ledger stream: built once
 * before the first request (from its snapshot, when the stream still holds the snapshot's
 * last event with the same log-chain link), caught up by reading from the last event it
 * holds, told of the process's own appends without reading them back, and written as a
 * snapshot now and then (`IndexSnapshots`). Index work runs one at a time.
 */
export class IndexKeeper {
  index = new LedgerIndex();
  private indexing: Promise<unknown> = Promise.resolve();
  private waitingCatchUp: Promise<void> | null = null;
  private prepared: Promise<IndexPreparation> | null = null;
  private readonly snapshots: IndexSnapshots | null;

  constructor(
    private readonly ledger: LedgerStream,
    snapshotPath: string | null,
    onSnapshotError: (error: unknown) => void,
  ) {
    this.snapshots = snapshotPath ? new IndexSnapshots(snapshotPath, ledger.name, onSnapshotError) : null;
  }

  /** Runs index work one at a time. */
  indexed<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.indexing.then(work);
    this.indexing = run.catch(() => undefined);
    return run;
  }

  /**
   * Brings the index up to the end of the ledger stream. The read starts at the last event
   * the index holds: if that is no longer the event the index saw (the server lost events,
   * or holds another log under the name), the index is built again from the start.
   * Callers waiting together share one catch-up that starts after they asked.
   */
  catchUp(doing: string): Promise<void> {
    this.waitingCatchUp ??= this.indexed(async () => {
      this.waitingCatchUp = null;
      if (!(await this.follow(doing))) {
        this.index = new LedgerIndex();
        await this.follow(doing);
      }
      this.maybeSnapshot();
    });
    return this.waitingCatchUp;
  }

  /** Reads after the index's head; false when the event at the head is not the one the index holds. */
  private async follow(doing: string): Promise<boolean> {
    const { head, logHash } = this.index;
    let checked = head === 0;
    for await (const event of this.ledger.read(Math.max(0, head - 1), Number.POSITIVE_INFINITY, doing)) {
      const record = toLedgerRecord(event);
      if (!checked) {
        if (record.position !== head || record.logHash !== logHash) return false;
        checked = true;
      } else this.index.add(record);
    }
    return checked;
  }

  /** The server's stream ends before the index: it lost events (a wiped or in-memory server restarted). Index it again. */
  forgetIfAhead(actualRevision: number | null): void {
    if ((actualRevision ?? -1) + 1 < this.index.head) this.index = new LedgerIndex();
  }

  /** This process's own append, added to the index without reading it back (when nothing came between). */
  noteOwn(plan: AppendPlan, appendId: string): Promise<void> {
    return this.indexed(() => {
      if (this.index.head !== plan.firstPosition - 1) return;
      for (const write of plan.writes) this.index.add({ ...recordOf(write), logHash: write.logHash, appendId });
      this.maybeSnapshot();
    });
  }

  private maybeSnapshot(): void {
    this.snapshots?.maybeWrite(() => this.index.snapshot(), this.index.head);
  }

  /**
   * Builds the index before the first request: from the snapshot when it matches the log,
   * else from the start; then catches up, and writes a snapshot when that read many
   * events (a snapshot that cannot be written is an error here, at start-up). Once.
   */
  prepare(): Promise<IndexPreparation> {
    this.prepared ??= this.indexed(() => (this.index.head === 0 && this.snapshots ? this.restore() : { reason: 'no index snapshot' })).then(
      async (restored) => {
        const from = this.index.head;
        await this.catchUp('building the index');
        if (this.snapshots?.behindBy(this.index.head, SNAPSHOT_FROM)) await this.snapshots.write(this.index.snapshot());
        const startedFrom: IndexPreparation['startedFrom'] = from > 0 ? 'snapshot' : 'zero';
        return {
          startedFrom,
          position: from,
          caughtUp: this.index.head - from,
          ...('reason' in restored ? { reason: restored.reason } : {}),
        };
      },
    );
    return this.prepared;
  }

  private async restore(): Promise<{ reason: string } | { position: number }> {
    const read = this.snapshots!.read();
    if ('reason' in read) return read;
    const { snapshot } = read;
    if (snapshot.head === 0) return { reason: 'empty index snapshot' };
    let last = null;
    for await (const event of this.ledger.read(snapshot.head - 1, 1, 'checking the index snapshot')) last = toLedgerRecord(event);
    if (!last || last.position !== snapshot.head || last.logHash !== snapshot.logHash)
      return {
        reason: `index snapshot does not match the log (its position ${snapshot.head} holds ${last ? 'another event' : 'no event'})`,
      };
    this.index = new LedgerIndex(snapshot);
    return { position: snapshot.head };
  }

  /** On closing: waits for a background snapshot, and writes one when the index moved far enough (never failing the close). */
  async close(): Promise<void> {
    if (!this.snapshots) return;
    await this.snapshots.settled();
    if (this.snapshots.behindBy(this.index.head, SNAPSHOT_FROM)) await this.snapshots.write(this.index.snapshot()).catch(() => undefined);
  }
}
