import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandEndpointCases, httpFixture, problemOf, type DemoUser, type HttpFixture } from './support/http.js';

/**
 * The role matrix: which account may record which command and read what.
 * secretariat records everything; a member only their own vote; auditor and reader nothing.
 */
describe('the secretariat may record every command, endpoint by endpoint', () => {
  let api: HttpFixture;
  const earlier = new Map<string, { events: { id: string; position: number }[] }>();
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  it.each(commandEndpointCases)('$type at POST $path → 201 with its events, recorded as sekretariat', async (endpoint) => {
    const before = await api.head();
    const response = await api.as('sekretariat').raw(endpoint.path, endpoint.body(earlier));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.events.length).toBeGreaterThan(0);
    expect(await api.head()).toBe(before + response.body.events.length);
    earlier.set(endpoint.type, response.body);
    const recorded = await api.as('revisor').get(`/api/events?after=${before}`);
    expect(recorded.body.events.map((event: { metadata: { actor: string; correlationId: string } }) => event.metadata)).toEqual(
      response.body.events.map(() => expect.objectContaining({ actor: 'sekretariat', correlationId: response.headers['x-request-id'] })),
    );
  });

  it('leaves 2025 settled and closed with the reserve fund and the adjusted grant carried', async () => {
    const frame = await api.as('sekretariat').get('/api/years/2025/frame');
    expect(frame.body.closed).toBe(true);
    expect(frame.body.figures).toMatchObject({
      // 10 615 000 + 250 000 received, the receipt corrected by −50 000.
      received: '10815000.00',
      // The plan of g2025-vip-plan put 80 000 in 2025, then lowered by 20 000.
      granted: '60000.00',
      reserved: '100000.00',
      // 10 000 of the grant; 100 000 of dho's earmarked funds; all 500 000 of the dropped initiative.
      released: '610000.00',
      spent: '4000.00',
    });
    const next = await api.as('sekretariat').get('/api/years/2026/frame');
    expect(next.body.figures).toMatchObject({ priorYearAdjustment: '5000.00', committed: '120000.00', releasedCarriedIn: '610000.00' });
  });

  it('shows the initiative dropped, then restarted; the continued meeting in the trail; and the opening balance of 2030 in its frame', async () => {
    const ended = earlier.get('EndInitiative')!.events[0]!;
    const atDrop = await api.as('sekretariat').get(`/api/registry?asOfPosition=${ended.position}`);
    const nySatsning = (body: { initiatives: { initiativeId: string; droppedOn: string | null }[] }) =>
      body.initiatives.find((initiative) => initiative.initiativeId === 'ny-satsning');
    expect(nySatsning(atDrop.body)).toMatchObject({ name: 'Ny satsning', droppedOn: '2026-11-01' });
    expect(nySatsning((await api.as('sekretariat').get('/api/registry')).body)).toMatchObject({ droppedOn: null });
    const trail = await api.as('sekretariat').get('/api/years/2025/trail');
    expect(trail.body.rows).toContainEqual(
      expect.objectContaining({
        eventType: 'MeetingContinued',
        description: expect.objectContaining({ nb: 'Møtet i sak 30.25 fortsatte 14.11.2025: Møtet fortsatte dagen etter' }),
      }),
    );
    const opening = await api.as('sekretariat').get('/api/years/2030/frame');
    expect(opening.body.figures).toMatchObject({
      remainderCarriedIn: '400000.00',
      releasedCarriedIn: '100000.00',
      frame: '500000.00',
      earmarkedCarriedIn: '250000.00',
      expectedReceipt: '9000000.00',
    });
  });
});

describe('accounts other than the secretariat are refused every command they may not record, and nothing is appended', () => {
  let api: HttpFixture;
  /** Bodies that need an earlier result get a stand-in: the refusal comes before the body is read. */
  const standIn = new Map(['ReportSpending', 'ReceiveFunds'].map((type) => [type, { events: [{ id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }] }]));
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  const refused = (['leder', 'revisor', 'leser'] as DemoUser[]).flatMap((user) =>
    commandEndpointCases
      .filter((endpoint) => !(user === 'leder' && endpoint.type === 'CastVote'))
      .map((endpoint) => ({ user, ...endpoint })),
  );

  it.each(refused)('$user: $type at POST $path → 403 forbidden', async ({ user, path, body }) => {
    const before = await api.head();
    const response = await api.as(user).raw(path, body(standIn));
    expect(response.status).toBe(403);
    expect(problemOf(response).code).toBe('forbidden');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await api.head()).toBe(before);
  });

  it.each(commandEndpointCases)('no credentials: $type at POST $path → 401, nothing appended', async ({ path, body }) => {
    const before = await api.head();
    const response = await api.anonymous().post(path).set('Idempotency-Key', api.nextKey()).send(body(standIn));
    expect(response.status).toBe(401);
    expect(problemOf(response).code).toBe('unauthenticated');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(await api.head()).toBe(before);
  });

  it("a member casting a vote in another member's name → 403 not-own-vote, by its endpoint and by POST /api/commands", async () => {
    const before = await api.head();
    const byEndpoint = await api.as('leder').command('CastVote', {
      caseNumber: '22.25',
      memberId: 'nestleder',
      pointNumber: 2,
      choice: { alternativeNumber: 1 },
      effectiveDate: '2025-09-18',
    });
    expect(byEndpoint.status).toBe(403);
    expect(problemOf(byEndpoint)).toMatchObject({ code: 'not-own-vote', details: { memberId: 'nestleder', accountMemberId: 'leder' } });
    const generic = await api.as('leder').anyCommand({
      type: 'CastVote',
      caseNumber: '22.25',
      memberId: 'nestleder',
      pointNumber: 2,
      choice: { alternativeNumber: 1 },
    });
    expect(generic.status).toBe(403);
    expect(problemOf(generic).code).toBe('not-own-vote');
    expect(await api.head()).toBe(before);
  });

  it('a member may not record anything but a vote through POST /api/commands', async () => {
    const response = await api.as('leder').anyCommand({
      type: 'AdoptResolution',
      caseNumber: '22.25',
      points: [{ number: 1, outcome: 'adopted' }],
      decidedBy: 'consensus',
    });
    expect(response.status).toBe(403);
    expect(problemOf(response).code).toBe('forbidden');
  });

  it('a member votes as themself → 201, with memberId taken from the account when left out, recorded with the member as actor', async () => {
    const own = await api
      .as('nestleder')
      .command('CastVote', { caseNumber: '22.25', pointNumber: 2, choice: { alternativeNumber: 2 }, effectiveDate: '2025-09-18' });
    expect(own.status).toBe(201);
    expect(own.body.events[0]).toMatchObject({
      type: 'VoteCast',
      data: { memberId: 'nestleder', pointNumber: 2, choice: { alternativeNumber: 2 } },
    });
    const explicit = await api.as('leder').anyCommand({
      type: 'CastVote',
      caseNumber: '22.25',
      memberId: 'leder',
      pointNumber: 1,
      choice: { answer: 'yes' },
      effectiveDate: '2025-09-18',
    });
    expect(explicit.status).toBe(201);
    const events = await api.as('revisor').get(`/api/events?after=${own.body.events[0].position - 1}`);
    expect(events.body.events.map((event: { metadata: { actor: string } }) => event.metadata.actor)).toEqual(['nestleder', 'leder']);
  });

  it('a secretariat may record a vote on behalf of any member', async () => {
    const response = await api.as('sekretariat').command('CastVote', {
      caseNumber: '22.25',
      memberId: 'kommune-nord',
      pointNumber: 2,
      choice: { alternativeNumber: 1 },
      effectiveDate: '2025-09-18',
    });
    expect(response.status).toBe(201);
  });
});

describe('who may read what', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  const reads = [
    '/api/years',
    '/api/years/2025/frame',
    '/api/years/2025/balances',
    '/api/me',
    '/api/registry',
    '/api/cases',
    '/api/cases/22.25',
    '/api/years/2025/trail',
    '/api/explain?year=2025&figure=available',
    '/api/events',
    '/api/export',
  ];
  const allowed: Record<DemoUser, string[]> = {
    sekretariat: reads,
    revisor: reads,
    leder: [
      '/api/years',
      '/api/years/2025/frame',
      '/api/years/2025/balances',
      '/api/me',
      '/api/registry',
      '/api/cases',
      '/api/cases/22.25',
    ],
    nestleder: [
      '/api/years',
      '/api/years/2025/frame',
      '/api/years/2025/balances',
      '/api/me',
      '/api/registry',
      '/api/cases',
      '/api/cases/22.25',
    ],
    leser: ['/api/years', '/api/years/2025/frame', '/api/years/2025/balances', '/api/me'],
  };
  const matrix = (Object.keys(allowed) as DemoUser[]).flatMap((user) =>
    reads.map((path) => ({ user, path, status: allowed[user].includes(path) ? 200 : 403 })),
  );

  it.each(matrix)('$user GET $path → $status', async ({ user, path, status }) => {
    const response = await api.as(user).get(path);
    expect(response.status).toBe(status);
    if (status === 403) expect(problemOf(response).code).toBe('forbidden');
  });

  it.each(reads)('no credentials: GET %s → 401', async (path) => {
    const response = await api.anonymous().get(path);
    expect(response.status).toBe(401);
    expect(problemOf(response).code).toBe('unauthenticated');
  });

  it('an unknown or malformed bearer token → 401 invalid-credentials', async () => {
    const unknown = await api.anonymous().get('/api/years').set('Authorization', 'Bearer hfi_not-a-token');
    expect(unknown.status).toBe(401);
    expect(problemOf(unknown).code).toBe('invalid-credentials');
    const basic = await api.anonymous().get('/api/years').set('Authorization', 'Basic c2VrcmV0YXJpYXQ6eA==');
    expect(basic.status).toBe(401);
    expect(problemOf(basic).code).toBe('invalid-credentials');
  });

  it('health and the OpenAPI document need no credentials', async () => {
    expect((await api.anonymous().get('/api/health')).status).toBe(200);
    expect((await api.anonymous().get('/api/openapi.json')).status).toBe(200);
  });

  it('/api/me says who the account is and what it may do', async () => {
    const response = await api.as('leder').get('/api/me');
    expect(response.body).toMatchObject({
      account: { username: 'leder', role: 'member', memberId: 'leder' },
      authenticatedBy: 'token',
      permissions: ['read:summaries', 'read:registry', 'read:cases', 'write:own-vote'],
    });
  });
});
