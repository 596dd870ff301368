import type { Request, Response } from 'express';
import { allFigures, parseScope, type Figure } from '../../projections/figures.js';
import type { AsOf } from '../app/ledger-reader.js';
import { can } from '../accounts/roles.js';
import { eventsPage, streamExport } from './log-reads.js';
import { caseStream } from '../case/case.js';
import { REGISTRY_STREAM } from '../registry/registry.js';
import { yearStream } from '../year/year.js';
import { pathParameters } from './command-routes.js';
import { contextOf, type Dependencies } from './context.js';
import { formatETag } from './etag.js';
import { HttpProblem, invalidQuery } from './problem.js';
import { asOfFrom, caseNumberParam, integerQuery, queryText, yearFrom, yearParam } from './query-params.js';
import type { JsonSchema, RouteSpec } from './routes.js';
import { responseSchema } from './openapi-schemas.js';
import { DEFAULT_PAGE_ROWS, pageParameters, pageQuery, sendPage, sendReport } from './paging.js';
import {
  BalancesResponse,
  CaseDetailResponse,
  CasesResponse,
  ExplanationResponse,
  FrameResponse,
  RegistryResponse,
  TrailResponse,
  YearEntriesResponse,
  YearsResponse,
} from './responses.js';

/**
 * The read side over HTTP. Every read of figures, cases, the registry or the log
 * answers now, or as of a date (`?asOf=YYYY-MM-DD`) or log position
 * (`?asOfPosition=N`). Reads of one stream's state (a case, a year's frame, the
 * registry) carry that stream's revision as a weak ETag for `If-Match` on writes;
 * as-of reads carry none, because they do not show the current state.
 */

const readProblems = [400, 401, 403];
const object = (description: string): JsonSchema => ({ type: 'object', description });

/**
 * Sets the ETag of a stream for a current read. The revision is read before the
 * view, so the answer is at least as new as its ETag: a write based on it can only
 * be refused too often, never accepted over a change the reader did not see.
 */
async function streamETag(deps: Dependencies, stream: string, asOf: AsOf | null): Promise<string | null> {
  if (asOf) return null;
  return formatETag(await deps.ledger.store.streamRevision(stream));
}

function sendWithETag(res: Response, etag: string | null, body: object): void {
  if (etag !== null) res.set('ETag', etag);
  sendReport(res, body);
}

function figureQuery(req: Request): { year: number; figure: Figure; scopeText: string } {
  const yearText = queryText(req, 'year');
  const figureText = queryText(req, 'figure');
  const scopeText = queryText(req, 'scope') ?? 'total';
  const issues = [];
  if (yearText === undefined) issues.push({ path: 'year', message: 'year is required, e.g. year=2025' });
  if (figureText === undefined) issues.push({ path: 'figure', message: `figure is required: one of ${allFigures.join(', ')}` });
  else if (!(allFigures as string[]).includes(figureText))
    issues.push({ path: 'figure', message: `unknown figure ${figureText}; one of ${allFigures.join(', ')}` });
  if (parseScope(scopeText) === null)
    issues.push({ path: 'scope', message: 'scope must be total, unassigned, programme-area:ID, initiative:ID or proposal:ID' });
  if (issues.length > 0) throw invalidQuery(issues);
  const year = yearFrom(yearText!);
  return { year, figure: figureText as Figure, scopeText };
}

export function queryRoutes(deps: Dependencies): RouteSpec[] {
  const { reader, store } = deps.ledger;
  const yearPath = (suffix: string) => `/api/years/:year${suffix}`;
  return [
    {
      method: 'get',
      path: '/api/health',
      operationId: 'health',
      summary: 'Whether the API and its store answer; to accounts that may read the event log, also the store and its counts',
      tag: 'system',
      access: { kind: 'public' },
      success: {
        status: 200,
        description: '{ status } for anyone; { status, store, events, position } for the secretariat and auditors',
        schema: object('{ status, store?, events?, position? }'),
      },
      problems: [],
      handle: async (_req, res) => {
        const view = await reader.view();
        // Where the store lives and how much it holds is for those who may read the log.
        const auth = contextOf(res).auth;
        if (!auth || !can(auth.account.role, 'read:events')) res.json({ status: 'ok' });
        else res.json({ status: 'ok', store: store.description, events: view.eventCount, position: view.position });
      },
    },
    {
      method: 'get',
      path: '/api/years',
      operationId: 'listYears',
      summary: 'The years the ledger has figures for',
      tag: 'years',
      access: { kind: 'read', permission: 'read:summaries' },
      asOf: true,
      success: { status: 200, description: 'The years, in order', schema: responseSchema(YearsResponse) },
      problems: readProblems,
      handle: async (req, res) => {
        const asOf = asOfFrom(req);
        res.json({ years: await reader.years(asOf), asOf });
      },
    },
    {
      method: 'get',
      path: yearPath('/frame'),
      operationId: 'yearFrame',
      summary: "A year's frame: every figure of the year (received, frame, granted, reserved, available …)",
      tag: 'years',
      access: { kind: 'read', permission: 'read:summaries' },
      parameters: pathParameters(yearPath('/frame')),
      asOf: true,
      etag: true,
      success: {
        status: 200,
        description: 'The frame report; ETag W/"<revision of year-YYYY>" on current reads',
        schema: responseSchema(FrameResponse),
      },
      problems: readProblems,
      handle: async (req, res) => {
        const year = yearParam(req);
        const asOf = asOfFrom(req);
        const etag = await streamETag(deps, yearStream(year), asOf);
        sendWithETag(res, etag, await reader.frame(year, asOf));
      },
    },
    {
      method: 'get',
      path: yearPath('/balances'),
      operationId: 'yearBalances',
      summary: 'Per programme area and initiative: the figures of one year',
      tag: 'years',
      access: { kind: 'read', permission: 'read:summaries' },
      parameters: pathParameters(yearPath('/balances')),
      asOf: true,
      success: { status: 200, description: 'The balances report', schema: responseSchema(BalancesResponse) },
      problems: readProblems,
      handle: async (req, res) => {
        const year = yearParam(req);
        sendReport(res, await reader.balances(year, asOfFrom(req)));
      },
    },
    {
      method: 'get',
      path: yearPath('/entries'),
      operationId: 'yearEntries',
      summary:
        "A year's entries: receipts, grants, spending, releases, reserve funds and corrections, each correction beside what it corrects",
      tag: 'years',
      access: { kind: 'read', permission: 'read:trail' },
      parameters: pathParameters(yearPath('/entries')),
      asOf: true,
      etag: true,
      success: {
        status: 200,
        description: 'The entries; ETag W/"<revision of year-YYYY>" on current reads',
        schema: responseSchema(YearEntriesResponse),
      },
      problems: readProblems,
      handle: async (req, res) => {
        const year = yearParam(req);
        const asOf = asOfFrom(req);
        const etag = await streamETag(deps, yearStream(year), asOf);
        sendWithETag(res, etag, await reader.yearEntries(year, asOf));
      },
    },
    {
      method: 'get',
      path: yearPath('/trail'),
      operationId: 'yearTrail',
      summary: "A year's audit trail: every event that moved its figures, with its postings",
      tag: 'audit',
      access: { kind: 'read', permission: 'read:trail' },
      description:
        'Every row unless `limit` is given; with `limit` (and `offset`), one page of the rows, with `rowCount` and `page` as for explain.',
      parameters: [...pathParameters(yearPath('/trail')), ...pageParameters('all (unpaged)')],
      asOf: true,
      success: {
        status: 200,
        description: 'The trail (or a page of it)',
        schema: responseSchema(TrailResponse),
      },
      problems: readProblems,
      handle: async (req, res) => {
        const year = yearParam(req);
        const asOf = asOfFrom(req);
        const { offset, limit } = pageQuery(req, null);
        if (limit === null && offset === 0 && queryText(req, 'limit') === undefined) {
          sendReport(res, await reader.trail(year, asOf));
          return;
        }
        const { report, page } = await reader.trailPage(year, asOf, offset, limit);
        sendPage(req, res, report, page, true);
      },
    },
    {
      method: 'get',
      path: '/api/explain',
      operationId: 'explainFigure',
      summary: 'Explains a figure: every posting behind it, with running balance',
      tag: 'audit',
      access: { kind: 'read', permission: 'read:explain' },
      parameters: [
        {
          name: 'year',
          in: 'query',
          required: true,
          description: 'The year, e.g. 2025',
          schema: { type: 'integer', minimum: 2000, maximum: 2100 },
        },
        { name: 'figure', in: 'query', required: true, description: 'The figure', schema: { type: 'string', enum: allFigures } },
        {
          name: 'scope',
          in: 'query',
          required: false,
          description: 'total (default), programme-area:ID, initiative:ID, unassigned or proposal:ID',
          schema: { type: 'string', default: 'total' },
        },
        ...pageParameters(String(DEFAULT_PAGE_ROWS)),
      ],
      description:
        'A page of the postings at a time: `value` is the whole figure and `rowCount` the number of rows in all; `page` says which rows these are and `page.next` / `page.nextHref` (also a `Link: rel="next"` header) the next page, null on the last. `limit=all` answers every row at once (no `rowCount`, no `page`).',
      asOf: true,
      success: {
        status: 200,
        description: 'The explanation, a page of its rows',
        schema: responseSchema(ExplanationResponse),
      },
      problems: [...readProblems, 404],
      handle: async (req, res) => {
        const { year, figure, scopeText } = figureQuery(req);
        const asOf = asOfFrom(req);
        const { offset, limit } = pageQuery(req, DEFAULT_PAGE_ROWS);
        const ref = { year, figure, scope: parseScope(scopeText)! };
        if (limit === null && offset === 0) {
          sendReport(res, await reader.explain(ref, asOf));
          return;
        }
        const { report, page } = await reader.explainPage(ref, asOf, offset, limit);
        sendPage(req, res, report, page, true);
      },
    },
    {
      method: 'get',
      path: '/api/cases',
      operationId: 'listCases',
      summary: 'The cases, by meeting date',
      tag: 'cases',
      access: { kind: 'read', permission: 'read:cases' },
      asOf: true,
      success: { status: 200, description: 'The cases', schema: responseSchema(CasesResponse) },
      problems: readProblems,
      handle: async (req, res) => {
        const asOf = asOfFrom(req);
        res.json({ cases: await reader.cases(asOf), asOf });
      },
    },
    {
      method: 'get',
      path: '/api/cases/:caseNumber',
      operationId: 'caseDetail',
      summary: 'One case: proposals, recommendation, proposed resolution, votes and tally, adopted resolution, grants citing it',
      tag: 'cases',
      access: { kind: 'read', permission: 'read:cases' },
      parameters: pathParameters('/api/cases/:caseNumber'),
      asOf: true,
      etag: true,
      success: {
        status: 200,
        description: 'The case; ETag W/"<revision of case-NN.YY>" on current reads',
        schema: responseSchema(CaseDetailResponse),
      },
      problems: [...readProblems, 404],
      handle: async (req, res) => {
        const caseNumber = caseNumberParam(req);
        const asOf = asOfFrom(req);
        const etag = await streamETag(deps, caseStream(caseNumber), asOf);
        const detail = await reader.caseDetail(caseNumber, asOf);
        if (!detail) throw new HttpProblem(404, 'case-not-found', `there is no case ${caseNumber}${asOf ? ' as of then' : ''}`);
        sendWithETag(res, etag, { ...detail, asOf });
      },
    },
    {
      method: 'get',
      path: '/api/registry',
      operationId: 'registry',
      summary: "Programme areas, initiatives, partners, committee members and the committee's quorum (for forms)",
      tag: 'registry',
      access: { kind: 'read', permission: 'read:registry' },
      asOf: true,
      etag: true,
      success: {
        status: 200,
        description: 'The registry; ETag W/"<revision of registry>" on current reads',
        schema: responseSchema(RegistryResponse),
      },
      problems: readProblems,
      handle: async (req, res) => {
        const asOf = asOfFrom(req);
        const etag = await streamETag(deps, REGISTRY_STREAM, asOf);
        const { registry } = await reader.view(asOf);
        sendWithETag(res, etag, {
          programmeAreas: [...registry.programmeAreas.values()],
          initiatives: [...registry.initiatives.values()],
          partners: [...registry.partners.values()],
          members: [...registry.members.values()],
          quorum: registry.quorum,
          asOf,
        });
      },
    },
    {
      method: 'get',
      path: '/api/events',
      operationId: 'listEvents',
      summary: 'The event log, a page at a time, in log order',
      description:
        'Follow `next` (as `after`) until it is null. asOfPosition ends the log there; asOf keeps the events effective by that date.',
      tag: 'audit',
      access: { kind: 'read', permission: 'read:events' },
      parameters: [
        {
          name: 'after',
          in: 'query',
          required: false,
          description: 'Log position to read after (exclusive); default 0',
          schema: { type: 'integer', minimum: 0, default: 0 },
        },
        {
          name: 'limit',
          in: 'query',
          required: false,
          description: 'Events per page, 1–1000; default 100',
          schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        },
      ],
      asOf: true,
      success: { status: 200, description: 'A page of stored events', schema: object('{ events, next, head, asOf }') },
      problems: readProblems,
      handle: async (req, res) => {
        const after = integerQuery(req, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
        const limit = integerQuery(req, 'limit', { min: 1, max: 1000, default: 100 });
        res.json(await eventsPage(deps, after, limit, asOfFrom(req)));
      },
    },
    {
      method: 'get',
      path: '/api/export',
      operationId: 'exportLedger',
      summary: 'The whole log as NDJSON with a checksum manifest (the format `ledger import` reads)',
      tag: 'audit',
      access: { kind: 'read', permission: 'read:export' },
      success: {
        status: 200,
        description: 'One stored event a line, then a manifest line',
        contentType: 'application/x-ndjson',
        schema: { type: 'string' },
      },
      problems: readProblems,
      handle: (_req, res) => streamExport(deps, res),
    },
  ];
}
