import type { Response } from 'express';
import type { AsOf } from '../app/ledger-reader.js';
import { can } from '../accounts/roles.js';
import { LogLostError } from '../app/errors.js';
import { caseStream } from '../case/case.js';
import { operationsHealth } from '../operations/status.js';
import { REGISTRY_STREAM } from '../registry/registry.js';
import { yearStream } from '../year/year.js';
import { eventsRoute, explainRoute, exportRoute, yearTrailRoute } from './audit-routes.js';
import { pathParameters } from './command-routes.js';
import { contextOf, type Dependencies } from './context.js';
import { formatETag } from './etag.js';
import { HttpProblem } from './problem.js';
import { asOfFrom, caseNumberParam, yearParam } from './query-params.js';
import type { RouteSpec } from './routes.js';
import { responseSchema } from './openapi-schemas.js';
import { sendReport } from './paging.js';
import { object, readProblems, yearPath } from './read-parts.js';
import { BalancesResponse, CasesResponse, FrameResponse, RegistryResponse, YearsResponse } from './responses.js';
import { CaseDetailResponse, YearEntriesResponse } from './responses-decisions.js';
import { words } from '../shared/format.js';

/**
 * The read side over HTTP. Every read of figures, cases, the registry or the log
 * answers now, or as of a date (`?asOf=YYYY-MM-DD`) or log position
 * (`?asOfPosition=N`). Reads of one stream's state (a case, a year's frame, the
 * registry) carry that stream's revision as a weak ETag for `If-Match` on writes;
 * as-of reads carry none, because they do not show the current state.
 */

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

/**
 * Every read route, in the order express matches them: the system's health, a
 * year's figures and entries, the audit trail and explanations, the cases, the
 * registry, and the log itself.
 */
export function queryRoutes(deps: Dependencies): RouteSpec[] {
  return [
    healthRoute(deps),
    listYearsRoute(deps),
    yearFrameRoute(deps),
    yearBalancesRoute(deps),
    yearEntriesRoute(deps),
    yearTrailRoute(deps),
    explainRoute(deps),
    listCasesRoute(deps),
    caseDetailRoute(deps),
    registryRoute(deps),
    eventsRoute(deps),
    exportRoute(deps),
  ];
}

function healthRoute(deps: Dependencies): RouteSpec {
  const { reader, store } = deps.ledger;
  return {
    method: 'get',
    path: '/api/health',
    operationId: 'health',
    summary: 'Whether the API and its store answer; to accounts that may read the event log, also the store and its counts',
    tag: 'system',
    access: { kind: 'public' },
    success: {
      status: 200,
      description:
        '{ status } for anyone; for the secretariat and auditors also { store, events, position, checkpoints, lastBackup }: whether the log holds to the checkpoints signed before (state `refused` with a message saying what the operator runs), and when the last backup was made. 503 { status: "log-lost" } (with the store and what to do, for them) while the store no longer holds what the figures show',
      schema: object('{ status, store?, events?, position?, checkpoints?, lastBackup? }'),
    },
    problems: [],
    handle: async (_req, res) => {
      // Where the store lives and how much it holds is for those who may read the log.
      const auth = contextOf(res).auth;
      const mayReadLog = auth !== null && can(auth.account.role, 'read:events');
      let view;
      try {
        view = await reader.view();
      } catch (error: unknown) {
        if (!(error instanceof LogLostError)) throw error;
        // The store lost what the figures show: 503, and to the auditor which store and what to do.
        res.status(503).json(mayReadLog ? { status: 'log-lost', store: store.description, detail: error.message } : { status: 'log-lost' });
        return;
      }
      if (!mayReadLog) res.json({ status: 'ok' });
      else
        res.json({
          status: 'ok',
          store: store.description,
          events: view.eventCount,
          position: view.position,
          ...operationsHealth(deps.operations),
        });
    },
  };
}

function listYearsRoute(deps: Dependencies): RouteSpec {
  const { reader } = deps.ledger;
  return {
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
  };
}

function yearFrameRoute(deps: Dependencies): RouteSpec {
  const { reader } = deps.ledger;
  return {
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
  };
}

function yearBalancesRoute(deps: Dependencies): RouteSpec {
  const { reader } = deps.ledger;
  return {
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
  };
}

function yearEntriesRoute(deps: Dependencies): RouteSpec {
  const { reader } = deps.ledger;
  return {
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
  };
}

function listCasesRoute(deps: Dependencies): RouteSpec {
  const { reader } = deps.ledger;
  return {
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
  };
}

function caseDetailRoute(deps: Dependencies): RouteSpec {
  const { reader } = deps.ledger;
  return {
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
      if (!detail)
        throw new HttpProblem(
          404,
          'case-not-found',
          words(
            `Sak ${caseNumber} finnes ikke${asOf ? ' på det tidspunktet' : ''}.`,
            `there is no case ${caseNumber}${asOf ? ' as of then' : ''}`,
          ),
        );
      sendWithETag(res, etag, { ...detail, asOf });
    },
  };
}

function registryRoute(deps: Dependencies): RouteSpec {
  const { reader } = deps.ledger;
  return {
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
  };
}
