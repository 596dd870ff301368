import type { ExpectedRevision } from './port.js';

/** A stream was not at the revision a writer expected. Both stores throw this one error. */
export class ConcurrencyError extends Error {
  readonly code = 'concurrency-conflict';
  constructor(
    readonly streamName: string,
    readonly expectedRevision: ExpectedRevision,
    readonly actualRevision: number | null,
  ) {
    super(
      streamName === LOG
        ? `the log was expected to end at position ${String(expectedRevision)} but ends at ${String(actualRevision)}: something was recorded meanwhile`
        : `stream ${streamName} was expected at ${describeExpected(expectedRevision)} but is at ${
            actualRevision === null ? 'no stream' : `revision ${actualRevision}`
          }`,
    );
    this.name = 'ConcurrencyError';
  }

  /** The log moved on since a decision read it (an append's `expectedLogPosition`). */
  static ofLog(expectedPosition: number, actualPosition: number): ConcurrencyError {
    return new ConcurrencyError(LOG, expectedPosition, actualPosition);
  }

  /** Whether the conflict is with the whole log rather than with one stream's revision. */
  get isLogConflict(): boolean {
    return this.streamName === LOG;
  }
}

/** The name a conflict with the whole log goes by. */
const LOG = '$log';

function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? `revision ${expected}` : expected;
}

/** An append reused event ids in a way that cannot be an idempotent retry. */
export class DuplicateEventError extends Error {
  readonly code = 'duplicate-event-id';
  constructor(
    readonly eventId: string,
    detail: string,
  ) {
    super(`event id ${eventId} ${detail}`);
    this.name = 'DuplicateEventError';
  }
}

/** The store cannot be reached or refused the request; nothing was appended. */
export class StoreUnavailableError extends Error {
  readonly code = 'store-unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
