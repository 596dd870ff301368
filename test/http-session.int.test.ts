import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFixture, problemOf, type HttpFixture } from './support/http.js';

/** The browser's way in: a session cookie, and a CSRF token on every unsafe request made with it. */
async function signIn(api: HttpFixture, username: string, password: string) {
  const response = await api.anonymous().post('/api/session').send({ username, password });
  const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = setCookie.find((line) => line.startsWith('ledger_session='));
  return { response, setCookie: cookie, cookie: cookie?.split(';')[0] ?? '', csrfToken: response.body.csrfToken as string };
}

const vote = { pointNumber: 1, choice: { answer: 'yes' }, effectiveDate: '2025-09-18' } as const;

describe('web sessions', () => {
  let api: HttpFixture;
  beforeAll(async () => {
    api = await httpFixture();
  });
  afterAll(() => api.close());

  it('POST /api/session with the right password sets an HttpOnly, SameSite=Strict cookie on / and returns the CSRF token', async () => {
    const { response, setCookie, csrfToken } = await signIn(api, 'leder', 'demo-leder-ssu');
    expect(response.status).toBe(201);
    expect(response.body.account).toEqual({ username: 'leder', displayName: 'Leder av SSU (demo)', role: 'member', memberId: 'leder' });
    expect(csrfToken.length).toBeGreaterThan(20);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/);
  });

  it('the cookie is Secure when the request came over https (behind a trusted proxy)', async () => {
    const behindProxy = await httpFixture({ trustProxy: 1 });
    const response = await behindProxy
      .anonymous()
      .post('/api/session')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: 'leder', password: 'demo-leder-ssu' });
    expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).join()).toMatch(/; Secure/);
    await behindProxy.close();
  });

  it('a wrong password, an unknown user and a missing field are refused alike, without a cookie', async () => {
    for (const body of [
      { username: 'leder', password: 'wrong-password' },
      { username: 'ingen', password: 'demo-leder-ssu' },
    ]) {
      const response = await api.anonymous().post('/api/session').send(body);
      expect(response.status).toBe(401);
      expect(problemOf(response).code).toBe('invalid-credentials');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const missing = await api.anonymous().post('/api/session').send({ username: 'leder' });
    expect(missing.status).toBe(400);
    expect(problemOf(missing).issues).toEqual([expect.objectContaining({ path: 'password' })]);
    const form = await api.anonymous().post('/api/session').type('form').send({ username: 'leder', password: 'demo-leder-ssu' });
    expect(form.status).toBe(415);
  });

  it('reads work with the cookie alone; /api/me returns the CSRF token again', async () => {
    const { cookie, csrfToken } = await signIn(api, 'revisor', 'demo-revisor-1');
    const me = await api.anonymous().get('/api/me').set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ account: { username: 'revisor', role: 'auditor' }, authenticatedBy: 'session', csrfToken });
    expect((await api.anonymous().get('/api/events?limit=1').set('Cookie', cookie)).status).toBe(200);
  });

  it('an unsafe request with the cookie but without the right X-CSRF-Token → 403 csrf-token-invalid, nothing appended', async () => {
    const { cookie } = await signIn(api, 'leder', 'demo-leder-ssu');
    const before = await api.head();
    for (const token of [undefined, 'not-the-token']) {
      const attempt = api.anonymous().post('/api/cases/22.25/votes').set('Cookie', cookie).set('Idempotency-Key', api.nextKey());
      if (token) attempt.set('X-CSRF-Token', token);
      const response = await attempt.send(vote);
      expect(response.status).toBe(403);
      expect(problemOf(response).code).toBe('csrf-token-invalid');
    }
    expect(await api.head()).toBe(before);
  });

  it('with the CSRF token the write is recorded with the account as actor and the request id as correlation id', async () => {
    const { cookie, csrfToken } = await signIn(api, 'sekretariat', 'demo-sekretariat');
    const response = await api
      .anonymous()
      .post('/api/cases/22.25/votes')
      .set({ Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Idempotency-Key': api.nextKey() })
      .send({ memberId: 'kommune-nord', ...vote });
    expect(response.status).toBe(201);
    const recorded = await api.as('revisor').get(`/api/events?after=${response.body.events[0].position - 1}&limit=1`);
    expect(recorded.body.events[0].metadata).toMatchObject({
      actor: 'sekretariat',
      correlationId: response.headers['x-request-id'],
      idempotencyKey: expect.stringMatching(/^sekretariat:/),
    });
  });

  it('a bearer token needs no CSRF token, even when a session cookie is sent too', async () => {
    const { cookie } = await signIn(api, 'nestleder', 'demo-nestleder');
    const response = await api
      .as('nestleder')
      .command('CastVote', { caseNumber: '22.25', ...vote })
      .set('Cookie', cookie);
    expect(response.status).toBe(201);
  });

  it('DELETE /api/session needs the CSRF token, ends the session and clears the cookie', async () => {
    const { cookie, csrfToken } = await signIn(api, 'leser', 'demo-leser-123');
    const without = await api.anonymous().delete('/api/session').set('Cookie', cookie);
    expect(without.status).toBe(403);
    expect((await api.anonymous().get('/api/me').set('Cookie', cookie)).status).toBe(200);
    const out = await api.anonymous().delete('/api/session').set('Cookie', cookie).set('X-CSRF-Token', csrfToken);
    expect(out.status).toBe(204);
    expect(([] as string[]).concat(out.headers['set-cookie'] ?? []).join()).toMatch(/ledger_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await api.anonymous().get('/api/me').set('Cookie', cookie);
    expect(after.status).toBe(401);
    expect(problemOf(after).code).toBe('invalid-credentials');
  });

  it('a deactivated account can no longer use its token, its session or its password; its name stays in the log', async () => {
    await api.accounts.addAccount({
      username: 'vikar',
      displayName: 'Vikar i sekretariatet',
      role: 'secretariat',
      password: 'vikar-passord-1',
      token: 'hfi_vikar_token_for_test',
    });
    const { cookie } = await signIn(api, 'vikar', 'vikar-passord-1');
    const recorded = await request(api.app)
      .post('/api/partners')
      .set({ Authorization: 'Bearer hfi_vikar_token_for_test', 'Idempotency-Key': 'vikar-1' })
      .send({ partnerId: 'helseregion-hadeland', name: 'Helseregion Hadeland', kind: 'health-region' });
    expect(recorded.status).toBe(201);
    api.accounts.deactivate('vikar');
    expect((await request(api.app).get('/api/years').set('Authorization', 'Bearer hfi_vikar_token_for_test')).status).toBe(401);
    expect((await api.anonymous().get('/api/years').set('Cookie', cookie)).status).toBe(401);
    expect((await api.anonymous().post('/api/session').send({ username: 'vikar', password: 'vikar-passord-1' })).status).toBe(401);
    expect(api.accounts.get('vikar')).toMatchObject({ active: false, role: 'secretariat' });
    const trail = await api.as('revisor').get(`/api/events?after=${recorded.body.events[0].position - 1}&limit=1`);
    expect(trail.body.events[0].metadata.actor).toBe('vikar');
  });
});
