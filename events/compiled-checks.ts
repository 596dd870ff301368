import { z } from 'zod';

/**
 * Checks compiled from the zod schemas themselves, for the projection rebuild's trusted
 * read. A compiled check says whether the schema would accept a value *and return it
 * unchanged*; it never accepts more than the schema, and where it cannot vouch (a name
 * that `trim` would change, a refinement that throws) it says no and the caller parses
 * the record with zod. So there is one source of truth — the schema — and a rebuild does
 * not run zod over a million events that were parsed when they were written.
 *
 * The schemas are read as zod documents for tools that traverse them (zod.dev, "Zod
 * Core"): each schema's definition (`_zod.def`) discriminated on `def.type` over zod's
 * own union of its schema classes (`z.core.$ZodTypes`), each check's on `def.check` over
 * `z.core.$ZodChecks`, string formats on `def.format` over `z.core.$ZodStringFormatChecks`.
 * Only what the event schemas use is understood; a schema using anything else fails when
 * this module compiles it (at start-up and in the tests), never quietly.
 */
export type Check = (value: unknown) => boolean;

type Schema = z.core.$ZodType;

/** A check of a schema's `checks`: one of zod's own check classes, or a refinement (`.refine`, a `$ZodCustom`). */
type SchemaCheck = z.core.$ZodChecks | z.core.$ZodCustom;

/** Zod's documented way for a tool to tell its schema classes apart: a first-party schema is one of `$ZodTypes`. */
const firstParty = (schema: Schema): z.core.$ZodTypes => schema as z.core.$ZodTypes;

const compiled = new WeakMap<object, Check>();
const compiledAnyOrder = new WeakMap<object, Check>();

/**
 * The check of a schema (compiled once). `anyKeyOrder`: objects may hold their keys in
 * any order (zod returns them in the shape's order; for a value whose key order means
 * nothing, such as a command, that is the only difference).
 */
export function compileCheck(schema: Schema, options: { anyKeyOrder?: boolean } = {}): Check {
  const cache = options.anyKeyOrder ? compiledAnyOrder : compiled;
  const known = cache.get(schema);
  if (known) return known;
  const check = compileSchema(schema, options.anyKeyOrder === true);
  cache.set(schema, check);
  return check;
}

function compileSchema(schema: Schema, anyOrder: boolean): Check {
  const typed = firstParty(schema);
  const def = typed._zod.def;
  const compile = (part: Schema) => compileSchema(part, anyOrder);
  switch (def.type) {
    case 'string':
      // A string format such as `z.iso.date()` is a check in its own right, before any added to it.
      return withChecks(
        (value) => typeof value === 'string',
        typed instanceof z.core.$ZodCheckStringFormat ? [typed, ...(def.checks ?? [])] : def.checks,
      );
    case 'number':
      return withChecks((value) => typeof value === 'number' && Number.isFinite(value), def.checks);
    case 'literal': {
      const values: unknown[] = def.values;
      return (value) => values.includes(value);
    }
    case 'enum': {
      const values: unknown[] = Object.values(def.entries);
      return (value) => (typeof value === 'string' || typeof value === 'number') && values.includes(value);
    }
    case 'null':
      return (value) => value === null;
    case 'nullable': {
      const inner = compile(def.innerType);
      return (value) => value === null || inner(value);
    }
    case 'optional':
      // An absent key is the object's business; a present value must be the inner type.
      return compile(def.innerType);
    case 'union': {
      // An exclusive union (`z.xor`) refuses a value two alternatives take, which a subset check cannot tell;
      // a discriminated union is exclusive too, but its alternatives never share a discriminator value.
      if (def.inclusive === false && !(typed instanceof z.core.$ZodDiscriminatedUnion)) break;
      const options = def.options.map(compile);
      return (value) => options.some((option) => option(value));
    }
    case 'array':
      return withChecks(arrayCheck(compile(def.element)), def.checks);
    case 'object':
      return anyOrder ? strictObjectAnyOrder(def, compile) : strictObject(def, compile);
    default:
      break;
  }
  throw new Error(`the compiled checks do not understand zod's "${def.type}"; extend events/compiled-checks.ts`);
}

/** An array whose every item passes the element's check. */
function arrayCheck(element: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (const item of value) if (!element(item)) return false;
    return true;
  };
}

/** A value check followed by the schema's own checks (lengths, bounds, patterns, refinements). */
function withChecks(base: Check, schemaChecks: readonly z.core.$ZodCheck<never>[] | undefined): Check {
  const checks = (schemaChecks ?? []).map((check) => compileRule(check as SchemaCheck));
  if (checks.length === 0) return base;
  return (value) => {
    if (!base(value)) return false;
    for (const check of checks) if (!check(value)) return false;
    return true;
  };
}

function compileRule(rule: SchemaCheck): Check {
  const def = rule._zod.def;
  switch (def.check) {
    case 'min_length': {
      const minimum = def.minimum;
      return (value) => (value as { length: number }).length >= minimum;
    }
    case 'max_length': {
      const maximum = def.maximum;
      return (value) => (value as { length: number }).length <= maximum;
    }
    case 'string_format':
      return stringFormatRule(rule as z.core.$ZodStringFormatChecks);
    case 'number_format':
      if (def.format !== 'safeint') break;
      return (value) => Number.isSafeInteger(value);
    case 'greater_than':
    case 'less_than':
      return boundRule(def);
    case 'overwrite':
      // A transform such as trim: vouch only for values it leaves as they are.
      return (value) => def.tx(value) === value;
    case 'custom': {
      const refinement = def.fn;
      return (value) => {
        try {
          return refinement(value) === true;
        } catch {
          return false;
        }
      };
    }
    default:
      break;
  }
  throw new Error(`the compiled checks do not understand zod's "${def.check}" check; extend events/compiled-checks.ts`);
}

/** A pattern, or a format zod checks by its pattern alone (an ISO date or datetime: the calendar is in the pattern). */
function stringFormatRule(rule: z.core.$ZodStringFormatChecks): Check {
  const def = rule._zod.def;
  switch (def.format) {
    case 'regex':
    case 'date':
    case 'datetime':
      if (def.pattern) return regexCheck(def.pattern);
      break;
    default:
      break;
  }
  throw new Error(`the compiled checks do not understand zod's "${def.format}" format; extend events/compiled-checks.ts`);
}

/** A number's lower or upper bound, inclusive or not. */
function boundRule(def: z.core.$ZodCheckGreaterThanDef | z.core.$ZodCheckLessThanDef): Check {
  const bound = def.value;
  if (typeof bound !== 'number') throw new Error(`the compiled checks compare numbers only, not ${typeof bound}`);
  if (def.check === 'greater_than') return def.inclusive ? (value) => (value as number) >= bound : (value) => (value as number) > bound;
  return def.inclusive ? (value) => (value as number) <= bound : (value) => (value as number) < bound;
}

function regexCheck(pattern: RegExp): Check {
  // A copy without the global flag, so `test` keeps no state between values.
  const regex = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  return (value) => regex.test(value as string);
}

/** The shape of a strict object, its keys' checks and which keys are required; a non-strict object is not understood. */
function strictShape(def: z.core.$ZodObjectDef, compile: (schema: Schema) => Check): [string, Check, boolean][] {
  if (def.catchall?._zod.def.type !== 'never') throw new Error('the compiled checks understand strict objects only');
  return Object.entries(def.shape).map(([key, field]) => {
    if (key in Object.prototype) throw new Error(`a checked key may not be inherited: ${key}`);
    return [key, compile(field), field._zod.def.type !== 'optional'];
  });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * A strict object: every required key present, every present key one of the shape's and
 * its value valid, and the keys in the shape's order (zod returns an object's keys in
 * that order and the read model keeps and serves data objects as they are, so an object
 * in another order is left to zod). A plain object from JSON inherits none of the keys.
 */
function strictObject(def: z.core.$ZodObjectDef, compile: (schema: Schema) => Check): Check {
  const shape = strictShape(def, compile);
  const keys = shape.map(([key]) => key);
  const checks = shape.map(([, check]) => check);
  const required = shape.map(([, , isRequired]) => isRequired);
  return (value) => {
    if (!isPlainObject(value)) return false;
    let next = 0;
    for (const key in value) {
      while (next < keys.length && keys[next] !== key) {
        if (required[next]) return false;
        next += 1;
      }
      if (next === keys.length) return false;
      const item = value[key];
      if (item === undefined || !checks[next]!(item)) return false;
      next += 1;
    }
    for (; next < keys.length; next++) if (required[next]) return false;
    return true;
  };
}

/** A strict object as above, its keys in any order. */
function strictObjectAnyOrder(def: z.core.$ZodObjectDef, compile: (schema: Schema) => Check): Check {
  const shape = strictShape(def, compile);
  const fields = new Map(shape.map(([key, check, isRequired]) => [key, { check, required: isRequired }]));
  const required = shape.filter(([, , isRequired]) => isRequired).length;
  return (value) => {
    if (!isPlainObject(value)) return false;
    let requiredSeen = 0;
    for (const key in value) {
      const field = fields.get(key);
      const item = value[key];
      if (field === undefined || item === undefined || !field.check(item)) return false;
      if (field.required) requiredSeen += 1;
    }
    return requiredSeen === required;
  };
}
