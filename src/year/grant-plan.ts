import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import { EntityIdSchema, TextSchema } from '../../events/identifiers.js';
import { AmountSchema, YearSchema } from '../../events/money.js';
import { ResolutionCitationSchema } from '../../events/citation.js';
import { DomainError } from '../domain/errors.js';
import { formatAmount, money } from '../domain/money.js';
import type { GrantInYear } from './year.js';
import { defineCommand, type States } from '../commands/define.js';
import { yearRef } from '../commands/state-refs.js';
import { grantAuthority, type GrantAuthority } from './authority.js';
import { requireLowerable, requireRaisable, requireRoomForRaise } from './instalment-rules.js';
import { requireNotBeforeGrant, requireOpenYear, yearReads } from './year-rules.js';

/**
 * Changing a multi-year grant's plan in one decision: instalments re-spread between its
 * years or lowered (a shortened plan lowers the last ones to zero). Only the years given
 * change; closed years never do. An instalment raised takes room in its year and needs
 * the authority of the point cited; one lowered cannot go below what was spent or
 * released of it.
 */
export const changeGrantPlan = defineCommand({
  type: 'ChangeGrantPlan',
  shape: {
    grantId: EntityIdSchema,
    instalments: z
      .array(z.strictObject({ year: YearSchema, amount: AmountSchema }))
      .min(1, { error: 'a plan change names at least one year' })
      .max(3),
    authority: ResolutionCitationSchema,
    reason: TextSchema,
  },
  target: (command) => yearRef(Math.min(...command.instalments.map((instalment) => instalment.year))),
  reads: (command) => {
    const years = [...new Set(command.instalments.map((instalment) => instalment.year))].sort();
    return [...yearReads(years[0]!, command.authority.caseNumber), ...years.slice(1).map(yearRef)];
  },
  decide(command, states, context) {
    const years = command.instalments.map((instalment) => instalment.year);
    if (new Set(years).size !== years.length)
      throw new DomainError('invalid-instalment-years', `a year is named twice: ${years.join(', ')}`, { years });
    const first = Math.min(...years);
    requireOpenYear(states, first);
    const grants = command.instalments.map((instalment) => requireInstalment(states, command.grantId, instalment.year));
    const grant = grants[0]!;
    requireNotBeforeGrant(grant.awardedOn, grant.grantId, context.effectiveDate, 'a change of its plan');
    const authority = grantAuthority(states, command.authority, context.effectiveDate);
    const changes = command.instalments
      .map((instalment, index) => ({ year: instalment.year, before: grants[index]!.instalment, after: money(instalment.amount) }))
      .filter((change) => !change.after.equals(change.before))
      .sort((a, b) => a.year - b.year);
    if (changes.length === 0)
      throw new DomainError('plan-unchanged', `the plan of grant ${grant.grantId} already has these instalments`, {
        grantId: grant.grantId,
      });
    for (const change of changes) checkPlanChange(states, authority, grants[years.indexOf(change.year)]!, change, context.effectiveDate);
    const data = {
      grantId: grant.grantId,
      initiativeId: grant.initiativeId,
      awardYear: grant.awardYear,
      year: first,
      instalments: changes.map((change) => ({
        year: change.year,
        amountBefore: formatAmount(change.before),
        amountAfter: formatAmount(change.after),
      })),
      authority: command.authority,
      reason: command.reason,
    };
    return [{ type: 'GrantPlanChanged', ...(grant.awardEventId ? { corrects: grant.awardEventId } : {}), data }];
  },
  http: {
    path: '/api/grants/:grantId/plan',
    summary: "Change a multi-year grant's plan: re-spread or shorten its instalments",
    tag: 'years',
  },
});

/** The grant's instalment in a year of its plan, open for change. */
function requireInstalment(states: States, grantId: string, year: number): GrantInYear {
  const state = states.year(year);
  const grant = state.grants.get(grantId);
  if (!grant || grant.awardEventId === null)
    throw new DomainError(
      'plan-year-not-in-plan',
      `grant ${grantId} has no instalment in ${year}; a plan change moves money between the years it has`,
      {
        grantId,
        year,
      },
    );
  if (state.closedOn !== null)
    throw new DomainError('year-closed', `${year} is closed; its instalment of grant ${grantId} cannot change`, { year, grantId });
  return grant;
}

/** An instalment of an open year raised (within its point and the year's frame) or lowered (not below what was spent or released). */
export function checkPlanChange(
  states: States,
  authority: GrantAuthority,
  grant: GrantInYear,
  change: { year: number; before: Decimal; after: Decimal },
  effectiveDate: string,
): void {
  const state = states.year(change.year);
  const delta = change.after.minus(change.before);
  if (delta.greaterThan(0)) {
    requireRaisable(
      states,
      authority,
      grant,
      { year: change.year, amount: delta, raising: `raising the ${change.year} instalment` },
      effectiveDate,
    );
    requireRoomForRaise(state, grant, delta, effectiveDate, `raising the ${change.year} instalment of grant ${grant.grantId}`);
    return;
  }
  requireLowerable(
    state,
    grant,
    delta.abs(),
    effectiveDate,
    (lowerable) =>
      `the ${change.year} instalment of grant ${grant.grantId} can be lowered by at most ${lowerable}; the rest is released or spent`,
  );
}
