import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExport } from '../src/app/transfer.js';
import { commandDefinitions } from '../src/commands/table.js';
import { actorRefOf } from '../src/operations/logger.js';
import { httpFixture, problemOf, type HttpFixture } from './support/http.js';

/**
 * Recording the outcome of case 22.25 over HTTP: the committee votes on point 2
 * (the reserve fund), adopts the resolution with Alt. 2 (NOK 500 000), the
 * secretariat establishes the fund, registers the new initiative Psykisk helse
 * voksne in a new programme area and grants the 2025 recommendations. The 2025
 * frame (12 595 000) is then left with 12 595 000 − 500 000 − 11 345 000 = 750 000.
 */
const recommendations2025: [initiativeId: string, amount: string][] = [
  ['vip', '3000000'],
  ['kunnskap', '1250000'],
  ['samba', '1000000'],
  ['mobil-video-sarbehandling', '1500000'],
  ['dho', '750000'],
  ['psykologspesialist-legevakt', '1245000'],
  ['arbeidsutvalg', '2000000'],
  ['psykisk-helse-voksne', '600000'],
];

describe('recording the outcome of case 22.25 over HTTP', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  it('starts from the frame of 2025 at 12 595 000 with all of it available', async () => {
    const frame = await api.as('leser').get('/api/years/2025/frame');
    expect(frame.status).toBe(200);
    expect(frame.body.figures).toMatchObject({
      frame: '12595000.00',
      granted: '0.00',
      reserved: '0.00',
      available: '12595000.00',
      recommended: '11345000.00',
    });
  });

  it("the two members vote for Alt. 2 on point 2 with their own accounts; the secretariat records the others' votes", async () => {
    // The votes were cast at the meeting of 18 September 2025 and are recorded afterwards.
    const atMeeting = { effectiveDate: '2025-09-18' };
    expect(
      (await api.as('leder').command('CastVote', { caseNumber: '22.25', pointNumber: 2, choice: { alternativeNumber: 2 }, ...atMeeting }))
        .status,
    ).toBe(201);
    expect(
      (
        await api
          .as('nestleder')
          .command('CastVote', { caseNumber: '22.25', pointNumber: 2, choice: { alternativeNumber: 2 }, ...atMeeting })
      ).status,
    ).toBe(201);
    for (const [memberId, alternativeNumber] of [
      ['kommune-nord', 2],
      ['kommune-sor', 1],
      ['si-psykisk-helse', 2],
      ['si-prehospital', 2],
    ] as const)
      expect(
        (
          await api
            .as('sekretariat')
            .command('CastVote', { caseNumber: '22.25', memberId, pointNumber: 2, choice: { alternativeNumber }, ...atMeeting })
        ).status,
      ).toBe(201);
    const detail = await api.as('leder').get('/api/cases/22.25');
    expect(detail.body.tally).toContainEqual({ pointNumber: 2, counts: { 'alt:2': 5, 'alt:1': 1 }, blank: 0 });
  });

  it('the secretariat records the resolution adopted, point 2 by majority with Alt. 2, with the dissent; the meeting raised VIP', async () => {
    const adopted = await api.as('sekretariat').command('AdoptResolution', {
      caseNumber: '22.25',
      points: [
        // "med de innspill som kom i møtet": the meeting raised VIP's line from 3 000 000 to 4 000 000.
        { number: 1, outcome: 'adopted', amendments: [{ target: { initiativeId: 'vip' }, year: 2025, amount: '4000000' }] },
        { number: 2, outcome: 'adopted', alternativeNumber: 2, decidedBy: 'majority' },
        { number: 3, outcome: 'adopted' },
        { number: 4, outcome: 'adopted' },
      ],
      decidedBy: 'consensus',
      dissent: [{ memberId: 'kommune-sor', pointNumber: 2 }],
      effectiveDate: '2025-09-18',
    });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    expect(adopted.body.events[0]).toMatchObject({ type: 'ResolutionAdopted', effectiveDate: '2025-09-18' });
    const late = await api
      .as('leder')
      .command('CastVote', { caseNumber: '22.25', pointNumber: 1, choice: { answer: 'yes' }, effectiveDate: '2025-09-18' });
    expect(late.status).toBe(422);
    expect(problemOf(late).code).toBe('vote-after-resolution');
  });

  it('establishes the reserve fund of Alt. 2: NOK 500 000', async () => {
    const fund = await api.as('sekretariat').command('EstablishReserveFund', {
      year: 2025,
      name: 'Fond for implementering av nye samhandlingsløsninger',
      authority: { caseNumber: '22.25', pointNumber: 2 },
      effectiveDate: '2025-09-18',
    });
    expect(fund.status).toBe(201);
    expect(fund.body.events[0]).toMatchObject({ type: 'ReserveFundEstablished', data: { amount: '500000.00', alternativeNumber: 2 } });
    const frame = await api.as('leser').get('/api/years/2025/frame');
    expect(frame.body.figures).toMatchObject({ reserved: '500000.00', available: '12095000.00' });
  });

  it('registers the new initiative psykisk-helse-voksne in a new programme area', async () => {
    expect(
      (await api.as('sekretariat').command('RegisterProgrammeArea', { programmeAreaId: 'psykisk-helse', name: 'Psykisk helse' })).status,
    ).toBe(201);
    const initiative = await api.as('sekretariat').command('RegisterInitiative', {
      initiativeId: 'psykisk-helse-voksne',
      name: 'Psykisk helse voksne med store sammensatte behov',
      programmeAreaId: 'psykisk-helse',
      criterion: 'utvikling',
      phase: 'oppstart',
      fromProposal: { caseNumber: '22.25', proposalId: 'p25-psykisk-helse-voksne' },
      // As of the meeting that decided it: its grants take effect then, and nothing is granted before an initiative exists.
      effectiveDate: '2025-09-18',
    });
    expect(initiative.status).toBe(201);
    const registry = await api.as('sekretariat').get('/api/registry');
    expect(registry.body.initiatives).toContainEqual(
      expect.objectContaining({ initiativeId: 'psykisk-helse-voksne', programmeAreaId: 'psykisk-helse' }),
    );
  });

  it('grants the eight 2025 recommendations, 11 345 000 in all, leaving 750 000 available', async () => {
    for (const [initiativeId, amount] of recommendations2025) {
      const grant = await api.as('sekretariat').command('AwardGrant', {
        year: 2025,
        grantId: `g2025-${initiativeId}`,
        initiativeId,
        plan: { amount },
        authority: { caseNumber: '22.25', pointNumber: 1 },
        effectiveDate: '2025-09-18',
      });
      expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    }
    const frame = await api.as('leser').get('/api/years/2025/frame');
    expect(frame.body.figures).toMatchObject({
      frame: '12595000.00',
      reserved: '500000.00',
      granted: '11345000.00',
      available: '750000.00',
      availableIfRecommendationAdopted: '750000.00',
    });
    const balances = await api.as('leser').get('/api/years/2025/balances');
    const area = balances.body.programmeAreas.find((row: { id: string }) => row.id === 'psykisk-helse');
    expect(area.figures.granted).toBe('600000.00');
  });

  it('refuses a grant beyond what its point authorised, naming what was authorised and granted, and appends nothing', async () => {
    const before = await api.head();
    const unauthorised = await api.as('sekretariat').command('AwardGrant', {
      year: 2025,
      initiativeId: 'kunnskap',
      plan: { amount: '1' },
      authority: { caseNumber: '22.25', pointNumber: 1 },
    });
    expect(problemOf(unauthorised)).toMatchObject({
      code: 'authority-exceeded',
      details: { initiativeId: 'kunnskap', amountAuthorised: '1250000.00', amountGranted: '1250000.00', amountLeft: '0.00' },
    });
    expect(await api.head()).toBe(before);
  });

  it('refuses a grant beyond what the frame has left, naming the amount left, and appends nothing', async () => {
    const before = await api.head();
    const over = await api.as('sekretariat').command('AwardGrant', {
      year: 2025,
      initiativeId: 'vip',
      plan: { amount: '750000.01' },
      authority: { caseNumber: '22.25', pointNumber: 1 },
    });
    expect(over.status).toBe(422);
    expect(problemOf(over)).toMatchObject({ code: 'frame-exceeded', details: { amountLeft: '750000.00', amountAsked: '750000.01' } });
    expect(await api.head()).toBe(before);
  });

  it('the case shows the adopted resolution and the grants that cite it; the auditor can explain what is available', async () => {
    const detail = await api.as('revisor').get('/api/cases/22.25');
    expect(detail.body.adopted).toMatchObject({ decidedBy: 'consensus' });
    expect(detail.body.adopted.points[1]).toMatchObject({ number: 2, alternativeNumber: 2, decidedBy: 'majority' });
    // All money decided under the case: the reserve fund and the eight grants, each with the figure that explains it.
    expect(detail.body.decisions.map((decision: { eventType: string }) => decision.eventType)).toEqual([
      'ReserveFundEstablished',
      ...Array(8).fill('GrantAwarded'),
    ]);
    expect(detail.body.decisions[0]).toMatchObject({
      authority: { caseNumber: '22.25', pointNumber: 2 },
      postings: [{ year: 2025, figure: 'reserved', scope: 'total', amount: '500000.00' }],
    });
    expect(detail.body.decisions[1]).toMatchObject({
      authority: { caseNumber: '22.25', pointNumber: 1 },
      initiativeId: 'vip',
      postings: expect.arrayContaining([{ year: 2025, figure: 'granted', scope: 'initiative:vip', amount: '3000000.00' }]),
    });
    expect(detail.body.grants).toHaveLength(8);
    const explained = await api.as('revisor').get('/api/explain?year=2025&figure=available');
    expect(explained.status).toBe(200);
    expect(explained.body.value).toBe('750000.00');
    expect(explained.body.rows.at(-1).runningBalance).toBe('750000.00');
    expect(explained.body.rows.map((row: { actor: string }) => row.actor)).toContain('sekretariat');
  });

  it('as of the day before the meeting, the frame still has all of 12 595 000 available', async () => {
    const before = await api.as('leser').get('/api/years/2025/frame?asOf=2025-09-17');
    expect(before.status).toBe(200);
    expect(before.body.figures).toMatchObject({ frame: '12595000.00', granted: '0.00', reserved: '0.00', available: '12595000.00' });
    expect(before.body.asOf).toEqual({ date: '2025-09-17' });
    expect(before.headers.etag).toBeUndefined();
  });
});

describe('reads', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  it('GET /api/years lists 2024 and 2025', async () => {
    const years = await api.as('leser').get('/api/years');
    expect(years.body).toEqual({ years: [2024, 2025], asOf: null });
  });

  it('GET /api/years/2024/frame: 2024 is closed, with 980 000 remainder and 1 000 000 released', async () => {
    const frame = await api.as('leser').get('/api/years/2024/frame');
    expect(frame.body).toMatchObject({
      year: 2024,
      closed: true,
      figures: { received: '10700000.00', granted: '9720000.00', remainderCarriedOut: '980000.00', releasedCarriedOut: '1000000.00' },
    });
    expect(frame.headers.etag).toMatch(/^W\/"\d+"$/);
  });

  it('GET /api/years/2025/balances: per programme area, with the new proposals unassigned', async () => {
    const balances = await api.as('leser').get('/api/years/2025/balances');
    expect(balances.status).toBe(200);
    expect(balances.body.total.figures.recommended).toBe('11345000.00');
    expect(balances.body.unassigned.figures.recommended).toBe('600000.00');
    expect(balances.body.programmeAreas.map((area: { id: string }) => area.id)).toEqual([
      'bo-trygt-hjemme',
      'barn-og-unge',
      'desentrale-tjenester',
      'utvikle-hfi',
    ]);
  });

  it('GET /api/years/2024/trail: every event that moved 2024, with actor and postings', async () => {
    const trail = await api.as('revisor').get('/api/years/2024/trail');
    expect(trail.status).toBe(200);
    expect(trail.body.rows.length).toBeGreaterThan(15);
    expect(trail.body.rows[0]).toMatchObject({ eventType: 'FundsReceived', actor: 'demo' });
  });

  it('GET /api/explain by scope: granted for Barn og unge in 2024 is the two grants of case 04.25', async () => {
    const explained = await api.as('revisor').get('/api/explain?year=2024&figure=granted&scope=programme-area:barn-og-unge');
    expect(explained.status).toBe(200);
    expect(explained.body.value).toBe('1200000.00');
    expect(explained.body.rows.map((row: { caseNumber: string; amount: string }) => [row.caseNumber, row.amount])).toEqual([
      ['04.25', '200000.00'],
      ['04.25', '1000000.00'],
    ]);
  });

  it('GET /api/explain of an unknown initiative → 404 figure-not-found; of a bad scope or figure → 400 invalid-query', async () => {
    const unknown = await api.as('revisor').get('/api/explain?year=2025&figure=granted&scope=initiative:finnes-ikke');
    expect(unknown.status).toBe(404);
    expect(problemOf(unknown).code).toBe('figure-not-found');
    const badScope = await api.as('revisor').get('/api/explain?year=2025&figure=granted&scope=region:nord');
    expect(badScope.status).toBe(400);
    expect(problemOf(badScope)).toMatchObject({ code: 'invalid-query', issues: [{ path: 'scope' }] });
    const badFigure = await api.as('revisor').get('/api/explain?year=2025&figure=profit');
    expect(problemOf(badFigure).issues).toEqual([expect.objectContaining({ path: 'figure' })]);
    const missing = await api.as('revisor').get('/api/explain');
    expect(problemOf(missing).issues!.map((issue) => issue.path)).toEqual(['year', 'figure']);
  });

  it('GET /api/cases lists the three cases by meeting date; GET /api/cases/22.25 has its proposals, recommendation and resolution', async () => {
    const cases = await api.as('leder').get('/api/cases');
    expect(cases.body.cases.map((entry: { caseNumber: string }) => entry.caseNumber)).toEqual(['32.24', '04.25', '22.25']);
    const detail = await api.as('leder').get('/api/cases/22.25');
    expect(detail.status).toBe(200);
    expect(detail.body.proposals).toHaveLength(11);
    expect(detail.body.recommendation).toHaveLength(8);
    expect(detail.body.resolution.points).toHaveLength(4);
    expect(detail.body.adopted).toBeNull();
    expect(detail.headers.etag).toMatch(/^W\/"\d+"$/);
  });

  it('GET /api/cases/NN.YY of an unknown case → 404 case-not-found; of a malformed number → 400', async () => {
    const unknown = await api.as('leder').get('/api/cases/99.25');
    expect(unknown.status).toBe(404);
    expect(problemOf(unknown).code).toBe('case-not-found');
    const malformed = await api.as('leder').get('/api/cases/22-25');
    expect(malformed.status).toBe(400);
    expect(problemOf(malformed)).toMatchObject({ code: 'invalid-query', issues: [{ path: 'caseNumber' }] });
  });

  it('GET /api/years/abc/frame → 400 naming year', async () => {
    const response = await api.as('leser').get('/api/years/abc/frame');
    expect(response.status).toBe(400);
    expect(problemOf(response)).toMatchObject({ code: 'invalid-query', issues: [{ path: 'year' }] });
  });

  it('GET /api/registry: the programme areas, initiatives, partners and members', async () => {
    const registry = await api.as('leder').get('/api/registry');
    expect(registry.body.programmeAreas).toHaveLength(4);
    expect(registry.body.initiatives).toHaveLength(18);
    expect(registry.body.partners.map((partner: { partnerId: string }) => partner.partnerId)).toEqual(['kommunene', 'si']);
    expect(registry.body.members).toHaveLength(6);
  });

  it('GET /api/health needs no credentials, and tells only those who may read the log where the store is and what it holds', async () => {
    expect((await api.anonymous().get('/api/health')).body).toEqual({ status: 'ok' });
    expect((await api.as('leser').get('/api/health')).body).toEqual({ status: 'ok' });
    expect((await api.as('leder').get('/api/health')).body).toEqual({ status: 'ok' });
    const full = {
      status: 'ok',
      store: 'sqlite::memory:',
      events: await api.head(),
      position: await api.head(),
      checkpoints: { state: 'not-configured' },
      lastBackup: null,
    };
    expect((await api.as('revisor').get('/api/health')).body).toEqual(full);
    expect((await api.as('sekretariat').get('/api/health')).body).toEqual(full);
  });
});

describe('as-of reads', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  it('as of 2025-03-31 the 2025 frame is only the receipt: the 2024 remainder and releases came at the settlement on 2025-09-01', async () => {
    const early = await api.as('leser').get('/api/years/2025/frame?asOf=2025-03-31');
    expect(early.body.figures).toMatchObject({
      received: '10615000.00',
      remainderCarriedIn: '0.00',
      releasedCarriedIn: '0.00',
      frame: '10615000.00',
    });
    const settled = await api.as('leser').get('/api/years/2025/frame?asOf=2025-09-01');
    expect(settled.body.figures.frame).toBe('12595000.00');
  });

  it('asOfPosition shows the ledger as recorded up to that event: a grant recorded later is not there', async () => {
    const position = await api.head();
    const grant = await api.as('sekretariat').command('AwardGrant', {
      year: 2024,
      initiativeId: 'vip',
      plan: { amount: '1' },
      authority: { caseNumber: '04.25', pointNumber: 1 },
    });
    expect(grant.status).toBe(422);
    expect(problemOf(grant).code).toBe('year-closed');
    const vote = await api
      .as('leder')
      .command('CastVote', { caseNumber: '22.25', pointNumber: 1, choice: { answer: 'yes' }, effectiveDate: '2025-09-18' });
    expect(vote.status).toBe(201);
    const then = await api.as('leder').get(`/api/cases/22.25?asOfPosition=${position}`);
    const now = await api.as('leder').get('/api/cases/22.25');
    expect(then.body.votes).toHaveLength(0);
    expect(now.body.votes).toHaveLength(1);
    expect(then.body.asOf).toEqual({ position });
    expect(then.headers.etag).toBeUndefined();
  });

  it('every read takes as-of: years, balances, trail, explain, cases, registry, events', async () => {
    for (const path of [
      '/api/years',
      '/api/years/2025/balances',
      '/api/years/2024/trail',
      '/api/explain?year=2024&figure=granted',
      '/api/cases',
      '/api/registry',
    ]) {
      const response = await api.as('revisor').get(`${path}${path.includes('?') ? '&' : '?'}asOf=2024-12-31`);
      expect(response.status, path).toBe(200);
      expect(response.body.asOf, path).toEqual({ date: '2024-12-31' });
    }
    const cases = await api.as('revisor').get('/api/cases?asOf=2024-12-31');
    expect(cases.body.cases.map((entry: { caseNumber: string }) => entry.caseNumber)).toEqual(['32.24']);
  });

  it.each([
    ['asOf=2025-02-30', 'asOf'],
    ['asOf=yesterday', 'asOf'],
    ['asOfPosition=-1', 'asOfPosition'],
    ['asOfPosition=1.5', 'asOfPosition'],
    ['asOf=2025-01-01&asOfPosition=3', 'asOf'],
    ['asOf=2025-01-01&asOf=2025-02-01', 'asOf'],
  ])('?%s → 400 invalid-query naming %s', async (query, path) => {
    const response = await api.as('leser').get(`/api/years/2025/frame?${query}`);
    expect(response.status).toBe(400);
    expect(problemOf(response)).toMatchObject({
      code: 'invalid-query',
      issues: expect.arrayContaining([expect.objectContaining({ path })]),
    });
  });
});

describe('the event log and the export', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  it('GET /api/events pages through the whole log with the next cursor', async () => {
    const head = await api.head();
    const positions: number[] = [];
    let after: number | null = 0;
    let pages = 0;
    while (after !== null) {
      const page = await api.as('revisor').get(`/api/events?after=${after}&limit=25`);
      expect(page.status).toBe(200);
      positions.push(...page.body.events.map((event: { position: number }) => event.position));
      after = page.body.next;
      pages += 1;
    }
    expect(positions).toEqual(Array.from({ length: head }, (_, index) => index + 1));
    expect(pages).toBe(Math.ceil(head / 25));
  });

  it('GET /api/events?asOfPosition=10 ends the log there; asOf keeps the events effective by the date', async () => {
    const capped = await api.as('revisor').get('/api/events?asOfPosition=10&limit=100');
    expect(capped.body.events).toHaveLength(10);
    expect(capped.body.next).toBeNull();
    const dated = await api.as('revisor').get('/api/events?asOf=2024-06-30&limit=1000');
    expect(dated.body.events.every((event: { metadata: { effectiveDate: string } }) => event.metadata.effectiveDate <= '2024-06-30')).toBe(
      true,
    );
    expect(dated.body.events.length).toBe(32);
  });

  it.each(['after=-1', 'after=x', 'limit=0', 'limit=1001'])('GET /api/events?%s → 400', async (query) => {
    const response = await api.as('revisor').get(`/api/events?${query}`);
    expect(response.status).toBe(400);
    expect(problemOf(response).code).toBe('invalid-query');
  });

  it('GET /api/export gives the auditor the NDJSON export, which passes its own checks', async () => {
    const response = await api
      .as('revisor')
      .get('/api/export')
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => callback(null, text));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const text = response.body as string;
    const { manifest, events } = checkExport(text);
    expect(events).toHaveLength(await api.head());
    expect(manifest.events).toBe(await api.head());
  });
});

describe('the OpenAPI document', () => {
  let api: HttpFixture;
  let document: {
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
          responses: Record<string, { content?: Record<string, unknown> }>;
          'x-roles': unknown;
        }
      >
    >;
  };
  beforeAll(async () => {
    api = await httpFixture();
    document = (await api.anonymous().get('/api/openapi.json')).body;
  });
  afterAll(() => api.close());

  it('is OpenAPI 3.1 and lists every route the app serves, with its method', () => {
    expect(document.openapi).toBe('3.1.0');
    const router = (api.app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    const served = router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) =>
        Object.keys(layer.route!.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`),
      );
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(served));
    // One endpoint per command of the command table, at the path its definition gives …
    const commandRoutes = commandDefinitions.map((definition) => `post ${definition.http.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served).toEqual(expect.arrayContaining(commandRoutes));
    // … and 24 more: the reads (a year's entries among them), the four of the documents, the organisation and the
    // opening-balance preview and import.
    expect(served.length - commandRoutes.length).toBe(24);
  });

  it("describes each command endpoint's body from the zod schema, without the fields its path gives", () => {
    const votes = document.paths['/api/cases/{caseNumber}/votes']!.post!;
    const properties = votes.requestBody!.content['application/json']!.schema.properties!;
    expect(Object.keys(properties).sort()).toEqual(['choice', 'effectiveDate', 'idempotencyKey', 'memberId', 'pointNumber']);
    const grants = document.paths['/api/years/{year}/grants']!.post!;
    expect(grants.requestBody!.content['application/json']!.schema.properties).toHaveProperty('plan');
    expect(grants.requestBody!.content['application/json']!.schema.properties).not.toHaveProperty('year');
    expect(grants.responses['422']!.content).toHaveProperty(['application/problem+json']);
    expect(grants['x-roles']).toEqual(['secretariat']);
    expect(votes['x-roles']).toEqual(['secretariat', 'member']);
  });
});

describe('the request log and security headers', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  it('writes one JSON line per request with its id, method, route, path, status and the account as its role and pseudonym', async () => {
    const response = await api.as('leser').get('/api/years/2025/frame?asOf=2025-01-01');
    await api.anonymous().get('/api/nowhere');
    const [frame, nowhere] = api.log.slice(-2);
    expect(frame).toMatchObject({
      requestId: response.headers['x-request-id'],
      method: 'GET',
      route: '/api/years/:year/frame',
      path: '/api/years/2025/frame',
      status: 200,
      role: 'reader',
      actorRef: actorRefOf('leser'),
    });
    expect(typeof frame!.ms).toBe('number');
    expect(nowhere).toMatchObject({ route: 'unmatched', path: '/api/nowhere', status: 404, role: null, actorRef: null });
  });

  it('sends nosniff and no X-Powered-By; request ids are ULIDs', async () => {
    const response = await api.anonymous().get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});

describe('the web front end', () => {
  it('is served outside /api, with a CSP that allows only its own origin, and /api stays the API', async () => {
    const fs = await import('node:fs');
    const mkdtempSync = (prefix: string) => fs.mkdtempSync(prefix);
    const writeFileSync = (path: string, text: string) => fs.writeFileSync(path, text);
    const os = await import('node:os');
    const tmpdir = () => os.tmpdir();
    const path = await import('node:path');
    const join = (...parts: string[]) => path.join(...parts);
    const root = mkdtempSync(join(tmpdir(), 'hfi-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Samhandlingsmidler</title>');
    writeFileSync(join(root, 'health'), 'not the API');
    const { webRoutes } = await import('../src/web/serve.js');
    const api = await httpFixture({ web: webRoutes({ root }) });
    const page = await api.anonymous().get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Samhandlingsmidler');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await api.anonymous().get('/api/health')).body.status).toBe('ok');
    expect((await api.anonymous().get('/missing.js')).status).toBe(404);
    await api.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
});
