import type { CookieOptions, Request, Response } from 'express';
import { z } from 'zod';
import type { Account } from '../accounts/account-store.js';
import { demoCredentialsAllowed, isPublishedDemoPassword } from '../accounts/demo.js';
import { permissionsOf } from '../accounts/roles.js';
import { PasswordCheckBusyError } from '../accounts/secrets.js';
import { issuesOf } from '../app/command-handler.js';
import { actorRefOf } from '../operations/logger.js';
import { SESSION_COOKIE, cookieValue, requireAuthentication, requireCsrfToken } from './auth.js';
import { contextOf, type Dependencies } from './context.js';
import { HttpProblem } from './problem.js';
import type { RouteSpec } from './routes.js';
import type { Lockout } from './sign-in-throttle.js';
import { words } from '../shared/format.js';

/**
 * The browser's way in: `POST /api/session` with username and password sets the
 * `ledger_session` cookie (HttpOnly, SameSite=Strict, Path=/, Secure over https)
 * and answers with the CSRF token the page must send on every unsafe request.
 */
const SignIn = z.strictObject({
  username: z.string({ error: 'username is required' }).min(1, { error: 'username is required' }).max(64),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }).max(1024),
});

function publicAccount(account: Account) {
  return { username: account.username, displayName: account.displayName, role: account.role, memberId: account.memberId };
}

function cookieOptions(req: Request, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure, ...(expires ? { expires } : {}) };
}

/** 429 with Retry-After: the attempt is not even checked. */
function tooManyAttempts(res: Response, lockout: Lockout): HttpProblem {
  res.set('Retry-After', String(lockout.retryAfterSeconds));
  return new HttpProblem(
    429,
    'too-many-sign-in-attempts',
    words(
      `For mange mislykkede innlogginger (${lockout.scope === 'address' ? 'fra denne adressen' : lockout.scope === 'account' ? 'for denne kontoen' : 'for denne kontoen fra denne adressen'}); prøv igjen om ${lockout.retryAfterSeconds} s.`,
      `too many failed sign-ins (${lockout.scope === 'address' ? 'from this address' : lockout.scope === 'account' ? 'for this account' : 'for this account from this address'}); try again in ${lockout.retryAfterSeconds} s`,
    ),
    { details: { retryAfterSeconds: lockout.retryAfterSeconds, scope: lockout.scope } },
  );
}

/**
 * The password check behind the throttle: refused while locked out; a wrong password,
 * an unknown user and a published demo password on a store that is not the demo ledger
 * all count as failures and are answered alike; the lock-out a failure starts is logged.
 */
async function checkPassword(
  deps: Dependencies,
  req: Request,
  res: Response,
  given: { username: string; password: string },
): Promise<Account> {
  const { accounts, signInThrottle } = deps;
  const context = contextOf(res);
  const username = given.username.toLowerCase();
  const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const locked = await signInThrottle.locked(username, address);
  if (locked) {
    context.security = {
      event: 'sign-in-locked',
      actorRef: actorRefOf(username),
      address,
      scope: locked.scope,
      retryAfterSeconds: locked.retryAfterSeconds,
    };
    throw tooManyAttempts(res, locked);
  }
  const demoRefused =
    isPublishedDemoPassword(given.username, given.password) && !(await demoCredentialsAllowed(deps.ledger.store, accounts));
  let account: Account | null;
  try {
    account = demoRefused ? null : await accounts.verifyPassword(given.username, given.password);
  } catch (error: unknown) {
    if (!(error instanceof PasswordCheckBusyError)) throw error;
    res.set('Retry-After', '1');
    throw new HttpProblem(429, 'sign-in-busy', words('Mange innlogginger sjekkes akkurat nå; prøv igjen om et øyeblikk.', error.message));
  }
  if (account) {
    await signInThrottle.succeeded(username, address);
    return account;
  }
  const lockout = await signInThrottle.failed(username, address);
  if (lockout)
    context.security = {
      event: 'sign-in-lockout',
      actorRef: actorRefOf(username),
      address,
      scope: lockout.scope,
      lockouts: lockout.lockouts,
      lockedForSeconds: lockout.retryAfterSeconds,
    };
  else if (demoRefused) context.security = { event: 'demo-credentials-refused', actorRef: actorRefOf(username) };
  throw new HttpProblem(
    401,
    'invalid-credentials',
    demoRefused
      ? words(
          'Det publiserte demopassordet avvises: dette lageret er ikke demoregisteret.',
          'the published demo password is refused: this store is not the demo ledger',
        )
      : words(
          'Brukernavnet eller passordet er feil, eller kontoen er deaktivert.',
          'the username or password is wrong, or the account is deactivated',
        ),
  );
}

/** The session routes, in the order express matches them: sign in, sign out, who am I. */
export function sessionRoutes(deps: Dependencies): RouteSpec[] {
  return [signInRoute(deps), signOutRoute(deps), meRoute()];
}

function signInRoute(deps: Dependencies): RouteSpec {
  const { accounts } = deps;
  return {
    method: 'post',
    path: '/api/session',
    operationId: 'signIn',
    summary: 'Sign in with username and password: sets the session cookie, returns the CSRF token',
    tag: 'session',
    access: { kind: 'public' },
    body: {
      schema: {
        type: 'object',
        properties: { username: { type: 'string' }, password: { type: 'string' } },
        required: ['username', 'password'],
        additionalProperties: false,
      },
      required: true,
    },
    success: {
      status: 201,
      description: 'Signed in; Set-Cookie: ledger_session',
      schema: { type: 'object', description: '{ csrfToken, expiresAt, account }' },
    },
    problems: [400, 401, 413, 415, 429],
    handle: async (req, res) => {
      const parsed = SignIn.safeParse(req.body);
      if (!parsed.success)
        throw new HttpProblem(
          400,
          'invalid-request',
          words('Send {"username": …, "password": …}.', 'send {"username": …, "password": …}'),
          {
            issues: issuesOf(parsed.error),
          },
        );
      const account = await checkPassword(deps, req, res, parsed.data);
      const session = accounts.createSession(account.username);
      contextOf(res).auth = { account, via: 'session', session };
      res.cookie(SESSION_COOKIE, session.sessionId, cookieOptions(req, new Date(session.expiresAt)));
      res.status(201).json({ csrfToken: session.csrfToken, expiresAt: session.expiresAt, account: publicAccount(account) });
    },
  };
}

function signOutRoute(deps: Dependencies): RouteSpec {
  const { accounts } = deps;
  return {
    method: 'delete',
    path: '/api/session',
    operationId: 'signOut',
    summary: 'Sign out: ends the session and clears the cookie (needs X-CSRF-Token)',
    tag: 'session',
    access: { kind: 'public' },
    success: { status: 204, description: 'Signed out (also when there was no session)' },
    problems: [403],
    handle: (req, res) => {
      const auth = contextOf(res).auth;
      if (auth?.via === 'session' && auth.session) {
        requireCsrfToken(req, auth);
        accounts.endSession(auth.session.sessionId);
      } else {
        const stale = cookieValue(req.get('cookie'), SESSION_COOKIE);
        if (stale !== undefined && auth === null) accounts.endSession(stale);
      }
      res.clearCookie(SESSION_COOKIE, cookieOptions(req));
      res.status(204).end();
    },
  };
}

function meRoute(): RouteSpec {
  return {
    method: 'get',
    path: '/api/me',
    operationId: 'me',
    summary: 'The signed-in account, its role and what it may do',
    tag: 'session',
    access: { kind: 'read', permission: 'read:summaries' },
    success: {
      status: 200,
      description: 'The account',
      schema: { type: 'object', description: '{ account, authenticatedBy, permissions, csrfToken? }' },
    },
    problems: [401],
    handle: (_req: Request, res: Response) => {
      const auth = requireAuthentication(res);
      res.json({
        account: publicAccount(auth.account),
        authenticatedBy: auth.via,
        permissions: permissionsOf(auth.account.role),
        ...(auth.session ? { csrfToken: auth.session.csrfToken, expiresAt: auth.session.expiresAt } : {}),
      });
    },
  };
}
