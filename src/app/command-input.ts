import type { z } from 'zod';
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

interface Definition {
  type: string;
  discriminator?: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  element?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  options?: z.core.$ZodType[];
}

const kindOf = (schema: z.core.$ZodType): Kind | null => (schema === NameSchema ? 'name' : schema === TextSchema ? 'text' : null);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function clean(schema: z.core.$ZodType, value: unknown, path: string[], issues: Map<string, ValidationIssue>): unknown {
  const kind = kindOf(schema);
  if (kind) {
    if (typeof value !== 'string') return value;
    const problem = inputTextProblem(kind, value);
    const where = path.join('.');
    if (problem) issues.set(`${where}\n${problem.en}`, issueAt(where, problem));
    return value.normalize('NFC');
  }
  const definition = schema._zod.def as unknown as Definition;
  switch (definition.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return clean(definition.innerType!, value, path, issues);
    case 'pipe':
      return clean(definition.in!, value, path, issues);
    case 'array':
      return Array.isArray(value) ? value.map((item, index) => clean(definition.element!, item, [...path, String(index)], issues)) : value;
    case 'object': {
      if (!isRecord(value)) return value;
      const cleaned: Record<string, unknown> = { ...value };
      for (const [key, field] of Object.entries(definition.shape!))
        if (Object.prototype.hasOwnProperty.call(value, key)) cleaned[key] = clean(field, value[key], [...path, key], issues);
      return cleaned;
    }
    case 'union': {
      // A discriminated union (the commands by `type`): only the alternative the value names.
      const chosen = definition.discriminator && isRecord(value) ? alternativeFor(definition, value) : null;
      if (chosen) return clean(chosen, value, path, issues);
      // Each alternative cleans the fields it types; a field no alternative names is left as it is.
      return definition.options!.reduce((current, option) => clean(option, current, path, issues), value);
    }
    default:
      return value;
  }
}

/** The alternative of a discriminated union whose literal the value's discriminator names, if one does. */
function alternativeFor(definition: Definition, value: Record<string, unknown>): z.core.$ZodType | null {
  const key = definition.discriminator!;
  for (const option of definition.options!) {
    const field = (option._zod.def as unknown as Definition).shape?.[key];
    const values = (field?._zod.def as { values?: unknown[] } | undefined)?.values;
    if (values?.includes(value[key])) return option;
  }
  return null;
}

/** The command input with its names and texts NFC-normalised; throws CommandValidationError naming each field that breaks the rules. */
export function cleanCommandInput(input: unknown): unknown {
  const issues = new Map<string, ValidationIssue>();
  const cleaned = clean(CommandSchema, input, [], issues);
  if (issues.size > 0) throw new CommandValidationError([...issues.values()]);
  return cleaned;
}
