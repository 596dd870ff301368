import { ApiProblem, me, setUnauthenticatedHandler, signIn, signOut, type AsOf, type Session } from './api.js';
import { clear, h, svg } from './dom.js';
import { formatDate, isIsoDate } from './format.js';
import { lang, setLang, t } from './i18n.js';
import { errorBox, field, hrefWith, roleName, showProblem, showResult, resultRegion, validate, type Ctx } from './ui.js';
import { parseDateInput } from './dates.js';
import { auditView } from './views/audit.js';
import { caseView, casesView } from './views/cases.js';
import { explainView } from './views/explain.js';
import { overviewView } from './views/overview.js';

/**
 * The page: a shell (skip link, header with menu, language switch and as-of
 * control, main, footer) and a router over the History API. Every view is a
 * function of the URL; `?asOf=YYYY-MM-DD` (or `?asOfPosition=N`) turns every
 * page into the ledger as it stood then.
 */

type View = (ctx: Ctx, params: string[]) => Promise<Node[]>;

interface RouteDef {
  pattern: RegExp;
  view: View;
  nav: 'overview' | 'cases' | 'audit' | null;
  permission: string;
}

const routes: RouteDef[] = [
  { pattern: /^\/$/, view: overviewView, nav: 'overview', permission: 'read:summaries' },
  { pattern: /^\/cases\/?$/, view: casesView, nav: 'cases', permission: 'read:cases' },
  { pattern: /^\/cases\/(\d{2}\.\d{2})\/?$/, view: caseView, nav: 'cases', permission: 'read:cases' },
  { pattern: /^\/audit\/?$/, view: auditView, nav: 'audit', permission: 'read:trail' },
  { pattern: /^\/explain\/?$/, view: explainView, nav: 'audit', permission: 'read:explain' },
];

let session: Session | null = null;
let renderToken = 0;
let firstRender = true;
let pendingLoginMessage: string | null = null;

const app = document.getElementById('app')!;

function asOfOf(url: URL): AsOf {
  const date = url.searchParams.get('asOf');
  if (date && isIsoDate(date)) return { date };
  const position = url.searchParams.get('asOfPosition');
  if (position && /^\d{1,15}$/.test(position)) return { position: Number(position) };
  return null;
}

function can(permission: string): boolean {
  return session !== null && session.permissions.includes(permission);
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  void render({ focus: true });
}

function setTitle(text: string): void {
  document.title = t('documentTitle', { page: text });
}

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

function switchLanguage(): void {
  setLang(lang() === 'nb' ? 'en' : 'nb');
  void render({ focus: false }).then(() => document.getElementById('lang-switch')?.focus());
}

async function logOut(): Promise<void> {
  try {
    await signOut();
  } catch {
    // the cookie is cleared or gone either way
  }
  session = null;
  pendingLoginMessage = t('loggedOut');
  navigate('/login');
}

function header(current: RouteDef | null, url: URL, asOf: AsOf): HTMLElement {
  const navItems: { key: 'overview' | 'cases' | 'audit'; label: string; path: string; permission: string }[] = [
    { key: 'overview', label: t('navOverview'), path: '/', permission: 'read:summaries' },
    { key: 'cases', label: t('navCases'), path: '/cases', permission: 'read:cases' },
    { key: 'audit', label: t('navAudit'), path: '/audit', permission: 'read:trail' },
  ];
  const otherLang = lang() === 'nb' ? 'en' : 'nb';
  return h(
    'header',
    { class: 'site-header' },
    h(
      'div',
      { class: 'header-inner' },
      h(
        'a',
        { class: 'brand', href: session ? hrefWith('/', {}, asOf) : '/login' },
        logo(),
        h(
          'span',
          { class: 'brand-text' },
          h('span', { class: 'brand-owner' }, t('appOwner')),
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
            onclick: switchLanguage,
          },
          t('switchLanguage'),
        ),
        session
          ? h(
              'div',
              { class: 'user' },
              h(
                'span',
                { class: 'user-text' },
                h(
                  'span',
                  { class: 'user-name' },
                  h('span', { class: 'visually-hidden' }, `${t('signedInAs')} `),
                  session.account.displayName,
                ),
                h('span', { class: 'user-role' }, roleName(session.account.role)),
              ),
              h('button', { type: 'button', class: 'header-button', id: 'log-out', onclick: () => void logOut() }, t('logOut')),
            )
          : null,
      ),
    ),
    session
      ? h(
          'nav',
          { class: 'main-nav', 'aria-label': t('mainNav') },
          h(
            'ul',
            { class: 'header-inner' },
            ...navItems
              .filter((item) => can(item.permission))
              .map((item) =>
                h(
                  'li',
                  null,
                  h(
                    'a',
                    { href: hrefWith(item.path, {}, asOf), 'aria-current': current?.nav === item.key ? 'page' : undefined },
                    item.label,
                  ),
                ),
              ),
            h('li', { class: 'nav-asof' }, asOfControl(url, asOf)),
          ),
        )
      : null,
  );
}

function asOfControl(url: URL, asOf: AsOf): HTMLElement {
  const input = field({
    label: t('asOfLabel'),
    name: 'asOf',
    value: asOf && 'date' in asOf ? formatDate(asOf.date) : '',
    hint: t('asOfHint'),
    inputmode: 'numeric',
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
      navigate(withoutAsOf(url));
      return;
    }
    if (!validate([input])) return;
    const next = new URL(url.href);
    next.searchParams.delete('asOfPosition');
    next.searchParams.set('asOf', parseDateInput(input.value())!);
    navigate(next.pathname + next.search);
  });
  return form;
}

function withoutAsOf(url: URL): string {
  const next = new URL(url.href);
  next.searchParams.delete('asOf');
  next.searchParams.delete('asOfPosition');
  return next.pathname + next.search;
}

function asOfBanner(url: URL, asOf: AsOf): HTMLElement | null {
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

function footer(): HTMLElement {
  return h(
    'footer',
    { class: 'site-footer' },
    h('div', { class: 'footer-inner' }, h('p', null, `${t('appOwner')} · ${t('appTagline')}`), h('p', null, t('footerText'))),
  );
}

function loginView(main: HTMLElement, next: string): void {
  setTitle(t('loginTitle'));
  const username = field({ label: t('username'), name: 'username', required: true, autocomplete: 'username' });
  const password = field({ label: t('password'), name: 'password', type: 'password', required: true, autocomplete: 'current-password' });
  const region = resultRegion();
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'login-submit' }, t('logIn'));
  const form = h(
    'form',
    { class: 'login-form', novalidate: true, 'aria-labelledby': 'page-title' },
    username.wrapper,
    password.wrapper,
    region,
    submit,
  );
  if (pendingLoginMessage) {
    showResult(region, 'success', h('p', null, pendingLoginMessage));
    pendingLoginMessage = null;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!validate([username, password])) return;
    submit.disabled = true;
    showResult(region, 'progress', h('p', null, t('loggingIn')));
    signIn(username.value(), password.control.value)
      .then((started) => {
        session = started;
        navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
      })
      .catch((error: unknown) => {
        submit.disabled = false;
        if (error instanceof ApiProblem && error.status === 401) {
          showResult(region, 'error', h('p', null, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('loginFailed')));
          password.control.value = '';
          password.control.focus();
        } else showProblem(region, error, form);
      });
  });
  main.append(
    h(
      'div',
      { class: 'login-panel panel' },
      h('h1', { id: 'page-title', tabindex: '-1' }, t('loginTitle')),
      h('p', { class: 'lead' }, t('loginIntro')),
      form,
    ),
  );
}

function notFound(main: HTMLElement): void {
  setTitle(t('pageNotFound'));
  main.append(
    h('h1', { id: 'page-title', tabindex: '-1' }, t('pageNotFound')),
    h('p', null, t('pageNotFoundText')),
    h('p', null, h('a', { href: '/' }, t('backToOverview'))),
  );
}

interface RenderOptions {
  focus: boolean;
  flash?: { text: string; kind: 'success' | 'error'; anchor?: string };
  /** Keep the old content until the new is ready (after a write). */
  quiet?: boolean;
}

async function render(options: RenderOptions): Promise<void> {
  const token = ++renderToken;
  const url = new URL(location.href);
  const asOf = asOfOf(url);
  document.documentElement.lang = lang();

  if (session === null && url.pathname !== '/login') {
    const next = url.pathname + url.search;
    history.replaceState(null, '', `/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`);
    return render(options);
  }
  if (session !== null && url.pathname === '/login') {
    history.replaceState(null, '', url.searchParams.get('next') ?? '/');
    return render(options);
  }

  let match: RegExpExecArray | null = null;
  const current = routes.find((candidate) => (match = candidate.pattern.exec(url.pathname)) !== null) ?? null;
  const params = match ? Array.from(match as RegExpExecArray).slice(1) : [];

  const oldMain = document.getElementById('main');
  const main = h('main', { id: 'main', tabindex: '-1' });
  const shell = [
    h('a', { class: 'skip-link', href: '#main' }, t('skipToContent')),
    header(current, url, asOf),
    asOfBanner(url, asOf),
    main,
    footer(),
  ];

  if (session === null) {
    clear(app);
    app.append(...shell.filter((node): node is HTMLElement => node !== null));
    loginView(main, url.searchParams.get('next') ?? '/');
    finish(options);
    return;
  }
  const ctx: Ctx = {
    session,
    asOf,
    url,
    can,
    href: (path, extra = {}) => hrefWith(path, extra, asOf),
    navigate,
    refresh: (message) => void render({ focus: false, quiet: true, ...(message ? { flash: message } : {}) }),
    setTitle,
    writable: asOf === null,
  };

  if (options.quiet && oldMain) {
    // After a write: build the page anew, then swap it in.
    const content = await contentOf(ctx, current, params);
    if (token !== renderToken) return;
    main.append(...content);
    clear(app);
    app.append(...shell.filter((node): node is HTMLElement => node !== null));
    finish(options);
    return;
  }
  clear(app);
  app.append(...shell.filter((node): node is HTMLElement => node !== null));
  main.setAttribute('aria-busy', 'true');
  main.append(h('p', { class: 'loading' }, t('loading')));
  const content = await contentOf(ctx, current, params);
  if (token !== renderToken) return;
  clear(main);
  main.removeAttribute('aria-busy');
  main.append(...content);
  finish(options);
}

async function contentOf(ctx: Ctx, current: RouteDef | null, params: string[]): Promise<Node[]> {
  if (!current) {
    const holder = h('div');
    notFound(holder);
    return Array.from(holder.childNodes);
  }
  if (!ctx.can(current.permission)) {
    setTitle(t('forbiddenPage'));
    return [
      h('h1', { id: 'page-title', tabindex: '-1' }, t('errorLoading')),
      errorBox(t('problemStatus', { status: 403 }), t('forbiddenPage')),
    ];
  }
  try {
    return await current.view(ctx, params);
  } catch (error: unknown) {
    if (error instanceof ApiProblem && error.status === 401) return [];
    const detail =
      error instanceof ApiProblem
        ? `${error.detail} (${error.status} ${error.code})`
        : error instanceof Error
          ? error.message
          : String(error);
    setTitle(t('errorLoading'));
    return [h('h1', { id: 'page-title', tabindex: '-1' }, t('errorLoading')), errorBox(t('errorLoading'), detail)];
  }
}

function finish(options: RenderOptions): void {
  if (options.flash) {
    const anchor = (options.flash.anchor && document.getElementById(options.flash.anchor)) || document.getElementById('main');
    const flash = h(
      'div',
      {
        class: `flash flash-${options.flash.kind}`,
        role: options.flash.kind === 'error' ? 'alert' : 'status',
        tabindex: '-1',
        id: 'flash',
      },
      h('span', { 'aria-hidden': 'true' }, options.flash.kind === 'error' ? '⚠ ' : '✓ '),
      options.flash.text,
    );
    const heading = anchor?.querySelector('h1, h2');
    if (heading && heading.parentElement === anchor) heading.after(flash);
    else anchor?.prepend(flash);
    flash.focus();
    firstRender = false;
    return;
  }
  if (options.focus && !firstRender) {
    const heading = document.getElementById('page-title');
    heading?.focus();
    window.scrollTo(0, 0);
  } else if (location.hash === '#main') document.getElementById('main')?.focus();
  firstRender = false;
}

// Links inside the page move without reloading it.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const href = anchor.getAttribute('href');
  if (!href || href.startsWith('#')) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', () => void render({ focus: true }));

setUnauthenticatedHandler(() => {
  if (session === null) return;
  session = null;
  pendingLoginMessage = t('sessionEnded');
  const next = location.pathname + location.search;
  history.replaceState(null, '', `/login?next=${encodeURIComponent(next)}`);
  void render({ focus: true });
});

async function start(): Promise<void> {
  document.documentElement.lang = lang();
  try {
    session = await me();
  } catch {
    session = null;
  }
  await render({ focus: false });
}

void start();
