import { describe, expect, it } from 'vitest';
import { Account } from '../projections/account.js';
import { ZERO, money } from '../src/domain/money.js';

describe('an account as of a position', () => {
  it('holds the postings up to the position and their exact sum, at every position, restored or not', () => {
    const account = new Account();
    // Positions with gaps and repeats (two postings of one event), amounts of both signs.
    const positions: number[] = [];
    for (let index = 0; index < 300; index++) {
      const position = 3 + index * 2 - (index % 9 === 0 ? 2 : 0);
      positions.push(position);
      account.post(position, money(`${index % 4 === 0 ? '-' : ''}${index * 7 + 1}.${String((index * 13) % 100).padStart(2, '0')}`));
    }
    // As a checkpoint restores it: read in place from lists of positions and øre.
    const lists = account.lists();
    const restored = Account.restored(Float64Array.from(lists.positions), Float64Array.from(lists.ore!), lists.start, lists.count);
    for (const source of [account, restored])
      for (let position = 0; position <= positions.at(-1)! + 1; position++) {
        const asOf = Account.asOf(source, position);
        const count = positions.filter((at) => at <= position).length;
        if (count === 0) {
          expect(asOf).toBeNull();
          continue;
        }
        expect(asOf!.positions).toEqual(account.positions.slice(0, count));
        expect(asOf!.deltas).toEqual(account.deltas.slice(0, count));
        expect(asOf!.total.toFixed(2)).toBe(
          account.deltas
            .slice(0, count)
            .reduce((sum, delta) => sum.plus(money(delta)), ZERO)
            .toFixed(2),
        );
      }
    // Posting to an account as of a position leaves the account it came from as it was.
    const early = Account.asOf(account, 50)!;
    early.post(51, money('1.00'));
    expect(account.positions).toHaveLength(300);
    expect(early.positions.at(-1)).toBe(51);
  });
});
