import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentVerificationResponse } from '../src/http/responses.js';
import { httpFixture, type HttpFixture } from './support/http.js';
import { TEST_FUNDER_ID } from './support/documents.js';

/** The documents over HTTP: formats, headers, roles, as-of, problems, and verification. */

let api: HttpFixture;
beforeAll(async () => {
  api = await httpFixture({ documents: { funderOrganisationId: TEST_FUNDER_ID } });
});
afterAll(() => api.close());

const binary = (test: request.Test) =>
  test.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });

describe('GET /api/reports/allocation', () => {
  it('CSV: text/csv, an attachment named by case and position, the totals of attachment 1', async () => {
    const response = await api.as('revisor').get('/api/reports/allocation?case=22.25&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe('attachment; filename="allocation-22.25-pos88.csv"');
    expect(response.headers['x-ledger-position']).toBe('88');
    const records = parseCsv<Record<string, string>>(response.text, { columns: true });
    const total = (figure: string) => records.find((record) => record.section === 'total' && record.figure === figure)?.amount;
    expect([total('granted'), total('earmarkedCarriedIn'), total('requested'), total('recommended')]).toEqual([
      '9720000.00',
      '8720000.00',
      '13745000.00',
      '11345000.00',
    ]);
  });

  it('XLSX: the spreadsheet media type, read back with exceljs', async () => {
    const response = await binary(api.as('sekretariat').get('/api/reports/allocation?years=2024,2025&format=xlsx'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="allocation-2024-2025-pos88.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ExcelJS.Buffer);
    const frameSheet = workbook.getWorksheet('Ramme 2025')!;
    const frameRow = frameSheet.getRows(2, frameSheet.rowCount - 1)!.find((row) => row.getCell(3).value === 'frame|frame|2025');
    expect([frameRow?.getCell(1).value, frameRow?.getCell(2).value]).toEqual(['Justert ramme', 12595000]);
  });

  it('HTML: inline, under a Content-Security-Policy that allows its own stylesheet by hash and nothing else', async () => {
    const response = await api.as('leder').get('/api/reports/allocation?case=22.25');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('inline; filename="allocation-22.25-pos88.html"');
    const style = /<style>([\s\S]*?)<\/style>/.exec(response.text)![1]!;
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(response.headers['content-security-policy']).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(response.text).toContain('<dt>Loggposisjon</dt><dd>88</dd>');
  });

  it('as of a date: per dato that date, the figures then', async () => {
    const response = await api.as('revisor').get('/api/reports/allocation?case=22.25&format=csv&asOf=2025-06-01');
    const records = parseCsv<Record<string, string>>(response.text, { columns: true });
    expect(records[0]).toMatchObject({ as_of_date: '2025-06-01', as_of_basis: 'date' });
    expect(records.find((record) => record.section === 'total' && record.figure === 'requested')?.amount).toBe('0.00');
  });

  it('roles as for the reads behind it: a reader gets the years, not a case; without credentials 401', async () => {
    expect((await api.as('leser').get('/api/reports/allocation?years=2024,2025&format=csv')).status).toBe(200);
    const refused = await api.as('leser').get('/api/reports/allocation?case=22.25');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'forbidden', detail: 'Kontoen leser (rollen reader) kan ikke lese cases.' });
    expect((await api.anonymous().get('/api/reports/allocation?years=2024,2025')).status).toBe(401);
  });

  it.each([
    ['', 'case', 'oppgi case=NN.ÅÅ eller years=ÅÅÅÅ,ÅÅÅÅ'],
    ['?case=22.25&years=2024,2025', 'years', 'oppgi case eller years, ikke begge'],
    ['?years=2024,2026', 'years', 'years er to år etter hverandre fra 2000 til 2100'],
    ['?case=22.25&format=pdf', 'format', 'format må være en av html, csv, xlsx'],
    ['?case=2225', 'case', 'case er et saksnummer NN.ÅÅ'],
    ['?case=22.25&asOf=2025-02-30', 'asOf', 'datoen må være en dag som finnes'],
  ])('refuses %s with a 400 problem naming %s', async (query, path, message) => {
    const response = await api.as('revisor').get(`/api/reports/allocation${query}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('invalid-query');
    expect(response.body.issues[0].path).toBe(path);
    expect(response.body.issues[0].message).toContain(message);
  });

  it('a case the ledger does not have is 404 case-not-found', async () => {
    const response = await api.as('revisor').get('/api/reports/allocation?case=99.25');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'case-not-found', detail: 'Sak 99.25 finnes ikke (ledger list cases).' });
  });
});

describe('GET /api/reports/case-summary and /api/reports/grants', () => {
  it('the case summary is HTML for those who read cases', async () => {
    const response = await api.as('leder').get('/api/reports/case-summary?case=22.25');
    expect(response.status).toBe(200);
    expect(response.text).toContain('<h2>Forslag til vedtak</h2>');
    expect((await api.as('leser').get('/api/reports/case-summary?case=22.25')).status).toBe(403);
  });

  it('the grants as 360Giving JSON and CSV; without the funder identifier set, 409 naming the setting', async () => {
    const json = await api.as('revisor').get('/api/reports/grants');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['content-disposition']).toBe('attachment; filename="grants-360giving-pos88.json"');
    expect((JSON.parse(json.text) as { grants: { id: string }[] }).grants[0]!.id).toBe(`${TEST_FUNDER_ID}-g2024-vip`);
    const csv = await api.as('revisor').get('/api/reports/grants?format=360giving-csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="grants-360giving-pos88.csv"');
    const unset = await httpFixture();
    try {
      const refused = await unset.as('revisor').get('/api/reports/grants');
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'document-setting-missing', details: { setting: 'LEDGER_FUNDER_ID' } });
    } finally {
      await unset.close();
    }
  });
});

describe('POST /api/documents/verify', () => {
  const verify = (user: 'revisor' | 'leser', body: string | Buffer, type = 'text/csv') =>
    request(api.app)
      .post('/api/documents/verify')
      .set('Authorization', `Bearer ${api.tokenOf(user)}`)
      .set('Content-Type', type)
      .send(body);

  it('says a document from the API matches, and names the first figure of a changed one', async () => {
    const csv = (await api.as('revisor').get('/api/reports/allocation?case=22.25&format=csv')).text;
    const ok = await verify('revisor', csv);
    expect(ok.status).toBe(200);
    // Every row of the CSV is one figure, and verify checks them all.
    const figures = parseCsv<Record<string, string>>(csv, { columns: true }).length;
    expect(ok.body).toMatchObject({ matches: true, format: 'csv', checked: figures, firstDifference: null });
    const changed = csv.replace(',13745000.00,', ',13745100.00,');
    const refused = await verify('revisor', changed);
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      matches: false,
      firstDifference: { key: 'total|requested|2025', inFile: '13745100.00', inLedger: '13745000.00' },
    });
    // The answer is what its OpenAPI schema says, figure by figure: the one changed marked, every other matching.
    const answer = DocumentVerificationResponse.parse(refused.body);
    expect(answer.figures.filter((figure) => !figure.matches).map((figure) => figure.key)).toEqual(['total|requested|2025']);
    expect(DocumentVerificationResponse.parse(ok.body).figures).toHaveLength(figures);
  });

  it('reads a workbook sent as bytes', async () => {
    const xlsx = await binary(api.as('revisor').get('/api/reports/allocation?case=22.25&format=xlsx'));
    const response = await verify('revisor', xlsx.body as Buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.body).toMatchObject({ matches: true, format: 'xlsx' });
  });

  it('refuses a body that is no document with 422, and a reader a case document with 403, before rebuilding it', async () => {
    const garbage = await verify('revisor', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]), 'application/octet-stream');
    expect(garbage.status).toBe(422);
    expect(garbage.body.code).toBe('not-a-ledger-document');
    const empty = await verify('revisor', '');
    expect(empty.status).toBe(422);
    const csv = (await api.as('revisor').get('/api/reports/allocation?case=22.25&format=csv')).text;
    expect((await verify('leser', csv)).status).toBe(403);
  });

  it('is described in the OpenAPI document with its roles', async () => {
    const document = (await api.anonymous().get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-roles': string[]; requestBody?: { content: Record<string, unknown> } }>>;
    };
    expect(document.paths['/api/reports/allocation']!.get!['x-roles']).toEqual(['secretariat', 'member', 'auditor', 'reader']);
    expect(document.paths['/api/reports/grants']!.get!['x-roles']).toEqual(['secretariat', 'member', 'auditor']);
    expect(Object.keys(document.paths['/api/documents/verify']!.post!.requestBody!.content)).toContain('text/csv');
  });
});
