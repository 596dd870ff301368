import type { GuardStatus } from '../trust/log-guard.js';
import { refusalMessage } from '../trust/log-guard.js';
import type { BackupRecord } from './last-backup.js';

/**
 * What the operator and the auditor are told of the ledger's own upkeep: whether the log
 * holds to the checkpoints signed before (and so whether new ones are signed), and when
 * the last backup was made. The composition root supplies it; the health route shows it
 * to those who may read the event log (the secretariat and auditors), and the page
 * turns it into a banner and a line.
 */
export interface OperationsStatus {
  /** The signing guard's last outcome; null when no signing key is set. */
  checkpoints(): GuardStatus | null;
  /** The last backup recorded beside the store; null when none is. */
  lastBackup(): BackupRecord | null;
}

/** `checkpoints` and `lastBackup` of /api/health. */
export interface OperationsHealth {
  checkpoints:
    | { state: 'not-configured' }
    | {
        state: GuardStatus['state'];
        checkedAt: string | null;
        coveredPosition: number;
        lastCheckpoint: GuardStatus['lastCheckpoint'];
        keyId: string;
        problems: string[];
        /** Set when refused: what is wrong and what the operator runs. */
        message?: string;
      };
  lastBackup: Pick<BackupRecord, 'madeAt' | 'events' | 'position'> | null;
}

export function operationsHealth(status: OperationsStatus | undefined): OperationsHealth {
  const guard = status?.checkpoints() ?? null;
  const backup = status?.lastBackup() ?? null;
  return {
    checkpoints: guard
      ? {
          state: guard.state,
          checkedAt: guard.checkedAt,
          coveredPosition: guard.coveredPosition,
          lastCheckpoint: guard.lastCheckpoint,
          keyId: guard.keyId,
          problems: guard.problems,
          ...(guard.state === 'refused' ? { message: refusalMessage(guard) } : {}),
        }
      : { state: 'not-configured' },
    lastBackup: backup ? { madeAt: backup.madeAt, events: backup.events, position: backup.position } : null,
  };
}
