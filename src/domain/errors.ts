/** A command broke a rule of the ledger. */
/**
 * Every rule's stable code. One code, one meaning; `details` carries the figures that
 * explain the refusal (e.g. how much of the frame is left). Documented in docs/http-api.md.
 */
export const domainErrorCodes = [
  'already-registered',
  'unknown-programme-area',
  'unknown-initiative',
  'unknown-partner',
  'unknown-member',
  'phase-unchanged',
  'case-exists',
  'unknown-case',
  'meeting-date-outside-case-year',
  'proposal-exists',
  'unknown-proposal',
  'proposal-not-new',
  'proposal-already-registered',
  'proposal-unchanged',
  'case-decided',
  'duplicate-recommendation-line',
  'resolution-already-proposed',
  'no-proposed-resolution',
  'invalid-resolution',
  'unknown-point',
  'unknown-alternative',
  'choice-does-not-fit-point',
  'vote-after-resolution',
  'resolution-already-adopted',
  'adoption-does-not-match-proposal',
  'unanimity-contradicted',
  'resolution-not-adopted',
  'before-case-opened',
  'before-resolution-adopted',
  'point-not-adopted',
  'alternative-not-chosen',
  'alternative-has-no-amount',
  'year-closed',
  'frame-exceeded',
  'grant-exists',
  'unknown-grant',
  'instalments-do-not-add-up',
  'invalid-instalment-years',
  'adjustment-below-used',
  'release-exceeds-unspent',
  'spending-exceeds-available',
  'correction-below-zero',
  'unknown-corrected-event',
  'reserve-fund-exists',
  'previous-year-open',
  'frame-overspent',
  'effective-date-in-future',
  'before-meeting',
  'before-proposal',
  'member-not-registered-at-meeting',
  'adoption-before-votes',
  'tally-does-not-carry',
  'dissent-does-not-match-votes',
  'voter-not-present',
  'quorum-not-met',
  'quorum-unchanged',
  'quorum-above-members',
  'point-authorises-no-grants',
  'point-authorises-reserve-fund-only',
  'authority-exceeded',
  'instalment-not-positive',
  'reserve-draw-single-year',
  'reserve-fund-exceeded',
  'nothing-to-release',
  'plan-unchanged',
  'plan-year-not-in-plan',
  'before-corrected-event',
  'corrected-year-open',
  'not-first-open-year',
  'receipt-below-commitments',
  'expectation-unchanged',
  'point-authorises-no-reserve-fund',
  'reserve-fund-year-mismatch',
  'settlement-before-year-end',
  'settlement-before-last-event',
  'settlement-before-previous',
  'later-year-closed',
  'year-out-of-range',
  'amount-out-of-bounds',
  'before-grant',
  'before-resolution-proposed',
  'before-initiative-registered',
  'derived-event-invalid',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

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
