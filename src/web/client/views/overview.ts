import { get, type BalancesReport, type FrameReport } from '../api.js';
import { h } from '../dom.js';
import { checkboxGroup } from '../fields.js';
import { todayInOslo } from '../format.js';
import { button } from '../forms.js';
import { figureLabel, t } from '../i18n/index.js';
import { figuresIn, isSumFigure } from '../../../../projections/figures.js';
import { labelCells } from '../tables.js';
import { badge, figureLink, pageHeading, section, type Ctx } from '../ui.js';
import { setupNotice } from './setup.js';
import { balancesSections } from './overview-balances.js';
import { chart } from './overview-chart.js';
import { overviewDocuments } from './document-links.js';

/** The frame figures shown first, in the order of the case documents; the rest of the year's figures are one click away. */
const MAIN_FIGURES: string[] = figuresIn('overviewFrame');

export interface YearData {
  year: number;
  frame: FrameReport;
  balances: BalancesReport;
}

/** The years to show: those in `?years=`, else this year and the last, else the two latest the ledger has. */
function chosenYears(ctx: Ctx, years: number[]): number[] {
  const asked = (ctx.url.searchParams.get('years') ?? '')
    .split(',')
    .map(Number)
    .filter((year) => years.includes(year));
  if (asked.length > 0) return [...new Set(asked)].sort((a, b) => a - b);
  const thisYear = Number((ctx.asOf && 'date' in ctx.asOf ? ctx.asOf.date : todayInOslo()).slice(0, 4));
  const recent = years.filter((year) => year === thisYear || year === thisYear - 1);
  return recent.length > 0 ? recent : years.slice(-2);
}

export async function overviewView(ctx: Ctx): Promise<Node[]> {
  const { years } = await get<{ years: number[] }>('/api/years', {}, ctx.asOf);
  const chosen = chosenYears(ctx, years);
  const data: YearData[] = await Promise.all(
    chosen.map(async (year) => {
      const [frame, balances] = await Promise.all([
        get<FrameReport>(`/api/years/${year}/frame`, {}, ctx.asOf),
        get<BalancesReport>(`/api/years/${year}/balances`, {}, ctx.asOf),
      ]);
      return { year, frame, balances };
    }),
  );
  const nodes: Node[] = [...pageHeading(ctx, t('overviewTitle'), ctx.can('read:explain') ? t('overviewIntro') : t('overviewIntroReader'))];
  const firstRun = setupNotice(ctx, years.length === 0);
  if (firstRun) nodes.push(firstRun);
  if (years.length === 0) {
    nodes.push(h('p', null, t('noYears')));
    return nodes;
  }
  nodes.push(yearPicker(ctx, years, chosen));
  const more = Object.keys(data[0]!.frame.figures).filter((figure) => !MAIN_FIGURES.includes(figure));
  nodes.push(
    section(
      t('frameHeading'),
      h(
        'div',
        { class: `frame-grid${data.length > 3 ? ' frame-grid-stacked' : ''}` },
        h(
          'div',
          { class: 'frame-figures' },
          frameTable(ctx, data, MAIN_FIGURES, t('frameCaption'), 'frame-table'),
          h(
            'details',
            { class: 'more' },
            h('summary', null, t('moreFigures')),
            frameTable(ctx, data, more, t('moreFigures'), 'more-figures-table'),
          ),
        ),
        chart(data, t('frameCaption')),
      ),
    ),
  );
  nodes.push(...balancesSections(ctx, data));
  nodes.push(...overviewDocuments(ctx, years));
  return nodes;
}

function yearPicker(ctx: Ctx, years: number[], chosen: number[]): HTMLElement {
  const group = checkboxGroup({
    legend: t('yearPickerLegend'),
    name: 'years',
    path: 'years',
    hint: t('yearPickerHint'),
    options: years.map((year) => ({ value: String(year), label: String(year), checked: chosen.includes(year) })),
  });
  const form = h(
    'form',
    { class: 'year-picker', novalidate: true, id: 'year-picker' },
    group.wrapper,
    button(t('yearPickerShow'), { kind: 'secondary' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = group.values();
    if (picked.length === 0) {
      group.setError(t('noYearsChosen'));
      group.control.focus();
      return;
    }
    ctx.navigate(ctx.href('/', { years: picked.join(',') }));
  });
  return form;
}

function yearHeader(item: YearData): HTMLElement {
  return h(
    'th',
    { scope: 'col', class: 'num year-col', 'data-label': `${item.year} (${item.frame.closed ? t('yearClosed') : t('yearOpen')})` },
    h('span', { class: 'year-label' }, String(item.year)),
    h('span', { class: 'year-status' }, item.frame.closed ? badge('done', t('yearClosed')) : badge('pending', t('yearOpen'))),
  );
}

function frameTable(ctx: Ctx, data: YearData[], figures: readonly string[], caption: string, id: string): HTMLElement {
  const element = h(
    'table',
    { class: 'figures-table', id },
    h('caption', { id: `${id}-caption` }, caption),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('figureColumn')), ...data.map(yearHeader))),
    h(
      'tbody',
      null,
      ...figures.map((figure) =>
        h(
          'tr',
          { class: isSumFigure(figure) ? 'sum-row' : '', 'data-figure': figure },
          h('th', { scope: 'row' }, figureLabel(figure)),
          ...data.map((item) =>
            h('td', { class: 'num' }, figureLink(ctx, { year: item.year, figure, scope: 'total', amount: item.frame.figures[figure] })),
          ),
        ),
      ),
    ),
  );
  labelCells(element);
  return h('div', { class: 'table-wrap', 'data-scroll-region': `${id}-caption` }, element);
}
