import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { contextOf } from './context.js';

/** Where request log lines go: one JSON object a line, newline included. */
export type LogWriter = (line: string) => void;

/**
 * Lines for stdout gathered while the event loop is busy and written together once it
 * turns (at the latest every 256 lines), so a burst of requests costs one write, not
 * one each; whatever is left is written when the process exits.
 */
let pending: string[] = [];
let flushScheduled = false;
let exitHooked = false;

function flushStdout(): void {
  flushScheduled = false;
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stdout.write(text);
}

export const stdoutWriter: LogWriter = (line) => {
  pending.push(line);
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', flushStdout);
  }
  if (pending.length >= 256) flushStdout();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushStdout);
  }
};

/** One line of the request log. */
export interface RequestLogLine {
  time: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  /** The account's username, or null when the request was not authenticated. */
  actor: string | null;
  /** For a 500: what went wrong (server side only; never in the response). */
  error?: { name: string; message: string; stack?: string };
  /** A security event: `sign-in-lockout` (with scope, lock-out count and seconds), `sign-in-locked`, `demo-credentials-refused`. */
  security?: Record<string, unknown>;
}

/** Writes one line per request when its response is finished (or the connection closed first). */
export function requestLog(write: LogWriter, clock: () => Date): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    let written = false;
    const done = () => {
      if (written) return;
      written = true;
      const context = contextOf(res);
      const line: RequestLogLine = {
        time: clock().toISOString(),
        requestId: context.requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0] ?? req.originalUrl,
        status: res.headersSent ? res.statusCode : 499,
        ms: Math.round((performance.now() - started) * 10) / 10,
        actor: context.auth?.account.username ?? null,
        ...(context.security ? { security: context.security } : {}),
      };
      if (context.error !== null && context.error !== undefined) {
        const error = context.error instanceof Error ? context.error : new Error(JSON.stringify(context.error));
        line.error = { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
      }
      try {
        write(`${JSON.stringify(line)}\n`);
      } catch {
        // A failing log writer must not fail the request it logs.
      }
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
