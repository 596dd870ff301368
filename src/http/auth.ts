import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AccountStore } from '../accounts/account-store.js';
import { can, type Permission, type Role } from '../accounts/roles.js';
import { demoCredentialsAllowed, isPublishedDemoToken } from '../accounts/demo.js';
import { sameSecret } from '../accounts/secrets.js';
import type { EventStore } from '../store/port.js';
import { ownMemberField, type CommandType } from '../commands/table.js';
import { contextOf, type Authentication } from './context.js';
import { HttpProblem } from './problem.js';
import { words, type Words } from '../shared/format.js';

/**
 * Two ways to prove who one is:
 * - `Authorization: Bearer <token>`: an API token (scripts, the CLI, curl);
 * - the `ledger_session` cookie from `POST /api/session` (the browser). A cookie is
 *   sent by the browser on its own, so every unsafe request made with it must also
 *   carry the session's CSRF token in `X-CSRF-Token`.
 * A bearer token wins when both are present.
 */
export const SESSION_COOKIE = 'ledger_session';
const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What an endpoint requires: nothing, a read permission, or the right to record a command. */
export type Access = { kind: 'public' } | { kind: 'read'; permission: Permission } | { kind: 'write'; commandType: CommandType | 'any' };

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Resolves the credentials of a request (if any) into `context.auth`; refusing is left to `guard`. */
export function authenticate(accounts: AccountStore, store: EventStore): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const context = contextOf(res);
    const authorization = req.get('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer[ ]+([\x21-\x7e]{1,512})\s*$/i.exec(authorization);
      const account = match ? accounts.verifyToken(match[1]!) : null;
      if (account && isPublishedDemoToken(match![1]!)) {
        // A published demo token counts only on the demo ledger.
        demoCredentialsAllowed(store, accounts).then((allowed) => {
          if (allowed) context.auth = { account, via: 'token' };
          else {
            context.authFailure = words(
              'En publisert demonøkkel avvises: dette lageret er ikke demoregisteret.',
              'a published demo token is refused: this store is not the demo ledger',
            );
            context.security = { event: 'demo-credentials-refused', username: account.username };
          }
          next();
        }, next);
        return;
      }
      if (account) context.auth = { account, via: 'token' };
      else
        context.authFailure = match
          ? words(
              'API-nøkkelen er ikke gyldig (ukjent, trukket tilbake, eller kontoen er deaktivert).',
              'the API token is not valid (unknown, revoked, or its account is deactivated)',
            )
          : words('Authorization-hodet må være "Bearer <nøkkel>".', 'the Authorization header must be "Bearer <token>"');
      next();
      return;
    }
    const sessionId = cookieValue(req.get('cookie'), SESSION_COOKIE);
    if (sessionId !== undefined) {
      const session = accounts.sessionFrom(sessionId);
      if (session)
        context.auth = {
          account: session.account,
          via: 'session',
          session: { sessionId, csrfToken: session.csrfToken, expiresAt: session.expiresAt },
        };
      else
        context.authFailure = words(
          'Økten er over eller ikke gyldig; logg inn igjen.',
          'the session has ended or is not valid; sign in again',
        );
    }
    next();
  };
}

/** A request the account's role may not make: `what` says what it may not do. */
export function forbidden(auth: Authentication, what: Words): HttpProblem {
  const { username, role } = auth.account;
  return new HttpProblem(
    403,
    'forbidden',
    words(`Kontoen ${username} (rollen ${role}) kan ikke ${what.nb}.`, `account ${username} (role ${role}) may not ${what.en}`),
  );
}

/** The CSRF check of a cookie-authenticated unsafe request. */
export function requireCsrfToken(req: Request, auth: Authentication): void {
  if (auth.via !== 'session' || SAFE_METHODS.has(req.method) || !auth.session) return;
  const sent = req.get(CSRF_HEADER);
  if (sent === undefined || !sameSecret(sent, auth.session.csrfToken))
    throw new HttpProblem(
      403,
      'csrf-token-invalid',
      words(
        'En forespørsel med øktens informasjonskapsel må ha øktens CSRF-nøkkel i X-CSRF-Token-hodet.',
        "a request made with the session cookie must carry the session's CSRF token in the X-CSRF-Token header",
      ),
    );
}

/** Whether a role may record a command: any with `write:commands`; one a member records as its own member (a vote) with `write:own-vote`. */
export function roleMayWrite(role: Role, commandType: CommandType | 'any'): boolean {
  if (can(role, 'write:commands')) return true;
  return can(role, 'write:own-vote') && (commandType === 'any' || ownMemberField(commandType) !== undefined);
}

export function mayWrite(auth: Authentication, commandType: CommandType | 'any'): boolean {
  return roleMayWrite(auth.account.role, commandType);
}

/** The account of an authenticated request; 401 when there is none. */
export function requireAuthentication(res: Response): Authentication {
  const context = contextOf(res);
  if (context.auth) return context.auth;
  throw new HttpProblem(
    401,
    context.authFailure ? 'invalid-credentials' : 'unauthenticated',
    context.authFailure ??
      words(
        'Send "Authorization: Bearer <nøkkel>", eller logg inn med POST /api/session.',
        'send "Authorization: Bearer <token>" or sign in with POST /api/session',
      ),
  );
}

/** Refuses a request its account may not make: 401 without credentials, 403 for the wrong role or a missing CSRF token. */
export function guard(access: Access): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (access.kind === 'public') {
      next();
      return;
    }
    const auth = requireAuthentication(res);
    requireCsrfToken(req, auth);
    const allowed = access.kind === 'read' ? can(auth.account.role, access.permission) : mayWrite(auth, access.commandType);
    if (!allowed) {
      const what =
        access.kind === 'read'
          ? words(`lese ${access.permission.replace('read:', '')}`, access.permission.replace('read:', 'read '))
          : access.commandType === 'any'
            ? words('registrere kommandoer', 'record commands')
            : words(`registrere ${access.commandType}`, `record ${access.commandType}`);
      throw forbidden(auth, what);
    }
    next();
  };
}
