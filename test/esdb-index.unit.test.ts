import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { ConcurrencyError, DuplicateEventError } from '../src/store/errors.js';
import { LedgerIndex, type AppendPlan } from '../src/store/esdb-index.js';
import { LOG_GENESIS_HASH, logChainHash } from '../src/store/log-chain.js';
import { chainHash } from '../src/store/hash-chain.js';
import { GENESIS_HASH } from '../events/envelope.js';
import type { EventToAppend } from '../src/store/port.js';

const draft = (type = 'FundsReceived', idempotencyKey?: string): EventToAppend => ({
  id: ulid(),
  type,
  schemaVersion: 1,
  data: { n: 1 },
  metadata: idempotencyKey ? { actor: 'a', idempotencyKey } : { actor: 'a' },
});

/** Applies a plan to the index as the store does after the server took the append. */
function commit(index: LedgerIndex, plan: AppendPlan, appendId: string): void {
  for (const write of plan.writes)
    index.add({
      ...write.event,
      stream: write.stream,
      revision: write.revision,
      position: write.position,
      hash: write.hash,
      previousHash: write.previousHash,
      logHash: write.logHash,
      appendId,
    });
}

describe('the index of the ledger stream', () => {
  it('plans an append of several streams at the head: dense positions, each stream’s chain and the log chain continued', () => {
    const index = new LedgerIndex();
    const first = index.plan([{ stream: 'registry', events: [draft('A')], expected: 'no-stream' }], {}, 'append-1');
    commit(index, first, 'append-1');
    const events = [draft('B'), draft('C')];
    const plan = index.plan(
      [
        { stream: 'year-2025', events: [events[0]!], expected: 'no-stream' },
        { stream: 'registry', events: [events[1]!], expected: 0 },
      ],
      { expectedLogPosition: 1 },
      'append-2',
    );
    expect(plan.firstPosition).toBe(2);
    expect(plan.writes.map((write) => [write.stream, write.revision, write.position])).toEqual([
      ['year-2025', 0, 2],
      ['registry', 1, 3],
    ]);
    expect(plan.results.map((result) => [result.nextRevision, result.positions])).toEqual([
      [0, [2]],
      [1, [3]],
    ]);
    const registryHash = first.writes[0]!.hash;
    expect(plan.writes[1]!.previousHash).toBe(registryHash);
    expect(plan.writes[1]!.hash).toBe(chainHash(registryHash, { stream: 'registry', revision: 1, ...events[1]! }));
    const link1 = logChainHash(LOG_GENESIS_HASH, 1, registryHash);
    expect(plan.writes[0]!.logHash).toBe(logChainHash(link1, 2, plan.writes[0]!.hash));
    expect(plan.writes[0]!.previousHash).toBe(GENESIS_HASH);
  });

  it('refuses a plan whose log position or stream revision no longer holds, naming both figures', () => {
    const index = new LedgerIndex();
    commit(index, index.plan([{ stream: 'registry', events: [draft()], expected: 'no-stream' }], {}, 'a'), 'a');
    expect(() => index.plan([{ stream: 'year-2025', events: [draft()], expected: 'no-stream' }], { expectedLogPosition: 0 }, 'b')).toThrow(
      expect.objectContaining({ isLogConflict: true, expectedRevision: 0, actualRevision: 1 }),
    );
    expect(() =>
      index.plan(
        [
          { stream: 'year-2025', events: [draft()], expected: 'no-stream' },
          { stream: 'registry', events: [draft()], expected: 'no-stream' },
        ],
        {},
        'c',
      ),
    ).toThrow(ConcurrencyError);
  });

  it('answers a repeated batch from the index: stored by this very call (its append id) or by an earlier one', () => {
    const index = new LedgerIndex();
    const events = [draft(), draft()];
    const part = { stream: 'year-2025', events, expected: 'no-stream' as const };
    commit(index, index.plan([part], {}, 'mine'), 'mine');
    const mine = index.plan([part], { expectedLogPosition: 0 }, 'mine');
    expect(mine.writes).toEqual([]);
    expect(mine.results[0]).toMatchObject({ positions: [1, 2], nextRevision: 1, alreadyStored: false });
    expect(index.plan([part], {}, 'someone-else').results[0]).toMatchObject({ alreadyStored: true });
  });

  it('refuses ids reused in a way no retry would: part of a batch, another stream, another order', () => {
    const index = new LedgerIndex();
    const [a, b] = [draft(), draft()];
    commit(index, index.plan([{ stream: 'registry', events: [a, b], expected: 'no-stream' }], {}, 'x'), 'x');
    expect(() => index.plan([{ stream: 'registry', events: [a, draft()], expected: 'any' }], {}, 'y')).toThrow(DuplicateEventError);
    expect(() => index.plan([{ stream: 'year-2025', events: [a, b], expected: 'any' }], {}, 'y')).toThrow(/another stream \(registry\)/);
    expect(() => index.plan([{ stream: 'registry', events: [b, a], expected: 'any' }], {}, 'y')).toThrow(/out of the batch order/);
  });

  it('knows each logical stream’s positions and which stream an idempotency key was recorded in', () => {
    const index = new LedgerIndex();
    commit(index, index.plan([{ stream: 'case-22.25', events: [draft('VoteCast', 'vote-1')], expected: 'no-stream' }], {}, 'a'), 'a');
    commit(index, index.plan([{ stream: 'year-2025', events: [draft('GrantAwarded', 'grant-1')], expected: 'no-stream' }], {}, 'b'), 'b');
    commit(index, index.plan([{ stream: 'case-22.25', events: [draft(), draft()], expected: 0 }], {}, 'c'), 'c');
    expect(index.positionsOf('case-22.25')).toEqual([1, 3, 4]);
    expect(index.positionsOf('case-22.25', 2)).toEqual([4]);
    expect(index.revisionOf('case-22.25')).toBe(2);
    expect(index.revisionOf('year-2026')).toBeNull();
    expect(index.streamOfKey('grant-1')).toBe('year-2025');
    expect(index.streamOfKey('vote-1')).toBe('case-22.25');
    expect(index.streamOfKey('nothing')).toBeNull();
    expect(index.head).toBe(4);
  });

  it('takes events only in log order', () => {
    const index = new LedgerIndex();
    const plan = index.plan([{ stream: 'registry', events: [draft(), draft()], expected: 'no-stream' }], {}, 'a');
    const second = plan.writes[1]!;
    expect(() =>
      index.add({
        ...second.event,
        stream: second.stream,
        revision: 1,
        position: 2,
        hash: second.hash,
        previousHash: second.previousHash,
        logHash: second.logHash,
        appendId: 'a',
      }),
    ).toThrow(RangeError);
  });
});
