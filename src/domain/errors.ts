import { refusalDetails, type DetailsOf, type DomainErrorCode } from './refusal-details.js';

/** A command broke a rule of the ledger. */

export type { DetailsOf, DomainErrorCode };

/**
 * Every rule's stable code. One code, one meaning; `details` carries the figures and the
 * ids that explain the refusal, typed per code (src/domain/refusal-details.ts). The words
 * a reader sees are written at the edge from them (src/shared/refusals.ts), with names
 * for ids; the message is for the log. Documented in docs/http-api.md.
 */
export const domainErrorCodes = Object.keys(refusalDetails) as DomainErrorCode[];

export class DomainError<C extends DomainErrorCode = DomainErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details: DetailsOf<C>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
