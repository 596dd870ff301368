import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFixture, problemOf, type HttpFixture } from './support/http.js';

/**
 * The committee's rules over HTTP, on the case 22/25 demo ledger (today: 1 November 2026):
 * a refusal is a 422 problem naming the rule and its figures, never a 500, and nothing
 * is appended — also for the probes that once ended in a failure of the server (amounts
 * over 14 digits, years past 2100).
 */

const MAX = '99999999999999.99';

describe('rules over HTTP: typed refusals with their figures, nothing appended', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(async () => {
    await api.close();
  });

  async function refused(response: Promise<request.Response>, code: string) {
    const before = await api.head();
    const answer = await response;
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemOf(answer);
    expect(problem.code).toBe(code);
    expect(await api.head(), 'a refused command appends nothing').toBe(before);
    return problem;
  }

  it('takes a frame at the bound and refuses an øre beyond it', async () => {
    const receipt = (amount: string) => ({ amount, reference: 'Stor overføring', receivedOn: '2026-10-01' });
    expect((await api.as('sekretariat').command('ReceiveFunds', { year: 2027, ...receipt(MAX) })).status).toBe(201);
    const problem = await refused(
      api.as('sekretariat').command('ReceiveFunds', { year: 2027, ...receipt('0.01') }),
      'amount-out-of-bounds',
    );
    expect(problem.details).toMatchObject({ amount: '100000000000000.00', bound: MAX });
  });

  it('refuses a grant whose plan reaches into 2101, naming the year', async () => {
    const problem = await refused(
      api.as('sekretariat').command('AwardGrant', {
        year: 2100,
        initiativeId: 'vip',
        plan: { amountTotal: '2000', years: 2 },
        authority: { caseNumber: '04.25', pointNumber: 1 },
      }),
      'year-out-of-range',
    );
    expect(problem.details).toMatchObject({ year: 2101, lastYear: 2100 });
  });

  it('refuses settling 2100, whose money would be carried into 2101', async () => {
    const problem = await refused(api.as('sekretariat').command('SettleYear', { year: 2100 }), 'year-out-of-range');
    expect(problem.details).toMatchObject({ year: 2101 });
  });

  it('refuses a decision dated after today', async () => {
    const problem = await refused(
      api.as('sekretariat').command('ReceiveFunds', {
        year: 2026,
        amount: '1000',
        reference: 'Tilskudd',
        receivedOn: '2026-11-02',
        effectiveDate: '2026-11-02',
      }),
      'effective-date-in-future',
    );
    expect(problem.details).toMatchObject({ effectiveDate: '2026-11-02', today: '2026-11-01' });
  });

  it('refuses a settlement dated before 31 December', async () => {
    const problem = await refused(
      api.as('sekretariat').command('SettleYear', { year: 2025, effectiveDate: '2025-12-30' }),
      'settlement-before-year-end',
    );
    expect(problem.details).toMatchObject({ year: 2025, earliest: '2025-12-31' });
  });

  it('refuses a grant under a point that authorised nothing for the initiative in that year, naming what it authorised', async () => {
    // Case 04.25 distributed the 2024 funds: its table has no line for 2025.
    const problem = await refused(
      api.as('sekretariat').command('AwardGrant', {
        year: 2025,
        initiativeId: 'vip',
        plan: { amount: '1' },
        authority: { caseNumber: '04.25', pointNumber: 1 },
        effectiveDate: '2025-03-01',
      }),
      'authority-exceeded',
    );
    expect(problem.details).toMatchObject({ caseNumber: '04.25', year: 2025, amountAuthorised: '0.00' });
  });
});
