import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDocument, type DocumentFormat } from '../src/documents/formats.js';
import type { DocumentRequest } from '../src/documents/source.js';
import { verifyDocument } from '../src/documents/verify.js';
import { documentLedger } from './support/documents.js';

/**
 * Documents that cannot silently disagree: each is rebuilt from the log at the position it
 * names and compared figure by figure; one changed figure is found and named.
 */

let context: Awaited<ReturnType<typeof documentLedger>>;
beforeAll(async () => {
  context = await documentLedger({ outcome: true });
});

const written = async (request: DocumentRequest, format: DocumentFormat) =>
  (await writeDocument(context.service, await context.service.build(request, null), format)).bytes;

describe('document verify', () => {
  it.each<[DocumentRequest, DocumentFormat]>([
    [{ kind: 'allocation', caseNumber: '22.25' }, 'csv'],
    [{ kind: 'allocation', caseNumber: '22.25' }, 'xlsx'],
    [{ kind: 'allocation', caseNumber: '22.25' }, 'html'],
    [{ kind: 'allocation', grantedYear: 2025 }, 'csv'],
    [{ kind: 'case-summary', caseNumber: '22.25' }, 'html'],
    [{ kind: 'grants' }, '360giving-json'],
    [{ kind: 'grants' }, '360giving-csv'],
  ])('finds %j as %s, unchanged, to match the log', async (request, format) => {
    const verification = await verifyDocument(context.service, await written(request, format));
    expect(verification.message).toMatch(/^Stemmer: alle \d+ tall/);
    expect(verification).toMatchObject({ matches: true, format, request, firstDifference: null, logProblem: null });
    expect(verification.checked).toBeGreaterThan(0);
    // Figure by figure, as the page lists them: every one beside the log's, and the same.
    expect(verification.figures).toHaveLength(verification.checked);
    expect(verification.figures.every((figure) => figure.matches && figure.inFile === figure.inLedger)).toBe(true);
  });

  it('fails a CSV with one changed figure, naming that figure and both amounts', async () => {
    const csv = (await written({ kind: 'allocation', caseNumber: '22.25' }, 'csv')).toString('utf8');
    const line = csv.split('\r\n').find((row) => row.startsWith('initiative,initiative:vip,') && row.includes(',granted,2024,'))!;
    expect(line).toContain(',1000000.00,');
    const changed = csv.replace(line, line.replace(',1000000.00,', ',1000001.00,'));
    const verification = await verifyDocument(context.service, Buffer.from(changed, 'utf8'));
    expect(verification.matches).toBe(false);
    expect(verification.firstDifference).toEqual({
      key: 'initiative:vip|granted|2024',
      label: 'VIP (very important patient): Tildelt 2024',
      inFile: '1000001.00',
      inLedger: '1000000.00',
    });
    // Figure by figure: that one differs, every other matches.
    expect(verification.figures.filter((figure) => !figure.matches)).toEqual([{ ...verification.firstDifference, matches: false }]);
    expect(verification.figures.filter((figure) => figure.matches)).toHaveLength(verification.checked - 1);
    expect(verification.message).toBe(
      `Stemmer ikke med loggen til og med posisjon ${verification.source.position}: første avvik er VIP (very important patient): Tildelt 2024 — kr 1 000 001 i filen, kr 1 000 000 i registeret (initiative:vip|granted|2024).`,
    );
  });

  it('fails a CSV with a row left out, naming the missing figure', async () => {
    const csv = (await written({ kind: 'allocation', caseNumber: '22.25' }, 'csv')).toString('utf8');
    const rows = csv.split('\r\n');
    const without = rows.filter((row) => !(row.startsWith('frame,frame,') && row.includes(',buffer,'))).join('\r\n');
    const verification = await verifyDocument(context.service, Buffer.from(without, 'utf8'));
    expect(verification.firstDifference).toMatchObject({ key: 'frame|buffer|2025', inFile: undefined, inLedger: '750000.00' });
    expect(verification.figures.at(-1)).toEqual({
      key: 'frame|buffer|2025',
      label: expect.any(String),
      inLedger: '750000.00',
      matches: false,
    });
  });

  it('fails an HTML page whose printed amount was edited, and a workbook whose number was', async () => {
    const html = (await written({ kind: 'allocation', caseNumber: '22.25' }, 'html')).toString('utf8');
    const edited = html.replace(/(data-figure="frame\|frame\|2025">)kr\u00a012\u00a0595\u00a0000/, '$1kr\u00a012\u00a0695\u00a0000');
    expect(edited).not.toBe(html);
    expect((await verifyDocument(context.service, Buffer.from(edited, 'utf8'))).firstDifference).toMatchObject({
      key: 'frame|frame|2025',
      inFile: '12695000.00',
      inLedger: '12595000.00',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await written({ kind: 'allocation', caseNumber: '22.25' }, 'xlsx')) as unknown as ExcelJS.Buffer);
    workbook.getWorksheet('Fordeling')!.getRow(2).getCell(2).value = 3000000.5;
    const verification = await verifyDocument(context.service, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(verification.firstDifference).toMatchObject({ key: 'programme-area:bo-trygt-hjemme|granted|2024', inFile: '3000000.50' });
  });

  it('fails a 360Giving file whose amount was changed', async () => {
    const json = JSON.parse((await written({ kind: 'grants' }, '360giving-json')).toString('utf8')) as {
      grants: { amountAwarded: number }[];
    };
    json.grants[0]!.amountAwarded = 999999;
    const verification = await verifyDocument(context.service, Buffer.from(JSON.stringify(json), 'utf8'));
    expect(verification.matches).toBe(false);
    expect(verification.firstDifference).toMatchObject({
      key: 'grant:XI-TEST-HFI-g2024-vip|amountAwarded',
      inFile: '999999.00',
      inLedger: '1000000.00',
    });
  });

  it('refuses a file whose hash is not the log’s at that position: the log is not the one it was built from', async () => {
    const csv = (await written({ kind: 'allocation', caseNumber: '22.25' }, 'csv')).toString('utf8');
    const hash = /,([0-9a-f]{64})\r\n/.exec(csv)![1]!;
    const forged = csv.replaceAll(hash, 'f'.repeat(64));
    const verification = await verifyDocument(context.service, Buffer.from(forged, 'utf8'));
    expect(verification.matches).toBe(false);
    expect(verification.logProblem).toContain(`has hash ${hash}, not the ${'f'.repeat(64)} the document names`);
  });
});

describe('a document as of a date, after a backdated decision', () => {
  it('still matches the log at its position, and says the ledger as of that date has moved since', async () => {
    const { ledger, service } = await documentLedger();
    const before = await writeDocument(
      service,
      await service.build({ kind: 'allocation', caseNumber: '22.25' }, { date: '2025-09-17' }),
      'csv',
    );
    await ledger.handler.execute(
      {
        type: 'SubmitProposal',
        idempotencyKey: 'late-proposal',
        effectiveDate: '2025-09-10',
        caseNumber: '22.25',
        proposalId: 'p25-late',
        year: 2025,
        target: { initiativeId: 'kommunikasjon' },
        amountRequested: '100000',
        submittedBy: ['kommunene'],
      },
      { actor: 'sekretariat' },
    );
    const verification = await verifyDocument(service, before.bytes);
    expect(verification).toMatchObject({ matches: true, laterEventsByDate: 1 });
    expect(verification.message).toContain('1 hendelse(r) registrert senere har virkning innen 2025-09-17');
    const after = await service.build({ kind: 'allocation', caseNumber: '22.25' }, { date: '2025-09-17' });
    expect(after.figures.find((figure) => figure.key === 'total|requested|2025')?.amount).toBe('13845000.00');
  });
});
