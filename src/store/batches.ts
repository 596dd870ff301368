/** How large one batch may be: at most `maxItems` items and, where items are sized, at most `maxBytes` by `sizeOf`. */
export interface BatchLimits<E> {
  maxItems: number;
  maxBytes?: number;
  sizeOf?: (item: E) => number;
}

/** Items in order, in batches of whole items within the limits (an item over `maxBytes` alone is a batch of its own). */
export function* batchesOf<E>(items: Iterable<E>, limits: BatchLimits<E>): Generator<E[]> {
  const { maxItems, maxBytes = Infinity, sizeOf = () => 0 } = limits;
  let batch: E[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (batch.length > 0 && (bytes + size > maxBytes || batch.length >= maxItems)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
