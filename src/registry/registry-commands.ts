import { z } from 'zod';
import { CriterionSchema, EntityIdSchema, NameSchema, PartnerKindSchema, PhaseSchema } from '../../events/identifiers.js';
import { ProposalLinkSchema } from '../../events/registry-events.js';
import { DomainError } from '../domain/errors.js';
import { requireUnregistered, requireInitiative, requirePartner, requireProgrammeArea } from './registry-rules.js';
import { defineCommand } from '../commands/define.js';
import { REGISTRY, caseRef } from '../commands/state-refs.js';

/** The registry's commands: what decisions are about, and who decides. */

export const registerProgrammeArea = defineCommand({
  type: 'RegisterProgrammeArea',
  shape: { programmeAreaId: EntityIdSchema, name: NameSchema },
  target: () => REGISTRY,
  reads: () => [],
  decide(command, states) {
    requireUnregistered('programme area', command.programmeAreaId, states.registry().programmeAreas);
    return [{ type: 'ProgrammeAreaRegistered', data: { programmeAreaId: command.programmeAreaId, name: command.name } }];
  },
  http: { path: '/api/programme-areas', summary: 'Register a programme area (programområde)', tag: 'registry' },
});

export const registerInitiative = defineCommand({
  type: 'RegisterInitiative',
  shape: {
    initiativeId: EntityIdSchema,
    name: NameSchema,
    programmeAreaId: EntityIdSchema,
    criterion: CriterionSchema,
    phase: PhaseSchema,
    fromProposal: ProposalLinkSchema.optional(),
  },
  target: () => REGISTRY,
  reads: (command) => (command.fromProposal ? [caseRef(command.fromProposal.caseNumber)] : []),
  decide(command, states, context) {
    const registry = states.registry();
    requireUnregistered('initiative', command.initiativeId, registry.initiatives);
    requireProgrammeArea(registry, command.programmeAreaId);
    if (command.fromProposal) {
      const { caseNumber, proposalId } = command.fromProposal;
      const proposal = states.case(caseNumber).proposals.get(proposalId);
      if (!proposal)
        throw new DomainError('unknown-proposal', `proposal ${proposalId} is not in case ${caseNumber}`, { caseNumber, proposalId });
      const target = proposal.target;
      if (!('newInitiativeName' in target))
        throw new DomainError(
          'proposal-not-new',
          `proposal ${proposalId} is for the registered initiative ${target.initiativeId}, not a new one`,
          {
            caseNumber,
            proposalId,
            initiativeId: target.initiativeId,
          },
        );
      if (context.effectiveDate < proposal.submittedOn)
        throw new DomainError(
          'before-proposal',
          `proposal ${proposalId} was submitted ${proposal.submittedOn}; an initiative cannot be registered from it as of ${context.effectiveDate}`,
          { caseNumber, proposalId, submittedOn: proposal.submittedOn, effectiveDate: context.effectiveDate },
        );
      const linked = registry.linkedProposals.get(`${caseNumber}|${proposalId}`);
      if (linked)
        throw new DomainError('proposal-already-registered', `proposal ${proposalId} was already registered as initiative ${linked}`, {
          caseNumber,
          proposalId,
          initiativeId: linked,
        });
    }
    const { initiativeId, name, programmeAreaId, criterion, phase, fromProposal } = command;
    return [
      {
        type: 'InitiativeRegistered',
        data: { initiativeId, name, programmeAreaId, criterion, phase, ...(fromProposal ? { fromProposal } : {}) },
      },
    ];
  },
  http: { path: '/api/initiatives', summary: 'Register an initiative (satsning) in a programme area', tag: 'registry' },
});

export const changeInitiativePhase = defineCommand({
  type: 'ChangeInitiativePhase',
  shape: { initiativeId: EntityIdSchema, phase: PhaseSchema },
  target: () => REGISTRY,
  reads: () => [],
  decide(command, states) {
    const initiative = requireInitiative(states.registry(), command.initiativeId);
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
  },
  http: { path: '/api/initiatives/:initiativeId/phase', summary: "Change an initiative's phase", tag: 'registry' },
});

export const registerPartner = defineCommand({
  type: 'RegisterPartner',
  shape: { partnerId: EntityIdSchema, name: NameSchema, kind: PartnerKindSchema },
  target: () => REGISTRY,
  reads: () => [],
  decide(command, states) {
    requireUnregistered('partner', command.partnerId, states.registry().partners);
    return [{ type: 'PartnerRegistered', data: { partnerId: command.partnerId, name: command.name, kind: command.kind } }];
  },
  http: { path: '/api/partners', summary: 'Register a partner of the health partnership', tag: 'registry' },
});

export const registerCommitteeMember = defineCommand({
  type: 'RegisterCommitteeMember',
  shape: { memberId: EntityIdSchema, name: NameSchema, partnerId: EntityIdSchema },
  target: () => REGISTRY,
  reads: () => [],
  decide(command, states) {
    const registry = states.registry();
    requireUnregistered('committee member', command.memberId, registry.members);
    requirePartner(registry, command.partnerId);
    return [{ type: 'CommitteeMemberRegistered', data: { memberId: command.memberId, name: command.name, partnerId: command.partnerId } }];
  },
  http: { path: '/api/members', summary: 'Register a member of the strategic committee (SSU)', tag: 'registry' },
});

export const setQuorum = defineCommand({
  type: 'SetQuorum',
  shape: {
    quorum: z
      .number({ error: 'quorum must be a whole number of members' })
      .int({ error: 'quorum must be a whole number of members' })
      .min(1, { error: 'quorum must be at least 1' })
      .max(100, { error: 'quorum must be at most 100' }),
  },
  target: () => REGISTRY,
  reads: () => [],
  decide(command, states) {
    const registry = states.registry();
    if (registry.quorum === command.quorum)
      throw new DomainError('quorum-unchanged', `the quorum is already ${command.quorum}`, { quorum: command.quorum });
    if (command.quorum > registry.members.size)
      throw new DomainError(
        'quorum-above-members',
        `the committee has ${registry.members.size} members; a quorum of ${command.quorum} could never be met`,
        {
          quorum: command.quorum,
          members: registry.members.size,
        },
      );
    return [{ type: 'CommitteeQuorumSet', data: { quorum: command.quorum } }];
  },
  http: {
    path: '/api/quorum',
    summary: 'Set how many members must take part for the committee to decide (beslutningsdyktig)',
    tag: 'registry',
  },
});
