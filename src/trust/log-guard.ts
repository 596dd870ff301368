import type { KeyObject } from 'node:crypto';
import type { StoredRecord } from '../../events/catalogue.js';
import type { LogChainHead } from '../store/log-chain.js';
import { hasSynchronousLog, type EventStore } from '../store/port.js';
import { LogAuditor, type AuditOptions, type AuditReport } from './audit.js';
import { readCheckpoints, type Checkpoint } from './checkpoints.js';

/**
 * The guard before every signature: the log as the store holds it now, recomputed from
 * the events' content, held to every checkpoint this key signed before. Someone who can
 * write the store file but does not hold the key can recompute every hash in it; without
 * this check the next settlement, scheduled or shutdown checkpoint would sign their
 * forgery. When the log and a checkpoint disagree the ledger signs nothing, and keeps
 * refusing — every check reads the store afresh — until an operator restores a copy that
 * holds or takes a new key into use (docs/operations.md).
 */

/** `unchecked`: no check has run yet; `checking`: the first is running; `holds`; `refused`. */
type GuardState = 'unchecked' | 'checking' | 'holds' | 'refused';

export interface GuardStatus {
  state: GuardState;
  /** When the last check finished (ISO-8601). */
  checkedAt: string | null;
  /** The last position the check read. */
  position: number;
  /** The last position a checkpoint covers and the log holds to. */
  coveredPosition: number;
  /** Checkpoints of this key held to the log. */
  checkpoints: number;
  /** The last checkpoint of this key, if any. */
  lastCheckpoint: Pick<Checkpoint, 'position' | 'signedAt' | 'reason'> | null;
  /** SHA-256 of the public key whose checkpoints are checked. */
  keyId: string;
  /** What disagrees (empty unless refused). */
  problems: string[];
}

export interface GuardResult {
  status: GuardStatus;
  /** The head of the log chain recomputed from the events' content: what may be signed. */
  head: LogChainHead;
}

/** A signature refused because the log does not hold to the checkpoints signed before. */
export class CheckpointRefusedError extends Error {
  readonly code = 'checkpoint-refused';
  constructor(readonly status: GuardStatus) {
    super(refusalMessage(status));
    this.name = 'CheckpointRefusedError';
  }
}

/** The refusal in words an operator reads, with what to run. */
export function refusalMessage(status: GuardStatus): string {
  const last = status.lastCheckpoint;
  const against = last ? ` (siste sjekkpunkt: posisjon ${last.position}, signert ${last.signedAt})` : '';
  return (
    `loggen stemmer ikke med sjekkpunktene som er signert før${against}: ${status.problems.slice(0, 3).join('; ')}` +
    `${status.problems.length > 3 ? `; og ${status.problems.length - 3} til` : ''}. ` +
    'Ingen sjekkpunkter signeres før en operatør har ordnet dette: finn endringen med ' +
    '«ledger verify --checkpoints FIL --public-key FIL», og gjenopprett en kopi som holder («ledger restore KATALOG --store …») ' +
    'eller, om endringen er forstått og godtatt, ta i bruk en ny signeringsnøkkel (docs/operations.md#key-rotation).'
  );
}

const EVENTS_PER_TURN = 2000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The whole log through the auditor, giving the event loop a turn every
 * `EVENTS_PER_TURN` events (a server keeps answering while it checks); a store that reads
 * synchronously is read so, without an await per event.
 */
async function auditStore(store: EventStore, options: AuditOptions): Promise<AuditReport> {
  const auditor = new LogAuditor(options);
  let count = 0;
  const records: Iterable<StoredRecord> | AsyncIterable<StoredRecord> = hasSynchronousLog(store)
    ? store.readAllSync({ afterPosition: 0 })
    : store.readAll();
  if (Symbol.iterator in records)
    for (const record of records) {
      auditor.add(record);
      if (++count % EVENTS_PER_TURN === 0) await nextTurn();
    }
  else
    for await (const record of records) {
      auditor.add(record);
      if (++count % EVENTS_PER_TURN === 0) await nextTurn();
    }
  return auditor.finish();
}

export class LogGuard {
  private status: GuardStatus;
  private running: Promise<GuardResult> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly key: { publicKey: KeyObject; keyId: string },
    private readonly file: string,
    private readonly options: { clock?: () => Date; onRefused?: (status: GuardStatus) => void } = {},
  ) {
    this.status = {
      state: 'unchecked',
      checkedAt: null,
      position: 0,
      coveredPosition: 0,
      checkpoints: 0,
      lastCheckpoint: null,
      keyId: key.keyId,
      problems: [],
    };
  }

  /** The outcome of the last check. */
  current(): GuardStatus {
    return this.status;
  }

  /** Checks the log now (a check already running is shared). */
  check(): Promise<GuardResult> {
    if (this.status.state === 'unchecked') this.status = { ...this.status, state: 'checking' };
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<GuardResult> {
    const checkpoints = readCheckpoints(this.file).filter((checkpoint) => checkpoint.keyId === this.key.keyId);
    const audit = await auditStore(this.store, {
      recomputeHashes: true,
      ...(checkpoints.length > 0 ? { checkpoints: { list: checkpoints, publicKey: this.key.publicKey } } : {}),
    });
    const last = checkpoints.reduce<Checkpoint | null>((found, next) => (!found || next.position >= found.position ? next : found), null);
    this.status = {
      state: audit.ok ? 'holds' : 'refused',
      checkedAt: (this.options.clock ?? (() => new Date()))().toISOString(),
      position: audit.lastPosition,
      coveredPosition: audit.coveredPosition,
      checkpoints: audit.checkpointsChecked,
      lastCheckpoint: last ? { position: last.position, signedAt: last.signedAt, reason: last.reason } : null,
      keyId: this.key.keyId,
      problems: audit.problems,
    };
    if (!audit.ok) this.options.onRefused?.(this.status);
    return { status: this.status, head: audit.logHead };
  }
}
