import type { BalanceRow } from '../api.js';
import { h, svg } from '../dom.js';
import { drawingMax, isZeroAmount, ratioOf } from '../format.js';
import { figureLabel, t } from '../i18n/index.js';
import { figureList } from '../../../../projections/figures.js';
import { figureLink, nb, section, table, type Ctx } from '../ui.js';
import type { YearData } from './overview.js';

/**
 * The programme areas and initiatives: the latest chosen year in full (a column per
 * figure that is not zero for the year, and bars of recommended and granted), and what
 * was granted to each in every chosen year. Two tables, so six years still fit the page.
 */

const BALANCE_CANDIDATES = figureList('overviewBalances');

interface Line {
  key: string;
  kind: 'area' | 'initiative' | 'proposal';
  name: string;
  rows: Map<number, BalanceRow>;
}

/** One line per programme area, initiative and new proposal across the years, grouped by area. */
function linesOf(data: YearData[]): { area: Line; lines: Line[] }[] {
  const groups = new Map<string, { area: Line; lines: Line[] }>();
  const unassigned = {
    area: { key: 'unassigned', kind: 'area' as const, name: t('unassignedGroup'), rows: new Map() },
    lines: [] as Line[],
  };
  const lineIn = (lines: Line[], key: string, kind: Line['kind'], name: string) => {
    let line = lines.find((candidate) => candidate.key === key);
    if (!line) lines.push((line = { key, kind, name, rows: new Map() }));
    return line;
  };
  for (const item of data) {
    for (const area of item.balances.programmeAreas) {
      let group = groups.get(area.id);
      if (!group)
        groups.set(
          area.id,
          (group = { area: { key: `programme-area:${area.id}`, kind: 'area', name: area.name, rows: new Map() }, lines: [] }),
        );
      group.area.rows.set(item.year, area);
      for (const initiative of area.initiatives)
        lineIn(group.lines, `initiative:${initiative.id}`, 'initiative', initiative.name).rows.set(item.year, initiative);
    }
    unassigned.area.rows.set(item.year, item.balances.unassigned);
    for (const proposal of item.balances.unassigned.proposals)
      lineIn(unassigned.lines, `proposal:${proposal.id}`, 'proposal', proposal.name).rows.set(item.year, proposal);
  }
  return [...groups.values(), ...(unassigned.lines.length > 0 ? [unassigned] : [])];
}

function nameCell(line: Line): HTMLElement {
  return h(
    'th',
    { scope: 'row', class: line.kind === 'area' ? 'group-name' : 'item-name' },
    nb(line.name),
    line.kind === 'proposal' ? h('span', { class: 'tag' }, ` ${t('newInitiative')}`) : null,
  );
}

function cell(ctx: Ctx, line: Line, year: number, figure: string): HTMLElement {
  const row = line.rows.get(year);
  return h(
    'td',
    { class: 'num' },
    row
      ? figureLink(ctx, { year, figure, scope: row.scope, amount: row.figures[figure], name: line.name })
      : h('span', { class: 'muted' }, '–'),
  );
}

function bars(line: Line, year: number, max: number): HTMLElement {
  const row = line.rows.get(year);
  return h(
    'td',
    { class: 'bar-cell', 'aria-hidden': 'true' },
    svg(
      'svg',
      { class: 'mini-bars', width: '100%', height: '22', focusable: 'false' },
      svg('rect', {
        x: '0',
        y: '2',
        width: `${(ratioOf(row?.figures.recommended, max) * 100).toFixed(2)}%`,
        height: '8',
        class: 'mini-recommended',
      }),
      svg('rect', {
        x: '0',
        y: '12',
        width: `${(ratioOf(row?.figures.granted, max) * 100).toFixed(2)}%`,
        height: '8',
        class: 'mini-granted',
      }),
    ),
  );
}

/** The partnership's total, a line of every year's balances. */
function totalLine(data: YearData[]): Line {
  return { key: 'total', kind: 'area', name: t('totalRow'), rows: new Map(data.map((item) => [item.year, item.balances.total])) };
}

function focusYearTable(ctx: Ctx, data: YearData[], groups: { area: Line; lines: Line[] }[]): HTMLElement {
  const latest = data[data.length - 1]!;
  const year = latest.year;
  const figures = BALANCE_CANDIDATES.filter(
    ({ figure, unlessZero }) => !unlessZero || !isZeroAmount(latest.balances.total.figures[figure]),
  ).map(({ figure }) => figure);
  const all = groups.flatMap((group) => [group.area, ...group.lines]);
  const max = drawingMax(all.flatMap((line) => [line.rows.get(year)?.figures.recommended, line.rows.get(year)?.figures.granted]));
  const total = totalLine(data);
  const row = (line: Line, className: string) =>
    h(
      'tr',
      { class: className, 'data-scope': line.key },
      nameCell(line),
      ...figures.map((figure) => cell(ctx, line, year, figure)),
      bars(line, year, max),
    );
  return table(
    `${t('balancesCaption')} ${t('barLegend')}`,
    h(
      'tr',
      null,
      h('th', { scope: 'col' }, t('nameColumn')),
      ...figures.map((figure) => h('th', { scope: 'col', class: 'num' }, figureLabel(figure))),
      h('th', { scope: 'col', class: 'bar-head' }, t('barColumn', { year })),
    ),
    groups.flatMap((group) => [row(group.area, 'area-row'), ...group.lines.map((line) => row(line, 'item-row'))]),
    row(total, 'total-row'),
    { className: 'balances-table', id: 'balances-table' },
  );
}

function grantedPerYearTable(ctx: Ctx, data: YearData[], groups: { area: Line; lines: Line[] }[]): HTMLElement {
  const total = totalLine(data);
  const row = (line: Line, className: string) =>
    h('tr', { class: className, 'data-scope': line.key }, nameCell(line), ...data.map((item) => cell(ctx, line, item.year, 'granted')));
  return table(
    t('grantedPerYearCaption'),
    h(
      'tr',
      null,
      h('th', { scope: 'col' }, t('nameColumn')),
      ...data.map((item) => h('th', { scope: 'col', class: 'num' }, String(item.year))),
    ),
    groups.flatMap((group) => [row(group.area, 'area-row'), ...group.lines.map((line) => row(line, 'item-row'))]),
    row(total, 'total-row'),
    { className: 'balances-table granted-per-year', id: 'granted-per-year-table' },
  );
}

export function balancesSections(ctx: Ctx, data: YearData[]): HTMLElement[] {
  const groups = linesOf(data);
  const latest = data[data.length - 1]!.year;
  const sections = [section(t('focusYearHeading', { year: latest }), focusYearTable(ctx, data, groups))];
  if (data.length > 1) sections.push(section(t('grantedPerYearHeading'), grantedPerYearTable(ctx, data, groups)));
  return sections;
}
