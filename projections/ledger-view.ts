import type { Decimal } from 'decimal.js';
import type { EventDataOf, EventType } from '../events/catalogue.js';
import { yearOfCaseNumber } from '../events/identifiers.js';
import { ZERO, money } from '../src/domain/money.js';
import type { AdoptedPoint, ProposalTarget, RecommendationTarget, ResolutionPoint, VoteChoice } from '../events/case-events.js';
import { Account } from './account.js';
import type { BaseFigure, InitiativeFigure, YearFigure } from './figures.js';
import { ViewHistory } from './view-history.js';
import { VersionedMap, ViewMap } from './view-maps.js';

export { Account, unpackPositions } from './account.js';

/**
 * The read model: one pure fold over the whole log. Every money event posts
 * signed amounts to accounts (year × scope × figure); a figure is the sum of its
 * postings, so it can always be explained by the events behind it.
 *
 * Views as of a position or a date are derived from this one (projections/as-of.ts),
 * which holds for every piece of state only if the fold keeps to three habits:
 * postings and array items are only ever appended, each carrying the position of its
 * event; an entry of `cases`, `proposals` or `grants` is made (or made again) by the
 * event whose position it carries; and any other change in place is noted in `history`
 * (as a proposal's revised amount is) or, where the rules forbid it, reported there as
 * irregular.
 */

/** Where a posting lands within a year: the year itself, an initiative, or a proposal of a new initiative. */
export type AccountScope = 'year' | `initiative:${string}` | `proposal:${string}`;

export interface YearBook {
  year: number;
  /** Accounts by `${AccountScope}|${figure}`. */
  accounts: Map<string, Account>;
  /** Every event that concerns the year, in log order: the audit trail. */
  eventPositions: number[];
  closed: { position: number; seal: { revision: number; hash: string } } | null;
}

export interface ProposalView {
  proposalId: string;
  caseNumber: string;
  year: number;
  target: ProposalTarget;
  amountRequested: string | null;
  submittedBy: string[];
  description: string | null;
  position: number;
}

export interface VoteView {
  memberId: string;
  pointNumber: number;
  choice: VoteChoice;
  position: number;
  effectiveDate: string;
}

export interface CaseView {
  caseNumber: string;
  meetingDate: string;
  title: string;
  position: number;
  proposalIds: string[];
  recommendations: { year: number; target: RecommendationTarget; amountRecommended: string; position: number }[];
  resolution: { points: ResolutionPoint[]; position: number } | null;
  votes: VoteView[];
  adopted: {
    points: AdoptedPoint[];
    decidedBy: 'consensus' | 'unanimous' | 'majority';
    dissent: { memberId: string; pointNumber: number }[];
    notes: string | null;
    /** The members recorded present at the adoption (for the quorum); null when none were recorded. */
    membersPresent?: string[] | null;
    position: number;
    effectiveDate: string;
  } | null;
  /** Grants and reserve funds that cite this case. */
  citedBy: number[];
}

export interface GrantView {
  grantId: string;
  initiativeId: string;
  year: number;
  amountTotal: string;
  /** The instalments as the plan stands now (plan changes applied). */
  instalments: { year: number; amount: string }[];
  authority: { caseNumber: string; pointNumber: number };
  /** `reserve-fund` when drawn from the reserve fund rather than the frame. */
  fundedBy: 'frame' | 'reserve-fund';
  position: number;
  /** Later decisions on the grant: plan changes, adjustments and releases, by log position. */
  changes: number[];
}

export interface RegistryView {
  programmeAreas: Map<string, { programmeAreaId: string; name: string }>;
  initiatives: Map<string, { initiativeId: string; name: string; programmeAreaId: string; criterion: string; phase: string }>;
  partners: Map<string, { partnerId: string; name: string; kind: string }>;
  members: Map<string, { memberId: string; name: string; partnerId: string }>;
  /** How many members must take part for the committee to decide; null until set. */
  quorum: number | null;
}

/**
 * What the fold reads of an event: its type, data, place and hash, and of its metadata
 * the effective date (which the as-of index keeps for every event). A parsed
 * `LedgerEvent` is one.
 */
export type FoldEvent = {
  [T in EventType]: { type: T; data: EventDataOf<T>; position: number; hash: string; metadata: { readonly effectiveDate: string } };
}[EventType];

function effectiveDate(event: FoldEvent): string {
  return event.metadata.effectiveDate;
}

export class LedgerView {
  /** The global position of the last event folded in (0 before any). */
  position = 0;
  lastEventHash: string | null = null;
  eventCount = 0;
  readonly registry: RegistryView = {
    programmeAreas: new Map(),
    initiatives: new Map(),
    partners: new Map(),
    members: new Map(),
    quorum: null,
  };
  /** What as-of views are derived from (see `ViewHistory`). */
  readonly history = new ViewHistory();
  /** The position of the event being folded in (what the versioned maps stamp their changes with). */
  private applying = 0;
  readonly cases = new ViewMap<CaseView>();
  readonly proposals = new ViewMap<ProposalView>();
  readonly grants = new ViewMap<GrantView>();
  readonly years = new Map<number, YearBook>();
  /** The current recommended amount per `${caseNumber}|${year}|${account scope}` (a later line replaces the earlier). */
  readonly recommendationAmounts = new VersionedMap<Decimal>(() => this.applying);
  /** Proposals of new initiatives that were registered as initiatives: proposalId → initiativeId. */
  readonly proposalLinks = new Map<string, string>();

  yearBook(year: number): YearBook {
    let book = this.years.get(year);
    if (!book) {
      book = { year, accounts: new Map(), eventPositions: [], closed: null };
      this.years.set(year, book);
    }
    return book;
  }

  private touch(year: number, position: number): YearBook {
    const book = this.yearBook(year);
    if (book.eventPositions[book.eventPositions.length - 1] !== position) book.eventPositions.push(position);
    return book;
  }

  /** Posts a signed amount; `delta` is a Decimal, or a canonical decimal string from an event (two decimals). */
  private post(
    year: number,
    scope: AccountScope,
    figure: BaseFigure,
    position: number,
    delta: Decimal | string,
    accountKey?: string,
  ): void {
    const book = this.touch(year, position);
    const amount = typeof delta === 'string' ? money(delta) : delta;
    if (amount.isZero()) return;
    const key = accountKey ?? `${scope}|${figure}`;
    let account = book.accounts.get(key);
    if (!account) {
      account = new Account();
      book.accounts.set(key, account);
    }
    account.post(position, amount, typeof delta === 'string' ? delta : undefined);
  }

  private postYear(year: number, figure: YearFigure, position: number, amount: string): void {
    this.post(year, 'year', figure, position, amount);
  }

  private postInitiative(year: number, initiativeId: string, figure: InitiativeFigure, position: number, delta: Decimal | string): void {
    // The account key of an initiative's figure is built once and kept: the most frequent
    // postings (spending reports) then look their account up by a string already hashed.
    let keys = this.initiativeKeys.get(initiativeId);
    if (!keys) {
      keys = {};
      this.initiativeKeys.set(initiativeId, keys);
    }
    const key = (keys[figure] ??= `initiative:${initiativeId}|${figure}`);
    this.post(year, `initiative:${initiativeId}`, figure, position, delta, key);
  }

  /** Account keys of initiatives' figures, by initiative id (a cache: nothing in it is state). */
  private readonly initiativeKeys = new Map<string, Partial<Record<InitiativeFigure, string>>>();

  /** The account scope of a proposal: its initiative, or the proposal itself when it names a new initiative. */
  proposalScope(proposalId: string): AccountScope {
    const linked = this.proposalLinks.get(proposalId);
    if (linked) return `initiative:${linked}`;
    const proposal = this.proposals.get(proposalId);
    if (proposal && 'initiativeId' in proposal.target) return `initiative:${proposal.target.initiativeId}`;
    return `proposal:${proposalId}`;
  }

  /**
   * A proposal of a new initiative became a registered initiative: what was requested
   * and recommended for it moves to the initiative, by a pair of postings at this
   * event (out of the proposal, into the initiative), so the move is explained too.
   */
  private reclassify(proposalId: string, initiativeId: string, position: number): void {
    const from: AccountScope = `proposal:${proposalId}`;
    const to: AccountScope = `initiative:${initiativeId}`;
    for (const book of this.years.values())
      for (const figure of ['requested', 'recommended'] as const) {
        const account = book.accounts.get(`${from}|${figure}`);
        if (!account || account.total.isZero()) continue;
        const total = account.total;
        this.post(book.year, from, figure, position, total.neg());
        this.post(book.year, to, figure, position, total);
      }
    for (const [key, amount] of [...this.recommendationAmounts]) {
      if (!key.endsWith(`|${from}`)) continue;
      const moved = `${key.slice(0, -from.length)}${to}`;
      this.recommendationAmounts.set(moved, (this.recommendationAmounts.get(moved) ?? ZERO).plus(amount));
      this.recommendationAmounts.delete(key);
    }
    this.proposalLinks.set(proposalId, initiativeId);
  }

  /**
   * Which figure a grant's instalment for a year counts in: granted in the year it was
   * awarded, committed (by an earlier decision) in a later year, or granted from the
   * reserve fund when it draws on the fund.
   */
  private grantFigure(grantId: string, year: number): InitiativeFigure {
    const grant = this.grants.get(grantId);
    if (grant?.fundedBy === 'reserve-fund') return 'grantedFromReserve';
    return grant && grant.year !== year ? 'committed' : 'granted';
  }

  private applyPlanChange(data: EventDataOf<'GrantPlanChanged'>, position: number): void {
    const grant = this.grants.get(data.grantId);
    if (grant)
      this.history.keepEarlier('grant', data.grantId, position, { instalments: grant.instalments, amountTotal: grant.amountTotal });
    this.cases.get(data.authority.caseNumber)?.citedBy.push(position);
    for (const change of data.instalments) {
      const delta = money(change.amountAfter).minus(money(change.amountBefore));
      this.postInitiative(change.year, data.initiativeId, this.grantFigure(data.grantId, change.year), position, delta);
      if (grant)
        grant.instalments = grant.instalments.map((instalment) =>
          instalment.year === change.year ? { ...instalment, amount: change.amountAfter } : instalment,
        );
    }
    if (!grant) return;
    grant.amountTotal = grant.instalments.reduce((total, instalment) => total.plus(money(instalment.amount)), ZERO).toFixed(2);
    grant.changes.push(position);
  }

  apply(event: FoldEvent): void {
    const position = event.position;
    this.applying = position;
    switch (event.type) {
      case 'ProgrammeAreaRegistered':
        this.registry.programmeAreas.set(event.data.programmeAreaId, { ...event.data });
        break;
      case 'InitiativeRegistered':
        this.registry.initiatives.set(event.data.initiativeId, { ...event.data });
        if (event.data.fromProposal) this.reclassify(event.data.fromProposal.proposalId, event.data.initiativeId, position);
        break;
      case 'InitiativePhaseChanged': {
        const initiative = this.registry.initiatives.get(event.data.initiativeId);
        if (initiative) initiative.phase = event.data.phaseAfter;
        break;
      }
      case 'PartnerRegistered':
        this.registry.partners.set(event.data.partnerId, { ...event.data });
        break;
      case 'CommitteeMemberRegistered':
        this.registry.members.set(event.data.memberId, { ...event.data });
        break;
      case 'CaseOpened':
        this.cases.set(event.data.caseNumber, {
          caseNumber: event.data.caseNumber,
          meetingDate: event.data.meetingDate,
          title: event.data.title,
          position,
          proposalIds: [],
          recommendations: [],
          resolution: null,
          votes: [],
          adopted: null,
          citedBy: [],
        });
        this.touch(yearOfCaseNumber(event.data.caseNumber), position);
        break;
      case 'ProposalSubmitted': {
        const { data } = event;
        this.proposals.set(data.proposalId, {
          proposalId: data.proposalId,
          caseNumber: data.caseNumber,
          year: data.year,
          target: data.target,
          amountRequested: data.amountRequested,
          submittedBy: data.submittedBy,
          description: data.description ?? null,
          position,
        });
        this.cases.get(data.caseNumber)?.proposalIds.push(data.proposalId);
        this.post(data.year, this.proposalScope(data.proposalId), 'requested', position, money(data.amountRequested ?? '0'));
        break;
      }
      case 'ProposalRevised': {
        const proposal = this.proposals.get(event.data.proposalId);
        if (!proposal) break;
        this.history.keepEarlier('proposal', proposal.proposalId, position, { amountRequested: proposal.amountRequested });
        proposal.amountRequested = event.data.amountRequestedAfter;
        const delta = money(event.data.amountRequestedAfter ?? '0').minus(money(event.data.amountRequestedBefore ?? '0'));
        this.post(proposal.year, this.proposalScope(proposal.proposalId), 'requested', position, delta);
        break;
      }
      case 'RecommendationRecorded': {
        const caseView = this.cases.get(event.data.caseNumber);
        for (const line of event.data.lines) {
          const scope: AccountScope =
            'initiativeId' in line.target ? `initiative:${line.target.initiativeId}` : this.proposalScope(line.target.proposalId);
          const key = `${event.data.caseNumber}|${event.data.year}|${scope}`;
          const before = this.recommendationAmounts.get(key) ?? ZERO;
          const after = money(line.amountRecommended);
          this.recommendationAmounts.set(key, after);
          this.post(event.data.year, scope, 'recommended', position, after.minus(before));
          caseView?.recommendations.push({
            year: event.data.year,
            target: line.target,
            amountRecommended: line.amountRecommended,
            position,
          });
        }
        break;
      }
      case 'ResolutionProposed': {
        const caseView = this.cases.get(event.data.caseNumber);
        if (caseView?.resolution) this.history.irregular(position);
        if (caseView) caseView.resolution = { points: event.data.points, position };
        this.touch(yearOfCaseNumber(event.data.caseNumber), position);
        break;
      }
      case 'VoteCast':
        this.cases.get(event.data.caseNumber)?.votes.push({
          memberId: event.data.memberId,
          pointNumber: event.data.pointNumber,
          choice: event.data.choice,
          position,
          effectiveDate: effectiveDate(event),
        });
        this.touch(yearOfCaseNumber(event.data.caseNumber), position);
        break;
      case 'ResolutionAdopted': {
        const caseView = this.cases.get(event.data.caseNumber);
        if (caseView?.adopted) this.history.irregular(position);
        if (caseView)
          caseView.adopted = {
            points: event.data.points,
            decidedBy: event.data.decidedBy,
            dissent: event.data.dissent,
            notes: event.data.notes ?? null,
            membersPresent: event.data.membersPresent ?? null,
            position,
            effectiveDate: effectiveDate(event),
          };
        this.touch(yearOfCaseNumber(event.data.caseNumber), position);
        break;
      }
      case 'FundsReceived':
        this.postYear(event.data.year, 'received', position, event.data.amount);
        break;
      case 'GrantAwarded': {
        const { data } = event;
        this.grants.set(data.grantId, {
          grantId: data.grantId,
          initiativeId: data.initiativeId,
          year: data.year,
          amountTotal: data.amountTotal,
          instalments: data.instalments,
          authority: data.authority,
          fundedBy: data.fundedBy ?? 'frame',
          position,
          changes: [],
        });
        this.cases.get(data.authority.caseNumber)?.citedBy.push(position);
        for (const instalment of data.instalments)
          this.postInitiative(
            instalment.year,
            data.initiativeId,
            this.grantFigure(data.grantId, instalment.year),
            position,
            instalment.amount,
          );
        break;
      }
      case 'GrantPlanChanged':
        this.applyPlanChange(event.data, position);
        break;
      case 'GrantAdjusted':
        this.cases.get(event.data.authority.caseNumber)?.citedBy.push(position);
        this.grants.get(event.data.grantId)?.changes.push(position);
        this.postInitiative(
          event.data.year,
          event.data.initiativeId,
          this.grantFigure(event.data.grantId, event.data.year),
          position,
          event.data.amountChange,
        );
        break;
      case 'FundsReleased':
        this.grants.get(event.data.grantId)?.changes.push(position);
        if (event.data.authority) this.cases.get(event.data.authority.caseNumber)?.citedBy.push(position);
        this.postInitiative(event.data.year, event.data.initiativeId, 'released', position, event.data.amount);
        break;
      case 'EarmarkedFundsReleased':
        if (event.data.authority) this.cases.get(event.data.authority.caseNumber)?.citedBy.push(position);
        this.postInitiative(event.data.year, event.data.initiativeId, 'released', position, event.data.amount);
        break;
      case 'ReceiptCorrected':
        this.postYear(event.data.year, 'received', position, event.data.amountChange);
        break;
      case 'ExpectedReceiptRecorded': {
        const current = this.yearBook(event.data.year).accounts.get('year|expectedReceipt')?.total ?? ZERO;
        this.post(event.data.year, 'year', 'expectedReceipt', position, money(event.data.amount).minus(current));
        break;
      }
      case 'PriorYearAdjustmentRecorded':
        this.cases.get(event.data.authority.caseNumber)?.citedBy.push(position);
        this.touch(event.data.correctedYear, position);
        if (event.data.target.kind === 'frame') this.postYear(event.data.year, 'priorYearAdjustment', position, event.data.amountChange);
        else this.postInitiative(event.data.year, event.data.target.initiativeId, 'earmarkedCarriedIn', position, event.data.amountChange);
        break;
      case 'CommitteeQuorumSet':
        this.registry.quorum = event.data.quorum;
        break;
      case 'SpendingReported':
        this.postInitiative(event.data.year, event.data.initiativeId, 'spent', position, event.data.amount);
        break;
      case 'SpendingCorrected':
        this.postInitiative(event.data.year, event.data.initiativeId, 'spent', position, event.data.amountChange);
        break;
      case 'ReserveFundEstablished':
        this.cases.get(event.data.authority.caseNumber)?.citedBy.push(position);
        this.postYear(event.data.year, 'reserved', position, event.data.amount);
        break;
      case 'RemainderCarriedForward':
        this.postYear(event.data.fromYear, 'remainderCarriedOut', position, event.data.amount);
        this.postYear(event.data.toYear, 'remainderCarriedIn', position, event.data.amount);
        break;
      case 'ReleasedFundsCarriedForward':
        this.postYear(event.data.fromYear, 'releasedCarriedOut', position, event.data.amount);
        this.postYear(event.data.toYear, 'releasedCarriedIn', position, event.data.amount);
        break;
      case 'EarmarkedFundsCarriedOver':
        this.postInitiative(event.data.fromYear, event.data.initiativeId, 'earmarkedCarriedOut', position, event.data.amount);
        this.postInitiative(event.data.toYear, event.data.initiativeId, 'earmarkedCarriedIn', position, event.data.amount);
        break;
      case 'ReserveFundCarriedOver':
        this.postYear(event.data.fromYear, 'reserveCarriedOut', position, event.data.amount);
        this.postYear(event.data.toYear, 'reserveCarriedIn', position, event.data.amount);
        break;
      case 'YearClosed': {
        const book = this.touch(event.data.year, position);
        if (book.closed) this.history.irregular(position);
        book.closed = { position, seal: event.data.seal };
        break;
      }
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
    this.history.note(event);
    this.position = position;
    this.lastEventHash = event.hash;
    this.eventCount += 1;
  }
}
