import type { Decimal } from 'decimal.js';
import type { EventDataOf, EventType } from '../events/catalogue.js';
import { yearOfCaseNumber } from '../events/identifiers.js';
import { ZERO, money } from '../src/domain/money.js';
import type { AdoptedPoint, ProposalTarget, RecommendationTarget, ResolutionPoint, VoteChoice } from '../events/case-events.js';
import type { BaseFigure, InitiativeFigure, YearFigure } from './figures.js';

/**
 * The read model: one pure fold over the whole log. Every money event posts
 * signed amounts to accounts (year × scope × figure); a figure is the sum of its
 * postings, so it can always be explained by the events behind it.
 */

/**
 * An account's postings: parallel arrays of log positions and signed decimal strings.
 * Restored from a checkpoint, the postings stay packed (two comma-joined strings) until
 * something reads or adds one: a restart parses only the totals, and an explanation
 * unpacks only the accounts it shows.
 */
export class Account {
  total: Decimal = ZERO;
  private positionList: number[] | null = [];
  private deltaList: string[] | null = [];
  private packed: { positions: string; deltas: string } | null = null;

  /** An account as a snapshot kept it: its total and postings, taken as they are. */
  static restore(total: string, positions: number[], deltas: string[]): Account {
    const account = new Account();
    account.total = money(total);
    account.positionList = positions;
    account.deltaList = deltas;
    return account;
  }

  /** An account as a checkpoint packed it: its total, and its positions and deltas each joined by commas. */
  static restorePacked(total: string, positions: string, deltas: string): Account {
    const account = new Account();
    account.total = money(total);
    account.positionList = null;
    account.deltaList = null;
    account.packed = { positions, deltas };
    return account;
  }

  private unpack(): void {
    const packed = this.packed!;
    this.positionList = unpackPositions(packed.positions);
    this.deltaList = packed.deltas === '' ? [] : packed.deltas.split(',');
    this.packed = null;
  }

  get positions(): readonly number[] {
    if (this.packed) this.unpack();
    return this.positionList!;
  }

  get deltas(): readonly string[] {
    if (this.packed) this.unpack();
    return this.deltaList!;
  }

  /** The postings packed as a checkpoint keeps them (without unpacking them when they still are). */
  pack(): { positions: string; deltas: string } {
    return this.packed ?? { positions: this.positionList!.join(','), deltas: this.deltaList!.join(',') };
  }

  /** Adds a posting; `deltaText` is the delta's canonical two-decimal form when the caller already has it. */
  post(position: number, delta: Decimal, deltaText?: string): void {
    if (this.packed) this.unpack();
    this.total = this.total.plus(delta);
    this.positionList!.push(position);
    this.deltaList!.push(deltaText ?? delta.toFixed(2));
  }
}

/** Positions joined by commas, back as numbers ('' is none). */
export function unpackPositions(text: string): number[] {
  if (text === '') return [];
  const parts = text.split(',');
  const positions = new Array<number>(parts.length);
  for (let index = 0; index < parts.length; index++) positions[index] = Number(parts[index]);
  return positions;
}

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
 * only the effective date (null when the reader did not read the metadata, which it may
 * do only for types whose fold does not need it). A parsed `LedgerEvent` is one.
 */
export type FoldEvent = {
  [T in EventType]: { type: T; data: EventDataOf<T>; position: number; hash: string; metadata: { readonly effectiveDate: string } | null };
}[EventType];

function effectiveDate(event: FoldEvent): string {
  if (!event.metadata) throw new Error(`the fold of ${event.type} at position ${event.position} needs its metadata, which was not read`);
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
  readonly cases = new Map<string, CaseView>();
  readonly proposals = new Map<string, ProposalView>();
  readonly grants = new Map<string, GrantView>();
  readonly years = new Map<number, YearBook>();
  /** The current recommended amount per `${caseNumber}|${year}|${account scope}` (a later line replaces the earlier). */
  readonly recommendationAmounts = new Map<string, Decimal>();
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
      case 'YearClosed':
        this.touch(event.data.year, position).closed = { position, seal: event.data.seal };
        break;
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
    this.position = position;
    this.lastEventHash = event.hash;
    this.eventCount += 1;
  }
}
