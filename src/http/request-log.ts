import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { actorRefOf, type Logger } from '../operations/logger.js';
import { contextOf } from './context.js';

/** Where request log lines go: one JSON object a line, newline included. */
export type LogWriter = (line: string) => void;

/** One line of the request log (pino adds `level`, `time`, `pid` and `hostname`). */
export interface RequestLogLine {
  time: string;
  level: string;
  msg: 'request';
  requestId: string;
  method: string;
  /** The route's pattern (`/api/years/:year/frame`), or `web` / `unmatched`. */
  route: string;
  path: string;
  status: number;
  ms: number;
  /** The account's role, or null when the request was not authenticated. */
  role: string | null;
  /** The account's pseudonym (src/operations/logger.ts), or null. */
  actorRef: string | null;
  /** For a 500: what went wrong (server side only; never in the response). */
  error?: { name: string; message: string; stack?: string };
  /** A security event: `sign-in-lockout` (with scope, lock-out count and seconds), `sign-in-locked`, `demo-credentials-refused`. */
  security?: Record<string, unknown>;
}

/** The route a request was matched to, for the log and the metrics: its pattern, never the raw path. */
export function routeOf(req: Request, res: Response): string {
  return contextOf(res).route ?? (req.path.startsWith('/api/') || req.path === '/api' ? 'unmatched' : 'web');
}

/** Writes one line per request when its response is finished (or the connection closed first). */
export function requestLog(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    let written = false;
    const done = () => {
      if (written) return;
      written = true;
      const context = contextOf(res);
      const account = context.auth?.account ?? null;
      const line: Omit<RequestLogLine, 'time' | 'level' | 'msg'> = {
        requestId: context.requestId,
        method: req.method,
        route: routeOf(req, res),
        path: req.originalUrl.split('?')[0] ?? req.originalUrl,
        status: res.headersSent ? res.statusCode : 499,
        ms: Math.round((performance.now() - started) * 10) / 10,
        role: account?.role ?? null,
        actorRef: account ? actorRefOf(account.username) : null,
        ...(context.security ? { security: context.security } : {}),
      };
      if (context.error !== null && context.error !== undefined) {
        const error = context.error instanceof Error ? context.error : new Error(JSON.stringify(context.error));
        line.error = { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
      }
      try {
        if (line.status >= 500) logger.error(line, 'request');
        else logger.info(line, 'request');
      } catch {
        // A failing log writer must not fail the request it logs.
      }
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
