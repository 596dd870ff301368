import { ApiProblem, get, nextExplanationPage, type ExplainedRow, type Explanation } from '../api.js';
import { h } from '../dom.js';
import { formatDate, formatTimestamp } from '../../../shared/format.js';
import { figureLabel, lang, t, words } from '../i18n/index.js';
import { button } from '../forms.js';
import { caseLink, errorBox, figureLink, money, nb, noticeBox, pageHeading, section, table, type Ctx } from '../ui.js';
import { accountName, accountNames, eventCell, type AccountNames } from './audit.js';

interface Shown {
  ctx: Ctx;
  explanation: Explanation;
  year: number;
  figure: string;
  label: string;
  scopeName: string;
  names: AccountNames;
}

/** A figure computed from other figures: each with its sign, and the result. */
function compositionSection(shown: Shown, composition: NonNullable<Explanation['composition']>): HTMLElement {
  const { ctx, explanation, year, label } = shown;
  return section(
    t('compositionCaption', { label }),
    table(
      t('compositionCaption', { label }),
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('compositionFigure')),
        h('th', { scope: 'col' }, t('compositionSign')),
        h('th', { scope: 'col', class: 'num' }, t('amountColumn')),
      ),
      composition.map((part) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, figureLabel(part.figure)),
          h('td', null, part.sign === 1 ? `+ ${t('signPlus')}` : `− ${t('signMinus')}`),
          h('td', { class: 'num' }, figureLink(ctx, { year, figure: part.figure, scope: 'total', amount: part.value })),
        ),
      ),
      h(
        'tr',
        { class: 'total-row' },
        h('th', { scope: 'row', colspan: '2' }, label),
        h('td', { class: 'num' }, h('span', { class: 'amount' }, money(explanation.value))),
      ),
      { captionHidden: true },
    ),
    explanation.note ? h('p', { class: 'explain-note', id: 'explain-note' }, words(explanation.note)) : null,
  );
}

function postingRow(shown: Shown, derived: boolean, row: ExplainedRow): HTMLElement {
  return h(
    'tr',
    { 'data-position': row.position, 'data-case': row.caseNumber ?? '' },
    h('td', { class: 'num' }, String(row.position)),
    h(
      'td',
      { class: 'nowrap' },
      formatDate(row.effectiveDate),
      h('span', { class: 'sub' }, `${t('recordedColumn')} ${formatTimestamp(row.recordedAt, lang())}`),
    ),
    eventCell(shown.ctx, row),
    h('td', null, row.caseNumber ? caseLink(shown.ctx, row.caseNumber) : h('span', { class: 'muted' }, '–')),
    h('td', null, nb(accountName(shown.names, row.account))),
    derived ? h('td', null, `${figureLabel(row.component)} (${row.sign === 1 ? t('signPlus') : t('signMinus')})`) : null,
    h('td', { class: 'num' }, h('span', { class: 'amount' }, money(row.amount, { signed: true }))),
    h('td', { class: 'num' }, h('span', { class: 'amount running' }, money(row.runningBalance))),
  );
}

/** The postings from an opening balance of 0 to the closing figure, a page at a time. */
function postingsSection(shown: Shown): HTMLElement {
  const { explanation, figure, label, scopeName, year } = shown;
  // A later page may hold rows of a component: a paged explanation keeps the column.
  const derived = explanation.rows.some((row) => row.component !== figure) || (explanation.page?.next ?? null) !== null;
  const columns = derived ? 8 : 7;
  const headings = [
    t('positionColumn'),
    t('effectiveColumn'),
    t('eventColumn'),
    t('caseColumn'),
    t('accountColumn'),
    ...(derived ? [t('componentColumn')] : []),
    t('amountColumn'),
    t('runningBalanceColumn'),
  ];
  const head = h(
    'tr',
    null,
    ...headings.map((text, index) => h('th', { scope: 'col', class: index === 0 || index >= headings.length - 2 ? 'num' : '' }, text)),
  );
  const opening = h(
    'tr',
    { class: 'opening-row' },
    h('td', { class: 'num' }, ''),
    h('td', null, ''),
    h('th', { scope: 'row', colspan: String(columns - 4) }, t('openingBalance')),
    h('td', { class: 'num' }, ''),
    h('td', { class: 'num' }, h('span', { class: 'amount' }, money(explanation.opening))),
  );
  const rowNode = (row: ExplainedRow) => postingRow(shown, derived, row);
  const closing = h(
    'tr',
    { class: 'closing-row total-row' },
    h('th', { scope: 'row', colspan: String(columns - 1) }, t('closingBalance')),
    h('td', { class: 'num' }, h('span', { class: 'amount', id: 'closing-balance' }, money(explanation.value))),
  );
  const explainTable = table(
    t('explainCaption', { label, scope: scopeName, year }),
    head,
    [opening, ...explanation.rows.map(rowNode)],
    closing,
    {
      className: 'explain-table',
      captionHidden: true,
    },
  );
  return section(
    t('postingsHeading'),
    explanation.rows.length === 0 ? h('p', null, t('noRows')) : null,
    explainTable,
    morePages(explanation, explainTable, rowNode),
  );
}

/**
 * The explanation of one figure: every posting behind it in log order, from an
 * opening balance of 0 through the running balance to the closing figure. The API
 * answers a page of postings at a time; "Show more postings" appends the next page.
 */
export async function explainView(ctx: Ctx): Promise<Node[]> {
  const params = ctx.url.searchParams;
  const year = Number(params.get('year'));
  const figure = params.get('figure') ?? '';
  const scope = params.get('scope') ?? 'total';
  if (!Number.isInteger(year) || figure === '') return [...pageHeading(ctx, t('errorLoading')), noticeBox(t('explainMissing'), 'warning')];
  let explanation: Explanation;
  try {
    // `limit` in the page's address sets the page size (the API's default otherwise).
    const limit = /^[1-9]\d{0,3}$/.test(params.get('limit') ?? '') ? Number(params.get('limit')) : undefined;
    explanation = await get<Explanation>('/api/explain', { year, figure, scope, limit }, ctx.asOf);
  } catch (error: unknown) {
    if (error instanceof ApiProblem && (error.status === 404 || error.status === 400))
      return [...pageHeading(ctx, t('errorLoading')), noticeBox(`${error.detail}`, 'warning')];
    throw error;
  }
  const names = await accountNames(ctx, year);
  const scopeName = scope === 'total' ? t('scopeTotal') : accountName(names, scope);
  const label = words(explanation.label) || figureLabel(figure);
  const shown: Shown = { ctx, explanation, year, figure, label, scopeName, names };
  const nodes: Node[] = [
    ...pageHeading(ctx, t('explainTitle', { label, scope: scopeName, year }), t('explainIntro')),
    h(
      'p',
      { class: 'explain-value' },
      t('explainValue'),
      ' ',
      h('strong', { class: 'amount', id: 'explain-value' }, money(explanation.value)),
      '.',
    ),
    explanation.composition ? compositionSection(shown, explanation.composition) : postingsSection(shown),
  ];
  return withTrailLink(ctx, nodes, year);
}

/** "Showing n of N postings" and a button that appends the next page's rows to the table, while there is one. */
function morePages(first: Explanation, explainTable: HTMLElement, rowNode: (row: ExplainedRow) => HTMLElement): HTMLElement | null {
  const total = first.rowCount ?? first.rows.length;
  if (first.page?.next === null || first.page?.next === undefined) return null;
  const body = explainTable.querySelector('tbody')!;
  let shown = first.rows.length;
  let last = first;
  const status = h('p', { class: 'rows-shown', id: 'explain-rows-shown', 'aria-live': 'polite' }, t('rowsShown', { shown, total }));
  const more = button(t('showMoreRows'), { type: 'button', kind: 'secondary', attrs: { id: 'explain-more' } });
  const problem = h('div', null);
  more.addEventListener('click', () => {
    more.disabled = true;
    void nextExplanationPage(last).then(
      (page) => {
        if (page) {
          for (const row of page.rows) body.append(rowNode(row));
          shown += page.rows.length;
          last = page;
        }
        status.textContent = t('rowsShown', { shown, total });
        if (!page || page.page?.next === null || page.page?.next === undefined) more.remove();
        else more.disabled = false;
      },
      (error: unknown) => {
        problem.replaceChildren(errorBox(t('errorLoading'), error instanceof Error ? error.message : String(error)));
        more.disabled = false;
      },
    );
  });
  return h('div', { class: 'more-rows' }, status, problem, more);
}

function withTrailLink(ctx: Ctx, nodes: Node[], year: number): Node[] {
  if (ctx.can('read:trail'))
    nodes.push(h('p', { class: 'back-link' }, h('a', { href: ctx.href('/audit', { year }) }, `← ${t('backToTrail', { year })}`)));
  return nodes;
}
