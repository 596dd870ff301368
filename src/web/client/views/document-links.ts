import { h } from '../dom.js';
import { lang } from '../i18n/index.js';
import { hrefWith, section, visuallyHidden, type Ctx } from '../ui.js';

/**
 * Links to the committee's documents (served by /api/reports): the allocation table as a
 * printable page, CSV and spreadsheet, the case summary, and the grants in the 360Giving
 * standard. Each link keeps the page's as-of choice, so the document is of the ledger as
 * the page shows it. Links under /api/ are left to the browser (a new tab to print, or a
 * download).
 */

const words = {
  nb: {
    heading: 'Dokumenter',
    allocationYears: (from: number, to: number) => `Fordeling ${from}–${to} (tildelt ${from}, innspill og anbefaling ${to})`,
    allocationCase: 'Vedlegg 1: fordelingstabellen',
    caseSummary: 'Saksammendrag',
    grants: 'Alle tildelinger i 360Giving-standarden',
    print: 'utskrift (HTML)',
    csv: 'CSV',
    xlsx: 'regneark (XLSX)',
    json: 'JSON',
    intro:
      'Hvert dokument viser datoen, loggposisjonen og hashen det er bygget fra, og kan kontrolleres mot loggen, tall for tall: her i siden eller med «ledger document verify».',
    check: 'Kontroller et dokument mot loggen',
  },
  en: {
    heading: 'Documents',
    allocationYears: (from: number, to: number) => `Allocation ${from}–${to} (granted ${from}, requested and recommended ${to})`,
    allocationCase: 'Attachment 1: the allocation table',
    caseSummary: 'Case summary',
    grants: 'All grants in the 360Giving standard',
    print: 'print (HTML)',
    csv: 'CSV',
    xlsx: 'spreadsheet (XLSX)',
    json: 'JSON',
    intro:
      'Each document shows the date, log position and hash it was built from, and can be checked against the log, figure by figure: here in the page or with "ledger document verify".',
    check: 'Check a document against the log',
  },
};

type Format = 'html' | 'csv' | 'xlsx' | '360giving-json' | '360giving-csv';

/** The links to a document's formats; each names its document too (hidden), so every link says on its own what it opens. */
function formatLinks(ctx: Ctx, title: string, path: string, params: Record<string, string>, formats: Format[]): HTMLElement[] {
  const text = words[lang()];
  const label: Record<Format, string> = {
    html: text.print,
    csv: text.csv,
    xlsx: text.xlsx,
    '360giving-json': text.json,
    '360giving-csv': text.csv,
  };
  return formats.flatMap((format, index) => {
    const href = hrefWith(path, { ...params, format }, ctx.asOf);
    const link =
      format === 'html'
        ? h('a', { href, target: '_blank', rel: 'noopener', class: 'document-link' }, label[format], visuallyHidden(` (${title})`))
        : h('a', { href, download: '', class: 'document-link' }, label[format], visuallyHidden(` (${title})`));
    return index === 0 ? [link] : [h('span', { 'aria-hidden': 'true' }, ' · '), link];
  });
}

/** The intro of a documents section, with the way to check a document (for those who may read the trail). */
function intro(ctx: Ctx): HTMLElement[] {
  const text = words[lang()];
  return [
    h('p', { class: 'hint' }, text.intro),
    ...(ctx.can('read:trail')
      ? [h('p', null, h('a', { href: ctx.href('/documents/check'), class: 'check-link' }, `${text.check} →`))]
      : []),
  ];
}

function item(ctx: Ctx, title: string, path: string, params: Record<string, string>, formats: Format[]): HTMLElement {
  return h('li', null, h('span', { class: 'document-title' }, `${title}: `), ...formatLinks(ctx, title, path, params, formats));
}

/** The documents section of the overview: the allocation table of each pair of years, and the grants. */
export function overviewDocuments(ctx: Ctx, years: number[]): HTMLElement[] {
  const text = words[lang()];
  const items = years
    .filter((year) => years.includes(year + 1))
    .map((year) =>
      item(ctx, text.allocationYears(year, year + 1), '/api/reports/allocation', { years: `${year},${year + 1}` }, ['html', 'csv', 'xlsx']),
    );
  if (ctx.can('read:cases')) items.push(item(ctx, text.grants, '/api/reports/grants', {}, ['360giving-json', '360giving-csv']));
  if (items.length === 0) return [];
  return [section(text.heading, ...intro(ctx), h('ul', { class: 'document-list' }, ...items))];
}

/** The documents section of a case page: its allocation table and its summary. */
export function caseDocuments(ctx: Ctx, caseNumber: string): HTMLElement {
  const text = words[lang()];
  return section(
    text.heading,
    ...intro(ctx),
    h(
      'ul',
      { class: 'document-list' },
      item(ctx, text.allocationCase, '/api/reports/allocation', { case: caseNumber }, ['html', 'csv', 'xlsx']),
      item(ctx, text.caseSummary, '/api/reports/case-summary', { case: caseNumber }, ['html']),
    ),
  );
}
