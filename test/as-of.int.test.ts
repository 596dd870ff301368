import { describe, expect, it } from 'vitest';
import { demoLedger } from './support/demo.js';

describe('as of a date or a log position', () => {
  it('shows an event recorded later but effective earlier in both views, labelled', async () => {
    const ledger = await demoLedger();
    const before = await ledger.store.headPosition();
    // Recorded now (2026), effective in September 2025 (after 2024's earmarked funds arrived): spending reported after the fact.
    await ledger.handler.execute(
      {
        type: 'ReportSpending',
        idempotencyKey: 'late',
        effectiveDate: '2025-09-30',
        year: 2025,
        initiativeId: 'samba',
        amount: '125000',
        reference: 'Regnskap 1. halvår',
      },
      { actor: 'sekretariat' },
    );
    const byDate = await ledger.reader.trail(2025, { date: '2025-10-01' });
    const lateByDate = byDate.rows.find((row) => row.eventType === 'SpendingReported');
    expect(lateByDate).toMatchObject({ effectiveDate: '2025-09-30', backdated: true, recordedAfterAsOf: true });
    expect((await ledger.reader.frame(2025, { date: '2025-10-01' })).figures.spent).toBe('125000.00');
    expect((await ledger.reader.frame(2025, { date: '2025-09-29' })).figures.spent).toBe('0.00');

    const byPosition = await ledger.reader.trail(2025, { position: before + 1 });
    expect(byPosition.rows.at(-1)).toMatchObject({ eventType: 'SpendingReported', backdated: true, recordedAfterAsOf: false });
    expect((await ledger.reader.frame(2025, { position: before })).figures.spent).toBe('0.00');
    expect((await ledger.reader.frame(2025, { position: before + 1 })).figures.spent).toBe('125000.00');
  });

  it('answers a repeated question from memory, and anew as soon as the log moves', async () => {
    const ledger = await demoLedger();
    const asOf = { date: '2025-10-01' };
    const first = await ledger.reader.frame(2025, asOf);
    expect(await ledger.reader.frame(2025, asOf)).toBe(first);
    expect(first.figures.spent).toBe('0.00');
    const explainedBefore = await ledger.reader.explain({ year: 2025, figure: 'spent', scope: { kind: 'total' } });
    await ledger.handler.execute(
      {
        type: 'ReportSpending',
        idempotencyKey: 'late',
        effectiveDate: '2025-09-30',
        year: 2025,
        initiativeId: 'samba',
        amount: '125000',
        reference: 'Regnskap 1. halvår',
      },
      { actor: 'sekretariat' },
    );
    expect((await ledger.reader.frame(2025, asOf)).figures.spent).toBe('125000.00');
    expect((await ledger.reader.frame(2025)).figures.spent).toBe('125000.00');
    const explainedAfter = await ledger.reader.explain({ year: 2025, figure: 'spent', scope: { kind: 'total' } });
    expect(explainedBefore.rows).toHaveLength(0);
    expect(explainedAfter.rows.map((row) => row.amount)).toEqual(['125000.00']);
  });

  it('explains a figure as it stood at a position', async () => {
    const ledger = await demoLedger();
    const head = await ledger.store.headPosition();
    const now = await ledger.reader.explain({ year: 2025, figure: 'frame', scope: { kind: 'total' } });
    const early = await ledger.reader.explain(
      { year: 2025, figure: 'frame', scope: { kind: 'total' } },
      { position: now.rows[0]!.position },
    );
    expect(now.value).toBe('12595000.00');
    expect(early.value).toBe('10615000.00');
    expect(early.rows).toHaveLength(1);
    expect(head).toBeGreaterThan(now.rows[0]!.position);
  });
});
