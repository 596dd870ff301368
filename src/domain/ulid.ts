import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const POOL_BYTES = 4096;

/**
 * A monotonic ULID factory whose randomness comes from the operating system's CSPRNG
 * in pooled draws. The `ulid` package's default source asks `crypto.getRandomValues`
 * once per character (sixteen system calls per id), which was a tenth of the cost of
 * recording a command; one 4 KiB draw serves about a thousand characters.
 */
export function ulidFactory(): () => string {
  const pool = new Uint32Array(POOL_BYTES / 4);
  let next = pool.length;
  const random = (): number => {
    if (next === pool.length) {
      randomFillSync(pool);
      next = 0;
    }
    return pool[next++]! / 0x1_0000_0000;
  };
  return monotonicFactory(random);
}
