/**
 * The figures the read side reports, and how they relate.
 *
 * Base figures are sums of postings: each event posts signed amounts to accounts,
 * an account being (year, scope, figure). Derived figures are linear combinations
 * of base figures, so every figure can be explained as the postings behind it.
 */

/** Base figures kept per year for the whole frame. */
const yearFigures = [
  'received',
  'remainderCarriedIn',
  'releasedCarriedIn',
  'reserveCarriedIn',
  'reserved',
  'remainderCarriedOut',
  'releasedCarriedOut',
  'reserveCarriedOut',
  'priorYearAdjustment',
  'expectedReceipt',
] as const;

/** Base figures kept per initiative (or per proposal of a new initiative). */
export const initiativeFigures = [
  'requested',
  'recommended',
  'granted',
  'committed',
  'grantedFromReserve',
  'released',
  'spent',
  'earmarkedCarriedIn',
  'earmarkedCarriedOut',
] as const;

export type YearFigure = (typeof yearFigures)[number];
export type InitiativeFigure = (typeof initiativeFigures)[number];
export type BaseFigure = YearFigure | InitiativeFigure;

/**
 * A base figure of a closed year as later corrections have it (rettelser): their postings
 * are kept in accounts of their own, `<scope>|<figure>:corrected`, so the sealed figure
 * never changes and the corrected one is the two added (projections/corrections.ts).
 */
export type CorrectionFigure = `${BaseFigure}:corrected`;
export const correctionFigure = (figure: BaseFigure): CorrectionFigure => `${figure}:corrected`;

/** Derived figures as signed sums of base figures. */
export const derivedFigures = {
  /** ramme / justert ramme: received + carried in + corrections of closed years */
  frame: { received: 1, remainderCarriedIn: 1, releasedCarriedIn: 1, priorYearAdjustment: 1 },
  /** what the frame has left: frame − granted − committed by earlier decisions − reserved */
  /** … counting, until the year's funds arrive, the receipt the rules expect (forventet tilskudd) */
  available: {
    received: 1,
    expectedReceipt: 1,
    remainderCarriedIn: 1,
    releasedCarriedIn: 1,
    priorYearAdjustment: 1,
    granted: -1,
    committed: -1,
    reserved: -1,
  },
  /** what an initiative may still spend: its grants + earmarked in − released − spent − carried out at settlement */
  availableToSpend: {
    granted: 1,
    committed: 1,
    grantedFromReserve: 1,
    earmarkedCarriedIn: 1,
    released: -1,
    spent: -1,
    earmarkedCarriedOut: -1,
  },
  /** what the reserve fund holds: carried in + set aside − drawn by grants − carried out at settlement */
  reserveBalance: { reserveCarriedIn: 1, reserved: 1, grantedFromReserve: -1, reserveCarriedOut: -1 },
} as const satisfies Record<string, Partial<Record<BaseFigure, 1 | -1>>>;

export type DerivedFigure = keyof typeof derivedFigures;

/**
 * Figures computed from other figures, not sums of postings; each is explained by the
 * figures it is computed from.
 * - requestedOverFrame: how far the proposals exceed the frame, requested − frame, and
 *   never below 0 (proposals within the frame are over it by nothing);
 * - availableIfRecommendationAdopted: what the frame would have left if the pending
 *   recommendation were granted as recommended.
 */
const computedFigures = ['requestedOverFrame', 'availableIfRecommendationAdopted'] as const;
type ComputedFigure = (typeof computedFigures)[number];
export type Figure = BaseFigure | DerivedFigure | ComputedFigure;

export const allFigures: Figure[] = [
  ...yearFigures,
  ...initiativeFigures,
  ...(Object.keys(derivedFigures) as DerivedFigure[]),
  ...computedFigures,
];

export function isYearFigure(figure: string): figure is YearFigure {
  return (yearFigures as readonly string[]).includes(figure);
}

export function isBaseFigure(figure: string): figure is BaseFigure {
  return isYearFigure(figure) || (initiativeFigures as readonly string[]).includes(figure);
}

export function isDerivedFigure(figure: string): figure is DerivedFigure {
  return Object.prototype.hasOwnProperty.call(derivedFigures, figure);
}

/** Labels in Norwegian (bokmål) and English, for tables and explanations. */
export const figureLabels: Record<Figure, { nb: string; en: string }> = {
  received: { nb: 'Mottatt', en: 'Received' },
  remainderCarriedIn: { nb: 'Gjenstående fra i fjor', en: 'Remainder carried in' },
  releasedCarriedIn: { nb: 'Frigjort fra i fjor', en: 'Released funds carried in' },
  reserveCarriedIn: { nb: 'Fond fra i fjor', en: 'Reserve fund carried in' },
  reserved: { nb: 'Satt av til fond', en: 'Reserved (fund)' },
  remainderCarriedOut: { nb: 'Gjenstående overført', en: 'Remainder carried out' },
  releasedCarriedOut: { nb: 'Frigjort overført', en: 'Released funds carried out' },
  reserveCarriedOut: { nb: 'Fond overført', en: 'Reserve fund carried out' },
  priorYearAdjustment: { nb: 'Korreksjon av tidligere år', en: 'Prior-year adjustment' },
  expectedReceipt: { nb: 'Forventet tilskudd', en: 'Expected receipt' },
  requested: { nb: 'Innspill', en: 'Requested' },
  recommended: { nb: 'Anbefalt', en: 'Recommended' },
  granted: { nb: 'Tildelt', en: 'Granted' },
  committed: { nb: 'Forpliktet fra tidligere vedtak', en: 'Committed by earlier decisions' },
  grantedFromReserve: { nb: 'Tildelt fra fond', en: 'Granted from the reserve fund' },
  released: { nb: 'Frigjort', en: 'Released' },
  spent: { nb: 'Forbruk', en: 'Spent' },
  earmarkedCarriedIn: { nb: 'Øremerket fra i fjor', en: 'Earmarked carried in' },
  earmarkedCarriedOut: { nb: 'Øremerket overført', en: 'Earmarked carried out' },
  frame: { nb: 'Justert ramme', en: 'Adjusted frame' },
  available: { nb: 'Tilgjengelig', en: 'Available' },
  requestedOverFrame: { nb: 'Innspill over ramme', en: 'Requested over frame' },
  availableToSpend: { nb: 'Disponibelt', en: 'Available to spend' },
  reserveBalance: { nb: 'Fondets saldo', en: 'Reserve fund balance' },
  availableIfRecommendationAdopted: { nb: 'Tilgjengelig om anbefalingen vedtas', en: 'Available if the recommendation is adopted' },
};

/** The base figure a correction figure corrects (`granted:corrected` → `granted`), or null for any other name. */
function correctedBaseFigure(figure: string): BaseFigure | null {
  if (!figure.endsWith(':corrected')) return null;
  const base = figure.slice(0, -':corrected'.length);
  return isBaseFigure(base) ? base : null;
}

/** The words of any figure a posting can have, a correction of a closed year's figure too. */
export function figureWords(figure: string): { nb: string; en: string } {
  const base = correctedBaseFigure(figure);
  if (base !== null) return { nb: `${figureLabels[base].nb} (rettelse)`, en: `${figureLabels[base].en} (correction)` };
  return (figureLabels as Record<string, { nb: string; en: string }>)[figure] ?? { nb: figure, en: figure };
}

/**
 * Which part of the ledger a figure is about:
 * the whole year, a programme area, an initiative, the proposals that have no
 * programme area yet, or one such proposal.
 */
export type Scope =
  | { kind: 'total' }
  | { kind: 'programme-area'; programmeAreaId: string }
  | { kind: 'initiative'; initiativeId: string }
  | { kind: 'unassigned' }
  | { kind: 'proposal'; proposalId: string };

export interface FigureRef {
  year: number;
  figure: Figure;
  scope: Scope;
}

/** Parses `total`, `programme-area:ID`, `initiative:ID`, `unassigned` or `proposal:ID`. */
export function parseScope(text: string): Scope | null {
  if (text === 'total') return { kind: 'total' };
  if (text === 'unassigned') return { kind: 'unassigned' };
  const [kind, id] = text.split(/:(.*)/s) as [string, string | undefined];
  if (!id) return null;
  if (kind === 'programme-area') return { kind: 'programme-area', programmeAreaId: id };
  if (kind === 'initiative') return { kind: 'initiative', initiativeId: id };
  if (kind === 'proposal') return { kind: 'proposal', proposalId: id };
  return null;
}
