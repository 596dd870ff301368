import { yearOfCaseNumber } from '../../events/identifiers.js';
import { NameSchema } from '../../events/identifiers.js';
import { YearSchema } from '../../events/money.js';
import { ResolutionCitationSchema } from '../../events/citation.js';
import { requireAdoptedPoint } from '../case/case-rules.js';
import { DomainError } from '../domain/errors.js';
import { formatAmount, money } from '../domain/money.js';
import { defineCommand } from '../commands/define.js';
import { yearRef } from '../commands/state-refs.js';
import { requireFrameRoom, requireOpenYear, yearReads } from './year-rules.js';

/**
 * A reserve fund (fond), set aside from the frame by the alternative the committee chose
 * on a reserve-fund point: once per point, in the year the point names (a point recorded
 * before points named their year: the case's year).
 */
export const establishReserveFund = defineCommand({
  type: 'EstablishReserveFund',
  shape: { year: YearSchema, name: NameSchema, authority: ResolutionCitationSchema },
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year, command.authority.caseNumber),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    const { caseNumber, pointNumber } = command.authority;
    const cited = requireAdoptedPoint(states.case(caseNumber), caseNumber, pointNumber, context.effectiveDate);
    const authorises = cited.proposed.authorises;
    if (authorises && authorises.kind !== 'reserve-fund')
      throw new DomainError(
        'point-authorises-no-reserve-fund',
        `point ${pointNumber} of case ${caseNumber} does not set up a reserve fund`,
        {
          caseNumber,
          pointNumber,
          authorises: authorises.kind,
        },
      );
    const fundYear = authorises?.kind === 'reserve-fund' ? authorises.year : yearOfCaseNumber(caseNumber);
    if (fundYear !== state.year)
      throw new DomainError(
        'reserve-fund-year-mismatch',
        `point ${pointNumber} of case ${caseNumber} sets up a reserve fund in ${fundYear}, not in ${state.year}`,
        {
          caseNumber,
          pointNumber,
          year: fundYear,
          yearAsked: state.year,
        },
      );
    const alternative = cited.proposed.alternatives.find((candidate) => candidate.number === cited.adopted.alternativeNumber);
    if (!alternative)
      throw new DomainError('alternative-not-chosen', `point ${pointNumber} of case ${caseNumber} chose no alternative with an amount`, {
        caseNumber,
        pointNumber,
      });
    if (alternative.amount === null || money(alternative.amount).isZero())
      throw new DomainError(
        'alternative-has-no-amount',
        `the chosen alternative ${alternative.number} (${alternative.label}) of case ${caseNumber} sets no money aside`,
        { caseNumber, pointNumber, alternativeNumber: alternative.number },
      );
    if (state.reserveAuthorities.has(`${caseNumber}#${pointNumber}`))
      throw new DomainError('reserve-fund-exists', `case ${caseNumber} point ${pointNumber} already established its reserve fund`, {
        caseNumber,
        pointNumber,
      });
    const amount = money(alternative.amount);
    requireFrameRoom(state, amount, context.effectiveDate, 'the reserve fund');
    const data = {
      year: state.year,
      name: command.name,
      amount: formatAmount(amount),
      authority: command.authority,
      alternativeNumber: alternative.number,
    };
    return [{ type: 'ReserveFundEstablished', data }];
  },
  http: { path: '/api/years/:year/reserve-funds', summary: 'Establish a reserve fund (fond) by an adopted alternative', tag: 'years' },
});
