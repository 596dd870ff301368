import { ConcurrencyError, DuplicateEventError } from './errors.js';
import type { AppendResult, ExpectedRevision } from './port.js';
import type { EventRow } from './sqlite-schema.js';

/**
 * The result of an append whose events are all stored already (a retry): the positions
 * and hashes they were stored with. Refused when only some are stored, or stored in
 * another stream or out of the batch's order: a retry must send the same batch.
 */
export function alreadyStored(stream: string, rows: (EventRow | undefined)[], head: { revision: number } | undefined): AppendResult {
  const stored = rows.filter((row): row is EventRow => row !== undefined);
  if (stored.length !== rows.length)
    throw new DuplicateEventError(stored[0]!.id, 'is already stored, but the rest of the batch is not: a retry must send the same batch');
  for (let index = 0; index < stored.length; index++) {
    const row = stored[index]!;
    if (row.stream !== stream) throw new DuplicateEventError(row.id, `is already stored in another stream (${row.stream})`);
    if (index > 0 && row.revision !== stored[index - 1]!.revision + 1)
      throw new DuplicateEventError(row.id, 'is already stored out of the batch order');
  }
  return {
    nextRevision: head ? head.revision : stored[stored.length - 1]!.revision,
    positions: stored.map((row) => row.position),
    hashes: stored.map((row) => row.hash),
    alreadyStored: true,
  };
}

/** Refuses an append whose expected revision is not the stream's. */
export function checkExpected(stream: string, expected: ExpectedRevision, actual: number | null): void {
  const fits =
    expected === 'any' ||
    (expected === 'no-stream' && actual === null) ||
    (expected === 'exists' && actual !== null) ||
    (typeof expected === 'number' && actual === expected);
  if (!fits) throw new ConcurrencyError(stream, expected, actual);
}
