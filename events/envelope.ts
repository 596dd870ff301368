import { z } from 'zod';
import { DateSchema } from './money.js';

/** The hash before a stream's first event, and the seal of a year that has no events. */
export const GENESIS_HASH = '0'.repeat(64);

/** A ULID: 26 characters of Crockford base 32. */
export const UlidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: 'must be a ULID' });

/**
 * What every stored event carries besides its data.
 * - `recordedAt`: when the ledger appended it (ISO-8601 UTC).
 * - `effectiveDate`: the date the fact took effect (a grant decided on 20.02.2025
 *   and recorded today is effective 2025-02-20).
 * - `actor`: the account that recorded it.
 * - `correlationId`: the request or batch the event belongs to; `causationId`: the
 *   command (or event) that caused it.
 * - `corrects`: the id of an earlier event this one corrects.
 * - `idempotencyKey` / `commandHash`: the command's key and a hash of its body, so a
 *   repeated command returns its first result and a reused key with another body is refused.
 */
export const EventMetadataSchema = z.strictObject({
  recordedAt: z.iso.datetime(),
  effectiveDate: DateSchema,
  actor: z.string().min(1).max(200),
  correlationId: z.string().min(1).max(200),
  causationId: z.string().min(1).max(200),
  corrects: UlidSchema.optional(),
  idempotencyKey: z.string().min(1).max(200),
  commandHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EventMetadata = z.infer<typeof EventMetadataSchema>;
