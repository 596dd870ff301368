import { z } from 'zod';
import { EntityIdSchema, TextSchema } from './identifiers.js';
import { PositiveAmountSchema, YearSchema } from './money.js';
import { ResolutionCitationSchema } from './citation.js';
import { InstalmentSchema } from './year-events.js';

/**
 * The schema versions of the event types. A stored event is never rewritten: when an
 * event type's shape changes, its current schema (in the events/*-events.ts file) gets
 * the next version here, the schema it had is frozen below under its old version, and an
 * upcaster turns data of the old version into data of the next. A record is parsed by
 * the schema of the version it was stored in, then upcast step by step to the current
 * one; its hash goes on covering the bytes as they were stored. docs/events.md says how
 * to make the next change.
 */

/** The current schema version of the event types that have changed; every other type is at version 1. */
const CURRENT_VERSIONS: Readonly<Record<string, number>> = {
  GrantAwarded: 2,
};

/** One earlier version of an event type: its schema as it was, and the step to the next version. */
export interface EarlierVersion {
  schema: z.ZodType;
  /** Data valid under `schema` → data valid under the next version. */
  upcast: (data: Record<string, unknown>) => Record<string, unknown>;
}

/** GrantAwarded as stored before it carried conditions (schema version 1), frozen. */
export const GrantAwardedV1 = z.strictObject({
  grantId: EntityIdSchema,
  year: YearSchema,
  initiativeId: EntityIdSchema,
  amountTotal: PositiveAmountSchema,
  instalments: z.array(InstalmentSchema).min(1).max(3),
  authority: ResolutionCitationSchema,
  note: TextSchema.optional(),
  fundedBy: z.enum(['frame', 'reserve-fund']).optional(),
});

/** Earlier versions by event type and version number. */
export const EARLIER_VERSIONS: Readonly<Record<string, Readonly<Record<number, EarlierVersion>>>> = {
  GrantAwarded: {
    // A grant of version 1 was given without conditions the ledger knew of.
    1: { schema: GrantAwardedV1, upcast: (data) => ({ ...data, conditions: [] }) },
  },
};

export function currentVersionOf(type: string): number {
  return CURRENT_VERSIONS[type] ?? 1;
}

/**
 * Data stored in `version` of `type`, upcast to the current version; null when a step
 * is missing (the caller names the record). Data is assumed valid under its version.
 */
export function upcastToCurrent(type: string, version: number, data: unknown): unknown {
  const current = currentVersionOf(type);
  let value = data;
  for (let step = version; step < current; step++) {
    const earlier = EARLIER_VERSIONS[type]?.[step];
    if (!earlier) return null;
    value = earlier.upcast(value as Record<string, unknown>);
  }
  return value;
}
