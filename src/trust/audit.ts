import type { KeyObject } from 'node:crypto';
import { chainHash } from '../store/hash-chain.js';
import { GENESIS_HASH } from '../../events/envelope.js';
import { LOG_GENESIS_HASH, logChainHash } from '../store/log-chain.js';
import type { ExportedEvent } from '../app/transfer.js';
import { checkpointIsSigned, type Checkpoint } from './checkpoints.js';

/**
 * The audit of a log as a verifier on another machine runs it, over a store's events
 * or an export's lines: the seal of every closed year, and — given checkpoints and the
 * public key — every stream's chain and the log chain recomputed from the events'
 * content and compared with what each checkpoint signed. Nothing the store says about
 * its own hashes is trusted when checkpoints are checked.
 */
/** An event as an export file holds it (src/app/transfer.ts), its link in the log chain aside. */
export type AuditedEvent = Omit<ExportedEvent, 'logHash'>;

export interface AuditOptions {
  /** Recompute each event's hash from its content; otherwise its stored hash is taken as already checked. */
  recomputeHashes: boolean;
  /** The signed checkpoints to hold the log to, and the public key they must verify with. */
  checkpoints?: { list: Checkpoint[]; publicKey: KeyObject };
}

export interface AuditReport {
  ok: boolean;
  problems: string[];
  /** What the audit could not vouch for, without it being wrong (events after the last checkpoint). */
  notes: string[];
  eventsChecked: number;
  yearsSealed: number;
  checkpointsChecked: number;
  /** The last position a verified checkpoint covers; 0 when none does. */
  coveredPosition: number;
  lastPosition: number;
  /** The head of the log chain as recomputed from the events (from their stored hashes when `recomputeHashes` is off). */
  logHead: { position: number; hash: string };
}

/**
 * The events a settlement appends before its YearClosed, in the same batch: the seal
 * names the stream's head before them (the head the settlement was decided on).
 */
const SETTLEMENT_TYPES = new Set([
  'RemainderCarriedForward',
  'ReleasedFundsCarriedForward',
  'EarmarkedFundsCarriedOver',
  'ReserveFundCarriedOver',
]);

interface StreamHead {
  revision: number;
  hash: string;
  type: string | null;
  /** The head before the run of settlement events that ends at this one, if it is one. */
  beforeSettlement: { revision: number; hash: string } | null;
}

const describe = (checkpoint: Checkpoint) => `the checkpoint signed ${checkpoint.signedAt} (${checkpoint.reason})`;

/** The audit one event at a time (`add`, then `finish`), for a caller that reads the log its own way. */
export class LogAuditor {
  readonly problems: string[] = [];
  private readonly heads = new Map<string, StreamHead>();
  private link = LOG_GENESIS_HASH;
  private lastPosition = 0;
  private events = 0;
  private sealed = 0;
  private covered = 0;
  private checked = 0;
  private readonly pending: Checkpoint[];

  constructor(private readonly options: AuditOptions) {
    const { checkpoints } = options;
    if (checkpoints && checkpoints.list.length === 0) this.problems.push('the checkpoints file holds no checkpoint');
    const valid = (checkpoints?.list ?? []).filter((checkpoint, index) => {
      if (checkpointIsSigned(checkpoint, checkpoints!.publicKey)) return true;
      this.problems.push(
        `checkpoint ${index + 1}, ${describe(checkpoint)} at position ${checkpoint.position}, does not verify with the public key: changed, or signed with another key`,
      );
      return false;
    });
    this.pending = valid.sort((a, b) => a.position - b.position);
  }

  add(event: AuditedEvent): void {
    this.events += 1;
    const where = `${event.stream}@${event.revision} (position ${event.position})`;
    if (!(event.position > this.lastPosition)) this.problems.push(`${where} does not follow position ${this.lastPosition} in log order`);
    const head = this.heads.get(event.stream) ?? { revision: -1, hash: GENESIS_HASH, type: null, beforeSettlement: null };
    let hash = event.hash;
    if (this.options.recomputeHashes) {
      if (event.revision !== head.revision + 1 || event.previousHash !== head.hash)
        this.problems.push(`${where} does not follow its stream's chain`);
      hash = chainHash(event.previousHash, event);
      if (hash !== event.hash) this.problems.push(`${where}: its content does not match its hash (changed)`);
    }
    const settled = head.type !== null && SETTLEMENT_TYPES.has(head.type) ? head.beforeSettlement : null;
    if (event.type === 'YearClosed') this.checkSeal(event, settled ?? head, where);
    this.heads.set(event.stream, {
      revision: event.revision,
      hash,
      type: event.type,
      beforeSettlement: SETTLEMENT_TYPES.has(event.type) ? (settled ?? { revision: head.revision, hash: head.hash }) : null,
    });
    this.link = logChainHash(this.link, event.position, hash);
    this.lastPosition = event.position;
    this.checkCheckpoints(event.position);
  }

  /** A closed year's seal names the year stream's last event before its settlement: its revision and its hash. */
  private checkSeal(event: AuditedEvent, before: { revision: number; hash: string }, where: string): void {
    const seal = (event.data as { seal?: { revision?: unknown; hash?: unknown } } | null)?.seal;
    this.sealed += 1;
    if (!seal || seal.revision !== before.revision || seal.hash !== before.hash)
      this.problems.push(
        `${where}: the seal of the closed year (revision ${String(seal?.revision)}, ${String(seal?.hash).slice(0, 12)}…) does not match the year's last event before its settlement (revision ${before.revision}, ${before.hash.slice(0, 12)}…)`,
      );
  }

  private checkCheckpoints(position: number): void {
    while (this.pending.length > 0 && this.pending[0]!.position <= position) {
      const checkpoint = this.pending.shift()!;
      this.checked += 1;
      if (checkpoint.position < position)
        this.problems.push(
          `there is no event at position ${checkpoint.position}, which ${describe(checkpoint)} covers: events were removed or moved`,
        );
      else if (checkpoint.logHash !== this.link)
        this.problems.push(
          `the log up to position ${position} is not the one ${describe(checkpoint)} covers: an event at or before it was changed, removed, added or moved`,
        );
      else this.covered = Math.max(this.covered, position);
    }
  }

  finish(): AuditReport {
    const notes: string[] = [];
    for (const checkpoint of this.pending) {
      this.checked += 1;
      this.problems.push(
        `the log ends at position ${this.lastPosition}, but ${describe(checkpoint)} covers up to position ${checkpoint.position}: events at the end were removed`,
      );
    }
    if (this.options.checkpoints && this.lastPosition > this.covered)
      notes.push(`positions ${this.covered + 1}–${this.lastPosition} (after the last checkpoint that holds) are covered by no signature`);
    return {
      ok: this.problems.length === 0,
      problems: this.problems,
      notes,
      eventsChecked: this.events,
      yearsSealed: this.sealed,
      checkpointsChecked: this.checked,
      coveredPosition: this.covered,
      lastPosition: this.lastPosition,
      logHead: { position: this.lastPosition, hash: this.link },
    };
  }
}

/** Audits a log read in log order. */
export async function auditLog(events: AsyncIterable<AuditedEvent> | Iterable<AuditedEvent>, options: AuditOptions): Promise<AuditReport> {
  const auditor = new LogAuditor(options);
  for await (const event of events) auditor.add(event);
  return auditor.finish();
}
