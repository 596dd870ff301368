import { z } from 'zod';
import {
  CaseNumberSchema,
  CriterionSchema,
  EntityIdSchema,
  NameSchema,
  PartnerKindSchema,
  PhaseSchema,
  TextSchema,
} from './identifiers.js';
import { ResolutionCitationSchema } from './citation.js';

/** Events of the `registry` stream: the things decisions are about. */

/** A programme area (programområde) groups initiatives. */
const ProgrammeAreaRegistered = z.strictObject({
  programmeAreaId: EntityIdSchema,
  name: NameSchema,
});

/** The proposal of a new initiative that an initiative was registered from. */
export const ProposalLinkSchema = z.strictObject({ caseNumber: CaseNumberSchema, proposalId: EntityIdSchema });

/**
 * An initiative (satsning, prosjekt, arbeidspakke) that funds can be granted to.
 * `fromProposal`: registered from a partner's proposal of a new initiative; what was
 * requested and recommended for that proposal moves to the initiative.
 */
const InitiativeRegistered = z.strictObject({
  initiativeId: EntityIdSchema,
  name: NameSchema,
  programmeAreaId: EntityIdSchema,
  criterion: CriterionSchema,
  phase: PhaseSchema,
  fromProposal: ProposalLinkSchema.optional(),
});

const InitiativePhaseChanged = z.strictObject({
  initiativeId: EntityIdSchema,
  phaseBefore: PhaseSchema,
  phaseAfter: PhaseSchema,
});

/**
 * An initiative dropped or finished (aktivitet utgår / avsluttet), from the event's date:
 * nothing new is granted to it, no instalment raised and no spending reported after it;
 * what it has left is released (now, or at the settlement). `authority`: the point that
 * decided it, when a resolution did.
 */
const InitiativeDropped = z.strictObject({
  initiativeId: EntityIdSchema,
  reason: TextSchema,
  authority: ResolutionCitationSchema.optional(),
});

/** A dropped initiative started again by a decision of the committee (the point that decided it). */
const InitiativeRestarted = z.strictObject({
  initiativeId: EntityIdSchema,
  reason: TextSchema,
  authority: ResolutionCitationSchema,
});

/** A partner (partner): the municipalities, a health region, the hospital trust or a division. */
const PartnerRegistered = z.strictObject({
  partnerId: EntityIdSchema,
  name: NameSchema,
  kind: PartnerKindSchema,
});

/** A member of the strategic committee (SSU) who may vote. */
const CommitteeMemberRegistered = z.strictObject({
  memberId: EntityIdSchema,
  name: NameSchema,
  partnerId: EntityIdSchema,
});

/**
 * How many members must take part for the committee to decide (beslutningsdyktig):
 * checked at every later adoption. The secretariat sets it; a later setting replaces it.
 */
const CommitteeQuorumSet = z.strictObject({
  quorum: z.number().int().min(1).max(100),
});

export const registryEventSchemas = {
  ProgrammeAreaRegistered,
  InitiativeRegistered,
  InitiativePhaseChanged,
  InitiativeDropped,
  InitiativeRestarted,
  PartnerRegistered,
  CommitteeMemberRegistered,
  CommitteeQuorumSet,
} as const;
