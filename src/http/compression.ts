import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * The API's JSON answers compressed when the client asks for it (`Accept-Encoding: br`
 * or `gzip`; brotli preferred), by expressjs's `compression` middleware. Only JSON
 * (`application/json`, `application/problem+json`) from a kilobyte on: never an event
 * stream (`text/event-stream`, which must reach the client as each event is written),
 * never a document or a spreadsheet, and never the page's assets, which are served
 * precompressed (the middleware leaves an answer that already has a Content-Encoding).
 * A request that asks for no encoding skips the middleware altogether.
 */
export function compressJson(): RequestHandler {
  const middleware = compression({ threshold: 1024, filter: isJsonAnswer });
  return (req: Request, res: Response, next) => {
    if (!req.headers['accept-encoding']) return next();
    middleware(req, res, next);
  };
}

/** Whether an answer is JSON (and so compressed): its Content-Type when its headers are written. */
function isJsonAnswer(_req: Request, res: Response): boolean {
  const type = String(res.getHeader('Content-Type') ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  return type === 'application/json' || type === 'application/problem+json';
}
