import { z } from 'zod';
import { AllocationLineSchema, ResolutionPointSchema, VoteChoiceSchema } from '../../events/case-events.js';
import { Amount, AsOfSchema, Citation, IsoDate, WordsSchema, Year } from './response-parts.js';

/** The answers about decisions: a case with all the money decided under it, and a year's entries (see responses.ts). */

/** One posting a decision made: which figure of which year and scope it moved, by how much. */
const DecisionPosting = z.strictObject({ year: Year, figure: z.string(), scope: z.string(), amount: Amount });

/** A decision on money (a grant, a change of one, a release, a reserve fund, a correction of a closed year). */
export const MoneyDecisionSchema = z.strictObject({
  eventId: z.string(),
  eventType: z.string(),
  position: z.number().int(),
  effectiveDate: IsoDate,
  description: WordsSchema,
  authority: Citation.nullable(),
  grantId: z.string().nullable(),
  initiativeId: z.string().nullable(),
  corrects: z.string().nullable(),
  postings: z.array(DecisionPosting),
});

const Instalment = z.strictObject({ year: Year, amount: Amount });

export const GrantSchema = z.strictObject({
  grantId: z.string(),
  initiativeId: z.string(),
  initiativeName: z.string(),
  year: Year,
  amountTotal: Amount,
  /** As the plan stands now (plan changes applied; adjustments are in `changes`). */
  instalments: z.array(Instalment),
  authority: Citation,
  fundedBy: z.enum(['frame', 'reserve-fund']),
  /** The conditions the committee attached, each with its date when it has one. */
  conditions: z.array(z.strictObject({ text: z.string(), dueOn: IsoDate.optional() })),
  /** When the initiative reports on the grant; null when no date was set. */
  reportDueOn: IsoDate.nullable(),
  position: z.number().int(),
  awardEventId: z.string(),
  effectiveDate: IsoDate,
  /** Later decisions on the grant: plan changes, adjustments, releases. */
  changes: z.array(MoneyDecisionSchema),
  /** A commitment an opening balance carried in: a later instalment of a grant awarded before the ledger. */
  opening: z.literal(true).optional(),
});

export const CaseDetailResponse = z.strictObject({
  caseNumber: z.string(),
  year: Year,
  meetingDate: IsoDate,
  title: z.string(),
  proposals: z.array(
    z.strictObject({
      proposalId: z.string(),
      caseNumber: z.string(),
      year: Year,
      target: z.union([z.strictObject({ initiativeId: z.string() }), z.strictObject({ newInitiativeName: z.string() })]),
      amountRequested: Amount.nullable(),
      submittedBy: z.array(z.string()),
      submittedByNames: z.array(z.string()),
      description: z.string().nullable(),
      name: z.string(),
      position: z.number().int(),
    }),
  ),
  recommendation: z.array(
    z.strictObject({
      year: Year,
      target: z.union([z.strictObject({ initiativeId: z.string() }), z.strictObject({ proposalId: z.string() })]),
      amountRecommended: Amount,
      name: z.string(),
      position: z.number().int(),
    }),
  ),
  resolution: z.strictObject({ points: z.array(ResolutionPointSchema), position: z.number().int() }).nullable(),
  votes: z.array(
    z.strictObject({
      memberId: z.string(),
      memberName: z.string(),
      pointNumber: z.number().int(),
      choice: VoteChoiceSchema,
      position: z.number().int(),
      effectiveDate: IsoDate,
      superseded: z.boolean(),
    }),
  ),
  tally: z.array(
    z.strictObject({ pointNumber: z.number().int(), counts: z.record(z.string(), z.number().int()), blank: z.number().int() }),
  ),
  adopted: z
    .strictObject({
      points: z.array(
        z.strictObject({
          number: z.number().int(),
          outcome: z.enum(['adopted', 'rejected']),
          alternativeNumber: z.number().int().optional(),
          amendments: z.array(AllocationLineSchema).optional(),
          decidedBy: z.enum(['consensus', 'unanimous', 'majority']).optional(),
        }),
      ),
      decidedBy: z.enum(['consensus', 'unanimous', 'majority']),
      dissent: z.array(z.strictObject({ memberId: z.string(), pointNumber: z.number().int() })),
      notes: z.string().nullable(),
      membersPresent: z.array(z.string()).nullable(),
      position: z.number().int(),
      effectiveDate: IsoDate,
    })
    .nullable(),
  /** Grants citing the case, each with its current plan and its later changes. */
  grants: z.array(GrantSchema),
  /** Every money decision citing the case, in log order (grants, changes, releases, reserve funds, corrections). */
  decisions: z.array(MoneyDecisionSchema),
  asOf: AsOfSchema,
});

/** A correction beside what it corrects. */
const Correction = z.strictObject({
  eventId: z.string(),
  position: z.number().int(),
  effectiveDate: IsoDate,
  amountChange: Amount,
  reason: z.string(),
});

/** What a year's stream holds, entry by entry, for the page that records and corrects them. */
export const YearEntriesResponse = z.strictObject({
  year: Year,
  closed: z.strictObject({ position: z.number().int(), effectiveDate: IsoDate }).nullable(),
  /** The latest day anything that moves the year's money took effect: a settlement is dated on or after it. */
  lastChangeOn: IsoDate.nullable(),
  receipts: z.array(
    z.strictObject({
      eventId: z.string(),
      position: z.number().int(),
      effectiveDate: IsoDate,
      receivedOn: IsoDate,
      reference: z.string(),
      amount: Amount,
      /** After its corrections. */
      amountNow: Amount,
      corrections: z.array(Correction),
    }),
  ),
  expectedReceipts: z.array(
    z.strictObject({
      eventId: z.string(),
      position: z.number().int(),
      effectiveDate: IsoDate,
      amount: Amount,
      reason: z.string().nullable(),
    }),
  ),
  /** Grants with an instalment in the year, and this year's amount of each (plan and adjustments applied). */
  grants: z.array(GrantSchema.extend({ amountThisYear: Amount, figure: z.string() })),
  spending: z.array(
    z.strictObject({
      eventId: z.string(),
      position: z.number().int(),
      effectiveDate: IsoDate,
      initiativeId: z.string(),
      initiativeName: z.string(),
      reference: z.string(),
      amount: Amount,
      amountNow: Amount,
      corrections: z.array(Correction),
    }),
  ),
  /** Releases of earmarked funds an initiative carried in (grants' releases are in their `changes`). */
  earmarkReleases: z.array(MoneyDecisionSchema),
  /** The opening balance the year started from (inngående balanse), when the ledger was taken into use in it. */
  openingBalance: z.array(MoneyDecisionSchema),
  reserveFunds: z.array(
    z.strictObject({
      eventId: z.string(),
      position: z.number().int(),
      effectiveDate: IsoDate,
      name: z.string(),
      amount: Amount,
      authority: Citation,
      alternativeNumber: z.number().int(),
    }),
  ),
  priorYearAdjustments: z.array(
    z.strictObject({
      eventId: z.string(),
      position: z.number().int(),
      effectiveDate: IsoDate,
      correctedYear: Year,
      target: z.union([
        z.strictObject({ kind: z.literal('frame') }),
        z.strictObject({ kind: z.literal('earmark'), initiativeId: z.string() }),
        z.strictObject({ kind: z.literal('reserve') }),
      ]),
      amountChange: Amount,
      reason: z.string(),
      authority: Citation.nullable(),
      corrects: z.string().nullable(),
    }),
  ),
  /** The corrections of closed years recorded in this year: what each corrected, as it stood and as it stands. */
  closedYearCorrections: z.array(
    z.strictObject({
      eventId: z.string(),
      position: z.number().int(),
      effectiveDate: IsoDate,
      correctedYear: Year,
      correctedEventId: z.string(),
      kind: z.enum(['grant', 'receipt', 'spending', 'release']),
      initiativeName: z.string().nullable(),
      changes: z.array(z.strictObject({ year: Year, amountBefore: Amount, amountAfter: Amount })),
      authority: Citation.nullable(),
      reference: z.string().nullable(),
      reason: z.string(),
    }),
  ),
  asOf: AsOfSchema,
});
