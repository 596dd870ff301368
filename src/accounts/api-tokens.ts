import type Database from 'better-sqlite3';
import { randomSecret, sha256 } from './secrets.js';
import type { Words } from '../shared/format.js';

/**
 * API tokens (`Authorization: Bearer hfi_…`), kept as SHA-256 hashes. A token is named
 * by its id, the first 12 hex digits of its hash: enough to list and revoke it one by
 * one, useless for signing in. A token lasts as long as the token lifetime setting
 * said when it was issued (none for tokens issued before the setting, or with it off).
 */
export interface ApiTokenInfo {
  id: string;
  username: string;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

class TokenError extends Error {
  /** The problem in bokmål and English, for the CLI. */
  readonly words: Words;
  constructor(
    readonly code: 'unknown-token' | 'ambiguous-token',
    message: string,
    nb: string,
  ) {
    super(message);
    this.name = 'TokenError';
    this.words = { nb, en: message };
  }
}

interface TokenRow {
  token_hash: string;
  username: string;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Adds the expiry column to files written before it. */
export function migrateTokens(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(api_tokens)').all();
  if (!columns.some((column) => column.name === 'expires_at')) db.exec('ALTER TABLE api_tokens ADD COLUMN expires_at TEXT');
}

export class ApiTokens {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    /** How long a new token lasts; null: until revoked. */
    private readonly ttlMs: number | null,
  ) {}

  /** Stores a token's hash; `fixed` tokens (the demo's published ones) never expire. */
  insert(username: string, token: string, label: string | null, options: { fixed?: boolean } = {}): void {
    const now = this.now();
    const expiresAt = this.ttlMs === null || options.fixed ? null : new Date(now.getTime() + this.ttlMs).toISOString();
    this.db
      .prepare('INSERT INTO api_tokens (token_hash, username, label, created_at, revoked_at, expires_at) VALUES (?, ?, ?, ?, NULL, ?)')
      .run(sha256(token), username, label, now.toISOString(), expiresAt);
  }

  issue(username: string, label: string | null): string {
    const token = randomSecret('hfi_');
    this.insert(username, token, label);
    return token;
  }

  list(username?: string): ApiTokenInfo[] {
    const rows = username
      ? this.db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE username = ? ORDER BY created_at, token_hash').all(username)
      : this.db.prepare<[], TokenRow>('SELECT * FROM api_tokens ORDER BY username, created_at, token_hash').all();
    const now = this.now().toISOString();
    return rows.map((row) => ({
      id: row.token_hash.slice(0, 12),
      username: row.username,
      label: row.label,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      state: row.revoked_at !== null ? 'revoked' : row.expires_at !== null && row.expires_at <= now ? 'expired' : 'active',
    }));
  }

  /** Revokes the one token whose id starts with `id` (at least 6 hex digits). */
  revoke(id: string): ApiTokenInfo {
    if (!/^[0-9a-f]{6,64}$/.test(id))
      throw new TokenError(
        'unknown-token',
        `a token id is 6–64 hex digits as "ledger token list" shows, not "${id}"`,
        `en nøkkels id er 6–64 heksadesimale sifre slik «ledger token list» viser den, ikke «${id}»`,
      );
    const rows = this.db.prepare<[string], TokenRow>("SELECT * FROM api_tokens WHERE token_hash LIKE ? || '%'").all(id);
    if (rows.length === 0)
      throw new TokenError('unknown-token', `there is no token ${id}`, `det finnes ingen nøkkel ${id} (se ledger token list)`);
    if (rows.length > 1)
      throw new TokenError(
        'ambiguous-token',
        `${rows.length} tokens start with ${id}; give more of the id`,
        `${rows.length} nøkler begynner med ${id}; gi mer av id-en`,
      );
    this.db
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL')
      .run(this.now().toISOString(), rows[0]!.token_hash);
    return this.list(rows[0]!.username).find((token) => rows[0]!.token_hash.startsWith(token.id))!;
  }

  revokeAllOf(username: string, at: string): void {
    this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL').run(at, username);
  }
}
