import { CommandValidationError, IdempotencyKeyReusedError, LogLostError, type ValidationIssue } from '../app/errors.js';
import { DomainError } from '../domain/errors.js';
import { ConcurrencyError, StoreUnavailableError } from '../store/errors.js';
import { FigureNotFoundError } from '../../projections/queries.js';
import { InvalidStoredEventError } from '../../events/catalogue.js';
import { formatETag } from './etag.js';

/**
 * Every error leaves the API as `application/problem+json` (RFC 9457):
 * `type` is `/problems/<code>`, `code` is the stable machine-readable name,
 * `detail` says in words what went wrong. Validation problems list every `issues`
 * entry with its field path; rule violations carry the figures in `details`.
 */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  issues?: ValidationIssue[];
  details?: Record<string, unknown>;
}

const titles: Record<string, string> = {
  'invalid-json': 'Malformed JSON',
  'invalid-command': 'Invalid command',
  'invalid-query': 'Invalid query',
  'invalid-request': 'Invalid request',
  'missing-idempotency-key': 'Idempotency key required',
  'invalid-if-match': 'Invalid If-Match header',
  unauthenticated: 'Authentication required',
  'invalid-credentials': 'Invalid credentials',
  forbidden: 'Not allowed for this role',
  'not-own-vote': 'A member votes only in their own name',
  'csrf-token-invalid': 'CSRF token missing or wrong',
  'not-found': 'Not found',
  'case-not-found': 'Case not found',
  'figure-not-found': 'Figure not found',
  'concurrency-conflict': 'Concurrent change',
  'precondition-failed': 'Precondition failed',
  'idempotency-key-reused': 'Idempotency key reused',
  'body-too-large': 'Request body too large',
  'unsupported-media-type': 'Unsupported media type',
  'store-unavailable': 'Event store unavailable',
  'log-lost': 'The event store lost events the ledger has shown',
  'not-a-ledger-document': 'Not a document of the ledger',
  'document-setting-missing': 'A setting the document needs is missing',
  'amount-not-representable': 'An amount the format cannot hold',
  'internal-error': 'Internal error',
  'too-many-sign-in-attempts': 'Too many failed sign-ins',
  'sign-in-busy': 'Too many sign-ins at once',
  'invalid-utf8': 'Body is not UTF-8',
  'duplicate-json-key': 'Duplicate key in JSON',
  'json-too-deep': 'JSON nested too deep',
  'event-outside-contract': 'The result cannot be recorded',
  'sheet-invalid': 'The spreadsheet cannot be imported as it is',
};

/** A rule of the ledger was broken (DomainError codes); the title says so, the code says which. */
const RULE_BROKEN_TITLE = 'A rule of the ledger was broken';

export function problemTitle(code: string): string {
  return titles[code] ?? RULE_BROKEN_TITLE;
}

/** An error the HTTP layer raises itself, with its status and stable code. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly extra: { issues?: ValidationIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const invalidQuery = (issues: ValidationIssue[]) =>
  new HttpProblem(400, 'invalid-query', `the query is invalid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, {
    issues,
  });

interface BodyParserError {
  type: string;
  status?: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    error instanceof Error &&
    typeof (error as { type?: unknown }).type === 'string' &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}

/** What an error becomes on the wire, before the request's own fields (instance, request id) are added. */
export interface WireProblem {
  status: number;
  code: string;
  detail: string;
  issues?: ValidationIssue[];
  details?: Record<string, unknown>;
  /** Logged with the error: a failure the server did not mean to answer with. */
  unexpected: boolean;
}

interface ProblemContext {
  /** The request sent If-Match, so a concurrent change is a failed precondition. */
  ifMatch: boolean;
}

/** One family of errors: its problem, or undefined when the error is not of the family. */
type ProblemMapper = (error: unknown, context: ProblemContext) => WireProblem | undefined;

/** Errors the ledger raises on purpose: the HTTP layer's own, invalid commands, broken rules, a reused key. */
function ledgerProblem(error: unknown): WireProblem | undefined {
  if (error instanceof HttpProblem)
    return { status: error.status, code: error.code, detail: error.message, ...error.extra, unexpected: false };
  if (error instanceof CommandValidationError)
    return { status: 400, code: 'invalid-command', detail: error.message, issues: error.issues, unexpected: false };
  if (error instanceof DomainError)
    return { status: 422, code: error.code, detail: error.message, details: error.details, unexpected: false };
  if (error instanceof IdempotencyKeyReusedError)
    return {
      status: 422,
      code: 'idempotency-key-reused',
      detail: error.message,
      details: { idempotencyKey: error.idempotencyKey },
      unexpected: false,
    };
  return undefined;
}

/** Another writer moved the stream first: 412 when the request named the revision it expected, else 409. */
function concurrencyProblem(error: unknown, context: ProblemContext): WireProblem | undefined {
  if (!(error instanceof ConcurrencyError)) return undefined;
  const details = {
    stream: error.streamName,
    expectedRevision: error.expectedRevision,
    actualRevision: error.actualRevision,
    currentETag: formatETag(error.actualRevision),
  };
  return context.ifMatch
    ? {
        status: 412,
        code: 'precondition-failed',
        detail: `If-Match does not hold: ${error.message}; nothing was recorded`,
        details,
        unexpected: false,
      }
    : {
        status: 409,
        code: 'concurrency-conflict',
        detail: `${error.message}; nothing was recorded, try again`,
        details,
        unexpected: false,
      };
}

/** Errors below the rules: an event outside the log's contract, a figure that does not exist, a store that does not answer. */
function ledgerStateProblem(error: unknown): WireProblem | undefined {
  // An event the rules drafted that the catalogue refuses (a sum past what an amount may be)
  // is stopped before the log: nothing was recorded, and the command cannot be. Logged as unexpected.
  if (error instanceof InvalidStoredEventError && error.record.position === -1)
    return {
      status: 422,
      code: 'event-outside-contract',
      detail: `the command would record an event the ledger's contract does not allow (${error.issues.join('; ')}); nothing was recorded`,
      details: { eventType: error.record.type, stream: error.record.stream },
      unexpected: true,
    };
  if (error instanceof FigureNotFoundError) return { status: 404, code: 'figure-not-found', detail: error.message, unexpected: false };
  if (error instanceof LogLostError) return logLostProblem(error);
  if (error instanceof StoreUnavailableError)
    return { status: 503, code: 'store-unavailable', detail: 'the event store cannot be reached; nothing was recorded', unexpected: true };
  return undefined;
}

/** The read side stopped answering from a log the store no longer holds (the store's address stays out: health tells the auditor). */
export function logLostProblem(error: LogLostError): WireProblem {
  return {
    status: 503,
    code: 'log-lost',
    detail:
      `the event store no longer holds what the ledger has shown (the figures stood at position ${error.shownPosition}; ` +
      `the log now ${error.logHead < error.shownPosition ? `ends at ${error.logHead}` : `holds another event there`}), so no figures are given ` +
      'until the operator restores the store’s data or restarts the ledger server to rebuild the figures from the log as it stands',
    details: { shownPosition: error.shownPosition, logHead: error.logHead },
    unexpected: true,
  };
}

/** A request express could not read: a malformed path, or a body the body parser refused. */
function requestProblem(error: unknown): WireProblem | undefined {
  // The router could not decode a percent-escape in the path (`/api/years/%%/frame`).
  if (error instanceof URIError)
    return { status: 400, code: 'invalid-path', detail: `the path has a malformed percent-escape: ${error.message}`, unexpected: false };
  if (!isBodyParserError(error)) return undefined;
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'invalid-json', detail: `the request body is not valid JSON: ${error.message}`, unexpected: false };
    case 'entity.too.large':
      return { status: 413, code: 'body-too-large', detail: 'the request body is larger than the API accepts', unexpected: false };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        status: 415,
        code: 'unsupported-media-type',
        detail: `${error.message}; send application/json in UTF-8`,
        unexpected: false,
      };
    default:
      if (error.status !== undefined && error.status >= 400 && error.status < 500)
        return { status: error.status, code: 'invalid-request', detail: error.message, unexpected: false };
      return undefined;
  }
}

/** The families, in the order they are tried. */
const problemMappers: ProblemMapper[] = [ledgerProblem, concurrencyProblem, ledgerStateProblem, requestProblem];

/** What an error becomes on the wire; unknown errors become a 500 that reveals nothing. */
export function toProblem(error: unknown, context: ProblemContext): WireProblem {
  for (const mapper of problemMappers) {
    const problem = mapper(error, context);
    if (problem) return problem;
  }
  return {
    status: 500,
    code: 'internal-error',
    detail: 'an unexpected error occurred; to learn whether a command was recorded, send it again with the same Idempotency-Key',
    unexpected: true,
  };
}
