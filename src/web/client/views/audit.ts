import { get, scopeOfAccount, type BalancesReport, type Registry, type TrailRow } from '../api.js';
import { h } from '../dom.js';
import { field, type Field } from '../fields.js';
import { formatDate, formatTimestamp } from '../../../shared/format.js';
import { eventTypeLabel, figureLabel, lang, t, words } from '../i18n/index.js';
import { badge, caseLink, figureLink, money, nb, pageHeading, section, table, yearTabs, type Ctx } from '../ui.js';

/** Names of the accounts postings land on: the year, an initiative, or a proposal of a new initiative. */
export interface AccountNames {
  registry: Registry | null;
  proposals: Map<string, string>;
}

export async function accountNames(ctx: Ctx, year: number): Promise<AccountNames> {
  const [registry, balances] = await Promise.all([
    ctx.can('read:registry') ? get<Registry>('/api/registry', {}, ctx.asOf) : Promise.resolve(null),
    get<BalancesReport>(`/api/years/${year}/balances`, {}, ctx.asOf).catch(() => null),
  ]);
  const proposals = new Map<string, string>();
  for (const proposal of balances?.unassigned.proposals ?? []) proposals.set(proposal.id, proposal.name);
  return { registry, proposals };
}

export function accountName(names: AccountNames, account: string): string {
  if (account === 'year' || account === 'total') return t('yearAccount');
  if (account === 'unassigned') return t('scopeUnassigned');
  const [kind, id = ''] = account.split(/:(.*)/s);
  if (kind === 'initiative') return names.registry?.initiatives.find((item) => item.initiativeId === id)?.name ?? id;
  if (kind === 'programme-area') return names.registry?.programmeAreas.find((item) => item.programmeAreaId === id)?.name ?? id;
  if (kind === 'proposal') return names.proposals.get(id) ?? id;
  return account;
}

/** A correction, as a link to the row of what it corrects, naming it. */
function correctsLink(ctx: Ctx, row: { corrects: string | null; correctsEvent: TrailRow['correctsEvent'] }): HTMLElement | null {
  if (row.corrects === null) return null;
  if (!row.correctsEvent) return badge('muted', t('correctsUnknown'));
  const target = row.correctsEvent;
  const what = `${eventTypeLabel(target.eventType)} – ${words(target.description)} (${t('positionColumn').toLowerCase()} ${target.position})`;
  return h(
    'a',
    {
      class: 'corrects-link',
      href: `${ctx.href('/audit', { year: target.year })}#event-${target.position}`,
      'data-corrects': target.eventId,
    },
    h('span', { 'aria-hidden': 'true' }, '↺ '),
    t('correctsLink', { what }),
  );
}

export function eventCell(ctx: Ctx, row: TrailRow | (Omit<TrailRow, 'postings' | 'availableAfter'> & object)): HTMLElement {
  const flags = [
    row.backdated ? badge('info', t('backdated')) : null,
    row.recordedAfterAsOf ? badge('warning', t('recordedAfterAsOf')) : null,
  ].filter((flag) => flag !== null);
  return h(
    'td',
    { class: 'event-cell' },
    h('span', { class: 'event-type' }, eventTypeLabel(row.eventType)),
    h('span', { class: 'event-text' }, words(row.description)),
    h('span', { class: 'sub' }, `${t('actorColumn')}: ${row.actor}`),
    flags.length > 0 ? h('span', { class: 'flags' }, ...flags) : null,
    correctsLink(ctx, row),
  );
}

function postingsCell(ctx: Ctx, names: AccountNames, year: number, row: TrailRow): HTMLElement {
  if (row.postings.length === 0) return h('td', { class: 'postings' }, h('span', { class: 'muted' }, t('noPostings')));
  const atPosition = { position: row.position };
  return h(
    'td',
    { class: 'postings' },
    h(
      'ul',
      null,
      ...row.postings.map((posting) => {
        const account = accountName(names, posting.account);
        const link = figureLink(ctx, {
          year,
          figure: posting.figure,
          scope: scopeOfAccount(posting.account),
          amount: posting.amount,
          signed: true,
          name: account,
          asOf: atPosition,
        });
        return h(
          'li',
          null,
          h('span', { class: 'posting-label' }, `${figureLabel(posting.figure)} · `, nb(account)),
          ' ',
          link,
          h('span', { class: 'balance-after' }, ` → ${money(posting.balanceAfter)}`),
        );
      }),
    ),
  );
}

function trailRow(ctx: Ctx, names: AccountNames, year: number, row: TrailRow): HTMLElement {
  return h(
    'tr',
    { 'data-type': row.eventType, 'data-case': row.caseNumber ?? '', 'data-position': row.position, id: `event-${row.position}` },
    h('td', { class: 'num' }, String(row.position)),
    h(
      'td',
      { class: 'nowrap' },
      formatDate(row.effectiveDate),
      h('span', { class: 'sub' }, `${t('recordedColumn')} ${formatTimestamp(row.recordedAt, lang())}`),
    ),
    eventCell(ctx, row),
    h('td', null, row.caseNumber ? caseLink(ctx, row.caseNumber) : h('span', { class: 'muted' }, '–')),
    postingsCell(ctx, names, year, row),
    h(
      'td',
      { class: 'num' },
      figureLink(ctx, { year, figure: 'available', scope: 'total', amount: row.availableAfter, asOf: { position: row.position } }),
    ),
  );
}

function searchText(names: AccountNames, row: TrailRow): string {
  return [
    row.description.nb,
    row.description.en,
    row.eventType,
    eventTypeLabel(row.eventType),
    row.caseNumber ?? '',
    row.actor,
    String(row.position),
    ...row.postings.map((posting) => `${accountName(names, posting.account)} ${figureLabel(posting.figure)}`),
  ]
    .join(' ')
    .toLowerCase();
}

interface Filters {
  form: HTMLElement;
  text: Field;
  type: Field;
  caseNumber: Field;
  count: HTMLElement;
}

/** Filters by text, event type and case number; kept in the URL. */
function filters(ctx: Ctx, rows: TrailRow[]): Filters {
  const params = ctx.url.searchParams;
  const types = [...new Set(rows.map((row) => row.eventType))].sort((a, b) => eventTypeLabel(a).localeCompare(eventTypeLabel(b), lang()));
  const cases = [...new Set(rows.map((row) => row.caseNumber).filter((value): value is string => value !== null))].sort();
  const text = field({ label: t('filterText'), name: 'q', value: params.get('q') ?? '', type: 'search', className: 'field-grow' });
  const type = field({
    label: t('filterType'),
    name: 'type',
    options: [{ value: '', label: t('filterAll') }, ...types.map((value) => ({ value, label: eventTypeLabel(value) }))],
    value: params.get('type') ?? '',
  });
  const caseNumber = field({
    label: t('filterCase'),
    name: 'case',
    options: [{ value: '', label: t('filterAll') }, ...cases.map((value) => ({ value, label: value }))],
    value: params.get('case') ?? '',
  });
  if (!types.includes(type.control.value)) type.control.value = '';
  if (!cases.includes(caseNumber.control.value)) caseNumber.control.value = '';
  const count = h('p', { class: 'filter-count', role: 'status', 'aria-live': 'polite', id: 'filter-count' });
  const reset = h('button', { type: 'reset', class: 'button button-secondary' }, t('filterReset'));
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('filterLegend') },
    h(
      'fieldset',
      null,
      h('legend', null, t('filterLegend')),
      h('div', { class: 'field-row' }, text.wrapper, type.wrapper, caseNumber.wrapper, h('div', { class: 'filter-actions' }, reset)),
    ),
    count,
  );
  return { form, text, type, caseNumber, count };
}

function applyFilters(year: number, filter: Filters, rows: { row: TrailRow; element: HTMLElement; haystack: string }[]): void {
  const query = filter.text.value().toLowerCase();
  let shown = 0;
  for (const entry of rows) {
    const visible =
      (query === '' || entry.haystack.includes(query)) &&
      (filter.type.control.value === '' || entry.row.eventType === filter.type.control.value) &&
      (filter.caseNumber.control.value === '' || entry.row.caseNumber === filter.caseNumber.control.value);
    entry.element.hidden = !visible;
    if (visible) shown += 1;
  }
  filter.count.textContent = t('filterCount', { shown, total: rows.length });
  const next = new URL(location.href);
  for (const [name, value] of [
    ['q', filter.text.value()],
    ['type', filter.type.control.value],
    ['case', filter.caseNumber.control.value],
  ] as const) {
    if (value === '') next.searchParams.delete(name);
    else next.searchParams.set(name, value);
  }
  next.searchParams.set('year', String(year));
  history.replaceState(null, '', next.pathname + next.search + next.hash);
}

function exportSection(): HTMLElement {
  return section(
    t('exportHeading'),
    h('p', null, t('exportText')),
    h(
      'p',
      null,
      h(
        'a',
        { href: '/api/export', download: '', class: 'button button-secondary', id: 'export-link' },
        h('span', { 'aria-hidden': 'true' }, '⤓ '),
        t('exportLink'),
      ),
    ),
  );
}

export async function auditView(ctx: Ctx): Promise<Node[]> {
  const { years } = await get<{ years: number[] }>('/api/years', {}, ctx.asOf);
  const requested = Number(ctx.url.searchParams.get('year'));
  const year = years.includes(requested) ? requested : (years[years.length - 1] ?? new Date().getFullYear());
  const [trail, names] = await Promise.all([
    get<{ year: number; rows: TrailRow[] }>(`/api/years/${year}/trail`, {}, ctx.asOf),
    accountNames(ctx, year),
  ]);
  const tabs = yearTabs(years, year, (candidate) => ctx.href('/audit', { year: candidate }));
  const filter = filters(ctx, trail.rows);
  const rows = trail.rows.map((row) => ({ row, element: trailRow(ctx, names, year, row), haystack: searchText(names, row) }));
  const apply = () => applyFilters(year, filter, rows);
  filter.form.addEventListener('input', apply);
  filter.form.addEventListener('change', apply);
  filter.form.addEventListener('submit', (event) => event.preventDefault());
  filter.form.addEventListener('reset', () => setTimeout(apply, 0));
  const head = h(
    'tr',
    null,
    ...[t('positionColumn'), t('effectiveColumn'), t('eventColumn'), t('caseColumn'), t('postingsColumn'), t('availableAfterColumn')].map(
      (text, index) => h('th', { scope: 'col', class: index === 0 || index === 5 ? 'num' : '' }, text),
    ),
  );
  const trailTable = table(
    t('trailCaption', { year }),
    head,
    rows.map((entry) => entry.element),
    undefined,
    { className: 'trail-table', id: 'trail-table' },
  );
  apply();
  return [
    ...pageHeading(ctx, `${t('auditTitle')} ${year}`, t('auditIntro')),
    h('p', null, h('a', { href: ctx.href('/documents/check'), class: 'check-link' }, `${t('checkLink')} →`)),
    tabs,
    section(t('eventsHeading'), filter.form, rows.length === 0 ? h('p', null, t('noTrail')) : trailTable),
    ...(ctx.can('read:export') ? [exportSection()] : []),
  ];
}
