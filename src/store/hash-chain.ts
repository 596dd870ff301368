import { createHash } from 'node:crypto';

/**
 * Tamper evidence. Each stream is its own hash chain: an event's hash covers the
 * previous event's hash in the same stream and the event's canonical content.
 * Chains per stream need no single global writer, so EventStoreDB can keep them too.
 */

/**
 * JSON with object keys sorted, so the same content always hashes the same. Content
 * whose keys are in order already (event metadata is built so) is recognised in one
 * walk and written by the native `JSON.stringify`, which gives the same text.
 */
export function canonicalJson(value: unknown): string {
  return isCanonical(value) ? JSON.stringify(value) : written(value);
}

function written(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('cannot hash a non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index++) out += (index === 0 ? '' : ',') + written(value[index]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const [key, prefix] of sortedKeysOf(Object.keys(record))) {
    const entry = record[key];
    if (entry === undefined) continue;
    out += (first ? '' : ',') + prefix + written(entry);
    first = false;
  }
  return `${out}}`;
}

/**
 * An object's keys in canonical order, each with its `"key":` text. Events of one type
 * have the same keys in the same order, so the order is kept per list of keys (checked
 * key by key on every use, so two lists can never be confused).
 */
function sortedKeysOf(keys: string[]): [string, string][] {
  const shape = keys.join('\u0000');
  const known = keyOrders.get(shape);
  if (known && known.keys.length === keys.length && known.keys.every((key, index) => key === keys[index])) return known.order;
  const order = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key): [string, string] => [key, `${JSON.stringify(key)}:`]);
  if (keyOrders.size < 10_000) keyOrders.set(shape, { keys, order });
  return order;
}

const keyOrders = new Map<string, { keys: string[]; order: [string, string][] }>();

/**
 * True when `JSON.stringify(value)` is already the canonical text: plain JSON values
 * only, every object's own keys in strictly ascending order (`JSON.stringify` writes
 * them in property order), nothing undefined, no non-finite number.
 */
function isCanonical(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (Array.isArray(value)) {
    for (const element of value) if (!isCanonical(element)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  let previous: string | null = null;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    if (previous !== null && !(previous < key)) return false;
    if (!isCanonical((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

export interface ChainedContent {
  stream: string;
  revision: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}

export function chainHash(previousHash: string, content: ChainedContent): string {
  const { stream, revision, id, type, schemaVersion, data, metadata } = content;
  if (
    typeof stream === 'string' &&
    typeof id === 'string' &&
    typeof type === 'string' &&
    Number.isFinite(revision) &&
    Number.isFinite(schemaVersion) &&
    data !== undefined &&
    metadata !== undefined
  )
    return chainHashOfJson(previousHash, content, canonicalJson(data), canonicalJson(metadata));
  // Content read from outside (an import line) may be malformed: hash it as it is.
  return sha256Of(previousHash, canonicalJson({ stream, revision, id, type, schemaVersion, data, metadata }));
}

/**
 * `chainHash` with the data and metadata already in canonical JSON: the canonical
 * text of the whole content is theirs with the other fields around them, keys in order.
 */
function chainHashOfJson(
  previousHash: string,
  content: Omit<ChainedContent, 'data' | 'metadata'>,
  dataJson: string,
  metadataJson: string,
): string {
  if (dataJson === undefined || metadataJson === undefined) throw new TypeError('data and metadata are required');
  const text =
    `{"data":${dataJson},"id":${JSON.stringify(content.id)},"metadata":${metadataJson},"revision":${canonicalJson(content.revision)},` +
    `"schemaVersion":${canonicalJson(content.schemaVersion)},"stream":${JSON.stringify(content.stream)},"type":${JSON.stringify(content.type)}}`;
  return sha256Of(previousHash, text);
}

function sha256Of(previousHash: string, canonicalContent: string): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalContent).digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
