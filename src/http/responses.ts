import { z } from 'zod';
import { AllocationLineSchema, PointAuthoritySchema, ResolutionPointSchema, VoteChoiceSchema } from '../../events/case-events.js';

/**
 * What the API answers, as zod schemas: the one description of every response. The
 * OpenAPI document's `responses` are generated from them, the page takes its types from
 * them (type-only imports: no zod in the page's bundle), and a test checks real answers
 * against them. Strict objects, so a field the server adds and the schema lacks fails
 * that test instead of drifting.
 */

const Amount = z.string().regex(/^-?\d+\.\d{2}$/, { error: 'a decimal string with two decimals' });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Year = z.number().int();

export const WordsSchema = z.strictObject({ nb: z.string(), en: z.string() });

export const AsOfSchema = z.union([z.strictObject({ date: IsoDate }), z.strictObject({ position: z.number().int() }), z.null()]);

export const ScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('total') }),
  z.strictObject({ kind: z.literal('programme-area'), programmeAreaId: z.string() }),
  z.strictObject({ kind: z.literal('initiative'), initiativeId: z.string() }),
  z.strictObject({ kind: z.literal('unassigned') }),
  z.strictObject({ kind: z.literal('proposal'), proposalId: z.string() }),
]);

const Citation = z.strictObject({ caseNumber: z.string(), pointNumber: z.number().int() });

export const YearsResponse = z.strictObject({ years: z.array(Year), asOf: AsOfSchema });

export const FrameResponse = z.strictObject({
  year: Year,
  closed: z.boolean(),
  /** Every figure of the year, by name, in the order the ledger lists them. */
  figures: z.record(z.string(), Amount),
  asOf: AsOfSchema,
});

const BalanceRow = z.strictObject({
  scope: ScopeSchema,
  id: z.string(),
  name: z.string(),
  criterion: z.string().optional(),
  phase: z.string().optional(),
  figures: z.record(z.string(), Amount),
});

export const BalancesResponse = z.strictObject({
  year: Year,
  programmeAreas: z.array(BalanceRow.extend({ initiatives: z.array(BalanceRow) })),
  unassigned: BalanceRow.extend({ proposals: z.array(BalanceRow) }),
  total: BalanceRow,
  asOf: AsOfSchema,
});

/** The event a correction corrects, named so the page can link to it. */
const CorrectedEvent = z.strictObject({
  eventId: z.string(),
  eventType: z.string(),
  position: z.number().int(),
  /** The year whose trail lists it. */
  year: Year,
  description: WordsSchema,
});

const EventDetails = {
  eventId: z.string(),
  eventType: z.string(),
  position: z.number().int(),
  effectiveDate: IsoDate,
  recordedAt: z.string(),
  actor: z.string(),
  caseNumber: z.string().nullable(),
  corrects: z.string().nullable(),
  /** What `corrects` names, when the ledger finds it in a year's trail. */
  correctsEvent: CorrectedEvent.nullable(),
  description: WordsSchema,
  backdated: z.boolean(),
  recordedAfterAsOf: z.boolean(),
};

const Page = z.strictObject({
  offset: z.number().int(),
  limit: z.number().int().nullable(),
  count: z.number().int(),
  next: z.number().int().nullable(),
  nextHref: z.string().nullable(),
});

const ExplainedRow = z.strictObject({
  ...EventDetails,
  component: z.string(),
  sign: z.union([z.literal(1), z.literal(-1)]),
  account: z.string(),
  amount: Amount,
  runningBalance: Amount,
});

export const ExplanationResponse = z.strictObject({
  ref: z.strictObject({ year: Year, figure: z.string(), scope: ScopeSchema }),
  label: WordsSchema,
  value: Amount,
  opening: Amount,
  composition: z.array(z.strictObject({ figure: z.string(), sign: z.union([z.literal(1), z.literal(-1)]), value: Amount })).optional(),
  asOf: AsOfSchema,
  /** Present on a page of rows (absent when every row was asked for with `limit=all`). */
  rowCount: z.number().int().optional(),
  page: Page.optional(),
  rows: z.array(ExplainedRow),
});

const TrailRow = z.strictObject({
  ...EventDetails,
  postings: z.array(z.strictObject({ account: z.string(), figure: z.string(), amount: Amount, balanceAfter: Amount })),
  availableAfter: Amount,
});

export const TrailResponse = z.strictObject({
  year: Year,
  asOf: AsOfSchema,
  rowCount: z.number().int().optional(),
  page: Page.optional(),
  rows: z.array(TrailRow),
});

export const CaseSummarySchema = z.strictObject({
  caseNumber: z.string(),
  year: Year,
  meetingDate: IsoDate,
  title: z.string(),
  proposals: z.number().int(),
  resolutionProposed: z.boolean(),
  votes: z.number().int(),
  decided: z.boolean(),
});

export const CasesResponse = z.strictObject({ cases: z.array(CaseSummarySchema), asOf: AsOfSchema });

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
  position: z.number().int(),
  awardEventId: z.string(),
  effectiveDate: IsoDate,
  /** Later decisions on the grant: plan changes, adjustments, releases. */
  changes: z.array(MoneyDecisionSchema),
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
  tally: z.array(z.strictObject({ pointNumber: z.number().int(), counts: z.record(z.string(), z.number().int()) })),
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

export const RegistryResponse = z.strictObject({
  programmeAreas: z.array(z.strictObject({ programmeAreaId: z.string(), name: z.string() })),
  initiatives: z.array(
    z.strictObject({
      initiativeId: z.string(),
      name: z.string(),
      programmeAreaId: z.string(),
      criterion: z.string(),
      phase: z.string(),
      fromProposal: z.strictObject({ caseNumber: z.string(), proposalId: z.string() }).optional(),
    }),
  ),
  partners: z.array(z.strictObject({ partnerId: z.string(), name: z.string(), kind: z.string() })),
  members: z.array(z.strictObject({ memberId: z.string(), name: z.string(), partnerId: z.string() })),
  quorum: z.number().int().nullable(),
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
      ]),
      amountChange: Amount,
      reason: z.string(),
      authority: Citation,
      corrects: z.string().nullable(),
    }),
  ),
  asOf: AsOfSchema,
});

export const AccountSchema = z.strictObject({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['secretariat', 'member', 'auditor', 'reader']),
  memberId: z.string().nullable(),
});

export const SignInResponse = z.strictObject({ csrfToken: z.string(), expiresAt: z.string(), account: AccountSchema });

export const MeResponse = z.strictObject({
  account: AccountSchema,
  authenticatedBy: z.enum(['token', 'session']),
  permissions: z.array(z.string()),
  csrfToken: z.string().optional(),
  expiresAt: z.string().optional(),
});

const RecordedEvent = z.strictObject({
  id: z.string(),
  type: z.string(),
  stream: z.string(),
  revision: z.number().int(),
  position: z.number().int(),
  effectiveDate: IsoDate,
  data: z.unknown(),
});

export const CommandResultResponse = z.strictObject({
  commandType: z.string(),
  idempotencyKey: z.string(),
  stream: z.string(),
  events: z.array(RecordedEvent),
  streamRevision: z.number().int().nullable(),
  replayed: z.boolean(),
});

export const SettlementResponse = z.strictObject({ year: Year, alreadySettled: z.boolean(), events: z.array(RecordedEvent) });

export const ProblemResponse = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export type Words = z.output<typeof WordsSchema>;
export type AsOf = z.output<typeof AsOfSchema>;
export type Scope = z.output<typeof ScopeSchema>;
export type FrameReport = z.output<typeof FrameResponse>;
export type BalancesReport = z.output<typeof BalancesResponse>;
export type BalanceRow = z.output<typeof BalanceRow>;
export type Explanation = z.output<typeof ExplanationResponse>;
export type ExplainedRow = z.output<typeof ExplainedRow>;
export type Trail = z.output<typeof TrailResponse>;
export type TrailRow = z.output<typeof TrailRow>;
export type CaseSummary = z.output<typeof CaseSummarySchema>;
export type CaseDetail = z.output<typeof CaseDetailResponse>;
export type Grant = z.output<typeof GrantSchema>;
export type MoneyDecision = z.output<typeof MoneyDecisionSchema>;
export type Registry = z.output<typeof RegistryResponse>;
export type YearEntries = z.output<typeof YearEntriesResponse>;
export type Account = z.output<typeof AccountSchema>;
export type Me = z.output<typeof MeResponse>;
export type SignIn = z.output<typeof SignInResponse>;
export type CommandResult = z.output<typeof CommandResultResponse>;
export type Settlement = z.output<typeof SettlementResponse>;
export type PointAuthority = z.output<typeof PointAuthoritySchema>;
export type AllocationLine = z.output<typeof AllocationLineSchema>;
