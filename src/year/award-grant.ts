import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import { EntityIdSchema, TextSchema } from '../../events/identifiers.js';
import { AmountSchema, DateSchema, PositiveAmountSchema, YearSchema } from '../../events/money.js';
import { ResolutionCitationSchema } from '../../events/citation.js';
import { GrantConditionSchema, MAX_GRANT_CONDITIONS } from '../../events/year-events.js';
import { LAST_YEAR } from '../shared/bounds.js';
import { DomainError } from '../domain/errors.js';
import { formatAmount, money, splitIntoInstalments, sum } from '../domain/money.js';
import { requireActiveOn, requireInitiativeBy } from '../registry/registry-rules.js';
import { defineCommand, type States } from '../commands/define.js';
import { yearRef } from '../commands/state-refs.js';
import { grantAuthority, requireWithinAuthority, type GrantAuthority } from './authority.js';
import { requireBalance, requireFrameRoom, requireOpenYear, requireWithinBounds, requireYearInRange, yearReads } from './year-rules.js';

/** A grant is one amount for its year, or a plan of 2–3 yearly instalments. */
const GrantPlanSchema = z.union([
  z.strictObject({ amount: PositiveAmountSchema }),
  z.strictObject({
    amountTotal: PositiveAmountSchema,
    instalments: z
      .array(z.strictObject({ year: YearSchema, amount: AmountSchema }))
      .min(2)
      .max(3),
  }),
  z.strictObject({
    amountTotal: PositiveAmountSchema,
    /** Split evenly over this many consecutive years by the øre rule of `splitIntoInstalments`. */
    years: z.number().int().min(2).max(3),
  }),
]);
type GrantPlan = z.infer<typeof GrantPlanSchema>;

export interface Instalment {
  year: number;
  amount: Decimal;
}

/** The years a plan places instalments in, from the grant's year. */
function planYears(plan: GrantPlan, year: number): number[] {
  if ('amount' in plan) return [year];
  if ('years' in plan) return Array.from({ length: plan.years }, (_, index) => year + index);
  return plan.instalments.map((instalment) => instalment.year);
}

/** A plan's instalments: consecutive years from the grant's, each positive, adding up to the total to the øre. */
function planInstalments(plan: GrantPlan, year: number): { amountTotal: Decimal; instalments: Instalment[] } {
  if ('amount' in plan) return { amountTotal: money(plan.amount), instalments: [{ year, amount: money(plan.amount) }] };
  const amountTotal = money(plan.amountTotal);
  const instalments =
    'years' in plan
      ? splitIntoInstalments(amountTotal, plan.years).map((amount, index) => ({ year: year + index, amount }))
      : plan.instalments.map((instalment) => ({ year: instalment.year, amount: money(instalment.amount) }));
  checkInstalments(instalments, year, amountTotal);
  return { amountTotal, instalments };
}

function checkInstalments(instalments: readonly Instalment[], year: number, amountTotal: Decimal): void {
  const years = instalments.map((instalment) => instalment.year);
  instalments.forEach((instalment, index) => {
    if (instalment.year !== year + index)
      throw new DomainError('invalid-instalment-years', `instalments must be for consecutive years from ${year}; got ${years.join(', ')}`, {
        years,
      });
    requireYearInRange(instalment.year, `an instalment`);
    if (!instalment.amount.greaterThan(0))
      throw new DomainError(
        'instalment-not-positive',
        `the ${instalment.year} instalment is ${formatAmount(instalment.amount)}; every instalment is more than zero`,
        {
          year: instalment.year,
          amount: formatAmount(instalment.amount),
        },
      );
  });
  const instalmentSum = sum(instalments.map((instalment) => instalment.amount));
  if (!instalmentSum.equals(amountTotal))
    throw new DomainError(
      'instalments-do-not-add-up',
      `the instalments add up to ${formatAmount(instalmentSum)}, not the total ${formatAmount(amountTotal)}`,
      {
        amountTotal: formatAmount(amountTotal),
        instalmentSum: formatAmount(instalmentSum),
      },
    );
}

export const awardGrant = defineCommand({
  type: 'AwardGrant',
  shape: {
    grantId: EntityIdSchema.optional(),
    year: YearSchema,
    initiativeId: EntityIdSchema,
    plan: GrantPlanSchema,
    authority: ResolutionCitationSchema,
    note: TextSchema.optional(),
    /** The conditions the committee attached to the grant (vilkår), each with its date when it has one. */
    conditions: z.array(GrantConditionSchema).max(MAX_GRANT_CONDITIONS).optional(),
    /** When the initiative reports on the grant, if the committee set a date. */
    reportDueOn: DateSchema.optional(),
  },
  target: (command) => yearRef(command.year),
  reads: (command) => [
    ...yearReads(command.year, command.authority.caseNumber),
    ...planYears(command.plan, command.year)
      .slice(2)
      .filter((year) => year <= LAST_YEAR)
      .map(yearRef),
  ],
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    const grantId = command.grantId ?? context.newId().toLowerCase();
    if (state.grants.has(grantId)) throw new DomainError('grant-exists', `grant ${grantId} already exists`, { grantId });
    requireInitiativeBy(states.registry(), command.initiativeId, context.effectiveDate);
    requireActiveOn(states.registry(), command.initiativeId, context.effectiveDate, 'a grant');
    const authority = grantAuthority(states, command.authority, context.effectiveDate);
    const { amountTotal, instalments } = planInstalments(command.plan, command.year);
    requireWithinBounds(amountTotal, 'the grant');
    for (const instalment of instalments)
      requireWithinAuthority(states, authority, command.initiativeId, instalment.year, instalment.amount);
    chargeInstalments(states, authority, command.initiativeId, instalments, context.effectiveDate);
    const data = {
      grantId,
      year: command.year,
      initiativeId: command.initiativeId,
      amountTotal: formatAmount(amountTotal),
      instalments: instalments.map((instalment) => ({ year: instalment.year, amount: formatAmount(instalment.amount) })),
      authority: command.authority,
      ...(command.note === undefined ? {} : { note: command.note }),
      ...(authority.fundedBy === 'reserve-fund' ? { fundedBy: 'reserve-fund' as const } : {}),
      conditions: command.conditions ?? [],
      ...(command.reportDueOn === undefined ? {} : { reportDueOn: command.reportDueOn }),
    };
    return [{ type: 'GrantAwarded', data }];
  },
  http: { path: '/api/years/:year/grants', summary: 'Award a grant (tildeling) against the frame of a year', tag: 'years' },
});

/**
 * Each instalment takes room in its year's frame: this year's, and a later year's as a
 * commitment (checked against the expected receipt until that year's funds arrive). A
 * grant drawn from the reserve fund takes it from the fund instead, in one year.
 */
function chargeInstalments(
  states: States,
  authority: GrantAuthority,
  initiativeId: string,
  instalments: Instalment[],
  effectiveDate: string,
) {
  if (authority.fundedBy === 'reserve-fund') {
    if (instalments.length > 1)
      throw new DomainError('reserve-draw-single-year', 'a grant drawn from the reserve fund is paid in one year', {
        years: instalments.map((i) => i.year),
      });
    const state = states.year(instalments[0]!.year);
    requireBalance(state.reserveBalance, instalments[0]!.amount, effectiveDate, (left) => {
      const amountLeft = left.amount.isNegative() ? '0.00' : formatAmount(left.amount);
      return new DomainError(
        'reserve-fund-exceeded',
        `the reserve fund of ${state.year} has ${amountLeft} on ${left.date}; ${formatAmount(instalments[0]!.amount)} cannot be drawn`,
        {
          year: state.year,
          amountLeft,
          asOf: left.date,
          amountAsked: formatAmount(instalments[0]!.amount),
        },
      );
    });
    return;
  }
  for (const [index, instalment] of instalments.entries())
    requireFrameRoom(
      states.year(instalment.year),
      instalment.amount,
      effectiveDate,
      index === 0 ? `the grant to ${initiativeId}` : `the ${instalment.year} instalment of the grant to ${initiativeId}`,
    );
}
