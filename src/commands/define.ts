import { z } from 'zod';
import type { EventDraft } from '../../events/catalogue.js';
import { DateSchema } from '../../events/money.js';
import type { CaseState } from '../case/case.js';
import type { RegistryState } from '../registry/registry.js';
import type { YearState } from '../year/year.js';
import type { StateRef } from './state-refs.js';

/**
 * A command of the ledger, in one place: its schema (what a user may send), the stream it
 * appends to, the states its rule reads, the rule itself (`decide`: pure, from the states
 * read to the events to record, or a refusal), and where it is offered over HTTP. The
 * command table (`table.ts`) lists every definition; the handler, the HTTP routes, the
 * OpenAPI document and the CLI are built from it.
 */
export interface CommandDefinition<T extends string = string, C extends { type: T } = { type: T }> {
  readonly type: T;
  readonly schema: z.ZodType<C>;
  /** The state whose stream the command appends to. */
  readonly target: (command: C) => StateRef;
  /** The other states the rule reads; it may read nothing else. */
  readonly reads: (command: C) => StateRef[];
  readonly decide: (command: C, states: States, context: DecisionContext) => EventDraft[];
  readonly http: HttpEndpoint;
}

/** Where a command is offered over HTTP: the path fills the command's fields it names. */
export interface HttpEndpoint {
  readonly path: string;
  readonly summary: string;
  readonly tag: 'registry' | 'cases' | 'years';
  /**
   * The field naming the committee member the command is recorded for, where a member's own
   * account may record it (a vote): such an account records it only as its own member, and
   * over HTTP the field defaults to that member.
   */
  readonly ownMember?: string;
}

/**
 * The states a decision reads, caught up with the log. Asking for a state the command did
 * not declare is a programming error: on EventStoreDB only declared states are loaded
 * before the decision, so an undeclared read would read nothing.
 */
export interface States {
  registry(): RegistryState;
  case(caseNumber: string): CaseState;
  year(year: number): YearState;
}

export interface DecisionContext {
  /** The date the command takes effect (its `effectiveDate`, default today). */
  readonly effectiveDate: string;
  /** Today in Norway, by the ledger's clock. */
  readonly today: string;
  /** A fresh id (ULID) for a grant or proposal the command names none for. */
  readonly newId: () => string;
  /** The last event of the stream the command appends to (a closing year's seal names it). */
  readonly streamHead: { revision: number; hash: string } | null;
}

/** What every command carries: an idempotency key and, optionally, the date it took effect. */
const common = {
  idempotencyKey: z
    .string({ error: 'idempotencyKey is required: a string that identifies this command, so a repeat has no second effect' })
    .min(1, { error: 'idempotencyKey must not be empty' })
    .max(200, { error: 'idempotencyKey must be at most 200 characters' }),
  effectiveDate: DateSchema.optional(),
};

/** The schema of a command: its type, the common fields and its own, nothing else. */
export const commandSchema = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...common, ...shape });

/**
 * Defines a command from its type, its own fields and its rule. The schema's output type
 * is what `target`, `reads` and `decide` receive.
 */
export function defineCommand<T extends string, S extends z.ZodRawShape, const H extends HttpEndpoint>(definition: {
  type: T;
  shape: S;
  target: (command: z.output<ReturnType<typeof commandSchema<T, S>>>) => StateRef;
  reads: (command: z.output<ReturnType<typeof commandSchema<T, S>>>) => StateRef[];
  decide: (command: z.output<ReturnType<typeof commandSchema<T, S>>>, states: States, context: DecisionContext) => EventDraft[];
  /** Its endpoint keeps its literal types, so the page's and the tests' paths are checked against it. */
  http: H;
}) {
  const schema = commandSchema(definition.type, definition.shape);
  return {
    type: definition.type,
    schema,
    target: definition.target,
    reads: definition.reads,
    decide: definition.decide,
    http: definition.http,
  };
}
