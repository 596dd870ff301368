import { get, type BalancesReport, type FrameReport, type Registry, type YearEntries } from '../api.js';
import { h } from '../dom.js';
import { todayInOslo } from '../format.js';
import { formatDate } from '../../../shared/format.js';
import { figureLabel, t } from '../i18n/index.js';
import { figuresIn } from '../../../../projections/figures.js';
import { closedYears, correctionPath, type ClosedYears } from '../closed-years.js';
import { badge, caseLink, figureLink, nb, noticeBox, pageHeading, sectionWithId, table, yearTabs, type Ctx } from '../ui.js';
import { decisionItem, grantCard } from './case-money.js';
import { receiptsSection, spendingSection } from './year-money.js';
import { priorYearSection } from './year-prior.js';
import { initiativesSection, settlementSection } from './year-settlement.js';
import { initiativeNameIn, type YearPage } from './year-parts.js';

/**
 * A year's money, entry by entry, for the secretariat to record and correct and for the
 * auditor to read: receipts, grants with an instalment in the year, initiatives' funds,
 * spending, reserve funds, corrections of closed years, and the settlement.
 */

/** `/years`: the latest year the ledger has that has begun. */
export async function yearsView(ctx: Ctx): Promise<Node[]> {
  const { years } = await get<{ years: number[] }>('/api/years', {}, ctx.asOf);
  const thisYear = Number(todayInOslo().slice(0, 4));
  const year = [...years].reverse().find((candidate) => candidate <= thisYear) ?? years[years.length - 1] ?? thisYear;
  ctx.navigate(ctx.href(`/years/${year}`), { replace: true });
  return [];
}

/** The figures the year's summary shows (projections/figure-table.ts). */
const SUMMARY_FIGURES = figuresIn('yearSummary');

function summary(page: YearPage): HTMLElement {
  const { ctx, year, frame } = page;
  return table(
    t('yearSummaryCaption', { year }),
    h('tr', null, h('th', { scope: 'col' }, t('figureColumn')), h('th', { scope: 'col', class: 'num' }, t('amountColumn'))),
    SUMMARY_FIGURES.map((figure) =>
      h(
        'tr',
        { 'data-figure': figure },
        h('th', { scope: 'row' }, figureLabel(figure)),
        h('td', { class: 'num' }, figureLink(ctx, { year, figure, scope: 'total', amount: frame.figures[figure] })),
      ),
    ),
    undefined,
    { className: 'figures-table compact', id: 'year-summary' },
  );
}

function grantsSection(page: YearPage): HTMLElement {
  const { entries } = page;
  const name = (id: string) => initiativeNameIn(page, id);
  return sectionWithId(
    'grants',
    t('yearGrantsHeading', { year: page.year }),
    entries.grants.length === 0
      ? h('p', null, t('noYearGrants'))
      : h(
          'div',
          { class: 'entries' },
          ...entries.grants.map((grant) =>
            grantCard(page.ctx, grant, {
              year: page.year,
              anchor: 'grants',
              writable: page.writable,
              isOpen: page.isOpen,
              name,
              correction: grant.year === page.year ? correctionPath(page, grant.awardEventId, grant.initiativeName) : null,
            }),
          ),
        ),
    page.writable ? noticeBox(t('grantsAreAwardedInCases')) : null,
  );
}

function reserveSection(page: YearPage): HTMLElement {
  const { ctx, entries, year } = page;
  return sectionWithId(
    'reserve-funds',
    t('reserveFundsHeading'),
    h(
      'p',
      null,
      `${figureLabel('reserveBalance')}: `,
      figureLink(ctx, { year, figure: 'reserveBalance', scope: 'total', amount: page.frame.figures.reserveBalance }),
    ),
    entries.reserveFunds.length === 0
      ? h('p', null, t('noReserveFunds'))
      : h(
          'ul',
          { class: 'decisions' },
          ...entries.reserveFunds.map((fund) =>
            h(
              'li',
              { 'data-event': fund.eventId },
              `${formatDate(fund.effectiveDate)}: `,
              nb(fund.name),
              ` – `,
              figureLink(ctx, { year, figure: 'reserved', scope: 'total', amount: fund.amount }),
              ' (',
              caseLink(ctx, fund.authority.caseNumber, fund.authority.pointNumber),
              ')',
            ),
          ),
        ),
    h('p', { class: 'hint' }, t('reserveDrawsHint')),
  );
}

/** The opening balance the year started from, each line with its source and the figures it moved. */
function openingSection(page: YearPage): HTMLElement | null {
  const { ctx, entries } = page;
  if (entries.openingBalance.length === 0) return null;
  const name = (id: string) => initiativeNameIn(page, id);
  return sectionWithId(
    'opening-balance',
    t('openingBalanceHeading'),
    h('ul', { class: 'decisions' }, ...entries.openingBalance.map((decision) => decisionItem(ctx, decision, name))),
  );
}

/** Why a year takes nothing more, and where its errors are corrected instead. */
function closedNotice(page: YearPage, closed: ClosedYears): HTMLElement | null {
  if (!page.ctx.can('write:commands') || !page.ctx.writable || !closed.shut(page.year)) return null;
  if (page.correctIn === null) return noticeBox(t('yearShutByLater', { year: page.year, later: page.year + 1 }), 'info');
  return noticeBox(
    h(
      'span',
      null,
      t('yearClosedCorrectIn', { year: page.year, later: page.correctIn }),
      ' ',
      h('a', { href: page.ctx.href(`/years/${page.correctIn}`) + '#prior-year' }, t('goToCorrections', { year: page.correctIn })),
    ),
    'info',
  );
}

export async function yearView(ctx: Ctx, params: string[]): Promise<Node[]> {
  const year = Number(params[0]);
  const [entries, frame, balances, registry, closed] = await Promise.all([
    get<YearEntries>(`/api/years/${year}/entries`, {}, ctx.asOf),
    get<FrameReport>(`/api/years/${year}/frame`, {}, ctx.asOf),
    get<BalancesReport>(`/api/years/${year}/balances`, {}, ctx.asOf),
    ctx.can('read:registry') ? get<Registry>('/api/registry', {}, ctx.asOf) : Promise.resolve(null),
    closedYears(ctx),
  ]);
  const { years } = closed;
  const earlier = years.filter((candidate) => candidate < year && (candidate === year - 1 || closed.closed.has(candidate)));
  const before = await Promise.all(earlier.map((candidate) => get<YearEntries>(`/api/years/${candidate}/entries`, {}, ctx.asOf)));
  const secretariat = ctx.can('write:commands') && ctx.writable;
  const page: YearPage = {
    ctx,
    year,
    entries,
    frame,
    balances,
    registry,
    years,
    previous: before.find((item) => item.year === year - 1) ?? null,
    closedBefore: before.filter((item) => item.closed !== null),
    writable: secretariat && !closed.shut(year),
    correctIn: secretariat && entries.closed !== null ? closed.firstOpenAfter(year) : null,
    isOpen: (candidate) => !closed.shut(candidate),
  };
  const status = entries.closed
    ? badge('done', t('yearClosedOn', { date: formatDate(entries.closed.effectiveDate) }))
    : badge('pending', t('yearOpen'));
  return [
    ...pageHeading(ctx, t('yearTitle', { year }), t('yearIntro')),
    yearTabs(
      [...new Set([...years, year])].sort((a, b) => a - b),
      year,
      (candidate) => ctx.href(`/years/${candidate}`),
    ),
    h('p', { class: 'lead' }, t('yearStatus', { year, status: '' }), status),
    ctx.can('write:commands') && !ctx.writable ? noticeBox(t('writeHiddenAsOf')) : null,
    closedNotice(page, closed),
    sectionWithId('summary', t('yearSummaryHeading'), summary(page)),
    openingSection(page),
    receiptsSection(page),
    grantsSection(page),
    initiativesSection(page),
    spendingSection(page),
    reserveSection(page),
    priorYearSection(page),
    settlementSection(page),
  ].filter((node): node is HTMLElement => node !== null);
}
