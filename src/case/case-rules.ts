import { yearOfCaseNumber } from '../../events/identifiers.js';
import type { AdoptedPoint, ResolutionPoint } from '../../events/case-events.js';
import type { CaseState } from './case.js';
import { caseYearRefusal } from '../domain/case-year.js';
import { DomainError } from '../domain/errors.js';
import type { States } from '../commands/define.js';
import { FIRST_YEAR, LAST_YEAR } from '../shared/bounds.js';
import { requireOpenYear } from '../year/year-rules.js';
import { yearRef, type StateRef } from '../commands/state-refs.js';

/** Rules every command on an open case shares. */

/** The case is open, and nothing in it takes effect before it was opened. */
function requireOpenedBy(state: CaseState, effectiveDate: string) {
  const opened = requireOpenCase(state);
  if (effectiveDate < opened.on)
    throw new DomainError(
      'before-case-opened',
      `case ${state.caseNumber} was opened ${opened.on}; nothing in it can take effect ${effectiveDate}`,
      {
        caseNumber: state.caseNumber,
        openedOn: opened.on,
        effectiveDate,
      },
    );
  return opened;
}

/** Once a case is decided, its proposals, recommendation and resolution are final. */
function requireUndecided(state: CaseState): void {
  if (state.adopted)
    throw new DomainError('case-decided', `case ${state.caseNumber} is decided; its proposals, recommendation and resolution are final`, {
      caseNumber: state.caseNumber,
    });
}

/**
 * A case still being prepared: opened by the date and not yet decided, so it takes
 * proposals, a recommendation and a resolution. Returns its state and its opening.
 */
export function requireCaseInPreparation(states: States, caseNumber: string, effectiveDate: string) {
  const state = states.case(caseNumber);
  const opened = requireOpenedBy(state, effectiveDate);
  requireUndecided(state);
  return { state, opened };
}

/** The days the committee met on a case: its meeting date and the days the meeting was continued. */
export function meetingDaysOf(opened: NonNullable<CaseState['opened']>): string[] {
  return [opened.meetingDate, ...opened.continuedOn];
}

/**
 * Votes and the adoption happen at the meeting: dated on its day, or on a day the
 * secretariat recorded the meeting as continued. The refusal names the days it could be.
 */
export function requireMeetingHeld(state: CaseState, effectiveDate: string, what: string): void {
  const opened = requireOpenCase(state);
  if (effectiveDate < opened.meetingDate)
    throw new DomainError(
      'before-meeting',
      `case ${state.caseNumber} is decided at the meeting of ${opened.meetingDate}; ${what} cannot take effect ${effectiveDate}`,
      {
        caseNumber: state.caseNumber,
        meetingDate: opened.meetingDate,
        effectiveDate,
      },
    );
  const days = meetingDaysOf(opened);
  if (!days.includes(effectiveDate))
    throw new DomainError(
      'not-a-meeting-day',
      `case ${state.caseNumber} was decided at the meeting of ${days.join(', ')}; ${what} dated ${effectiveDate} was not cast there (record a continued meeting first)`,
      {
        caseNumber: state.caseNumber,
        meetingDate: opened.meetingDate,
        effectiveDate,
        ...(opened.continuedOn.length > 0 ? { continuedOn: opened.continuedOn.at(-1)! } : {}),
      },
    );
}

/** Votes and the adoption rest on the proposed resolution: never before it took effect. */
export function requireResolutionBy(state: CaseState, effectiveDate: string, what: string) {
  const resolution = requireResolution(state);
  if (effectiveDate < resolution.proposedOn)
    throw new DomainError(
      'before-resolution-proposed',
      `the resolution of case ${state.caseNumber} was proposed ${resolution.proposedOn}; ${what} cannot take effect ${effectiveDate}`,
      { caseNumber: state.caseNumber, proposedOn: resolution.proposedOn, effectiveDate },
    );
  return resolution;
}

/** The states a vote or an adoption reads besides its case: the registry and the case's year and the next. */
export function decisionReads(caseNumber: string): StateRef[] {
  const year = yearOfCaseNumber(caseNumber);
  return [{ kind: 'registry' }, yearRef(year), yearRef(year + 1)];
}

/**
 * What is requested and recommended for a year are figures of that year: nothing is
 * asked or recommended for a closed year, nor once a later year is closed. The states
 * such a command reads: the year and the next.
 */
export function yearFigureReads(year: number): StateRef[] {
  return [yearRef(year), ...(year < LAST_YEAR ? [yearRef(year + 1)] : [])];
}

/**
 * The years a revision of a proposal reads: a proposal in a case is for the case's year,
 * the year before (a case that distributes last year's funds) or the two after (the later
 * instalments of a plan), so those years and the next are read.
 */
export function revisionReads(caseNumber: string): StateRef[] {
  const year = yearOfCaseNumber(caseNumber);
  const years = [year - 1, year, year + 1, year + 2, year + 3].filter((candidate) => candidate >= FIRST_YEAR && candidate <= LAST_YEAR);
  return years.map(yearRef);
}

/** A proposal's requested amount changes only while its year is open (when its year is one a revision reads). */
export function requireProposalYearOpen(states: States, caseNumber: string, year: number): void {
  const caseYear = yearOfCaseNumber(caseNumber);
  if (year >= caseYear - 1 && year <= caseYear + 2 && year >= FIRST_YEAR) requireOpenYear(states, year);
}

/** No vote or adoption in a case whose year is closed, or once a later year is (the rule the page offers its forms by). */
export function requireCaseYearOpen(states: States, caseNumber: string): void {
  const refusal = caseYearRefusal(caseNumber, (year) => states.year(year).closedOn);
  if (refusal) throw new DomainError(refusal.code, refusal.message, refusal.details);
}

function requireOpenCase(state: CaseState): NonNullable<CaseState['opened']> {
  if (!state.opened) throw new DomainError('unknown-case', `case ${state.caseNumber} is not open`, { caseNumber: state.caseNumber });
  return state.opened;
}

export function requireResolution(state: CaseState): NonNullable<CaseState['resolution']> {
  if (!state.resolution)
    throw new DomainError('no-proposed-resolution', `case ${state.caseNumber} has no proposed resolution`, {
      caseNumber: state.caseNumber,
    });
  return state.resolution;
}

export function requirePoint(points: readonly ResolutionPoint[], pointNumber: number, caseNumber: string): ResolutionPoint {
  const point = points.find((candidate) => candidate.number === pointNumber);
  if (!point)
    throw new DomainError('unknown-point', `case ${caseNumber} has no point ${pointNumber}`, {
      caseNumber,
      pointNumber,
      points: points.map((candidate) => candidate.number),
    });
  return point;
}

/** A point of an adopted resolution that a later decision cites, with what was proposed for it. */
export interface CitedPoint {
  readonly caseNumber: string;
  readonly proposed: ResolutionPoint;
  readonly adopted: AdoptedPoint;
  readonly adoptedOn: string;
}

/** The adopted point a grant, release or reserve fund cites; refused when not adopted or cited before its adoption. */
export function requireAdoptedPoint(
  state: CaseState | undefined,
  caseNumber: string,
  pointNumber: number,
  effectiveDate: string,
): CitedPoint {
  if (!state?.opened) throw new DomainError('unknown-case', `case ${caseNumber} is not open`, { caseNumber });
  if (!state.adopted || !state.resolution)
    throw new DomainError('resolution-not-adopted', `case ${caseNumber} has no adopted resolution to cite`, { caseNumber });
  if (effectiveDate < state.adopted.adoptedOn)
    throw new DomainError(
      'before-resolution-adopted',
      `case ${caseNumber} was decided ${state.adopted.adoptedOn}; what it authorises cannot take effect ${effectiveDate}`,
      { caseNumber, adoptedOn: state.adopted.adoptedOn, effectiveDate },
    );
  const adopted = state.adopted.points.find((candidate) => candidate.number === pointNumber);
  if (!adopted || adopted.outcome !== 'adopted')
    throw new DomainError('point-not-adopted', `point ${pointNumber} of case ${caseNumber} was not adopted`, { caseNumber, pointNumber });
  const proposed = requirePoint(state.resolution.points, pointNumber, caseNumber);
  return { caseNumber, proposed, adopted, adoptedOn: state.adopted.adoptedOn };
}
