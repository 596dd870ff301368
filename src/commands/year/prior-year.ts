import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import { UlidSchema } from '../../../events/envelope.js';
import { EntityIdSchema, TextSchema } from '../../../events/identifiers.js';
import { AmountChangeSchema, YearSchema } from '../../../events/money.js';
import { ResolutionCitationSchema } from '../../../events/year-events.js';
import { requireAdoptedPoint } from '../../case/case.js';
import { DomainError } from '../../domain/errors.js';
import { ZERO, formatAmount, money } from '../../domain/money.js';
import { requireInitiative } from '../../registry/registry.js';
import { frameOf, initiativeOf, type YearState } from '../../year/year.js';
import { defineCommand, type States } from '../define.js';
import { yearRef } from '../state-refs.js';
import { requireBalance, requireFrameRoom, requireOpenYear, requireWithinBounds, yearReads } from './year-rules.js';

/**
 * A correction of a closed year (korreksjon av tidligere år). A closed year stays sealed;
 * the correction is recorded in the first open year, names the event of the closed year
 * it corrects and the point that authorises it, and moves the open year's frame (a
 * receipt or grant of the closed year was wrong) or an initiative's earmarked funds (its
 * spending was). Both years' explanations show it.
 */
export const recordPriorYearAdjustment = defineCommand({
  type: 'RecordPriorYearAdjustment',
  shape: {
    year: YearSchema,
    correctedYear: YearSchema,
    correctsEventId: UlidSchema,
    target: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('frame') }),
      z.strictObject({ kind: z.literal('earmark'), initiativeId: EntityIdSchema }),
    ]),
    amountChange: AmountChangeSchema,
    authority: ResolutionCitationSchema,
    reason: TextSchema,
  },
  target: (command) => yearRef(command.year),
  reads: (command) => [...yearReads(command.year, command.authority.caseNumber), yearRef(command.correctedYear)],
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    const corrected = states.year(command.correctedYear);
    requireFirstOpenYear(state, corrected);
    requireCorrectedEvent(corrected, command.correctsEventId, command.target);
    const { caseNumber, pointNumber } = command.authority;
    requireAdoptedPoint(states.case(caseNumber), caseNumber, pointNumber, context.effectiveDate);
    if (context.effectiveDate < corrected.closedOn!)
      throw new DomainError(
        'before-corrected-event',
        `${corrected.year} was closed ${corrected.closedOn}; its correction cannot take effect ${context.effectiveDate}`,
        {
          correctedYear: corrected.year,
          correctedOn: corrected.closedOn!,
          effectiveDate: context.effectiveDate,
        },
      );
    const change = money(command.amountChange);
    if (command.target.kind === 'frame') requireWithinBounds(frameOf(state).plus(change), `the ${state.year} frame`);
    if (command.target.kind === 'frame' && change.isNegative())
      requireFrameRoom(state, change.abs(), context.effectiveDate, `lowering the ${state.year} frame`);
    if (command.target.kind === 'earmark') checkEarmarkChange(states, state, command.target.initiativeId, change, context.effectiveDate);
    const { correctedYear, target, authority, reason } = command;
    const data = { year: state.year, correctedYear, target, amountChange: formatAmount(change), authority, reason };
    return [{ type: 'PriorYearAdjustmentRecorded', corrects: command.correctsEventId, data }];
  },
  http: {
    path: '/api/years/:year/prior-year-adjustments',
    summary: 'Correct a closed year in the first open year (korreksjon av tidligere år)',
    tag: 'years',
  },
});

/** An initiative's earmark moves within what it has left on every day from the date on, and within the bound. */
function checkEarmarkChange(states: States, state: YearState, initiativeId: string, change: Decimal, effectiveDate: string): void {
  requireInitiative(states.registry(), initiativeId);
  const funds = initiativeOf(state, initiativeId).funds;
  requireWithinBounds(funds.total.plus(change), `the funds of ${initiativeId} in ${state.year}`);
  if (!change.isNegative()) return;
  requireBalance(funds, change.abs(), effectiveDate, (left) => {
    return new DomainError(
      'adjustment-below-used',
      `${initiativeId} has ${formatAmount(left.amount)} left in ${state.year} on ${left.date}`,
      {
        year: state.year,
        initiativeId,
        amountLeft: formatAmount(left.amount.isNegative() ? ZERO : left.amount),
        asOf: left.date,
      },
    );
  });
}

function requireFirstOpenYear(state: YearState, corrected: YearState): void {
  if (corrected.closedOn === null || corrected.year >= state.year)
    throw new DomainError('corrected-year-open', `${corrected.year} is not a closed year before ${state.year}; correct it directly`, {
      correctedYear: corrected.year,
      year: state.year,
    });
  if (state.previousYear.closedOn === null)
    throw new DomainError(
      'not-first-open-year',
      `${state.year - 1} is still open; a correction of a closed year is recorded in the first open year`,
      {
        year: state.year,
        firstOpenYear: state.year - 1,
      },
    );
}

/** The corrected event belongs to the closed year: a receipt or grant for the frame, a spending report or grant of the initiative for its earmark. */
function requireCorrectedEvent(
  corrected: YearState,
  eventId: string,
  target: { kind: 'frame' } | { kind: 'earmark'; initiativeId: string },
): void {
  const grant = [...corrected.grants.values()].find(
    (candidate) => candidate.awardEventId === eventId && candidate.awardYear === corrected.year,
  );
  const report = corrected.spendingReports.get(eventId);
  const fits =
    target.kind === 'frame'
      ? corrected.receipts.has(eventId) || grant !== undefined
      : (report !== undefined && report.initiativeId === target.initiativeId) || grant?.initiativeId === target.initiativeId;
  if (!fits)
    throw new DomainError(
      'unknown-corrected-event',
      `event ${eventId} is not ${target.kind === 'frame' ? 'a receipt or grant' : `a spending report or grant of ${target.initiativeId}`} of ${corrected.year}`,
      target.kind === 'frame'
        ? { eventId, year: corrected.year, expected: 'receipt-or-grant' }
        : { eventId, year: corrected.year, expected: 'spending-or-grant', initiativeId: target.initiativeId },
    );
}
