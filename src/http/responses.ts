import { z } from 'zod';
import { PointAuthoritySchema } from '../../events/case-events.js';
import { Amount, AsOfSchema, IsoDate, WordsSchema, Year } from './response-parts.js';
import { CaseDetailResponse, GrantSchema, MoneyDecisionSchema, YearEntriesResponse } from './responses-decisions.js';

/**
 * What the API answers, as zod schemas: the one description of every response. The
 * OpenAPI document's `responses` are generated from them, the page takes its types from
 * them (type-only imports: no zod in the page's bundle), and a test checks real answers
 * against them. Strict objects, so a field the server adds and the schema lacks fails
 * that test instead of drifting.
 */

const ScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('total') }),
  z.strictObject({ kind: z.literal('programme-area'), programmeAreaId: z.string() }),
  z.strictObject({ kind: z.literal('initiative'), initiativeId: z.string() }),
  z.strictObject({ kind: z.literal('unassigned') }),
  z.strictObject({ kind: z.literal('proposal'), proposalId: z.string() }),
]);

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
  droppedOn: IsoDate.optional(),
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
  /** The corrections of this event the ledger found: in the same trail, or later corrections of a closed year. */
  correctedBy: z.array(CorrectedEvent),
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
  /** A figure of a closed year corrected later (rettelser): each correction with what it changes in the figure, and the figure as corrected. */
  laterCorrections: z
    .array(
      z.strictObject({
        ...EventDetails,
        component: z.string(),
        sign: z.union([z.literal(1), z.literal(-1)]),
        account: z.string(),
        amount: Amount,
      }),
    )
    .optional(),
  valueAsCorrected: Amount.optional(),
  /** Why the value is not the sum of its composition (a figure that is never below 0). */
  note: WordsSchema.optional(),
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

const CaseSummarySchema = z.strictObject({
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
      /** The day it was dropped or finished, while it stands dropped; null when active. */
      droppedOn: IsoDate.nullable(),
    }),
  ),
  partners: z.array(z.strictObject({ partnerId: z.string(), name: z.string(), kind: z.string() })),
  members: z.array(z.strictObject({ memberId: z.string(), name: z.string(), partnerId: z.string() })),
  quorum: z.number().int().nullable(),
  asOf: AsOfSchema,
});

const AccountSchema = z.strictObject({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['secretariat', 'member', 'auditor', 'reader']),
  memberId: z.string().nullable(),
});

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

/** A document's figure beside the log's, in a verification. */
const FigureCheckSchema = z.strictObject({
  key: z.string(),
  label: z.string(),
  /** As the file states it (null: no amount stated); absent when the file lacks the figure. */
  inFile: Amount.nullable().optional(),
  /** As the log gives it; absent when the ledger has no such figure. */
  inLedger: Amount.nullable().optional(),
  matches: z.boolean(),
});

/** A document checked against the log at the position it names, figure by figure (POST /api/documents/verify). */
export const DocumentVerificationResponse = z.strictObject({
  matches: z.boolean(),
  format: z.enum(['html', 'csv', 'xlsx', '360giving-json', '360giving-csv']),
  reference: z.string(),
  request: z.union([
    z.strictObject({ kind: z.literal('allocation'), caseNumber: z.string() }),
    z.strictObject({ kind: z.literal('allocation'), grantedYear: Year }),
    z.strictObject({ kind: z.literal('case-summary'), caseNumber: z.string() }),
    z.strictObject({ kind: z.literal('grants') }),
  ]),
  source: z.strictObject({
    asOfDate: IsoDate,
    basis: z.enum(['date', 'position']),
    position: z.number().int(),
    hash: z.string().nullable(),
  }),
  checked: z.number().int(),
  firstDifference: FigureCheckSchema.omit({ matches: true }).extend({ inFile: z.string().nullable().optional() }).nullable(),
  figures: z.array(FigureCheckSchema.extend({ inFile: z.string().nullable().optional() })),
  logProblem: z.string().nullable(),
  laterEventsByDate: z.number().int(),
  /** The answer in words (Norwegian). */
  message: z.string(),
});

export type Scope = z.output<typeof ScopeSchema>;
export type FrameReport = z.output<typeof FrameResponse>;
export type BalancesReport = z.output<typeof BalancesResponse>;
export type BalanceRow = z.output<typeof BalanceRow>;
export type Explanation = z.output<typeof ExplanationResponse>;
export type ExplainedRow = z.output<typeof ExplainedRow>;
export type TrailRow = z.output<typeof TrailRow>;
export type CaseSummary = z.output<typeof CaseSummarySchema>;
export type CaseDetail = z.output<typeof CaseDetailResponse>;
export type Grant = z.output<typeof GrantSchema>;
export type MoneyDecision = z.output<typeof MoneyDecisionSchema>;
export type Registry = z.output<typeof RegistryResponse>;
export type YearEntries = z.output<typeof YearEntriesResponse>;
export type Account = z.output<typeof AccountSchema>;
export type Me = z.output<typeof MeResponse>;
/** The answer to signing in (POST /api/session): the session's CSRF token, when it ends, and who signed in. */
export type SignIn = { csrfToken: string; expiresAt: string; account: Account };
export type CommandResult = z.output<typeof CommandResultResponse>;
export type DocumentVerification = z.output<typeof DocumentVerificationResponse>;
export type PointAuthority = z.output<typeof PointAuthoritySchema>;
