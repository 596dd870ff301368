import { z } from 'zod';
import { EventMetadataSchema, UlidSchema, type EventMetadata } from './envelope.js';
import { registryEventSchemas } from './registry-events.js';
import { caseEventSchemas } from './case-events.js';
import { yearEventSchemas } from './year-events.js';
import { openingEventSchemas } from './opening-events.js';
import { organisationEventSchemas } from './organisation-events.js';
import { DateSchema } from './money.js';
import { EARLIER_VERSIONS, currentVersionOf, upcastToCurrent } from './event-versions.js';
import { compileCheck, type Check } from './compiled-checks.js';

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

/** The schema version an event of this type is written in now (events/event-versions.ts). */
export function currentSchemaVersion(type: EventType): number {
  return currentVersionOf(type);
}

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

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(eventDataSchemas, type);
}

/**
 * A record's data in the current version of its type: data of an earlier version parsed by
 * the schema it was stored under, then upcast; a version newer than this release knows is
 * refused naming both (the event was written by a newer release), never misread.
 */
function dataInCurrentVersion(type: EventType, version: number, data: unknown, where: InvalidStoredEventError['record']): unknown {
  const current = currentVersionOf(type);
  if (!Number.isSafeInteger(version) || version < 1)
    throw new InvalidStoredEventError(where, [`schema version ${String(version)} is not a version (a whole number from 1)`]);
  if (version > current)
    throw new InvalidStoredEventError(where, [
      `${type} is stored in schema version ${version}, but this release knows it up to version ${current}: the event was written by a newer release; upgrade the ledger to read it`,
    ]);
  if (version === current) return data;
  const earlier = EARLIER_VERSIONS[type]?.[version];
  if (!earlier) throw new InvalidStoredEventError(where, [`no upcaster from schema version ${version}`]);
  const parsed = earlier.schema.safeParse(data);
  if (!parsed.success)
    throw new InvalidStoredEventError(
      where,
      formatIssues(parsed.error).map((issue) => `(schema version ${version}) ${issue}`),
    );
  const upcast = upcastToCurrent(type, version, parsed.data);
  if (upcast === null) throw new InvalidStoredEventError(where, [`no upcaster from schema version ${version}`]);
  return upcast;
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
  const data = dataInCurrentVersion(record.type, record.schemaVersion, record.data, where);
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
    schemaVersion: currentVersionOf(record.type),
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
 * checks compiled from the zod schemas (events/compiled-checks.ts) that accept a subset of
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
  if (known === undefined) return null;
  // The catalogue's own type string is returned, so the fold's `switch` compares interned strings.
  if (schemaVersion === known.version) return known.check(data) ? { type: known.type, data: data as EventDataOf<EventType> } : null;
  // An earlier version: checked by its own schema's checks, upcast, and the result checked as the current version.
  const earlier = known.earlier.get(schemaVersion);
  if (earlier === undefined || !earlier(data)) return null;
  const upcast = upcastToCurrent(type, schemaVersion, data);
  return upcast !== null && known.check(upcast) ? { type: known.type, data: upcast as EventDataOf<EventType> } : null;
}

const knownTypes = new Map<string, { type: EventType; version: number; check: Check; earlier: Map<number, Check> }>(
  eventTypes.map((type) => [
    type,
    {
      type,
      version: currentVersionOf(type),
      check: compileCheck(eventDataSchemas[type]),
      earlier: new Map(
        Object.entries(EARLIER_VERSIONS[type] ?? {}).map(([version, earlier]) => [Number(version), compileCheck(earlier.schema)]),
      ),
    },
  ]),
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
