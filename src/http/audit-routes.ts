import type { Request } from 'express';
import { allFigures, parseScope, type Figure } from '../../projections/figures.js';
import { issueAt } from '../app/errors.js';
import { FIRST_YEAR, LAST_YEAR } from '../shared/bounds.js';
import { words } from '../shared/format.js';
import { eventsPage, streamExport } from './log-reads.js';
import { pathParameters } from './command-routes.js';
import type { Dependencies } from './context.js';
import { invalidQuery } from './problem.js';
import { asOfFrom, integerQuery, queryText, yearFrom, yearParam } from './query-params.js';
import type { RouteSpec } from './routes.js';
import { responseSchema } from './openapi-schemas.js';
import { DEFAULT_PAGE_ROWS, pageParameters, pageQuery, sendPage, sendReport } from './paging.js';
import { object, readProblems, yearPath } from './read-parts.js';
import { ExplanationResponse, TrailResponse } from './responses.js';

/**
 * The auditor's reads over HTTP: a year's trail, the explanation of one figure
 * posting by posting, and the event log itself, a page at a time or exported whole.
 * Part of the read side (query-routes.ts lists them in their place among the reads).
 */

function figureQuery(req: Request): { year: number; figure: Figure; scopeText: string } {
  const yearText = queryText(req, 'year');
  const figureText = queryText(req, 'figure');
  const scopeText = queryText(req, 'scope') ?? 'total';
  const issues = [];
  if (yearText === undefined) issues.push(issueAt('year', words('year må oppgis, som year=2025', 'year is required, e.g. year=2025')));
  if (figureText === undefined)
    issues.push(
      issueAt('figure', words(`figure må oppgis: en av ${allFigures.join(', ')}`, `figure is required: one of ${allFigures.join(', ')}`)),
    );
  else if (!(allFigures as string[]).includes(figureText))
    issues.push(
      issueAt(
        'figure',
        words(`ukjent post ${figureText}; en av ${allFigures.join(', ')}`, `unknown figure ${figureText}; one of ${allFigures.join(', ')}`),
      ),
    );
  if (parseScope(scopeText) === null)
    issues.push(
      issueAt(
        'scope',
        words(
          'scope må være total, unassigned, programme-area:ID, initiative:ID eller proposal:ID',
          'scope must be total, unassigned, programme-area:ID, initiative:ID or proposal:ID',
        ),
      ),
    );
  if (issues.length > 0) throw invalidQuery(issues);
  const year = yearFrom(yearText!);
  return { year, figure: figureText as Figure, scopeText };
}

export function yearTrailRoute(deps: Dependencies): RouteSpec {
  const { reader } = deps.ledger;
  return {
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
  };
}

export function explainRoute(deps: Dependencies): RouteSpec {
  const { reader } = deps.ledger;
  return {
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
        schema: { type: 'integer', minimum: FIRST_YEAR, maximum: LAST_YEAR },
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
  };
}

export function eventsRoute(deps: Dependencies): RouteSpec {
  return {
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
  };
}

export function exportRoute(deps: Dependencies): RouteSpec {
  return {
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
  };
}
