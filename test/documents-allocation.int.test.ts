import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseHtml, type DefaultTreeAdapterTypes } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentService, type LedgerDocument } from '../src/documents/service.js';
import { writeDocument } from '../src/documents/formats.js';
import { KRONE_FORMAT } from '../src/documents/xlsx.js';
import { demoLedger } from './support/demo.js';
import {
  attachment1Areas,
  attachment1Frame,
  attachment1NewInitiatives,
  attachment1Total,
  decimalOf,
  type PrintedRow,
} from './support/attachment-1.js';

/**
 * The done-when of the documents: the allocation table of case 22.25, generated from the
 * shipped history, reproduces every figure of the committee's attachment 1 in HTML, CSV and
 * XLSX. The CSV and the workbook are read back with the libraries that read them anywhere.
 */

const columns = ['granted', 'carried', 'requested', 'recommended'] as const;
/** The rows of attachment 1 in print order, with the row kind the ledger's CSV gives each. */
const printedRows: { section: string; row: PrintedRow }[] = [
  ...attachment1Areas.flatMap(({ area, initiatives }) => [
    { section: 'programme-area', row: area },
    ...initiatives.map((row) => ({ section: 'initiative', row })),
  ]),
  ...attachment1NewInitiatives.map((row) => ({ section: 'new-initiative', row })),
  { section: 'total', row: attachment1Total },
];
const csvFigure = {
  granted: ['granted', '2024'],
  carried: ['earmarkedCarriedIn', '2025'],
  requested: ['requested', '2025'],
  recommended: ['recommended', '2025'],
};

let ledger: Awaited<ReturnType<typeof demoLedger>>;
let document: LedgerDocument;
let service: DocumentService;

beforeAll(async () => {
  ledger = await demoLedger();
  service = new DocumentService(
    ledger.store,
    ledger.reader,
    { funderOrganisationId: 'XI-TEST-HFI' },
    () => new Date('2026-12-01T10:00:00Z'),
  );
  document = await service.build({ kind: 'allocation', caseNumber: '22.25' }, null);
});

describe('the allocation table of case 22.25 from the shipped history', () => {
  it('is for 2024 granted and 2025 requested and recommended, built from the head of the log', async () => {
    expect(document.content.kind).toBe('allocation');
    if (document.content.kind !== 'allocation') return;
    expect(document.content.table).toMatchObject({ caseNumber: '22.25', grantedYear: 2024, nextYear: 2025 });
    const head = await ledger.store.headPosition();
    const [last] = await ledger.store.readPositions([head]);
    expect(document.source).toEqual({ asOfDate: '2026-12-01', basis: 'position', position: head, hash: last!.hash });
  });

  it('CSV: RFC 4180 with one header row; read back, every figure of attachment 1 is there to the øre', async () => {
    const written = await writeDocument(service, document, 'csv');
    expect(written.mediaType).toMatch(/^text\/csv; charset=utf-8/);
    const text = written.bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      'section,scope,programme_area,name,figure,year,amount,document,as_of_date,as_of_basis,log_position,event_hash',
    );
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const records = parseCsv<Record<string, string>>(text, { columns: true });
    expect(records.filter((record) => record.section === 'section')).toHaveLength(0);
    for (const { section, row } of printedRows) {
      const [name] = row;
      const lines = records.filter((record) => record.section === section && (section === 'total' || record.name === name));
      expect(lines, `${section} ${name}`).toHaveLength(4);
      columns.forEach((column, index) => {
        const [figure, year] = csvFigure[column];
        const line = lines.find((candidate) => candidate.figure === figure && candidate.year === year);
        const expected = decimalOf(row[index + 1]!);
        expect(line?.amount, `${name}: ${column}`).toBe(expected ?? '');
      });
    }
    for (const [figure, printed] of Object.entries(attachment1Frame))
      expect(
        records.find((record) => record.section === 'frame' && record.figure === (figure === 'buffer' ? 'buffer' : figure))?.amount,
        figure,
      ).toBe(decimalOf(printed));
    expect(new Set(records.map((record) => `${record.document}|${record.log_position}|${record.event_hash}`))).toEqual(
      new Set([`allocation case=22.25|${document.source.position}|${document.source.hash}`]),
    );
  });

  it('XLSX: numbers in a krone format, a frozen header, one sheet per table; read back with exceljs, every figure is there', async () => {
    const written = await writeDocument(service, document, 'xlsx');
    expect(written.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(written.bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Fordeling', 'Ramme 2025', 'Kilde']);
    const sheet = workbook.getWorksheet('Fordeling')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Programområde / satsning',
      'Tildelt 2024',
      'Pågående 2024, overført til 2025',
      'Innspill 2025',
      'Anbefalt 2025',
      'Nøkkel',
    ]);
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, number) => {
      if (number > 1) rows.set(row.getCell(1).text.trim().replace(/^Ny: /, ''), row);
    });
    for (const { row } of printedRows) {
      const excelRow = rows.get(row[0] === 'Total' ? 'Sum' : row[0]);
      expect(excelRow, row[0]).toBeDefined();
      columns.forEach((column, index) => {
        const cell = excelRow!.getCell(index + 2);
        const expected = decimalOf(row[index + 1]!);
        if (expected === null) expect(cell.value, `${row[0]}: ${column}`).toBe('uten beløp');
        else {
          expect(typeof cell.value, `${row[0]}: ${column}`).toBe('number');
          expect((cell.value as number).toFixed(2), `${row[0]}: ${column}`).toBe(expected);
          expect(cell.numFmt).toBe(KRONE_FORMAT);
        }
      });
    }
    const frame = workbook.getWorksheet('Ramme 2025')!;
    expect(frame.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const frameValues = new Map<string, unknown>();
    frame.eachRow((row, number) => {
      if (number > 1) frameValues.set(row.getCell(3).text, row.getCell(2).value);
    });
    for (const [figure, printed] of Object.entries(attachment1Frame))
      expect((frameValues.get(`frame|${figure}|2025`) as number).toFixed(2), figure).toBe(decimalOf(printed));
    expect(workbook.getWorksheet('Kilde')!.getCell('B2').value).toBe(
      `hfi-ledger-document/1 allocation case=22.25 as-of=2026-12-01 basis=position position=${document.source.position} hash=${document.source.hash}`,
    );
  });

  it('HTML: every figure of attachment 1 printed in its row, with the case number, per dato, log position and hash, and an A4 print stylesheet', async () => {
    const written = await writeDocument(service, document, 'html');
    const html = written.bytes.toString('utf8');
    const tree = parseHtml(html);
    const rowsByName = new Map<string, string[]>();
    const walk = (node: DefaultTreeAdapterTypes.ParentNode) => {
      for (const child of node.childNodes) {
        if (!('tagName' in child)) continue;
        if (child.tagName === 'tr') {
          const cells = child.childNodes.filter((cell): cell is DefaultTreeAdapterTypes.Element => 'tagName' in cell);
          const text = (element: DefaultTreeAdapterTypes.Element): string =>
            element.childNodes.map((inner) => ('value' in inner ? inner.value : 'childNodes' in inner ? text(inner) : '')).join('');
          rowsByName.set(
            text(cells[0]!).replace(/^Ny: /, ''),
            cells.slice(1).map((cell) => text(cell).replace(/\u00a0/g, ' ')),
          );
        }
        walk(child);
      }
    };
    walk(tree);
    const printedAs = (printed: string) => (printed === '(no amount)' ? 'uten beløp' : printed === '–' ? '–' : `kr ${printed}`);
    for (const { row } of printedRows) {
      const cells = rowsByName.get(row[0] === 'Total' ? 'Sum' : row[0]);
      expect(cells, row[0]).toEqual(row.slice(1).map(printedAs));
    }
    expect(rowsByName.get('Justert ramme')).toEqual(['kr 12 595 000']);
    expect(rowsByName.get('Innspill over ramme')).toEqual(['kr 1 150 000']);
    expect(rowsByName.get('Buffer (ikke fordelt om anbefalingen vedtas)')).toEqual(['kr 1 250 000']);
    expect(html).toContain('<h1>Sak 22.25, vedlegg 1: Fordeling av rekrutterings- og samhandlingsmidler 2025</h1>');
    expect(html).toContain('<dt>Per dato</dt><dd>01.12.2026');
    expect(html).toContain(`<dt>Loggposisjon</dt><dd>${document.source.position}</dd>`);
    expect(html).toContain(`<code>${document.source.hash}</code>`);
    expect(html).toMatch(/@page \{\s*size: A4 portrait;/);
    expect(html).toContain('@top-left { content: "Sak 22.25 · Vedlegg 1";');
    expect(html).toContain('content: "Side " counter(page) " av " counter(pages)');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).not.toMatch(/<(link|script|img)\b|https?:\/\//);
  });
});

describe('the allocation table of a pair of years, and as of earlier', () => {
  it('for years 2024 and 2025 has the same figures as the case, headed by the years instead', async () => {
    const byYears = await service.build({ kind: 'allocation', grantedYear: 2024 }, null);
    expect(byYears.figures).toEqual(document.figures);
    if (byYears.content.kind === 'allocation') expect(byYears.content.table.caseNumber).toBeNull();
  });

  it('as of 2025-06-01 (before the proposals) shows nothing requested or recommended for 2025, and says per 01.06.2025', async () => {
    const early = await service.build({ kind: 'allocation', caseNumber: '22.25' }, { date: '2025-06-01' });
    expect(early.source).toMatchObject({ asOfDate: '2025-06-01', basis: 'date' });
    const amount = (key: string) => early.figures.find((figure) => figure.key === key)?.amount;
    expect(amount('total|requested|2025')).toBe('0.00');
    expect(amount('total|recommended|2025')).toBe('0.00');
    expect(amount('total|granted|2024')).toBe('9720000.00');
    expect(early.figures.some((figure) => figure.key.startsWith('proposal:'))).toBe(false);
  });

  it('as of a log position takes the date the event at that position was recorded', async () => {
    const atPosition = await service.build({ kind: 'allocation', grantedYear: 2024 }, { position: 60 });
    const [record] = await ledger.store.readPositions([60]);
    expect(atPosition.source).toEqual({ asOfDate: '2026-11-01', basis: 'position', position: 60, hash: record!.hash });
  });
});
