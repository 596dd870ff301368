import { compileCheck, type Check } from '../../events/compiled-checks.js';
import { EventMetadataSchema } from '../../events/envelope.js';
import { commandDefinitions, type Command } from '../commands/table.js';

/**
 * The command path's checks compiled from the schemas (events/compiled-checks.ts), so a command
 * or an event's metadata that the schema would take as it is needs no zod parse: they
 * accept only what the schema accepts and returns unchanged, and say no to anything else,
 * which is then parsed by the schema itself (and refused there, with its issues).
 */

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Keys in any order: a command's order means nothing (its rule reads fields by name, its hash is over canonical JSON). */
const commandChecks = new Map<unknown, Check>(
  commandDefinitions.map((definition) => [definition.type, compileCheck(definition.schema, { anyKeyOrder: true })]),
);

/**
 * The command, when its type's schema would return it unchanged but for the order of its
 * keys: a copy (the caller may change its object after sending it); otherwise null.
 */
export function checkedCommand(value: unknown): Command | null {
  if (!isPlainRecord(value)) return null;
  const check = commandChecks.get(value.type);
  return check && check(value) ? (copyOf(value) as Command) : null;
}

/** A copy of a plain JSON value (what a check vouched for holds nothing else). */
function copyOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy;
}

const metadataCheck = compileCheck(EventMetadataSchema, { anyKeyOrder: true });

/** Whether the handler's metadata of an event is what its schema accepts (in any key order: the handler writes it sorted). */
export function metadataIsValid(metadata: unknown): boolean {
  return metadataCheck(metadata);
}
