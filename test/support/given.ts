import { expect } from 'vitest';
import type { EventDataOf, EventType, LedgerEvent } from '../../events/catalogue.js';
import type { CaseState } from '../../src/case/case.js';
import type { DecisionContext, States } from '../../src/commands/define.js';
import { caseRef, foldOf, REGISTRY, yearRef, type StateRef } from '../../src/commands/state-refs.js';
import { CommandSchema, definitionOf, type Command } from '../../src/commands/table.js';
import { isDomainError } from '../../src/domain/errors.js';
import type { RegistryState } from '../../src/registry/registry.js';
import type { YearState } from '../../src/year/year.js';
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

/** One event of the given history: its stream, type and data, and the day it took effect. */
export interface GivenEvent {
  stream: string;
  type: EventType;
  data: unknown;
  effectiveDate: string;
}

/** An event of the history (its effective date defaults to the first day of 2025). */
export function recorded<T extends EventType>(stream: string, type: T, data: EventDataOf<T>, effectiveDate = '2025-01-01'): GivenEvent {
  return { stream, type, data, effectiveDate };
}

function historyOf(events: GivenEvent[]): LedgerEvent[] {
  return events.map(
    (event, index) =>
      ({
        id: `event-${index + 1}`,
        type: event.type,
        schemaVersion: 1,
        stream: event.stream,
        revision: events.slice(0, index).filter((earlier) => earlier.stream === event.stream).length,
        position: index + 1,
        data: event.data,
        metadata: { effectiveDate: event.effectiveDate, recordedAt: `${TODAY}T08:00:00Z`, actor: 'spec' },
        hash: '',
      }) as unknown as LedgerEvent,
  );
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

export function given(...events: GivenEvent[]) {
  return {
    when(input: Given) {
      const decide = () => {
        const command = CommandSchema.parse({ idempotencyKey: 'spec', ...input });
        let ids = 0;
        const context: DecisionContext = {
          effectiveDate: command.effectiveDate ?? TODAY,
          today: TODAY,
          newId: () => `id-${++ids}`,
          streamHead: null,
        };
        const definition = definitionOf(command.type) as unknown as { decide: (c: Command, s: States, x: DecisionContext) => unknown };
        return definition.decide(command, statesOf(historyOf(events)), context) as { type: string; data: unknown }[];
      };
      return {
        then(expected: { type: EventType; data?: Record<string, unknown> }[]) {
          const decided = decide();
          expect(decided.map((event) => event.type)).toEqual(expected.map((event) => event.type));
          expected.forEach((event, index) => {
            if (event.data) expect(decided[index]!.data).toMatchObject(event.data);
          });
        },
        thenRefuses(code: string, details?: Record<string, unknown>) {
          let refusal: unknown = null;
          try {
            decide();
          } catch (error: unknown) {
            refusal = error;
          }
          expect(isDomainError(refusal), `expected the refusal ${code}, got ${String(refusal)}`).toBe(true);
          expect(refusal).toMatchObject({ code, ...(details ? { details: expect.objectContaining(details) as unknown } : {}) });
        },
      };
    },
  };
}
