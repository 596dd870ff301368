import { Decimal } from 'decimal.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFigures } from '../projections/figures.js';
import { httpFixture, type HttpFixture } from './support/http.js';

/**
 * Explanations answer a page of postings at a time. On the demo history, the pages of
 * every explanation joined in order are exactly its unpaged rows (`limit=all`), and
 * the amounts of all pages add up to the figure to the øre.
 */

interface Row {
  position: number;
  amount: string;
  runningBalance: string;
}
interface Page {
  value: string;
  rows: Row[];
  composition?: unknown;
  rowCount?: number;
  page?: { offset: number; limit: number | null; count: number; next: number | null; nextHref: string | null };
}

describe('GET /api/explain, a page at a time', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  /** Every page of an explanation, following `nextHref`. */
  async function allPages(path: string): Promise<Page[]> {
    const pages: Page[] = [];
    let next: string | null = path;
    while (next !== null) {
      const response = await api.as('revisor').get(next);
      expect(response.status, next).toBe(200);
      const page = response.body as Page;
      pages.push(page);
      next = page.page!.nextHref;
      if (next !== null) expect(response.headers.link).toBe(`<${next}>; rel="next"`);
      else expect(response.headers.link).toBeUndefined();
      expect(pages.length).toBeLessThan(1000);
    }
    return pages;
  }

  it('joins the pages of every figure of 2024 and 2025 (total and per programme area) into exactly the unpaged rows, adding up to the figure', async () => {
    const view = await api.ledger.reader.view();
    const scopes = ['total', 'unassigned', ...[...view.registry.programmeAreas.keys()].map((id) => `programme-area:${id}`)];
    let compared = 0;
    let multiPage = 0;
    for (const year of [2024, 2025])
      for (const scope of scopes)
        for (const figure of allFigures) {
          const base = `/api/explain?year=${year}&figure=${figure}&scope=${encodeURIComponent(scope)}`;
          const whole = await api.as('revisor').get(`${base}&limit=all`);
          if (whole.status === 404) continue;
          expect(whole.status, base).toBe(200);
          const unpaged = whole.body as Page;
          expect(unpaged.page).toBeUndefined();
          const pages = await allPages(`${base}&limit=3`);
          const rows = pages.flatMap((page) => page.rows);
          expect(rows, base).toEqual(unpaged.rows);
          for (const page of pages) {
            expect(page.value).toBe(unpaged.value);
            expect(page.rowCount).toBe(unpaged.rows.length);
            expect(page.page!.count).toBe(page.rows.length);
            expect(page.rows.length).toBeLessThanOrEqual(3);
          }
          expect(pages.map((page) => page.page!.offset)).toEqual(pages.map((_, index) => index * 3));
          if (!unpaged.composition) {
            const sum = rows.reduce((total, row) => total.plus(row.amount), new Decimal(0));
            expect(sum.toFixed(2), base).toBe(unpaged.value);
            if (rows.length > 0) expect(rows.at(-1)!.runningBalance).toBe(unpaged.value);
          }
          compared += 1;
          if (pages.length > 1) multiPage += 1;
        }
    expect(compared).toBeGreaterThan(50);
    expect(multiPage).toBeGreaterThan(5);
  });

  it('answers 100 rows a page by default, says which page it is, and keeps the as-of in the next link', async () => {
    const first = await api.as('revisor').get('/api/explain?year=2025&figure=available&asOfPosition=80');
    expect(first.status).toBe(200);
    const page = first.body as Page;
    expect(page.page).toMatchObject({ offset: 0, limit: 100 });
    expect(page.rows.length).toBe(Math.min(100, page.rowCount!));
    const small = (await api.as('revisor').get('/api/explain?year=2025&figure=available&asOfPosition=80&limit=2')).body as Page;
    expect(small.page!.nextHref).toContain('asOfPosition=80');
    expect(small.page!.nextHref).toContain('offset=2');
    const second = (await api.as('revisor').get(small.page!.nextHref!)).body as Page;
    expect(second.rows).toEqual(page.rows.slice(2, 4));
  });

  it('an offset past the last row is an empty last page; a bad limit or offset is 400 invalid-query', async () => {
    const past = await api.as('revisor').get('/api/explain?year=2025&figure=available&offset=100000');
    expect(past.status).toBe(200);
    expect(past.body.rows).toEqual([]);
    expect(past.body.page).toMatchObject({ offset: 100000, count: 0, next: null, nextHref: null });
    for (const query of ['limit=0', 'limit=1001', 'limit=some', 'offset=-1', 'offset=x', 'limit=2&limit=3'])
      expect((await api.as('revisor').get(`/api/explain?year=2025&figure=available&${query}`)).body.code, query).toBe('invalid-query');
  });

  it('the trail stays whole unless a limit is asked for; its pages join into the whole trail', async () => {
    const whole = await api.as('revisor').get('/api/years/2025/trail');
    expect(whole.status).toBe(200);
    expect(whole.body.page).toBeUndefined();
    const pages = await allPages('/api/years/2025/trail?limit=4');
    expect(pages.flatMap((page) => page.rows)).toEqual(whole.body.rows);
    expect(pages.length).toBe(Math.ceil(whole.body.rows.length / 4));
  });

  it('the OpenAPI document describes limit and offset of explain', async () => {
    const document = (await api.anonymous().get('/api/openapi.json')).body as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    expect(document.paths['/api/explain']!.get.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['limit', 'offset']),
    );
  });
});

describe('routes looked up directly answer as express routes them', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  it('the same answer by a plain path, a trailing slash, other letter case, an encoded segment and HEAD', async () => {
    const plain = await api.as('revisor').get('/api/cases/22.25');
    expect(plain.status).toBe(200);
    for (const path of ['/api/cases/22.25/', '/API/Cases/22.25', '/api/cases/22%2E25']) {
      const other = await api.as('revisor').get(path);
      expect(other.status, path).toBe(200);
      expect(other.body, path).toEqual(plain.body);
    }
    const head = await request(api.app)
      .head('/api/explain?year=2025&figure=available')
      .set('Authorization', `Bearer ${api.tokenOf('revisor')}`);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await api.as('leser').get('/api/explain?year=2025&figure=available')).status).toBe(403);
    expect((await api.anonymous().get('/api/explain?year=2025&figure=available')).status).toBe(401);
    expect((await api.as('revisor').get('/api/nothing/here')).body.code).toBe('not-found');
  });
});
