/**
 * The one rule that divides money: a total split into `count` instalments, exact to the
 * øre. Every instalment gets the total divided by `count`, rounded down to whole øre, and
 * the øre left over go one each to the earliest instalments, so 1 000 000.00 over 3 years
 * is 333 333.34 + 333 333.33 + 333 333.33. Written on decimal strings in whole øre
 * (BigInt, never a float), so the server (src/domain/money.ts) and the page, which shows a
 * split plan before it is recorded, compute it alike.
 */
export function splitAmount(total: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('instalment count must be a positive whole number');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(total.trim());
  if (!match) throw new RangeError('total must be a non-negative amount in whole øre');
  const totalOre = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  const baseOre = totalOre / BigInt(count);
  const leftoverOre = totalOre - baseOre * BigInt(count);
  return Array.from({ length: count }, (_, index) => {
    const ore = baseOre + (BigInt(index) < leftoverOre ? 1n : 0n);
    return `${ore / 100n}.${(ore % 100n).toString().padStart(2, '0')}`;
  });
}
