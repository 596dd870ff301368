import { describe, expect, it } from 'vitest';
import { parseStoredEvent, type LedgerEvent } from '../events/catalogue.js';
import { caseDetail } from '../projections/case-detail.js';
import { LedgerReader, type AsOf } from '../src/app/ledger-reader.js';
import type { EventStore } from '../src/store/port.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { balancesReport, frameReport } from '../projections/queries.js';
import { demoLedger } from './support/demo.js';
import { adopted, basics, grant, testLedger } from './support/spec.js';

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

describe('as-of views derived from the index', () => {
  const sameAsFold = async (reader: LedgerReader, asOf: AsOf) => {
    const derived = await reader.view(asOf);
    const folded = await reader.fold(asOf);
    const events = new Map<number, LedgerEvent>();
    for await (const record of (reader as unknown as { store: EventStore }).store.readAll())
      events.set(record.position, parseStoredEvent(record));
    expect(caseDetail(derived, '01.25', events)).toEqual(caseDetail(folded, '01.25', events));
    expect([...derived.grants]).toEqual([...folded.grants]);
    for (const year of [2025, 2026]) {
      expect(frameReport(derived, year)).toEqual(frameReport(folded, year));
      expect(balancesReport(derived, year)).toEqual(balancesReport(folded, year));
    }
    return derived;
  };

  it('show the grant a reused grant id named before it was used again in another year', async () => {
    const { store, run } = testLedger();
    for (const command of [...basics, adopted(1)]) await run(command);
    await run({ type: 'ReceiveFunds', year: 2026, amount: '800000', reference: 'Tilskudd 2026', receivedOn: '2026-01-15' });
    await run(grant('100000', { grantId: 'g1' }));
    const between = await store.headPosition();
    await run(grant('250000', { grantId: 'g1', year: 2026 }));
    const reader = new LedgerReader(store, new ProjectionRunner(store, { checkpointPath: null }));
    expect((await reader.view()).grants.get('g1')).toMatchObject({ year: 2026, amountTotal: '250000.00' });
    const asOf = await sameAsFold(reader, { position: between });
    expect(asOf.grants.get('g1')).toMatchObject({ year: 2025, amountTotal: '100000.00' });
    expect(asOf.history.irregularAt).toBe(0);
  });

  it('fold the log in full before a change the index cannot undo (a second adoption, imported)', async () => {
    const { store, run } = testLedger();
    for (const command of [...basics, adopted(1)]) await run(command);
    const beforeSecond = await store.headPosition();
    // Recorded under other rules (an import): the case adopted a second time, with alternative 2.
    const [first] = await store.readPositions([beforeSecond]);
    await store.append(
      'case-01.25',
      [
        {
          id: '01JZ0000000000000000000001',
          type: 'ResolutionAdopted',
          schemaVersion: first!.schemaVersion,
          data: {
            ...(first!.data as object),
            points: [
              { number: 1, outcome: 'adopted' },
              { number: 2, outcome: 'adopted', alternativeNumber: 2 },
            ],
          },
          metadata: { ...(first!.metadata as object), idempotencyKey: 'imported-second-adoption' },
        },
      ],
      'any',
    );
    const runner = new ProjectionRunner(store, { checkpointPath: null });
    const reader = new LedgerReader(store, runner);
    await reader.view();
    expect(runner.view.history.irregularAt).toBe(beforeSecond + 1);
    const asOf = await sameAsFold(reader, { position: beforeSecond });
    expect(asOf.cases.get('01.25')!.adopted!.points[1]).toMatchObject({ alternativeNumber: 1 });
    await sameAsFold(reader, { date: '2024-06-30' });
  });
});

describe('the registry as of a position or a date', () => {
  it('equals a fold of the log on a long registry (snapshots every thousand events)', async () => {
    const { store, run } = testLedger();
    for (const command of basics.slice(0, 7)) await run(command, 'sekretariat');
    const phases = ['innsikt', 'løsning', 'drift', 'oppstart'] as const;
    const positions: number[] = [];
    for (let index = 0; index < 2300; index++) {
      // Each initiative goes round the phases, one change at a time.
      const initiativeId = index % 2 ? 'tiltak' : 'annet';
      await run({ type: 'ChangeInitiativePhase', initiativeId, phase: phases[Math.floor(index / 2) % 4]!, effectiveDate: '2025-03-01' });
      if (index % 450 === 449) positions.push(await store.headPosition());
    }
    const reader = new LedgerReader(store, new ProjectionRunner(store, { checkpointPath: null }));
    for (const position of [...positions, 1, 999, 1000, 1001, 2001]) {
      const asOf = { position };
      expect([...(await reader.view(asOf)).registry.initiatives], `as of ${position}`).toEqual([
        ...(await reader.fold(asOf)).registry.initiatives,
      ]);
    }
  });
});
