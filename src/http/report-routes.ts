import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { CaseNumberSchema } from '../../events/identifiers.js';
import { CaseNotFoundError } from '../../projections/allocation.js';
import { can, type Permission } from '../accounts/roles.js';
import type { AsOf } from '../app/ledger-reader.js';
import { documentWriters, fitsKind, formatsOf, writeDocument, type DocumentFormat } from '../documents/formats.js';
import { documentContentSecurityPolicy } from '../documents/html.js';
import type { DocumentService, DocumentSettings } from '../documents/service.js';
import { DocumentReadError, type DocumentRequest } from '../documents/source.js';
import { issueAt } from '../app/errors.js';
import { FIRST_YEAR, LAST_YEAR, isYearInRange } from '../shared/bounds.js';
import { words } from '../shared/format.js';
import { forbidden, requireAuthentication } from './auth.js';
import type { Dependencies } from './context.js';
import { HttpProblem, invalidQuery } from './problem.js';
import { asOfFrom, queryText } from './query-params.js';
import type { ParameterSpec, RouteSpec } from './routes.js';
import { responseSchema } from './openapi-schemas.js';
import { DocumentVerificationResponse } from './responses.js';

/**
 * The committee's documents over HTTP: the allocation table (HTML, CSV, XLSX), the case
 * summary (HTML) and the grants in the 360Giving standard, now or as of a date or log
 * position; and the verification of a document against the log. Reads need what the
 * reads behind them need: the figures are summaries, a case's documents read the case,
 * the grants are read from the cases that decided them.
 */

/** The largest document verify reads. @defaultValue 10 MiB */
const DOCUMENT_BODY_LIMIT = '10mb';

const documentMediaTypes = [
  'text/csv',
  'text/html',
  'application/json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** Reads the body as the bytes of a file, whatever its media type (verify tells the format from the content). */
export function documentBody(limit: string = DOCUMENT_BODY_LIMIT): RequestHandler {
  const raw = express.raw({ type: () => true, limit });
  return (req: Request, res: Response, next: NextFunction) => raw(req, res, next);
}

/** Refuses a read the account's role may not make (the guard checked the route's own permission). */
function requirePermission(res: Response, permission: Permission): void {
  const auth = requireAuthentication(res);
  if (!can(auth.account.role, permission))
    throw forbidden(auth, words(`lese ${permission.replace('read:', '')}`, permission.replace('read:', 'read ')));
}

/** What a document request needs beyond the summaries. */
function permissionOf(request: DocumentRequest): Permission {
  return request.kind === 'allocation' && !('caseNumber' in request) ? 'read:summaries' : 'read:cases';
}

function caseQuery(req: Request): string | undefined {
  const text = queryText(req, 'case');
  if (text === undefined) return undefined;
  const parsed = CaseNumberSchema.safeParse(text);
  if (!parsed.success)
    throw invalidQuery([
      issueAt('case', words('case er et saksnummer NN.ÅÅ, som 22.25', 'case must be a case number NN.YY, such as 22.25')),
    ]);
  return parsed.data;
}

function formatQuery(req: Request, kind: DocumentRequest['kind']): DocumentFormat {
  const text = queryText(req, 'format') ?? formatsOf[kind][0];
  if (!fitsKind(kind, text))
    throw invalidQuery([
      issueAt('format', words(`format må være en av ${formatsOf[kind].join(', ')}`, `format must be one of ${formatsOf[kind].join(', ')}`)),
    ]);
  return text;
}

function allocationRequest(req: Request): DocumentRequest {
  const caseNumber = caseQuery(req);
  const years = queryText(req, 'years');
  if (caseNumber !== undefined && years !== undefined)
    throw invalidQuery([issueAt('years', words('oppgi case eller years, ikke begge', 'give case or years, not both'))]);
  if (caseNumber !== undefined) return { kind: 'allocation', caseNumber };
  if (years === undefined)
    throw invalidQuery([issueAt('case', words('oppgi case=NN.ÅÅ eller years=ÅÅÅÅ,ÅÅÅÅ', 'give case=NN.YY or years=YYYY,YYYY'))]);
  const match = /^(\d{4}),(\d{4})$/.exec(years);
  const first = Number(match?.[1]);
  if (!match || Number(match[2]) !== first + 1 || !isYearInRange(first) || !isYearInRange(first + 1))
    throw invalidQuery([
      issueAt(
        'years',
        words(
          `years er to år etter hverandre fra ${FIRST_YEAR} til ${LAST_YEAR}, som 2024,2025`,
          `years must be two consecutive years from ${FIRST_YEAR} to ${LAST_YEAR}, such as 2024,2025`,
        ),
      ),
    ]);
  return { kind: 'allocation', grantedYear: first };
}

/** The errors of documents as problems: a missing case, a missing setting, an amount a format cannot hold. */
async function asProblem(error: unknown): Promise<unknown> {
  if (error instanceof CaseNotFoundError) return new HttpProblem(404, 'case-not-found', error.words);
  // The reasons a file cannot be read (src/documents) are in English in both languages.
  if (error instanceof DocumentReadError)
    return new HttpProblem(422, error.code, words(`Filen er ikke et dokument registeret har skrevet: ${error.message}`, error.message));
  // Loaded in the background when the routes were made (reportRoutes).
  const { DocumentError } = await documentsModule();
  if (error instanceof DocumentError)
    return new HttpProblem(error.code === 'document-setting-missing' ? 409 : 422, error.code, words(error.message, error.message), {
      details: error.details,
    });
  return error;
}

async function sendDocument(service: DocumentService, res: Response, request: DocumentRequest, format: DocumentFormat, asOf: AsOf | null) {
  try {
    if (request.kind === 'grants') await service.requireFunder();
    const document = await service.build(request, asOf);
    const written = await writeDocument(service, document, format);
    res.status(200);
    res.setHeader('Content-Type', written.mediaType);
    res.setHeader('Content-Disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${written.fileName}"`);
    res.setHeader('X-Ledger-Position', String(document.source.position));
    // The page's own stylesheet, allowed by its hash; nothing else may load or run.
    if (format === 'html') res.setHeader('Content-Security-Policy', documentContentSecurityPolicy(written.bytes.toString('utf8')));
    res.end(written.bytes);
  } catch (error: unknown) {
    throw await asProblem(error);
  }
}

const parameter = (name: string, description: string, schema: Record<string, unknown>, required = false): ParameterSpec => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

const documentProblems = [400, 401, 403, 404];

/** What the headers of a document say, in every document route's description. */
const DOCUMENT_HEADERS = 'Content-Disposition names the file; X-Ledger-Position the log position it was built from';

let documents: Promise<typeof import('../documents/service.js')> | null = null;
let verifying: Promise<typeof import('../documents/verify.js')> | null = null;
/** The documents' modules, each loaded once (from `reportRoutes`, in the background); awaited once loaded, no request waits. */
const documentsModule = () => (documents ??= import('../documents/service.js'));
const verifyModule = () => (verifying ??= import('../documents/verify.js'));

/** The document routes, in the order express matches them: the three documents, then their verification. */
export function reportRoutes(deps: Dependencies, settings: DocumentSettings): RouteSpec[] {
  // The document service and what it reads load in the background from here: start-up does not wait for them, and a
  // document request seldom does (one that waited lost its answer when its client had closed its half of the connection).
  const service = documentsModule().then(
    ({ DocumentService }) => new DocumentService(deps.ledger.store, deps.ledger.reader, settings, deps.clock),
  );
  // A failed load is the error of the request that awaits it, not an unhandled rejection now.
  for (const loading of [service, verifyModule(), documentWriters()]) loading.catch(() => undefined);
  const serviceOf = () => service;
  return [allocationTableRoute(serviceOf), caseSummaryRoute(serviceOf), grantsRoute(serviceOf), verifyDocumentRoute(serviceOf)];
}

function allocationTableRoute(service: () => Promise<DocumentService>): RouteSpec {
  return {
    method: 'get',
    path: '/api/reports/allocation',
    operationId: 'allocationTable',
    summary: 'The allocation table (vedlegg 1) of a case or a pair of years, as HTML, CSV or XLSX',
    description: `Per programme area and initiative: granted in Y, ongoing carried into Y+1, requested and recommended for Y+1, subtotals and totals, and the frame lines of Y+1. With \`case\` the case's years (reading the case needs read:cases); with \`years\` the pair given. The document carries its as-of date, log position and hash. ${DOCUMENT_HEADERS}.`,
    tag: 'reports',
    access: { kind: 'read', permission: 'read:summaries' },
    parameters: [
      parameter('case', 'A case number NN.YY: the table of the year it decides and the year before', {
        type: 'string',
        pattern: '^\\d{2}\\.\\d{2}$',
      }),
      parameter('years', 'Two consecutive years, YYYY,YYYY (instead of case)', { type: 'string', pattern: '^\\d{4},\\d{4}$' }),
      parameter('format', 'html (default, printable), csv or xlsx', { type: 'string', enum: [...formatsOf.allocation], default: 'html' }),
    ],
    asOf: true,
    success: { status: 200, description: 'The document', contentType: 'text/html', schema: { type: 'string' } },
    problems: documentProblems,
    handle: async (req, res) => {
      const request = allocationRequest(req);
      const format = formatQuery(req, 'allocation');
      const asOf = asOfFrom(req);
      requirePermission(res, permissionOf(request));
      await sendDocument(await service(), res, request, format, asOf);
    },
  };
}

function caseSummaryRoute(service: () => Promise<DocumentService>): RouteSpec {
  return {
    method: 'get',
    path: '/api/reports/case-summary',
    operationId: 'caseSummary',
    summary: 'A printable case summary (HTML): proposals, recommendation, resolution, votes, dissent and the money decided',
    tag: 'reports',
    access: { kind: 'read', permission: 'read:cases' },
    parameters: [parameter('case', 'The case number NN.YY', { type: 'string', pattern: '^\\d{2}\\.\\d{2}$' }, true)],
    asOf: true,
    success: { status: 200, description: 'The case summary', contentType: 'text/html', schema: { type: 'string' } },
    problems: documentProblems,
    handle: async (req, res) => {
      const caseNumber = caseQuery(req);
      if (caseNumber === undefined) throw invalidQuery([{ path: 'case', message: 'case is required, e.g. case=22.25' }]);
      const asOf = asOfFrom(req);
      await sendDocument(await service(), res, { kind: 'case-summary', caseNumber }, 'html', asOf);
    },
  };
}

function grantsRoute(service: () => Promise<DocumentService>): RouteSpec {
  return {
    method: 'get',
    path: '/api/reports/grants',
    operationId: 'grants360Giving',
    summary: 'Every grant in the 360Giving Data Standard, as a JSON data package or CSV',
    description: `The funding organisation is the one the ledger records (SetOrganisation); its identifier may be overridden by the server's LEDGER_FUNDER_ID; without either the export is refused (409 document-setting-missing). ${DOCUMENT_HEADERS}.`,
    tag: 'reports',
    access: { kind: 'read', permission: 'read:cases' },
    parameters: [
      parameter('format', '360giving-json (default) or 360giving-csv', {
        type: 'string',
        enum: [...formatsOf.grants],
        default: '360giving-json',
      }),
    ],
    asOf: true,
    success: { status: 200, description: 'The grants', contentType: 'application/json', schema: { type: 'object' } },
    problems: [...documentProblems, 409],
    handle: async (req, res) => {
      const format = formatQuery(req, 'grants');
      await sendDocument(await service(), res, { kind: 'grants' }, format, asOfFrom(req));
    },
  };
}

function verifyDocumentRoute(service: () => Promise<DocumentService>): RouteSpec {
  return {
    method: 'post',
    path: '/api/documents/verify',
    operationId: 'verifyDocument',
    summary: 'Checks a document the ledger wrote against the log, figure by figure',
    description:
      'The body is the file as the ledger wrote it (HTML, CSV, XLSX, 360Giving JSON or CSV; any Content-Type). The document is rebuilt from the log at the position it names and compared; `matches` says whether every figure is the same, `firstDifference` names the first that is not, and `figures` lists every figure beside the log’s (`key`, `label`, `inFile`, `inLedger`, `matches`). A body that is no document of the ledger is 422 not-a-ledger-document.',
    tag: 'reports',
    access: { kind: 'read', permission: 'read:summaries' },
    rawBody: { mediaTypes: documentMediaTypes, description: 'The document file' },
    success: {
      status: 200,
      description: 'The verification',
      schema: responseSchema(DocumentVerificationResponse),
    },
    problems: [400, 401, 403, 413, 422],
    handle: async (req, res) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0)
        throw new HttpProblem(
          422,
          'not-a-ledger-document',
          words('Innholdet er tomt: send dokumentfilen som innhold.', 'the body is empty: send the document file as the body'),
        );
      try {
        const { verifyDocument } = await verifyModule();
        res.json(await verifyDocument(await service(), bytes, (request) => requirePermission(res, permissionOf(request))));
      } catch (error: unknown) {
        throw await asProblem(error);
      }
    },
  };
}
