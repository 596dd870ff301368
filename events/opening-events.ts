import { z } from 'zod';
import { AmountSchema, DateSchema, PositiveAmountSchema, YearSchema } from './money.js';
import { CaseNumberSchema, EntityIdSchema, NameSchema } from './identifiers.js';
import { ResolutionCitationSchema } from './citation.js';

/**
 * Events of an opening balance (inngående balanse): what a year starts with when the
 * ledger is taken into use in the middle of the committee's history, entered once from a
 * document and explained ever after as "Inngående balanse" from that document. They are
 * recorded together by one command, in the stream of the opening year (`year-YYYY`), as
 * that year's first money events, and the rules and read side treat each amount as what
 * a settlement of the year before would have carried in.
 */

/** Where the opening figures are taken from: a document (an attachment, a spreadsheet), the case it belongs to, its date. */
export const OpeningSourceSchema = z.strictObject({
  document: NameSchema,
  caseNumber: CaseNumberSchema.optional(),
  date: DateSchema,
});

/** The case (and, when known, the point) that decided money an opening balance carries in. */
export const OpeningCitationSchema = z.strictObject({
  caseNumber: CaseNumberSchema,
  pointNumber: z.number().int().min(1).max(50).optional(),
});

/**
 * The year's own opening figures: the unallocated remainder and the released funds carried
 * into its frame, and the reserve fund's balance carried in; with the totals of the lines
 * recorded with it (each initiative's earmarked money, the commitments, what the year
 * before granted), as the source states them and as the rules checked them.
 */
const OpeningBalanceRecorded = z.strictObject({
  year: YearSchema,
  source: OpeningSourceSchema,
  remainderCarriedIn: AmountSchema,
  releasedCarriedIn: AmountSchema,
  reserveFundBalance: AmountSchema,
  earmarkedTotal: AmountSchema,
  committedTotal: AmountSchema,
  previousYearGrantedTotal: AmountSchema,
});

/**
 * One initiative's line of an opening balance: the unspent money of its ongoing grants
 * carried in earmarked for it (with the case that granted it), and, for the first
 * allocation table after the opening, what the year before granted it (a comparative
 * figure of that year, which the ledger itself never held).
 */
const OpeningInitiativeBalanceRecorded = z.strictObject({
  year: YearSchema,
  source: OpeningSourceSchema,
  initiativeId: EntityIdSchema,
  earmarkedCarriedIn: AmountSchema,
  grantedBy: OpeningCitationSchema.optional(),
  previousYearGranted: AmountSchema.optional(),
});

/**
 * A later instalment of a multi-year grant decided before the opening (forpliktelse fra
 * tidligere vedtak), on the opening year or the one after: it counts against that year's
 * frame as committed, as the instalment of a grant in the ledger would. `grantId` names it
 * for later adjustments and releases.
 */
const OpeningCommitmentRecorded = z.strictObject({
  year: YearSchema,
  source: OpeningSourceSchema,
  grantId: EntityIdSchema,
  initiativeId: EntityIdSchema,
  instalmentYear: YearSchema,
  amount: PositiveAmountSchema,
  authority: ResolutionCitationSchema,
});

export const openingEventSchemas = {
  OpeningBalanceRecorded,
  OpeningInitiativeBalanceRecorded,
  OpeningCommitmentRecorded,
} as const;
