import type { Decimal } from 'decimal.js';
import { NameSchema, TextSchema } from '../../events/identifiers.js';
import { AmountSchema, DateSchema, PositiveAmountSchema, YearSchema } from '../../events/money.js';
import { LAST_YEAR } from '../shared/bounds.js';
import { DomainError } from '../domain/errors.js';
import { canonicalAmount, formatAmount, money } from '../domain/money.js';
import { frameOf, type YearState } from './year.js';
import { defineCommand, type States } from '../commands/define.js';
import { yearRef } from '../commands/state-refs.js';
import {
  expectedOn,
  factCorrectionShape,
  lowestAvailable,
  requireCorrectedFact,
  requireOpenYear,
  requireWithinBounds,
  yearReads,
  type CorrectableFacts,
} from './year-rules.js';

/** The funds received for a year (mottatt), their corrections, and what is expected before they arrive. */

/**
 * A change to what a year has (or expects) must not leave the decisions already made on
 * it uncovered on any day from its date on: multi-year grants committed money against
 * the expected receipt, and a lower receipt or expectation would leave them unfunded.
 */
function requireCommitmentsCovered(before: YearState, after: YearState, from: string, what: string): void {
  const lowest = lowestAvailable(after, from);
  if (!lowest.amount.isNegative() || !lowest.amount.lessThan(lowestAvailable(before, from).amount)) return;
  throw new DomainError(
    'receipt-below-commitments',
    `${what} would leave the ${after.year} decisions ${formatAmount(lowest.amount.neg())} short on ${lowest.date}; change the grant plans first`,
    { year: after.year, amountShort: formatAmount(lowest.amount.neg()), asOf: lowest.date, frame: formatAmount(frameOf(after)) },
  );
}

function withReceipt(state: YearState, on: string, amount: Decimal): YearState {
  return { ...state, received: state.received.add(on, amount), available: state.available.add(on, amount) };
}

/**
 * A receipt of year Y is what years Y+1 and Y+2 expect until their own funds arrive: a
 * receipt (or correction) that lowers it must leave their earlier commitments covered too.
 */
function requireLaterYearsCovered(states: States, year: number, on: string, amount: Decimal, what: string): void {
  if (!amount.isNegative() && amount.greaterThan(0)) {
    // A first receipt may still be lower than the receipt the later years expected until now.
  }
  for (const later of [year + 1, year + 2].filter((candidate) => candidate <= LAST_YEAR)) {
    const state = states.year(later);
    const after: YearState =
      later === year + 1
        ? { ...state, previousReceived: state.previousReceived.add(on, amount) }
        : { ...state, yearBeforePreviousReceived: state.yearBeforePreviousReceived.add(on, amount) };
    requireCommitmentsCovered(state, after, on, what);
  }
}

/** A receipt reads its year, the two after it (their expectation follows it) and the registry. */
const receiptReads = (year: number) => [...yearReads(year), ...(year + 2 <= LAST_YEAR ? [yearRef(year + 2)] : [])];

const receiptFacts: CorrectableFacts<{ amount: Decimal; receivedOn: string }> = {
  facts: (state) => state.receipts,
  expected: 'receipt',
  noun: 'receipt',
  shortNoun: 'receipt',
  recordedOn: (receipt) => receipt.receivedOn,
  standingKey: 'amountReceived',
};

export const receiveFunds = defineCommand({
  type: 'ReceiveFunds',
  shape: { year: YearSchema, amount: PositiveAmountSchema, reference: NameSchema, receivedOn: DateSchema },
  target: (command) => yearRef(command.year),
  reads: (command) => receiptReads(command.year),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    if (command.receivedOn > context.today)
      throw new DomainError(
        'received-in-future',
        `the funds are recorded ${context.today}; they cannot have been received ${command.receivedOn}, later`,
        { receivedOn: command.receivedOn, today: context.today },
      );
    const amount = money(command.amount);
    requireWithinBounds(frameOf(state).plus(amount), `the ${state.year} frame`);
    const what = `a receipt of ${formatAmount(amount)}`;
    requireCommitmentsCovered(state, withReceipt(state, context.effectiveDate, amount), context.effectiveDate, what);
    requireLaterYearsCovered(states, state.year, context.effectiveDate, amount, what);
    const data = {
      year: state.year,
      amount: canonicalAmount(command.amount),
      reference: command.reference,
      receivedOn: command.receivedOn,
    };
    return [{ type: 'FundsReceived', data }];
  },
  http: { path: '/api/years/:year/receipts', summary: 'Record funds received for a year (mottatt)', tag: 'years' },
});

export const correctReceipt = defineCommand({
  type: 'CorrectReceipt',
  shape: factCorrectionShape,
  target: (command) => yearRef(command.year),
  reads: (command) => receiptReads(command.year),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    const { change } = requireCorrectedFact(state, command, context.effectiveDate, receiptFacts);
    requireWithinBounds(frameOf(state).plus(change), `the ${state.year} frame`);
    const what = `the correction of ${formatAmount(change)}`;
    requireCommitmentsCovered(state, withReceipt(state, context.effectiveDate, change), context.effectiveDate, what);
    requireLaterYearsCovered(states, state.year, context.effectiveDate, change, what);
    return [
      {
        type: 'ReceiptCorrected',
        corrects: command.correctsEventId,
        data: { year: state.year, amountChange: formatAmount(change), reason: command.reason },
      },
    ];
  },
  http: { path: '/api/years/:year/receipts/corrections', summary: 'Correct a receipt recorded with a wrong amount', tag: 'years' },
});

export const recordExpectedReceipt = defineCommand({
  type: 'RecordExpectedReceipt',
  shape: { year: YearSchema, amount: AmountSchema, reason: TextSchema.optional() },
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    const amount = money(command.amount);
    requireWithinBounds(amount, 'the expected receipt');
    const current = expectedOn(state, context.effectiveDate);
    if (current.equals(amount) && state.expectations.length > 0)
      throw new DomainError('expectation-unchanged', `${formatAmount(amount)} is already expected for ${state.year}`, {
        year: state.year,
        amount: formatAmount(amount),
      });
    const after: YearState = {
      ...state,
      expectations: [...state.expectations, { on: context.effectiveDate, amount }],
    };
    requireCommitmentsCovered(state, after, context.effectiveDate, `an expected receipt of ${formatAmount(amount)}`);
    const data = { year: state.year, amount: formatAmount(amount), ...(command.reason === undefined ? {} : { reason: command.reason }) };
    return [{ type: 'ExpectedReceiptRecorded', data }];
  },
  http: {
    path: '/api/years/:year/expected-receipt',
    summary: 'Record the receipt expected for a year whose funds have not arrived (forventet tilskudd)',
    tag: 'years',
  },
});
