import type { z } from 'zod';

/**
 * Checks compiled from the zod schemas themselves, for the projection rebuild's trusted
 * read. A compiled check says whether the schema would accept a value *and return it
 * unchanged*; it never accepts more than the schema, and where it cannot vouch (a name
 * that `trim` would change, a refinement that throws) it says no and the caller parses
 * the record with zod. So there is one source of truth — the schema — and a rebuild does
 * not run zod over a million events that were parsed when they were written.
 *
 * Only the parts of zod the event schemas use are understood; a schema using anything
 * else fails when this module compiles it (at start-up and in the tests), never quietly.
 */
export type Check = (value: unknown) => boolean;

/** The zod internals this compiler reads: each schema's `_zod.def`. */
interface Def extends Partial<CheckDef> {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  element?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  fn?: (value: unknown) => unknown;
  tx?: (value: unknown) => unknown;
}
interface Schema {
  _zod: { def: Def };
}

const compiled = new WeakMap<object, Check>();
const compiledAnyOrder = new WeakMap<object, Check>();

/**
 * The check of a schema (compiled once). `anyKeyOrder`: objects may hold their keys in
 * any order (zod returns them in the shape's order; for a value whose key order means
 * nothing, such as a command, that is the only difference).
 */
export function compileCheck(schema: z.ZodType, options: { anyKeyOrder?: boolean } = {}): Check {
  const cache = options.anyKeyOrder ? compiledAnyOrder : compiled;
  const known = cache.get(schema);
  if (known) return known;
  const check = compileSchema(schema, options.anyKeyOrder === true);
  cache.set(schema, check);
  return check;
}

function compileSchema(schema: Schema, anyOrder: boolean): Check {
  const def = schema._zod.def;
  const compile = (part: Schema) => compileSchema(part, anyOrder);
  switch (def.type) {
    case 'string':
      // A string format such as `z.iso.date()` is a check in its own right, before any added to it.
      return withChecks(
        (value) => typeof value === 'string',
        def.check ? { ...def, checks: [{ _zod: { def: def as CheckDef } }, ...(def.checks ?? [])] } : def,
      );
    case 'number':
      return withChecks((value) => typeof value === 'number' && Number.isFinite(value), def);
    case 'literal': {
      const values = def.values ?? [];
      return (value) => values.includes(value);
    }
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return (value) => (typeof value === 'string' || typeof value === 'number') && values.includes(value);
    }
    case 'null':
      return (value) => value === null;
    case 'nullable': {
      const inner = compile(def.innerType!);
      return (value) => value === null || inner(value);
    }
    case 'optional':
      // An absent key is the object's business; a present value must be the inner type.
      return compile(def.innerType!);
    case 'union': {
      const options = def.options!.map(compile);
      return (value) => options.some((option) => option(value));
    }
    case 'array':
      return withChecks(arrayCheck(compile(def.element!)), def);
    case 'object':
      return anyOrder ? strictObjectAnyOrder(def, compile) : strictObject(def, compile);
    default:
      throw new Error(`the fast checks do not understand zod's "${def.type}"; extend events/fast-check.ts`);
  }
}

/** A string, of the schema's format where it is one (only formats whose check is their pattern alone are understood). */
function arrayCheck(element: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (const item of value) if (!element(item)) return false;
    return true;
  };
}

/** A value check followed by the schema's own checks (lengths, bounds, patterns, refinements). */
function withChecks(base: Check, def: Def): Check {
  const checks = (def.checks ?? []).map((check) => compileRule(check._zod.def));
  if (checks.length === 0) return base;
  return (value) => {
    if (!base(value)) return false;
    for (const check of checks) if (!check(value)) return false;
    return true;
  };
}

function compileRule(rule: CheckDef): Check {
  switch (rule.check) {
    case 'min_length':
      return (value) => (value as { length: number }).length >= rule.minimum!;
    case 'max_length':
      return (value) => (value as { length: number }).length <= rule.maximum!;
    case 'string_format':
      // A pattern, or a format zod checks by its pattern alone (an ISO date or datetime: the calendar is in the pattern).
      if (!['regex', 'date', 'datetime'].includes(rule.format ?? '') || !rule.pattern) break;
      return regexCheck(rule.pattern);
    case 'number_format':
      if (rule.format !== 'safeint') break;
      return (value) => Number.isSafeInteger(value);
    case 'greater_than':
      return rule.inclusive ? (value) => (value as number) >= rule.value! : (value) => (value as number) > rule.value!;
    case 'less_than':
      return rule.inclusive ? (value) => (value as number) <= rule.value! : (value) => (value as number) < rule.value!;
    case 'overwrite':
      // A transform such as trim: vouch only for values it leaves as they are.
      return (value) => rule.tx!(value) === value;
    case 'custom':
      return (value) => {
        try {
          return rule.fn!(value) === true;
        } catch {
          return false;
        }
      };
    default:
      break;
  }
  throw new Error(`the fast checks do not understand zod's "${rule.check}" (${rule.format ?? ''}); extend events/fast-check.ts`);
}

function regexCheck(pattern: RegExp): Check {
  // A copy without the global flag, so `test` keeps no state between values.
  const regex = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  return (value) => regex.test(value as string);
}

/**
 * A strict object: every required key present, every present key one of the shape's and
 * its value valid, and the keys in the shape's order (zod returns an object's keys in
 * that order and the read model keeps and serves data objects as they are, so an object
 * in another order is left to zod). A plain object from JSON inherits none of the keys.
 */
function strictObject(def: Def, compile: (schema: Schema) => Check): Check {
  if (def.catchall?._zod.def.type !== 'never') throw new Error('the fast checks understand strict objects only');
  const keys = Object.keys(def.shape!);
  const checks = keys.map((key) => compile(def.shape![key]!));
  const required = keys.map((key) => def.shape![key]!._zod.def.type !== 'optional');
  for (const key of keys) if (key in Object.prototype) throw new Error(`a checked key may not be inherited: ${key}`);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype)
      return false;
    const record = value as Record<string, unknown>;
    let next = 0;
    for (const key in record) {
      while (next < keys.length && keys[next] !== key) {
        if (required[next]) return false;
        next += 1;
      }
      if (next === keys.length) return false;
      const item = record[key];
      if (item === undefined || !checks[next]!(item)) return false;
      next += 1;
    }
    for (; next < keys.length; next++) if (required[next]) return false;
    return true;
  };
}

/** A strict object as above, its keys in any order. */
function strictObjectAnyOrder(def: Def, compile: (schema: Schema) => Check): Check {
  if (def.catchall?._zod.def.type !== 'never') throw new Error('the fast checks understand strict objects only');
  const shape = Object.entries(def.shape!);
  const fields = new Map(shape.map(([key, schema]) => [key, { check: compile(schema), required: schema._zod.def.type !== 'optional' }]));
  const required = shape.filter(([key]) => fields.get(key)!.required).length;
  for (const key of fields.keys()) if (key in Object.prototype) throw new Error(`a checked key may not be inherited: ${key}`);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype)
      return false;
    const record = value as Record<string, unknown>;
    let requiredSeen = 0;
    for (const key in record) {
      const field = fields.get(key);
      const item = record[key];
      if (field === undefined || item === undefined || !field.check(item)) return false;
      if (field.required) requiredSeen += 1;
    }
    return requiredSeen === required;
  };
}
