import { DomainError } from '../domain/errors.js';
import type { RegistryKind } from '../domain/refusal-details.js';
import type { InitiativeRecord, MemberRecord, RegistryState } from './registry.js';

/**
 * Rules every command on the registry shares. A rule is `require<what must hold>`: it
 * returns what it checked (the record found) or nothing, and otherwise throws the
 * `DomainError` that says why. The case's and the year's rules follow the same form
 * (src/case/case-rules.ts, src/year/year-rules.ts).
 */

export function requireProgrammeArea(state: RegistryState, programmeAreaId: string) {
  const area = state.programmeAreas.get(programmeAreaId);
  if (!area) throw new DomainError('unknown-programme-area', `programme area ${programmeAreaId} is not registered`, { programmeAreaId });
  return area;
}

export function requireInitiative(state: RegistryState, initiativeId: string): InitiativeRecord {
  const initiative = state.initiatives.get(initiativeId);
  if (!initiative) throw new DomainError('unknown-initiative', `initiative ${initiativeId} is not registered`, { initiativeId });
  return initiative;
}

export function requirePartner(state: RegistryState, partnerId: string) {
  const partner = state.partners.get(partnerId);
  if (!partner) throw new DomainError('unknown-partner', `partner ${partnerId} is not registered`, { partnerId });
  return partner;
}

export function requireMember(state: RegistryState, memberId: string): MemberRecord {
  const member = state.members.get(memberId);
  if (!member) throw new DomainError('unknown-member', `committee member ${memberId} is not registered`, { memberId });
  return member;
}

/** The id is not taken yet. */
export function requireUnregistered(kind: RegistryKind, id: string, taken: { has(key: string): boolean }): void {
  if (taken.has(id)) throw new DomainError('already-registered', `${kind} ${id} is already registered`, { kind, id });
}

/** A registered initiative that existed on `effectiveDate`: a grant to it takes effect on or after its registration. */
export function requireInitiativeBy(state: RegistryState, initiativeId: string, effectiveDate: string): InitiativeRecord {
  const initiative = requireInitiative(state, initiativeId);
  if (effectiveDate < initiative.registeredOn)
    throw new DomainError(
      'before-initiative-registered',
      `initiative ${initiative.name} (${initiativeId}) was registered ${initiative.registeredOn}; nothing is granted to it as of ${effectiveDate}`,
      { initiativeId, initiativeName: initiative.name, registeredOn: initiative.registeredOn, effectiveDate },
    );
  return initiative;
}

/** The date an initiative was dropped, when it stands dropped as of `date`; null while it is active. */
export function droppedAsOf(initiative: InitiativeRecord, date: string): string | null {
  let dropped: string | null = null;
  for (const change of initiative.statusChanges) {
    if (change.on > date) break;
    dropped = change.dropped ? change.on : null;
  }
  return dropped;
}

/**
 * Nothing new for a dropped initiative: no grant, no raised instalment, no spending
 * reported from the day it was dropped (until a decision restarts it).
 */
export function requireActiveOn(state: RegistryState, initiativeId: string, effectiveDate: string, what: string): InitiativeRecord {
  const initiative = requireInitiative(state, initiativeId);
  const droppedOn = droppedAsOf(initiative, effectiveDate);
  if (droppedOn !== null)
    throw new DomainError(
      'initiative-dropped',
      `${initiative.name} was dropped ${droppedOn}; ${what} cannot take effect ${effectiveDate} (a decision can restart it)`,
      { initiativeId, initiativeName: initiative.name, droppedOn, effectiveDate },
    );
  return initiative;
}
