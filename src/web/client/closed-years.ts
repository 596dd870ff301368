import { get, type FrameReport } from './api.js';
import { h } from './dom.js';
import { t } from './i18n/index.js';
import { visuallyHidden, type Ctx } from './ui.js';

/**
 * Which years the ledger has settled and closed, from each year's frame: a closed year
 * takes nothing more (nor does one before a closed year), and its errors are corrected
 * in the first open year after it (korreksjon av tidligere år).
 */
export interface ClosedYears {
  years: number[];
  closed: Set<number>;
  /** Whether nothing more can be recorded in the year: it, or a later year, is closed (years settle in order). */
  shut(year: number): boolean;
  /** The year a correction of `year` is recorded in: the first open year after it. */
  firstOpenAfter(year: number): number;
}

export async function closedYears(ctx: Ctx): Promise<ClosedYears> {
  const { years } = await get<{ years: number[] }>('/api/years', {}, ctx.asOf);
  const frames = await Promise.all(years.map((year) => get<FrameReport>(`/api/years/${year}/frame`, {}, ctx.asOf)));
  const closed = new Set(frames.filter((frame) => frame.closed).map((frame) => frame.year));
  return {
    years,
    closed,
    shut: (year) => closed.has(year) || closed.has(year + 1),
    firstOpenAfter(year) {
      let candidate = year + 1;
      while (closed.has(candidate)) candidate += 1;
      return candidate;
    },
  };
}

/** The way to correct an entry of a closed year: a correction of an earlier year, recorded in the first open year. */
export function correctionPath(page: { ctx: Ctx; correctIn: number | null }, eventId: string, what: string): HTMLElement | null {
  if (page.correctIn === null) return null;
  return h(
    'a',
    { class: 'correction-path', href: page.ctx.href(`/years/${page.correctIn}`, { corrects: eventId }) + '#prior-year-form' },
    t('correctInLater', { year: page.correctIn }),
    visuallyHidden(`: ${what}`),
  );
}
