import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import pLimit from 'p-limit';

/**
 * Passwords are kept as scrypt hashes with a per-account random salt, in the
 * self-describing form `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the
 * cost can be raised later without breaking stored hashes. API tokens and session
 * ids are random and kept only as SHA-256 hashes: whoever reads the accounts file
 * cannot use what is in it.
 */

/** The scrypt cost parameter N (a power of two). 2^15 costs about 32 MiB and tens of milliseconds. */
export const DEFAULT_SCRYPT_COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/**
 * scrypt runs on libuv's small thread pool (4 threads), which file reads and other
 * crypto share. A flood of sign-ins must not take all of it, nor queue without end
 * (each running hash holds 32 MiB): at most two hash at once, at most 64 wait, and
 * beyond that a check is refused at once with `PasswordCheckBusyError`.
 */
const SCRYPT_AT_ONCE = 2;
const SCRYPT_WAITING = 64;
const hashing = pLimit(SCRYPT_AT_ONCE);

/** Too many password checks are running or waiting; try again in a moment. */
export class PasswordCheckBusyError extends Error {
  readonly code = 'password-check-busy';
  constructor() {
    super(`${SCRYPT_AT_ONCE} password checks are running and ${SCRYPT_WAITING} are waiting; try again in a moment`);
    this.name = 'PasswordCheckBusyError';
  }
}

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  if (hashing.pendingCount >= SCRYPT_WAITING) return Promise.reject(new PasswordCheckBusyError());
  return hashing(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

function scryptOptions(cost: number, blockSize: number, parallelism: number): ScryptOptions {
  // Node's default memory cap (32 MiB) is exactly what N = 2^15, r = 8 needs; leave headroom.
  return { N: cost, r: blockSize, p: parallelism, maxmem: 256 * cost * blockSize + 1024 * 1024 };
}

export async function hashPassword(password: string, cost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(password, salt, scryptOptions(cost, BLOCK_SIZE, PARALLELISM));
  return ['scrypt', cost, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when the password matches the stored hash. Compares in constant time. */
export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelism, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !blockSize || !parallelism || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(
    password,
    Buffer.from(salt, 'base64url'),
    scryptOptions(Number(cost), Number(blockSize), Number(parallelism)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Spends the time a password check takes, for a username that does not exist, so
 * the response time does not tell which usernames do.
 */
export async function wastePasswordCheck(cost = DEFAULT_SCRYPT_COST): Promise<void> {
  await scryptAsync('not a password', randomBytes(SALT_LENGTH), scryptOptions(cost, BLOCK_SIZE, PARALLELISM));
}

/** A random secret of 32 bytes, base64url, with a prefix that says what it is (`hfi_` for API tokens). */
export function randomSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** A generated password: 24 characters of base64url (144 bits). */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Compares two strings in constant time (for CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(sha256(a), 'hex');
  const right = Buffer.from(sha256(b), 'hex');
  return timingSafeEqual(left, right) && a.length === b.length;
}
