import { columnRoles, roleLabels, type ColumnRole, type OpeningPreview } from '../../../opening/preview.js';
import { problemText } from '../../../opening/sheet-problems.js';
import { ApiProblem, newIdempotencyKey, sendFile } from '../api.js';
import { h } from '../dom.js';
import { field, validate, type Field } from '../fields.js';
import { todayInOslo } from '../format.js';
import { button, confirmStep, resultRegion, showProblem, showResult } from '../forms.js';
import { lang, t } from '../i18n/index.js';
import { money, nb, table, type Ctx } from '../ui.js';

/**
 * The opening balance from a spreadsheet, in the page: choose the file and the year, see
 * the preview the server reads from it (the columns and how they are read, each
 * programme area and initiative with what it matched, every figure, every problem with
 * its line and column), change how a column is read if need be, and record it — after a
 * confirmation, all of it or nothing.
 */

interface ImportForm {
  year: Field;
  file: Field;
  funds: Field;
  receivedOn: Field;
  sourceDocument: Field;
  sourceDate: Field;
  date: Field;
  registerNew: HTMLInputElement;
}

/** The query the preview and the import share; `map` holds the columns whose reading was changed. */
function queryOf(form: ImportForm, fileName: string, map: Map<ColumnRole, string>): string {
  const search = new URLSearchParams({
    year: form.year.value(),
    fileName,
    registerNew: String(form.registerNew.checked),
    funds: form.funds.value(),
  });
  const optional: [string, Field][] = [
    ['receivedOn', form.receivedOn],
    ['sourceDocument', form.sourceDocument],
    ['sourceDate', form.sourceDate],
    ['date', form.date],
  ];
  for (const [name, input] of optional) if (input.value() !== '') search.set(name, input.parsed());
  for (const [role, column] of map) search.append('map', `${role}=${column}`);
  return search.toString();
}

const words = (value: { nb: string; en: string }) => value[lang()];

function sourceOf(preview: OpeningPreview): string {
  const { source } = preview;
  if (!source) return '–';
  return `«${source.document}»${source.caseNumber ? `, sak ${source.caseNumber}` : ''}, ${source.date.split('-').reverse().join('.')}`;
}

function mappingTable(preview: OpeningPreview, selects: Map<string, HTMLSelectElement>): HTMLElement {
  const rows = preview.mapping.map((entry) => {
    const select = h(
      'select',
      { 'aria-label': t('mappingRoleFor', { column: entry.column }), 'data-column': entry.column },
      ...columnRoles.map((role) => h('option', { value: role, selected: role === entry.role }, words(roleLabels[role]))),
    );
    selects.set(entry.column, select);
    return h('tr', null, h('th', { scope: 'row' }, entry.column), h('td', null, nb(entry.header)), h('td', null, select));
  });
  return table(
    t('mappingCaption'),
    h('tr', null, ...[t('mappingColumn'), t('mappingHeader'), t('mappingRole')].map((text) => h('th', { scope: 'col' }, text))),
    rows,
  );
}

const status = (entry: { status: 'known' | 'new'; suggestions: string[] }) =>
  entry.status === 'known'
    ? t('statusKnown')
    : `${t('statusNew')}${entry.suggestions.length > 0 ? ` (${t('statusLike', { names: entry.suggestions.map((name) => `«${name}»`).join(', ') })})` : ''}`;

function linesTables(preview: OpeningPreview): HTMLElement[] {
  const head = (...texts: string[]) => h('tr', null, ...texts.map((text) => h('th', { scope: 'col' }, text)));
  const areas = table(
    t('areasCaption'),
    head(t('lineColumn'), t('nameColumn'), t('idColumn'), t('statusColumn')),
    preview.areas.map((area) =>
      h(
        'tr',
        null,
        h('td', null, String(area.line)),
        h('th', { scope: 'row' }, nb(area.name)),
        h('td', null, area.id),
        h('td', null, status(area)),
      ),
    ),
  );
  const initiatives = table(
    t('initiativesCaption'),
    head(
      t('lineColumn'),
      t('initiativeColumn'),
      t('idColumn'),
      t('earmarkedColumn'),
      t('previousGrantedColumn', { year: preview.year - 1 }),
      t('grantedByColumn'),
      t('statusColumn'),
    ),
    preview.initiatives.map((line) =>
      h(
        'tr',
        null,
        h('td', null, String(line.line)),
        h('th', { scope: 'row' }, nb(line.name)),
        h('td', null, line.id),
        h('td', { class: 'num' }, money(line.earmarked)),
        h('td', { class: 'num' }, line.previousGranted === null ? '–' : money(line.previousGranted)),
        h(
          'td',
          null,
          line.grantedBy
            ? `${line.grantedBy.caseNumber}${line.grantedBy.pointNumber === undefined ? '' : `/${line.grantedBy.pointNumber}`}`
            : '–',
        ),
        h('td', null, status(line)),
      ),
    ),
  );
  return [areas, initiatives];
}

function figuresTable(preview: OpeningPreview): HTMLElement {
  const { figures, year } = preview;
  const received =
    figures.received === null
      ? null
      : figures.funds === 'none'
        ? t('figureReceivedNot', { amount: money(figures.received) })
        : money(figures.received);
  const rows: [string, string][] = [
    [t('figureRemainder'), money(figures.remainderCarriedIn)],
    [t('figureReleased'), money(figures.releasedCarriedIn)],
    [t('figureReserve'), money(figures.reserveFundBalance)],
    [t('figureEarmarked'), money(figures.earmarkedTotal)],
    [t('figurePreviousGranted', { year: year - 1 }), money(figures.previousYearGrantedTotal)],
    [t('figureCommitted'), money(figures.committedTotal)],
    ...(received === null ? [] : [[t('figureReceived', { year }), received] as [string, string]]),
    [t('figureFrame', { year }), money(figures.frame)],
  ];
  return table(
    t('figuresCaption'),
    h('tr', null, h('th', { scope: 'col' }, t('figureColumn')), h('th', { scope: 'col', class: 'num' }, t('amountColumn'))),
    rows.map(([label, amount]) => h('tr', null, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, amount))),
    undefined,
    { id: 'opening-figures' },
  );
}

function problemsBox(preview: OpeningPreview): HTMLElement {
  return h(
    'div',
    { class: 'form-result form-result-error', role: 'alert', id: 'opening-problems' },
    h('p', { class: 'result-title' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('problemsHeading')),
    h('ul', null, ...preview.problems.map((problem) => h('li', null, problemText(problem, lang())))),
    h('p', null, t('problemsNothing')),
  );
}

const countOf = (preview: OpeningPreview, type: string) => preview.commands.filter((command) => command.type === type).length;

function recordsLine(preview: OpeningPreview): string {
  return t('recordsWhat', { areas: countOf(preview, 'RegisterProgrammeArea'), initiatives: countOf(preview, 'RegisterInitiative') });
}

function previewView(
  preview: OpeningPreview,
  selects: Map<string, HTMLSelectElement>,
  actions: { reread: () => void; record: () => void },
): HTMLElement {
  const reread = button(t('rereadWithMapping'), { type: 'button', kind: 'secondary', attrs: { id: 'opening-reread' } });
  reread.addEventListener('click', actions.reread);
  const record = button(t('recordOpening'), { type: 'button', write: true, attrs: { id: 'opening-record' } });
  record.addEventListener('click', actions.record);
  const headingId = 'opening-preview-heading';
  return h(
    'section',
    { class: 'opening-preview', 'aria-labelledby': headingId, id: 'opening-preview' },
    h('h3', { id: headingId, tabindex: '-1' }, t('previewHeading', { year: preview.year })),
    h(
      'p',
      null,
      t('previewSource', { source: sourceOf(preview), file: preview.fileName, sheet: preview.sheetName, line: preview.headerLine }),
    ),
    preview.layout === 'ledger' ? h('p', { class: 'hint' }, t('previewLedgerLayout')) : null,
    preview.problems.length > 0 ? problemsBox(preview) : null,
    mappingTable(preview, selects),
    h('div', { class: 'actions' }, reread),
    ...linesTables(preview),
    ...preview.skipped.map((row) =>
      h('p', { class: 'hint' }, t('skippedLine', { line: row.line, name: row.name, why: lang() === 'nb' ? row.nb : row.en })),
    ),
    figuresTable(preview),
    preview.problems.length === 0 ? h('p', null, recordsLine(preview)) : null,
    preview.problems.length === 0 ? h('div', { class: 'actions' }, record) : null,
  );
}

function importFields(): ImportForm {
  const file = field({ label: t('openingFile'), name: 'file', type: 'file', required: true });
  file.control.setAttribute('accept', '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv');
  return {
    year: field({ label: t('openingYear'), name: 'year', kind: 'year', required: true, value: todayInOslo().slice(0, 4) }),
    file,
    funds: field({
      label: t('fundsLabel'),
      name: 'funds',
      options: [
        { value: 'none', label: t('fundsNone') },
        { value: 'received', label: t('fundsReceived') },
        { value: 'expected', label: t('fundsExpected') },
      ],
    }),
    receivedOn: field({ label: t('receivedOn'), name: 'receivedOn', kind: 'date' }),
    sourceDocument: field({ label: t('sourceDocument'), name: 'sourceDocument' }),
    sourceDate: field({ label: t('sourceDate'), name: 'sourceDate', kind: 'date' }),
    date: field({ label: t('openingDate'), name: 'date', kind: 'date' }),
    registerNew: h('input', { type: 'checkbox', id: 'opening-register-new', name: 'registerNew', checked: true }),
  };
}

function importFormElement(form: ImportForm, region: HTMLElement, onSubmit: () => void): HTMLFormElement {
  const element = h(
    'form',
    { class: 'write-form', id: 'opening-form', novalidate: true, 'data-write': 'true', 'aria-label': t('stepOpening') },
    h('p', { class: 'hint form-intro' }, t('openingIntro')),
    form.year.wrapper,
    form.file.wrapper,
    h('div', { class: 'checkbox' }, form.registerNew, h('label', { for: 'opening-register-new' }, t('registerNew'))),
    form.funds.wrapper,
    form.receivedOn.wrapper,
    form.sourceDocument.wrapper,
    form.sourceDate.wrapper,
    form.date.wrapper,
    region,
    h('div', { class: 'actions' }, button(t('showPreview'), { attrs: { id: 'opening-preview-button' } })),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });
  return element;
}

export function openingImport(ctx: Ctx): HTMLElement {
  const form = importFields();
  const region = resultRegion();
  const area = h('div', { id: 'opening-preview-area' });
  const selects = new Map<string, HTMLSelectElement>();
  let map = new Map<ColumnRole, string>();
  let shown: OpeningPreview | null = null;
  /** The key of an import whose outcome is unknown, kept for the retry of the same file and settings. */
  let pending: { signature: string; key: string } | null = null;
  const chosenFile = () => (form.file.control as HTMLInputElement).files?.[0] ?? null;

  const preview = async () => {
    const file = chosenFile();
    if (!validate(Object.values(form).filter((part): part is Field => 'wrapper' in part)) || !file) return;
    showResult(region, 'progress', h('p', null, t('readingSheet')));
    try {
      shown = await sendFile<OpeningPreview>(`/api/opening-balances/preview?${queryOf(form, file.name, map)}`, file);
      selects.clear();
      area.replaceChildren(previewView(shown, selects, { reread, record: () => void record() }));
      region.replaceChildren();
      region.className = 'form-result';
      document.getElementById('opening-preview-heading')?.focus();
    } catch (error: unknown) {
      area.replaceChildren();
      showProblem(region, error, formElement);
    }
  };
  const reread = () => {
    map = new Map();
    for (const entry of shown?.mapping ?? []) {
      const chosen = selects.get(entry.column)?.value as ColumnRole | undefined;
      if (chosen && chosen !== entry.role) map.set(chosen, entry.column);
    }
    void preview();
  };
  const record = async () => {
    const file = chosenFile();
    if (!shown || !file) return;
    const summary = [h('p', null, recordsLine(shown)), figuresTable(shown)];
    if (!(await confirmStep(t('confirmOpeningTitle', { year: shown.year }), summary, t('confirmOpening')))) return;
    const query = queryOf(form, file.name, map);
    const signature = `${query} ${file.name} ${file.size} ${file.lastModified}`;
    const key = pending?.signature === signature ? pending.key : newIdempotencyKey();
    pending = { signature, key };
    try {
      const result = await sendFile<{ results: unknown[] }>(`/api/opening-balances/import?${query}`, file, key);
      pending = null;
      ctx.refresh({
        text: t('openingSaved', { year: shown.year, commands: result.results.length }),
        kind: 'success',
        anchor: 'step-opening',
      });
    } catch (error: unknown) {
      if (!(error instanceof ApiProblem && (error.status === 0 || error.status >= 500))) pending = null;
      showProblem(region, error, formElement);
    }
  };

  const formElement = importFormElement(form, region, () => void preview());
  return h('div', null, formElement, area);
}
