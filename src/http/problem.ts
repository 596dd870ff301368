import { CommandValidationError, IdempotencyKeyReusedError, LogLostError, type ValidationIssue } from '../app/errors.js';
import { isDomainError, type DomainError } from '../domain/errors.js';
import { ConcurrencyError, StoreUnavailableError } from '../store/errors.js';
import { FigureNotFoundError } from '../../projections/queries.js';
import { InvalidStoredEventError } from '../../events/catalogue.js';
import { refusalText, type RefusalNames } from '../shared/refusals.js';
import { words, type Lang, type Words } from '../shared/format.js';
import { issuesText } from '../shared/issue-words.js';
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

const titles: Record<string, Words> = {
  'invalid-json': words('Ugyldig JSON', 'Malformed JSON'),
  'invalid-command': words('Ugyldig kommando', 'Invalid command'),
  'invalid-query': words('Ugyldig spørring', 'Invalid query'),
  'invalid-request': words('Ugyldig forespørsel', 'Invalid request'),
  'invalid-path': words('Ugyldig sti', 'Invalid path'),
  'missing-idempotency-key': words('Idempotensnøkkel mangler', 'Idempotency key required'),
  'invalid-if-match': words('Ugyldig If-Match', 'Invalid If-Match header'),
  unauthenticated: words('Innlogging kreves', 'Authentication required'),
  'invalid-credentials': words('Feil brukernavn, passord eller nøkkel', 'Invalid credentials'),
  forbidden: words('Ikke tillatt for rollen', 'Not allowed for this role'),
  'not-own-vote': words('Et medlem stemmer bare i eget navn', 'A member votes only in their own name'),
  'csrf-token-invalid': words('CSRF-nøkkelen mangler eller er feil', 'CSRF token missing or wrong'),
  'not-found': words('Finnes ikke', 'Not found'),
  'case-not-found': words('Saken finnes ikke', 'Case not found'),
  'figure-not-found': words('Posten finnes ikke', 'Figure not found'),
  'concurrency-conflict': words('Samtidig endring', 'Concurrent change'),
  'precondition-failed': words('Forutsetningen holder ikke', 'Precondition failed'),
  'idempotency-key-reused': words('Idempotensnøkkelen er brukt før', 'Idempotency key reused'),
  'body-too-large': words('For stort innhold', 'Request body too large'),
  'unsupported-media-type': words('Innholdstypen støttes ikke', 'Unsupported media type'),
  'store-unavailable': words('Hendelseslageret svarer ikke', 'Event store unavailable'),
  'not-a-ledger-document': words('Ikke et dokument fra registeret', 'Not a document of the ledger'),
  'document-setting-missing': words('En innstilling dokumentet trenger, mangler', 'A setting the document needs is missing'),
  'amount-not-representable': words('Et beløp formatet ikke kan holde', 'An amount the format cannot hold'),
  'internal-error': words('Intern feil', 'Internal error'),
  'too-many-sign-in-attempts': words('For mange mislykkede innlogginger', 'Too many failed sign-ins'),
  'sign-in-busy': words('For mange innlogginger samtidig', 'Too many sign-ins at once'),
  'invalid-utf8': words('Innholdet er ikke UTF-8', 'Body is not UTF-8'),
  'duplicate-json-key': words('Samme nøkkel to ganger i JSON', 'Duplicate key in JSON'),
  'event-outside-contract': words('Resultatet kan ikke registreres', 'The result cannot be recorded'),
  'log-lost': words('Hendelseslageret har mistet hendelser registeret har vist', 'The event store lost events the ledger has shown'),
  'json-too-deep': words('JSON er nøstet for dypt', 'JSON nested too deep'),
  'sheet-invalid': words('Regnearket kan ikke importeres slik det er', 'The spreadsheet cannot be imported as it is'),
};

/** A rule of the ledger was broken (DomainError codes); the title says so, the code says which. */
const RULE_BROKEN_TITLE = words('Registeret avviste kommandoen etter en av sine regler', 'A rule of the ledger was broken');

export function problemTitle(code: string, lang: Lang = 'en'): string {
  return (titles[code] ?? RULE_BROKEN_TITLE)[lang];
}

/** An error the HTTP layer raises itself, with its status and stable code. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: Words,
    readonly extra: { issues?: ValidationIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(detail.en);
    this.name = 'HttpProblem';
  }
}

const issuesWords = (issues: readonly ValidationIssue[], nb: string, en: string): Words =>
  words(`${nb}: ${issuesText(issues, 'nb')}`, `${en}: ${issuesText(issues, 'en')}`);

export const invalidQuery = (issues: ValidationIssue[]) =>
  new HttpProblem(400, 'invalid-query', issuesWords(issues, 'Spørringen er ugyldig', 'The query is invalid'), { issues });

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
  detail: Words;
  issues?: ValidationIssue[];
  details?: Record<string, unknown>;
  /** Logged with the error: a failure the server did not mean to answer with. */
  unexpected: boolean;
}

interface ProblemContext {
  /** The request sent If-Match, so a concurrent change is a failed precondition. */
  ifMatch: boolean;
  /** The names a refusal's words use (looked up beforehand: the words name things, not ids). */
  names?: RefusalNames | undefined;
}

/** One family of errors: its problem, or undefined when the error is not of the family. */
type ProblemMapper = (error: unknown, context: ProblemContext) => WireProblem | undefined;

/** A rule's refusal in words, with names; its log message when the words cannot be written. */
function refusalWords(error: DomainError, names: RefusalNames | undefined): Words {
  const details = error.details as Record<string, unknown>;
  const say = (lang: Lang) => refusalText(error.code, details, lang, names) ?? error.message;
  return words(say('nb'), say('en'));
}

/** Errors the ledger raises on purpose: the HTTP layer's own, invalid commands, broken rules, a reused key. */
function ledgerProblem(error: unknown, context: ProblemContext): WireProblem | undefined {
  if (error instanceof HttpProblem)
    return { status: error.status, code: error.code, detail: error.detail, ...error.extra, unexpected: false };
  if (error instanceof CommandValidationError)
    return {
      status: 400,
      code: 'invalid-command',
      detail: issuesWords(error.issues, 'Kommandoen er ugyldig', 'The command is invalid'),
      issues: error.issues,
      unexpected: false,
    };
  if (isDomainError(error))
    return { status: 422, code: error.code, detail: refusalWords(error, context.names), details: error.details, unexpected: false };
  if (error instanceof IdempotencyKeyReusedError)
    return {
      status: 422,
      code: 'idempotency-key-reused',
      detail: words(
        `Idempotensnøkkelen «${error.idempotencyKey}» er brukt før til en annen kommando; bruk en ny nøkkel til en ny kommando.`,
        error.message,
      ),
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
        detail: words(
          'If-Match holder ikke: det du så, er endret siden; ingenting ble registrert. Last på nytt.',
          `If-Match does not hold: ${error.message}; nothing was recorded`,
        ),
        details,
        unexpected: false,
      }
    : {
        status: 409,
        code: 'concurrency-conflict',
        detail: words(
          'Noe annet ble registrert i samme øyeblikk; ingenting ble registrert. Prøv igjen.',
          `${error.message}; nothing was recorded, try again`,
        ),
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
      detail: words(
        `Kommandoen ville registrert en hendelse registeret ikke tillater (${error.issues.join('; ')}); ingenting ble registrert.`,
        `the command would record an event the ledger's contract does not allow (${error.issues.join('; ')}); nothing was recorded`,
      ),
      details: { eventType: error.record.type, stream: error.record.stream },
      unexpected: true,
    };
  if (error instanceof FigureNotFoundError) return { status: 404, code: 'figure-not-found', detail: error.words, unexpected: false };
  if (error instanceof LogLostError) return logLostProblem(error);
  if (error instanceof StoreUnavailableError)
    return {
      status: 503,
      code: 'store-unavailable',
      detail: words('Hendelseslageret svarer ikke; ingenting ble registrert.', 'the event store cannot be reached; nothing was recorded'),
      unexpected: true,
    };
  return undefined;
}

/** The read side stopped answering from a log the store no longer holds (the store's address stays out: health tells the auditor). */
function logLostProblem(error: LogLostError): WireProblem {
  return {
    status: 503,
    code: 'log-lost',
    detail: words(
      `hendelseslageret har ikke lenger det registeret har vist (tallene sto ved posisjon ${error.shownPosition}; ` +
        `loggen ${error.logHead < error.shownPosition ? `slutter nå ved ${error.logHead}` : 'har nå en annen hendelse der'}), så ingen tall gis ` +
        'før driftsansvarlig gjenoppretter lagerets data eller starter registerserveren på nytt for å bygge tallene fra loggen slik den står',
      `the event store no longer holds what the ledger has shown (the figures stood at position ${error.shownPosition}; ` +
        `the log now ${error.logHead < error.shownPosition ? `ends at ${error.logHead}` : 'holds another event there'}), so no figures are given ` +
        'until the operator restores the store’s data or restarts the ledger server to rebuild the figures from the log as it stands',
    ),
    details: { shownPosition: error.shownPosition, logHead: error.logHead },
    unexpected: true,
  };
}

/** A request express could not read: a malformed path, or a body the body parser refused. */
function requestProblem(error: unknown): WireProblem | undefined {
  // The router could not decode a percent-escape in the path (`/api/years/%%/frame`).
  if (error instanceof URIError)
    return {
      status: 400,
      code: 'invalid-path',
      detail: words(`Stien har en ugyldig prosent-koding: ${error.message}`, `the path has a malformed percent-escape: ${error.message}`),
      unexpected: false,
    };
  if (!isBodyParserError(error)) return undefined;
  switch (error.type) {
    case 'entity.parse.failed':
      return {
        status: 400,
        code: 'invalid-json',
        detail: words(`Innholdet er ikke gyldig JSON: ${error.message}`, `the request body is not valid JSON: ${error.message}`),
        unexpected: false,
      };
    case 'entity.too.large':
      return {
        status: 413,
        code: 'body-too-large',
        detail: words('Innholdet er større enn API-et tar imot.', 'the request body is larger than the API accepts'),
        unexpected: false,
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        status: 415,
        code: 'unsupported-media-type',
        detail: words(`${error.message}; send application/json i UTF-8`, `${error.message}; send application/json in UTF-8`),
        unexpected: false,
      };
    default:
      if (error.status !== undefined && error.status >= 400 && error.status < 500)
        return { status: error.status, code: 'invalid-request', detail: words(error.message, error.message), unexpected: false };
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
    detail: words(
      'Noe uventet gikk galt; send kommandoen igjen med samme Idempotency-Key for å få vite om den ble registrert.',
      'an unexpected error occurred; to learn whether a command was recorded, send it again with the same Idempotency-Key',
    ),
    unexpected: true,
  };
}
