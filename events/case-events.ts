import { z } from 'zod';
import { AmountSchema, DateSchema, YearSchema } from './money.js';
import { CaseNumberSchema, EntityIdSchema, NameSchema, TextSchema } from './identifiers.js';

/** Events of a case stream `case-NN.YY`: one agenda item of the strategic committee. */

const CaseOpened = z.strictObject({
  caseNumber: CaseNumberSchema,
  meetingDate: DateSchema,
  title: NameSchema,
});

/**
 * The meeting of a case continued on a later day (a second session, or the case put off
 * to the next meeting): votes and the adoption may then be dated on that day too.
 */
const MeetingContinued = z.strictObject({
  caseNumber: CaseNumberSchema,
  date: DateSchema,
  reason: TextSchema,
});

/** What a proposal asks money for: a registered initiative, or a new one by name. */
export const ProposalTargetSchema = z.union([
  z.strictObject({ initiativeId: EntityIdSchema }),
  z.strictObject({ newInitiativeName: NameSchema }),
]);

/** A partner proposal (innspill) asking for an amount, or for no stated amount, in a year. */
const ProposalSubmitted = z.strictObject({
  caseNumber: CaseNumberSchema,
  proposalId: EntityIdSchema,
  year: YearSchema,
  target: ProposalTargetSchema,
  amountRequested: AmountSchema.nullable(),
  submittedBy: z.array(EntityIdSchema).min(1, { error: 'a proposal needs at least one submitting partner' }),
  description: TextSchema.optional(),
});

/** A proposal's requested amount changed; the event's `corrects` names the submission. */
const ProposalRevised = z.strictObject({
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
const RecommendationRecorded = z.strictObject({
  caseNumber: CaseNumberSchema,
  year: YearSchema,
  lines: z
    .array(z.strictObject({ target: RecommendationTargetSchema, amountRecommended: AmountSchema }))
    .min(1, { error: 'a recommendation needs at least one line' }),
});

/** One line of an allocation table: an amount for an initiative (or a proposal of a new one) in a year. */
export const AllocationLineSchema = z.strictObject({
  target: RecommendationTargetSchema,
  year: YearSchema,
  amount: AmountSchema,
});

/**
 * What money a point of a resolution authorises once adopted (its hjemmel):
 * - `none`: no money (a request to the secretariat, information to the partners);
 * - `recommendation`: the secretariat's recommendation in this case, line by line: at
 *   most each initiative's recommended amount for each year;
 * - `allocation`: the point's own table of amounts per initiative and year, from the
 *   frame or drawn from the reserve fund;
 * - `reserve-fund`: a reserve fund (fond) in the year named, of the amount of the
 *   alternative the committee chooses.
 * The adoption may amend the lines ("med de innspill som kom i møtet").
 */
export const PointAuthoritySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('recommendation') }),
    z.strictObject({
      kind: z.literal('allocation'),
      fundedBy: z.enum(['frame', 'reserve-fund'], { error: 'fundedBy must be frame or reserve-fund' }),
      lines: z.array(AllocationLineSchema).min(1, { error: 'an allocation table needs at least one line' }).max(500),
    }),
    z.strictObject({ kind: z.literal('reserve-fund'), year: YearSchema }),
  ],
  { error: 'authorises must be none, recommendation, allocation or reserve-fund' },
);

const AlternativeSchema = z.strictObject({
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
  /** What money the point authorises. Points proposed before the ledger asked (no field) authorise grants checked only against the frame. */
  authorises: PointAuthoritySchema.optional(),
});

/** The proposed resolution (forslag til vedtak): numbered points, some with alternatives. */
const ResolutionProposed = z.strictObject({
  caseNumber: CaseNumberSchema,
  points: z.array(ResolutionPointSchema).min(1, { error: 'a proposed resolution needs at least one point' }),
});

export const VoteChoiceSchema = z.union([
  z.strictObject({ alternativeNumber: z.number().int().min(1).max(20) }),
  z.strictObject({ answer: z.enum(['yes', 'no', 'blank']) }),
]);

/** A member's vote on one point. A changed vote is a new VoteCast; the last one counts. */
const VoteCast = z.strictObject({
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
  /** Lines the meeting changed: each replaces the proposed (or recommended) line of its initiative and year. */
  amendments: z.array(AllocationLineSchema).min(1).max(500).optional(),
  /** How this point was decided, where it differs from the resolution's (a vote on one point of a consensus). */
  decidedBy: z.enum(['consensus', 'unanimous', 'majority']).optional(),
});

/** The resolution (vedtak) the committee adopted, point by point. */
const ResolutionAdopted = z.strictObject({
  caseNumber: CaseNumberSchema,
  points: z.array(AdoptedPointSchema).min(1),
  /** consensus: no vote taken; unanimous: every vote for it; majority: with dissent recorded. */
  decidedBy: z.enum(['consensus', 'unanimous', 'majority']),
  dissent: z.array(z.strictObject({ memberId: EntityIdSchema, pointNumber: z.number().int().min(1).max(50) })),
  notes: TextSchema.optional(),
  /** The members present when the resolution was adopted (for the quorum), when the secretariat recorded them. */
  membersPresent: z.array(EntityIdSchema).min(1).max(100).optional(),
});

export type ProposalTarget = z.infer<typeof ProposalTargetSchema>;
export type RecommendationTarget = z.infer<typeof RecommendationTargetSchema>;
export type AllocationLine = z.infer<typeof AllocationLineSchema>;
export type PointAuthority = z.infer<typeof PointAuthoritySchema>;
export type ResolutionPoint = z.infer<typeof ResolutionPointSchema>;
export type AdoptedPoint = z.infer<typeof AdoptedPointSchema>;
export type VoteChoice = z.infer<typeof VoteChoiceSchema>;
export type DecidedBy = z.infer<typeof ResolutionAdopted>['decidedBy'];

export const caseEventSchemas = {
  CaseOpened,
  MeetingContinued,
  ProposalSubmitted,
  ProposalRevised,
  RecommendationRecorded,
  ResolutionProposed,
  VoteCast,
  ResolutionAdopted,
} as const;
