import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EntityIdSchema } from '../../events/identifiers.js';
import { ApiTokens, migrateTokens } from './api-tokens.js';
import { isRole, type Role } from './roles.js';
import { DEFAULT_SCRYPT_COST, hashPassword, passwordMatches, randomPassword, randomSecret, sha256, wastePasswordCheck } from './secrets.js';
import type { Words } from '../shared/format.js';

/**
 * Named accounts, kept apart from the event log in their own SQLite file. The log
 * names an account in every event's `actor`; an account is therefore never
 * deleted, only deactivated, so every name in the log stays explained.
 */
export interface Account {
  /** Lower-case login name, recorded as `actor` in the events the account writes. */
  username: string;
  displayName: string;
  role: Role;
  /** For a `member`: the committee member (registry `memberId`) the account votes as. */
  memberId: string | null;
  active: boolean;
  createdAt: string;
  deactivatedAt: string | null;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Required for role `member`, refused for other roles. */
  memberId?: string;
  /** At least 12 characters; generated (24 random characters) when left out. */
  password?: string;
  /** A fixed API token (demo accounts only); generated when left out. */
  token?: string;
}

export interface CreatedAccount {
  account: Account;
  /** The password, shown this once: only its hash is kept. */
  password: string;
  /** An API token for `Authorization: Bearer …`, shown this once: only its hash is kept. */
  token: string;
}

export interface Session {
  /** The cookie value. Only its hash is kept. */
  sessionId: string;
  /** Must accompany every unsafe request made with the session cookie (header `X-CSRF-Token`). */
  csrfToken: string;
  expiresAt: string;
}

export interface ActiveSession {
  account: Account;
  csrfToken: string;
  expiresAt: string;
}

export interface AccountStoreOptions {
  clock?: () => Date;
  /** scrypt cost N for new password hashes. @defaultValue 2^15 */
  scryptCost?: number;
  /** How long a web session lasts. @defaultValue 8 hours */
  sessionTtlMs?: number;
  /** How long a new API token lasts; null for until revoked. @defaultValue null */
  tokenTtlMs?: number | null;
}

/** Which ledger an accounts file belongs to, by the log's first event. */
export interface LedgerIdentity {
  firstEventId: string;
  firstEventHash: string;
}

export type AccountErrorCode = 'invalid-account' | 'account-exists' | 'unknown-account' | 'not-demo-ledger';

/** A refused account operation, with a stable code. */
export class AccountError extends Error {
  /** The problem in bokmål and English, for the CLI; English only where none is given. */
  readonly words: Words;
  constructor(
    readonly code: AccountErrorCode,
    message: string,
    nb: string = message,
  ) {
    super(message);
    this.name = 'AccountError';
    this.words = { nb, en: message };
  }
}

/** 2–64 characters: lower-case letters, digits, `.`, `_`, `-`, starting with a letter. */
const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,63}$/;
const PASSWORD_MIN_LENGTH = 12;

interface AccountRow {
  username: string;
  display_name: string;
  role: string;
  member_id: string | null;
  active: number;
  created_at: string;
  deactivated_at: string | null;
  password_hash: string;
}

const toAccount = (row: AccountRow): Account => ({
  username: row.username,
  displayName: row.display_name,
  role: isRole(row.role) ? row.role : 'reader',
  memberId: row.member_id,
  active: row.active === 1,
  createdAt: row.created_at,
  deactivatedAt: row.deactivated_at,
});

export class AccountStore {
  private readonly clock: () => Date;
  private readonly scryptCost: number;
  private readonly sessionTtlMs: number;
  /** The statements of the per-request checks, prepared once. */
  private tokenStatement: Database.Statement<[string, string], AccountRow> | undefined;
  private sessionStatement: Database.Statement<[string], AccountRow & { csrf_token: string; expires_at: string }> | undefined;
  /** The account's API tokens: list, revoke, expiry. */
  readonly tokens: ApiTokens;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    options: AccountStoreOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
    this.sessionTtlMs = options.sessionTtlMs ?? 8 * 60 * 60 * 1000;
    this.tokens = new ApiTokens(db, this.clock, options.tokenTtlMs ?? null);
  }

  /** Opens (creating if needed) the accounts file, or an in-memory one for `:memory:`. */
  static open(path: string, options: AccountStoreOptions = {}): AccountStore {
    const location = path === ':memory:' ? path : resolve(path);
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    const db = new Database(location);
    if (location !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.exec(`
      CREATE TABLE IF NOT EXISTS accounts (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('secretariat', 'member', 'auditor', 'reader')),
        member_id TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        deactivated_at TEXT,
        password_hash TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS api_tokens (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES accounts (username),
        label TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE IF NOT EXISTS sessions (
        session_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES accounts (username),
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    migrateTokens(db);
    return new AccountStore(db, location, options);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private row(username: string): AccountRow | undefined {
    return this.db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE username = ?').get(username);
  }

  private requireRow(username: string): AccountRow {
    const row = this.row(username);
    if (!row)
      throw new AccountError(
        'unknown-account',
        `there is no account ${username}`,
        `det finnes ingen konto ${username} (se ledger user list)`,
      );
    return row;
  }

  /** Creates an account with a password and an API token; both are returned once. */
  async addAccount(input: NewAccount): Promise<CreatedAccount> {
    const problems: string[] = [];
    if (!USERNAME_PATTERN.test(input.username))
      problems.push('username must be 2–64 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter');
    if (input.displayName.trim() === '' || input.displayName.length > 200) problems.push('display name must be 1–200 characters');
    if (!isRole(input.role)) problems.push('role must be secretariat, member, auditor or reader');
    if (input.role === 'member' && input.memberId === undefined)
      problems.push('a member account needs the memberId of its committee member');
    if (input.role !== 'member' && input.memberId !== undefined) problems.push('only a member account is linked to a committee member');
    if (input.memberId !== undefined && !EntityIdSchema.safeParse(input.memberId).success)
      problems.push('memberId must be 1–64 lower-case letters, digits or dashes');
    if (input.password !== undefined && input.password.length < PASSWORD_MIN_LENGTH)
      problems.push(`password must be at least ${PASSWORD_MIN_LENGTH} characters`);
    if (input.token !== undefined && input.token.length < 16) problems.push('token must be at least 16 characters');
    if (problems.length > 0) throw new AccountError('invalid-account', problems.join('; '));
    if (this.row(input.username))
      throw new AccountError('account-exists', `account ${input.username} already exists`, `kontoen ${input.username} finnes fra før`);

    const password = input.password ?? randomPassword();
    const token = input.token ?? randomSecret('hfi_');
    const passwordHash = await hashPassword(password, this.scryptCost);
    const createdAt = this.now();
    this.db.transaction(() => {
      if (this.row(input.username))
        throw new AccountError('account-exists', `account ${input.username} already exists`, `kontoen ${input.username} finnes fra før`);
      this.db
        .prepare(
          `INSERT INTO accounts (username, display_name, role, member_id, active, created_at, deactivated_at, password_hash)
           VALUES (?, ?, ?, ?, 1, ?, NULL, ?)`,
        )
        .run(input.username, input.displayName.trim(), input.role, input.memberId ?? null, createdAt, passwordHash);
      this.tokens.insert(input.username, token, 'created with the account', { fixed: input.token !== undefined });
    })();
    return { account: toAccount(this.requireRow(input.username)), password, token };
  }

  /** A new API token for an account, shown this once. */
  issueToken(username: string, label?: string): string {
    if (this.requireRow(username).active !== 1)
      throw new AccountError('unknown-account', `account ${username} is deactivated`, `kontoen ${username} er deaktivert`);
    return this.tokens.issue(username, label ?? null);
  }

  /** Sets a new password (generated when left out) and ends the account's sessions. Returns it, shown this once. */
  async setPassword(username: string, password?: string): Promise<string> {
    this.requireRow(username);
    if (password !== undefined && password.length < PASSWORD_MIN_LENGTH)
      throw new AccountError('invalid-account', `password must be at least ${PASSWORD_MIN_LENGTH} characters`);
    const chosen = password ?? randomPassword();
    const passwordHash = await hashPassword(chosen, this.scryptCost);
    this.db.transaction(() => {
      this.db.prepare('UPDATE accounts SET password_hash = ? WHERE username = ?').run(passwordHash, username);
      this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
    })();
    return chosen;
  }

  /**
   * Deactivates an account: it can no longer sign in, its tokens are revoked and its
   * sessions ended. The row stays, so the `actor` of its events stays explained.
   */
  deactivate(username: string): Account {
    const row = this.requireRow(username);
    if (row.active === 1) {
      const now = this.now();
      this.db.transaction(() => {
        this.db.prepare('UPDATE accounts SET active = 0, deactivated_at = ? WHERE username = ?').run(now, username);
        this.tokens.revokeAllOf(username, now);
        this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
      })();
    }
    return toAccount(this.requireRow(username));
  }

  /** Lets a deactivated account sign in again with its password; its old tokens stay revoked (issue a new one). */
  reactivate(username: string): Account {
    this.requireRow(username);
    this.db.prepare('UPDATE accounts SET active = 1, deactivated_at = NULL WHERE username = ?').run(username);
    return toAccount(this.requireRow(username));
  }

  /** The ledger this accounts file was marked as the demo of, if any. */
  demoLedger(): LedgerIdentity | null {
    const row = this.db.prepare<[], { value: string }>("SELECT value FROM settings WHERE name = 'demo-ledger'").get();
    return row ? (JSON.parse(row.value) as LedgerIdentity) : null;
  }

  /** Marks this accounts file as belonging to the demo ledger whose log starts with this event. */
  markDemoLedger(identity: LedgerIdentity): void {
    this.db
      .prepare("INSERT INTO settings (name, value) VALUES ('demo-ledger', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify({ firstEventId: identity.firstEventId, firstEventHash: identity.firstEventHash }));
  }

  get(username: string): Account | null {
    const row = this.row(username);
    return row ? toAccount(row) : null;
  }

  /** Every account, active or not, by username. */
  list(): Account[] {
    return this.db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY username').all().map(toAccount);
  }

  /** The active account when the password is right; null otherwise (unknown, deactivated or wrong). */
  async verifyPassword(username: string, password: string): Promise<Account | null> {
    const row = this.row(username);
    if (!row) {
      await wastePasswordCheck(this.scryptCost);
      return null;
    }
    const matches = await passwordMatches(password, row.password_hash);
    return matches && row.active === 1 ? toAccount(row) : null;
  }

  /** The active account an API token belongs to, or null. */
  verifyToken(token: string): Account | null {
    // Looked up on every request (a revocation or deactivation by another process
    // counts at once); only the statement is prepared once.
    this.tokenStatement ??= this.db.prepare<[string, string], AccountRow>(
      `SELECT accounts.* FROM api_tokens JOIN accounts USING (username)
       WHERE api_tokens.token_hash = ? AND api_tokens.revoked_at IS NULL AND accounts.active = 1
         AND (api_tokens.expires_at IS NULL OR api_tokens.expires_at > ?)`,
    );
    const row = this.tokenStatement.get(sha256(token), this.now());
    return row ? toAccount(row) : null;
  }

  /** Starts a web session for an active account. */
  createSession(username: string): Session {
    const row = this.requireRow(username);
    if (row.active !== 1)
      throw new AccountError('unknown-account', `account ${username} is deactivated`, `kontoen ${username} er deaktivert`);
    const now = this.clock();
    const sessionId = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = new Date(now.getTime() + this.sessionTtlMs).toISOString();
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
    this.db
      .prepare('INSERT INTO sessions (session_hash, username, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(sha256(sessionId), username, csrfToken, now.toISOString(), expiresAt);
    return { sessionId, csrfToken, expiresAt };
  }

  /** The session of a cookie value, if it is current and its account active; null otherwise. */
  sessionFrom(sessionId: string): ActiveSession | null {
    this.sessionStatement ??= this.db.prepare<[string], AccountRow & { csrf_token: string; expires_at: string }>(
      `SELECT accounts.*, sessions.csrf_token, sessions.expires_at FROM sessions JOIN accounts USING (username)
       WHERE sessions.session_hash = ? AND accounts.active = 1`,
    );
    const row = this.sessionStatement.get(sha256(sessionId));
    if (!row || row.expires_at <= this.now()) return null;
    return { account: toAccount(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  endSession(sessionId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE session_hash = ?').run(sha256(sessionId));
  }

  close(): void {
    this.db.close();
  }
}
