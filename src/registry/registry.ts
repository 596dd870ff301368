import type { Criterion, Phase } from '../../events/identifiers.js';
import type { EventDraft, LedgerEvent } from '../../events/catalogue.js';
import type { CommandOf } from '../commands/schemas.js';
import { DomainError } from '../domain/errors.js';

/** The `registry` stream: programme areas, initiatives, partners and committee members. */
export const REGISTRY_STREAM = 'registry';

export interface InitiativeRecord {
  initiativeId: string;
  name: string;
  programmeAreaId: string;
  criterion: Criterion;
  phase: Phase;
  fromProposal?: { caseNumber: string; proposalId: string } | undefined;
}

export interface RegistryState {
  programmeAreas: Map<string, { programmeAreaId: string; name: string }>;
  initiatives: Map<string, InitiativeRecord>;
  partners: Map<string, { partnerId: string; name: string; kind: string }>;
  members: Map<string, { memberId: string; name: string; partnerId: string }>;
  /** Proposals of new initiatives already registered as initiatives, by `caseNumber|proposalId`. */
  linkedProposals: Map<string, string>;
}

/** What the registry needs to know of a case to register an initiative from one of its proposals. */
export interface RegistryDecisionContext {
  /** The proposal's target, or null when the case has no such proposal. */
  proposalTarget: (caseNumber: string, proposalId: string) => { initiativeId: string } | { newInitiativeName: string } | null;
}

export type RegistryCommand = CommandOf<
  'RegisterProgrammeArea' | 'RegisterInitiative' | 'ChangeInitiativePhase' | 'RegisterPartner' | 'RegisterCommitteeMember'
>;

export function initialRegistryState(): RegistryState {
  return { programmeAreas: new Map(), initiatives: new Map(), partners: new Map(), members: new Map(), linkedProposals: new Map() };
}

/** Applies a committed event. Mutates `state` in place: states belong to their loader. */
export function evolveRegistry(state: RegistryState, event: LedgerEvent): RegistryState {
  switch (event.type) {
    case 'ProgrammeAreaRegistered':
      state.programmeAreas.set(event.data.programmeAreaId, { ...event.data });
      break;
    case 'InitiativeRegistered':
      state.initiatives.set(event.data.initiativeId, { ...event.data });
      if (event.data.fromProposal)
        state.linkedProposals.set(`${event.data.fromProposal.caseNumber}|${event.data.fromProposal.proposalId}`, event.data.initiativeId);
      break;
    case 'InitiativePhaseChanged': {
      const initiative = state.initiatives.get(event.data.initiativeId);
      if (initiative) initiative.phase = event.data.phaseAfter;
      break;
    }
    case 'PartnerRegistered':
      state.partners.set(event.data.partnerId, { ...event.data });
      break;
    case 'CommitteeMemberRegistered':
      state.members.set(event.data.memberId, { ...event.data });
      break;
    default:
      break;
  }
  return state;
}

export function decideRegistry(command: RegistryCommand, state: RegistryState, context: RegistryDecisionContext): EventDraft[] {
  switch (command.type) {
    case 'RegisterProgrammeArea':
      refuseTaken('programme area', command.programmeAreaId, state.programmeAreas);
      return [{ type: 'ProgrammeAreaRegistered', data: { programmeAreaId: command.programmeAreaId, name: command.name } }];
    case 'RegisterInitiative':
      refuseTaken('initiative', command.initiativeId, state.initiatives);
      requireProgrammeArea(state, command.programmeAreaId);
      if (command.fromProposal) {
        const { caseNumber, proposalId } = command.fromProposal;
        const target = context.proposalTarget(caseNumber, proposalId);
        if (!target)
          throw new DomainError('unknown-proposal', `proposal ${proposalId} is not in case ${caseNumber}`, { caseNumber, proposalId });
        if (!('newInitiativeName' in target))
          throw new DomainError(
            'proposal-not-new',
            `proposal ${proposalId} is for the registered initiative ${target.initiativeId}, not a new one`,
            { proposalId, initiativeId: target.initiativeId },
          );
        const linked = state.linkedProposals.get(`${caseNumber}|${proposalId}`);
        if (linked)
          throw new DomainError('proposal-already-registered', `proposal ${proposalId} was already registered as initiative ${linked}`, {
            proposalId,
            initiativeId: linked,
          });
      }
      return [
        {
          type: 'InitiativeRegistered',
          data: {
            initiativeId: command.initiativeId,
            name: command.name,
            programmeAreaId: command.programmeAreaId,
            criterion: command.criterion,
            phase: command.phase,
            ...(command.fromProposal ? { fromProposal: command.fromProposal } : {}),
          },
        },
      ];
    case 'ChangeInitiativePhase': {
      const initiative = requireInitiative(state, command.initiativeId);
      if (initiative.phase === command.phase)
        throw new DomainError('phase-unchanged', `initiative ${command.initiativeId} is already in phase ${command.phase}`, {
          initiativeId: command.initiativeId,
          phase: command.phase,
        });
      return [
        {
          type: 'InitiativePhaseChanged',
          data: { initiativeId: command.initiativeId, phaseBefore: initiative.phase, phaseAfter: command.phase },
        },
      ];
    }
    case 'RegisterPartner':
      refuseTaken('partner', command.partnerId, state.partners);
      return [{ type: 'PartnerRegistered', data: { partnerId: command.partnerId, name: command.name, kind: command.kind } }];
    case 'RegisterCommitteeMember':
      refuseTaken('committee member', command.memberId, state.members);
      requirePartner(state, command.partnerId);
      return [
        {
          type: 'CommitteeMemberRegistered',
          data: { memberId: command.memberId, name: command.name, partnerId: command.partnerId },
        },
      ];
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

function refuseTaken(kind: string, id: string, map: Map<string, unknown>): void {
  if (map.has(id)) throw new DomainError('already-registered', `${kind} ${id} is already registered`, { kind, id });
}

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

export function requireMember(state: RegistryState, memberId: string) {
  const member = state.members.get(memberId);
  if (!member) throw new DomainError('unknown-member', `committee member ${memberId} is not registered`, { memberId });
  return member;
}
