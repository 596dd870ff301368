import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { EventDraft } from '../../events/catalogue.js';
import { EntityIdSchema, NameSchema } from '../../events/identifiers.js';
import { AmountSchema, DateSchema, PositiveAmountSchema, YearSchema } from '../../events/money.js';
import { OpeningCitationSchema, OpeningSourceSchema } from '../../events/opening-events.js';
import { ResolutionCitationSchema } from '../../events/citation.js';
import { DomainError } from '../domain/errors.js';
import { ZERO, formatAmount, money, sum } from '../domain/money.js';
import type { RegistryState } from '../registry/registry.js';
import { requireInitiativeBy } from '../registry/registry-rules.js';
import type { YearState } from './year.js';
import { commandSchema, defineCommand, type DecisionContext, type States } from '../commands/define.js';
import { yearRef } from '../commands/state-refs.js';
import { LAST_YEAR } from '../shared/bounds.js';
import { requireOpenYear, requireWithinBounds, requireYearInRange, yearReads } from './year-rules.js';

/**
 * The opening balance of a year (inngående balanse): what the year starts with when the
 * committee takes the ledger into use, from its own documents — the remainder and the
 * released funds carried into the frame, each initiative's earmarked money, the reserve
 * fund's balance, later instalments of multi-year grants already decided, and the year's
 * funds received or expected. Recorded as the first money events of the year, all at once,
 * citing the document they come from. After it the ordinary rules apply.
 */

const EarmarkLineSchema = z.strictObject({
  initiativeId: EntityIdSchema,
  /** Earmarked money carried in (the unspent part of its ongoing grants). */
  amount: AmountSchema,
  grantedBy: OpeningCitationSchema.optional(),
  /** What the year before granted it, for the allocation table's comparative column. */
  previousYearGranted: AmountSchema.optional(),
});

const CommitmentLineSchema = z.strictObject({
  grantId: EntityIdSchema.optional(),
  initiativeId: EntityIdSchema,
  /** The year of the instalment: the opening year or the one after. */
  year: YearSchema,
  amount: PositiveAmountSchema,
  authority: ResolutionCitationSchema,
});

const OpeningFundsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('received'), amount: PositiveAmountSchema, receivedOn: DateSchema, reference: NameSchema.optional() }),
  z.strictObject({ kind: z.literal('expected'), amount: AmountSchema }),
]);

/** The sums the source states, checked against the lines. */
const OpeningTotalsSchema = z.strictObject({
  earmarked: AmountSchema.optional(),
  committed: AmountSchema.optional(),
  previousYearGranted: AmountSchema.optional(),
});

type OpeningEarmarkLine = z.infer<typeof EarmarkLineSchema>;
type OpeningCommitmentLine = z.infer<typeof CommitmentLineSchema>;

const openingShape = {
  year: YearSchema,
  source: OpeningSourceSchema,
  remainderCarriedIn: AmountSchema.optional(),
  releasedCarriedIn: AmountSchema.optional(),
  reserveFundBalance: AmountSchema.optional(),
  earmarks: z.array(EarmarkLineSchema).max(5000).optional(),
  commitments: z.array(CommitmentLineSchema).max(5000).optional(),
  funds: OpeningFundsSchema.optional(),
  totals: OpeningTotalsSchema.optional(),
};

type OpeningCommand = z.output<ReturnType<typeof commandSchema<'RecordOpeningBalance', typeof openingShape>>>;

export const recordOpeningBalance = defineCommand({
  type: 'RecordOpeningBalance',
  shape: openingShape,
  target: (command) => yearRef(command.year),
  reads: (command) => yearReads(command.year),
  decide(command, states, context) {
    const state = requireOpenYear(states, command.year);
    requireFirstMoney(states, state);
    const registry = states.registry();
    const earmarks = command.earmarks ?? [];
    const commitments = command.commitments ?? [];
    checkEarmarks(registry, earmarks, context.effectiveDate);
    checkCommitments(registry, state.year, commitments, context.effectiveDate);
    const totals = {
      earmarked: sum(earmarks.map((line) => money(line.amount))),
      committed: sum(commitments.map((line) => money(line.amount))),
      previousYearGranted: sum(earmarks.map((line) => money(line.previousYearGranted ?? '0'))),
    };
    for (const [total, amountOfLines] of Object.entries(totals)) {
      requireWithinBounds(amountOfLines, `the ${total} total`);
      const stated = command.totals?.[total as keyof typeof totals];
      if (stated !== undefined && !money(stated).equals(amountOfLines))
        throw new DomainError(
          'opening-total-mismatch',
          `the stated ${total} total ${stated} is not the sum of its lines, ${formatAmount(amountOfLines)}`,
          {
            total,
            amountStated: formatAmount(money(stated)),
            amountOfLines: formatAmount(amountOfLines),
          },
        );
    }
    const received = command.funds?.kind === 'received' ? money(command.funds.amount) : ZERO;
    const amountOf = (amount: string | undefined) => money(amount ?? '0');
    requireWithinBounds(
      amountOf(command.remainderCarriedIn).plus(amountOf(command.releasedCarriedIn)).plus(received),
      `the ${state.year} frame`,
    );
    return openingEvents(command, totals, context);
  },
  http: {
    path: '/api/years/:year/opening-balance',
    summary: 'Record the opening balance of a year (inngående balanse) when the ledger is taken into use',
    tag: 'years',
  },
});

/** An opening balance is the first money of its year: no earlier year in the ledger, nothing yet in the year or the next. */
function requireFirstMoney(states: States, state: YearState): void {
  const earlier: [number, YearState['previousYear']][] = [
    [state.year - 1, state.previousYear],
    [state.year - 2, state.yearBeforePrevious],
  ];
  for (const [earlierYear, seen] of earlier)
    if (seen.hasActivity)
      throw new DomainError(
        'opening-balance-after-earlier-year',
        `${earlierYear} is in the ledger; what carries into ${state.year} is carried by settling ${earlierYear}, not by an opening balance`,
        { year: state.year, earlierYear },
      );
  const empty = state.lastEventOn === null && state.available.size === 0 && state.initiatives.size === 0 && state.reserveBalance.size === 0;
  if (!empty)
    throw new DomainError(
      'opening-balance-not-first',
      `${state.year} already has money events; an opening balance is the first of its year`,
      {
        year: state.year,
        ...(state.lastEventOn === null ? {} : { lastEventOn: state.lastEventOn }),
      },
    );
  if (state.year >= LAST_YEAR) return;
  const later = states.year(state.year + 1);
  if (later.lastEventOn !== null)
    throw new DomainError(
      'opening-balance-not-first',
      `${later.year} already has events; the opening balance of ${state.year} comes before them`,
      {
        year: state.year,
        laterYear: later.year,
        lastEventOn: later.lastEventOn,
      },
    );
}

function checkEarmarks(registry: RegistryState, lines: readonly OpeningEarmarkLine[], effectiveDate: string): void {
  const seen = new Set<string>();
  for (const line of lines) {
    requireInitiativeBy(registry, line.initiativeId, effectiveDate);
    if (seen.has(line.initiativeId))
      throw new DomainError('opening-line-duplicated', `${line.initiativeId} is on two lines of the opening balance`, {
        initiativeId: line.initiativeId,
      });
    seen.add(line.initiativeId);
  }
}

function checkCommitments(registry: RegistryState, year: number, lines: readonly OpeningCommitmentLine[], effectiveDate: string): void {
  const seen = new Set<string>();
  for (const line of lines) {
    requireInitiativeBy(registry, line.initiativeId, effectiveDate);
    if (line.year !== year && line.year !== year + 1)
      throw new DomainError(
        'opening-commitment-year',
        `a commitment in the opening balance of ${year} is on ${year} or ${year + 1}, not ${line.year}`,
        {
          year,
          commitmentYear: line.year,
          lastYear: year + 1,
        },
      );
    requireYearInRange(line.year, `the commitment of ${line.initiativeId}`);
    if (line.grantId === undefined) continue;
    if (seen.has(line.grantId))
      throw new DomainError('opening-line-duplicated', `commitment ${line.grantId} is in the opening balance twice`, {
        initiativeId: line.initiativeId,
        commitmentYear: line.year,
        grantId: line.grantId,
      });
    seen.add(line.grantId);
  }
}

/** "Inngående balanse: <document>", within the length a name may have. */
function openingReference(document: string): string {
  return Array.from(`Inngående balanse: ${document}`).slice(0, 300).join('');
}

function openingEvents(
  command: OpeningCommand,
  totals: { earmarked: Decimal; committed: Decimal; previousYearGranted: Decimal },
  context: DecisionContext,
): EventDraft[] {
  const { year, source } = command;
  const canonical = (amount: string | undefined) => formatAmount(money(amount ?? '0'));
  const events: EventDraft[] = [
    {
      type: 'OpeningBalanceRecorded',
      data: {
        year,
        source,
        remainderCarriedIn: canonical(command.remainderCarriedIn),
        releasedCarriedIn: canonical(command.releasedCarriedIn),
        reserveFundBalance: canonical(command.reserveFundBalance),
        earmarkedTotal: formatAmount(totals.earmarked),
        committedTotal: formatAmount(totals.committed),
        previousYearGrantedTotal: formatAmount(totals.previousYearGranted),
      },
    },
  ];
  for (const line of command.earmarks ?? []) {
    const previous = money(line.previousYearGranted ?? '0');
    if (money(line.amount).isZero() && previous.isZero()) continue;
    const data = {
      year,
      source,
      initiativeId: line.initiativeId,
      earmarkedCarriedIn: canonical(line.amount),
      ...(line.grantedBy ? { grantedBy: line.grantedBy } : {}),
      ...(previous.isZero() ? {} : { previousYearGranted: formatAmount(previous) }),
    };
    events.push({ type: 'OpeningInitiativeBalanceRecorded', data });
  }
  for (const line of command.commitments ?? []) {
    const data = {
      year,
      source,
      grantId: line.grantId ?? context.newId(),
      initiativeId: line.initiativeId,
      instalmentYear: line.year,
      amount: canonical(line.amount),
      authority: line.authority,
    };
    events.push({ type: 'OpeningCommitmentRecorded', data });
  }
  const { funds } = command;
  if (funds?.kind === 'received')
    events.push({
      type: 'FundsReceived',
      data: {
        year,
        amount: canonical(funds.amount),
        reference: funds.reference ?? openingReference(source.document),
        receivedOn: funds.receivedOn,
      },
    });
  if (funds?.kind === 'expected')
    events.push({
      type: 'ExpectedReceiptRecorded',
      data: { year, amount: canonical(funds.amount), reason: openingReference(source.document) },
    });
  return events;
}
