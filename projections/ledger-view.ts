import type { Decimal } from 'decimal.js';
import type { EventDataOf, EventType } from '../events/catalogue.js';
import { ZERO, money } from '../src/domain/money.js';
import type { AdoptedPoint, ProposalTarget, RecommendationTarget, ResolutionPoint, VoteChoice } from '../events/case-events.js';
import type { GrantCondition } from '../events/year-events.js';
import { Account } from './account.js';
import { indexPosting, type FigureIndex } from './figure-index.js';
import { correctionFigure, type BaseFigure, type InitiativeFigure, type YearFigure } from './figures.js';
import { eventFolds } from './ledger-view-folds.js';
import { ViewHistory } from './view-history.js';
import { VersionedMap, ViewMap } from './view-maps.js';

export { Account } from './account.js';

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
  /** Accounts by `${AccountScope}|${figure}`, in the order they were opened (each account's `ordinal`). */
  accounts: Map<string, Account>;
  /** Every event that concerns the year, in log order: the audit trail. */
  eventPositions: number[];
  closed: { position: number; seal: { revision: number; hash: string } } | null;
  /** The year's figures' postings in log order, made when first asked for (projections/figure-index.ts); not state. */
  figureIndexes?: Map<string, FigureIndex>;
  /** A year as of a position: the live year it is cut from, and the figures the fold has posted to since. */
  cutFrom?: { book: YearBook; position: number; changed: Set<string> };
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

interface VoteView {
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
  /** The conditions the committee attached (empty for none, and for grants recorded before conditions were kept). */
  conditions: GrantCondition[];
  /** When the initiative reports on the grant; null when no date was set. */
  reportDueOn: string | null;
  position: number;
  /** Later decisions on the grant: plan changes, adjustments and releases, by log position. */
  changes: number[];
  /** A commitment an opening balance carried in: a later instalment of a grant awarded before the ledger, not an award of its own. */
  opening?: true;
}

export interface RegistryView {
  programmeAreas: Map<string, { programmeAreaId: string; name: string }>;
  /** `droppedOn`: the day it was dropped or finished, while it stands dropped (null when active). */
  initiatives: Map<
    string,
    { initiativeId: string; name: string; programmeAreaId: string; criterion: string; phase: string; droppedOn: string | null }
  >;
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
  /**
   * The current recommended amount per `${caseNumber}|${year}|${account scope}` (a later line
   * replaces the earlier), and the expectation recorded last for a year under `expectation|${year}`
   * (projections/expectations.ts).
   */
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

  // The fold's primitives (`touch`, `post`, `postYear`, `postInitiative`, `reclassify`,
  // `grantFigure`) are public only for the folds of each event type to call
  // (projections/ledger-view-folds.ts): readers of the view never call them.

  /** Notes that the event at `position` concerns the year (once, however many postings it makes). */
  touch(year: number, position: number): YearBook {
    const book = this.yearBook(year);
    if (book.eventPositions[book.eventPositions.length - 1] !== position) book.eventPositions.push(position);
    return book;
  }

  /** Posts a signed amount; `delta` is a Decimal, or a canonical decimal string from an event (two decimals). */
  post(year: number, scope: AccountScope, figure: BaseFigure, position: number, delta: Decimal | string, accountKey?: string): void {
    this.postTo(this.touch(year, position), scope, figure, position, delta, accountKey);
  }

  /**
   * Posts without listing the event in the year's trail: for a figure another year's event
   * moves as a consequence (a receipt setting what later years expect), explained by its
   * postings, not an event of the year.
   */
  postBeside(year: number, scope: AccountScope, figure: BaseFigure, position: number, delta: Decimal): void {
    this.postTo(this.yearBook(year), scope, figure, position, delta);
  }

  private postTo(
    book: YearBook,
    scope: AccountScope,
    figure: BaseFigure,
    position: number,
    delta: Decimal | string,
    accountKey?: string,
  ): void {
    const amount = typeof delta === 'string' ? money(delta) : delta;
    if (amount.isZero()) return;
    const key = accountKey ?? `${scope}|${figure}`;
    let account = book.accounts.get(key);
    if (!account) {
      account = new Account();
      account.ordinal = book.accounts.size;
      book.accounts.set(key, account);
    }
    account.post(position, amount, typeof delta === 'string' ? delta : undefined);
    if (book.figureIndexes || book.cutFrom) indexPosting(book, key.slice(scope.length + 1), scope, account);
  }

  /** Posts a later correction of a closed year's figure beside it (the sealed figure stays as it is). */
  postCorrection(year: number, scope: AccountScope, figure: BaseFigure, position: number, delta: Decimal): void {
    this.post(year, scope, figure, position, delta, `${scope}|${correctionFigure(figure)}`);
  }

  /** Posts to a figure of the year itself. */
  postYear(year: number, figure: YearFigure, position: number, amount: string): void {
    this.post(year, 'year', figure, position, amount);
  }

  /** Posts to a figure of an initiative. */
  postInitiative(year: number, initiativeId: string, figure: InitiativeFigure, position: number, delta: Decimal | string): void {
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
  reclassify(proposalId: string, initiativeId: string, position: number): void {
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
  grantFigure(grantId: string, year: number): InitiativeFigure {
    const grant = this.grants.get(grantId);
    if (grant?.fundedBy === 'reserve-fund') return 'grantedFromReserve';
    return grant && grant.year !== year ? 'committed' : 'granted';
  }

  /**
   * Folds one event in: its type's fold (projections/ledger-view-folds.ts), then what
   * every event does to the view (the history's note, the position, hash and count).
   */
  apply(event: FoldEvent): void {
    const position = event.position;
    this.applying = position;
    const fold = eventFolds.get(event.type);
    // A type the catalogue does not name has no fold: the event is left out, and not counted.
    if (fold === undefined) return;
    fold(this, event);
    this.history.note(event);
    this.position = position;
    this.lastEventHash = event.hash;
    this.eventCount += 1;
  }
}
