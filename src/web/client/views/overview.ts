import { get, type BalanceRow, type BalancesReport, type FrameReport } from '../api.js';
import { h, svg, uid } from '../dom.js';
import { drawingMax, isZeroAmount, ratioOf } from '../format.js';
import { figureLabel, t } from '../i18n.js';
import { badge, figureLink, money, pageHeading, section, type Ctx } from '../ui.js';
import { overviewDocuments } from './document-links.js';

/** The frame figures of the overview, in the order of the case documents. */
const MAIN_FIGURES = [
  'received',
  'remainderCarriedIn',
  'releasedCarriedIn',
  'frame',
  'requested',
  'recommended',
  'granted',
  'reserved',
  'available',
  'availableIfRecommendationAdopted',
] as const;
const SUM_FIGURES = new Set(['frame', 'available', 'availableIfRecommendationAdopted']);
const MORE_FIGURES = [
  'requestedOverFrame',
  'reserveCarriedIn',
  'earmarkedCarriedIn',
  'released',
  'spent',
  'remainderCarriedOut',
  'releasedCarriedOut',
  'earmarkedCarriedOut',
  'reserveCarriedOut',
] as const;
const CHART_FIGURES = ['frame', 'requested', 'recommended', 'granted', 'reserved', 'available'] as const;
const BALANCE_CANDIDATES = ['requested', 'recommended', 'granted', 'released', 'spent', 'earmarkedCarriedOut'] as const;

interface YearData {
  year: number;
  frame: FrameReport;
  balances: BalancesReport;
}

export async function overviewView(ctx: Ctx): Promise<Node[]> {
  const { years } = await get<{ years: number[] }>('/api/years', {}, ctx.asOf);
  const data: YearData[] = await Promise.all(
    years.map(async (year) => {
      const [frame, balances] = await Promise.all([
        get<FrameReport>(`/api/years/${year}/frame`, {}, ctx.asOf),
        get<BalancesReport>(`/api/years/${year}/balances`, {}, ctx.asOf),
      ]);
      return { year, frame, balances };
    }),
  );
  const nodes: Node[] = [...pageHeading(ctx, t('overviewTitle'), ctx.can('read:explain') ? t('overviewIntro') : t('overviewIntroReader'))];
  if (data.length === 0) {
    nodes.push(h('p', null, t('noYears')));
    return nodes;
  }
  nodes.push(
    section(
      t('frameHeading'),
      h(
        'div',
        { class: 'frame-grid' },
        h('div', { class: 'frame-figures' }, frameTable(ctx, data, MAIN_FIGURES, t('frameCaption')), moreFigures(ctx, data)),
        chart(data),
      ),
    ),
  );
  nodes.push(section(t('balancesHeading'), balancesTable(ctx, data)));
  nodes.push(...overviewDocuments(ctx, years));
  return nodes;
}

function yearHeader(item: YearData): HTMLElement {
  return h(
    'th',
    { scope: 'col', class: 'num year-col' },
    h('span', { class: 'year-label' }, String(item.year)),
    h('span', { class: 'year-status' }, item.frame.closed ? badge('done', t('yearClosed')) : badge('pending', t('yearOpen'))),
  );
}

function frameTable(ctx: Ctx, data: YearData[], figures: readonly string[], caption: string, id?: string): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: 'figures-table', id: id ?? 'frame-table' },
      h('caption', null, caption),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('figureColumn')), ...data.map(yearHeader))),
      h(
        'tbody',
        null,
        ...figures.map((figure) =>
          h(
            'tr',
            { class: SUM_FIGURES.has(figure) ? 'sum-row' : '', 'data-figure': figure },
            h('th', { scope: 'row' }, figureLabel(figure)),
            ...data.map((item) =>
              h('td', { class: 'num' }, figureLink(ctx, { year: item.year, figure, scope: 'total', amount: item.frame.figures[figure] })),
            ),
          ),
        ),
      ),
    ),
  );
}

function moreFigures(ctx: Ctx, data: YearData[]): HTMLElement {
  return h(
    'details',
    { class: 'more' },
    h('summary', null, t('moreFigures')),
    frameTable(ctx, data, MORE_FIGURES, t('moreFigures'), 'more-figures-table'),
  );
}

/**
 * A horizontal bar chart: per figure one bar per year, on one scale. Every bar
 * carries its year and its amount as text, so nothing depends on colour.
 */
function chart(data: YearData[]): HTMLElement {
  const max = drawingMax(data.flatMap((item) => CHART_FIGURES.map((figure) => item.frame.figures[figure])));
  const labelWidth = 178;
  const yearWidth = 46;
  const barSpace = 270;
  const valueWidth = 118;
  const barHeight = 15;
  const barGap = 3;
  const groupGap = 13;
  const top = 4;
  const groupHeight = data.length * (barHeight + barGap) - barGap;
  const width = labelWidth + yearWidth + barSpace + valueWidth;
  const height = top + CHART_FIGURES.length * (groupHeight + groupGap);
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const description = data
    .map(
      (item) => `${item.year}: ${CHART_FIGURES.map((figure) => `${figureLabel(figure)} ${money(item.frame.figures[figure])}`).join(', ')}`,
    )
    .join('. ');
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', { class: 'chart-caption' }, t('chartHeading')),
    svg(
      'svg',
      {
        viewBox: `0 0 ${width} ${height}`,
        width: String(width),
        height: String(height),
        role: 'img',
        'aria-labelledby': `${titleId} ${descId}`,
        class: 'bar-chart',
      },
      svg('title', { id: titleId }, t('chartTitle')),
      svg('desc', { id: descId }, `${description}. ${t('chartDesc')}`),
      ...CHART_FIGURES.map((figure, index) => {
        const y0 = top + index * (groupHeight + groupGap);
        return svg(
          'g',
          { class: `bar bar-${figure}` },
          svg('text', { x: labelWidth - 10, y: y0 + groupHeight / 2 + 5, 'text-anchor': 'end', class: 'bar-label' }, figureLabel(figure)),
          svg('line', { x1: labelWidth + yearWidth, y1: y0 - 2, x2: labelWidth + yearWidth, y2: y0 + groupHeight + 2, class: 'axis' }),
          ...data.map((item, yearIndex) => {
            const amount = item.frame.figures[figure];
            const y = y0 + yearIndex * (barHeight + barGap);
            const barWidth = Math.max(ratioOf(amount, max) * barSpace, isZeroAmount(amount) ? 0 : 2);
            const latest = yearIndex === data.length - 1;
            return svg(
              'g',
              { class: `bar-year-${item.year}` },
              svg(
                'text',
                { x: labelWidth + yearWidth - 6, y: y + barHeight - 3, 'text-anchor': 'end', class: 'bar-year' },
                String(item.year),
              ),
              svg('rect', {
                x: labelWidth + yearWidth,
                y,
                width: barWidth.toFixed(1),
                height: barHeight,
                class: latest ? 'bar-latest' : 'bar-earlier',
              }),
              svg('text', { x: labelWidth + yearWidth + barWidth + 6, y: y + barHeight - 3, class: 'bar-value' }, money(amount)),
            );
          }),
        );
      }),
    ),
  );
}

interface Line {
  key: string;
  kind: 'area' | 'initiative' | 'proposal' | 'unassigned';
  name: string;
  scopes: Map<number, BalanceRow>;
}

function balancesTable(ctx: Ctx, data: YearData[]): HTMLElement {
  // One line per programme area and initiative across the years.
  const groups: { area: Line; lines: Line[] }[] = [];
  const areaIndex = new Map<string, { area: Line; lines: Line[] }>();
  const unassigned: { area: Line; lines: Line[] } = {
    area: { key: 'unassigned', kind: 'unassigned', name: t('unassignedGroup'), scopes: new Map() },
    lines: [],
  };
  for (const item of data) {
    for (const area of item.balances.programmeAreas) {
      let group = areaIndex.get(area.id);
      if (!group) {
        group = { area: { key: `programme-area:${area.id}`, kind: 'area', name: area.name, scopes: new Map() }, lines: [] };
        areaIndex.set(area.id, group);
        groups.push(group);
      }
      group.area.scopes.set(item.year, area);
      for (const initiative of area.initiatives) {
        let line = group.lines.find((candidate) => candidate.key === `initiative:${initiative.id}`);
        if (!line)
          group.lines.push((line = { key: `initiative:${initiative.id}`, kind: 'initiative', name: initiative.name, scopes: new Map() }));
        line.scopes.set(item.year, initiative);
      }
    }
    unassigned.area.scopes.set(item.year, item.balances.unassigned);
    for (const proposal of item.balances.unassigned.proposals) {
      let line = unassigned.lines.find((candidate) => candidate.key === `proposal:${proposal.id}`);
      if (!line)
        unassigned.lines.push((line = { key: `proposal:${proposal.id}`, kind: 'proposal', name: proposal.name, scopes: new Map() }));
      line.scopes.set(item.year, proposal);
    }
  }
  if (unassigned.lines.length > 0) groups.push(unassigned);

  // Per year, the figures that are not zero for the year as a whole (granted always).
  const columns = data.map((item) => ({
    year: item.year,
    figures: BALANCE_CANDIDATES.filter((figure) => figure === 'granted' || !isZeroAmount(item.balances.total.figures[figure])),
  }));
  const latest = data[data.length - 1]!;
  const barMax = drawingMax(
    groups
      .flatMap((group) => [group.area, ...group.lines])
      .flatMap((line) => [line.scopes.get(latest.year)?.figures.recommended, line.scopes.get(latest.year)?.figures.granted]),
  );

  const cells = (line: Line) =>
    columns.flatMap((column) =>
      column.figures.map((figure) => {
        const row = line.scopes.get(column.year);
        const amount = row?.figures[figure];
        return h(
          'td',
          { class: `num${column.figures[0] === figure ? ' year-start' : ''}` },
          row ? figureLink(ctx, { year: column.year, figure, scope: row.scope, amount }) : h('span', { class: 'muted' }, '–'),
        );
      }),
    );
  const bar = (line: Line) => {
    const row = line.scopes.get(latest.year);
    const recommended = ratioOf(row?.figures.recommended, barMax);
    const granted = ratioOf(row?.figures.granted, barMax);
    return h(
      'td',
      { class: 'bar-cell', 'aria-hidden': 'true' },
      svg(
        'svg',
        { class: 'mini-bars', width: '100%', height: '22', focusable: 'false' },
        svg('rect', { x: '0', y: '2', width: `${(recommended * 100).toFixed(2)}%`, height: '8', class: 'mini-recommended' }),
        svg('rect', { x: '0', y: '12', width: `${(granted * 100).toFixed(2)}%`, height: '8', class: 'mini-granted' }),
      ),
    );
  };
  const nameCell = (line: Line) =>
    h(
      'th',
      { scope: 'row', class: line.kind === 'area' || line.kind === 'unassigned' ? 'group-name' : 'item-name' },
      line.name,
      line.kind === 'proposal' ? h('span', { class: 'tag' }, ` ${t('newInitiative')}`) : null,
    );

  const totalLine: Line = {
    key: 'total',
    kind: 'area',
    name: t('totalRow'),
    scopes: new Map(data.map((item) => [item.year, item.balances.total])),
  };
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('balancesCaption') },
    h(
      'table',
      { class: 'balances-table', id: 'balances-table' },
      h('caption', null, t('balancesCaption'), h('span', { class: 'caption-note' }, ` ${t('barLegend')}`)),
      h('colgroup', null, h('col', { class: 'col-name' })),
      ...columns.map((column) => h('colgroup', { span: String(column.figures.length), class: 'col-year' })),
      h('colgroup', null, h('col', { class: 'col-bar' })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('td', { class: 'corner' }),
          ...columns.map((column) =>
            h('th', { scope: 'colgroup', colspan: String(column.figures.length), class: 'year-group' }, String(column.year)),
          ),
          h('td', { class: 'corner' }),
        ),
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('nameColumn')),
          ...columns.flatMap((column) =>
            column.figures.map((figure, index) =>
              h(
                'th',
                { scope: 'col', class: `num${index === 0 ? ' year-start' : ''}` },
                h('span', { class: 'visually-hidden' }, `${column.year} `),
                figureLabel(figure),
              ),
            ),
          ),
          h(
            'th',
            { scope: 'col', class: 'bar-head' },
            t('barColumn', { year: latest.year }),
            h(
              'span',
              { class: 'bar-key' },
              h('span', { class: 'key key-recommended', 'aria-hidden': 'true' }),
              t('barLegendRecommended'),
              ' ',
              h('span', { class: 'key key-granted', 'aria-hidden': 'true' }),
              t('barLegendGranted'),
            ),
          ),
        ),
      ),
      ...groups.map((group) =>
        h(
          'tbody',
          { class: 'area-group' },
          h('tr', { class: 'area-row', 'data-scope': group.area.key }, nameCell(group.area), ...cells(group.area), bar(group.area)),
          ...group.lines.map((line) => h('tr', { class: 'item-row', 'data-scope': line.key }, nameCell(line), ...cells(line), bar(line))),
        ),
      ),
      h('tfoot', null, h('tr', { class: 'total-row' }, h('th', { scope: 'row' }, t('totalRow')), ...cells(totalLine), bar(totalLine))),
    ),
  );
}
