import type { Words } from '../shared/format.js';

/** One problem with a command's input, with the path of the field it concerns; `message` in English, `words` in both languages. */
export interface ValidationIssue {
  path: string;
  message: string;
  words?: Words;
}

/** An issue with its words in bokmål and English. */
export function issueAt(path: string, words: Words): ValidationIssue {
  return { path, message: words.en, words };
}

/** A command or query did not parse: every issue is listed with its field path. */
export class CommandValidationError extends Error {
  readonly code = 'invalid-command';
  constructor(readonly issues: ValidationIssue[]) {
    super(`the command is invalid: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`);
    this.name = 'CommandValidationError';
  }
}

/** An idempotency key was used again for a different command. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'idempotency-key-reused';
  constructor(readonly idempotencyKey: string) {
    super(`idempotency key "${idempotencyKey}" was already used for a different command; use a new key for a new command`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
