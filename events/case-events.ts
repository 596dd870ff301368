import { z } from 'zod';
import { AmountSchema, DateSchema, YearSchema } from './money.js';
import { CaseNumberSchema, EntityIdSchema, NameSchema, TextSchema } from './identifiers.js';

/** Events of a case stream `case-NN.YY`: one agenda item of the strategic committee. */

export const CaseOpened = z.strictObject({
  caseNumber: CaseNumberSchema,
  meetingDate: DateSchema,
  title: NameSchema,
});

/** What a proposal asks money for: a registered initiative, or a new one by name. */
export const ProposalTargetSchema = z.union([
  z.strictObject({ initiativeId: EntityIdSchema }),
  z.strictObject({ newInitiativeName: NameSchema }),
]);

/** A partner proposal (innspill) asking for an amount, or for no stated amount, in a year. */
export const ProposalSubmitted = z.strictObject({
  caseNumber: CaseNumberSchema,
  proposalId: EntityIdSchema,
  year: YearSchema,
  target: ProposalTargetSchema,
  amountRequested: AmountSchema.nullable(),
  submittedBy: z.array(EntityIdSchema).min(1, { error: 'a proposal needs at least one submitting partner' }),
  description: TextSchema.optional(),
});

/** A proposal's requested amount changed; the event's `corrects` names the submission. */
export const ProposalRevised = z.strictObject({
  caseNumber: CaseNumberSchema,
  proposalId: EntityIdSchema,
  amountRequestedBefore: AmountSchema.nullable(),
  amountRequestedAfter: AmountSchema.nullable(),
  reason: TextSchema,
});

/** What a recommendation line recommends money for: an initiative, or a proposal of a new initiative. */
export const RecommendationTargetSchema = z.union([
  z.strictObject({ initiativeId: EntityIdSchema }),
  z.strictObject({ proposalId: EntityIdSchema }),
]);

/**
 * The secretariat's recommendation for a year. A later recommendation in the same
 * case for the same year and target replaces the earlier line.
 */
export const RecommendationRecorded = z.strictObject({
  caseNumber: CaseNumberSchema,
  year: YearSchema,
  lines: z
    .array(z.strictObject({ target: RecommendationTargetSchema, amountRecommended: AmountSchema }))
    .min(1, { error: 'a recommendation needs at least one line' }),
});

export const AlternativeSchema = z.strictObject({
  number: z.number().int().min(1).max(20),
  label: NameSchema,
  /** The amount the alternative decides, when it decides one (reserve fund 750 000); null for "none". */
  amount: AmountSchema.nullable(),
});

export const ResolutionPointSchema = z.strictObject({
  number: z.number().int().min(1).max(50),
  text: TextSchema,
  /** Empty: the point is decided yes or no. Otherwise the committee chooses one alternative. */
  alternatives: z.array(AlternativeSchema).max(20),
});

/** The proposed resolution (forslag til vedtak): numbered points, some with alternatives. */
export const ResolutionProposed = z.strictObject({
  caseNumber: CaseNumberSchema,
  points: z.array(ResolutionPointSchema).min(1, { error: 'a proposed resolution needs at least one point' }),
});

export const VoteChoiceSchema = z.union([
  z.strictObject({ alternativeNumber: z.number().int().min(1).max(20) }),
  z.strictObject({ answer: z.enum(['yes', 'no', 'blank']) }),
]);

/** A member's vote on one point. A changed vote is a new VoteCast; the last one counts. */
export const VoteCast = z.strictObject({
  caseNumber: CaseNumberSchema,
  memberId: EntityIdSchema,
  pointNumber: z.number().int().min(1).max(50),
  choice: VoteChoiceSchema,
});

export const AdoptedPointSchema = z.strictObject({
  number: z.number().int().min(1).max(50),
  outcome: z.enum(['adopted', 'rejected']),
  /** For a point with alternatives: the alternative the committee chose. */
  alternativeNumber: z.number().int().min(1).max(20).optional(),
});

/** The resolution (vedtak) the committee adopted, point by point. */
export const ResolutionAdopted = z.strictObject({
  caseNumber: CaseNumberSchema,
  points: z.array(AdoptedPointSchema).min(1),
  /** consensus: no vote taken; unanimous: every vote for it; majority: with dissent recorded. */
  decidedBy: z.enum(['consensus', 'unanimous', 'majority']),
  dissent: z.array(z.strictObject({ memberId: EntityIdSchema, pointNumber: z.number().int().min(1).max(50) })),
  notes: TextSchema.optional(),
});

export const caseEventSchemas = {
  CaseOpened,
  ProposalSubmitted,
  ProposalRevised,
  RecommendationRecorded,
  ResolutionProposed,
  VoteCast,
  ResolutionAdopted,
} as const;
