import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { AccountStore } from '../accounts/account-store.js';
import type { AfterSettlement } from '../app/settlement.js';
import type { DocumentSettings } from '../documents/service.js';
import { createLogger, type Logger } from '../operations/logger.js';
import type { LedgerMetrics } from '../operations/metrics.js';
import type { OperationsStatus } from '../operations/status.js';
import { ulidFactory } from '../domain/ulid.js';
import { authenticate, guard } from './auth.js';
import { DEFAULT_BODY_LIMIT, jsonBody } from './body.js';
import { commandRoutes } from './command-routes.js';
import { compressJson } from './compression.js';
import { contextOf, setContext, type Dependencies, type LedgerEdge } from './context.js';
import { openApiDocument } from './openapi.js';
import { HttpProblem, problemTitle, toProblem, type ProblemBody } from './problem.js';
import { requestLanguage } from './language.js';
import { refusalNames } from '../app/refusal-names.js';
import { isDomainError } from '../domain/errors.js';
import { words } from '../shared/format.js';
import type { RefusalNames } from '../shared/refusals.js';
import { queryRoutes } from './query-routes.js';
import { documentBody, reportRoutes } from './report-routes.js';
import { requestLog, type LogWriter } from './request-log.js';
import type { RouteSpec } from './routes.js';
import { sessionRoutes } from './session-routes.js';
import { openingRoutes } from './opening-routes.js';
import { SignInThrottle, type SignInThrottleOptions } from './sign-in-throttle.js';
import { trustProxySetting, type TrustProxy } from './trust-proxy.js';

export interface AppOptions {
  /** Where the request log goes, one JSON line per request (ignored when `logger` is given). @defaultValue stdout */
  log?: LogWriter;
  /** The structured log the request lines go to (the server shares its own). @defaultValue a pino logger on `log` */
  logger?: Logger;
  /** The Prometheus metrics each request is counted in (src/operations/metrics.ts). @defaultValue none */
  metrics?: LedgerMetrics;
  clock?: () => Date;
  /** Request ids; they become the correlationId of recorded events. @defaultValue monotonic ULIDs (pooled CSPRNG draws) */
  newRequestId?: () => string;
  /** The largest JSON body read. @defaultValue '256kb' */
  bodyLimit?: string | number;
  /**
   * Express's `trust proxy` setting: set it when a TLS-terminating proxy is in front,
   * so the session cookie is marked Secure for https requests and sign-ins are counted
   * per real client address: a hop count or the proxies' addresses (`true` is refused,
   * see src/http/trust-proxy.ts). @defaultValue false
   */
  trustProxy?: TrustProxy;
  /**
   * The web front end (see `webRoutes` in src/web/serve.ts), served outside `/api`
   * before the API's 404 handler. @defaultValue none
   */
  web?: RequestHandler;
  /** Run after a settlement is recorded (the server signs a checkpoint of the log). @defaultValue none */
  afterSettlement?: AfterSettlement;
  /** How failed sign-ins are throttled (see src/http/sign-in-throttle.ts). @defaultValue 20 a minute, lock-outs from 60 s doubling */
  signInThrottle?: SignInThrottleOptions;
  /** What the documents need from the settings (the 360Giving funder's identifier). @defaultValue none set */
  documents?: DocumentSettings;
  /** Whether the log holds to its checkpoints, and the last backup: shown in /api/health to the secretariat and auditors. @defaultValue none */
  operations?: OperationsStatus;
}

/** The security headers of every API response (set with node's setHeader: express's `res.set` does more work per header than these need). */
const API_HEADERS: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cache-Control', 'no-store'],
];

/** The first middleware: request id, per-request context and the security headers every response carries. */
function prepare(newRequestId: () => string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = newRequestId();
    setContext(res, { requestId, auth: null, authFailure: null, ifMatch: false, error: null });
    res.setHeader('X-Request-Id', requestId);
    for (const [name, value] of API_HEADERS) res.setHeader(name, value);
    // The ETags here are stream revisions for If-Match, not cache validators: a frame
    // also changes when the previous year settles. So no conditional GETs (no 304).
    delete req.headers['if-none-match'];
    next();
  };
}

/** Characters a path segment may have for the direct dispatch; anything else (`%`, `:` …) is left to express. */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * The API's routes looked up directly: a request whose path is plain (segments of
 * PLAIN_SEGMENT, no trailing slash) and whose method is the route's own is matched
 * against the routes in their order, the way express matches them (static segments
 * without regard to case, a parameter for any one segment), and its handlers run
 * here. Express's router tries every layer in turn with a regular expression each;
 * for the ~45 routes of the API that was about a fifth of a small read's cost. Any
 * other request goes on to the same routes registered with express.
 */
function directRoutes(routes: { spec: RouteSpec; handlers: RequestHandler[] }[]): RequestHandler {
  type Compiled = { segments: (string | { param: string })[]; handlers: RequestHandler[] };
  const byMethod = new Map<string, Compiled[]>();
  for (const { spec, handlers } of routes) {
    const segments = spec.path
      .split('/')
      .slice(1)
      .map((segment) => (segment.startsWith(':') ? { param: segment.slice(1) } : segment.toLowerCase()));
    const method = spec.method.toUpperCase();
    if (!byMethod.has(method)) byMethod.set(method, []);
    byMethod.get(method)!.push({ segments, handlers });
  }
  return (req: Request, res: Response, next: NextFunction) => {
    const candidates = byMethod.get(req.method);
    if (!candidates) return next();
    const url = req.url;
    const question = url.indexOf('?');
    const parts = (question === -1 ? url : url.slice(0, question)).split('/');
    if (parts[0] !== '') return next();
    parts.shift();
    for (const part of parts) if (!PLAIN_SEGMENT.test(part)) return next();
    let found: Compiled | undefined;
    let params: Record<string, string> = {};
    for (const candidate of candidates) {
      if (candidate.segments.length !== parts.length) continue;
      params = {};
      let matches = true;
      for (let index = 0; index < parts.length; index++) {
        const segment = candidate.segments[index]!;
        const part = parts[index]!;
        if (typeof segment === 'string') {
          if (segment !== part && segment !== part.toLowerCase()) {
            matches = false;
            break;
          }
        } else params[segment.param] = part;
      }
      if (matches) {
        found = candidate;
        break;
      }
    }
    if (!found) return next();
    req.params = params;
    const { handlers } = found;
    const step = (index: number) => (error?: unknown) => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      const handler = handlers[index];
      if (!handler) {
        next();
        return;
      }
      try {
        const result: unknown = handler(req, res, step(index + 1));
        if (result instanceof Promise) result.catch((failure: unknown) => next(failure ?? new Error('a route handler failed')));
      } catch (failure: unknown) {
        next(failure);
      }
    };
    step(0)();
  };
}

/** Marks the request with its route's pattern (for the log and the metrics). */
function routeMark(path: string): RequestHandler {
  return (_req, res, next) => {
    contextOf(res).route = path;
    next();
  };
}

let sharedStdoutLogger: Logger | null = null;
/** One stdout logger for every app of the process that was given none. */
function stdoutLogger(): Logger {
  return (sharedStdoutLogger ??= createLogger());
}

const notFound: RequestHandler = (req) => {
  throw new HttpProblem(
    404,
    'not-found',
    words(
      `Det finnes ikke noe endepunkt ${req.method} ${req.path}; se /api/openapi.json.`,
      `there is no endpoint ${req.method} ${req.path}; see /api/openapi.json`,
    ),
  );
};

/** The names a refusal's words use; none when the ledger cannot be read just now (the words then show what was typed). */
async function namesFor(ledger: LedgerEdge, error: unknown): Promise<RefusalNames | undefined> {
  if (!isDomainError(error)) return undefined;
  try {
    return await refusalNames(ledger, error);
  } catch {
    return undefined;
  }
}

/**
 * The one error middleware: every error becomes application/problem+json, its machine
 * fields as they are and its `title` and `detail` in the language of Accept-Language.
 */
const writeProblem =
  (ledger: LedgerEdge): ErrorRequestHandler =>
  async (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const context = contextOf(res);
    const lang = requestLanguage(req);
    const problem = toProblem(error, { ifMatch: context.ifMatch, names: await namesFor(ledger, error) });
    if (problem.unexpected) context.error = error;
    if (res.headersSent) {
      // A streamed response (the export) failed half-way: end it so the client sees it broken.
      next(error);
      return;
    }
    const detail = problem.detail[lang];
    const body: ProblemBody = {
      type: `/problems/${problem.code}`,
      title: problemTitle(problem.code, lang),
      status: problem.status,
      detail:
        problem.unexpected && problem.status === 500
          ? `${detail} (${lang === 'nb' ? 'forespørsel' : 'request'} ${context.requestId})`
          : detail,
      code: problem.code,
      instance: req.originalUrl.split('?')[0] ?? req.originalUrl,
      requestId: context.requestId,
      ...(problem.issues
        ? { issues: problem.issues.map((issue) => ({ path: issue.path, message: issue.words?.[lang] ?? issue.message })) }
        : {}),
      ...(problem.details ? { details: problem.details } : {}),
    };
    if (problem.status === 401) res.set('WWW-Authenticate', 'Bearer realm="hfi-ledger"');
    res.set('Content-Language', lang === 'nb' ? 'nb' : 'en').vary('Accept-Language');
    res.status(problem.status).type('application/problem+json').json(body);
  };

/**
 * The HTTP API over a ledger and its accounts, not listening: `startServer` listens,
 * tests hand it to supertest.
 */
export function createApp(ledger: LedgerEdge, accounts: AccountStore, options: AppOptions = {}): express.Application {
  const clock = options.clock ?? (() => new Date());
  const deps: Dependencies = {
    ledger,
    accounts,
    clock,
    afterSettlement: options.afterSettlement,
    signInThrottle: new SignInThrottle(options.signInThrottle),
    operations: options.operations,
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting(options.trustProxy));

  app.use(prepare(options.newRequestId ?? ulidFactory()));
  app.use(compressJson());
  app.use(requestLog(options.logger ?? (options.log ? createLogger({ write: options.log }) : stdoutLogger())));
  if (options.metrics) app.use(options.metrics.httpMiddleware());
  app.use(authenticate(accounts, ledger.store));

  const specs: RouteSpec[] = [
    ...sessionRoutes(deps),
    ...queryRoutes(deps),
    ...reportRoutes(deps, options.documents ?? { funderOrganisationId: null }),
    ...openingRoutes(deps),
    ...commandRoutes(deps),
  ];
  let document: unknown = null;
  specs.push({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openApi',
    summary: 'This API described in OpenAPI 3.1',
    tag: 'system',
    access: { kind: 'public' },
    success: { status: 200, description: 'The OpenAPI document', schema: { type: 'object' } },
    problems: [],
    handle: (_req, res) => {
      document ??= openApiDocument(specs);
      res.json(document);
    },
  });

  const body = jsonBody(options.bodyLimit ?? DEFAULT_BODY_LIMIT);
  const routes = specs.map((spec) => {
    const handlers: RequestHandler[] = [routeMark(spec.path), guard(spec.access)];
    if (spec.method === 'post') handlers.push(spec.rawBody ? documentBody() : body);
    handlers.push((req, res) => spec.handle(req, res));
    return { spec, handlers };
  });
  app.use(directRoutes(routes));

  if (options.web) app.use(options.web);

  // Express's own routes of the same specs: what the direct dispatch leaves alone
  // (HEAD, encoded or odd paths, trailing slashes) is routed here, the same way as ever.
  for (const { spec, handlers } of routes) app[spec.method](spec.path, ...handlers);

  app.use(notFound);
  app.use(writeProblem(ledger));
  return app;
}
