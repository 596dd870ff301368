import type { Decimal } from 'decimal.js';
import type { EventDraft } from '../../../events/catalogue.js';
import { UlidSchema } from '../../../events/envelope.js';
import { NameSchema } from '../../../events/identifiers.js';
import { AmountSchema } from '../../../events/money.js';
import { ResolutionCitationSchema } from '../../../events/citation.js';
import { DomainError } from '../../domain/errors.js';
import { formatAmount, money } from '../../domain/money.js';
import type { YearState } from '../year.js';
import { defineCommand, type States } from '../../commands/define.js';
import { yearRef } from '../../commands/state-refs.js';
import {
  adjustments,
  closedYearFields,
  closedYearReads,
  optionalAuthority,
  requireBasis,
  requireCarriedRoom,
  requireChanged,
  requireCorrectable,
  requireRemainderRoom,
  standingFigure,
  type Consequences,
} from './closed-year-rules.js';

/**
 * A receipt, a spending report or a release of a closed year corrected to the amount it
 * should have had (rettelse): the first open year carries the difference as the
 * settlement would have carried it.
 * - a receipt: the open year's frame moves by the difference (the closed year's remainder was that much off);
 * - a spending report: the initiative's earmark moves against it (it carried that much more or less);
 * - a release: the frame and the earmark move against each other (released money goes to the frame, the rest stays earmarked).
 */

const factShape = {
  ...closedYearFields,
  correctsEventId: UlidSchema,
  /** The amount the corrected event should have had. */
  amount: AmountSchema,
};

type Subject =
  { kind: 'receipt' } | { kind: 'spending'; initiativeId: string } | { kind: 'release'; initiativeId: string; grantId?: string };

/** The header event and the adjustments of one corrected fact. */
function correction(
  states: States,
  state: YearState,
  command: {
    correctedYear: number;
    correctsEventId: string;
    reason: string;
    authority?: { caseNumber: string; pointNumber: number } | undefined;
    reference?: string | undefined;
  },
  subject: Subject,
  change: { before: Decimal; after: Decimal },
  consequences: Consequences,
  effectiveDate: string,
): EventDraft[] {
  const { authority, reference, reason, correctedYear, correctsEventId } = command;
  const header: EventDraft = {
    type: 'ClosedYearCorrected',
    corrects: correctsEventId,
    data: {
      year: state.year,
      correctedYear,
      correctedEventId: correctsEventId,
      subject,
      changes: [{ year: correctedYear, amountBefore: formatAmount(change.before), amountAfter: formatAmount(change.after) }],
      ...(authority ? { authority } : {}),
      ...(reference === undefined ? {} : { reference }),
      reason,
    },
  };
  return [header, ...adjustments(states, state, correctedYear, correctsEventId, consequences, { authority, reason }, effectiveDate)];
}

function unknownEvent(eventId: string, expected: 'receipt' | 'spending-report' | 'release', year: number): DomainError {
  return new DomainError('unknown-corrected-event', `event ${eventId} is not a ${expected} of ${year}`, { eventId, year, expected });
}

export const correctClosedReceipt = defineCommand({
  type: 'CorrectClosedReceipt',
  shape: { ...factShape, authority: optionalAuthority, reference: NameSchema.optional() },
  target: (command) => yearRef(command.year),
  reads: (command) => closedYearReads(command.year, command.correctedYear, command.authority?.caseNumber),
  decide(command, states, context) {
    const state = requireCorrectable(states, command.year, command.correctedYear, context.effectiveDate);
    requireBasis(states, command, context.effectiveDate);
    const receipt = states.year(command.correctedYear).receipts.get(command.correctsEventId);
    if (!receipt) throw unknownEvent(command.correctsEventId, 'receipt', command.correctedYear);
    const before = standingFigure(states, receipt.amount, command.correctsEventId, command.correctedYear, state.year);
    const after = money(command.amount);
    requireChanged(before, after, 'the receipt');
    const delta = after.minus(before);
    if (delta.isNegative()) requireRemainderRoom(states, command.correctedYear, state.year, delta.abs());
    return correction(states, state, command, { kind: 'receipt' }, { before, after }, { frame: delta }, context.effectiveDate);
  },
  http: {
    path: '/api/years/:year/closed-year-corrections/receipts',
    summary: 'Correct a receipt of a closed year (rettelse): the open frame moves by the difference',
    tag: 'years',
  },
});

export const correctClosedSpending = defineCommand({
  type: 'CorrectClosedSpending',
  shape: { ...factShape, authority: optionalAuthority, reference: NameSchema.optional() },
  target: (command) => yearRef(command.year),
  reads: (command) => closedYearReads(command.year, command.correctedYear, command.authority?.caseNumber),
  decide(command, states, context) {
    const state = requireCorrectable(states, command.year, command.correctedYear, context.effectiveDate);
    requireBasis(states, command, context.effectiveDate);
    const report = states.year(command.correctedYear).spendingReports.get(command.correctsEventId);
    if (!report) throw unknownEvent(command.correctsEventId, 'spending-report', command.correctedYear);
    const before = standingFigure(states, report.amount, command.correctsEventId, command.correctedYear, state.year);
    const after = money(command.amount);
    requireChanged(before, after, 'the spending report');
    const delta = after.minus(before);
    if (delta.greaterThan(0)) requireCarriedRoom(states, command.correctedYear, state.year, report.initiativeId, delta);
    const subject = { kind: 'spending' as const, initiativeId: report.initiativeId };
    const consequences = { earmark: { initiativeId: report.initiativeId, change: delta.neg() } };
    return correction(states, state, command, subject, { before, after }, consequences, context.effectiveDate);
  },
  http: {
    path: '/api/years/:year/closed-year-corrections/spending',
    summary: "Correct a spending report of a closed year (rettelse): the initiative's earmark moves against it",
    tag: 'years',
  },
});

export const correctClosedRelease = defineCommand({
  type: 'CorrectClosedRelease',
  shape: { ...factShape, authority: ResolutionCitationSchema },
  target: (command) => yearRef(command.year),
  reads: (command) => closedYearReads(command.year, command.correctedYear, command.authority.caseNumber),
  decide(command, states, context) {
    const state = requireCorrectable(states, command.year, command.correctedYear, context.effectiveDate);
    requireBasis(states, command, context.effectiveDate);
    const release = states.year(command.correctedYear).releases.get(command.correctsEventId);
    if (!release) throw unknownEvent(command.correctsEventId, 'release', command.correctedYear);
    const before = standingFigure(states, release.amount, command.correctsEventId, command.correctedYear, state.year);
    const after = money(command.amount);
    requireChanged(before, after, 'the release');
    const delta = after.minus(before);
    if (delta.greaterThan(0)) requireCarriedRoom(states, command.correctedYear, state.year, release.initiativeId, delta);
    const subject = {
      kind: 'release' as const,
      initiativeId: release.initiativeId,
      ...(release.grantId === null ? {} : { grantId: release.grantId }),
    };
    const consequences = { frame: delta, earmark: { initiativeId: release.initiativeId, change: delta.neg() } };
    return correction(states, state, command, subject, { before, after }, consequences, context.effectiveDate);
  },
  http: {
    path: '/api/years/:year/closed-year-corrections/releases',
    summary: 'Correct a release of a closed year (rettelse): the frame and the earmark move against each other',
    tag: 'years',
  },
});
