import { expect } from 'vitest';
import { currentSchemaVersion, eventDataSchemas, type EventDataOf, type EventType, type LedgerEvent } from '../../events/catalogue.js';
import type { CaseState } from '../../src/case/case.js';
import type { DecisionContext, States } from '../../src/commands/define.js';
import { caseRef, foldOf, REGISTRY, targetStream, yearRef, type StateRef } from '../../src/commands/state-refs.js';
import { CommandSchema, definitionOf, type Command } from '../../src/commands/table.js';
import { isDomainError, type DetailsOf, type DomainErrorCode } from '../../src/domain/errors.js';
import type { RegistryState } from '../../src/registry/registry.js';
import { sha256Hex } from '../../src/store/hash-chain.js';
import type { YearState } from '../../src/year/year.js';
import { expectDetailsOfTheirKinds } from './refusal-kinds.js';
import type { Given } from './spec.js';

/**
 * Pure specs of the rules: given a history of events (any history, even one today's rules
 * would refuse to record), when a command is decided, then these events, or this refusal.
 * No store, no handler: the states are folded from the given events by the aggregates'
 * own `evolve`, and the command's own `decide` runs on them. The integration specs
 * (spec.ts) still record whole histories through the handler.
 */

/** Today in the pure specs, as in the integration specs. */
const TODAY = '2026-06-01';

/** One event of the given history: its stream, type and data, the day it took effect, and what it corrects. */
export interface GivenEvent {
  stream: string;
  type: EventType;
  data: unknown;
  effectiveDate: string;
  /** Its id, when a later event or the command names it (a ULID; see `eventId`). */
  id?: string;
  /** The id of the event it corrects (a receipt's correction names the receipt). */
  corrects?: string;
}

/**
 * An id for a given event that a command can name (corrections take a ULID): `eventId(1)`,
 * `eventId(2)`… Events given no id get `eventId` of their place in the history, from 1.
 */
export const eventId = (n: number) => `01JSPEC${String(n).padStart(19, '0')}`;

/**
 * An event of the history (its effective date defaults to the first day of 2025). Its data
 * must be valid data of its type as the catalogue reads it today: a store holds nothing else.
 */
export function recorded<T extends EventType>(
  stream: string,
  type: T,
  data: EventDataOf<T>,
  effectiveDate = '2025-01-01',
  link: { id?: string; corrects?: string } = {},
): GivenEvent {
  return { stream, type, data, effectiveDate, ...link };
}

function historyOf(events: GivenEvent[]): LedgerEvent[] {
  return events.map((event, index) => {
    const id = event.id ?? eventId(index + 1);
    return {
      id,
      type: event.type,
      schemaVersion: currentSchemaVersion(event.type),
      stream: event.stream,
      revision: events.slice(0, index).filter((earlier) => earlier.stream === event.stream).length,
      position: index + 1,
      data: eventDataSchemas[event.type].parse(event.data),
      metadata: {
        effectiveDate: event.effectiveDate,
        recordedAt: `${TODAY}T08:00:00Z`,
        actor: 'spec',
        ...(event.corrects === undefined ? {} : { corrects: event.corrects }),
      },
      hash: sha256Hex(id),
    } as LedgerEvent;
  });
}

/** The states the rules read, each folded from the events of its streams. */
function statesOf(history: LedgerEvent[]): States {
  const fold = (ref: StateRef) => {
    const { streams, initial, evolve } = foldOf(ref);
    return history.filter((event) => streams.includes(event.stream)).reduce(evolve, initial());
  };
  return {
    registry: () => fold(REGISTRY) as RegistryState,
    case: (caseNumber) => fold(caseRef(caseNumber)) as CaseState,
    year: (year) => fold(yearRef(year)) as YearState,
  };
}

/** Nested fields may be left out of an expected event: only those given are compared. */
type Partly<T> = T extends readonly (infer E)[] ? Partly<E>[] : T extends object ? { [K in keyof T]?: Partly<T[K]> } : T;

/** An event the command should decide: its type, the fields of its data that matter, and what it corrects. */
export type ExpectedEvent = { [T in EventType]: { type: T; data?: Partly<EventDataOf<T>>; corrects?: string } }[EventType];

type Decided = { type: EventType; data: unknown; corrects?: string }[];

export function given(...events: GivenEvent[]) {
  const history = historyOf(events);
  return {
    /** The command under test, checked by the compiler against its schema's input. */
    when(input: Given) {
      return this.whenSent(input);
    },
    /** A command as a client might send it, unchecked by the compiler: for what its schema refuses. */
    whenSent(input: object) {
      const parsed = () => CommandSchema.safeParse({ idempotencyKey: 'spec', ...input });
      const decide = (): Decided => {
        const command = CommandSchema.parse({ idempotencyKey: 'spec', ...input });
        const definition = definitionOf(command.type) as unknown as {
          target: (c: Command) => StateRef;
          decide: (c: Command, s: States, x: DecisionContext) => Decided;
        };
        const target = targetStream(definition.target(command));
        const head = history.filter((event) => event.stream === target).at(-1);
        let ids = 0;
        const context: DecisionContext = {
          effectiveDate: command.effectiveDate ?? TODAY,
          today: TODAY,
          newId: () => `id-${++ids}`,
          streamHead: head ? { revision: head.revision, hash: head.hash } : null,
        };
        return definition.decide(command, statesOf(history), context);
      };
      return {
        /** The command decides exactly these events, in this order, each valid data of its type. */
        then(expected: ExpectedEvent[]) {
          const decided = decide();
          expect(decided.map((event) => event.type)).toEqual(expected.map((event) => event.type));
          decided.forEach((event, index) => {
            expect(eventDataSchemas[event.type].safeParse(event.data).error, `${event.type} is valid data of its type`).toBeUndefined();
            const { data, corrects } = expected[index]!;
            if (data) expect(event.data).toMatchObject(data);
            if (corrects !== undefined) expect(event.corrects, `${event.type} corrects`).toBe(corrects);
          });
          return decided;
        },
        /** The command does not even parse (today's schema refuses it), and the schema names this field. */
        thenInvalid(path: string) {
          const issues = parsed().error?.issues.map((issue) => issue.path.join('.'));
          expect(issues, 'the command is refused by its schema').toBeDefined();
          expect(issues).toContain(path);
        },
        /** The command is refused with this code, its details of the kinds the code declares and including those given. */
        thenRefuses<C extends DomainErrorCode>(code: C, details?: Partial<DetailsOf<C>>) {
          let refusal: unknown = null;
          try {
            decide();
          } catch (error: unknown) {
            refusal = error;
          }
          expect(isDomainError(refusal), `expected the refusal ${code}, got ${String(refusal)}`).toBe(true);
          expect(refusal).toMatchObject({
            code,
            ...(details ? { details: expect.objectContaining(details as Record<string, unknown>) as unknown } : {}),
          });
          expectDetailsOfTheirKinds(refusal);
        },
      };
    },
  };
}
