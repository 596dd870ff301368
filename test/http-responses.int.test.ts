import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  BalancesResponse,
  CasesResponse,
  CommandResultResponse,
  ExplanationResponse,
  FrameResponse,
  MeResponse,
  ProblemResponse,
  RegistryResponse,
  TrailResponse,
  YearsResponse,
} from '../src/http/responses.js';
import { CaseDetailResponse, YearEntriesResponse } from '../src/http/responses-decisions.js';
import { httpFixture, type HttpFixture } from './support/http.js';

/**
 * The response schemas (src/http/responses.ts) are the one description of what the API
 * answers: the page's types and the OpenAPI document come from them. Real answers of a
 * ledger with every kind of money decision must fit them exactly (strict objects: a
 * field the server adds and the schema lacks fails here).
 */

let api: HttpFixture;

function fits<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`${what} does not fit its schema: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`);
  return parsed.data;
}

beforeAll(async () => {
  api = await httpFixture();
  const lines = readFileSync('docs/examples/case-22-25-outcome.ndjson', 'utf8').trim().split('\n');
  for (const line of lines) {
    // Commands as the example file holds them, sent as they are.
    const command = JSON.parse(line) as { idempotencyKey: string };
    const response = await api.as('sekretariat').raw('/api/commands', command, command.idempotencyKey);
    expect(response.status, response.text).toBe(201);
    fits(CommandResultResponse, response.body, 'a command result');
  }
  const entries = await api.as('sekretariat').get('/api/years/2025/entries');
  const receipt = entries.body.receipts[0];
  const vip = entries.body.grants.find((grant: { initiativeId: string }) => grant.initiativeId === 'vip');
  const sekretariat = api.as('sekretariat');
  const correctedReceipt = await sekretariat.command('CorrectReceipt', {
    year: 2025,
    correctsEventId: receipt.eventId,
    amountChange: '-15000',
    reason: 'Feil i brevet',
    effectiveDate: '2025-10-01',
  });
  expect(correctedReceipt.status).toBe(201);
  const reported = await sekretariat.command('ReportSpending', {
    year: 2025,
    initiativeId: 'vip',
    amount: '400000',
    reference: 'Faktura 17',
    effectiveDate: '2025-10-02',
  });
  expect(reported.status).toBe(201);
  const released = await sekretariat.command('ReleaseFunds', {
    year: 2025,
    grantId: vip.grantId,
    amount: '100000',
    reason: 'Startet senere',
    effectiveDate: '2025-10-03',
  });
  expect(released.status).toBe(201);
  const spending = (await api.as('sekretariat').get('/api/years/2025/entries')).body.spending[0];
  const correction = await api.as('sekretariat').command('CorrectSpending', {
    year: 2025,
    correctsEventId: spending.eventId,
    amountChange: '-50000',
    reason: 'Kreditnota',
    effectiveDate: '2025-10-04',
  });
  expect(correction.status).toBe(201);
});

afterAll(() => api?.close());

describe('every read answers in the shape of its response schema', () => {
  it('years, frames, balances and the registry', async () => {
    const years = fits(YearsResponse, (await api.as('revisor').get('/api/years')).body, 'years');
    expect(years.years).toEqual(expect.arrayContaining([2024, 2025]));
    for (const year of years.years) {
      fits(FrameResponse, (await api.as('leser').get(`/api/years/${year}/frame`)).body, `the ${year} frame`);
      fits(BalancesResponse, (await api.as('leser').get(`/api/years/${year}/balances`)).body, `the ${year} balances`);
    }
    const registry = fits(RegistryResponse, (await api.as('revisor').get('/api/registry')).body, 'the registry');
    expect(registry.members.length).toBeGreaterThan(0);
  });

  it("a year's entries name each correction beside what it corrects", async () => {
    const entries = fits(YearEntriesResponse, (await api.as('revisor').get('/api/years/2025/entries')).body, 'the 2025 entries');
    expect(entries.receipts[0]!.corrections).toHaveLength(1);
    expect(entries.receipts[0]!.amountNow).toBe('10600000.00');
    expect(entries.spending[0]!.amountNow).toBe('350000.00');
    const vip = entries.grants.find((grant) => grant.initiativeId === 'vip')!;
    expect(vip.changes.map((change) => change.eventType)).toEqual(['FundsReleased']);
    expect(vip.changes[0]!.postings).toEqual([{ year: 2025, figure: 'released', scope: 'initiative:vip', amount: '100000.00' }]);
    expect(entries.reserveFunds).toHaveLength(1);
    fits(
      YearEntriesResponse,
      (await api.as('revisor').get('/api/years/2024/entries?asOf=2025-06-01')).body,
      'the 2024 entries as of a date',
    );
  });

  it('trails and explanations, paged and whole, with corrections named', async () => {
    const trail = fits(TrailResponse, (await api.as('revisor').get('/api/years/2025/trail')).body, 'the 2025 trail');
    const corrections = trail.rows.filter((row) => row.corrects !== null);
    expect(corrections.length).toBeGreaterThanOrEqual(2);
    for (const row of corrections) expect(row.correctsEvent?.eventId).toBe(row.corrects);
    fits(TrailResponse, (await api.as('revisor').get('/api/years/2025/trail?limit=5')).body, 'a page of the trail');
    fits(ExplanationResponse, (await api.as('revisor').get('/api/explain?year=2025&figure=granted')).body, 'an explanation');
    fits(ExplanationResponse, (await api.as('revisor').get('/api/explain?year=2025&figure=granted&limit=all')).body, 'a whole explanation');
    fits(
      ExplanationResponse,
      (await api.as('revisor').get('/api/explain?year=2025&figure=availableIfRecommendationAdopted')).body,
      'a computed explanation',
    );
  });

  it('cases, and a case with all the money decided under it', async () => {
    const cases = fits(CasesResponse, (await api.as('leder').get('/api/cases')).body, 'the cases');
    for (const summary of cases.cases)
      fits(CaseDetailResponse, (await api.as('leder').get(`/api/cases/${summary.caseNumber}`)).body, `case ${summary.caseNumber}`);
    const detail = fits(CaseDetailResponse, (await api.as('leder').get('/api/cases/22.25')).body, 'case 22.25');
    expect(detail.grants).toHaveLength(8);
    expect(detail.decisions.map((decision) => decision.eventType)).toContain('ReserveFundEstablished');
    expect(detail.grants.find((grant) => grant.initiativeId === 'vip')!.changes).toHaveLength(1);
  });

  it('the session and a problem', async () => {
    fits(MeResponse, (await api.as('leder').get('/api/me')).body, 'me');
    const refused = await api.as('sekretariat').command('AwardGrant', {
      year: 2025,
      initiativeId: 'vip',
      plan: { amount: '90000000' },
      authority: { caseNumber: '04.25', pointNumber: 1 },
    });
    expect(refused.status).toBe(422);
    fits(ProblemResponse, refused.body, 'a refusal');
  });

  it('the OpenAPI document gives each read the JSON Schema of its response schema', async () => {
    const document = (await api.anonymous().get('/api/openapi.json')).body;
    const schemaOf = (path: string) => document.paths[path].get.responses['200'].content['application/json'].schema;
    expect(schemaOf('/api/years/{year}/frame').properties).toHaveProperty('figures');
    expect(schemaOf('/api/cases/{caseNumber}').properties).toHaveProperty('decisions');
    expect(schemaOf('/api/years/{year}/entries').properties).toHaveProperty('receipts');
    expect(document.components.schemas.RuleCode.enum).toContain('frame-exceeded');
  });
});
