import type { BalancesReport, FrameReport, Registry, YearEntries } from '../api.js';
import type { Ctx } from '../ui.js';

/** What the sections of a year's page share (the page itself is year.ts, which puts the sections together). */

export interface YearPage {
  ctx: Ctx;
  year: number;
  entries: YearEntries;
  frame: FrameReport;
  balances: BalancesReport;
  registry: Registry | null;
  years: number[];
  /** The year before, when the ledger has it (the settlement is dated after its settlement). */
  previous: YearEntries | null;
  /** Every closed year before this one: a correction recorded here names one of their entries. */
  closedBefore: YearEntries[];
  /** May this account record here now? Not in a closed year, nor in one before a closed year. */
  writable: boolean;
  /** For a closed year, where the secretariat corrects its entries: the first open year after it (null otherwise). */
  correctIn: number | null;
  /** Whether a year can still take a change (it and the year after are open). */
  isOpen: (year: number) => boolean;
}

export function initiativeNameIn(page: YearPage, id: string): string {
  return page.registry?.initiatives.find((item) => item.initiativeId === id)?.name ?? id;
}
