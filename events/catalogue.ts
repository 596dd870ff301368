import { z } from 'zod';
import { EventMetadataSchema, UlidSchema, type EventMetadata } from './envelope.js';
import { registryEventSchemas } from './registry-events.js';
import { caseEventSchemas } from './case-events.js';
import { yearEventSchemas } from './year-events.js';
import { openingEventSchemas } from './opening-events.js';
import { organisationEventSchemas } from './organisation-events.js';
import { DateSchema } from './money.js';
import { compileCheck, type Check } from './fast-check.js';

/**
 * The event catalogue: every event type the ledger stores, with the schema of its
 * data. This is the public contract of the log. A stored event's meaning never
 * changes; a new meaning gets a new schema version and an upcaster.
 */
export const eventDataSchemas = {
  ...registryEventSchemas,
  ...caseEventSchemas,
  ...yearEventSchemas,
  ...openingEventSchemas,
  ...organisationEventSchemas,
} as const;

export type EventType = keyof typeof eventDataSchemas;
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];

/** The current schema version of every event type. */
export const CURRENT_SCHEMA_VERSION = 1;

export type EventDataOf<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;

/**
 * An event's type and data, before the ledger gives it an id and metadata.
 * `corrects` names the earlier event this one corrects.
 */
export type EventDraft = { [T in EventType]: { type: T; data: EventDataOf<T>; corrects?: string } }[EventType];

/** A stored, parsed event with its place in the log. */
export type LedgerEvent = {
  [T in EventType]: {
    id: string;
    type: T;
    schemaVersion: number;
    stream: string;
    revision: number;
    position: number;
    data: EventDataOf<T>;
    metadata: EventMetadata;
    hash: string;
  };
}[EventType];

export type LedgerEventOf<T extends EventType> = Extract<LedgerEvent, { type: T }>;

/** A record as a store returns it, before parsing. */
export interface StoredRecord {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  hash: string;
  previousHash: string;
}

/** A stored record that does not parse through the catalogue. Never silently dropped. */
export class InvalidStoredEventError extends Error {
  readonly code = 'invalid-stored-event';
  constructor(
    readonly record: { id: string; stream: string; revision: number; position: number; type: string },
    readonly issues: string[],
  ) {
    super(
      `stored event ${record.id} (${record.type}, ${record.stream}@${record.revision}, position ${record.position}) is invalid: ${issues.join('; ')}`,
    );
    this.name = 'InvalidStoredEventError';
  }
}

/** Upcasters turn an older schema version's data into the current one. None are needed yet. */
const upcasters: Partial<Record<EventType, Record<number, (data: unknown) => unknown>>> = {};

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(eventDataSchemas, type);
}

/** Parses a stored record into a typed event, or throws an error naming the record. */
export function parseStoredEvent(record: StoredRecord): LedgerEvent {
  const where = {
    id: record.id,
    stream: record.stream,
    revision: record.revision,
    position: record.position,
    type: record.type,
  };
  if (!isEventType(record.type)) throw new InvalidStoredEventError(where, [`unknown event type "${record.type}"`]);
  let data = record.data;
  if (record.schemaVersion !== CURRENT_SCHEMA_VERSION) {
    const upcast = upcasters[record.type]?.[record.schemaVersion];
    if (!upcast) throw new InvalidStoredEventError(where, [`no upcaster from schema version ${record.schemaVersion}`]);
    data = upcast(data);
  }
  if (!UlidSchema.safeParse(record.id).success) throw new InvalidStoredEventError(where, ['id is not a ULID']);
  const parsedData = eventDataSchemas[record.type].safeParse(data);
  if (!parsedData.success) throw new InvalidStoredEventError(where, formatIssues(parsedData.error));
  const parsedMetadata = EventMetadataSchema.safeParse(record.metadata);
  if (!parsedMetadata.success)
    throw new InvalidStoredEventError(
      where,
      formatIssues(parsedMetadata.error).map((issue) => `metadata.${issue}`),
    );
  return {
    id: record.id,
    type: record.type,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    stream: record.stream,
    revision: record.revision,
    position: record.position,
    data: parsedData.data,
    metadata: parsedMetadata.data,
    hash: record.hash,
  } as LedgerEvent;
}

/* ------------------------------------------------------------------------------------
 * The trusted fast read of the projection rebuild.
 *
 * Every stored event was parsed through the catalogue when it was written, and the
 * store's per-stream hash chain (`ledger verify`) shows it has not changed since. A
 * rebuild therefore need not run zod over a million events again, but it must never
 * fold a record it does not understand. `decodeForFold` checks an event's data with
 * checks compiled from the zod schemas (events/fast-check.ts) that accept a subset of
 * what the schema accepts (never more) and return the data as it is; anything outside that subset (an unknown type,
 * another schema version, an untrimmed name, a missing field…) returns null, and the
 * caller then parses the full record through `parseStoredEvent`, which either parses
 * it exactly as before or throws an `InvalidStoredEventError` naming the event.
 * The metadata is not read here: of it the fold uses only `effectiveDate`, checked by
 * `isEffectiveDate`; the rest stays the business of the write path and of `verify`.
 * ---------------------------------------------------------------------------------- */

/** A raw row of a store's lean projection read: position, type, schema version, data JSON, metadata JSON or null, hash. */
export type ProjectionRow = [number, string, number, string, string | null, string];

const date = compileCheck(DateSchema);

/** The event types whose fold reads the metadata (`effectiveDate`). */
export const FOLD_METADATA_TYPES: readonly EventType[] = ['VoteCast', 'ResolutionAdopted'];

/**
 * An event's data checked for the fold without zod, as it is stored; null when the
 * fast checks cannot vouch for it (then parse the full record with `parseStoredEvent`).
 */
export function decodeForFold(
  type: string,
  schemaVersion: number,
  data: unknown,
): { type: EventType; data: EventDataOf<EventType> } | null {
  const known = knownTypes.get(type);
  if (schemaVersion !== CURRENT_SCHEMA_VERSION || known === undefined) return null;
  // The catalogue's own type string is returned, so the fold's `switch` compares interned strings.
  return known.check(data) ? { type: known.type, data: data as EventDataOf<EventType> } : null;
}

const knownTypes = new Map<string, { type: EventType; check: Check }>(
  eventTypes.map((type) => [type, { type, check: compileCheck(eventDataSchemas[type]) }]),
);

/** The `effectiveDate` of an event's metadata JSON, when it is a real calendar date; otherwise null. */
export function effectiveDateOf(metadata: unknown): string | null {
  if (typeof metadata !== 'object' || metadata === null) return null;
  const value = (metadata as { effectiveDate?: unknown }).effectiveDate;
  return date(value) ? (value as string) : null;
}

/**
 * Checks a stored record as `parseStoredEvent` does — it passes, or the same
 * `InvalidStoredEventError` naming the record is thrown — without building the parsed
 * event: the data through the fast checks where they vouch for it (they accept only
 * what the schema accepts), the metadata and id through their schemas. For imports.
 */
export function checkStoredEvent(record: StoredRecord): void {
  if (
    decodeForFold(record.type, record.schemaVersion, record.data) !== null &&
    typeof record.id === 'string' &&
    UlidSchema.safeParse(record.id).success &&
    EventMetadataSchema.safeParse(record.metadata).success
  )
    return;
  parseStoredEvent(record);
}
