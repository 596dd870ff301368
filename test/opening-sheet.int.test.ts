import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { previewOpening, recordOpening, type ImportOptions } from '../src/opening/opening-import.js';
import { SheetError } from '../src/opening/sheet-problems.js';
import { YearEntriesResponse } from '../src/http/responses-decisions.js';
import { parseCommandText } from '../src/demo/history.js';
import { emptyLedger } from './support/demo.js';
import { registryNames } from './support/opening.js';

/**
 * A secretariat's own sheet: a header row, read through a column mapping; names matched to
 * the registry. A wrong total, an unknown initiative, a duplicated line, text in an amount
 * column or an amount with three decimals is refused with its line and column, and nothing
 * is recorded.
 */

const today = () => new Date('2026-11-01T09:00:00Z');
const registry = parseCommandText(
  [
    '{"type":"RegisterProgrammeArea","programmeAreaId":"barn-og-unge","name":"Barn og unge","idempotencyKey":"r1","effectiveDate":"2024-01-02"}',
    '{"type":"RegisterInitiative","initiativeId":"barn-med-autisme","name":"Barn med autisme","programmeAreaId":"barn-og-unge","criterion":"utvikling","phase":"oppstart","idempotencyKey":"r2","effectiveDate":"2024-01-02"}',
    '{"type":"RegisterInitiative","initiativeId":"samba","name":"SAMBA (BUP Tynset og Nord-Østerdal)","programmeAreaId":"barn-og-unge","criterion":"utvikling","phase":"løsning","idempotencyKey":"r3","effectiveDate":"2024-01-02"}',
  ].join('\n'),
);

async function ledgerWithRegistry() {
  const ledger = emptyLedger(today);
  for (const command of registry) await ledger.handler.execute(command, { actor: 'sekretariat' });
  return ledger;
}

const csv = (...rows: string[]) => Buffer.from(['Programområde;Satsning;Overført 2025;Tildelt 2024;Sak', ...rows].join('\r\n'), 'utf8');
const good = [
  'Barn og unge;Barn med autisme;200 000;200 000;04.25',
  'Barn og unge;SAMBA (BUP Tynset og Nord-Østerdal);1 000 000;1 000 000;04.25/1',
  'Sum;;1 200 000;1 200 000;',
];
const options: ImportOptions = {
  year: 2025,
  fileName: 'overforinger.csv',
  source: { document: 'Overføringer 2024–2025', date: '2025-09-11' },
};

async function refused(
  bytes: Buffer,
  expected: { line: number; column: string; header: string; message: RegExp },
  extra: Partial<ImportOptions> = {},
) {
  const ledger = await ledgerWithRegistry();
  const preview = await previewOpening(bytes, await registryNames(ledger.reader), { ...options, ...extra });
  expect(preview.problems).toEqual([
    expect.objectContaining({
      line: expected.line,
      column: expected.column,
      header: expected.header,
      message: expect.stringMatching(expected.message),
    }),
  ]);
  expect(preview.commands).toEqual([]);
  const before = await ledger.store.headPosition();
  const failure = await recordOpening(ledger.handler, preview, { actor: 'sekretariat' }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(SheetError);
  expect((failure as SheetError).message).toContain(`line ${expected.line}, column ${expected.column} (${expected.header})`);
  expect(await ledger.store.headPosition()).toBe(before);
}

describe("a secretariat's own sheet", () => {
  it('is read through the mapping its header gives, matched to the registry by name, and recorded', async () => {
    const ledger = await ledgerWithRegistry();
    const preview = await previewOpening(csv(...good), await registryNames(ledger.reader), options);
    expect(preview.problems).toEqual([]);
    expect(preview.layout).toBe('own');
    expect(preview.mapping.map((entry) => [entry.column, entry.header, entry.role])).toEqual([
      ['A', 'Programområde', 'programmeArea'],
      ['B', 'Satsning', 'name'],
      ['C', 'Overført 2025', 'earmarked'],
      ['D', 'Tildelt 2024', 'previousGranted'],
      ['E', 'Sak', 'grantedBy'],
    ]);
    expect(preview.initiatives.map((line) => [line.id, line.status, line.earmarked, line.grantedBy])).toEqual([
      ['barn-med-autisme', 'known', '200000.00', { caseNumber: '04.25' }],
      ['samba', 'known', '1000000.00', { caseNumber: '04.25', pointNumber: 1 }],
    ]);
    await recordOpening(ledger.handler, preview, { actor: 'sekretariat' });
    const balances = await ledger.reader.balances(2025);
    expect(balances.total.figures.earmarkedCarriedIn).toBe('1200000.00');
  });

  it('matches names without regard to case or spacing, and takes a changed mapping', async () => {
    const ledger = await ledgerWithRegistry();
    const sheet = Buffer.from(['Satsning;Beløp;Notat', 'barn  MED autisme;200 000;x'].join('\n'), 'utf8');
    const preview = await previewOpening(sheet, await registryNames(ledger.reader), { ...options, map: { earmarked: 'B' } });
    expect(preview.problems).toEqual([]);
    expect(preview.initiatives).toMatchObject([{ id: 'barn-med-autisme', status: 'known', earmarked: '200000.00' }]);
  });

  it('registers an unknown initiative and a new area only when told to, with ids made from the names', async () => {
    const ledger = await ledgerWithRegistry();
    const sheet = csv('Psykisk helse;Økt kompetanse i kommunene;300 000;;');
    const told = await previewOpening(sheet, await registryNames(ledger.reader), { ...options, registerNew: true });
    expect(told.problems).toEqual([]);
    expect(told.commands.slice(0, 2)).toMatchObject([
      { type: 'RegisterProgrammeArea', programmeAreaId: 'psykisk-helse', name: 'Psykisk helse' },
      { type: 'RegisterInitiative', initiativeId: 'okt-kompetanse-i-kommunene', programmeAreaId: 'psykisk-helse' },
    ]);
    await recordOpening(ledger.handler, told, { actor: 'sekretariat' });
    expect((await ledger.reader.view()).registry.initiatives.get('okt-kompetanse-i-kommunene')?.name).toBe('Økt kompetanse i kommunene');
  });

  it('reads the year’s own figures from a frame sheet and the commitments from a sheet of their own', async () => {
    const workbook = new ExcelJS.Workbook();
    const lines = workbook.addWorksheet('Overført');
    lines.addRow(['Satsning', 'Øremerket 2025']);
    lines.addRow(['SAMBA (BUP Tynset og Nord-Østerdal)', 400000]);
    const frame = workbook.addWorksheet('Ramme');
    frame.addRow(['Post', 'Beløp']);
    frame.addRow(['Gjenstående fra i fjor', '250 000']);
    frame.addRow(['Frigjort fra i fjor', 100000]);
    frame.addRow(['Fond fra i fjor', '75 000']);
    const commitments = workbook.addWorksheet('Forpliktelser');
    commitments.addRow(['Satsning', 'År', 'Beløp', 'Vedtak']);
    commitments.addRow(['SAMBA (BUP Tynset og Nord-Østerdal)', 2026, '333 333,34', '04.25/1']);
    const ledger = await ledgerWithRegistry();
    const preview = await previewOpening(Buffer.from(await workbook.xlsx.writeBuffer()), await registryNames(ledger.reader), {
      ...options,
      fileName: 'overforinger.xlsx',
    });
    expect(preview.problems).toEqual([]);
    expect(preview.figures).toMatchObject({
      remainderCarriedIn: '250000.00',
      releasedCarriedIn: '100000.00',
      reserveFundBalance: '75000.00',
      earmarkedTotal: '400000.00',
      committedTotal: '333333.34',
    });
    expect(preview.commitments).toEqual([
      expect.objectContaining({
        initiativeId: 'samba',
        year: 2026,
        amount: '333333.34',
        authority: { caseNumber: '04.25', pointNumber: 1 },
      }),
    ]);
    await recordOpening(ledger.handler, preview, { actor: 'sekretariat' });
    expect((await ledger.reader.frame(2026)).figures).toMatchObject({ committed: '333333.34' });
    // The commitment is a grant of 2026 on the year's page, marked as the opening balance's, as the API's contract says.
    const entries = YearEntriesResponse.parse(JSON.parse(JSON.stringify(await ledger.reader.yearEntries(2026))));
    expect(entries.grants).toEqual([
      expect.objectContaining({ initiativeId: 'samba', figure: 'committed', amountThisYear: '333333.34', opening: true }),
    ]);
    expect((await ledger.reader.frame(2025)).figures).toMatchObject({ frame: '350000.00', reserveBalance: '75000.00' });
  });

  it('refuses a total row that does not equal its lines, naming the line', async () => {
    await refused(csv(good[0]!, good[1]!, 'Sum;;1 200 001;1 200 000;'), {
      line: 4,
      column: 'C',
      header: 'Overført 2025',
      message: /states kr\u00a01\u00a0200\u00a0001, but its lines add up to kr\u00a01\u00a0200\u00a0000/,
    });
  });

  it('refuses an unknown initiative, suggesting the registered one it may mean', async () => {
    await refused(csv('Barn og unge;Barn med autsime;200 000;200 000;04.25'), {
      line: 2,
      column: 'B',
      header: 'Satsning',
      message: /«Barn med autsime» is not a registered initiative; did you mean «Barn med autisme»\?/,
    });
  });

  it('refuses a duplicated line, naming both', async () => {
    await refused(csv(good[0]!, good[1]!, 'Barn og unge;SAMBA (BUP Tynset og Nord-Østerdal);1;1;04.25'), {
      line: 4,
      column: 'B',
      header: 'Satsning',
      message: /is also on line 3/,
    });
  });

  it('refuses text in an amount column', async () => {
    await refused(csv('Barn og unge;Barn med autisme;to hundre tusen;200 000;04.25'), {
      line: 2,
      column: 'C',
      header: 'Overført 2025',
      message: /«to hundre tusen» is not an amount/,
    });
  });

  it('refuses an amount with three decimals, in a CSV and in a workbook', async () => {
    await refused(csv('Barn og unge;Barn med autisme;200 000;200 000,125;04.25'), {
      line: 2,
      column: 'D',
      header: 'Tildelt 2024',
      message: /has 3 decimals/,
    });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Overført');
    sheet.addRow(['Programområde', 'Satsning', 'Overført 2025']);
    sheet.addRow(['Barn og unge', 'Barn med autisme', 200000.125]);
    await refused(
      Buffer.from(await workbook.xlsx.writeBuffer()),
      { line: 2, column: 'C', header: 'Overført 2025', message: /has 3 decimals/ },
      { fileName: 'overforinger.xlsx' },
    );
  });

  it('refuses columns for other years than the opening and the year before', async () => {
    const ledger = await ledgerWithRegistry();
    const preview = await previewOpening(csv(...good), await registryNames(ledger.reader), { ...options, year: 2026 });
    expect(preview.problems).toEqual([
      expect.objectContaining({
        line: 1,
        column: 'C',
        message: 'the column is for 2025, but the opening balance is for 2026 (carried into 2026)',
      }),
      expect.objectContaining({
        line: 1,
        column: 'D',
        message: 'the column is for 2024, but the opening balance is for 2026 (granted in 2025)',
      }),
    ]);
    expect(preview.commands).toEqual([]);
  });
});
