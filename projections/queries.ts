import type { Decimal } from 'decimal.js';
import { ZERO, formatAmount, money } from '../src/domain/money.js';
import { formatMoney, words, type Words } from '../src/shared/format.js';
import {
  derivedFigures,
  figureLabels,
  figuresIn,
  isBaseFigure,
  isDerivedFigure,
  isYearOnly,
  type BaseFigure,
  type Figure,
  type FigureRef,
  type Scope,
} from './figures.js';
import type { LedgerView } from './ledger-view.js';
import { accountsOf } from './figure-accounts.js';
import { frameFiguresOre, yearTotalOre } from './exact-figures.js';
import { decimalSumming, oreSumming, type Summing } from './balance-sums.js';
import { exactly, formatOre } from './ore.js';
import { correctionOverlay, type LaterCorrection } from './correction-overlay.js';

/** A figure asked for a scope it is not kept for, or of an unknown initiative or area. */
export class FigureNotFoundError extends Error {
  readonly code = 'figure-not-found';
  constructor(readonly words: Words) {
    super(words.en);
    this.name = 'FigureNotFoundError';
  }
}

function checkScope(view: LedgerView, ref: FigureRef): void {
  const { scope, figure } = ref;
  if (scope.kind !== 'total' && isYearOnly(figure))
    throw new FigureNotFoundError(
      words(`${figure} føres bare for hele året (scope total)`, `${figure} is kept for the whole year only (scope total)`),
    );
  if (scope.kind === 'initiative' && !view.registry.initiatives.has(scope.initiativeId))
    throw new FigureNotFoundError(
      words(
        `Satsningen «${scope.initiativeId}» er ikke registrert (ledger list initiatives)`,
        `initiative «${scope.initiativeId}» is not registered (ledger list initiatives)`,
      ),
    );
  if (scope.kind === 'programme-area' && !view.registry.programmeAreas.has(scope.programmeAreaId))
    throw new FigureNotFoundError(
      words(
        `Programområdet «${scope.programmeAreaId}» er ikke registrert (ledger list areas)`,
        `programme area «${scope.programmeAreaId}» is not registered (ledger list areas)`,
      ),
    );
  if (scope.kind === 'proposal' && !view.proposals.has(scope.proposalId))
    throw new FigureNotFoundError(words(`Innspillet «${scope.proposalId}» finnes ikke`, `proposal «${scope.proposalId}» does not exist`));
}

function baseValue(view: LedgerView, year: number, figure: BaseFigure, scope: Scope): Decimal {
  // The whole year's from its figure index (a binary search and a few sums), where it is exact.
  const exact = scope.kind === 'total' ? exactly(() => yearTotalOre(view, year, figure)) : null;
  if (exact !== null) return money(formatOre(exact));
  let total = ZERO;
  for (const { account } of accountsOf(view, year, figure, scope)) total = total.plus(account.total);
  return total;
}

/** The value of any figure, as a Decimal. */
export function figureValue(view: LedgerView, ref: FigureRef): Decimal {
  checkScope(view, ref);
  const { year, figure, scope } = ref;
  if (isBaseFigure(figure)) return baseValue(view, year, figure, scope);
  if (isDerivedFigure(figure)) {
    let total = ZERO;
    for (const [component, sign] of Object.entries(derivedFigures[figure]) as [BaseFigure, 1 | -1][])
      total = total.plus(baseValue(view, year, component, scope).mul(sign));
    return total;
  }
  if (figure === 'requestedOverFrame') return requestedOverFrameParts(view, year).value;
  return availableIfAdoptedParts(view, year).value;
}

/** How far the proposals exceed the frame: requested − frame, never below 0. */
function requestedOverFrameParts(view: LedgerView, year: number) {
  const total: Scope = { kind: 'total' };
  const requested = baseValue(view, year, 'requested', total);
  const frame = figureValue(view, { year, figure: 'frame', scope: total });
  const over = requested.minus(frame);
  return { requested, frame, value: over.isNegative() ? ZERO : over, within: over.isNegative() };
}

/**
 * What the frame would have left if the pending recommendation were granted as
 * recommended: frame − reserved − committed by earlier decisions − the larger of
 * granted and recommended.
 */
function availableIfAdoptedParts(view: LedgerView, year: number) {
  const total: Scope = { kind: 'total' };
  const frame = figureValue(view, { year, figure: 'frame', scope: total });
  const expected = baseValue(view, year, 'expectedReceipt', total);
  const reserved = baseValue(view, year, 'reserved', total);
  const committed = baseValue(view, year, 'committed', total);
  const granted = baseValue(view, year, 'granted', total);
  const recommended = baseValue(view, year, 'recommended', total);
  const decided = granted.greaterThan(recommended) ? granted : recommended;
  return {
    frame,
    expected,
    reserved,
    committed,
    granted,
    recommended,
    decidedFigure: (granted.greaterThan(recommended) ? 'granted' : 'recommended') as Figure,
    value: frame.plus(expected).minus(reserved).minus(committed).minus(decided),
  };
}

const amount = (value: Decimal) => formatAmount(value);

/** The figures of a year's frame, in the frame report's order (projections/figure-table.ts). */
export const frameFigureOrder: Figure[] = figuresIn('frame');

export interface FrameReport {
  year: number;
  closed: boolean;
  figures: Record<string, string>;
}

/** A year's frame: every figure of the year as a decimal string. */
export function frameReport(view: LedgerView, year: number): FrameReport {
  let figures = exactly(() => frameFiguresOre(view, year, frameFigureOrder));
  if (figures === null) {
    figures = {};
    for (const figure of frameFigureOrder) figures[figure] = amount(figureValue(view, { year, figure, scope: { kind: 'total' } }));
  }
  return { year, closed: (view.years.get(year)?.closed ?? null) !== null, figures };
}

/** The figures of each row of the balances, in their order. */
export const balanceFigureOrder: Figure[] = figuresIn('balances');

interface BalanceRow {
  scope: Scope;
  id: string;
  name: string;
  criterion?: string;
  phase?: string;
  /** The day an initiative was dropped or finished, while it stands dropped. */
  droppedOn?: string;
  figures: Record<string, string>;
}

export interface BalancesReport {
  year: number;
  programmeAreas: (BalanceRow & { initiatives: BalanceRow[] })[];
  unassigned: BalanceRow & { proposals: BalanceRow[] };
  total: BalanceRow;
}

/**
 * Per programme area and initiative: the figures of one year, with a group for
 * proposals without a programme area. One pass over the year's accounts, so it stays
 * quick with many initiatives; it equals `figureValue` for every row.
 */
export function balancesReport(view: LedgerView, year: number): BalancesReport {
  return exactly(() => balancesWith(view, year, oreSumming)) ?? balancesWith(view, year, decimalSumming);
}

function balancesWith<T>(view: LedgerView, year: number, summing: Summing<T>): BalancesReport {
  type Sums = Map<string, T>;
  const sums = summing.sumsByScope(view, year);
  const rowFiguresOf = (parts: (Sums | undefined)[]) => summing.rowFigures(parts);
  const initiativesByArea = new Map<string, BalanceRow[]>();
  const areaParts = new Map<string, Sums[]>();
  for (const initiative of view.registry.initiatives.values()) {
    const part = sums.get(`initiative:${initiative.initiativeId}`);
    if (!part) continue;
    let rows = initiativesByArea.get(initiative.programmeAreaId);
    if (!rows) initiativesByArea.set(initiative.programmeAreaId, (rows = []));
    rows.push({
      scope: { kind: 'initiative', initiativeId: initiative.initiativeId },
      id: initiative.initiativeId,
      name: initiative.name,
      criterion: initiative.criterion,
      phase: initiative.phase,
      ...(initiative.droppedOn ? { droppedOn: initiative.droppedOn } : {}),
      figures: rowFiguresOf([part]),
    });
    let parts = areaParts.get(initiative.programmeAreaId);
    if (!parts) areaParts.set(initiative.programmeAreaId, (parts = []));
    parts.push(part);
  }
  const programmeAreas = [...view.registry.programmeAreas.values()].map((area) => ({
    scope: { kind: 'programme-area' as const, programmeAreaId: area.programmeAreaId },
    id: area.programmeAreaId,
    name: area.name,
    figures: rowFiguresOf(areaParts.get(area.programmeAreaId) ?? []),
    initiatives: initiativesByArea.get(area.programmeAreaId) ?? [],
  }));
  const proposalParts: Sums[] = [];
  const proposals: BalanceRow[] = [];
  for (const [scopeText, part] of sums) {
    if (!scopeText.startsWith('proposal:')) continue;
    proposalParts.push(part);
    const proposalId = scopeText.slice('proposal:'.length);
    // A proposal registered as an initiative is shown under that initiative.
    if (view.proposalLinks.has(proposalId)) continue;
    const proposal = view.proposals.get(proposalId);
    const name = proposal && 'newInitiativeName' in proposal.target ? proposal.target.newInitiativeName : proposalId;
    proposals.push({ scope: { kind: 'proposal', proposalId }, id: proposalId, name, figures: rowFiguresOf([part]) });
  }
  const everyScope = [...sums].filter(([scopeText]) => scopeText !== 'year').map(([, part]) => part);
  return {
    year,
    programmeAreas,
    unassigned: {
      scope: { kind: 'unassigned' },
      id: 'unassigned',
      name: 'Uten programområde',
      figures: rowFiguresOf(proposalParts),
      proposals,
    },
    total: { scope: { kind: 'total' }, id: 'total', name: 'Sum', figures: rowFiguresOf(everyScope) },
  };
}

export interface ExplanationRow {
  position: number;
  /** The base figure the posting belongs to, and the sign it carries in this figure. */
  component: BaseFigure;
  sign: 1 | -1;
  /** Where the posting landed: `year`, `initiative:ID` or `proposal:ID`. */
  account: string;
  /** The posting's effect on this figure (sign applied). */
  amount: string;
  runningBalance: string;
}

export interface Explanation {
  ref: FigureRef;
  label: { nb: string; en: string };
  value: string;
  opening: string;
  rows: ExplanationRow[];
  /** For a figure that is not a sum of postings: the figures it is computed from. */
  composition?: { figure: Figure; sign: 1 | -1; value: string }[];
  /** For a figure of a closed year corrected later: each correction, and the figure as corrected (projections/correction-overlay.ts). */
  laterCorrections?: LaterCorrection[];
  valueAsCorrected?: string;
  /** Why the value is not the sum of its composition (a figure that is never below 0). */
  note?: { nb: string; en: string };
}

/**
 * Explains a figure: from an opening balance of 0, every posting that makes it,
 * in log order, with the running balance; the last balance is the figure's value.
 */
export function explainFigure(view: LedgerView, ref: FigureRef): Explanation {
  const value = figureValue(view, ref);
  const label = figureLabels[ref.figure];
  if (ref.figure === 'requestedOverFrame') return requestedOverFrameExplained(view, ref);
  if (ref.figure === 'availableIfRecommendationAdopted') {
    const parts = availableIfAdoptedParts(view, ref.year);
    return {
      ref,
      label,
      value: amount(value),
      opening: '0.00',
      rows: [],
      composition: [
        { figure: 'frame', sign: 1, value: amount(parts.frame) },
        ...(parts.expected.isZero() ? [] : [{ figure: 'expectedReceipt' as Figure, sign: 1 as const, value: amount(parts.expected) }]),
        { figure: 'reserved', sign: -1, value: amount(parts.reserved) },
        ...(parts.committed.isZero() ? [] : [{ figure: 'committed' as Figure, sign: -1 as const, value: amount(parts.committed) }]),
        { figure: parts.decidedFigure, sign: -1, value: amount(parts.decidedFigure === 'granted' ? parts.granted : parts.recommended) },
      ],
    };
  }
  const components: [BaseFigure, 1 | -1][] = isBaseFigure(ref.figure)
    ? [[ref.figure, 1]]
    : (Object.entries(derivedFigures[ref.figure]) as [BaseFigure, 1 | -1][]);
  const postings: { position: number; component: BaseFigure; sign: 1 | -1; account: string; delta: string; order: number }[] = [];
  let order = 0;
  for (const [component, sign] of components)
    for (const { key, account } of accountsOf(view, ref.year, component, ref.scope)) {
      const accountScope = key.slice(0, key.lastIndexOf('|'));
      for (let index = 0; index < account.positions.length; index++)
        postings.push({
          position: account.positions[index]!,
          component,
          sign,
          account: accountScope,
          delta: account.deltas[index]!,
          order: order++,
        });
    }
  postings.sort((a, b) => a.position - b.position || a.order - b.order);
  // Postings are exact two-decimal amounts, so their sums are too: toFixed(2) only writes them out.
  let running = ZERO;
  const rows = postings.map((posting) => {
    const delta = posting.sign === 1 ? money(posting.delta) : money(posting.delta).neg();
    running = running.plus(delta);
    return {
      position: posting.position,
      component: posting.component,
      sign: posting.sign,
      account: posting.account,
      amount: delta.toFixed(2),
      runningBalance: running.toFixed(2),
    };
  });
  return { ref, label, value: amount(value), opening: '0.00', rows, ...correctionOverlay(view, ref, value) };
}

function requestedOverFrameExplained(view: LedgerView, ref: FigureRef): Explanation {
  const parts = requestedOverFrameParts(view, ref.year);
  const within = amount(parts.frame.minus(parts.requested));
  return {
    ref,
    label: figureLabels.requestedOverFrame,
    value: amount(parts.value),
    opening: '0.00',
    rows: [],
    composition: [
      { figure: 'requested', sign: 1, value: amount(parts.requested) },
      { figure: 'frame', sign: -1, value: amount(parts.frame) },
    ],
    ...(parts.within
      ? {
          note: {
            nb: `Innspillene er innenfor rammen (${formatMoney(within)} under), så ingenting er over rammen.`,
            en: `The proposals are within the frame (${formatMoney(within)} below it), so nothing is over it.`,
          },
        }
      : {}),
  };
}
