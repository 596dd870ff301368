import type { Request, Response } from 'express';
import type { Access } from './auth.js';

export type JsonSchema = Record<string, unknown>;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

/**
 * One endpoint: how it is served and how it is documented. The app registers
 * routes from these specs and the OpenAPI document is generated from the same
 * specs, so the two cannot drift apart.
 */
export interface RouteSpec {
  method: 'get' | 'post' | 'delete';
  /** Express path, `:name` for a path parameter. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  parameters?: ParameterSpec[];
  /** Takes `asOf` / `asOfPosition`. */
  asOf?: boolean;
  body?: { schema: JsonSchema; required: boolean; description?: string };
  /** A POST whose body is a file (any media type, read as bytes) instead of JSON. */
  rawBody?: { mediaTypes: string[]; description: string };
  /** Requires `Idempotency-Key` (or `idempotencyKey` in the body). */
  idempotent?: boolean;
  /** Honours `If-Match` with an ETag of the stream it writes to. */
  ifMatch?: boolean;
  /** Returns an `ETag` of a stream's revision (on current reads). */
  etag?: boolean;
  success: { status: number; description: string; contentType?: string; schema?: JsonSchema; replayable?: boolean };
  /** The problem statuses the endpoint may answer with, besides 500. */
  problems: number[];
  handle: (req: Request, res: Response) => Promise<void> | void;
}
