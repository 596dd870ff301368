import { z } from 'zod';
import { EventMetadataSchema, UlidSchema, type EventMetadata } from './envelope.js';
import { registryEventSchemas } from './registry-events.js';
import { caseEventSchemas } from './case-events.js';
import { yearEventSchemas } from './year-events.js';

/**
 * The event catalogue: every event type the ledger stores, with the schema of its
 * data. This is the public contract of the log. A stored event's meaning never
 * changes; a new meaning gets a new schema version and an upcaster.
 */
export const eventDataSchemas = {
  ...registryEventSchemas,
  ...caseEventSchemas,
  ...yearEventSchemas,
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
    throw new InvalidStoredEventError(where, formatIssues(parsedMetadata.error).map((issue) => `metadata.${issue}`));
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
