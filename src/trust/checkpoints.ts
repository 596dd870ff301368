import { sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson } from '../store/hash-chain.js';
import type { LogChainHead } from '../store/log-chain.js';
import { keyIdOf, type SigningKey } from './signing-key.js';

/**
 * Signed checkpoints: the head of the log chain (its last position and link), signed
 * with the ledger's Ed25519 key, one JSON object a line in an append-only file beside
 * the key. A verifier holding only the public key recomputes the log chain from the
 * events' content and compares it with every checkpoint, so it finds any change,
 * removal or reordering of an event a checkpoint covers, even in a store whose every
 * hash was recomputed. Events after the last checkpoint are covered by none.
 */
const CHECKPOINT_FORMAT = 'hfi-ledger-checkpoint/1';

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  /** The last position the checkpoint covers. */
  position: number;
  /** The log chain's link at that position. */
  logHash: string;
  signedAt: string;
  /** Why it was signed: `settlement 2025`, `manual`, `schedule`, `shutdown`. */
  reason: string;
  /** SHA-256 of the public key that verifies it. */
  keyId: string;
  /** Ed25519 over the canonical JSON of the fields above, base64. */
  signature: string;
}

type CheckpointErrorCode = 'no-log-chain' | 'empty-log' | 'checkpoints-unreadable';

class CheckpointError extends Error {
  constructor(
    readonly code: CheckpointErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** Where the checkpoints of a key are kept: `checkpoints.ndjson` beside the key file. */
export function checkpointsPathOf(keyPath: string): string {
  return join(dirname(keyPath), 'checkpoints.ndjson');
}

function signedText(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  const { format, position, logHash, signedAt, reason, keyId } = checkpoint;
  return Buffer.from(canonicalJson({ format, position, logHash, signedAt, reason, keyId }), 'utf8');
}

export function signCheckpoint(head: LogChainHead, key: SigningKey, reason: string, now: Date): Checkpoint {
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    position: head.position,
    logHash: head.hash,
    signedAt: now.toISOString(),
    reason,
    keyId: key.keyId,
  } as const;
  return { ...unsigned, signature: sign(null, signedText(unsigned), key.privateKey).toString('base64') };
}

/** Whether the checkpoint was signed by this public key and not changed since. */
export function checkpointIsSigned(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  if (checkpoint.keyId !== keyIdOf(publicKey) || typeof checkpoint.signature !== 'string') return false;
  try {
    return verify(null, signedText(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Appends one checkpoint line and waits until it is on disk. */
export function appendCheckpoint(file: string, checkpoint: Checkpoint): void {
  const descriptor = openSync(file, 'a', 0o644);
  try {
    writeSync(descriptor, `${JSON.stringify(checkpoint)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** The checkpoints of a file, in its order; a line that is not a checkpoint is an error naming it. */
export function readCheckpoints(file: string): Checkpoint[] {
  if (!existsSync(file)) return [];
  const checkpoints: Checkpoint[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CheckpointError('checkpoints-unreadable', `${file} line ${index + 1} is not JSON`);
    }
    if (!isCheckpoint(value))
      throw new CheckpointError('checkpoints-unreadable', `${file} line ${index + 1} is not a checkpoint of format ${CHECKPOINT_FORMAT}`);
    checkpoints.push(value);
  }
  return checkpoints;
}

function isCheckpoint(value: unknown): value is Checkpoint {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    candidate.format === CHECKPOINT_FORMAT &&
    Number.isSafeInteger(candidate.position) &&
    (candidate.position as number) > 0 &&
    typeof candidate.logHash === 'string' &&
    /^[0-9a-f]{64}$/.test(candidate.logHash) &&
    ['signedAt', 'reason', 'keyId', 'signature'].every((key) => typeof candidate[key] === 'string')
  );
}
