import type { AfterSettlement } from '../app/settlement.js';
import type { Ledger } from '../ledger.js';
import { hasLogChain } from '../store/port.js';
import { Checkpointer } from '../trust/checkpointer.js';
import { CheckpointRefusedError, refusalMessage, type GuardStatus } from '../trust/log-guard.js';
import { loadSigningKey } from '../trust/signing-key.js';
import { lastBackupPathOf, readLastBackup, type BackupRecord } from './last-backup.js';
import type { Logger } from './logger.js';
import type { MetricsSources } from './metrics.js';
import type { OperationsStatus } from './status.js';

/**
 * The server's upkeep, wired by the composition root: the signing key's checkpointer with
 * its schedule, the guard that holds the log to the checkpoints at start and before every
 * signature, the record of the last backup, and what the health route and the metrics
 * read of them.
 */
export interface OperationsSettings {
  storeSetting: string;
  /** LEDGER_SIGNING_KEY; no checkpoints without it. */
  signingKey: string | undefined;
  /** Every so many minutes a checkpoint is signed when the log has moved; 0 for none. */
  checkpointMinutes: number;
  logger: Logger;
}

export interface ServerOperations {
  status: OperationsStatus;
  metricsSources: Pick<MetricsSources, 'checkpoints' | 'lastBackup'>;
  afterSettlement: AfterSettlement | undefined;
  /** Checks the log against the checkpoints in the background (at start); a refusal is logged. */
  checkAtStart(): void;
  /** Stops the schedule and signs the shutdown checkpoint (unless refused). */
  stop(): Promise<void>;
}

/** Thrown for a setting the server cannot start with (the composition root exits 2 on it). */
export class OperationsSettingError extends Error {}

function checkpointerOf(ledger: Ledger, settings: OperationsSettings): Checkpointer | null {
  if (!settings.signingKey) {
    settings.logger.warn('LEDGER_SIGNING_KEY is not set: no checkpoints are signed (see docs/security.md)');
    return null;
  }
  const { store } = ledger;
  if (!hasLogChain(store))
    throw new OperationsSettingError(`${store.description} keeps no log chain, so LEDGER_SIGNING_KEY cannot be used with it`);
  try {
    return new Checkpointer(store, loadSigningKey(settings.signingKey), undefined, {
      onRefused: (status: GuardStatus) =>
        settings.logger.error(
          { event: 'checkpoint-refused', problems: status.problems, lastCheckpoint: status.lastCheckpoint, keyId: status.keyId },
          `THE LOG DOES NOT HOLD TO ITS SIGNED CHECKPOINTS; no checkpoint is signed: ${refusalMessage(status)}`,
        ),
    });
  } catch (error: unknown) {
    throw new OperationsSettingError(error instanceof Error ? error.message : String(error));
  }
}

export function startOperations(ledger: Ledger, settings: OperationsSettings): ServerOperations {
  const { logger } = settings;
  const checkpointer = checkpointerOf(ledger, settings);
  const backupPath = lastBackupPathOf(settings.storeSetting);
  let lastBackup: { read: number; record: BackupRecord | null } = { read: 0, record: null };
  // Read again at most every few seconds: `ledger backup` writes it from another process.
  const backup = () => {
    if (Date.now() - lastBackup.read > 5000) lastBackup = { read: Date.now(), record: readLastBackup(backupPath) };
    return lastBackup.record;
  };
  const reportFailure = (error: unknown) => {
    // A refusal is logged by the guard itself, once per check.
    if (error instanceof CheckpointRefusedError) return;
    logger.error(
      { event: 'checkpoint-failed', err: error },
      `signing a checkpoint failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  };
  const signed = (checkpoint: { position: number; reason: string } | null) => {
    if (checkpoint)
      logger.info({ event: 'checkpoint-signed', position: checkpoint.position, reason: checkpoint.reason }, 'checkpoint signed');
  };
  const timer =
    checkpointer && settings.checkpointMinutes > 0
      ? setInterval(() => void checkpointer.signIfMoved('schedule').then(signed, reportFailure), settings.checkpointMinutes * 60_000)
      : null;
  timer?.unref();
  return {
    status: { checkpoints: () => checkpointer?.guard.current() ?? null, lastBackup: backup },
    metricsSources: {
      checkpoints: () => (checkpointer ? { guard: checkpointer.guard.current(), lastSignedAt: checkpointer.lastSignedAt() } : null),
      lastBackup: backup,
    },
    afterSettlement: checkpointer
      ? async (outcome) => {
          // The settlement is recorded either way; a refused or failed signature is logged.
          await checkpointer.sign(`settlement ${outcome.year}`).then(signed, reportFailure);
        }
      : undefined,
    checkAtStart() {
      checkpointer?.guard.check().then(({ status }) => {
        if (status.state === 'holds')
          logger.info(
            { event: 'checkpoints-hold', coveredPosition: status.coveredPosition, checkpoints: status.checkpoints },
            'the log holds to its signed checkpoints',
          );
      }, reportFailure);
    },
    async stop() {
      if (!checkpointer) return;
      if (timer) clearInterval(timer);
      await checkpointer.signIfMoved('shutdown').then(signed, reportFailure);
    },
  };
}
