import { get, scopeOfAccount, type BalancesReport, type Registry, type TrailRow } from '../api.js';
import { h, uid } from '../dom.js';
import { formatDate, formatTimestamp } from '../format.js';
import { eventTypeLabel, figureLabel, lang, t, words } from '../i18n.js';
import { badge, caseLink, field, hrefWith, money, pageHeading, section, type Ctx } from '../ui.js';

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

export async function auditView(ctx: Ctx): Promise<Node[]> {
  const { years } = await get<{ years: number[] }>('/api/years', {}, ctx.asOf);
  const params = ctx.url.searchParams;
  const requested = Number(params.get('year'));
  const year = years.includes(requested) ? requested : (years[years.length - 1] ?? new Date().getFullYear());
  const [trail, names] = await Promise.all([
    get<{ year: number; rows: TrailRow[] }>(`/api/years/${year}/trail`, {}, ctx.asOf),
    accountNames(ctx, year),
  ]);

  const nodes: Node[] = [...pageHeading(ctx, `${t('auditTitle')} ${year}`, t('auditIntro'))];
  nodes.push(
    h(
      'nav',
      { class: 'year-tabs', 'aria-label': t('yearTabs') },
      h(
        'ul',
        null,
        ...years.map((candidate) =>
          h(
            'li',
            null,
            h(
              'a',
              { href: ctx.href('/audit', { year: candidate }), 'aria-current': candidate === year ? 'page' : undefined },
              String(candidate),
            ),
          ),
        ),
      ),
    ),
  );

  // Filters: text, event type, case number; kept in the URL.
  const types = [...new Set(trail.rows.map((row) => row.eventType))].sort((a, b) =>
    eventTypeLabel(a).localeCompare(eventTypeLabel(b), lang()),
  );
  const cases = [...new Set(trail.rows.map((row) => row.caseNumber).filter((value): value is string => value !== null))].sort();
  const text = field({ label: t('filterText'), name: 'q', value: params.get('q') ?? '', type: 'search', className: 'field-grow' });
  const type = field({
    label: t('filterType'),
    name: 'type',
    options: [{ value: '', label: t('filterAll') }, ...types.map((value) => ({ value, label: eventTypeLabel(value) }))],
    value: params.get('type') ?? '',
  });
  const caseFilter = field({
    label: t('filterCase'),
    name: 'case',
    options: [{ value: '', label: t('filterAll') }, ...cases.map((value) => ({ value, label: value }))],
    value: params.get('case') ?? '',
  });
  if (!types.includes(type.control.value)) type.control.value = '';
  if (!cases.includes(caseFilter.control.value)) caseFilter.control.value = '';
  const count = h('p', { class: 'filter-count', role: 'status', 'aria-live': 'polite', id: 'filter-count' });
  const reset = h('button', { type: 'reset', class: 'button button-secondary' }, t('filterReset'));
  const filterForm = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('filterLegend') },
    h(
      'fieldset',
      null,
      h('legend', null, t('filterLegend')),
      h('div', { class: 'field-row' }, text.wrapper, type.wrapper, caseFilter.wrapper, h('div', { class: 'filter-actions' }, reset)),
    ),
    count,
  );

  const rows = trail.rows.map((row) => ({ row, element: trailRow(ctx, names, year, row), haystack: searchText(names, row) }));
  const tbody = h('tbody', null, ...rows.map((entry) => entry.element));
  const apply = () => {
    const query = text.value().toLowerCase();
    let shown = 0;
    for (const entry of rows) {
      const visible =
        (query === '' || entry.haystack.includes(query)) &&
        (type.control.value === '' || entry.row.eventType === type.control.value) &&
        (caseFilter.control.value === '' || entry.row.caseNumber === caseFilter.control.value);
      entry.element.hidden = !visible;
      if (visible) shown += 1;
    }
    count.textContent = t('filterCount', { shown, total: rows.length });
    const next = new URL(location.href);
    for (const [name, value] of [
      ['q', text.value()],
      ['type', type.control.value],
      ['case', caseFilter.control.value],
    ] as const) {
      if (value === '') next.searchParams.delete(name);
      else next.searchParams.set(name, value);
    }
    next.searchParams.set('year', String(year));
    history.replaceState(null, '', next.pathname + next.search);
  };
  filterForm.addEventListener('input', apply);
  filterForm.addEventListener('change', apply);
  filterForm.addEventListener('submit', (event) => event.preventDefault());
  filterForm.addEventListener('reset', () => setTimeout(apply, 0));

  const captionId = uid('trail-caption');
  const trailTable = h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': captionId },
    h(
      'table',
      { class: 'trail-table', id: 'trail-table' },
      h('caption', { id: captionId }, t('trailCaption', { year })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', class: 'num' }, t('positionColumn')),
          h('th', { scope: 'col' }, t('effectiveColumn')),
          h('th', { scope: 'col' }, t('eventColumn')),
          h('th', { scope: 'col' }, t('caseColumn')),
          h('th', { scope: 'col' }, t('postingsColumn')),
          h('th', { scope: 'col', class: 'num' }, t('availableAfterColumn')),
        ),
      ),
      tbody,
    ),
  );
  nodes.push(section(t('eventsHeading'), filterForm, rows.length === 0 ? h('p', null, t('noTrail')) : trailTable));
  if (ctx.can('read:export')) {
    nodes.push(
      section(
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
      ),
    );
  }
  apply();
  return nodes;
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

function trailRow(ctx: Ctx, names: AccountNames, year: number, row: TrailRow): HTMLElement {
  const atPosition = { position: row.position };
  const flags = [
    row.backdated ? badge('info', t('backdated')) : null,
    row.recordedAfterAsOf ? badge('warning', t('recordedAfterAsOf')) : null,
    row.corrects ? badge('muted', t('correctsLabel', { id: row.corrects.slice(-8) })) : null,
  ].filter((flag): flag is HTMLElement => flag !== null);
  return h(
    'tr',
    { 'data-type': row.eventType, 'data-case': row.caseNumber ?? '', 'data-position': row.position },
    h('td', { class: 'num' }, String(row.position)),
    h(
      'td',
      { class: 'nowrap' },
      formatDate(row.effectiveDate),
      h('span', { class: 'sub' }, `${t('recordedColumn')} ${formatTimestamp(row.recordedAt, lang())}`),
    ),
    h(
      'td',
      { class: 'event-cell' },
      h('span', { class: 'event-type' }, eventTypeLabel(row.eventType)),
      h('span', { class: 'event-text' }, words(row.description)),
      h('span', { class: 'sub' }, `${t('actorColumn')}: ${row.actor}`),
      flags.length > 0 ? h('span', { class: 'flags' }, ...flags) : null,
    ),
    h('td', null, row.caseNumber ? caseLink(ctx, row.caseNumber) : h('span', { class: 'muted' }, '–')),
    h(
      'td',
      { class: 'postings' },
      row.postings.length === 0
        ? h('span', { class: 'muted' }, t('noPostings'))
        : h(
            'ul',
            null,
            ...row.postings.map((posting) => {
              const label = `${figureLabel(posting.figure)} · ${accountName(names, posting.account)}`;
              const link = ctx.can('read:explain')
                ? h(
                    'a',
                    {
                      href: hrefWith('/explain', { year, figure: posting.figure, scope: scopeOfAccount(posting.account) }, atPosition),
                      class: 'figure-link',
                    },
                    h('span', { class: 'amount' }, money(posting.amount, { signed: true })),
                    h('span', { 'aria-hidden': 'true' }, ' → '),
                    h('span', { class: 'visually-hidden' }, ` ${t('runningBalanceColumn')} `),
                    h('span', { class: 'amount' }, money(posting.balanceAfter)),
                  )
                : h('span', null, `${money(posting.amount, { signed: true })} → ${money(posting.balanceAfter)}`);
              return h('li', null, h('span', { class: 'posting-label' }, label), ' ', link);
            }),
          ),
    ),
    h(
      'td',
      { class: 'num' },
      ctx.can('read:explain')
        ? h(
            'a',
            { href: hrefWith('/explain', { year, figure: 'available', scope: 'total' }, atPosition), class: 'figure-link amount' },
            money(row.availableAfter),
          )
        : h('span', { class: 'amount' }, money(row.availableAfter)),
    ),
  );
}
