import type { LedgerEvent, LedgerEventOf } from '../events/catalogue.js';
import { caseEventSchemas } from '../events/case-events.js';
import { money } from '../src/domain/money.js';
import type { LedgerView } from './ledger-view.js';
import { grantDetail, grantPositions, moneyDecision, type GrantDetail, type MoneyDecision } from './money-decisions.js';

/**
 * What a year's stream holds, entry by entry: its receipts and their corrections, the
 * expected receipt, the grants with an instalment in it, the spending reports and their
 * corrections, releases of earmarked funds, reserve funds, corrections of closed years
 * and the settlement. The page records each and shows each correction beside what it
 * corrects.
 */

interface Correction {
  eventId: string;
  position: number;
  effectiveDate: string;
  amountChange: string;
  reason: string;
}

const correctionOf = (event: LedgerEventOf<'ReceiptCorrected'> | LedgerEventOf<'SpendingCorrected'>): Correction => ({
  eventId: event.id,
  position: event.position,
  effectiveDate: event.metadata.effectiveDate,
  amountChange: event.data.amountChange,
  reason: event.data.reason,
});

/** The amount after its corrections, exact. */
const after = (amount: string, corrections: Correction[]) =>
  corrections.reduce((total, correction) => total.plus(money(correction.amountChange)), money(amount)).toFixed(2);

const OPENING_TYPES = new Set<string>(['OpeningBalanceRecorded', 'OpeningInitiativeBalanceRecorded', 'OpeningCommitmentRecorded']);

/** The positions the entries of a year read: the year's events, and each of its grants' award and changes. */
export function yearEntryPositions(view: LedgerView, year: number): number[] {
  const own = view.years.get(year)?.eventPositions ?? [];
  return [...own, ...grantsIn(view, year).flatMap(grantPositions)];
}

function grantsIn(view: LedgerView, year: number) {
  return [...view.grants.values()].filter((grant) => grant.instalments.some((instalment) => instalment.year === year));
}

/** Corrections by the event they correct. */
function correctionsBy(events: LedgerEvent[], type: 'ReceiptCorrected' | 'SpendingCorrected'): Map<string, Correction[]> {
  const byTarget = new Map<string, Correction[]>();
  for (const event of events) {
    if (event.type !== type || !event.metadata.corrects) continue;
    const list = byTarget.get(event.metadata.corrects) ?? [];
    list.push(correctionOf(event));
    byTarget.set(event.metadata.corrects, list);
  }
  return byTarget;
}

/** A grant's amount in a year: its instalment (plan changes applied) and the adjustments of that year. */
function amountThisYear(grant: GrantDetail, year: number): string {
  let amount = money(grant.instalments.find((instalment) => instalment.year === year)?.amount ?? '0');
  for (const change of grant.changes)
    if (change.eventType === 'GrantAdjusted')
      for (const posting of change.postings) if (posting.year === year) amount = amount.plus(money(posting.amount));
  return amount.toFixed(2);
}

function figureOf(grant: GrantDetail, year: number): string {
  if (grant.fundedBy === 'reserve-fund') return 'grantedFromReserve';
  return grant.year === year ? 'granted' : 'committed';
}

/**
 * Events that concern a year without moving its money: the steps of its cases (every case
 * event, from the case's own catalogue, so a new one is never taken for a money change).
 */
const CASE_STEPS: ReadonlySet<string> = new Set(Object.keys(caseEventSchemas));

/**
 * The latest day anything that moves the year's money took effect: what a settlement may
 * not be dated before (the settlement rule, src/domain/settlement-date.ts, which the page
 * checks a settlement date by).
 */
function lastChangeOf(own: LedgerEvent[], year: number): string | null {
  let latest: string | null = null;
  for (const event of own) {
    if (CASE_STEPS.has(event.type)) continue;
    if (event.type === 'PriorYearAdjustmentRecorded' && event.data.year !== year) continue;
    const on = event.metadata.effectiveDate;
    if (latest === null || on > latest) latest = on;
  }
  return latest;
}

export function yearEntries(view: LedgerView, year: number, events: ReadonlyMap<number, LedgerEvent>) {
  const own = (view.years.get(year)?.eventPositions ?? []).map((position) => events.get(position)!).filter(Boolean);
  const ofType = <T extends LedgerEvent['type']>(type: T) =>
    own.filter((event): event is LedgerEventOf<T> => event.type === type && (event.data as { year?: number }).year === year);
  const receiptCorrections = correctionsBy(own, 'ReceiptCorrected');
  const spendingCorrections = correctionsBy(own, 'SpendingCorrected');
  const initiativeName = (id: string) => view.registry.initiatives.get(id)?.name ?? id;
  const closing = ofType('YearClosed')[0];
  return {
    year,
    closed: closing ? { position: closing.position, effectiveDate: closing.metadata.effectiveDate } : null,
    lastChangeOn: lastChangeOf(own, year),
    receipts: ofType('FundsReceived').map((event) => {
      const corrections = receiptCorrections.get(event.id) ?? [];
      const { receivedOn, reference, amount } = event.data;
      const base = { eventId: event.id, position: event.position, effectiveDate: event.metadata.effectiveDate };
      return { ...base, receivedOn, reference, amount, amountNow: after(amount, corrections), corrections };
    }),
    expectedReceipts: ofType('ExpectedReceiptRecorded').map((event) => ({
      eventId: event.id,
      position: event.position,
      effectiveDate: event.metadata.effectiveDate,
      amount: event.data.amount,
      reason: event.data.reason ?? null,
    })),
    grants: grantsIn(view, year).map((grant) => {
      const detail = grantDetail(view, grant, events);
      return { ...detail, amountThisYear: amountThisYear(detail, year), figure: figureOf(detail, year) };
    }),
    spending: ofType('SpendingReported').map((event) => {
      const corrections = spendingCorrections.get(event.id) ?? [];
      const { initiativeId, reference, amount } = event.data;
      const base = { eventId: event.id, position: event.position, effectiveDate: event.metadata.effectiveDate };
      return {
        ...base,
        initiativeId,
        initiativeName: initiativeName(initiativeId),
        reference,
        amount,
        amountNow: after(amount, corrections),
        corrections,
      };
    }),
    earmarkReleases: ofType('EarmarkedFundsReleased').map((event): MoneyDecision => moneyDecision(event, view)),
    /** The opening balance the year started from, line by line, when the ledger was taken into use in it. */
    openingBalance: own
      .filter((event) => OPENING_TYPES.has(event.type) && (event.data as { year?: number }).year === year)
      .map((event): MoneyDecision => moneyDecision(event, view)),
    reserveFunds: ofType('ReserveFundEstablished').map((event) => ({
      eventId: event.id,
      position: event.position,
      effectiveDate: event.metadata.effectiveDate,
      name: event.data.name,
      amount: event.data.amount,
      authority: event.data.authority,
      alternativeNumber: event.data.alternativeNumber,
    })),
    ...correctionsOfClosedYears(ofType('PriorYearAdjustmentRecorded'), ofType('ClosedYearCorrected'), initiativeName),
  };
}

/** The corrections of closed years recorded in the year: each correction, and the adjustments it derived. */
function correctionsOfClosedYears(
  adjustments: LedgerEventOf<'PriorYearAdjustmentRecorded'>[],
  corrections: LedgerEventOf<'ClosedYearCorrected'>[],
  initiativeName: (id: string) => string,
) {
  return {
    priorYearAdjustments: adjustments.map((event) => ({
      eventId: event.id,
      position: event.position,
      effectiveDate: event.metadata.effectiveDate,
      correctedYear: event.data.correctedYear,
      target: event.data.target,
      amountChange: event.data.amountChange,
      reason: event.data.reason,
      authority: event.data.authority ?? null,
      corrects: event.metadata.corrects ?? null,
    })),
    closedYearCorrections: corrections.map((event) => ({
      eventId: event.id,
      position: event.position,
      effectiveDate: event.metadata.effectiveDate,
      correctedYear: event.data.correctedYear,
      correctedEventId: event.data.correctedEventId,
      kind: event.data.subject.kind,
      initiativeName: 'initiativeId' in event.data.subject ? initiativeName(event.data.subject.initiativeId) : null,
      changes: event.data.changes,
      authority: event.data.authority ?? null,
      reference: event.data.reference ?? null,
      reason: event.data.reason,
    })),
  };
}
