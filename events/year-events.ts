import { z } from 'zod';
import { AmountChangeSchema, AmountSchema, DateSchema, PositiveAmountSchema, YearSchema } from './money.js';
import { EntityIdSchema, NameSchema, TextSchema } from './identifiers.js';
import { UlidSchema } from './envelope.js';
import { ResolutionCitationSchema } from './citation.js';

/** Events of a year stream `year-YYYY`: the money of one year's funds. */

/** The state's recruitment and collaboration funds for a year arrived (mottatt). */
const FundsReceived = z.strictObject({
  year: YearSchema,
  amount: PositiveAmountSchema,
  reference: NameSchema,
  receivedOn: DateSchema,
});

/** A correction of a receipt (a wrong amount recorded); `corrects` names the receipt. */
const ReceiptCorrected = z.strictObject({
  year: YearSchema,
  amountChange: AmountChangeSchema,
  reason: TextSchema,
});

/**
 * What the partnership expects to receive for a year whose funds have not arrived
 * (forventet tilskudd): later instalments of multi-year grants are checked against it
 * until the receipt is recorded. Without one, the latest earlier receipt is expected.
 */
const ExpectedReceiptRecorded = z.strictObject({
  year: YearSchema,
  amount: AmountSchema,
  reason: TextSchema.optional(),
});

export const InstalmentSchema = z.strictObject({ year: YearSchema, amount: AmountSchema });

/**
 * A condition (vilkår) the committee attaches to a grant: what must be done, and by when
 * if it says. Case 22.25 point 3 is one: a joint budget and plan for digital wound care
 * and VIP to SSU on 13.11.2025.
 */
export const GrantConditionSchema = z.strictObject({ text: TextSchema, dueOn: DateSchema.optional() });
export type GrantCondition = z.infer<typeof GrantConditionSchema>;

/** At most this many conditions on one grant. */
export const MAX_GRANT_CONDITIONS = 20;

/**
 * A grant (tildeling) to an initiative, recorded in the stream of its first year.
 * A single-year grant has one instalment; a multi-year grant has one per year,
 * and the instalments add up to `amountTotal` to the øre. Each year's frame
 * carries only that year's instalment.
 *
 * Schema version 2 (events/event-versions.ts keeps version 1): `conditions`, the
 * conditions the committee attached (empty when none), and `reportDueOn`, when the
 * initiative reports on the grant, if the committee set a date.
 */
const GrantAwarded = z.strictObject({
  grantId: EntityIdSchema,
  year: YearSchema,
  initiativeId: EntityIdSchema,
  amountTotal: PositiveAmountSchema,
  instalments: z.array(InstalmentSchema).min(1).max(3),
  authority: ResolutionCitationSchema,
  note: TextSchema.optional(),
  /** `reserve-fund`: drawn from the reserve fund by a point that authorises the draw, not from the frame. */
  fundedBy: z.enum(['frame', 'reserve-fund']).optional(),
  conditions: z.array(GrantConditionSchema).max(MAX_GRANT_CONDITIONS),
  reportDueOn: DateSchema.optional(),
});

/**
 * A multi-year grant's plan changed (re-spread or shortened) by one decision: each
 * instalment's amount before and after. Recorded in the stream of the earliest year it
 * changes, which is open; `corrects` names the award.
 */
const GrantPlanChanged = z.strictObject({
  grantId: EntityIdSchema,
  initiativeId: EntityIdSchema,
  awardYear: YearSchema,
  year: YearSchema,
  instalments: z
    .array(z.strictObject({ year: YearSchema, amountBefore: AmountSchema, amountAfter: AmountSchema }))
    .min(1)
    .max(3),
  authority: ResolutionCitationSchema,
  reason: TextSchema,
});

/** A signed change of a grant's instalment for `year`; `corrects` names the award. */
const GrantAdjusted = z.strictObject({
  grantId: EntityIdSchema,
  year: YearSchema,
  initiativeId: EntityIdSchema,
  amountChange: AmountChangeSchema,
  authority: ResolutionCitationSchema,
  reason: TextSchema,
});

/**
 * Unused funds of a grant whose activity never started or was dropped are released
 * (frigjort). They do not return to this year's frame; the year-end settlement
 * carries them into the next year's frame.
 */
const FundsReleased = z.strictObject({
  grantId: EntityIdSchema,
  year: YearSchema,
  initiativeId: EntityIdSchema,
  amount: PositiveAmountSchema,
  reason: TextSchema,
  authority: ResolutionCitationSchema.optional(),
});

/**
 * Earmarked funds an initiative carried in from the year before, released because it
 * was dropped or finished under budget: like released grant funds, they go into the
 * next year's frame at the settlement.
 */
const EarmarkedFundsReleased = z.strictObject({
  year: YearSchema,
  initiativeId: EntityIdSchema,
  amount: PositiveAmountSchema,
  reason: TextSchema,
  authority: ResolutionCitationSchema.optional(),
});

/** What an initiative actually spent (forbruk) of its funds for a year. */
const SpendingReported = z.strictObject({
  year: YearSchema,
  initiativeId: EntityIdSchema,
  amount: PositiveAmountSchema,
  reference: NameSchema,
});

/** A correction of a spending report; `corrects` names the report. */
const SpendingCorrected = z.strictObject({
  year: YearSchema,
  initiativeId: EntityIdSchema,
  amountChange: AmountChangeSchema,
  reason: TextSchema,
});

/** A part of the frame set aside as a reserve fund (fond) by an adopted alternative. */
const ReserveFundEstablished = z.strictObject({
  year: YearSchema,
  name: NameSchema,
  amount: PositiveAmountSchema,
  authority: ResolutionCitationSchema,
  alternativeNumber: z.number().int().min(1).max(20),
});

/** Year-end: the unallocated remainder (gjenstående) goes into the next year's frame. */
const RemainderCarriedForward = z.strictObject({
  fromYear: YearSchema,
  toYear: YearSchema,
  amount: AmountSchema,
});

/** Year-end: released funds go into the next year's frame. */
const ReleasedFundsCarriedForward = z.strictObject({
  fromYear: YearSchema,
  toYear: YearSchema,
  amount: AmountSchema,
});

/**
 * Year-end: an ongoing initiative's unspent funds carry over (overføring) earmarked
 * for the same initiative; they are not part of the next frame.
 */
const EarmarkedFundsCarriedOver = z.strictObject({
  fromYear: YearSchema,
  toYear: YearSchema,
  initiativeId: EntityIdSchema,
  amount: PositiveAmountSchema,
  grantIds: z.array(EntityIdSchema),
});

/** Year-end: the reserve fund's balance stays set aside in the next year. */
const ReserveFundCarriedOver = z.strictObject({
  fromYear: YearSchema,
  toYear: YearSchema,
  amount: PositiveAmountSchema,
});

/**
 * A correction of a closed year (korreksjon av tidligere år), recorded in the first open
 * year: a closed year stays sealed. `corrects` names the event of the closed year it
 * corrects. `frame`: the open year's frame changes by the amount (a receipt or a grant of
 * the closed year was wrong); `earmark`: an initiative's earmarked funds change (its
 * spending in the closed year was wrong).
 */
const PriorYearAdjustmentRecorded = z.strictObject({
  year: YearSchema,
  correctedYear: YearSchema,
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('frame') }),
    z.strictObject({ kind: z.literal('earmark'), initiativeId: EntityIdSchema }),
    /** The reserve fund carried in: a grant of the closed year drawn from the fund was wrong. */
    z.strictObject({ kind: z.literal('reserve') }),
  ]),
  amountChange: AmountChangeSchema,
  /** Absent when the correction of a receipt or spending report cites a document, not a point. */
  authority: ResolutionCitationSchema.optional(),
  reason: TextSchema,
});

/** What a correction of a closed year corrects: a grant's instalments, a receipt, a spending report or a release. */
const CorrectedSubjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('grant'),
    grantId: EntityIdSchema,
    initiativeId: EntityIdSchema,
    awardYear: YearSchema,
    fundedBy: z.enum(['frame', 'reserve-fund']),
  }),
  z.strictObject({ kind: z.literal('receipt') }),
  z.strictObject({ kind: z.literal('spending'), initiativeId: EntityIdSchema }),
  z.strictObject({ kind: z.literal('release'), initiativeId: EntityIdSchema, grantId: EntityIdSchema.optional() }),
]);

/**
 * A figure of a closed year corrected (rettelse), recorded in the first open year: the
 * closed year stays sealed. `correctedEventId` (also the metadata's `corrects`) names the
 * event whose figure was wrong; `changes` gives that figure in each closed year it
 * changes, as it stood and as it stands now. What the correction moves in the open year
 * follows in the same append, each event naming the same corrected event: prior-year
 * adjustments of the frame (or the reserve fund) and of the initiative's earmark, and a
 * plan change of the instalments in open years. The authority is the adopted point that
 * allows the new figure; a receipt or spending report may instead cite the document
 * (`reference`) that shows it.
 */
const ClosedYearCorrected = z.strictObject({
  year: YearSchema,
  correctedYear: YearSchema,
  correctedEventId: UlidSchema,
  subject: CorrectedSubjectSchema,
  changes: z
    .array(z.strictObject({ year: YearSchema, amountBefore: AmountSchema, amountAfter: AmountSchema }))
    .min(1)
    .max(3),
  authority: ResolutionCitationSchema.optional(),
  reference: NameSchema.optional(),
  reason: TextSchema,
});

/**
 * The year is settled and closed: nothing more is granted, released, reported or
 * voted in it. The seal is the hash of the year stream's last event before this one,
 * so a later change to the closed year is evident without a global writer.
 */
const YearClosed = z.strictObject({
  year: YearSchema,
  /** revision −1 with the genesis hash seals a year with no events. */
  seal: z.strictObject({ revision: z.number().int().min(-1), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
});

export const yearEventSchemas = {
  FundsReceived,
  ReceiptCorrected,
  ExpectedReceiptRecorded,
  GrantAwarded,
  GrantPlanChanged,
  GrantAdjusted,
  FundsReleased,
  EarmarkedFundsReleased,
  SpendingReported,
  SpendingCorrected,
  ReserveFundEstablished,
  RemainderCarriedForward,
  ReleasedFundsCarriedForward,
  EarmarkedFundsCarriedOver,
  ReserveFundCarriedOver,
  PriorYearAdjustmentRecorded,
  ClosedYearCorrected,
  YearClosed,
} as const;
