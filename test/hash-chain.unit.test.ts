import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash } from '../src/store/hash-chain.js';

/**
 * Every hash ever written must verify for ever: the canonical JSON and the chain hash
 * may get faster, never different. This is the first, plain implementation, kept as
 * the reference the fast one is held to on generated values of every awkward kind
 * (key order, integer-like keys, __proto__, undefined, functions, -0, non-finite numbers,
 * lone surrogates, malformed event fields).
 */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('cannot hash a non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${referenceCanonicalJson(entry)}`).join(',')}}`;
}

function referenceChainHash(previousHash: string, content: Record<string, unknown>): string {
  const { stream, revision, id, type, schemaVersion, data, metadata } = content;
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(referenceCanonicalJson({ stream, revision, id, type, schemaVersion, data, metadata }))
    .digest('hex');
}

const outcome = (compute: () => string) => {
  try {
    return compute();
  } catch (error: unknown) {
    return `throws ${(error as Error).constructor.name}`;
  }
};

const key = fc.constantFrom(
  'a',
  'b',
  'B',
  '0',
  '1',
  '9',
  '10',
  '-1',
  '4294967294',
  '4294967295',
  '__proto__',
  'toJSON',
  'constructor',
  'é',
  '\ud800',
  '',
  'aa',
  'a\u0000b',
  'year',
  'amount',
);
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(-0),
  fc.constant(() => 1),
  fc.constant(new Date(0)),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.array(fc.tuple(key, tie('tree')), { maxLength: 6 }).map((entries) => {
    const built: Record<string, unknown> = {};
    for (const [name, value] of entries)
      Object.defineProperty(built, name, { value, enumerable: true, writable: true, configurable: true });
    return built;
  }),
}));
const runs = Number(process.env.LEDGER_PROPERTY_RUNS ?? 3000);

describe('the hash chain stays the same', () => {
  it('canonicalJson writes what the reference writes, or throws where it throws', () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(outcome(() => canonicalJson(value))).toBe(outcome(() => referenceCanonicalJson(value)));
      }),
      { numRuns: runs * 5 },
    );
  });

  it('chainHash hashes as the reference does, malformed fields included', () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.double(), fc.constant(null));
    fc.assert(
      fc.property(field, field, field, field, field, tree, tree, (stream, revision, id, type, schemaVersion, data, metadata) => {
        const content = { stream, revision, id, type, schemaVersion, data, metadata };
        expect(outcome(() => chainHash('0'.repeat(64), content as never))).toBe(outcome(() => referenceChainHash('0'.repeat(64), content)));
      }),
      { numRuns: runs * 2 },
    );
  });

  it('a known event hashes to the value a stored ledger holds', () => {
    const content = {
      stream: 'year-2025',
      revision: 0,
      id: '01JZ0000000000000000000000',
      type: 'FundsReceived',
      schemaVersion: 1,
      data: { year: 2025, amount: '10475000.00', reference: 'Tilskudd', receivedOn: '2025-01-15' },
      metadata: {
        recordedAt: '2025-01-15T09:00:00.000Z',
        effectiveDate: '2025-01-15',
        actor: 'sekretariat',
        correlationId: 'c',
        causationId: 'c',
        idempotencyKey: 'k',
        commandHash: 'a'.repeat(64),
      },
    };
    expect(chainHash('0'.repeat(64), content)).toBe(referenceChainHash('0'.repeat(64), content));
    expect(canonicalJson(content.data)).toBe('{"amount":"10475000.00","receivedOn":"2025-01-15","reference":"Tilskudd","year":2025}');
  });
});
