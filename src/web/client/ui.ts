import { asOfParams, scopeText, type AsOf, type Scope, type Session } from './api.js';
import { h, uid, type Child } from './dom.js';
import { isNegativeAmount } from './format.js';
import { formatMoney } from '../../shared/format.js';
import { figureLabel, t, type Key } from './i18n/index.js';
import { labelCells } from './tables.js';

/** What a view gets: who is signed in, as of when, and how to move on. */
export interface Ctx {
  session: Session;
  asOf: AsOf;
  url: URL;
  can(permission: string): boolean;
  /** A link inside the page that keeps the as-of choice. */
  href(path: string, params?: Record<string, string | number | null | undefined>): string;
  navigate(href: string, options?: { replace?: boolean }): void;
  /** Renders the current page again (after a write). */
  refresh(message?: { text: string; kind: 'success' | 'error'; anchor?: string }): void;
  setTitle(text: string): void;
  /** May the page show forms that write? Never in an as-of view. */
  writable: boolean;
}

export function hrefWith(path: string, params: Record<string, string | number | null | undefined>, asOf: AsOf): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...params, ...asOfParams(asOf) }))
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  const query = search.toString();
  return query === '' ? path : `${path}?${query}`;
}

export function money(amount: string | null | undefined, options: { signed?: boolean } = {}): string {
  return formatMoney(amount, options);
}

/**
 * Text from the ledger's records (names, titles, point texts): written in Norwegian, so
 * marked `lang="nb"` for a screen reader in the English view.
 */
export function nb(text: string, className?: string): HTMLElement {
  return h('span', { lang: 'nb', class: className }, text);
}

export interface FigureRefText {
  year: number;
  figure: string;
  scope: Scope | string;
  amount: string | null | undefined;
  /** What the scope is, in words ("Barn og unge"); the whole year's frame when left out. */
  name?: string;
  signed?: boolean;
  asOf?: AsOf;
}

/**
 * An amount, as a link to its explanation when the role may read explanations. The
 * link's name says what it explains ("Tildelt, Barn og unge, 2024: kr 1 200 000 – vis
 * forklaring"), the amount as it shows included.
 */
export function figureLink(ctx: Ctx, ref: FigureRefText): HTMLElement {
  const text = money(ref.amount, ref.signed ? { signed: true } : {});
  const classes = `amount${ref.amount && isNegativeAmount(ref.amount) ? ' negative' : ''}`;
  if (!ctx.can('read:explain') || ref.amount === null || ref.amount === undefined) return h('span', { class: classes }, text);
  const scope = typeof ref.scope === 'string' ? ref.scope : scopeText(ref.scope);
  const href = hrefWith('/explain', { year: ref.year, figure: ref.figure, scope }, ref.asOf === undefined ? ctx.asOf : ref.asOf);
  const label = t('explainLink', { label: figureLabel(ref.figure), scope: ref.name ?? t('scopeTotal'), year: ref.year, amount: text });
  return h(
    'a',
    { class: `${classes} figure-link`, href, 'aria-label': label, 'data-figure': ref.figure, 'data-scope': scope, 'data-year': ref.year },
    text,
  );
}

export function caseLink(ctx: Ctx, caseNumber: string, pointNumber?: number): HTMLElement {
  const text = pointNumber === undefined ? caseNumber : t('authorityText', { n: caseNumber, p: pointNumber });
  return h('a', { href: ctx.href(`/cases/${caseNumber}`), class: 'case-link' }, text);
}

/** A status shown with an icon and words, never by colour alone. */
export function badge(kind: 'done' | 'pending' | 'info' | 'warning' | 'muted', text: string): HTMLElement {
  const icon = { done: '✓', pending: '◔', info: '◷', warning: '!', muted: '↺' }[kind];
  return h('span', { class: `badge badge-${kind}` }, h('span', { class: 'badge-icon', 'aria-hidden': 'true' }, icon), ' ', text);
}

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = uid('section');
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function sectionWithId(id: string, title: string, ...children: Child[]): HTMLElement {
  const element = section(title, ...children);
  element.id = id;
  return element;
}

export function pageHeading(ctx: Ctx, title: string, lead?: string): HTMLElement[] {
  ctx.setTitle(title);
  const heading = h('h1', { tabindex: '-1', id: 'page-title' }, title);
  return lead ? [heading, h('p', { class: 'lead' }, lead)] : [heading];
}

export function visuallyHidden(text: string): HTMLElement {
  return h('span', { class: 'visually-hidden' }, text);
}

/**
 * A `<table>` with a caption; numeric columns are right-aligned by class. Every table
 * sits in a region fitted to the page (src/web/client/tables.ts): whole when it fits,
 * stacked rows with each cell's heading beside it when it does not.
 */
export function table(
  caption: string,
  head: Child,
  body: Child,
  foot?: Child,
  options: { className?: string; captionHidden?: boolean; id?: string } = {},
): HTMLElement {
  const captionId = uid('caption');
  const element = h(
    'table',
    { class: options.className ?? '', id: options.id },
    h('caption', { id: captionId, class: options.captionHidden ? 'visually-hidden' : '' }, caption),
    h('thead', null, head),
    h('tbody', null, body),
    foot ? h('tfoot', null, foot) : null,
  );
  labelCells(element);
  return h('div', { class: 'table-wrap', 'data-scroll-region': captionId }, element);
}

export function errorBox(title: string, detail: string): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', { class: 'notice-title' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), title),
    h('p', null, detail),
  );
}

export function noticeBox(text: Child, kind: 'info' | 'success' | 'warning' = 'info'): HTMLElement {
  const icon = { info: 'ℹ', success: '✓', warning: '⚠' }[kind];
  return h('div', { class: `notice notice-${kind}` }, h('p', null, h('span', { 'aria-hidden': 'true' }, `${icon} `), text));
}

export function roleName(role: string): string {
  const keys: Record<string, Key> = { secretariat: 'roleSecretariat', member: 'roleMember', auditor: 'roleAuditor', reader: 'roleReader' };
  const key = keys[role];
  return key ? t(key) : role;
}

export function choiceText(choice: { alternativeNumber: number } | { answer: 'yes' | 'no' | 'blank' }): string {
  if ('alternativeNumber' in choice) return t('choiceAlternative', { n: choice.alternativeNumber });
  return t(choice.answer === 'yes' ? 'choiceYes' : choice.answer === 'no' ? 'choiceNo' : 'choiceBlank');
}

export function decidedByText(decidedBy: string): string {
  return t(decidedBy === 'consensus' ? 'decidedByConsensus' : decidedBy === 'unanimous' ? 'decidedByUnanimous' : 'decidedByMajority');
}

/** `initiative:vip` → its name; `total` → the whole frame. */
export function scopeName(scope: string, initiativeName: (id: string) => string): string {
  if (scope === 'total' || scope === 'year') return t('scopeTotal');
  if (scope.startsWith('initiative:')) return initiativeName(scope.slice('initiative:'.length));
  return scope;
}

/** The tabs of a page kept per year (the year page, the audit trail): a link per year, the shown one marked current. */
export function yearTabs(years: number[], year: number, hrefOf: (year: number) => string): HTMLElement {
  return h(
    'nav',
    { class: 'year-tabs', 'aria-label': t('yearTabs') },
    h(
      'ul',
      null,
      ...years.map((candidate) =>
        h('li', null, h('a', { href: hrefOf(candidate), 'aria-current': candidate === year ? 'page' : undefined }, String(candidate))),
      ),
    ),
  );
}
