import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileCheck } from '../events/compiled-checks.js';
import { CaseNumberSchema, CriterionSchema, EntityIdSchema, NameSchema, TextSchema } from '../events/identifiers.js';
import { AmountChangeSchema, DateSchema, PositiveAmountSchema, YearSchema } from '../events/money.js';

/**
 * The checks compiled from the schemas (events/compiled-checks.ts) stand in for zod in the
 * rebuild and on the command path. Their contract: a value they accept is one the schema
 * accepts and returns unchanged (as JSON, key order included); where they cannot vouch
 * they say no, and the caller parses with zod.
 */

/** A record of the event schemas' building blocks, as an event's data is built of them. */
const RecordSchema = z.strictObject({
  id: EntityIdSchema,
  caseNumber: CaseNumberSchema,
  name: NameSchema,
  note: TextSchema.optional(),
  amount: PositiveAmountSchema,
  change: AmountChangeSchema.nullable(),
  year: YearSchema,
  decidedOn: DateSchema,
  criteria: z.array(CriterionSchema),
  points: z.array(z.strictObject({ pointNumber: z.number().int().min(1).max(50), kind: z.literal(['vote', 'note']) })),
});

const valid = {
  id: 'vip',
  caseNumber: '22.25',
  name: 'Bo trygt hjemme',
  note: 'Vedtatt i møtet',
  amount: '250000.00',
  change: '-1000.50',
  year: 2025,
  decidedOn: '2025-02-20',
  criteria: ['drift'],
  points: [{ pointNumber: 1, kind: 'vote' }],
};

/** Values near the edges of what the building blocks take, and past them. */
const edgeValue = fc.oneof(
  fc.constantFrom<unknown>(
    ...['', ' ', 'x', ' x', 'x ', '\tx', 'x\u00a0', '0', '0.00', '-0', '-0.00', '00.25', '01.25', '1.234', '1e3', ' 5', '5 '],
    ...['2025-02-29', '2024-02-29', '2025-02-30', '2025-13-01', '2025-1-01', 'VIP', 'vip-', '-vip', 'drift', 'bredding', 'vote'],
    ...[0, 1, 50, 51, 1.5, -1, 1999, 2000, 2100, 2101, 2025.5, NaN, Infinity, 1e21, null, true, [], {}, ['drift']],
  ),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }).map((text) => ` ${text}`),
  fc.integer({ min: 1990, max: 2110 }),
  fc.double(),
  fc.constant('a'.repeat(301)),
);

/** The valid record changed at 1–4 places: a field replaced, dropped or added, a key moved, an item replaced. */
const changedRecord = fc
  .array(fc.tuple(fc.constantFrom(...Object.keys(valid), 'extra'), fc.constantFrom('replace', 'drop', 'move', 'item'), edgeValue), {
    minLength: 1,
    maxLength: 4,
  })
  .map((changes) => {
    let record: Record<string, unknown> = structuredClone(valid);
    for (const [key, how, value] of changes) {
      if (how === 'drop') delete record[key];
      else if (how === 'move') record = key in record ? { [key]: record[key], ...record } : record;
      else if (how === 'item' && Array.isArray(record[key])) record[key] = [...(record[key] as unknown[]), value];
      else if (how === 'item' && key === 'points') record.points = [{ pointNumber: value, kind: 'note' }];
      else record[key] = value;
    }
    return record;
  });

describe('the checks compiled from a schema', () => {
  const check = compileCheck(RecordSchema);

  it('vouch for a valid record, and for nothing zod would refuse or return changed', () => {
    expect(check(valid)).toBe(true);
    let vouched = 0;
    fc.assert(
      fc.property(changedRecord, (record) => {
        if (!check(record)) return;
        vouched += 1;
        const parsed = RecordSchema.safeParse(record);
        expect(parsed.success).toBe(true);
        expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(record));
      }),
      { numRuns: 5000, interruptAfterTimeLimit: 20_000 },
    );
    // Some changes keep a record valid (a year within the range, an added criterion): the property is not vacuous.
    expect(vouched).toBeGreaterThan(50);
  });

  it('say no where zod would change the value or its key order, which zod then parses', () => {
    const { year, ...rest } = valid;
    const yearFirst = { year, ...rest };
    for (const record of [{ ...valid, name: '  Bo trygt hjemme ' }, { ...valid, note: 'Vedtatt\n' }, yearFirst]) {
      expect(check(record), JSON.stringify(record)).toBe(false);
      expect(RecordSchema.safeParse(record).success).toBe(true);
    }
    // A command's keys may come in any order: its check is compiled to allow that.
    expect(compileCheck(RecordSchema, { anyKeyOrder: true })(yearFirst)).toBe(true);
  });

  it('hold the refinements JSON Schema cannot state: no zero amount, no case number 00', () => {
    for (const [key, value] of [
      ['amount', '0.00'],
      ['change', '-0'],
      ['caseNumber', '00.25'],
    ] as const) {
      const record = { ...valid, [key]: value };
      expect(check(record), `${key}: ${value}`).toBe(false);
      expect(RecordSchema.safeParse(record).success).toBe(false);
    }
    const throwing = compileCheck(
      z.string().refine(() => {
        throw new Error('no');
      }),
    );
    expect(throwing('x')).toBe(false);
  });

  it('refuse, when compiled, a schema they cannot vouch for, naming what they do not understand', () => {
    expect(() => compileCheck(z.object({ name: NameSchema }))).toThrowError(/strict objects only/);
    expect(() => compileCheck(z.xor([z.string(), z.string().min(2)]))).toThrowError(/"union"/);
    expect(() => compileCheck(z.email())).toThrowError(/"email" format/);
    expect(() => compileCheck(z.string().transform((value) => value.length))).toThrowError(/"pipe"/);
    expect(() => compileCheck(z.bigint())).toThrowError(/"bigint"/);
    expect(() => compileCheck(z.number().multipleOf(5))).toThrowError(/"multiple_of" check/);
  });
});
