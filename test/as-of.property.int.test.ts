import fc from 'fast-check';
import { monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { parseStoredEvent, type LedgerEvent } from '../events/catalogue.js';
import { casesOf } from '../projections/case-list.js';
import { caseDetail } from '../projections/case-detail.js';
import { CommandHandler } from '../src/app/command-handler.js';
import { LedgerReader, type AsOf } from '../src/app/ledger-reader.js';
import { detailsOf } from '../src/app/event-details.js';
import { correctedEventOf, namingCorrections } from '../src/app/event-details.js';
import { ProjectionRunner } from '../src/app/projection-runner.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { describeEvent } from '../projections/describe.js';
import { allFigures, initiativeFigures, type Figure, type Scope } from '../projections/figures.js';
import type { LedgerView } from '../projections/ledger-view.js';
import { balancesReport, explainFigure, frameReport } from '../projections/queries.js';
import { trailCore } from '../projections/trail.js';
import { readSnapshot, writeSnapshot } from '../projections/snapshot.js';
import { history, historyRecorder, type HistoryStep } from './support/as-of-history.js';
import { basics } from './support/spec.js';
import { propertyParameters } from './support/property.js';

/**
 * A view as of a position or a date is derived from the current view and its index
 * (projections/as-of.ts); it must equal, exactly, a fold of the log as of then. On
 * random histories with backdated events, recorded through the rules, the current view
 * partly restored from a checkpoint: every figure, frame, balance, explanation, trail,
 * case, proposal, grant and registry entry of the derived view equals the full fold's,
 * at random positions and dates (most of them dates events took effect on, or the day
 * before: where the answer changes).
 */

function explained(view: LedgerView, year: number, figure: Figure, scope: Scope) {
  try {
    return explainFigure(view, { year, figure, scope });
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

/** Everything the queries read of a view, and what they answer. */
function outcome(view: LedgerView, events: LedgerEvent[]) {
  const byPosition = new Map(events.map((event) => [event.position, event]));
  const years = [...view.years.keys()].sort((a, b) => a - b);
  const scopes: Scope[] = [
    { kind: 'programme-area', programmeAreaId: 'omrade' },
    { kind: 'unassigned' },
    ...[...view.registry.initiatives.keys()].map((initiativeId): Scope => ({ kind: 'initiative', initiativeId })),
    ...[...view.proposals.keys()].map((proposalId): Scope => ({ kind: 'proposal', proposalId })),
  ];
  return {
    position: view.position,
    years,
    registry: Object.fromEntries(Object.entries(view.registry).map(([name, part]) => [name, part instanceof Map ? [...part] : part])),
    proposalLinks: [...view.proposalLinks].sort(),
    recommendationAmounts: [...view.recommendationAmounts].map(([key, value]) => [key, value.toFixed(2)]).sort(),
    proposals: [...view.proposals],
    grants: [...view.grants],
    cases: casesOf(view),
    caseDetails: [...view.cases.keys()].map((caseNumber) => caseDetail(view, caseNumber, byPosition)),
    described: events.map((event) => describeEvent(event, view)),
    perYear: years.map((year) => {
      const book = view.years.get(year)!;
      return {
        accounts: [...book.accounts].map(([key, account]) => [key, account.total.toFixed(2), [...account.positions], [...account.deltas]]),
        trail: [...book.eventPositions],
        closed: book.closed,
        frame: frameReport(view, year),
        balances: balancesReport(view, year),
        trailRows: trailCore(view, year),
        total: allFigures.map((figure) => explained(view, year, figure, { kind: 'total' })),
        scoped: scopes.map((scope) =>
          [...initiativeFigures, 'availableToSpend' as const].map((figure) => explained(view, year, figure, scope)),
        ),
      };
    }),
  };
}

/** The registry and the funds of 2025 (the history opens its own cases). */
const SETUP = basics.filter((command) => command.type !== 'OpenCase' && command.type !== 'ProposeResolution');

describe('views as of a position or a date', () => {
  it('equal a full fold of the log, on random histories with backdated events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: SETUP.length, maxLength: SETUP.length }),
        history,
        fc.nat(),
        fc.array(fc.nat(), { minLength: 4, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 3, maxLength: 5 }),
        async (setupDays, steps, cutPick, positionPicks, datePicks) => {
          const store = new SqliteEventStore(':memory:');
          let instant = Date.parse('2027-12-01T08:00:00Z');
          const handler = new CommandHandler(store, { clock: () => new Date((instant += 1000)), newId: monotonicFactory() });
          const all: HistoryStep[] = [...SETUP.map((setup, index): HistoryStep => [setup, setupDays[index]!]), ...steps];
          // Part of the history is folded and checkpointed, the rest caught up after a restore.
          const cut = cutPick % (all.length + 1);
          const record = historyRecorder(handler);
          await record(all.slice(0, cut));
          const first = new ProjectionRunner(store, { checkpointPath: null });
          await first.catchUp();
          const snapshot = writeSnapshot(first.view);
          await record(all.slice(cut));
          const runner = new ProjectionRunner(store, { checkpointPath: null });
          runner.view = readSnapshot(snapshot)!;
          const reader = new LedgerReader(store, runner);

          const events: LedgerEvent[] = [];
          for await (const stored of store.readAll()) events.push(parseStoredEvent(stored));
          const head = events.at(-1)?.position ?? 0;
          const dates = [...new Set(events.map((event) => event.metadata.effectiveDate))].sort();
          const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
          const asOfs: AsOf[] = [
            ...positionPicks.map((pick) => ({ position: pick % (head + 2) })),
            ...datePicks.map(([pick, before]) => {
              const date = dates[pick % dates.length]!;
              return { date: before ? dayBefore(date) : date };
            }),
          ];
          for (const asOf of asOfs) {
            const derived = await reader.view(asOf);
            const folded = await reader.fold(asOf);
            expect(outcome(derived, events), JSON.stringify(asOf)).toEqual(outcome(folded, events));
            // The reader's pages of the trail: the same rows, with the same details (recorded after the date, backdated).
            for (const year of [2025, 2026]) {
              const page = await reader.trailPage(year, asOf, 1, 4);
              // A correction on the page names what it corrects when that is on the page too; an event
              // lists the corrections of it on the page, or recorded after its year was closed.
              const core = trailCore(folded, year);
              const detailed = (rows: typeof core) =>
                rows.map((row) => ({
                  ...detailsOf(
                    events.find((event) => event.position === row.position)!,
                    folded,
                    asOf,
                  ),
                  postings: row.postings,
                  availableAfter: row.availableAfter,
                }));
              const expected = namingCorrections(detailed(core.slice(1, 5)), year);
              const closedAt = folded.years.get(year)?.closed?.position ?? Infinity;
              const corrections = [...expected, ...detailed(core.filter((row) => row.position > closedAt))];
              for (const row of expected)
                row.correctedBy = corrections
                  .filter(
                    (candidate, index, all) =>
                      candidate.corrects === row.eventId && all.findIndex((other) => other.eventId === candidate.eventId) === index,
                  )
                  .map((candidate) => {
                    const stream = events.find((event) => event.id === candidate.eventId)!.stream;
                    return correctedEventOf(candidate, /^year-\d{4}$/.test(stream) ? Number(stream.slice(5)) : year);
                  });
              expect(page.report.rows).toEqual(expected);
              // And of explanations, written a page at a time.
              for (const figure of ['requested', 'recommended', 'available', 'spent'] as const) {
                const ref = { year, figure, scope: { kind: 'total' as const } };
                const whole = explainFigure(folded, ref);
                const explained = await reader.explainPage(ref, asOf, 1, 3);
                expect(explained.report).toEqual({
                  ...whole,
                  asOf,
                  rows: namingCorrections(
                    whole.rows.slice(1, 4).map((row) => ({
                      ...row,
                      ...detailsOf(
                        events.find((event) => event.position === row.position)!,
                        folded,
                        asOf,
                      ),
                    })),
                    year,
                  ),
                });
                expect(explained.page.rowCount).toBe(whole.rows.length);
              }
            }
          }
          await store.close();
        },
      ),
      // A failure prints its seed: LEDGER_PROPERTY_SEED=<seed> runs that history again.
      propertyParameters(40),
    );
  });
});
