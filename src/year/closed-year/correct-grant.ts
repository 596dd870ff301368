import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { EventDraft } from '../../../events/catalogue.js';
import { EntityIdSchema } from '../../../events/identifiers.js';
import { AmountSchema, YearSchema } from '../../../events/money.js';
import { ResolutionCitationSchema } from '../../../events/citation.js';
import { DomainError } from '../../domain/errors.js';
import { ZERO, formatAmount, money } from '../../domain/money.js';
import { correctionKeys } from '../closed-corrections.js';
import type { GrantInYear } from '../year.js';
import { defineCommand, type States } from '../../commands/define.js';
import { yearRef } from '../../commands/state-refs.js';
import { grantAuthority, type GrantAuthority } from '../authority.js';
import { checkPlanChange } from '../grant-plan.js';
import {
  adjustments,
  closedYearFields,
  closedYearReads,
  correctedSince,
  requireCarriedRoom,
  requireChanged,
  requireCorrectable,
  requireRemainderRoom,
  standingFigure,
} from './closed-year-rules.js';

/**
 * A grant of a closed year corrected (case 22.25's attachment gives SAMBA 1 000 000 for
 * 2024 where case 04.25 granted 333 333,34 of a three-year plan): the command gives the
 * instalments as they should stand, for the closed years and, if they change too, the
 * open ones. Each closed instalment raised or lowered by d moves d between the first open
 * year's frame (or reserve fund, for a grant drawn from it) and the initiative's earmark
 * there, as the settlement would have carried it; each open instalment changes as a plan
 * change does. A raised instalment stays within what the cited point authorises for the
 * initiative and year, less what other grants took under it; a closed year could have
 * granted more only out of its remainder, and less only out of what it carried unspent.
 */
export const correctClosedGrant = defineCommand({
  type: 'CorrectClosedGrant',
  shape: {
    ...closedYearFields,
    grantId: EntityIdSchema,
    instalments: z
      .array(z.strictObject({ year: YearSchema, amount: AmountSchema }))
      .min(1, { error: 'a correction names at least one year of the grant' })
      .max(3),
    authority: ResolutionCitationSchema,
  },
  target: (command) => yearRef(command.year),
  reads: (command) =>
    closedYearReads(
      command.year,
      command.correctedYear,
      command.authority.caseNumber,
      command.instalments.map((instalment) => instalment.year),
    ),
  decide(command, states, context) {
    const state = requireCorrectable(states, command.year, command.correctedYear, context.effectiveDate);
    const grant = requireClosedGrant(states, command.correctedYear, command.grantId);
    const authority = grantAuthority(states, command.authority, context.effectiveDate);
    const changes = instalmentChanges(states, grant, command.instalments, state.year);
    const closed = changes.filter((change) => change.year < state.year);
    if (closed.length === 0)
      throw new DomainError(
        'correction-of-open-year',
        `no instalment of grant ${grant.grantId} in a closed year changes; change an open year's instalments with a plan change`,
        { grantId: grant.grantId, year: state.year },
      );
    let total = ZERO;
    for (const change of closed) {
      checkClosedChange(states, authority, grant, change, state.year);
      total = total.plus(change.after.minus(change.before));
    }
    const open = changes.filter((change) => change.year >= state.year);
    for (const change of open)
      checkPlanChange(states, authority, states.year(change.year).grants.get(grant.grantId)!, change, context.effectiveDate);
    const corrects = grant.awardEventId!;
    const basis = { authority: command.authority, reason: command.reason };
    const header: EventDraft = {
      type: 'ClosedYearCorrected',
      corrects,
      data: {
        year: state.year,
        correctedYear: command.correctedYear,
        correctedEventId: corrects,
        subject: {
          kind: 'grant',
          grantId: grant.grantId,
          initiativeId: grant.initiativeId,
          awardYear: grant.awardYear,
          fundedBy: grant.fundedBy,
        },
        changes: closed.map(written),
        ...basis,
      },
    };
    const fromReserve = grant.fundedBy === 'reserve-fund';
    const consequences = {
      ...(fromReserve ? { reserve: total.neg() } : { frame: total.neg() }),
      earmark: { initiativeId: grant.initiativeId, change: total },
    };
    const moved = adjustments(states, state, command.correctedYear, corrects, consequences, basis, context.effectiveDate);
    const plan: EventDraft[] =
      open.length === 0
        ? []
        : [
            {
              type: 'GrantPlanChanged',
              corrects,
              data: {
                grantId: grant.grantId,
                initiativeId: grant.initiativeId,
                awardYear: grant.awardYear,
                year: state.year,
                instalments: open.map((change) => ({
                  year: change.year,
                  amountBefore: formatAmount(change.before),
                  amountAfter: formatAmount(change.after),
                })),
                ...basis,
              },
            },
          ];
    return [header, ...moved, ...plan];
  },
  http: {
    path: '/api/years/:year/closed-year-corrections/grants',
    summary: 'Correct a grant of a closed year (rettelse): the ledger moves the difference between the frame and the earmark',
    tag: 'years',
  },
});

interface InstalmentChange {
  year: number;
  before: Decimal;
  after: Decimal;
}

const written = (change: InstalmentChange) => ({
  year: change.year,
  amountBefore: formatAmount(change.before),
  amountAfter: formatAmount(change.after),
});

/** The grant, awarded in the closed year it names. */
function requireClosedGrant(states: States, correctedYear: number, grantId: string): GrantInYear {
  const grant = states.year(correctedYear).grants.get(grantId);
  if (!grant || grant.awardEventId === null || grant.awardYear !== correctedYear)
    throw new DomainError('unknown-grant', `no grant ${grantId} was awarded in ${correctedYear}`, { grantId, year: correctedYear });
  return grant;
}

/** Each instalment asked, beside the instalment as it stands; only those that change. */
function instalmentChanges(
  states: States,
  grant: GrantInYear,
  asked: { year: number; amount: string }[],
  openYear: number,
): InstalmentChange[] {
  const years = asked.map((instalment) => instalment.year);
  if (new Set(years).size !== years.length)
    throw new DomainError('invalid-instalment-years', `a year is named twice: ${years.join(', ')}`, { years });
  const changes = asked.map((instalment) => {
    const inYear = states.year(instalment.year).grants.get(grant.grantId);
    if (!inYear || inYear.awardEventId === null)
      throw new DomainError('plan-year-not-in-plan', `grant ${grant.grantId} has no instalment in ${instalment.year}`, {
        grantId: grant.grantId,
        year: instalment.year,
      });
    const sealed = inYear.instalment.plus(inYear.adjusted);
    const before = instalment.year < openYear ? standingFigure(states, sealed, grant.awardEventId!, instalment.year, openYear) : sealed;
    return { year: instalment.year, before, after: money(instalment.amount) };
  });
  const changed = changes.filter((change) => !change.after.equals(change.before)).sort((a, b) => a.year - b.year);
  if (changed.length === 0) requireChanged(changes[0]!.before, changes[0]!.after, `grant ${grant.grantId}`);
  return changed;
}

/**
 * An instalment of a closed year raised: within the point's line for the initiative and
 * year less what other grants took under it, and out of that year's remainder (or, from
 * the reserve fund, its fund); lowered: out of what the year carried unspent for it.
 */
function checkClosedChange(
  states: States,
  authority: GrantAuthority,
  grant: GrantInYear,
  change: InstalmentChange,
  openYear: number,
): void {
  const delta = change.after.minus(change.before);
  if (delta.isNegative()) {
    requireCarriedRoom(states, change.year, openYear, grant.initiativeId, delta.abs());
    return;
  }
  requirePointAllows(states, authority, grant, change, openYear);
  if (grant.fundedBy === 'frame') requireRemainderRoom(states, change.year, openYear, delta);
}

function requirePointAllows(
  states: States,
  authority: GrantAuthority,
  grant: GrantInYear,
  change: InstalmentChange,
  openYear: number,
): void {
  const limit = authority.limitFor(grant.initiativeId, change.year);
  if (limit === null) return;
  const pointKey = `${authority.cited.caseNumber}#${authority.cited.adopted.number}`;
  let others = ZERO;
  for (const other of states.year(change.year).grants.values()) {
    if (other.grantId === grant.grantId || other.initiativeId !== grant.initiativeId || other.authorityKey !== pointKey) continue;
    const sealed = other.instalment.plus(other.adjusted);
    const corrected = other.awardEventId
      ? correctedSince(states, correctionKeys.figure(other.awardEventId, change.year), change.year + 1, openYear)
      : ZERO;
    others = others.plus(sealed).plus(corrected);
  }
  if (change.after.plus(others).lessThanOrEqualTo(limit)) return;
  const { caseNumber } = authority.cited;
  const pointNumber = authority.cited.adopted.number;
  throw new DomainError(
    'authority-exceeded',
    `point ${pointNumber} of case ${caseNumber} authorises ${formatAmount(limit)} for ${grant.initiativeId} in ${change.year}; other grants took ${formatAmount(others)} of it, so grant ${grant.grantId} cannot stand at ${formatAmount(change.after)}`,
    {
      caseNumber,
      pointNumber,
      initiativeId: grant.initiativeId,
      year: change.year,
      amountAuthorised: formatAmount(limit),
      amountGranted: formatAmount(others),
      amountLeft: formatAmount(limit.minus(others).isNegative() ? ZERO : limit.minus(others)),
      amountAsked: formatAmount(change.after),
    },
  );
}
