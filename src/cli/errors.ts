import { CommandValidationError, IdempotencyKeyReusedError } from '../app/errors.js';
import { isDomainError } from '../domain/errors.js';

/** One clear line for any error the CLI meets. */
export function describeError(error: unknown): string {
  if (error instanceof CommandValidationError) return error.message;
  if (isDomainError(error)) return `refused (${error.code}): ${error.message}`;
  if (error instanceof IdempotencyKeyReusedError) return error.message;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return `no such file: ${(error as { path?: string }).path ?? error.message}`;
    return error.message;
  }
  return String(error);
}
