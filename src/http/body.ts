import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HttpProblem } from './problem.js';

/** The largest request body the API reads. @defaultValue 256 KiB */
export const DEFAULT_BODY_LIMIT = '256kb';

function hasBody(req: Request): boolean {
  if (req.get('transfer-encoding') !== undefined) return true;
  const length = req.get('content-length');
  return length !== undefined && length.trim() !== '0';
}

/**
 * Reads a JSON body strictly: a body must be declared `application/json` (or
 * `application/…+json`), in UTF-8, an object or array, no larger than the limit.
 * A request without a body reads as `{}`.
 */
export function jsonBody(limit: string | number = DEFAULT_BODY_LIMIT): RequestHandler {
  const parse = express.json({ limit, strict: true, type: () => true });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) {
      req.body = {};
      next();
      return;
    }
    if (!req.is(['application/json', 'application/*+json']))
      throw new HttpProblem(
        415,
        'unsupported-media-type',
        `the body must be application/json; got ${req.get('content-type') ?? 'no Content-Type'}`,
      );
    parse(req, res, next);
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
