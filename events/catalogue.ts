import { z } from 'zod';
import { EventMetadataSchema, UlidSchema, type EventMetadata } from './envelope.js';
import { registryEventSchemas } from './registry-events.js';
import { caseEventSchemas } from './case-events.js';
import { yearEventSchemas } from './year-events.js';
import { isCalendarDate } from './money.js';

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
 * hand-written checks that accept a subset of what the zod schema accepts (never
 * more) and return the data as it is; anything outside that subset (an unknown type,
 * another schema version, an untrimmed name, a missing field…) returns null, and the
 * caller then parses the full record through `parseStoredEvent`, which either parses
 * it exactly as before or throws an `InvalidStoredEventError` naming the event.
 * The metadata is not read here: of it the fold uses only `effectiveDate`, checked by
 * `isEffectiveDate`; the rest stays the business of the write path and of `verify`.
 * ---------------------------------------------------------------------------------- */

/** A raw row of a store's lean projection read: position, type, schema version, data JSON, metadata JSON or null, hash. */
export type ProjectionRow = [number, string, number, string, string | null, string];

type Check = (value: unknown) => boolean;

const ENTITY_ID = /^([a-z0-9][a-z0-9-]{0,63}|[0-9A-HJKMNP-TV-Z]{26})$/;
const CASE_NUMBER = /^\d{2}\.\d{2}$/;
const AMOUNT = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
const POSITIVE_AMOUNT_ZERO = /^0(\.0{1,2})?$/;
const AMOUNT_CHANGE = /^-?(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
const AMOUNT_CHANGE_ZERO = /^-?0(\.0{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

const isString = (value: unknown): value is string => typeof value === 'string';
const entityId: Check = (value) => isString(value) && ENTITY_ID.test(value);
const caseNumber: Check = (value) => isString(value) && CASE_NUMBER.test(value) && value.slice(0, 2) !== '00';
/** A name or text as zod keeps it: already trimmed (zod would trim it: the slow path decides), 1…max characters. */
const trimmed =
  (max: number): Check =>
  (value) =>
    isString(value) && value.length >= 1 && value.length <= max && (plainEnds(value) || value.trim() === value);
/** Whether a string begins and ends with a printable ASCII character other than a space (so `trim` would leave it). */
function plainEnds(value: string): boolean {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}
const name = trimmed(300);
const text = trimmed(4000);
const amount: Check = (value) => isString(value) && AMOUNT.test(value);
const positiveAmount: Check = (value) => amount(value) && !POSITIVE_AMOUNT_ZERO.test(value as string);
const amountChange: Check = (value) => isString(value) && AMOUNT_CHANGE.test(value) && !AMOUNT_CHANGE_ZERO.test(value);
const int =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
const year = int(2000, 2100);
const date: Check = (value) => isString(value) && DATE.test(value) && isCalendarDate(value);
const oneOf =
  (...values: string[]): Check =>
  (value) =>
    isString(value) && values.includes(value);
const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const array =
  (item: Check, min: number, max: number): Check =>
  (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return false;
    for (const element of value) if (!item(element)) return false;
    return true;
  };
const either =
  (...checks: Check[]): Check =>
  (value) =>
    checks.some((check) => check(value));
/**
 * A strict object: every required key present, optional keys checked when present, no
 * other key, and the keys in the order of the schema (zod returns an object's keys in
 * the order of its shape, and the view keeps and serves data objects, so an object in
 * another order is left to zod). Values parsed from JSON are never `undefined` and a
 * plain object inherits none of these keys (checked below), so a defined value is an
 * own key. The required keys come first, then the optional ones, as in every schema here.
 */
function object(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  const requiredKeys = Object.keys(required);
  const requiredChecks = Object.values(required);
  const optionalKeys = Object.keys(optional);
  const optionalChecks = Object.values(optional);
  const order = [...requiredKeys, ...optionalKeys];
  for (const key of order) if (key in Object.prototype) throw new Error(`a checked key may not be inherited: ${key}`);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype)
      return false;
    const record = value as Record<string, unknown>;
    let expected = requiredKeys.length;
    for (let index = 0; index < requiredKeys.length; index++) {
      const item = record[requiredKeys[index]!];
      if (item === undefined || !requiredChecks[index]!(item)) return false;
    }
    for (let index = 0; index < optionalKeys.length; index++) {
      const item = record[optionalKeys[index]!];
      if (item === undefined) continue;
      if (!optionalChecks[index]!(item)) return false;
      expected += 1;
    }
    // Every key is one of the shape's, in the shape's order.
    let next = 0;
    let count = 0;
    for (const key in record) {
      while (next < order.length && order[next] !== key) next += 1;
      if (next === order.length) return false;
      next += 1;
      count += 1;
    }
    return count === expected;
  };
}

const pointNumber = int(1, 50);
const alternativeNumber = int(1, 20);
const citation = object({ caseNumber, pointNumber });

/** The data of every event type, checked as strictly as its zod schema or more. */
const dataChecks: Record<EventType, Check> = {
  ProgrammeAreaRegistered: object({ programmeAreaId: entityId, name }),
  InitiativeRegistered: object(
    {
      initiativeId: entityId,
      name,
      programmeAreaId: entityId,
      criterion: oneOf('drift', 'utvikling', 'bredding'),
      phase: oneOf('oppstart', 'innsikt', 'løsning', 'drift'),
    },
    { fromProposal: object({ caseNumber, proposalId: entityId }) },
  ),
  InitiativePhaseChanged: object({
    initiativeId: entityId,
    phaseBefore: oneOf('oppstart', 'innsikt', 'løsning', 'drift'),
    phaseAfter: oneOf('oppstart', 'innsikt', 'løsning', 'drift'),
  }),
  PartnerRegistered: object({
    partnerId: entityId,
    name,
    kind: oneOf('municipalities', 'health-region', 'municipality', 'hospital-trust', 'division'),
  }),
  CommitteeMemberRegistered: object({ memberId: entityId, name, partnerId: entityId }),
  CaseOpened: object({ caseNumber, meetingDate: date, title: name }),
  ProposalSubmitted: object(
    {
      caseNumber,
      proposalId: entityId,
      year,
      target: either(object({ initiativeId: entityId }), object({ newInitiativeName: name })),
      amountRequested: nullable(amount),
      submittedBy: array(entityId, 1, Number.POSITIVE_INFINITY),
    },
    { description: text },
  ),
  ProposalRevised: object({
    caseNumber,
    proposalId: entityId,
    amountRequestedBefore: nullable(amount),
    amountRequestedAfter: nullable(amount),
    reason: text,
  }),
  RecommendationRecorded: object({
    caseNumber,
    year,
    lines: array(
      object({ target: either(object({ initiativeId: entityId }), object({ proposalId: entityId })), amountRecommended: amount }),
      1,
      Number.POSITIVE_INFINITY,
    ),
  }),
  ResolutionProposed: object({
    caseNumber,
    points: array(
      object({
        number: pointNumber,
        text,
        alternatives: array(object({ number: alternativeNumber, label: name, amount: nullable(amount) }), 0, 20),
      }),
      1,
      Number.POSITIVE_INFINITY,
    ),
  }),
  VoteCast: object({
    caseNumber,
    memberId: entityId,
    pointNumber,
    choice: either(object({ alternativeNumber }), object({ answer: oneOf('yes', 'no', 'blank') })),
  }),
  ResolutionAdopted: object(
    {
      caseNumber,
      points: array(
        object({ number: pointNumber, outcome: oneOf('adopted', 'rejected') }, { alternativeNumber }),
        1,
        Number.POSITIVE_INFINITY,
      ),
      decidedBy: oneOf('consensus', 'unanimous', 'majority'),
      dissent: array(object({ memberId: entityId, pointNumber }), 0, Number.POSITIVE_INFINITY),
    },
    { notes: text },
  ),
  FundsReceived: object({ year, amount: positiveAmount, reference: name, receivedOn: date }),
  GrantAwarded: object(
    {
      grantId: entityId,
      year,
      initiativeId: entityId,
      amountTotal: positiveAmount,
      instalments: array(object({ year, amount }), 1, 3),
      authority: citation,
    },
    { note: text },
  ),
  GrantAdjusted: object({ grantId: entityId, year, initiativeId: entityId, amountChange, authority: citation, reason: text }),
  FundsReleased: object({ grantId: entityId, year, initiativeId: entityId, amount: positiveAmount, reason: text }, { authority: citation }),
  SpendingReported: object({ year, initiativeId: entityId, amount: positiveAmount, reference: name }),
  SpendingCorrected: object({ year, initiativeId: entityId, amountChange, reason: text }),
  ReserveFundEstablished: object({ year, name, amount: positiveAmount, authority: citation, alternativeNumber }),
  RemainderCarriedForward: object({ fromYear: year, toYear: year, amount }),
  ReleasedFundsCarriedForward: object({ fromYear: year, toYear: year, amount }),
  EarmarkedFundsCarriedOver: object({
    fromYear: year,
    toYear: year,
    initiativeId: entityId,
    amount: positiveAmount,
    grantIds: array(entityId, 0, Number.POSITIVE_INFINITY),
  }),
  ReserveFundCarriedOver: object({ fromYear: year, toYear: year, amount: positiveAmount }),
  YearClosed: object({
    year,
    seal: object({
      revision: (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= -1,
      hash: (value) => isString(value) && SHA256.test(value),
    }),
  }),
};

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

const knownTypes = new Map<string, { type: EventType; check: Check }>(eventTypes.map((type) => [type, { type, check: dataChecks[type] }]));

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
