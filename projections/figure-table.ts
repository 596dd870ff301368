/**
 * The figures the read side reports: one table, one row per figure, saying how the figure
 * is made, what it is kept for, what it is called and where it is shown. Every list of
 * figures (the frame report, the balances, the page's tables, the allocation table's
 * frame lines, the case summary's money) is read from it; none is kept by hand elsewhere.
 * Adding a figure to the year is adding a row here (and, for a base figure, the fold that
 * posts to it; for a computed one, its formula in projections/queries.ts and exact-figures.ts).
 *
 * Base figures are sums of postings: each event posts signed amounts to accounts,
 * an account being (year, scope, figure). Derived figures are linear combinations
 * of base figures, so every figure can be explained as the postings behind it.
 * Computed figures are computed from other figures (projections/queries.ts says how).
 */

/** A figure's name in both languages. */
export interface Label {
  nb: string;
  en: string;
}

/**
 * The lists of figures the ledger shows, each in an order of its own:
 * - frame: the year's frame (`ledger frame`, `GET /api/years/Y/frame`), every figure of the year;
 * - balances: per programme area and initiative (`ledger balances`, `GET /api/years/Y/balances`);
 * - allocation: the frame lines under the allocation table (vedlegg 1) in every format;
 * - yearSummary: the summary at the top of the year's page;
 * - yearInitiatives: the initiatives' funds on the year's page;
 * - overviewFrame: the overview's first frame table (the rest of the frame is one click away);
 * - overviewChart: the overview's bar chart;
 * - overviewBalances: the overview's columns per programme area and initiative.
 */
export type FigureList =
  'frame' | 'balances' | 'allocation' | 'yearSummary' | 'yearInitiatives' | 'overviewFrame' | 'overviewChart' | 'overviewBalances';

/**
 * A figure's place in a list: its position (a list is in ascending order of position;
 * positions go in tens so a figure can go between two), or that with how it shows there.
 */
type Place =
  | number
  | {
      at: number;
      /** Left out of the list while it is zero (for the page's initiative tables: zero for every row). */
      unlessZero?: true;
      /** Shown under another name: the line's key and label. */
      as?: { line: string; label: Label };
    };

/** What a line of money decided under a case is, by the base figure it was posted to (a grant itself aside). */
export type DecidedAs = 'grant-change' | 'release' | 'reserve-fund' | 'prior-year-adjustment';

export interface FigureRow {
  /**
   * How the figure is made: a base figure is the sum of its postings; a derived figure is a
   * signed sum of base figures (each +1 or −1); a computed one is computed from other figures.
   */
  made: 'postings' | 'computed' | { readonly [base: string]: 1 | -1 };
  /**
   * What the figure is kept for: the whole year only (scope total), or per initiative and
   * proposal too (and so per programme area and for the proposals without one).
   */
  per: 'year' | 'initiative';
  label: Label;
  /** A sum: its line stands out where the figures are listed (the page's frame table, the allocation table). */
  sum?: true;
  /** For a base figure a case's decisions post to: the kind of money line the case summary shows. */
  decidedAs?: DecidedAs;
  shownIn: Partial<Record<FigureList, Place>>;
}

/** Every figure, in the order `ledger figures` and the API list them. */
export const figureTable = {
  received: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Mottatt', en: 'Received' },
    shownIn: { frame: 10, allocation: 10, yearSummary: 10, overviewFrame: 10 },
  },
  remainderCarriedIn: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Gjenstående fra i fjor', en: 'Remainder carried in' },
    shownIn: { frame: 30, allocation: 20, overviewFrame: 20 },
  },
  releasedCarriedIn: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Frigjort fra i fjor', en: 'Released funds carried in' },
    shownIn: { frame: 40, allocation: 30, overviewFrame: 30 },
  },
  reserveCarriedIn: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Fond fra i fjor', en: 'Reserve fund carried in' },
    shownIn: { frame: 150 },
  },
  reserved: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Satt av til fond', en: 'Reserved (fund)' },
    decidedAs: 'reserve-fund',
    shownIn: { frame: 120, allocation: { at: 90, unlessZero: true }, yearSummary: 50, overviewFrame: 90, overviewChart: 50 },
  },
  remainderCarriedOut: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Gjenstående overført', en: 'Remainder carried out' },
    shownIn: { frame: 210 },
  },
  releasedCarriedOut: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Frigjort overført', en: 'Released funds carried out' },
    shownIn: { frame: 220 },
  },
  reserveCarriedOut: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Fond overført', en: 'Reserve fund carried out' },
    shownIn: { frame: 240 },
  },
  priorYearAdjustment: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Korreksjon av tidligere år', en: 'Prior-year adjustment' },
    decidedAs: 'prior-year-adjustment',
    shownIn: { frame: 50, allocation: { at: 40, unlessZero: true } },
  },
  expectedReceipt: {
    made: 'postings',
    per: 'year',
    label: { nb: 'Forventet tilskudd', en: 'Expected receipt' },
    shownIn: { frame: 20 },
  },
  requested: {
    made: 'postings',
    per: 'initiative',
    label: { nb: 'Innspill', en: 'Requested' },
    shownIn: {
      frame: 70,
      balances: 10,
      allocation: 60,
      overviewFrame: 50,
      overviewChart: 20,
      overviewBalances: { at: 10, unlessZero: true },
    },
  },
  recommended: {
    made: 'postings',
    per: 'initiative',
    label: { nb: 'Anbefalt', en: 'Recommended' },
    shownIn: {
      frame: 90,
      balances: 20,
      allocation: 80,
      overviewFrame: 60,
      overviewChart: 30,
      overviewBalances: { at: 20, unlessZero: true },
    },
  },
  granted: {
    made: 'postings',
    per: 'initiative',
    label: { nb: 'Tildelt', en: 'Granted' },
    decidedAs: 'grant-change',
    shownIn: {
      frame: 100,
      balances: 30,
      yearSummary: 30,
      yearInitiatives: { at: 20, unlessZero: true },
      overviewFrame: 70,
      overviewChart: 40,
      overviewBalances: 30,
    },
  },
  committed: {
    made: 'postings',
    per: 'initiative',
    label: { nb: 'Forpliktet fra tidligere vedtak', en: 'Committed by earlier decisions' },
    decidedAs: 'grant-change',
    shownIn: {
      frame: 110,
      balances: 40,
      allocation: { at: 100, unlessZero: true },
      yearSummary: 40,
      yearInitiatives: { at: 30, unlessZero: true },
      overviewFrame: 80,
      overviewBalances: { at: 40, unlessZero: true },
    },
  },
  grantedFromReserve: {
    made: 'postings',
    per: 'initiative',
    label: { nb: 'Tildelt fra fond', en: 'Granted from the reserve fund' },
    decidedAs: 'grant-change',
    shownIn: { frame: 160, balances: 50, yearInitiatives: { at: 40, unlessZero: true } },
  },
  released: {
    made: 'postings',
    per: 'initiative',
    label: { nb: 'Frigjort', en: 'Released' },
    decidedAs: 'release',
    shownIn: {
      frame: 190,
      balances: 60,
      yearSummary: 70,
      yearInitiatives: { at: 50, unlessZero: true },
      overviewBalances: { at: 50, unlessZero: true },
    },
  },
  spent: {
    made: 'postings',
    per: 'initiative',
    label: { nb: 'Forbruk', en: 'Spent' },
    shownIn: {
      frame: 200,
      balances: 70,
      yearSummary: 80,
      yearInitiatives: { at: 60, unlessZero: true },
      overviewBalances: { at: 60, unlessZero: true },
    },
  },
  earmarkedCarriedIn: {
    made: 'postings',
    per: 'initiative',
    label: { nb: 'Øremerket fra i fjor', en: 'Earmarked carried in' },
    decidedAs: 'prior-year-adjustment',
    shownIn: { frame: 180, balances: 80, yearInitiatives: { at: 10, unlessZero: true }, overviewBalances: { at: 70, unlessZero: true } },
  },
  earmarkedCarriedOut: {
    made: 'postings',
    per: 'initiative',
    label: { nb: 'Øremerket overført', en: 'Earmarked carried out' },
    shownIn: { frame: 230, balances: 90 },
  },
  /** ramme / justert ramme: received + carried in + corrections of closed years */
  frame: {
    made: { received: 1, remainderCarriedIn: 1, releasedCarriedIn: 1, priorYearAdjustment: 1 },
    per: 'year',
    label: { nb: 'Justert ramme', en: 'Adjusted frame' },
    sum: true,
    shownIn: { frame: 60, allocation: 50, yearSummary: 20, overviewFrame: 40, overviewChart: 10 },
  },
  /**
   * What the frame has left: frame − granted − committed by earlier decisions − reserved,
   * counting, until the year's funds arrive, the receipt the rules expect (forventet tilskudd).
   */
  available: {
    made: {
      received: 1,
      expectedReceipt: 1,
      remainderCarriedIn: 1,
      releasedCarriedIn: 1,
      priorYearAdjustment: 1,
      granted: -1,
      committed: -1,
      reserved: -1,
    },
    per: 'year',
    label: { nb: 'Tilgjengelig', en: 'Available' },
    sum: true,
    shownIn: { frame: 130, yearSummary: 60, overviewFrame: 100, overviewChart: 60 },
  },
  /** What an initiative may still spend: its grants + earmarked in − released − spent − carried out at settlement. */
  availableToSpend: {
    made: {
      granted: 1,
      committed: 1,
      grantedFromReserve: 1,
      earmarkedCarriedIn: 1,
      released: -1,
      spent: -1,
      earmarkedCarriedOut: -1,
    },
    per: 'initiative',
    label: { nb: 'Disponibelt', en: 'Available to spend' },
    shownIn: { balances: 100, yearInitiatives: 70, overviewBalances: { at: 80, unlessZero: true } },
  },
  /**
   * What the reserve fund holds: carried in + set aside − drawn by grants − carried out at
   * settlement. Kept per initiative too, where it is what the initiative drew (negative).
   */
  reserveBalance: {
    made: { reserveCarriedIn: 1, reserved: 1, grantedFromReserve: -1, reserveCarriedOut: -1 },
    per: 'initiative',
    label: { nb: 'Fondets saldo', en: 'Reserve fund balance' },
    shownIn: { frame: 170, yearSummary: 90 },
  },
  /** How far the proposals exceed the frame, requested − frame, and never below 0 (proposals within the frame are over it by nothing). */
  requestedOverFrame: {
    made: 'computed',
    per: 'year',
    label: { nb: 'Innspill over ramme', en: 'Requested over frame' },
    shownIn: { frame: 80, allocation: 70 },
  },
  /** What the frame would have left if the pending recommendation were granted as recommended. */
  availableIfRecommendationAdopted: {
    made: 'computed',
    per: 'year',
    label: { nb: 'Tilgjengelig om anbefalingen vedtas', en: 'Available if the recommendation is adopted' },
    sum: true,
    shownIn: {
      frame: 140,
      allocation: {
        at: 110,
        as: {
          line: 'buffer',
          label: { nb: 'Buffer (ikke fordelt om anbefalingen vedtas)', en: 'Buffer (unallocated if the recommendation is adopted)' },
        },
      },
      overviewFrame: 110,
    },
  },
} as const satisfies Record<string, FigureRow>;
