import type { Decimal } from 'decimal.js';
import type { EventDataOf, EventDraft } from '../../../events/catalogue.js';
import { TextSchema } from '../../../events/identifiers.js';
import { YearSchema } from '../../../events/money.js';
import { ResolutionCitationSchema } from '../../../events/citation.js';
import { requireAdoptedPoint } from '../../case/case-rules.js';
import { DomainError } from '../../domain/errors.js';
import { ZERO, formatAmount } from '../../domain/money.js';
import { requireActiveOn, requireInitiative } from '../../registry/registry-rules.js';
import { correctionKeys } from '../closed-corrections.js';
import { frameOf, type YearState } from '../year.js';
import { initiativeOf } from '../year-grants.js';
import type { States } from '../../commands/define.js';
import { yearRef, type StateRef } from '../../commands/state-refs.js';
import { requireBalance, requireFrameRoom, requireOpenYear, requireReserveRoom, requireWithinBounds, yearReads } from '../year-rules.js';
import { LAST_YEAR } from '../../shared/bounds.js';

/**
 * Rules every correction of a closed year shares (rettelse av et avsluttet år). A closed
 * year stays sealed: the correction is recorded in the first open year, names the event
 * whose figure was wrong and the new figure, and the ledger derives what moves — the
 * open year's frame (or reserve fund), the initiative's earmark, later instalments — so
 * no krone is made or lost: what the closed year should have carried into the open one
 * is what the correction carries.
 */

/** The fields every correction of a closed year has: where it is recorded, which year it corrects, why. */
export const closedYearFields = {
  year: YearSchema,
  correctedYear: YearSchema,
  reason: TextSchema,
};

/** A citation of the point that allows the new figure, optional where a document can show it instead. */
export const optionalAuthority = ResolutionCitationSchema.optional();

/**
 * What a correction reads: its own year (the first open one) with the registry, the next
 * year and the case it cites, and every year from the corrected one on (the corrected
 * year's figures, and the corrections of it recorded in the years between).
 */
export function closedYearReads(year: number, correctedYear: number, citedCase: string | undefined, laterYears: number[] = []): StateRef[] {
  const between = [];
  for (let each = Math.max(correctedYear, year - 10); each < year; each++) between.push(each);
  const later = laterYears.filter((each) => each > year && each <= LAST_YEAR && each !== year + 1);
  return [...yearReads(year, citedCase), ...between.map(yearRef), ...later.map(yearRef)];
}

/**
 * The correction is recorded in the first open year, after the corrected year, and takes
 * effect no earlier than the corrected year was closed. Returns the open year's state.
 */
export function requireCorrectable(states: States, year: number, correctedYear: number, effectiveDate: string): YearState {
  const state = requireOpenYear(states, year);
  const corrected = states.year(correctedYear);
  if (corrected.closedOn === null || correctedYear >= year)
    throw new DomainError('corrected-year-open', `${correctedYear} is not a closed year before ${year}; correct it directly`, {
      correctedYear,
      year,
    });
  if (state.previousYear.closedOn === null)
    throw new DomainError(
      'not-first-open-year',
      `${year - 1} is still open; a correction of a closed year is recorded in the first open year`,
      {
        year,
        firstOpenYear: year - 1,
      },
    );
  if (effectiveDate < corrected.closedOn)
    throw new DomainError(
      'before-corrected-event',
      `${correctedYear} was closed ${corrected.closedOn}; its correction cannot take effect ${effectiveDate}`,
      {
        correctedYear,
        correctedOn: corrected.closedOn,
        effectiveDate,
      },
    );
  return state;
}

/** The sum of what the corrections recorded from `fromYear` to `toYear` noted under `key`. */
export function correctedSince(states: States, key: string, fromYear: number, toYear: number): Decimal {
  let total = ZERO;
  for (let year = fromYear; year <= toYear; year++) total = total.plus(states.year(year).closedCorrections.get(key) ?? ZERO);
  return total;
}

/** A figure of a closed year as it stands: as sealed, plus every correction of it recorded since. */
export function standingFigure(states: States, sealed: Decimal, eventId: string, year: number, openYear: number): Decimal {
  return sealed.plus(correctedSince(states, correctionKeys.figure(eventId, year), year + 1, openYear));
}

/** A correction changes the figure it names, or it is no correction. */
export function requireChanged(before: Decimal, after: Decimal, what: string): void {
  if (after.equals(before))
    throw new DomainError('correction-unchanged', `${what} already stands at ${formatAmount(before)}`, {
      amountStanding: formatAmount(before),
    });
}

/**
 * A closed year can have spent more on an initiative only out of what it carried over
 * for it (its unspent funds at the settlement, as corrected since): more would have
 * overspent it in that year.
 */
export function requireCarriedRoom(states: States, correctedYear: number, openYear: number, initiativeId: string, amount: Decimal): void {
  const sealed = initiativeOf(states.year(correctedYear), initiativeId).earmarkedOut;
  const carried = sealed.plus(correctedSince(states, correctionKeys.carried(correctedYear, initiativeId), correctedYear + 1, openYear));
  if (amount.lessThanOrEqualTo(carried)) return;
  const initiativeName = states.registry().initiatives.get(initiativeId)?.name ?? initiativeId;
  throw new DomainError(
    'correction-exceeds-carried',
    `${initiativeName} carried ${formatAmount(carried)} unspent out of ${correctedYear}; a correction cannot take ${formatAmount(amount)} from it`,
    { initiativeId, initiativeName, correctedYear, amountCarried: formatAmount(carried), amountAsked: formatAmount(amount) },
  );
}

/** A closed year could have granted more only out of the remainder it carried into the next frame (as corrected since). */
export function requireRemainderRoom(states: States, correctedYear: number, openYear: number, amount: Decimal): void {
  const sealed = states.year(correctedYear).remainderCarriedOut;
  const remainder = sealed.plus(correctedSince(states, correctionKeys.remainder(correctedYear), correctedYear + 1, openYear));
  if (amount.lessThanOrEqualTo(remainder)) return;
  throw new DomainError(
    'correction-exceeds-remainder',
    `${correctedYear} carried ${formatAmount(remainder)} unallocated into the next frame; it cannot have granted ${formatAmount(amount)} more`,
    { correctedYear, amountRemainder: formatAmount(remainder), amountAsked: formatAmount(amount) },
  );
}

/** The open year's earmark of an initiative can be lowered only by what it has left on every day from the date on. */
function requireEarmarkRoom(state: YearState, initiativeId: string, amount: Decimal, effectiveDate: string): void {
  requireBalance(initiativeOf(state, initiativeId).funds, amount, effectiveDate, (left) => {
    return new DomainError(
      'adjustment-below-used',
      `${initiativeId} has ${formatAmount(left.amount)} left in ${state.year} on ${left.date}`,
      {
        year: state.year,
        initiativeId,
        amountLeft: formatAmount(left.amount),
        asOf: left.date,
      },
    );
  });
}

/** The citation or document a correction rests on: a point it cites must be adopted by the date; a receipt or report may cite a document instead. */
export function requireBasis(
  states: States,
  basis: { authority?: { caseNumber: string; pointNumber: number } | undefined; reference?: string | undefined },
  effectiveDate: string,
): void {
  if (basis.authority) {
    requireAdoptedPoint(states.case(basis.authority.caseNumber), basis.authority.caseNumber, basis.authority.pointNumber, effectiveDate);
    return;
  }
  if (basis.reference === undefined)
    throw new DomainError(
      'correction-needs-basis',
      'a correction of a closed year cites the point that allows it, or the document that shows the right figure',
      {},
    );
}

export interface Consequences {
  /** The open year's frame (or, for a grant drawn from the reserve fund, the reserve fund) changes by this. */
  readonly frame?: Decimal;
  readonly reserve?: Decimal;
  /** The initiative's earmark in the open year changes by this. */
  readonly earmark?: { initiativeId: string; change: Decimal };
}

/**
 * The prior-year adjustments a correction derives, each naming the corrected event, after
 * checking that the open year can carry them: a lower frame, reserve fund or earmark must
 * have the room on every day from the date on.
 */
export function adjustments(
  states: States,
  state: YearState,
  correctedYear: number,
  corrects: string,
  consequences: Consequences,
  basis: { authority?: { caseNumber: string; pointNumber: number } | undefined; reason: string },
  effectiveDate: string,
): EventDraft[] {
  const { frame, reserve, earmark } = consequences;
  if (frame?.greaterThan(0)) requireWithinBounds(frameOf(state).plus(frame), `the ${state.year} frame`);
  if (reserve?.greaterThan(0)) requireWithinBounds(state.reserveBalance.total.plus(reserve), `the ${state.year} reserve fund`);
  if (earmark?.change.greaterThan(0))
    requireWithinBounds(
      initiativeOf(state, earmark.initiativeId).funds.total.plus(earmark.change),
      `the funds of ${earmark.initiativeId} in ${state.year}`,
    );
  if (frame?.isNegative()) requireFrameRoom(state, frame.abs(), effectiveDate, `lowering the ${state.year} frame`);
  if (reserve?.isNegative()) requireReserveRoom(state, reserve.abs(), effectiveDate);
  if (earmark) requireInitiative(states.registry(), earmark.initiativeId);
  if (earmark?.change.greaterThan(0))
    requireActiveOn(states.registry(), earmark.initiativeId, effectiveDate, 'more money earmarked for it');
  if (earmark?.change.isNegative()) requireEarmarkRoom(state, earmark.initiativeId, earmark.change.abs(), effectiveDate);
  const common = { year: state.year, correctedYear, ...(basis.authority ? { authority: basis.authority } : {}), reason: basis.reason };
  const drafts: EventDraft[] = [];
  const adjust = (target: EventDataOf<'PriorYearAdjustmentRecorded'>['target'], change: Decimal | undefined) => {
    if (change && !change.isZero())
      drafts.push({ type: 'PriorYearAdjustmentRecorded', corrects, data: { ...common, target, amountChange: formatAmount(change) } });
  };
  adjust({ kind: 'frame' }, frame);
  adjust({ kind: 'reserve' }, reserve);
  if (earmark) adjust({ kind: 'earmark', initiativeId: earmark.initiativeId }, earmark.change);
  return drafts;
}
