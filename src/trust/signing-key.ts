import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute } from 'node:path';

/**
 * The ledger's signing key: an Ed25519 key pair. The private key lives in a file of
 * its own, outside the store, readable by its owner only; the public key is written
 * beside it (`<key file>.pub`) and goes to the auditor, whose verifier needs nothing
 * else. Whoever holds the private key can sign any log: keep it away from the store's
 * copies and backups (docs/security.md).
 */
type SigningKeyErrorCode = 'no-signing-key' | 'signing-key-exists' | 'signing-key-exposed' | 'signing-key-invalid' | 'key-inside-store';

class SigningKeyError extends Error {
  constructor(
    readonly code: SigningKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

export interface SigningKey {
  path: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the public key (SPKI, DER), hex: names the key in every checkpoint. */
  keyId: string;
}

/** The public key file written beside a private key file. */
export function publicKeyPathOf(keyPath: string): string {
  return `${keyPath}.pub`;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** True when `path` is `directory` or inside it. */
function isInside(path: string, directory: string): boolean {
  const between = relative(resolve(directory), resolve(path));
  return between === '' || (!between.startsWith('..') && !isAbsolute(between));
}

/**
 * Creates a new key pair: the private key with mode 0600 (refused if the file exists),
 * the public key beside it. `storeDirectory` is where the store's files are: a key
 * there would travel with every copy of the store, so it is refused.
 */
export function createSigningKey(keyPath: string, storeDirectory: string | null): SigningKey {
  const path = resolve(keyPath);
  if (storeDirectory !== null && isInside(path, storeDirectory))
    throw new SigningKeyError(
      'key-inside-store',
      `the signing key ${path} would lie in the store's directory ${storeDirectory}; put it elsewhere`,
    );
  if (existsSync(path))
    throw new SigningKeyError('signing-key-exists', `${path} exists already; a new key would orphan the checkpoints signed with it`);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeNew(path, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  writeNew(publicKeyPathOf(path), publicKey.export({ type: 'spki', format: 'pem' }).toString(), 0o644);
  return { path, privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

function writeNew(path: string, text: string, mode: number): void {
  const descriptor = openSync(path, 'wx', mode);
  try {
    writeSync(descriptor, text);
  } finally {
    closeSync(descriptor);
  }
}

/** Loads the private key; refused when the file can be read by its group or by others. */
export function loadSigningKey(keyPath: string): SigningKey {
  const path = resolve(keyPath);
  if (!existsSync(path))
    throw new SigningKeyError('no-signing-key', `there is no signing key at ${path}; create one with: ledger keys init`);
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new SigningKeyError(
      'signing-key-exposed',
      `the signing key ${path} has mode ${mode.toString(8).padStart(4, '0')}: others than its owner may read it. Run: chmod 600 ${path}`,
    );
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(path));
  } catch (error: unknown) {
    throw new SigningKeyError(
      'signing-key-invalid',
      `${path} is not a private key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('signing-key-invalid', `${path} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  return { path, privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** Reads a public key file (PEM) for verification. */
export function loadPublicKey(path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(readFileSync(path));
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw error;
    throw new SigningKeyError(
      'signing-key-invalid',
      `${path} is not a public key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('signing-key-invalid', `${path} is not an Ed25519 public key`);
  return key;
}
