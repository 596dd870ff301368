import type { Decimal } from 'decimal.js';
import { authorisedLines } from '../case/case.js';
import { requireAdoptedPoint, type CitedPoint } from '../case/case-rules.js';
import { DomainError } from '../domain/errors.js';
import { ZERO, formatAmount, money } from '../domain/money.js';
import { authorityKey } from './year-grants.js';
import type { FundedBy } from './year.js';
import type { States } from '../commands/define.js';

/**
 * Authority (hjemmel): what the point a grant cites lets it grant. A point that endorses
 * the recommendation authorises at most each initiative's recommended line; a point with
 * its own table, at most each line of the table (as the meeting amended it); both per
 * initiative and year, summed over every grant and increase that cites the point. A
 * reserve-fund point authorises the fund, nothing else. A point recorded before the
 * ledger asked what it authorises is bounded by the frame alone.
 */
export interface GrantAuthority {
  readonly cited: CitedPoint;
  readonly fundedBy: FundedBy;
  /** The most the point authorises for an initiative in a year; null when only the frame bounds it. */
  readonly limitFor: (initiativeId: string, year: number) => Decimal | null;
}

export function grantAuthority(
  states: States,
  citation: { caseNumber: string; pointNumber: number },
  effectiveDate: string,
): GrantAuthority {
  const caseState = states.case(citation.caseNumber);
  const cited = requireAdoptedPoint(caseState, citation.caseNumber, citation.pointNumber, effectiveDate);
  const authorises = cited.proposed.authorises;
  const where = { caseNumber: citation.caseNumber, pointNumber: citation.pointNumber };
  if (!authorises) return { cited, fundedBy: 'frame', limitFor: () => null };
  if (authorises.kind === 'none')
    throw new DomainError(
      'point-authorises-no-grants',
      `point ${citation.pointNumber} of case ${citation.caseNumber} authorises no money`,
      where,
    );
  if (authorises.kind === 'reserve-fund')
    throw new DomainError(
      'point-authorises-reserve-fund-only',
      `point ${citation.pointNumber} of case ${citation.caseNumber} authorises a reserve fund, not grants`,
      where,
    );
  const linked = states.registry().linkedProposals;
  const limits = new Map<string, Decimal>();
  for (const line of authorisedLines(caseState, cited)) {
    const initiativeId =
      'initiativeId' in line.target ? line.target.initiativeId : linked.get(`${citation.caseNumber}|${line.target.proposalId}`);
    if (initiativeId !== undefined) limits.set(`${line.year}|${initiativeId}`, money(line.amount));
  }
  const fundedBy = authorises.kind === 'allocation' ? authorises.fundedBy : 'frame';
  return { cited, fundedBy, limitFor: (initiativeId, year) => limits.get(`${year}|${initiativeId}`) ?? ZERO };
}

/**
 * An amount granted into a year under a point stays within what the point authorised
 * for that initiative and year, less what was already granted under it.
 */
export function requireWithinAuthority(
  states: States,
  authority: GrantAuthority,
  initiativeId: string,
  year: number,
  amount: Decimal,
): void {
  const limit = authority.limitFor(initiativeId, year);
  if (limit === null) return;
  const { caseNumber } = authority.cited;
  const pointNumber = authority.cited.adopted.number;
  const used = states.year(year).authorityUse.get(authorityKey({ caseNumber, pointNumber }, initiativeId)) ?? ZERO;
  if (used.plus(amount).lessThanOrEqualTo(limit)) return;
  const left = limit.minus(used);
  throw new DomainError(
    'authority-exceeded',
    `point ${pointNumber} of case ${caseNumber} authorises ${formatAmount(limit)} for ${initiativeId} in ${year}; ${formatAmount(used)} is already granted under it, so ${formatAmount(amount)} more cannot be`,
    {
      caseNumber,
      pointNumber,
      initiativeId,
      year,
      amountAuthorised: formatAmount(limit),
      amountGranted: formatAmount(used),
      amountLeft: formatAmount(left.isNegative() ? ZERO : left),
      amountAsked: formatAmount(amount),
    },
  );
}
