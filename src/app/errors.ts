import type { Words } from '../shared/format.js';

/** One problem with a command's input, with the path of the field it concerns; `message` in English, `words` in both languages. */
export interface ValidationIssue {
  path: string;
  message: string;
  words?: Words;
}

/** An issue with its words in bokmål and English. */
export function issueAt(path: string, words: Words): ValidationIssue {
  return { path, message: words.en, words };
}

/** A command or query did not parse: every issue is listed with its field path. */
export class CommandValidationError extends Error {
  readonly code = 'invalid-command';
  constructor(readonly issues: ValidationIssue[]) {
    super(`the command is invalid: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`);
    this.name = 'CommandValidationError';
  }
}

/** An idempotency key was used again for a different command. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'idempotency-key-reused';
  constructor(readonly idempotencyKey: string) {
    super(`idempotency key "${idempotencyKey}" was already used for a different command; use a new key for a new command`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * The log no longer holds what the read side has shown: it ends before the view's last
 * event, or holds another event there (a server that restarted without its data, an older
 * copy of the store restored). The read side stops answering from the lost log until the
 * store holds that event again or the operator accepts the log as it stands.
 */
export class LogLostError extends Error {
  readonly code = 'log-lost';
  constructor(
    readonly store: string,
    /** The last position the read side had shown, and where the log ends now. */
    readonly shownPosition: number,
    readonly logHead: number,
  ) {
    super(
      `${store} no longer holds what the ledger has shown: the figures stood at position ${shownPosition}, ` +
        `but the log ${logHead < shownPosition ? `ends at ${logHead}` : `holds another event at ${shownPosition}`}. ` +
        'No figures are given from the lost log. Restore the store’s data, or accept the log as it stands: restart the ledger server ' +
        '(it rebuilds its figures from the log) and run `ledger rebuild` for the command line.',
    );
    this.name = 'LogLostError';
  }
}

/** A command of a batch was refused or invalid: nothing of the batch was recorded. */
export class BatchCommandError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`command ${index + 1}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'BatchCommandError';
  }
}
