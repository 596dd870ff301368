import { describe, expect, it } from 'vitest';
import { InvalidStoredEventError, parseStoredEvent, type StoredRecord } from '../events/catalogue.js';

const metadata = {
  recordedAt: '2025-09-18T10:00:00.000Z',
  effectiveDate: '2025-09-18',
  actor: 'sekretariat',
  correlationId: 'c',
  causationId: 'c',
  idempotencyKey: 'k',
  commandHash: 'a'.repeat(64),
};
const record = (overrides: Partial<StoredRecord>): StoredRecord => ({
  id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
  stream: 'year-2025',
  revision: 3,
  position: 42,
  type: 'FundsReceived',
  schemaVersion: 1,
  data: { year: 2025, amount: '10615000.00', reference: 'Tilskudd', receivedOn: '2025-03-03' },
  metadata,
  hash: 'h',
  previousHash: 'p',
  ...overrides,
});

describe('parsing stored records through the catalogue', () => {
  it('parses a valid record into a typed event', () => {
    const event = parseStoredEvent(record({}));
    expect(event.type).toBe('FundsReceived');
    if (event.type === 'FundsReceived') expect(event.data.amount).toBe('10615000.00');
  });

  it('names the record when its type is unknown', () => {
    expect(() => parseStoredEvent(record({ type: 'GrantDeleted' }))).toThrowError(
      /01JAAAAAAAAAAAAAAAAAAAAAAA.*year-2025@3.*position 42.*unknown event type "GrantDeleted"/,
    );
  });

  it('names the record and the field when its data is invalid', () => {
    const parse = () => parseStoredEvent(record({ data: { year: 2025, amount: 10615000, reference: 'x', receivedOn: '2025-03-03' } }));
    expect(parse).toThrow(InvalidStoredEventError);
    expect(parse).toThrowError(/amount/);
  });

  it('refuses invalid metadata, and a schema version newer than this release knows, naming both versions', () => {
    expect(() => parseStoredEvent(record({ metadata: { ...metadata, actor: '' } }))).toThrowError(/metadata\.actor/);
    expect(() => parseStoredEvent(record({ schemaVersion: 7 }))).toThrowError(
      /FundsReceived is stored in schema version 7, but this release knows it up to version 1: the event was written by a newer release/,
    );
    expect(() => parseStoredEvent(record({ schemaVersion: 0 }))).toThrowError(/schema version 0 is not a version/);
  });
});
