import { z } from 'zod';
import type { JsonSchema } from './routes.js';

/** A response's zod schema (src/http/responses.ts) as the JSON Schema the OpenAPI document gives for it. */
export function responseSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}
