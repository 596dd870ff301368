/**
 * A command broke a rule of the ledger. `code` is stable and documented; `details`
 * carries the figures that explain the refusal (e.g. how much of the frame is left).
 */
export type DomainErrorCode =
  | 'already-registered'
  | 'unknown-programme-area'
  | 'unknown-initiative'
  | 'unknown-partner'
  | 'unknown-member'
  | 'phase-unchanged'
  | 'case-exists'
  | 'unknown-case'
  | 'meeting-date-outside-case-year'
  | 'proposal-exists'
  | 'unknown-proposal'
  | 'proposal-not-new'
  | 'proposal-already-registered'
  | 'proposal-unchanged'
  | 'case-decided'
  | 'duplicate-recommendation-line'
  | 'resolution-already-proposed'
  | 'no-proposed-resolution'
  | 'invalid-resolution'
  | 'unknown-point'
  | 'unknown-alternative'
  | 'choice-does-not-fit-point'
  | 'vote-after-resolution'
  | 'resolution-already-adopted'
  | 'adoption-does-not-match-proposal'
  | 'unanimity-contradicted'
  | 'resolution-not-adopted'
  | 'before-case-opened'
  | 'before-resolution-adopted'
  | 'point-not-adopted'
  | 'alternative-not-chosen'
  | 'alternative-has-no-amount'
  | 'year-closed'
  | 'frame-exceeded'
  | 'grant-exists'
  | 'unknown-grant'
  | 'instalments-do-not-add-up'
  | 'invalid-instalment-years'
  | 'adjustment-below-used'
  | 'release-exceeds-unspent'
  | 'spending-exceeds-available'
  | 'correction-below-zero'
  | 'unknown-corrected-event'
  | 'reserve-fund-exists'
  | 'previous-year-open'
  | 'frame-overspent';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
