import type { Decimal } from 'decimal.js';
import { EntityIdSchema, NameSchema } from '../../events/identifiers.js';
import { PositiveAmountSchema, YearSchema } from '../../events/money.js';
import { DomainError } from '../domain/errors.js';
import { ZERO, formatAmount, money } from '../domain/money.js';
import { requireActiveOn } from '../registry/registry-rules.js';
import type { YearState } from './year.js';
import { initiativeOf } from './year-grants.js';
import { defineCommand } from '../commands/define.js';
import { yearRef } from '../commands/state-refs.js';
import {
  factCorrectionShape,
  requireBalance,
  requireCorrectedFact,
  requireOpenYear,
  yearReads,
  type CorrectableFacts,
} from './year-rules.js';

/** What initiatives actually spent (forbruk), and corrections of it. */

/** Spending never exceeds what the initiative had, on the day it took effect or any day after. */
function requireFundsFor(state: YearState, initiativeId: string, amount: Decimal, effectiveDate: string): void {
  requireBalance(initiativeOf(state, initiativeId).funds, amount, effectiveDate, (left) => {
    const available = left.amount.isNegative() ? ZERO : left.amount;
    return new DomainError(
      'spending-exceeds-available',
      `initiative ${initiativeId} has ${formatAmount(available)} available in ${state.year}${left.date === effectiveDate ? '' : ` on ${left.date}`}; ${formatAmount(amount)} cannot be reported spent`,
      { initiativeId, year: state.year, amountAvailable: formatAmount(available), amountAsked: formatAmount(amount), asOf: left.date },
    );
  });
}

export const reportSpending = defineCommand({
  type: 'ReportSpending',
  shape: { year: YearSchema, initiativeId: EntityIdSchema, amount: PositiveAmountSchema, reference: NameSchema },
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    requireActiveOn(states.registry(), command.initiativeId, context.effectiveDate, 'spending');
    const amount = money(command.amount);
    requireFundsFor(state, command.initiativeId, amount, context.effectiveDate);
    const data = { year: state.year, initiativeId: command.initiativeId, amount: formatAmount(amount), reference: command.reference };
    return [{ type: 'SpendingReported', data }];
  },
  http: { path: '/api/years/:year/spending', summary: "Report an initiative's spending (forbruk)", tag: 'years' },
});

const spendingFacts: CorrectableFacts<{ initiativeId: string; reportedOn: string; amount: Decimal }> = {
  facts: (state) => state.spendingReports,
  expected: 'spending-report',
  noun: 'spending report',
  shortNoun: 'report',
  recordedOn: (report) => report.reportedOn,
  standingKey: 'amountReported',
};

export const correctSpending = defineCommand({
  type: 'CorrectSpending',
  shape: factCorrectionShape,
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    const { fact: report, change } = requireCorrectedFact(state, command, context.effectiveDate, spendingFacts);
    if (change.greaterThan(0)) requireFundsFor(state, report.initiativeId, change, context.effectiveDate);
    const data = { year: state.year, initiativeId: report.initiativeId, amountChange: formatAmount(change), reason: command.reason };
    return [{ type: 'SpendingCorrected', corrects: command.correctsEventId, data }];
  },
  http: { path: '/api/years/:year/spending/corrections', summary: 'Correct a spending report', tag: 'years' },
});
