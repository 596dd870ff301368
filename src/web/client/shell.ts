import type { AsOf, Session } from './api.js';
import { h, svg } from './dom.js';
import { parseDateInput } from './dates.js';
import { field, validate } from './fields.js';
import { formatDate } from '../../shared/format.js';
import { lang, t, type Key } from './i18n/index.js';
import { ownerName } from './organisation.js';
import { hrefWith, roleName } from './ui.js';

/** The page's frame around every view: skip link, header with menu, language switch and as-of control, banner, footer. */

export type NavKey = 'overview' | 'cases' | 'year' | 'registry' | 'audit';

export interface ShellState {
  session: Session | null;
  url: URL;
  asOf: AsOf;
  current: NavKey | null;
  navigate(href: string): void;
  switchLanguage(): void;
  logOut(): void;
}

const navItems: { key: NavKey; label: Key; path: () => string; permission: string }[] = [
  { key: 'overview', label: 'navOverview', path: () => '/', permission: 'read:summaries' },
  { key: 'cases', label: 'navCases', path: () => '/cases', permission: 'read:cases' },
  { key: 'year', label: 'navYear', path: () => '/years', permission: 'read:trail' },
  { key: 'registry', label: 'navRegistry', path: () => '/registry', permission: 'read:registry' },
  { key: 'audit', label: 'navAudit', path: () => '/audit', permission: 'read:trail' },
];

function logo(): SVGElement {
  return svg(
    'svg',
    { class: 'logo', viewBox: '0 0 32 32', width: '36', height: '36', 'aria-hidden': 'true', focusable: 'false' },
    svg('rect', { width: '32', height: '32', rx: '6', fill: '#ffffff' }),
    svg('path', { d: 'M7 23V9h3v5.5h6V9h3v14h-3v-5.8h-6V23z', fill: '#00244e' }),
    svg('rect', { x: '21', y: '15', width: '4', height: '8', fill: '#1d5fa8' }),
    svg('rect', { x: '21', y: '9', width: '4', height: '4', fill: '#1d5fa8' }),
  );
}

function userBox(state: ShellState): HTMLElement | null {
  const session = state.session;
  if (!session) return null;
  return h(
    'div',
    { class: 'user' },
    h(
      'span',
      { class: 'user-text' },
      h('span', { class: 'user-name' }, h('span', { class: 'visually-hidden' }, `${t('signedInAs')} `), session.account.displayName),
      h('span', { class: 'user-role' }, roleName(session.account.role)),
    ),
    h('button', { type: 'button', class: 'header-button', id: 'log-out', onclick: () => state.logOut() }, t('logOut')),
  );
}

function menu(state: ShellState): HTMLElement | null {
  const session = state.session;
  if (!session) return null;
  return h(
    'nav',
    { class: 'main-nav', 'aria-label': t('mainNav') },
    h(
      'ul',
      { class: 'header-inner' },
      ...navItems
        .filter((item) => session.permissions.includes(item.permission))
        .map((item) =>
          h(
            'li',
            null,
            h(
              'a',
              { href: hrefWith(item.path(), {}, state.asOf), 'aria-current': state.current === item.key ? 'page' : undefined },
              t(item.label),
            ),
          ),
        ),
      h('li', { class: 'nav-asof' }, asOfControl(state)),
    ),
  );
}

export function header(state: ShellState): HTMLElement {
  const otherLang = lang() === 'nb' ? 'en' : 'nb';
  return h(
    'header',
    { class: 'site-header' },
    h(
      'div',
      { class: 'header-inner' },
      h(
        'a',
        { class: 'brand', href: state.session ? hrefWith('/', {}, state.asOf) : '/login' },
        logo(),
        h(
          'span',
          { class: 'brand-text' },
          h('span', { class: 'brand-owner' }, ownerName()),
          h('span', { class: 'brand-name' }, t('appTagline')),
        ),
      ),
      h(
        'div',
        { class: 'header-tools' },
        h(
          'button',
          {
            type: 'button',
            id: 'lang-switch',
            class: 'header-button',
            lang: otherLang,
            'aria-label': t('switchLanguageLabel'),
            onclick: () => state.switchLanguage(),
          },
          t('switchLanguage'),
        ),
        userBox(state),
      ),
    ),
    menu(state),
  );
}

function withoutAsOf(url: URL): string {
  const next = new URL(url.href);
  next.searchParams.delete('asOf');
  next.searchParams.delete('asOfPosition');
  return next.pathname + next.search;
}

function asOfControl(state: ShellState): HTMLElement {
  const { url, asOf } = state;
  const input = field({
    label: t('asOfLabel'),
    name: 'asOf',
    value: asOf && 'date' in asOf ? formatDate(asOf.date) : '',
    hint: t('asOfHint'),
    placeholder: t('asOfHint'),
    className: 'field-inline',
    check: (value) => (parseDateInput(value) ? null : t('asOfInvalid')),
  });
  const form = h(
    'form',
    { class: 'asof-form', 'aria-label': t('asOfLegend'), novalidate: true },
    input.wrapper,
    h('button', { type: 'submit', class: 'button button-small' }, t('asOfShow')),
    asOf ? h('a', { class: 'asof-now', href: withoutAsOf(url) }, t('asOfNow')) : null,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value() === '') {
      state.navigate(withoutAsOf(url));
      return;
    }
    if (!validate([input])) return;
    const next = new URL(url.href);
    next.searchParams.delete('asOfPosition');
    next.searchParams.set('asOf', parseDateInput(input.value())!);
    state.navigate(next.pathname + next.search);
  });
  return form;
}

export function asOfBanner(url: URL, asOf: AsOf): HTMLElement | null {
  if (!asOf) return null;
  const text = 'date' in asOf ? t('asOfBanner', { date: formatDate(asOf.date) }) : t('asOfPositionBanner', { position: asOf.position });
  return h(
    'div',
    { class: 'asof-banner', role: 'note', id: 'asof-banner' },
    h(
      'div',
      { class: 'banner-inner' },
      h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '◷'),
      h('p', null, h('strong', null, text), ' ', h('span', null, t('asOfBannerNote'))),
      h('a', { href: withoutAsOf(url), class: 'banner-link' }, t('backToToday')),
    ),
  );
}

/** Shown instead of figures while the event store no longer holds what the ledger has shown (the API's `log-lost`). */
export function logLostBanner(): HTMLElement {
  return h(
    'div',
    { class: 'asof-banner', role: 'alert', id: 'log-lost-banner' },
    h(
      'div',
      { class: 'banner-inner' },
      h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '⚠'),
      h('p', null, h('strong', null, t('logLostBanner')), ' ', h('span', null, t('logLostBannerNote'))),
    ),
  );
}

export function footer(): HTMLElement {
  return h(
    'footer',
    { class: 'site-footer' },
    h('div', { class: 'footer-inner' }, h('p', null, `${ownerName()} · ${t('appTagline')}`), h('p', null, t('footerText'))),
  );
}
