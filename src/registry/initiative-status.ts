import { EntityIdSchema, TextSchema } from '../../events/identifiers.js';
import { ResolutionCitationSchema } from '../../events/citation.js';
import { requireAdoptedPoint } from '../case/case-rules.js';
import { DomainError } from '../domain/errors.js';
import type { InitiativeRecord } from './registry.js';
import { droppedAsOf, requireInitiativeBy } from './registry-rules.js';
import type { YearState } from '../year/year.js';
import { defineCommand, type States } from '../commands/define.js';
import { FIRST_YEAR, LAST_YEAR } from '../shared/bounds.js';
import { REGISTRY, caseRef, yearRef, type StateRef } from '../commands/state-refs.js';

/**
 * An initiative dropped or finished (aktivitet utgår / avsluttet) is a status as of a date:
 * from that day nothing new is granted to it, no instalment raised and no spending reported
 * (corrections of earlier spending stay possible); what it has left is released now
 * (`DropInitiative` in a year) or by the settlement. A restart is a decision of the
 * committee and cites it. Changes of status come in date order.
 */

/** The status change does not go back before the initiative's registration or its last change of status. */
function requireInOrder(initiative: InitiativeRecord, effectiveDate: string): void {
  const last = initiative.statusChanges.at(-1);
  if (last && effectiveDate < last.on)
    throw new DomainError(
      'status-change-out-of-order',
      `${initiative.name} was ${last.dropped ? 'dropped' : 'restarted'} ${last.on}; its status cannot change as of ${effectiveDate}, before that`,
      { initiativeId: initiative.initiativeId, initiativeName: initiative.name, lastChangeOn: last.on, effectiveDate },
    );
}

/** The first thing recorded for the initiative that takes effect on or after `date` in a year read: a grant, a raised instalment or a spending report. */
function laterActivity(state: YearState, initiativeId: string, date: string): { kind: Activity; on: string } | null {
  let first: { kind: Activity; on: string } | null = null;
  // On the same day a grant is named before a raise, and a raise before spending.
  const before = (kind: Activity, on: string, other: { kind: Activity; on: string }) =>
    on < other.on || (on === other.on && ACTIVITY_ORDER.indexOf(kind) < ACTIVITY_ORDER.indexOf(other.kind));
  const note = (kind: Activity, on: string | null) => {
    if (on !== null && on >= date && (first === null || before(kind, on, first))) first = { kind, on };
  };
  for (const grant of state.grants.values()) {
    if (grant.initiativeId !== initiativeId) continue;
    if (grant.awardYear === state.year) note('GrantAwarded', grant.awardedOn);
    // An instalment raised (an adjustment, a plan change, a correction) on or after the day.
    note('GrantAdjusted', grant.unreleased.firstRiseFrom(date));
  }
  for (const report of state.spendingReports.values())
    if (report.initiativeId === initiativeId) note('SpendingReported', report.reportedOn);
  return first;
}

const ACTIVITY_ORDER: readonly Activity[] = ['GrantAwarded', 'GrantAdjusted', 'SpendingReported'];

const ACTIVITY_WORDS: Record<Activity, string> = {
  GrantAwarded: 'a grant',
  GrantAdjusted: 'a raised grant',
  SpendingReported: 'spending',
};

const yearOf = (date: string) => Number(date.slice(0, 4));

/** What a drop may not come before: a grant, a raised instalment or a spending report, by its event type. */
type Activity = 'GrantAwarded' | 'GrantAdjusted' | 'SpendingReported';

/**
 * The years whose grants and spending could take effect on or after a drop dated in
 * `year`: an open year's money can be decided well after its own year (a year's funds are
 * distributed the year after, a plan reaches three years ahead), so five years back and
 * three ahead.
 */
const yearsAround = (year: number) =>
  Array.from({ length: 9 }, (_, index) => year - 5 + index).filter((each) => each >= FIRST_YEAR && each <= LAST_YEAR);

export const endInitiative = defineCommand({
  type: 'EndInitiative',
  shape: {
    initiativeId: EntityIdSchema,
    reason: TextSchema,
    authority: ResolutionCitationSchema.optional(),
  },
  target: () => REGISTRY,
  // The day it was dropped is given (`effectiveDate`): the years around it are read, since nothing after it may have been granted or spent.
  reads: (command) => {
    if (command.effectiveDate === undefined) return command.authority ? [caseRef(command.authority.caseNumber)] : [];
    const years = yearsAround(yearOf(command.effectiveDate)).map(yearRef);
    return [...years, ...(command.authority ? [caseRef(command.authority.caseNumber)] : [])] as StateRef[];
  },
  decide(command, states, context) {
    if (command.effectiveDate === undefined)
      throw new DomainError('drop-date-required', 'give the day the initiative was dropped or finished (effectiveDate)', {
        initiativeId: command.initiativeId,
      });
    const initiative = requireInitiativeBy(states.registry(), command.initiativeId, context.effectiveDate);
    requireInOrder(initiative, context.effectiveDate);
    const droppedOn = droppedAsOf(initiative, context.effectiveDate);
    if (droppedOn !== null)
      throw new DomainError('initiative-dropped', `${initiative.name} was already dropped ${droppedOn}`, {
        initiativeId: initiative.initiativeId,
        initiativeName: initiative.name,
        droppedOn,
        effectiveDate: context.effectiveDate,
      });
    if (command.authority) requireCited(states, command.authority, context.effectiveDate);
    requireNothingAfter(states, initiative, context.effectiveDate);
    const { initiativeId, reason, authority } = command;
    return [{ type: 'InitiativeDropped', data: { initiativeId, reason, ...(authority ? { authority } : {}) } }];
  },
  http: {
    path: '/api/initiatives/:initiativeId/dropped',
    summary: 'Drop or finish an initiative as of a date: nothing new for it from then on',
    tag: 'registry',
  },
});

function requireCited(states: States, authority: { caseNumber: string; pointNumber: number }, effectiveDate: string): void {
  requireAdoptedPoint(states.case(authority.caseNumber), authority.caseNumber, authority.pointNumber, effectiveDate);
}

/** A drop dated on or before a grant or spending already recorded would leave that day breaking the rule. */
function requireNothingAfter(states: States, initiative: InitiativeRecord, date: string): void {
  for (const each of yearsAround(yearOf(date))) {
    const later = laterActivity(states.year(each), initiative.initiativeId, date);
    if (later)
      throw new DomainError(
        'activity-after-drop',
        `${initiative.name} has ${ACTIVITY_WORDS[later.kind]} taking effect ${later.on}; it cannot have been dropped as of ${date}`,
        {
          initiativeId: initiative.initiativeId,
          initiativeName: initiative.name,
          activity: later.kind,
          activityOn: later.on,
          effectiveDate: date,
        },
      );
  }
}

export const restartInitiative = defineCommand({
  type: 'RestartInitiative',
  shape: { initiativeId: EntityIdSchema, reason: TextSchema, authority: ResolutionCitationSchema },
  target: () => REGISTRY,
  reads: (command) => [caseRef(command.authority.caseNumber)],
  decide(command, states, context) {
    const initiative = requireInitiativeBy(states.registry(), command.initiativeId, context.effectiveDate);
    requireInOrder(initiative, context.effectiveDate);
    if (droppedAsOf(initiative, context.effectiveDate) === null)
      throw new DomainError(
        'initiative-not-dropped',
        `${initiative.name} is not dropped as of ${context.effectiveDate}; there is nothing to restart`,
        {
          initiativeId: initiative.initiativeId,
          initiativeName: initiative.name,
          effectiveDate: context.effectiveDate,
        },
      );
    requireCited(states, command.authority, context.effectiveDate);
    const { initiativeId, reason, authority } = command;
    return [{ type: 'InitiativeRestarted', data: { initiativeId, reason, authority } }];
  },
  http: {
    path: '/api/initiatives/:initiativeId/restart',
    summary: 'Restart a dropped initiative by a decision of the committee',
    tag: 'registry',
  },
});
