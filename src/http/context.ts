import type { Response } from 'express';
import type { Account, AccountStore } from '../accounts/account-store.js';
import type { AfterSettlement } from '../app/settlement.js';
import type { Ledger } from '../ledger.js';
import type { OperationsStatus } from '../operations/status.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import type { Words } from '../shared/format.js';

/** What the HTTP edge needs of a ledger: its store, its command handler and its queries. */
export type LedgerEdge = Pick<Ledger, 'store' | 'handler' | 'reader'>;

export interface Dependencies {
  ledger: LedgerEdge;
  accounts: AccountStore;
  clock: () => Date;
  /** Run after a settlement was recorded, by either endpoint (the server signs a checkpoint). */
  afterSettlement?: AfterSettlement | undefined;
  /** Counts failed sign-ins and locks out guessing. */
  signInThrottle: SignInThrottle;
  /** The checkpoints' guard and the last backup, for /api/health. */
  operations?: OperationsStatus | undefined;
}

/** Who made a request, and how they proved it. */
export interface Authentication {
  account: Account;
  via: 'token' | 'session';
  /** For a session: its cookie value and CSRF token. */
  session?: { sessionId: string; csrfToken: string; expiresAt: string };
}

/** Per-request state the middleware share (kept in `res.locals`). */
export interface RequestContext {
  /** A ULID; returned as `X-Request-Id` and recorded as the correlationId of the events a write records. */
  requestId: string;
  auth: Authentication | null;
  /** Why the credentials given were not accepted (then `auth` is null). */
  authFailure: Words | null;
  /** True when the request carried an If-Match the handler was asked to hold to. */
  ifMatch: boolean;
  /** An unexpected error, for the request log (never sent to the client). */
  error: unknown;
  /** A security event of the request (a sign-in lock-out, a refused demo credential), for the request log. */
  security?: Record<string, unknown>;
  /** The pattern of the route that took the request (`/api/years/:year/frame`), for the log and the metrics. */
  route?: string;
}

export function contextOf(res: Response): RequestContext {
  const context = (res.locals as { context?: RequestContext }).context;
  if (!context) throw new Error('the request context is set by the first middleware');
  return context;
}

export function setContext(res: Response, context: RequestContext): void {
  (res.locals as { context?: RequestContext }).context = context;
}
