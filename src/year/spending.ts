import { UlidSchema } from '../../events/envelope.js';
import { EntityIdSchema, NameSchema, TextSchema } from '../../events/identifiers.js';
import { AmountChangeSchema, PositiveAmountSchema, YearSchema } from '../../events/money.js';
import { DomainError } from '../domain/errors.js';
import { ZERO, formatAmount, money } from '../domain/money.js';
import { requireActiveOn } from '../registry/registry-rules.js';
import type { YearState } from './year.js';
import { initiativeOf } from './year-grants.js';
import { defineCommand } from '../commands/define.js';
import { yearRef } from '../commands/state-refs.js';
import { requireBalance, requireOpenYear, yearReads } from './year-rules.js';

/** What initiatives actually spent (forbruk), and corrections of it. */

/** Spending never exceeds what the initiative had, on the day it took effect or any day after. */
function requireFundsFor(state: YearState, initiativeId: string, amount: import('decimal.js').Decimal, effectiveDate: string): void {
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

export const correctSpending = defineCommand({
  type: 'CorrectSpending',
  shape: { year: YearSchema, correctsEventId: UlidSchema, amountChange: AmountChangeSchema, reason: TextSchema },
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    const report = state.spendingReports.get(command.correctsEventId);
    if (!report)
      throw new DomainError('unknown-corrected-event', `event ${command.correctsEventId} is not a spending report of ${state.year}`, {
        eventId: command.correctsEventId,
        year: state.year,
        expected: 'spending-report',
      });
    if (context.effectiveDate < report.reportedOn)
      throw new DomainError(
        'before-corrected-event',
        `the report took effect ${report.reportedOn}; its correction cannot take effect ${context.effectiveDate}`,
        {
          eventId: command.correctsEventId,
          correctedYear: state.year,
          correctedOn: report.reportedOn,
          effectiveDate: context.effectiveDate,
        },
      );
    const change = money(command.amountChange);
    if (report.amount.plus(change).isNegative())
      throw new DomainError('correction-below-zero', `the report would fall below zero (it stands at ${formatAmount(report.amount)})`, {
        amountReported: formatAmount(report.amount),
        amountChange: formatAmount(change),
      });
    if (change.greaterThan(0)) requireFundsFor(state, report.initiativeId, change, context.effectiveDate);
    const data = { year: state.year, initiativeId: report.initiativeId, amountChange: formatAmount(change), reason: command.reason };
    return [{ type: 'SpendingCorrected', corrects: command.correctsEventId, data }];
  },
  http: { path: '/api/years/:year/spending/corrections', summary: 'Correct a spending report', tag: 'years' },
});
