import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.js';
import { createApp } from '../src/http/app.js';
import { emptyLedger } from './support/demo.js';
import { attachment1Of } from './support/opening.js';

/**
 * Taking the ledger into use over HTTP: the organisation (read by anyone, recorded by the
 * secretariat), and the opening balance from a spreadsheet — previewed without recording
 * anything, then imported as one unit under an idempotency key. Only the secretariat may.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const preview = '/api/opening-balances/preview?year=2025&registerNew=true&fileName=vedlegg-1.xlsx';
const importing = `/api/opening-balances/import?year=2025&registerNew=true&fileName=vedlegg-1.xlsx&funds=received&receivedOn=2025-03-03`;

let ledger: ReturnType<typeof emptyLedger>;
let accounts: AccountStore;
let app: ReturnType<typeof createApp>;
let tokens: { sekretariat: string; leser: string };
let workbook: Buffer;

beforeAll(async () => {
  ledger = emptyLedger(() => new Date('2026-11-01T09:00:00Z'));
  accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 10 });
  tokens = {
    sekretariat: (await accounts.addAccount({ username: 'kari', displayName: 'Kari', role: 'secretariat' })).token,
    leser: (await accounts.addAccount({ username: 'ola', displayName: 'Ola', role: 'reader' })).token,
  };
  app = createApp(ledger, accounts, { log: () => undefined });
  workbook = await attachment1Of('xlsx');
});
afterAll(async () => {
  accounts.close();
  await ledger.store.close();
});

const as = (who: keyof typeof tokens) => ({
  post: (path: string) => request(app).post(path).set('Authorization', `Bearer ${tokens[who]}`),
  get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${tokens[who]}`),
});

describe('the organisation', () => {
  it('is null before it is recorded, then read by anyone as the secretariat recorded it', async () => {
    expect((await request(app).get('/api/organisation')).body).toEqual({ organisation: null });
    const recorded = await as('sekretariat')
      .post('/api/organisation')
      .set('Idempotency-Key', 'org-1')
      .send({ name: 'Helsefellesskap Testby', committeeName: 'Strategisk samarbeidsutvalg', funderIdentifier: 'XI-TEST-1' });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect((await request(app).get('/api/organisation')).body).toEqual({
      organisation: { name: 'Helsefellesskap Testby', committeeName: 'Strategisk samarbeidsutvalg', funderIdentifier: 'XI-TEST-1' },
    });
  });
});

describe('POST /api/opening-balances/preview and /import', () => {
  it('previews every figure of the sheet and records nothing', async () => {
    const before = await ledger.store.headPosition();
    const response = await as('sekretariat').post(preview).set('Content-Type', XLSX).send(workbook);
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(200);
    expect(response.body.problems).toEqual([]);
    expect(response.body.figures).toMatchObject({
      remainderCarriedIn: '980000.00',
      releasedCarriedIn: '1000000.00',
      earmarkedTotal: '8720000.00',
    });
    expect(response.body.commands).toHaveLength(23);
    expect(await ledger.store.headPosition()).toBe(before);
  });

  it('is the secretariat’s: a reader is refused (403), no credentials 401, and nothing is recorded', async () => {
    const before = await ledger.store.headPosition();
    expect((await as('leser').post(preview).set('Content-Type', XLSX).send(workbook)).status).toBe(403);
    expect((await as('leser').post(importing).set('Content-Type', XLSX).set('Idempotency-Key', 'x').send(workbook)).status).toBe(403);
    expect((await request(app).post(preview).set('Content-Type', XLSX).send(workbook)).status).toBe(401);
    expect(await ledger.store.headPosition()).toBe(before);
  });

  it('refuses a sheet with a problem, naming its line and column, and bad settings, naming them', async () => {
    const before = await ledger.store.headPosition();
    const sheet = Buffer.from('Satsning;Overført 2025\nVIP;1 000 000,001\n', 'utf8');
    const refused = await as('sekretariat')
      .post('/api/opening-balances/import?year=2025&sourceDate=2025-09-11')
      .set('Content-Type', 'text/csv')
      .set('Idempotency-Key', 'bad-1')
      .send(sheet);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('sheet-invalid');
    expect(refused.body.issues).toEqual([{ path: 'line 2, column B (Overført 2025)', message: expect.stringMatching(/has 3 decimals/) }]);
    const settings = await as('sekretariat')
      .post('/api/opening-balances/preview?year=2025&funds=maybe&date=2025-02-30')
      .set('Content-Type', 'text/csv')
      .send(sheet);
    expect(settings.status).toBe(400);
    expect(settings.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['date', 'funds']);
    expect(await ledger.store.headPosition()).toBe(before);
  });

  it('imports the sheet as one unit under its idempotency key; a retry records nothing twice', async () => {
    expect((await as('sekretariat').post(importing).set('Content-Type', XLSX).send(workbook)).status).toBe(400);
    const first = await as('sekretariat').post(importing).set('Content-Type', XLSX).set('Idempotency-Key', 'import-1').send(workbook);
    expect(first.status, JSON.stringify(first.body).slice(0, 500)).toBe(201);
    expect(first.body.results).toHaveLength(23);
    const frame = await as('sekretariat').get('/api/years/2025/frame');
    expect(frame.body.figures).toMatchObject({ frame: '12595000.00', received: '10615000.00', earmarkedCarriedIn: '8720000.00' });
    const entries = await as('sekretariat').get('/api/years/2025/entries');
    expect(entries.body.openingBalance[0].description.nb.replaceAll('\u00a0', ' ')).toBe(
      'Inngående balanse 2025 fra «Vedlegg 1 til sak 22.25», sak 22.25, 11.09.2025: gjenstående kr 980 000, frigjort kr 1 000 000, fond kr 0, øremerket kr 8 720 000, forpliktet kr 0',
    );
    // The year's own figures and a line for each of the 16 initiatives with money (two of the 18 have none yet).
    expect(entries.body.openingBalance).toHaveLength(17);
    const trail = await as('sekretariat').get('/api/years/2025/trail');
    expect(JSON.stringify(trail.body).replaceAll('\u00a0', ' ')).toContain(
      'Inngående balanse 2025: øremerket kr 1 000 000 til VIP (very important patient)',
    );
    const head = await ledger.store.headPosition();
    const again = await as('sekretariat').post(importing).set('Content-Type', XLSX).set('Idempotency-Key', 'import-1').send(workbook);
    expect(again.status, JSON.stringify(again.body).slice(0, 800)).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it('is described in the OpenAPI document with its query and file body', async () => {
    const document = (await request(app).get('/api/openapi.json')).body;
    const operation = document.paths['/api/opening-balances/import'].post;
    expect(operation.requestBody.content).toHaveProperty([XLSX]);
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['year', 'registerNew', 'funds', 'map', 'Idempotency-Key']),
    );
    expect(document.paths['/api/years/{year}/opening-balance'].post.operationId).toBe('recordOpeningBalance');
    expect(document.paths['/api/organisation'].post.operationId).toBe('setOrganisation');
  });
});
