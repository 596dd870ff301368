import type { Decimal } from 'decimal.js';
import type { Map as ImmutableMap } from 'immutable';
import type { EventDraft } from '../../../events/catalogue.js';
import { UlidSchema } from '../../../events/envelope.js';
import { NameSchema } from '../../../events/identifiers.js';
import { AmountSchema } from '../../../events/money.js';
import { ResolutionCitationSchema } from '../../../events/citation.js';
import { formatAmount, money } from '../../domain/money.js';
import type { YearState } from '../year.js';
import { defineCommand, type States } from '../../commands/define.js';
import { yearRef } from '../../commands/state-refs.js';
import { unknownCorrectedEvent } from '../year-rules.js';
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

/** A receipt or a spending report may rest on a document instead of a cited point. */
const documentedFactShape = { ...factShape, authority: optionalAuthority, reference: NameSchema.optional() };

interface FactCommand {
  year: number;
  correctedYear: number;
  correctsEventId: string;
  amount: string;
  reason: string;
  authority?: { caseNumber: string; pointNumber: number } | undefined;
  reference?: string | undefined;
}

type Subject =
  { kind: 'receipt' } | { kind: 'spending'; initiativeId: string } | { kind: 'release'; initiativeId: string; grantId?: string };

/** A fact of a closed year as a correction finds it: the open year it is recorded in, the fact, its standing and new amount. */
interface CorrectedFact<F> {
  readonly state: YearState;
  readonly fact: F;
  readonly before: Decimal;
  readonly after: Decimal;
  /** The new amount less the standing one. */
  readonly delta: Decimal;
}

/** Which facts of a year a correction looks in, the word its refusal names them by, and how it speaks of one. */
interface FactKind<F> {
  readonly facts: (year: YearState) => ImmutableMap<string, F>;
  readonly expected: 'receipt' | 'spending-report' | 'release';
  readonly what: string;
}

/**
 * The steps every corrected fact takes, in this order: the years allow a correction, its
 * basis holds, the event is a fact of that kind in the corrected year, and the new amount
 * differs from the one standing (as sealed, plus the corrections of it since).
 */
function correctedFact<F extends { amount: Decimal }>(
  states: States,
  command: FactCommand,
  effectiveDate: string,
  kind: FactKind<F>,
): CorrectedFact<F> {
  const state = requireCorrectable(states, command.year, command.correctedYear, effectiveDate);
  requireBasis(states, command, effectiveDate);
  const fact = kind.facts(states.year(command.correctedYear)).get(command.correctsEventId);
  if (!fact) throw unknownCorrectedEvent(command.correctsEventId, command.correctedYear, kind.expected);
  const before = standingFigure(states, fact.amount, command.correctsEventId, command.correctedYear, state.year);
  const after = money(command.amount);
  requireChanged(before, after, kind.what);
  return { state, fact, before, after, delta: after.minus(before) };
}

/** The header event and the adjustments of one corrected fact. */
function correction(
  states: States,
  command: FactCommand,
  corrected: CorrectedFact<unknown>,
  subject: Subject,
  consequences: Consequences,
  effectiveDate: string,
): EventDraft[] {
  const { authority, reference, reason, correctedYear, correctsEventId } = command;
  const { state, before, after } = corrected;
  const header: EventDraft = {
    type: 'ClosedYearCorrected',
    corrects: correctsEventId,
    data: {
      year: state.year,
      correctedYear,
      correctedEventId: correctsEventId,
      subject,
      changes: [{ year: correctedYear, amountBefore: formatAmount(before), amountAfter: formatAmount(after) }],
      ...(authority ? { authority } : {}),
      ...(reference === undefined ? {} : { reference }),
      reason,
    },
  };
  return [header, ...adjustments(states, state, correctedYear, correctsEventId, consequences, { authority, reason }, effectiveDate)];
}

/** A correction appends to the open year it is recorded in. */
const openYear = (command: { year: number }) => yearRef(command.year);
const factReads = (command: FactCommand) => closedYearReads(command.year, command.correctedYear, command.authority?.caseNumber);

const receiptFacts = { facts: (year: YearState) => year.receipts, expected: 'receipt', what: 'the receipt' } as const;
const spendingFacts = {
  facts: (year: YearState) => year.spendingReports,
  expected: 'spending-report',
  what: 'the spending report',
} as const;
const releaseFacts = { facts: (year: YearState) => year.releases, expected: 'release', what: 'the release' } as const;

export const correctClosedReceipt = defineCommand({
  type: 'CorrectClosedReceipt',
  shape: documentedFactShape,
  target: openYear,
  reads: factReads,
  decide(command, states, context) {
    const corrected = correctedFact(states, command, context.effectiveDate, receiptFacts);
    const { delta } = corrected;
    if (delta.isNegative()) requireRemainderRoom(states, command.correctedYear, corrected.state.year, delta.abs());
    return correction(states, command, corrected, { kind: 'receipt' }, { frame: delta }, context.effectiveDate);
  },
  http: {
    path: '/api/years/:year/closed-year-corrections/receipts',
    summary: 'Correct a receipt of a closed year (rettelse): the open frame moves by the difference',
    tag: 'years',
  },
});

export const correctClosedSpending = defineCommand({
  type: 'CorrectClosedSpending',
  shape: documentedFactShape,
  target: openYear,
  reads: factReads,
  decide(command, states, context) {
    const corrected = correctedFact(states, command, context.effectiveDate, spendingFacts);
    const { initiativeId } = corrected.fact;
    const { delta } = corrected;
    if (delta.greaterThan(0)) requireCarriedRoom(states, command.correctedYear, corrected.state.year, initiativeId, delta);
    const consequences = { earmark: { initiativeId, change: delta.neg() } };
    return correction(states, command, corrected, { kind: 'spending', initiativeId }, consequences, context.effectiveDate);
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
  target: openYear,
  reads: factReads,
  decide(command, states, context) {
    const corrected = correctedFact(states, command, context.effectiveDate, releaseFacts);
    const { initiativeId, grantId } = corrected.fact;
    const { delta } = corrected;
    if (delta.greaterThan(0)) requireCarriedRoom(states, command.correctedYear, corrected.state.year, initiativeId, delta);
    const subject = { kind: 'release' as const, initiativeId, ...(grantId === null ? {} : { grantId }) };
    const consequences = { frame: delta, earmark: { initiativeId, change: delta.neg() } };
    return correction(states, command, corrected, subject, consequences, context.effectiveDate);
  },
  http: {
    path: '/api/years/:year/closed-year-corrections/releases',
    summary: 'Correct a release of a closed year (rettelse): the frame and the earmark move against each other',
    tag: 'years',
  },
});
