/**
 * The HTTP API as the page uses it: the session cookie (HttpOnly, set by
 * `POST /api/session`), the CSRF token on every unsafe request, a fresh
 * Idempotency-Key per form submission, the page's language as Accept-Language (so the
 * server's words come in it), and problem+json errors as `ApiProblem`.
 */

import { permissionsOf } from '../../accounts/roles.js';
import type { CommandRequest } from './commands.js';
import { lang } from './i18n/index.js';
import type { Account, CommandResult, DocumentVerification, Explanation, Me, Scope, SignIn } from '../../http/responses.js';

export type {
  BalanceRow,
  BalancesReport,
  CaseDetail,
  CaseSummary,
  CommandResult,
  DocumentVerification,
  ExplainedRow,
  Explanation,
  FrameReport,
  Grant,
  MoneyDecision,
  Registry,
  Scope,
  TrailRow,
  YearEntries,
  PointAuthority,
} from '../../http/responses.js';

export type VoteChoice = { alternativeNumber: number } | { answer: 'yes' | 'no' | 'blank' };

export interface Session {
  account: Account;
  csrfToken: string;
  permissions: string[];
}

export interface Issue {
  path: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly issues: Issue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** As of when reads answer: a date, a log position, or now. */
export type AsOf = { date: string } | { position: number } | null;

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request finds the session gone (401), so the page can ask to log in again. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

async function problemOf(response: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // not JSON: fall back to the status line
  }
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? value : fallback);
  const issues = Array.isArray(body.issues)
    ? (body.issues as unknown[]).flatMap((issue) =>
        issue && typeof issue === 'object' && typeof (issue as Issue).message === 'string'
          ? [{ path: String((issue as Issue).path ?? ''), message: (issue as Issue).message }]
          : [],
      )
    : [];
  const details = body.details && typeof body.details === 'object' ? (body.details as Record<string, unknown>) : {};
  return new ApiProblem(
    response.status,
    text(body.code, `http-${response.status}`),
    text(body.title, response.statusText),
    text(body.detail, response.statusText),
    issues,
    details,
  );
}

function networkProblem(error: unknown): ApiProblem {
  return new ApiProblem(0, 'network', 'Network', error instanceof Error ? error.message : String(error));
}

/** A fetch in which not reaching the server is a problem like the server's own (status 0). */
async function reach(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (error: unknown) {
    throw networkProblem(error);
  }
}

/** The answer's JSON, or its problem; a 401 also tells the page that the session has ended. */
async function jsonOrProblem<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401) onUnauthenticated?.();
    throw problem;
  }
  return (await response.json()) as T;
}

function withParams(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  const query = search.toString();
  return query === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

export function asOfParams(asOf: AsOf): Record<string, string> {
  if (!asOf) return {};
  return 'date' in asOf ? { asOf: asOf.date } : { asOfPosition: String(asOf.position) };
}

/** A read; `asOf` is added when given. */
export async function get<T>(path: string, params: Record<string, string | number | null | undefined> = {}, asOf: AsOf = null): Promise<T> {
  const response = await reach(withParams(path, { ...params, ...asOfParams(asOf) }), {
    headers: { Accept: 'application/json', 'Accept-Language': lang() },
    credentials: 'same-origin',
  });
  return jsonOrProblem<T>(response);
}

/** A fresh idempotency key: a UUID (crypto.randomUUID where the page is a secure context). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An unsafe request with the CSRF token and, for a command, its idempotency key. */
async function send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const response = await reach(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Sends a file as the body of a POST (a spreadsheet to preview or import), with the CSRF token and, to record, an idempotency key. */
export async function sendFile<T>(path: string, file: Blob, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const response = await reach(path, { method: 'POST', headers, credentials: 'same-origin', body: file });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as T;
}

/**
 * Idempotency keys of submissions whose outcome is unknown (the network failed,
 * or the server answered 5xx), by what was sent: sending the same again reuses
 * the key, so a retry can never record the command twice. Any other answer
 * settles the submission; the next one gets a new key.
 */
const unsettled = new Map<string, string>();

/** Records a command (built by `commandRequest`): a POST with an idempotency key per submission. */
export async function command({ path, body }: CommandRequest): Promise<CommandResult> {
  const signature = `${path} ${JSON.stringify(body)}`;
  const key = unsettled.get(signature) ?? newIdempotencyKey();
  unsettled.set(signature, key);
  try {
    const result = await send<CommandResult>('POST', path, body, key);
    unsettled.delete(signature);
    return result;
  } catch (error: unknown) {
    const unknownOutcome = error instanceof ApiProblem && (error.status === 0 || error.status >= 500);
    if (!unknownOutcome) unsettled.delete(signature);
    throw error;
  }
}

/** Sends a document file, as it is, to be checked against the log figure by figure. */
export async function verifyDocumentFile(file: File): Promise<DocumentVerification> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await reach('/api/documents/verify', { method: 'POST', headers, credentials: 'same-origin', body: file });
  return jsonOrProblem<DocumentVerification>(response);
}

export async function signIn(username: string, password: string): Promise<Session> {
  const result = await send<SignIn>('POST', '/api/session', { username, password });
  setCsrfToken(result.csrfToken);
  return { account: result.account, csrfToken: result.csrfToken, permissions: permissionsOf(result.account.role) };
}

export async function signOut(): Promise<void> {
  try {
    await send<void>('DELETE', '/api/session');
  } finally {
    setCsrfToken(null);
  }
}

/** The current session, or null when there is none. */
export async function me(): Promise<Session | null> {
  const response = await reach('/api/me', {
    headers: { Accept: 'application/json', 'Accept-Language': lang() },
    credentials: 'same-origin',
  });
  if (response.status === 401) return null;
  if (!response.ok) throw await problemOf(response);
  const body = (await response.json()) as Me;
  setCsrfToken(body.csrfToken ?? null);
  return { account: body.account, csrfToken: body.csrfToken ?? '', permissions: body.permissions };
}

/** The next page of an explanation, from `page.nextHref` of the one before (it carries the as-of of the first). */
export async function nextExplanationPage(previous: Explanation): Promise<Explanation | null> {
  const href = previous.page?.nextHref;
  if (!href) return null;
  const question = href.indexOf('?');
  const params = Object.fromEntries(new URLSearchParams(question === -1 ? '' : href.slice(question + 1)));
  return get<Explanation>(question === -1 ? href : href.slice(0, question), params);
}

export function scopeText(scope: Scope): string {
  switch (scope.kind) {
    case 'total':
      return 'total';
    case 'unassigned':
      return 'unassigned';
    case 'programme-area':
      return `programme-area:${scope.programmeAreaId}`;
    case 'initiative':
      return `initiative:${scope.initiativeId}`;
    case 'proposal':
      return `proposal:${scope.proposalId}`;
    default:
      return 'total';
  }
}

/** An account of a posting (`year`, `initiative:ID`, `proposal:ID`) as the scope of its explanation. */
export function scopeOfAccount(account: string): string {
  return account === 'year' ? 'total' : account;
}
