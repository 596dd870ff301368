import { createHash } from 'node:crypto';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The server's structured log: one JSON object a line (pino), on stdout unless a writer is
 * given. What it may hold is narrow on purpose: no password, token, cookie or session id,
 * and no person's name or username — an account appears as its role and `actorRef`, the
 * first 12 hex digits of the SHA-256 of its username, which an operator who knows the
 * username can compute (docs/operations.md#logs) and nobody else can read. The redaction
 * below is a second line of defence for a field someone adds by mistake.
 */
const REDACTED_KEYS = ['password', 'token', 'cookie', 'authorization', 'sessionId', 'csrfToken', 'username', 'displayName'];

export interface LoggerOptions {
  /** Where each line goes (tests); the process's stdout, written asynchronously, when left out. */
  write?: (line: string) => void;
  /** @defaultValue 'info' */
  level?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.write ? { write: options.write } : pino.destination({ dest: 1, sync: false });
  return pino(
    {
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: '[redacted]' },
    },
    destination,
  );
}

/** The pseudonym of an account in the log: the first 12 hex digits of SHA-256 of its (lower-case) username. */
export function actorRefOf(username: string): string {
  return createHash('sha256').update(username.toLowerCase()).digest('hex').slice(0, 12);
}
