import { z } from 'zod';
import type { JsonSchema } from './routes.js';

/**
 * A JSON Schema made when something first reads it: the OpenAPI document's schemas are
 * converted from zod (`z.toJSONSchema`, tens of milliseconds for the whole API) only
 * when the document is asked for, not at every start of the server. It reads, and
 * serialises, as the schema itself.
 */
export function lazySchema(make: () => JsonSchema): JsonSchema {
  let made: JsonSchema | null = null;
  const schema = () => (made ??= make());
  return new Proxy<JsonSchema>(
    {},
    {
      get: (_, key): unknown => Reflect.get(schema(), key),
      has: (_, key) => Reflect.has(schema(), key),
      ownKeys: () => Reflect.ownKeys(schema()),
      getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(schema(), key),
    },
  );
}

/** A response's zod schema (src/http/responses.ts) as the JSON Schema the OpenAPI document gives for it. */
export function responseSchema(schema: z.ZodType): JsonSchema {
  return lazySchema(() => {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
    return rest;
  });
}
