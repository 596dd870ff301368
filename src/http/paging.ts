import type { Request, Response } from 'express';
import { type RowsPage } from '../app/ledger-reader.js';
import { integerQuery, queryText } from './query-params.js';
import type { ParameterSpec } from './routes.js';
import { SerializedCache, sendJsonBytes } from './serialized.js';

/**
 * The JSON of reports the reader memoized: the same object comes back while the log
 * stands still, so it is serialized once (a large explanation takes milliseconds).
 */
const serialized = new SerializedCache();
/**
 * As-of reports apart, in less: each date or position asked is a report of its own,
 * rarely asked again, and must not push the current reports out (nor keep many alive).
 */
const serializedAsOf = new SerializedCache(8 * 1024 * 1024);
const cacheOf = (report: object) => ((report as { asOf?: unknown }).asOf ? serializedAsOf : serialized);

export function sendReport(res: Response, report: object): void {
  sendJsonBytes(res, cacheOf(report).full(report));
}

/** Rows per page of an explanation (or a trail asked for pages) unless `limit` says otherwise; and the most a page holds. */
export const DEFAULT_PAGE_ROWS = 100;
const MAX_PAGE_ROWS = 1000;

/** `limit` (1–1000, or `all`) and `offset` (0 or more) of a paged read. */
export function pageQuery(req: Request, defaultLimit: number | null): { offset: number; limit: number | null } {
  const offset = integerQuery(req, 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
  const limitText = queryText(req, 'limit');
  if (limitText === 'all') return { offset, limit: null };
  if (limitText === undefined) return { offset, limit: defaultLimit };
  return { offset, limit: integerQuery(req, 'limit', { min: 1, max: MAX_PAGE_ROWS, default: DEFAULT_PAGE_ROWS }) };
}

/** The address of the page after this one: the same query with the next offset. */
function nextHref(req: Request, next: number | null, limit: number | null): string | null {
  if (next === null) return null;
  const question = req.originalUrl.indexOf('?');
  const search = new URLSearchParams(question === -1 ? '' : req.originalUrl.slice(question + 1));
  search.set('offset', String(next));
  search.set('limit', limit === null ? 'all' : String(limit));
  return `${req.path}?${search.toString()}`;
}

/**
 * A page of a memoized report with rows: the report's fields, then `rowCount` and
 * `page` ({offset, limit, count, next, nextHref}), then the page's rows. A next page
 * is also named in a `Link: <…>; rel="next"` header. `report` holds every row, or
 * (`pageOnly`) the page's rows alone.
 */
export function sendPage(req: Request, res: Response, report: { rows: readonly unknown[] }, page: RowsPage, pageOnly = false): void {
  // Kept by the address: the same address of the same memoized report is the same page.
  const { body, next } = cacheOf(report).page(report, req.originalUrl, pageOnly ? 0 : page.offset, page.count, () => {
    const href = nextHref(req, page.next, page.limit);
    return {
      next: href,
      fields: {
        rowCount: page.rowCount,
        page: { offset: page.offset, limit: page.limit, count: page.count, next: page.next, nextHref: href },
      },
    };
  });
  if (next !== null) res.setHeader('Link', `<${next}>; rel="next"`);
  sendJsonBytes(res, body);
}

export const pageParameters = (defaultLimit: string): ParameterSpec[] => [
  {
    name: 'limit',
    in: 'query',
    required: false,
    description: `Rows per page, 1–${MAX_PAGE_ROWS}, or \`all\` for every row in one answer; default ${defaultLimit}`,
    schema: {
      oneOf: [
        { type: 'integer', minimum: 1, maximum: MAX_PAGE_ROWS },
        { type: 'string', enum: ['all'] },
      ],
    },
  },
  {
    name: 'offset',
    in: 'query',
    required: false,
    description: 'Index of the first row of the page (from `page.next` of the page before); default 0',
    schema: { type: 'integer', minimum: 0, default: 0 },
  },
];
