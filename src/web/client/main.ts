import { ApiProblem, me, setUnauthenticatedHandler, signIn, signOut, type AsOf, type Session } from './api.js';
import { h } from './dom.js';
import { field, validate } from './fields.js';
import { isIsoDate } from '../../shared/format.js';
import { resultRegion, showProblem, showResult } from './forms.js';
import { lang, setLang, t } from './i18n/index.js';
import { asOfBanner, footer, header, logLostBanner, type NavKey } from './shell.js';
import { fitTables, keepTablesFitted } from './tables.js';
import { errorBox, hrefWith, type Ctx } from './ui.js';
import { auditView } from './views/audit.js';
import { caseView } from './views/case-page.js';
import { casesView } from './views/cases.js';
import { documentCheckView } from './views/document-check.js';
import { explainView } from './views/explain.js';
import { operationsNotice } from './views/operations-notice.js';
import { overviewView } from './views/overview.js';
import { registryView } from './views/registry.js';
import { yearView, yearsView } from './views/year.js';
import { loadOrganisation, organisation } from './organisation.js';
import { setupView } from './views/setup.js';

/**
 * The page: a shell and a router over the History API. Every view is a function of the
 * URL; `?asOf=YYYY-MM-DD` (or `?asOfPosition=N`) turns every page into the ledger as it
 * stood then.
 */

type View = (ctx: Ctx, params: string[]) => Promise<Node[]>;

interface RouteDef {
  pattern: RegExp;
  view: View;
  nav: NavKey | null;
  permission: string;
}

const routes: RouteDef[] = [
  { pattern: /^\/$/, view: overviewView, nav: 'overview', permission: 'read:summaries' },
  { pattern: /^\/cases\/?$/, view: casesView, nav: 'cases', permission: 'read:cases' },
  { pattern: /^\/cases\/(\d{2}\.\d{2})\/?$/, view: caseView, nav: 'cases', permission: 'read:cases' },
  { pattern: /^\/years\/?$/, view: yearsView, nav: 'year', permission: 'read:trail' },
  { pattern: /^\/years\/(\d{4})\/?$/, view: yearView, nav: 'year', permission: 'read:trail' },
  { pattern: /^\/registry\/?$/, view: registryView, nav: 'registry', permission: 'read:registry' },
  { pattern: /^\/audit\/?$/, view: auditView, nav: 'audit', permission: 'read:trail' },
  { pattern: /^\/explain\/?$/, view: explainView, nav: 'audit', permission: 'read:explain' },
  { pattern: /^\/setup\/?$/, view: setupView, nav: null, permission: 'write:commands' },
  { pattern: /^\/documents\/check\/?$/, view: documentCheckView, nav: 'audit', permission: 'read:trail' },
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
  const owner = organisation();
  document.title = `${t('documentTitle', { page: text })}${owner ? ` – ${owner.name}` : ''}`;
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

function notFound(): Node[] {
  setTitle(t('pageNotFound'));
  return [
    h('h1', { id: 'page-title', tabindex: '-1' }, t('pageNotFound')),
    h('p', null, t('pageNotFoundText')),
    h('p', null, h('a', { href: '/' }, t('backToOverview'))),
  ];
}

interface RenderOptions {
  focus: boolean;
  flash?: { text: string; kind: 'success' | 'error'; anchor?: string };
  /** Keep the old content until the new is ready (after a write). */
  quiet?: boolean;
}

function routeOf(url: URL): { route: RouteDef | null; params: string[] } {
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (match) return { route, params: match.slice(1) };
  }
  return { route: null, params: [] };
}

/** Sends to the log-in page without a session, and away from it with one; true when it did. */
function redirected(url: URL): boolean {
  if (session === null && url.pathname !== '/login') {
    const next = url.pathname + url.search;
    history.replaceState(null, '', `/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`);
    return true;
  }
  if (session !== null && url.pathname === '/login') {
    history.replaceState(null, '', url.searchParams.get('next') ?? '/');
    return true;
  }
  return false;
}

async function render(options: RenderOptions): Promise<void> {
  const token = ++renderToken;
  const url = new URL(location.href);
  if (redirected(url)) return render(options);
  const asOf = asOfOf(url);
  // The first run records the organisation: the header then names it.
  if (url.pathname === '/setup' || organisation() === null) await loadOrganisation();
  if (token !== renderToken) return;
  document.documentElement.lang = lang();
  const { route, params } = routeOf(url);
  const main = h('main', { id: 'main', tabindex: '-1' });
  const shell = [
    h('a', { class: 'skip-link', href: '#main' }, t('skipToContent')),
    header({ session, url, asOf, current: route?.nav ?? null, navigate, switchLanguage, logOut: () => void logOut() }),
    asOfBanner(url, asOf),
    operationsNotice(session),
    main,
    footer(),
  ].filter((node): node is HTMLElement => node !== null);
  if (session === null) {
    app.replaceChildren(...shell);
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
  const quiet = options.quiet === true && document.getElementById('main') !== null;
  if (!quiet) {
    app.replaceChildren(...shell);
    main.setAttribute('aria-busy', 'true');
    main.append(h('p', { class: 'loading' }, t('loading')));
  }
  const content = await contentOf(ctx, route, params);
  if (token !== renderToken) return;
  main.removeAttribute('aria-busy');
  main.replaceChildren(...content);
  if (quiet) app.replaceChildren(...shell);
  finish(options);
}

async function contentOf(ctx: Ctx, route: RouteDef | null, params: string[]): Promise<Node[]> {
  if (!route) return notFound();
  if (!ctx.can(route.permission)) {
    setTitle(t('forbiddenPage'));
    return [
      h('h1', { id: 'page-title', tabindex: '-1' }, t('errorLoading')),
      errorBox(t('problemStatus', { status: 403 }), t('forbiddenPage')),
    ];
  }
  try {
    return await route.view(ctx, params);
  } catch (error: unknown) {
    if (error instanceof ApiProblem && error.status === 401) return [];
    const detail =
      error instanceof ApiProblem
        ? `${error.detail} (${error.status} ${error.code})`
        : error instanceof Error
          ? error.message
          : String(error);
    setTitle(t('errorLoading'));
    // The store lost what the figures showed: the banner says so, not the problem's wording.
    const explained = error instanceof ApiProblem && error.code === 'log-lost' ? logLostBanner() : errorBox(t('errorLoading'), detail);
    return [h('h1', { id: 'page-title', tabindex: '-1' }, t('errorLoading')), explained];
  }
}

function showFlash(flash: NonNullable<RenderOptions['flash']>): void {
  const anchor = (flash.anchor && document.getElementById(flash.anchor)) || document.getElementById('main');
  const element = h(
    'div',
    { class: `flash flash-${flash.kind}`, role: flash.kind === 'error' ? 'alert' : 'status', tabindex: '-1', id: 'flash' },
    h('span', { 'aria-hidden': 'true' }, flash.kind === 'error' ? '⚠ ' : '✓ '),
    flash.text,
  );
  const heading = anchor?.querySelector('h1, h2');
  if (heading && heading.parentElement === anchor) heading.after(element);
  else anchor?.prepend(element);
  element.focus();
}

function finish(options: RenderOptions): void {
  fitTables(document);
  const target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (options.flash) showFlash(options.flash);
  else if (target && location.hash !== '#main') {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'start' });
  } else if (options.focus && !firstRender) {
    document.getElementById('page-title')?.focus();
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
  navigate(url.pathname + url.search + url.hash);
});

window.addEventListener('popstate', () => void render({ focus: true }));
keepTablesFitted(document.body);

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
  await loadOrganisation();
  try {
    session = await me();
  } catch {
    session = null;
  }
  await render({ focus: false });
}

void start();
