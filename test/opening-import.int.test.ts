import { beforeAll, describe, expect, it } from 'vitest';
import { balancesReport, frameReport } from '../projections/queries.js';
import { writeDocument } from '../src/documents/formats.js';
import { DocumentService } from '../src/documents/service.js';
import { previewOpening, recordOpening, type ImportOptions } from '../src/opening/opening-import.js';
import { demoLedger, emptyLedger } from './support/demo.js';
import { attachment1Of, demoOrganisationAndPeople, demoReceiptAndCase2225, outcome2225, registryNames } from './support/opening.js';

/**
 * The done-when of the opening balance: a ledger taken into use in 2025 from the
 * attachment 1 of case 22.25 that the ledger itself writes — then given the 2025 receipt
 * and case 22.25 as the secretariat records them — has the same 2025 frame, balances and
 * allocation table as the ledger that holds the whole history, figure for figure.
 */

const today = () => new Date('2026-11-01T09:00:00Z');

async function openedLedger(bytes: Buffer, fileName: string, options: Partial<ImportOptions> = {}) {
  const ledger = emptyLedger(today);
  for (const command of demoOrganisationAndPeople()) await ledger.handler.execute(command, { actor: 'sekretariat' });
  const preview = await previewOpening(bytes, await registryNames(ledger.reader), {
    year: 2025,
    fileName,
    registerNew: true,
    effectiveDate: '2025-01-01',
    ...options,
  });
  return { ledger, preview };
}

/** The balances' figures per row, without the attributes an import cannot know (criterion, phase). */
const balanceFigures = (report: ReturnType<typeof balancesReport>) => ({
  total: report.total.figures,
  areas: report.programmeAreas.map((area) => ({
    id: area.id,
    figures: area.figures,
    initiatives: area.initiatives.map((row) => [row.id, row.figures]),
  })),
  unassigned: report.unassigned.figures,
});

describe('a ledger opened in 2025 from the allocation table the ledger writes for case 22.25', () => {
  let demo: Awaited<ReturnType<typeof demoLedger>>;
  let opened: ReturnType<typeof emptyLedger>;
  let preview: Awaited<ReturnType<typeof previewOpening>>;

  beforeAll(async () => {
    const workbook = await attachment1Of('xlsx');
    ({ ledger: opened, preview } = await openedLedger(workbook, 'vedlegg-1-sak-22.25.xlsx'));
    demo = await demoLedger();
    for (const command of outcome2225()) await demo.handler.execute(command, { actor: 'sekretariat' });
  });

  it('previews every figure, the four areas and eighteen initiatives it registers, and the proposals it leaves to the case', () => {
    expect(preview.problems).toEqual([]);
    expect(preview.layout).toBe('ledger');
    expect(preview.source).toEqual({ document: 'Vedlegg 1 til sak 22.25', caseNumber: '22.25', date: '2025-09-11' });
    expect(preview.areas.map((area) => [area.id, area.status])).toEqual([
      ['bo-trygt-hjemme', 'new'],
      ['barn-og-unge', 'new'],
      ['desentrale-tjenester', 'new'],
      ['utvikle-hfi', 'new'],
    ]);
    expect(preview.initiatives).toHaveLength(18);
    expect(preview.initiatives.find((line) => line.id === 'samordne-digitale-initiativ')).toMatchObject({
      earmarked: '0.00',
      previousGranted: '500000.00',
    });
    expect(preview.skipped.map((row) => row.name)).toEqual([
      'Ny: Psykisk helse voksne med store sammensatte behov',
      'Ny: Hospitering og kompetanseoverføring',
    ]);
    expect(preview.figures).toMatchObject({
      remainderCarriedIn: '980000.00',
      releasedCarriedIn: '1000000.00',
      earmarkedTotal: '8720000.00',
      previousYearGrantedTotal: '9720000.00',
      received: '10615000.00',
      funds: 'none',
    });
    expect(preview.commands.map((command) => command.type)).toEqual([
      ...Array<string>(4).fill('RegisterProgrammeArea'),
      ...Array<string>(18).fill('RegisterInitiative'),
      'RecordOpeningBalance',
    ]);
  });

  it('records the registrations and the opening balance; then the receipt and case 22.25 give the demo’s 2025 frame, balances and allocation table', async () => {
    const results = await recordOpening(opened.handler, preview, { actor: 'sekretariat' });
    expect(results).toHaveLength(23);
    for (const command of [...demoReceiptAndCase2225(), ...outcome2225()]) await opened.handler.execute(command, { actor: 'sekretariat' });
    const [mine, theirs] = [await opened.reader.view(), await demo.reader.view()];
    expect(frameReport(mine, 2025)).toEqual(frameReport(theirs, 2025));
    expect(frameReport(mine, 2025).figures.frame).toBe('12595000.00');
    expect(balanceFigures(balancesReport(mine, 2025))).toEqual(balanceFigures(balancesReport(theirs, 2025)));
    const figures = async (ledger: { store: typeof demo.store; reader: typeof demo.reader }) => {
      const service = new DocumentService(ledger.store, ledger.reader, { funderOrganisationId: null });
      return (await service.build({ kind: 'allocation', caseNumber: '22.25' }, null)).figures;
    };
    const table = await figures(opened);
    expect(table).toEqual(await figures(demo));
    expect(table.find((figure) => figure.key === 'total|granted|2024')?.amount).toBe('9720000.00');
    // The printed table names where its first figures come from, under the organisation the ledger records.
    const service = new DocumentService(opened.store, opened.reader, { funderOrganisationId: null });
    const html = (
      await writeDocument(service, await service.build({ kind: 'allocation', caseNumber: '22.25' }, null), 'html')
    ).bytes.toString('utf8');
    expect(html).toContain('<p class="doc-org">Helsefellesskap Innlandet · Strategisk samarbeidsutvalg</p>');
    expect(html).toContain('Inngående balanse 2025 fra «Vedlegg 1 til sak 22.25», sak 22.25, 11.09.2025');
  });

  it('importing the sheet a second time is refused as not the first money of 2025, and records nothing', async () => {
    const again = await previewOpening(await attachment1Of('xlsx'), await registryNames(opened.reader), {
      year: 2025,
      fileName: 'vedlegg-1-sak-22.25.xlsx',
      registerNew: true,
      effectiveDate: '2025-01-01',
    });
    // Everything is known now, so the preview registers nothing and the opening balance is refused as not the first.
    expect(again.commands.map((command) => command.type)).toEqual(['RecordOpeningBalance']);
    const before = await opened.store.headPosition();
    await expect(recordOpening(opened.handler, again, { actor: 'sekretariat' })).rejects.toMatchObject({
      code: 'opening-balance-not-first',
    });
    expect(await opened.store.headPosition()).toBe(before);
  });

  it('reads the ledger’s own CSV of the table alike, and records the receipt when told to', async () => {
    const { ledger, preview: fromCsv } = await openedLedger(await attachment1Of('csv'), 'vedlegg-1.csv', {
      funds: 'received',
      receivedOn: '2025-03-03',
    });
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.commands.at(-1)).toMatchObject({ funds: { kind: 'received', amount: '10615000.00', receivedOn: '2025-03-03' } });
    await recordOpening(ledger.handler, fromCsv, { actor: 'sekretariat' });
    expect(frameReport(await ledger.reader.view(), 2025).figures).toMatchObject({ frame: '12595000.00', earmarkedCarriedIn: '8720000.00' });
  });
});
