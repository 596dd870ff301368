import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.js';
import type { CommandHandler } from '../src/app/command-handler.js';
import { createApp } from '../src/http/app.js';
import type { RequestLogLine } from '../src/http/request-log.js';
import { ConcurrencyError } from '../src/store/errors.js';
import { demoAccountsFor } from './support/demo.js';
import { commandEndpointCases, httpFixture, problemOf, type HttpFixture } from './support/http.js';

/** Every error is application/problem+json with type, title, status, detail and a stable code; nothing is appended. */
function expectProblem(response: request.Response, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = problemOf(response);
  expect(problem).toMatchObject({ type: `/problems/${code}`, status, code });
  expect(typeof problem.title).toBe('string');
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

describe('problem+json for every error class, with nothing appended', () => {
  let api: HttpFixture;
  let head: number;
  beforeAll(async () => {
    api = await httpFixture({ bodyLimit: '16kb' });
    head = await api.head();
  });
  afterAll(async () => {
    expect(await api.head(), 'no error appended anything').toBe(head);
    await api.close();
  });

  it('400 invalid-json for a malformed body', async () => {
    const response = await request(api.app)
      .post('/api/programme-areas')
      .set('Authorization', `Bearer ${api.tokenOf('sekretariat')}`)
      .set('Idempotency-Key', 'malformed')
      .set('Content-Type', 'application/json')
      .send('{"programmeAreaId": "x", ');
    expectProblem(response, 400, 'invalid-json');
  });

  it.each(commandEndpointCases)('400 invalid-command for $type at POST $path, naming the field', async ({ path, invalid }) => {
    const problem = expectProblem(await api.as('sekretariat').raw(path, invalid.body), 400, 'invalid-command');
    expect(problem.issues!.map((issue) => issue.path)).toContain(invalid.path);
  });

  it('400 invalid-command naming year or caseNumber when the path holds a bad value', async () => {
    const year = expectProblem(
      await api.as('sekretariat').raw('/api/years/20x5/receipts', { amount: '1', reference: 'x', receivedOn: '2025-01-01' }),
      400,
      'invalid-command',
    );
    expect(year.issues).toContainEqual(expect.objectContaining({ path: 'year' }));
    const caseNumber = expectProblem(
      await api.as('sekretariat').raw('/api/cases/2225/votes', { memberId: 'leder', pointNumber: 1, choice: { answer: 'yes' } }),
      400,
      'invalid-command',
    );
    expect(caseNumber.issues).toContainEqual(expect.objectContaining({ path: 'caseNumber' }));
  });

  it("400 invalid-command when the body contradicts the path or the endpoint's type", async () => {
    const contradicts = expectProblem(
      await api.as('sekretariat').raw('/api/cases/22.25/votes', {
        caseNumber: '04.25',
        memberId: 'leder',
        pointNumber: 1,
        choice: { answer: 'yes' },
        effectiveDate: '2025-09-18',
      }),
      400,
      'invalid-command',
    );
    expect(contradicts.issues).toEqual([expect.objectContaining({ path: 'caseNumber' })]);
    const type = expectProblem(
      await api.as('sekretariat').raw('/api/partners', { type: 'RegisterProgrammeArea', partnerId: 'x', name: 'X', kind: 'division' }),
      400,
      'invalid-command',
    );
    expect(type.issues).toEqual([expect.objectContaining({ path: 'type' })]);
  });

  it('400 invalid-command when the body is not an object, or has unknown fields', async () => {
    const array = await request(api.app)
      .post('/api/partners')
      .set('Authorization', `Bearer ${api.tokenOf('sekretariat')}`)
      .set('Idempotency-Key', 'array')
      .send([1, 2]);
    expectProblem(array, 400, 'invalid-command');
    const extra = expectProblem(
      await api.as('sekretariat').raw('/api/partners', { partnerId: 'x', name: 'X', kind: 'division', colour: 'blue' }),
      400,
      'invalid-command',
    );
    expect(extra.issues!.length).toBeGreaterThan(0);
  });

  it('400 missing-idempotency-key on a command without a key; a key in the body is enough', async () => {
    expectProblem(
      await api.as('sekretariat').command('RegisterPartner', { partnerId: 'x', name: 'X', kind: 'division' }, null),
      400,
      'missing-idempotency-key',
    );
    expectProblem(await api.as('sekretariat').command('SettleYear', { year: 2025 }, null), 400, 'missing-idempotency-key');
    const spaces = expectProblem(
      await api.as('sekretariat').command('RegisterPartner', { partnerId: 'x', name: 'X', kind: 'division' }, 'has spaces'),
      400,
      'invalid-command',
    );
    expect(spaces.issues).toEqual([expect.objectContaining({ path: 'idempotencyKey' })]);
    const both = expectProblem(
      await api.as('sekretariat').raw('/api/partners', { idempotencyKey: 'a', partnerId: 'x', name: 'X', kind: 'division' }, 'b'),
      400,
      'invalid-command',
    );
    expect(both.issues).toEqual([expect.objectContaining({ path: 'idempotencyKey' })]);
  });

  it('400 invalid-if-match for an If-Match that is not one of our ETags', async () => {
    const response = await api
      .as('sekretariat')
      .command('CastVote', {
        caseNumber: '22.25',
        memberId: 'leder',
        pointNumber: 1,
        choice: { answer: 'yes' },
        effectiveDate: '2025-09-18',
      })
      .set('If-Match', '"abc", "def"');
    expectProblem(response, 400, 'invalid-if-match');
  });

  it('401 without credentials, with WWW-Authenticate', async () => {
    const response = await api.anonymous().post('/api/partners').send({});
    expectProblem(response, 401, 'unauthenticated');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="hfi-ledger"');
  });

  it('403 for a role that may not, and for a member voting as someone else', async () => {
    expectProblem(await api.as('revisor').raw('/api/partners', {}), 403, 'forbidden');
    expectProblem(
      await api.as('leder').command('CastVote', {
        caseNumber: '22.25',
        memberId: 'nestleder',
        pointNumber: 1,
        choice: { answer: 'yes' },
        effectiveDate: '2025-09-18',
      }),
      403,
      'not-own-vote',
    );
  });

  it('404 not-found for an unknown route, case-not-found for an unknown case, figure-not-found for an unknown figure scope', async () => {
    expectProblem(await api.as('sekretariat').get('/api/nothing-here'), 404, 'not-found');
    expectProblem(await api.as('sekretariat').raw('/api/years/2025/grants/g1/nothing', {}), 404, 'not-found');
    expectProblem(await api.as('sekretariat').get('/api/cases/01.20'), 404, 'case-not-found');
    expectProblem(
      await api.as('sekretariat').get('/api/explain?year=2025&figure=granted&scope=programme-area:finnes-ikke'),
      404,
      'figure-not-found',
    );
  });

  it('413 body-too-large beyond the body limit', async () => {
    const response = await api.as('sekretariat').command('RegisterPartner', { partnerId: 'x', name: 'X'.repeat(20_000), kind: 'division' });
    expectProblem(response, 413, 'body-too-large');
  });

  it('415 unsupported-media-type for a body that is not JSON, or JSON in another charset', async () => {
    const text = await request(api.app)
      .post('/api/partners')
      .set('Authorization', `Bearer ${api.tokenOf('sekretariat')}`)
      .set('Idempotency-Key', 'text')
      .set('Content-Type', 'text/plain')
      .send('partnerId=x');
    expectProblem(text, 415, 'unsupported-media-type');
    const form = await request(api.app)
      .post('/api/partners')
      .set('Authorization', `Bearer ${api.tokenOf('sekretariat')}`)
      .set('Idempotency-Key', 'form')
      .type('form')
      .send({ partnerId: 'x' });
    expectProblem(form, 415, 'unsupported-media-type');
    const latin1 = await request(api.app)
      .post('/api/partners')
      .set('Authorization', `Bearer ${api.tokenOf('sekretariat')}`)
      .set('Idempotency-Key', 'latin1')
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{}');
    expectProblem(latin1, 415, 'unsupported-media-type');
  });

  it("422 for a broken rule, with the rule's code and figures (authority-exceeded with what the point authorised)", async () => {
    // Case 04.25 point 1 adopted the 2024 table: it authorises nothing for vip in 2025.
    const problem = expectProblem(
      await api.as('sekretariat').command('AwardGrant', {
        year: 2025,
        initiativeId: 'vip',
        plan: { amount: '13000000' },
        authority: { caseNumber: '04.25', pointNumber: 1 },
      }),
      422,
      'authority-exceeded',
    );
    expect(problem.details).toMatchObject({
      year: 2025,
      initiativeId: 'vip',
      amountAsked: '13000000.00',
      amountAuthorised: '0.00',
      amountGranted: '0.00',
    });
    // In bokmål by default, naming the initiative rather than its id, and saying the point authorised nothing for it.
    expect(problem.title).toBe('Registeret avviste kommandoen etter en av sine regler');
    expect(problem.detail.replaceAll('\u00a0', ' ')).toBe(
      'Punkt 1 i sak 04.25 gir ikke hjemmel for noe til VIP (very important patient) i 2025, så kr 13 000 000 kan ikke tildeles under det.',
    );
  });

  it('gives title and detail in the language of Accept-Language, the machine fields the same in both', async () => {
    const body = { initiativeId: 'vip', plan: { amount: '13000000' }, authority: { caseNumber: '04.25', pointNumber: 1 } };
    const post = (language: string | null) => {
      const test = request(api.app)
        .post('/api/years/2025/grants')
        .set('Authorization', `Bearer ${api.tokenOf('sekretariat')}`)
        .set('Idempotency-Key', api.nextKey());
      if (language !== null) test.set('Accept-Language', language);
      return test.send(body);
    };
    const english = problemOf(await post('en-GB,en;q=0.9'));
    expect(english.title).toBe('A rule of the ledger was broken');
    expect(english.detail.replaceAll('\u00a0', ' ')).toBe(
      'Point 1 of case 04.25 authorises nothing for VIP (very important patient) in 2025, so kr 13 000 000 cannot be granted under it.',
    );
    const bokmal = await post('nb-NO,nb;q=0.9,en;q=0.5');
    expect(bokmal.headers['content-language']).toBe('nb');
    expect(problemOf(bokmal).detail).toMatch(/^Punkt 1 i sak 04\.25 gir ikke hjemmel/);
    // A language the ledger does not speak, weighted first, gives way to the next it does; none at all is bokmål.
    expect(problemOf(await post('da;q=1, en;q=0.5')).detail).toMatch(/^Point 1/);
    expect(problemOf(await post('fr')).detail).toMatch(/^Punkt 1/);
    expect(problemOf(await post(null)).detail).toMatch(/^Punkt 1/);
    const [a, b] = [problemOf(await post('en')), problemOf(await post('nb'))];
    expect({ code: a.code, status: a.status, details: a.details }).toEqual({ code: b.code, status: b.status, details: b.details });
  });

  it('words a validation issue in the language asked, naming the field', async () => {
    const send = (language: string) =>
      request(api.app)
        .post('/api/years/2025/grants')
        .set('Authorization', `Bearer ${api.tokenOf('sekretariat')}`)
        .set('Idempotency-Key', api.nextKey())
        .set('Accept-Language', language)
        .send({ initiativeId: 'vip', plan: { amount: '0' }, authority: { caseNumber: '22.25', pointNumber: 1 } });
    const bokmal = expectProblem(await send('nb'), 400, 'invalid-command');
    expect(bokmal.title).toBe('Ugyldig kommando');
    expect(bokmal.detail).toBe('Kommandoen er ugyldig: plan.amount: beløpet må være mer enn null');
    expect(bokmal.issues).toEqual([{ path: 'plan.amount', message: 'beløpet må være mer enn null' }]);
    const english = expectProblem(await send('en'), 400, 'invalid-command');
    expect(english.detail).toBe('The command is invalid: plan.amount: amount must be more than zero');
    expect(english.issues).toEqual([{ path: 'plan.amount', message: 'amount must be more than zero' }]);
    // A negative amount is said to be negative, not to have too many decimals.
    const negative = await request(api.app)
      .post('/api/years/2025/receipts')
      .set('Authorization', `Bearer ${api.tokenOf('sekretariat')}`)
      .set('Idempotency-Key', api.nextKey())
      .send({ amount: '-250000', reference: 'R', receivedOn: '2025-01-15' });
    expect(expectProblem(negative, 400, 'invalid-command').issues).toEqual([
      { path: 'amount', message: 'beløpet kan ikke være negativt; en endring føres som en justering eller korreksjon' },
    ]);
  });

  it('422 for a rule of a case: voting on a point the resolution does not have', async () => {
    const problem = expectProblem(
      await api
        .as('leder')
        .command('CastVote', { caseNumber: '22.25', pointNumber: 9, choice: { answer: 'yes' }, effectiveDate: '2025-09-18' }),
      422,
      'unknown-point',
    );
    expect(problem.details).toMatchObject({ pointNumber: 9, points: [1, 2, 3, 4] });
  });
});

describe('409, 412 and 500 from the layers below', () => {
  const build = async (execute: () => Promise<never>) => {
    const api = await httpFixture();
    const log: RequestLogLine[] = [];
    const handler = { execute } as unknown as CommandHandler;
    const accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 10 });
    await demoAccountsFor(accounts, api.ledger.store);
    const app = createApp({ ...api.ledger, handler }, accounts, { log: (line) => log.push(JSON.parse(line) as RequestLogLine) });
    const post = (headers: Record<string, string> = {}) =>
      request(app)
        .post('/api/years/2025/receipts')
        .set({ Authorization: 'Bearer hfi_demo_sekretariat', 'Idempotency-Key': 'k', ...headers })
        .send({ amount: '1', reference: 'x', receivedOn: '2025-01-01' });
    return { post, log, close: () => api.close() };
  };

  it('409 concurrency-conflict when another writer kept winning the race for the stream', async () => {
    const api = await build(async () => {
      throw new ConcurrencyError('year-2025', 3, 4);
    });
    const problem = expectProblem(await api.post(), 409, 'concurrency-conflict');
    expect(problem.details).toMatchObject({ stream: 'year-2025', expectedRevision: 3, actualRevision: 4, currentETag: 'W/"4"' });
    await api.close();
  });

  it('500 internal-error for anything unexpected, without leaking its message or stack; the log keeps it', async () => {
    const api = await build(async () => {
      throw new TypeError('secret internals at /srv/ledger/src/x.ts:12');
    });
    const response = await api.post();
    const problem = expectProblem(response, 500, 'internal-error');
    expect(JSON.stringify(problem)).not.toMatch(/secret|\.ts:|TypeError/);
    expect(problem.detail).toContain(response.headers['x-request-id']);
    expect(api.log.at(-1)).toMatchObject({ status: 500, error: { name: 'TypeError', message: expect.stringContaining('secret') } });
    await api.close();
  });
});

describe('idempotency keys', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  const receipt = { amount: '250000', reference: 'Tilleggsbevilgning', receivedOn: '2025-10-01' };

  it('the same key with the same body returns the first response (200, Idempotent-Replayed) and records one event', async () => {
    const before = await api.head();
    const first = await api.as('sekretariat').command('ReceiveFunds', { year: 2025, ...receipt }, 'receipt-2025-10');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await api.as('sekretariat').command('ReceiveFunds', { year: 2025, ...receipt }, 'receipt-2025-10');
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.events).toEqual(first.body.events);
    expect(again.body.replayed).toBe(true);
    expect(await api.head()).toBe(before + 1);
    const frame = await api.as('leser').get('/api/years/2025/frame');
    expect(frame.body.figures.received).toBe('10865000.00');
  });

  it('the same key with another body is refused (422 idempotency-key-reused) and the log is unchanged', async () => {
    const before = await api.head();
    const other = await api.as('sekretariat').command('ReceiveFunds', { year: 2025, ...receipt, amount: '350000' }, 'receipt-2025-10');
    expectProblem(other, 422, 'idempotency-key-reused');
    expect(await api.head()).toBe(before);
  });

  it('keys are namespaced per account: two members may use the same key', async () => {
    const leder = await api
      .as('leder')
      .command('CastVote', { caseNumber: '22.25', pointNumber: 1, choice: { answer: 'yes' }, effectiveDate: '2025-09-18' }, 'vote-1');
    const nestleder = await api
      .as('nestleder')
      .command('CastVote', { caseNumber: '22.25', pointNumber: 1, choice: { answer: 'yes' }, effectiveDate: '2025-09-18' }, 'vote-1');
    expect([leder.status, nestleder.status]).toEqual([201, 201]);
    expect([leder.body.idempotencyKey, nestleder.body.idempotencyKey]).toEqual(['leder:vote-1', 'nestleder:vote-1']);
  });

  it('a key in the body works like the header', async () => {
    const first = await api
      .as('sekretariat')
      .raw(
        '/api/partners',
        { idempotencyKey: 'partner-1', partnerId: 'helseregion-valdres', name: 'Helseregion Valdres', kind: 'health-region' },
        null,
      );
    const again = await api
      .as('sekretariat')
      .command('RegisterPartner', { partnerId: 'helseregion-valdres', name: 'Helseregion Valdres', kind: 'health-region' }, 'partner-1');
    expect([first.status, again.status]).toEqual([201, 200]);
  });

  it('the settlement is idempotent per year: a second call appends nothing and says so', async () => {
    const api2 = await httpFixture();
    const first = await api2.as('sekretariat').command('SettleYear', { year: 2024 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ year: 2024, alreadySettled: true, events: [] });
    expect(first.headers['idempotent-replayed']).toBe('true');
    await api2.close();
  });
});

describe('ETag and If-Match', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  const vote = { pointNumber: 1, choice: { answer: 'yes' }, effectiveDate: '2025-09-18' } as const;

  it('a write with the ETag of the case applies and returns the next ETag; the stale ETag is refused with 412 and nothing appended', async () => {
    const read = await api.as('leder').get('/api/cases/22.25');
    const etag = read.headers.etag as string;
    expect(etag).toMatch(/^W\/"\d+"$/);
    const first = await api
      .as('leder')
      .command('CastVote', { caseNumber: '22.25', ...vote })
      .set('If-Match', etag);
    expect(first.status).toBe(201);
    expect(first.headers.etag).toBe(`W/"${first.body.streamRevision}"`);
    expect(first.headers.etag).not.toBe(etag);
    expect((await api.as('leder').get('/api/cases/22.25')).headers.etag).toBe(first.headers.etag);

    const before = await api.head();
    const stale = await api
      .as('nestleder')
      .command('CastVote', { caseNumber: '22.25', ...vote })
      .set('If-Match', etag);
    const problem = expectProblem(stale, 412, 'precondition-failed');
    expect(problem.details).toMatchObject({ stream: 'case-22.25', currentETag: first.headers.etag });
    expect(await api.head()).toBe(before);
  });

  it("the frame's ETag guards writes to the year: a grant with a stale ETag → 412", async () => {
    const frame = await api.as('sekretariat').get('/api/years/2025/frame');
    const etag = frame.headers.etag as string;
    await api
      .as('sekretariat')
      .command('ReceiveFunds', { year: 2025, amount: '1000', reference: 'Renter', receivedOn: '2025-10-02' })
      .set('If-Match', etag)
      .expect(201);
    const before = await api.head();
    const stale = await api
      .as('sekretariat')
      .command('ReceiveFunds', { year: 2025, amount: '2000', reference: 'Renter', receivedOn: '2025-10-03' })
      .set('If-Match', etag);
    expectProblem(stale, 412, 'precondition-failed');
    expect(await api.head()).toBe(before);
  });

  it('W/"none" expects a stream that does not exist yet: a new case opens with it, and a later write with it is refused', async () => {
    const missing = await api.as('sekretariat').get('/api/years/2027/frame');
    expect(missing.headers.etag).toBe('W/"none"');
    const open = { caseNumber: '40.25', meetingDate: '2025-12-11', title: 'Nytt møte', effectiveDate: '2025-11-20' };
    expect((await api.as('sekretariat').command('OpenCase', open).set('If-Match', 'W/"none"')).status).toBe(201);
    const before = await api.head();
    const stale = await api
      .as('sekretariat')
      .command('ProposeResolution', {
        caseNumber: '40.25',
        points: [{ number: 1, text: 'Orientering tas til etterretning', alternatives: [], authorises: { kind: 'none' } }],
      })
      .set('If-Match', 'W/"none"');
    expectProblem(stale, 412, 'precondition-failed');
    expect(await api.head()).toBe(before);
  });

  it('the settlement honours If-Match too', async () => {
    const before = await api.head();
    const stale = await api.as('sekretariat').command('SettleYear', { year: 2025 }).set('If-Match', 'W/"0"');
    expectProblem(stale, 412, 'precondition-failed');
    expect(await api.head()).toBe(before);
  });

  it('a replay with a stale If-Match still returns the first result (the retry of a write that went through)', async () => {
    const read = await api.as('leder').get('/api/cases/22.25');
    const body = { pointNumber: 2, choice: { alternativeNumber: 1 }, effectiveDate: '2025-09-18' };
    const first = await api
      .as('leder')
      .command('CastVote', { caseNumber: '22.25', ...body }, 'retry-me')
      .set('If-Match', read.headers.etag as string);
    const retry = await api
      .as('leder')
      .command('CastVote', { caseNumber: '22.25', ...body }, 'retry-me')
      .set('If-Match', read.headers.etag as string);
    expect([first.status, retry.status]).toEqual([201, 200]);
  });
});
