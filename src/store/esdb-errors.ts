import { ErrorType, WrongExpectedVersionError } from '@eventstore/db-client';
import { StoreUnavailableError } from './errors.js';
import { redact } from './esdb-connection.js';

/**
 * How the EventStoreDB client's errors map onto the port's, and which of them are worth
 * trying again: the answers of a cluster that is electing a leader or of a node that is
 * starting. Pure: unit tested.
 */

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return (
    error instanceof WrongExpectedVersionError ||
    (error instanceof Error && (error as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION)
  );
}

/** The stream's actual revision from the client's WrongExpectedVersionError (null: no stream). */
export function actualRevisionOf(error: WrongExpectedVersionError): number | null {
  const actual: unknown = error.actualVersion;
  if (typeof actual === 'bigint') return actual < 0n ? null : Number(actual);
  if (typeof actual === 'number') return actual < 0 ? null : actual;
  return null;
}

/** gRPC status codes of a server not reached, not answering in time, or cancelling: 1 CANCELLED, 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE. */
const PASSING_GRPC_CODES = new Set([1, 4, 14]);
const PASSING_ERROR_TYPES = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
]);
const REFUSING_ERROR_TYPES = new Set<string>([ErrorType.ACCESS_DENIED, 'not-authenticated']);

/**
 * Whether an error is one that passes: no leader yet, a node not ready, a dropped
 * connection, an answer too late. The client 6.2.1 does not know the server's
 * "not ready" answer and reports it as an unknown error naming it; cluster discovery
 * fails with a plain Error; some paths pass the raw gRPC error with a numeric code.
 */
export function isPassing(error: unknown): boolean {
  // Already tried again until the budget was spent.
  if (!(error instanceof Error) || error instanceof StoreUnavailableError) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (typeof type === 'string') {
    if (PASSING_ERROR_TYPES.has(type)) return true;
    if (type === String(ErrorType.UNKNOWN)) return /not ready|not leader|connection dropped/i.test(error.message);
    return false;
  }
  if (typeof code === 'number') return PASSING_GRPC_CODES.has(code);
  if (typeof code === 'string' && ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE'].includes(code))
    return true;
  return /Failed to discover|No connection established|ECONNREFUSED|not ready|connection dropped/i.test(error.message);
}

/** Whether the server refused the ledger's user (wrong password, no rights): trying again will not help. */
function isRefused(error: unknown): boolean {
  return error instanceof Error && REFUSING_ERROR_TYPES.has(String((error as { type?: unknown }).type));
}

/** Whether the server refused an append as larger than its maximum append size. */
function isAppendTooLarge(error: unknown): boolean {
  return error instanceof Error && (error as { type?: unknown }).type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && (error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND;
}

/** The text of an error, cleaned of the connection's secret. */
export function messageOf(error: unknown, secrets: readonly string[]): string {
  return redact(error instanceof Error ? error.message : String(error), secrets);
}

/**
 * A client error as the store throws it: a passing or refusing answer becomes
 * StoreUnavailableError naming the server (HTTP 503), an append over the server's limit a
 * RangeError saying so; messages never carry the connection's secret.
 */
export function translateClientError(error: unknown, server: string, doing: string, secrets: readonly string[]): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (isPassing(error) || isRefused(error)) {
    const what = isRefused(error) ? 'refused access' : 'is unavailable';
    return new StoreUnavailableError(`EventStoreDB at ${server} ${what} while ${doing}: ${messageOf(error, secrets)}`);
  }
  if (isAppendTooLarge(error))
    return new RangeError(
      `EventStoreDB at ${server} refused the append as larger than its maximum append size (1 MiB by default) while ${doing}; record fewer commands at once`,
    );
  if (error instanceof Error && secrets.some((secret) => error.message.includes(secret))) {
    const clean = new Error(messageOf(error, secrets));
    clean.name = error.name;
    return clean;
  }
  return error;
}

/** A stored event the ledger cannot use: not written by the ledger, or its ledger metadata is damaged. */
export class LedgerEventFormatError extends Error {
  readonly code = 'ledger-event-format';
  constructor(
    readonly streamName: string,
    readonly revision: number,
    readonly problem: string,
  ) {
    super(`event ${streamName}@${revision}: ${problem}`);
    this.name = 'LedgerEventFormatError';
  }
}

/** How long and how often passing failures are tried again. */
export interface RetryPolicy {
  /** Give up after this long. @defaultValue 20 000 ms (a three-node cluster elects a new leader in a few seconds) */
  budgetMs: number;
  /** The first pause; each later one doubles, up to `maxDelayMs`, with jitter. @defaultValue 100 ms */
  firstDelayMs: number;
  /** @defaultValue 2 000 ms */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { budgetMs: 20_000, firstDelayMs: 100, maxDelayMs: 2_000 };

/** The pauses between tries, and the clock they are measured on (replaced in unit tests). */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A back-off over passing failures: `next(error)` resolves after the pause when the error
 * passes and the budget is not spent, and returns false (the caller then gives up) when
 * the error does not pass or the budget is spent.
 */
export class BackOff {
  private readonly deadline: number;
  private delay: number;
  tries = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly clock: RetryClock = REAL_CLOCK,
  ) {
    this.deadline = clock.now() + policy.budgetMs;
    this.delay = policy.firstDelayMs;
  }

  async next(error: unknown): Promise<boolean> {
    if (!isPassing(error)) return false;
    const left = this.deadline - this.clock.now();
    if (left <= 0) return false;
    const pause = Math.min(left, this.delay * (0.5 + Math.random() / 2));
    this.delay = Math.min(this.delay * 2, this.policy.maxDelayMs);
    this.tries += 1;
    await this.clock.sleep(pause);
    return true;
  }
}

/** Runs `work` again after passing failures, with back-off, until it succeeds or the budget is spent; then throws the translated error. */
export async function withRetries<T>(
  work: () => Promise<T>,
  policy: RetryPolicy,
  translate: (error: unknown) => unknown,
  clock: RetryClock = REAL_CLOCK,
): Promise<T> {
  const backOff = new BackOff(policy, clock);
  for (;;) {
    try {
      return await work();
    } catch (error: unknown) {
      if (!(await backOff.next(error))) throw translate(error);
    }
  }
}
