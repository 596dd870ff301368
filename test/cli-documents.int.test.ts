import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { attachment1Total, decimalOf } from './support/attachment-1.js';

/** `ledger report …` and `ledger document verify`, run in-process as from a shell. */

let directory: string;
const run = async (args: string[], env: Record<string, string> = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => '',
    env: { LEDGER_STORE: join(directory, 'ledger.sqlite'), ...env },
  });
  return { code, stdout, stderr };
};

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'ledger-documents-'));
  expect((await run(['demo'])).code).toBe(0);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('ledger report and ledger document verify', () => {
  it('writes the allocation table of case 22.25 as CSV to a file, which verifies; one changed figure does not', async () => {
    const out = join(directory, 'vedlegg-1.csv');
    const written = await run(['report', 'allocation', '--case', '22.25', '--format', 'csv', '--out', out]);
    expect(written).toMatchObject({ code: 0, stdout: '' });
    expect(written.stderr).toMatch(/^Skrev .*vedlegg-1\.csv \(csv\): per \d{4}-\d{2}-\d{2}, loggposisjon 88, hash [0-9a-f]{64}\n$/);
    const records = parseCsv<Record<string, string>>(readFileSync(out, 'utf8'), { columns: true });
    const total = (figure: string) => records.find((record) => record.section === 'total' && record.figure === figure)?.amount;
    expect([total('granted'), total('earmarkedCarriedIn'), total('requested'), total('recommended')]).toEqual(
      attachment1Total.slice(1).map(decimalOf),
    );

    const verified = await run(['document', 'verify', out]);
    expect(verified.code).toBe(0);
    // Every row of the CSV is one figure, and verify checks them all.
    expect(verified.stdout).toBe(`Stemmer: alle ${records.length} tall i filen er de samme som loggen til og med posisjon 88 gir.\n`);

    const changed = join(directory, 'vedlegg-1-endret.csv');
    writeFileSync(changed, readFileSync(out, 'utf8').replace(/(total,total,,Sum,recommended,2025,)11345000\.00/, '$111345001.00'));
    const refused = await run(['document', 'verify', changed]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'første avvik er Sum: Anbefalt 2025 — kr 11 345 001 i filen, kr 11 345 000 i registeret (total|recommended|2025)',
    );
    const json = JSON.parse((await run(['document', 'verify', changed, '--json'])).stdout) as {
      matches: boolean;
      firstDifference: { key: string };
    };
    expect(json).toMatchObject({ matches: false, firstDifference: { key: 'total|recommended|2025' } });
  });

  it('writes the workbook and the table for a pair of years as of a date', async () => {
    const out = join(directory, 'fordeling.xlsx');
    expect(
      (await run(['report', 'allocation', '--years', '2024,2025', '--format', 'xlsx', '--as-of', '2025-09-17', '--out', out])).code,
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('Kilde')!.getCell('B2').value).toMatch(
      /^hfi-ledger-document\/1 allocation years=2024,2025 as-of=2025-09-17 basis=date /,
    );
    expect((await run(['document', 'verify', out])).code).toBe(0);
  });

  it('writes the case summary and the 360Giving export; without the funder identifier the export is refused, naming the setting', async () => {
    const summary = await run(['report', 'case-summary', '--case', '22.25']);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain('<h1>Sak 22.25: Rekrutterings- og samhandlingsmidler 2025</h1>');
    const refused = await run(['report', 'grants']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('LEDGER_FUNDER_ID');
    const grants = await run(['report', 'grants', '--format', '360giving-json'], { LEDGER_FUNDER_ID: 'XI-TEST-HFI' });
    expect(grants.code).toBe(0);
    expect((JSON.parse(grants.stdout) as { grants: unknown[] }).grants).toHaveLength(16);
  });

  it('refuses bad input before opening anything: no case or years, years not consecutive, an unknown format, a case that does not exist', async () => {
    expect(await run(['report', 'allocation'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('oppgi --case NN.ÅÅ eller --years ÅÅÅÅ,ÅÅÅÅ') as string,
    });
    expect((await run(['report', 'allocation', '--years', '2024,2026'])).stderr).toContain(
      '--years: Årene er to år etter hverandre, som 2024,2025 (fikk «2024,2026»)',
    );
    expect((await run(['report', 'allocation', '--case', '22.25', '--format', 'pdf'])).code).toBe(2);
    expect((await run(['report', 'allocation', '--case', '22.25', '--years', '2024,2025'])).code).toBe(2);
    expect(await run(['report', 'allocation', '--case', '99.25'])).toMatchObject({
      code: 1,
      stderr: 'ledger: Sak 99.25 finnes ikke (ledger list cases).\n',
    });
    const notADocument = join(directory, 'notes.txt');
    writeFileSync(notADocument, 'just some text\n');
    const verified = await run(['document', 'verify', notADocument]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toMatch(
      /^ledger: the file is not a document the ledger wrote \(HTML, CSV, XLSX or 360Giving JSON\): the CSV has no rows\n$/,
    );
  });
});
