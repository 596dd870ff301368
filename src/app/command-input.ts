import { z } from 'zod';
import { NameSchema, TextSchema, inputTextProblem } from '../../events/identifiers.js';
import { CommandSchema } from '../commands/table.js';
import { CommandValidationError, issueAt, type ValidationIssue } from './errors.js';

/**
 * The command edge's hygiene for names and texts, before a command is parsed: every
 * field the command schema types as a name (`NameSchema`) or a text (`TextSchema`) is
 * NFC-normalised, and refused when it holds a control character, a bidirectional
 * formatting character or a lone surrogate. It runs here, on new input, and not in the
 * schemas themselves, because those schemas also parse every stored event: an event
 * stored before these rules must stay readable, and its hash covers it as it was.
 * The fields are found by walking the command schema, so a new command's names and
 * texts are covered without a list kept by hand.
 */
type Kind = 'name' | 'text';

const kindOf = (schema: z.core.$ZodType): Kind | null => (schema === NameSchema ? 'name' : schema === TextSchema ? 'text' : null);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Cleans a value of one schema: its names and texts normalised (the value itself when nothing changed), issues noted by path. */
type Cleaner = (value: unknown, path: readonly string[], issues: Map<string, ValidationIssue>) => unknown;

/**
 * The cleaner of a schema, made once by walking it: null where the schema holds no name
 * or text, so a command is walked only along the fields that can need cleaning.
 */
function compileCleaner(schema: z.core.$ZodType): Cleaner | null {
  const kind = kindOf(schema);
  if (kind) return textCleaner(kind);
  // Zod's documented way for a tool to walk a schema: its definition, discriminated over zod's own schema classes.
  const typed = schema as z.core.$ZodTypes;
  const definition = typed._zod.def;
  switch (definition.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return compileCleaner(definition.innerType);
    case 'pipe':
      return compileCleaner(definition.in);
    case 'array': {
      const element = compileCleaner(definition.element);
      if (!element) return null;
      return (value, path, issues) =>
        Array.isArray(value) ? value.map((item, index) => element(item, [...path, String(index)], issues)) : value;
    }
    case 'object':
      return objectCleaner(definition.shape);
    case 'union':
      return unionCleaner(definition.options, typed instanceof z.core.$ZodDiscriminatedUnion ? typed._zod.def.discriminator : null);
    default:
      return null;
  }
}

function textCleaner(kind: Kind): Cleaner {
  return (value, path, issues) => {
    if (typeof value !== 'string') return value;
    const problem = inputTextProblem(kind, value);
    const where = path.join('.');
    if (problem) issues.set(`${where}\n${problem.en}`, issueAt(where, problem));
    return value.normalize('NFC');
  };
}

function objectCleaner(shape: Record<string, z.core.$ZodType>): Cleaner | null {
  const fields: [string, Cleaner][] = [];
  for (const [key, field] of Object.entries(shape)) {
    const cleaner = compileCleaner(field);
    if (cleaner) fields.push([key, cleaner]);
  }
  if (fields.length === 0) return null;
  return (value, path, issues) => {
    if (!isRecord(value)) return value;
    let cleaned: Record<string, unknown> | null = null;
    for (const [key, cleaner] of fields) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const field = cleaner(value[key], [...path, key], issues);
      if (field !== value[key]) (cleaned ??= { ...value })[key] = field;
    }
    return cleaned ?? value;
  };
}

/** A discriminated union (the commands by `type`) cleans as the alternative the value names; any other union as each alternative in turn. */
function unionCleaner(alternatives: readonly z.core.$ZodType[], key: string | null): Cleaner | null {
  const options = alternatives.map((option) => [option, compileCleaner(option)] as const);
  const each = options.flatMap(([, cleaner]) => (cleaner ? [cleaner] : []));
  const all: Cleaner | null =
    each.length === 0 ? null : (value, path, issues) => each.reduce((current, cleaner) => cleaner(current, path, issues), value);
  if (!key) return all;
  const byValue = new Map<unknown, Cleaner | null>();
  for (const [option, cleaner] of options)
    for (const literal of discriminatorValues(option, key)) if (!byValue.has(literal)) byValue.set(literal, cleaner);
  return (value, path, issues) => {
    if (isRecord(value) && byValue.has(value[key])) {
      const chosen = byValue.get(value[key]);
      return chosen ? chosen(value, path, issues) : value;
    }
    return all ? all(value, path, issues) : value;
  };
}

/** The values an alternative of a discriminated union takes at its discriminator: its literal's (none when it is not a literal). */
function discriminatorValues(option: z.core.$ZodType, key: string): readonly unknown[] {
  if (!(option instanceof z.core.$ZodObject)) return [];
  const field = option._zod.def.shape[key];
  return field instanceof z.core.$ZodLiteral ? field._zod.def.values : [];
}

const cleanCommand = compileCleaner(CommandSchema);

/** The command input with its names and texts NFC-normalised; throws CommandValidationError naming each field that breaks the rules. */
export function cleanCommandInput(input: unknown): unknown {
  const issues = new Map<string, ValidationIssue>();
  const cleaned = cleanCommand ? cleanCommand(input, [], issues) : input;
  if (issues.size > 0) throw new CommandValidationError([...issues.values()]);
  return cleaned;
}
