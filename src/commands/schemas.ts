import { z } from 'zod';
import { AmountChangeSchema, AmountSchema, DateSchema, PositiveAmountSchema, YearSchema } from '../../events/money.js';
import {
  CaseNumberSchema,
  CriterionSchema,
  EntityIdSchema,
  NameSchema,
  PartnerKindSchema,
  PhaseSchema,
  TextSchema,
} from '../../events/identifiers.js';
import { UlidSchema } from '../../events/envelope.js';
import {
  ProposalTargetSchema,
  RecommendationTargetSchema,
  ResolutionPointSchema,
  VoteChoiceSchema,
  AdoptedPointSchema,
} from '../../events/case-events.js';
import { ResolutionCitationSchema } from '../../events/year-events.js';
import { ProposalLinkSchema } from '../../events/registry-events.js';

/**
 * Commands: what a user asks the ledger to do, in the imperative. Each carries an
 * idempotency key (a repeat returns the first result) and may carry the date the
 * decision took effect (default: today).
 */
const common = {
  idempotencyKey: z
    .string({ error: 'idempotencyKey is required: a string that identifies this command, so a repeat has no second effect' })
    .min(1, { error: 'idempotencyKey must not be empty' })
    .max(200, { error: 'idempotencyKey must be at most 200 characters' }),
  effectiveDate: DateSchema.optional(),
};

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...common, ...shape });

export const RegisterProgrammeArea = command('RegisterProgrammeArea', { programmeAreaId: EntityIdSchema, name: NameSchema });
export const RegisterInitiative = command('RegisterInitiative', {
  initiativeId: EntityIdSchema,
  name: NameSchema,
  programmeAreaId: EntityIdSchema,
  criterion: CriterionSchema,
  phase: PhaseSchema,
  fromProposal: ProposalLinkSchema.optional(),
});
export const ChangeInitiativePhase = command('ChangeInitiativePhase', { initiativeId: EntityIdSchema, phase: PhaseSchema });
export const RegisterPartner = command('RegisterPartner', { partnerId: EntityIdSchema, name: NameSchema, kind: PartnerKindSchema });
export const RegisterCommitteeMember = command('RegisterCommitteeMember', {
  memberId: EntityIdSchema,
  name: NameSchema,
  partnerId: EntityIdSchema,
});

export const OpenCase = command('OpenCase', { caseNumber: CaseNumberSchema, meetingDate: DateSchema, title: NameSchema });
export const SubmitProposal = command('SubmitProposal', {
  caseNumber: CaseNumberSchema,
  proposalId: EntityIdSchema.optional(),
  year: YearSchema,
  target: ProposalTargetSchema,
  amountRequested: AmountSchema.nullable(),
  submittedBy: z.array(EntityIdSchema).min(1, { error: 'submittedBy needs at least one partner' }),
  description: TextSchema.optional(),
});
export const ReviseProposal = command('ReviseProposal', {
  caseNumber: CaseNumberSchema,
  proposalId: EntityIdSchema,
  amountRequested: AmountSchema.nullable(),
  reason: TextSchema,
});
export const RecordRecommendation = command('RecordRecommendation', {
  caseNumber: CaseNumberSchema,
  year: YearSchema,
  lines: z
    .array(z.strictObject({ target: RecommendationTargetSchema, amountRecommended: AmountSchema }))
    .min(1, { error: 'a recommendation needs at least one line' }),
});
export const ProposeResolution = command('ProposeResolution', {
  caseNumber: CaseNumberSchema,
  points: z.array(ResolutionPointSchema).min(1, { error: 'a proposed resolution needs at least one point' }),
});
export const CastVote = command('CastVote', {
  caseNumber: CaseNumberSchema,
  memberId: EntityIdSchema,
  pointNumber: z.number().int().min(1).max(50),
  choice: VoteChoiceSchema,
});
export const AdoptResolution = command('AdoptResolution', {
  caseNumber: CaseNumberSchema,
  points: z.array(AdoptedPointSchema).min(1),
  decidedBy: z.enum(['consensus', 'unanimous', 'majority'], { error: 'decidedBy must be consensus, unanimous or majority' }),
  dissent: z.array(z.strictObject({ memberId: EntityIdSchema, pointNumber: z.number().int().min(1).max(50) })).default([]),
  notes: TextSchema.optional(),
});

export const ReceiveFunds = command('ReceiveFunds', {
  year: YearSchema,
  amount: PositiveAmountSchema,
  reference: NameSchema,
  receivedOn: DateSchema,
});

/** A grant is one amount for its year, or a plan of 2–3 yearly instalments. */
export const GrantPlanSchema = z.union([
  z.strictObject({ amount: PositiveAmountSchema }),
  z.strictObject({
    amountTotal: PositiveAmountSchema,
    instalments: z
      .array(z.strictObject({ year: YearSchema, amount: AmountSchema }))
      .min(2)
      .max(3),
  }),
  z.strictObject({
    amountTotal: PositiveAmountSchema,
    /** Split evenly over this many consecutive years by the øre rule of `splitIntoInstalments`. */
    years: z.number().int().min(2).max(3),
  }),
]);

export const AwardGrant = command('AwardGrant', {
  grantId: EntityIdSchema.optional(),
  year: YearSchema,
  initiativeId: EntityIdSchema,
  plan: GrantPlanSchema,
  authority: ResolutionCitationSchema,
  note: TextSchema.optional(),
});
export const AdjustGrant = command('AdjustGrant', {
  grantId: EntityIdSchema,
  year: YearSchema,
  amountChange: AmountChangeSchema,
  authority: ResolutionCitationSchema,
  reason: TextSchema,
});
export const ReleaseFunds = command('ReleaseFunds', {
  grantId: EntityIdSchema,
  year: YearSchema,
  amount: PositiveAmountSchema,
  reason: TextSchema,
  authority: ResolutionCitationSchema.optional(),
});
export const ReportSpending = command('ReportSpending', {
  year: YearSchema,
  initiativeId: EntityIdSchema,
  amount: PositiveAmountSchema,
  reference: NameSchema,
});
export const CorrectSpending = command('CorrectSpending', {
  year: YearSchema,
  correctsEventId: UlidSchema,
  amountChange: AmountChangeSchema,
  reason: TextSchema,
});
export const EstablishReserveFund = command('EstablishReserveFund', {
  year: YearSchema,
  name: NameSchema,
  authority: ResolutionCitationSchema,
});
export const SettleYear = command('SettleYear', { year: YearSchema });

export const CommandSchema = z.discriminatedUnion(
  'type',
  [
    RegisterProgrammeArea,
    RegisterInitiative,
    ChangeInitiativePhase,
    RegisterPartner,
    RegisterCommitteeMember,
    OpenCase,
    SubmitProposal,
    ReviseProposal,
    RecordRecommendation,
    ProposeResolution,
    CastVote,
    AdoptResolution,
    ReceiveFunds,
    AwardGrant,
    AdjustGrant,
    ReleaseFunds,
    ReportSpending,
    CorrectSpending,
    EstablishReserveFund,
    SettleYear,
  ],
  { error: 'type must name a known command, such as AwardGrant or CastVote' },
);

export type Command = z.infer<typeof CommandSchema>;
export type CommandInput = z.input<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
export const commandTypes: CommandType[] = CommandSchema.options.map((option) => option.shape.type.value);

export const commandSchemasByType = Object.fromEntries(
  CommandSchema.options.map((option) => [option.shape.type.value, option]),
) as unknown as { [T in CommandType]: z.ZodType<CommandOf<T>> };
