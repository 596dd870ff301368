import { Map as ImmutableMap } from 'immutable';
import type { LedgerEvent } from '../../events/catalogue.js';
import type { Criterion, Phase } from '../../events/identifiers.js';
import { organisationOf, type Organisation } from './organisation.js';

/** The `registry` stream: programme areas, initiatives, partners, committee members and the quorum. */
export const REGISTRY_STREAM = 'registry';

export interface InitiativeRecord {
  readonly initiativeId: string;
  readonly name: string;
  readonly programmeAreaId: string;
  readonly criterion: Criterion;
  readonly phase: Phase;
  readonly fromProposal?: { caseNumber: string; proposalId: string } | undefined;
  /** The date the registration took effect: nothing is granted to the initiative before it. */
  readonly registeredOn: string;
  /** Its drops and restarts in date order: dropped as of a date when the last change by then is a drop. */
  readonly statusChanges: readonly { readonly on: string; readonly dropped: boolean }[];
}

export interface MemberRecord {
  readonly memberId: string;
  readonly name: string;
  readonly partnerId: string;
  /** The date the member's registration took effect: they vote only in meetings from then on. */
  readonly registeredOn: string;
}

export interface RegistryState {
  readonly programmeAreas: ImmutableMap<string, { programmeAreaId: string; name: string }>;
  readonly initiatives: ImmutableMap<string, InitiativeRecord>;
  readonly partners: ImmutableMap<string, { partnerId: string; name: string; kind: string }>;
  readonly members: ImmutableMap<string, MemberRecord>;
  /** Proposals of new initiatives already registered as initiatives: `caseNumber|proposalId` → initiative id. */
  readonly linkedProposals: ImmutableMap<string, string>;
  /** How many members must take part for the committee to decide, once the secretariat has set it. */
  readonly quorum: number | null;
  /** Who keeps the ledger, once recorded (src/registry/organisation.ts). */
  readonly organisation: Organisation | null;
}

export const initialRegistryState = (): RegistryState => ({
  programmeAreas: ImmutableMap(),
  initiatives: ImmutableMap(),
  partners: ImmutableMap(),
  members: ImmutableMap(),
  linkedProposals: ImmutableMap(),
  quorum: null,
  organisation: null,
});

/** The next registry state after a committed event; the state given is left as it was. */
export function evolveRegistry(state: RegistryState, event: LedgerEvent): RegistryState {
  switch (event.type) {
    case 'ProgrammeAreaRegistered':
      return { ...state, programmeAreas: state.programmeAreas.set(event.data.programmeAreaId, { ...event.data }) };
    case 'InitiativeRegistered': {
      const { fromProposal } = event.data;
      return {
        ...state,
        initiatives: state.initiatives.set(event.data.initiativeId, {
          ...event.data,
          registeredOn: event.metadata.effectiveDate,
          statusChanges: [],
        }),
        linkedProposals: fromProposal
          ? state.linkedProposals.set(`${fromProposal.caseNumber}|${fromProposal.proposalId}`, event.data.initiativeId)
          : state.linkedProposals,
      };
    }
    case 'InitiativePhaseChanged': {
      const initiative = state.initiatives.get(event.data.initiativeId);
      if (!initiative) return state;
      return { ...state, initiatives: state.initiatives.set(initiative.initiativeId, { ...initiative, phase: event.data.phaseAfter }) };
    }
    case 'InitiativeDropped':
    case 'InitiativeRestarted': {
      const initiative = state.initiatives.get(event.data.initiativeId);
      if (!initiative) return state;
      const change = { on: event.metadata.effectiveDate, dropped: event.type === 'InitiativeDropped' };
      const statusChanges = [...initiative.statusChanges, change].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
      return { ...state, initiatives: state.initiatives.set(initiative.initiativeId, { ...initiative, statusChanges }) };
    }
    case 'PartnerRegistered':
      return { ...state, partners: state.partners.set(event.data.partnerId, { ...event.data }) };
    case 'CommitteeMemberRegistered':
      return {
        ...state,
        members: state.members.set(event.data.memberId, { ...event.data, registeredOn: event.metadata.effectiveDate }),
      };
    case 'CommitteeQuorumSet':
      return { ...state, quorum: event.data.quorum };
    case 'OrganisationRecorded':
      return { ...state, organisation: organisationOf(event.data) };
    default:
      return state;
  }
}
