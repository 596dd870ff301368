import { z } from 'zod';
import { CriterionSchema, EntityIdSchema, NameSchema, PartnerKindSchema, PhaseSchema } from './identifiers.js';

/** Events of the `registry` stream: the things decisions are about. */

/** A programme area (programområde) groups initiatives. */
export const ProgrammeAreaRegistered = z.strictObject({
  programmeAreaId: EntityIdSchema,
  name: NameSchema,
});

/** An initiative (satsning, prosjekt, arbeidspakke) that funds can be granted to. */
export const InitiativeRegistered = z.strictObject({
  initiativeId: EntityIdSchema,
  name: NameSchema,
  programmeAreaId: EntityIdSchema,
  criterion: CriterionSchema,
  phase: PhaseSchema,
});

export const InitiativePhaseChanged = z.strictObject({
  initiativeId: EntityIdSchema,
  phaseBefore: PhaseSchema,
  phaseAfter: PhaseSchema,
});

/** A partner (partner): the municipalities, a health region, the hospital trust or a division. */
export const PartnerRegistered = z.strictObject({
  partnerId: EntityIdSchema,
  name: NameSchema,
  kind: PartnerKindSchema,
});

/** A member of the strategic committee (SSU) who may vote. */
export const CommitteeMemberRegistered = z.strictObject({
  memberId: EntityIdSchema,
  name: NameSchema,
  partnerId: EntityIdSchema,
});

export const registryEventSchemas = {
  ProgrammeAreaRegistered,
  InitiativeRegistered,
  InitiativePhaseChanged,
  PartnerRegistered,
  CommitteeMemberRegistered,
} as const;
