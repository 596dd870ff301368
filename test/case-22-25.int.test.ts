import { describe, expect, it, beforeAll } from 'vitest';
import { demoLedger } from './support/demo.js';
import type { Scope } from '../projections/figures.js';
import { explainFigure, figureValue } from '../projections/queries.js';
import { ZERO, formatAmount, money } from '../src/domain/money.js';

/**
 * The reference figures of case 22/25 (attachment 1 and the recommendation), which
 * the ledger must reproduce to the øre from its own projections.
 */
type Row = [id: string, granted2024: string, carried: string, requested2025: string, recommended2025: string];
const initiatives: Row[] = [
  ['vip', '1000000', '1000000', '5000000', '3000000'],
  ['forebygging-og-mestring', '750000', '750000', '0', '0'],
  ['kunnskap', '1250000', '1250000', '1250000', '1250000'],
  ['barn-med-autisme', '200000', '200000', '0', '0'],
  ['samba', '1000000', '1000000', '1000000', '1000000'],
  ['mobil-video-sarbehandling', '0', '0', '2500000', '1500000'],
  ['dho', '750000', '750000', '750000', '750000'],
  ['samhandling-fastleger', '500000', '500000', '0', '0'],
  ['allmennlege-nord-gudbrandsdal', '575000', '575000', '0', '0'],
  ['psykologspesialist-legevakt', '1245000', '1245000', '1245000', '1245000'],
  ['samordne-digitale-initiativ', '500000', '0', '0', '0'],
  ['kommunikasjon', '300000', '300000', '0', '0'],
  ['digitalt-avvikssystem', '500000', '500000', '0', '0'],
  ['gevinstmodell', '500000', '0', '0', '0'],
  ['felles-modell-tjenesteutvikling', '150000', '150000', '0', '0'],
  ['innovasjonsarenaer', '250000', '250000', '0', '0'],
  ['fastlegerepresentasjon', '250000', '250000', '0', '0'],
  ['arbeidsutvalg', '0', '0', '2000000', '2000000'],
];
const areas: Row[] = [
  ['bo-trygt-hjemme', '3000000', '3000000', '6250000', '4250000'],
  ['barn-og-unge', '1200000', '1200000', '1000000', '1000000'],
  ['desentrale-tjenester', '3570000', '3070000', '4495000', '3495000'],
  ['utvikle-hfi', '1950000', '1450000', '2000000', '2000000'],
];
const two = (amount: string) => `${amount}.00`;

describe("the history of case 22/25 reproduces the committee's figures to the øre", () => {
  let ledger: Awaited<ReturnType<typeof demoLedger>>;
  beforeAll(async () => {
    ledger = await demoLedger();
  });

  const value = async (year: number, figure: Parameters<typeof figureValue>[1]['figure'], scope: Scope = { kind: 'total' }) =>
    formatAmount(figureValue(await ledger.reader.view(), { year, figure, scope }));

  it('loads every command through the rules, and loading again records nothing', async () => {
    expect(ledger.loaded.recorded).toBe(ledger.loaded.commands);
    const again = await (await import('../src/demo/history.js')).loadCase2225History(ledger.handler);
    expect(again).toMatchObject({ recorded: 0, replayed: ledger.loaded.commands, events: 0 });
  });

  it.each(initiatives)(
    'initiative %s: 2024 granted %s, carried %s, 2025 requested %s, recommended %s',
    async (id, granted, carried, requested, recommended) => {
      const scope: Scope = { kind: 'initiative', initiativeId: id };
      expect(await value(2024, 'granted', scope)).toBe(two(granted));
      expect(await value(2024, 'earmarkedCarriedOut', scope)).toBe(two(carried));
      expect(await value(2025, 'earmarkedCarriedIn', scope)).toBe(two(carried));
      expect(await value(2025, 'requested', scope)).toBe(two(requested));
      expect(await value(2025, 'recommended', scope)).toBe(two(recommended));
    },
  );

  it.each(areas)(
    'programme area %s: 2024 granted %s, carried %s, 2025 requested %s, recommended %s',
    async (id, granted, carried, requested, recommended) => {
      const scope: Scope = { kind: 'programme-area', programmeAreaId: id };
      expect(await value(2024, 'granted', scope)).toBe(two(granted));
      expect(await value(2024, 'earmarkedCarriedOut', scope)).toBe(two(carried));
      expect(await value(2025, 'requested', scope)).toBe(two(requested));
      expect(await value(2025, 'recommended', scope)).toBe(two(recommended));
    },
  );

  it('puts the new Psykisk helse voksne at 600 000 recommended and Hospitering at nothing, with no programme area', async () => {
    expect(await value(2025, 'recommended', { kind: 'proposal', proposalId: 'p25-psykisk-helse-voksne' })).toBe('600000.00');
    expect(await value(2025, 'recommended', { kind: 'proposal', proposalId: 'p25-hospitering' })).toBe('0.00');
    expect(await value(2025, 'recommended', { kind: 'unassigned' })).toBe('600000.00');
    expect(await value(2025, 'requested', { kind: 'unassigned' })).toBe('0.00');
  });

  it('totals: granted 9 720 000, carried 8 720 000, requested 13 745 000, recommended 11 345 000', async () => {
    expect(await value(2024, 'granted')).toBe('9720000.00');
    expect(await value(2024, 'earmarkedCarriedOut')).toBe('8720000.00');
    expect(await value(2025, 'earmarkedCarriedIn')).toBe('8720000.00');
    expect(await value(2025, 'requested')).toBe('13745000.00');
    expect(await value(2025, 'recommended')).toBe('11345000.00');
  });

  it('2024: received 10 700 000, remainder 980 000, released 1 000 000, ongoing carried 8 720 000, closed', async () => {
    const frame = await ledger.reader.frame(2024);
    expect(frame.closed).toBe(true);
    expect(frame.figures).toMatchObject({
      received: '10700000.00',
      frame: '10700000.00',
      granted: '9720000.00',
      available: '980000.00',
      released: '1000000.00',
      remainderCarriedOut: '980000.00',
      releasedCarriedOut: '1000000.00',
      earmarkedCarriedOut: '8720000.00',
    });
  });

  it('2024 had no proposals: nothing is requested over its frame (kr 0, never below), and the explanation says why', async () => {
    const frame = await ledger.reader.frame(2024);
    expect(frame.figures).toMatchObject({ requested: '0.00', requestedOverFrame: '0.00' });
    const explanation = explainFigure(await ledger.reader.view(), { year: 2024, figure: 'requestedOverFrame', scope: { kind: 'total' } });
    expect(explanation.composition).toEqual([
      { figure: 'requested', sign: 1, value: '0.00' },
      { figure: 'frame', sign: -1, value: '10700000.00' },
    ]);
    expect(explanation.note?.nb).toBe('Innspillene er innenfor rammen (kr\u00a010\u00a0700\u00a0000 under), så ingenting er over rammen.');
  });

  it("leaves nothing to spend in the closed 2024 and carries each initiative's unspent grant into 2025", async () => {
    expect(await value(2024, 'availableToSpend')).toBe('0.00');
    expect(await value(2025, 'availableToSpend', { kind: 'initiative', initiativeId: 'vip' })).toBe('1000000.00');
    expect(await value(2025, 'availableToSpend', { kind: 'initiative', initiativeId: 'gevinstmodell' })).toBe('0.00');
    expect(await value(2025, 'availableToSpend')).toBe('8720000.00');
  });

  it('2025: frame 12 595 000, requested 1 150 000 over it, recommended 11 345 000, buffer 1 250 000', async () => {
    const frame = await ledger.reader.frame(2025);
    expect(frame.closed).toBe(false);
    expect(frame.figures).toMatchObject({
      received: '10615000.00',
      remainderCarriedIn: '980000.00',
      releasedCarriedIn: '1000000.00',
      frame: '12595000.00',
      requested: '13745000.00',
      requestedOverFrame: '1150000.00',
      recommended: '11345000.00',
      granted: '0.00',
      available: '12595000.00',
      availableIfRecommendationAdopted: '1250000.00',
      earmarkedCarriedIn: '8720000.00',
    });
  });

  it('explains every figure of the demo history: the postings run from 0 to the reported value', async () => {
    const view = await ledger.reader.view();
    const { allFigures } = await import('../projections/figures.js');
    let explained = 0;
    for (const year of [2024, 2025]) {
      const scopes: Scope[] = [
        { kind: 'total' },
        { kind: 'unassigned' },
        ...[...view.registry.programmeAreas.keys()].map((programmeAreaId) => ({ kind: 'programme-area' as const, programmeAreaId })),
        ...[...view.registry.initiatives.keys()].map((initiativeId) => ({ kind: 'initiative' as const, initiativeId })),
        ...[...view.proposals.keys()].map((proposalId) => ({ kind: 'proposal' as const, proposalId })),
      ];
      for (const scope of scopes)
        for (const figure of allFigures) {
          let explanation;
          try {
            explanation = explainFigure(view, { year, figure, scope });
          } catch (error: unknown) {
            expect(error).toMatchObject({ code: 'figure-not-found' });
            continue;
          }
          const closing = explanation.composition
            ? explanation.composition.reduce((total, part) => total.plus(money(part.value).mul(part.sign)), ZERO)
            : money(explanation.rows.at(-1)?.runningBalance ?? '0');
          // A figure that is never below 0 (requested over the frame) says so where its parts add up to less.
          const floored = explanation.note !== undefined && closing.isNegative() ? ZERO : closing;
          expect(formatAmount(floored), `${year} ${figure} ${JSON.stringify(scope)}`).toBe(explanation.value);
          expect(explanation.value).toBe(formatAmount(figureValue(view, { year, figure, scope })));
          explained += 1;
        }
    }
    expect(explained).toBeGreaterThan(300);
  });

  it('moves what was recommended for the new Psykisk helse voksne to the initiative registered from it, explained by one reclassification', async () => {
    const other = await demoLedger();
    const { parseCommandText, runCommands } = await import('../src/demo/history.js');
    const { readFileSync } = await import('node:fs');
    await runCommands(other.handler, parseCommandText(readFileSync('docs/examples/case-22-25-outcome.ndjson', 'utf8')), 'sekretariat');
    const view = await other.reader.view();
    const initiative: Scope = { kind: 'initiative', initiativeId: 'psykisk-helse-voksne' };
    const at = (figure: 'recommended' | 'granted', scope: Scope) => formatAmount(figureValue(view, { year: 2025, figure, scope }));
    expect(at('recommended', initiative)).toBe('600000.00');
    expect(at('granted', initiative)).toBe('600000.00');
    expect(at('recommended', { kind: 'unassigned' })).toBe('0.00');
    expect(at('recommended', { kind: 'total' })).toBe('11345000.00');
    const balances = await other.reader.balances(2025);
    expect(balances.unassigned.proposals).toEqual([]);
    const explained = await other.reader.explain({ year: 2025, figure: 'recommended', scope: initiative });
    expect(explained.rows.map((row) => [row.eventType, row.amount])).toEqual([['InitiativeRegistered', '600000.00']]);
    expect(explained.rows[0]!.description.nb).toContain('fra innspill p25-psykisk-helse-voksne i sak 22.25');
  });

  it('reports in the balances table exactly the figures explain accounts for, row by row', async () => {
    const view = await ledger.reader.view();
    const { balancesReport } = await import('../projections/queries.js');
    for (const year of [2024, 2025]) {
      const report = balancesReport(view, year);
      const rows = [
        ...report.programmeAreas,
        ...report.programmeAreas.flatMap((area) => area.initiatives),
        report.unassigned,
        ...report.unassigned.proposals,
        report.total,
      ];
      for (const row of rows)
        for (const [figure, reported] of Object.entries(row.figures))
          expect(reported, `${year} ${row.id} ${figure}`).toBe(
            formatAmount(figureValue(view, { year, figure: figure as never, scope: row.scope })),
          );
    }
  });

  it('explains granted for Barn og unge in 2024 by the two grants of case 04.25', async () => {
    const explanation = await ledger.reader.explain({
      year: 2024,
      figure: 'granted',
      scope: { kind: 'programme-area', programmeAreaId: 'barn-og-unge' },
    });
    expect(explanation.value).toBe('1200000.00');
    expect(explanation.rows.map((row) => [row.caseNumber, row.amount, row.runningBalance])).toEqual([
      ['04.25', '200000.00', '200000.00'],
      ['04.25', '1000000.00', '1200000.00'],
    ]);
    expect(explanation.rows[0]!.description.nb).toContain('Barn med autisme');
    expect(explanation.rows[0]!.effectiveDate).toBe('2025-02-20');
  });
});
