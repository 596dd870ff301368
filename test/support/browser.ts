import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AccountStore } from '../../src/accounts/account-store.js';
import { startServer } from '../../src/http/server.js';
import { webRoutes } from '../../src/web/serve.js';
import { demoAccountsFor, demoLedger, emptyLedger } from './demo.js';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the front end into `dir` (default dist/web) the way the build script does: bundled, hashed, precompressed. */
export function buildWeb(dir = join(PROJECT_ROOT, 'dist', 'web')): string {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'src', 'web', 'build.mjs'), dir, '--quiet'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  return dir;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The real API (createApp) over an in-memory demo ledger and in-memory demo
 * accounts, with the front end's routes in front of it, on 127.0.0.1 and an
 * ephemeral port.
 */
/** The first secretariat account of a ledger that starts empty (no demo, so no published password). */
export const FIRST_SECRETARIAT = { username: 'sekretariat', password: 'first-secretariat-passphrase' } as const;

export async function startWebServer(
  webRoot: string,
  given?: Awaited<ReturnType<typeof demoLedger>> | ReturnType<typeof emptyLedger>,
): Promise<WebServer> {
  const ledger = given ?? (await demoLedger());
  const accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 12 });
  // The demo's accounts on the demo ledger; on an empty one, its first secretariat account, as `ledger user add` makes it.
  if ((await ledger.store.headPosition()) > 0) await demoAccountsFor(accounts, ledger.store);
  else await accounts.addAccount({ ...FIRST_SECRETARIAT, displayName: 'Sekretariatet', role: 'secretariat' });
  // Wired as src/main.ts wires it: the API with the front end in front of its 404 handler.
  const server = await startServer({
    ledger,
    accounts,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    app: { web: webRoutes({ root: webRoot }) },
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      accounts.close();
      await ledger.store.close();
    },
  };
}

export interface Browser {
  context: BrowserContext;
  /** Requests the page tried to make to any other origin (blocked). */
  foreignRequests: string[];
  /** Console errors and CSP violations seen on any page. */
  consoleProblems: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium headless with a fresh profile; anything not from `origin` is blocked and recorded. */
export async function launchBrowser(origin: string): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ledger-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1360, height: 900 },
    deviceScaleFactor: 1,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    acceptDownloads: true,
  });
  const foreignRequests: string[] = [];
  const consoleProblems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url === origin) return route.continue();
    if (url.startsWith('data:')) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      // Refusals the page handles and shows (401 before login, 400/422 from the rules) are not problems.
      if (message.type() === 'error' && !/status of (400|401|422) /.test(message.text())) consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(`page error: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    foreignRequests,
    consoleProblems,
    newPage: async () => {
      const page = await context.newPage();
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const SCREENSHOTS = join(PROJECT_ROOT, 'docs', 'screenshots');

/** Saves a screenshot to docs/screenshots/NAME.png: the whole page, only what the window shows, or one part of the page. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; part?: Locator } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (options.part) {
    await options.part.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
    return;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage: options.fullPage ?? true,
    animations: 'disabled',
    caret: 'hide',
  });
}

/**
 * WCAG 2.1 AA basics checked in the page itself: every field has a label, every
 * table a caption and every header cell a scope, ids are unique, links and
 * buttons have names, and visible text has at least 4.5:1 contrast (3:1 when
 * large). Plain JavaScript in a string, so nothing the test runner adds to
 * compiled functions reaches the browser.
 */
const ACCESSIBILITY_CHECK = `(() => {
  const problems = [];
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '');
  for (const control of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const byFor = control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]');
    const labelled = (byFor && byFor.textContent.trim()) || control.closest('label') || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
    if (!labelled) problems.push('field without a label: ' + describe(control));
  }
  for (const table of document.querySelectorAll('table')) {
    const caption = table.querySelector('caption');
    if (!caption || !caption.textContent.trim()) problems.push('table without a caption: ' + describe(table));
    for (const th of table.querySelectorAll('th')) if (!th.getAttribute('scope')) problems.push('header cell without scope: ' + th.textContent.trim().slice(0, 40));
  }
  const ids = new Map();
  for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  for (const [id, count] of ids) if (count > 1) problems.push('duplicate id: ' + id);
  for (const el of document.querySelectorAll('a[href], button')) if (!el.textContent.trim() && !el.getAttribute('aria-label')) problems.push('link or button without a name: ' + describe(el));
  for (const el of document.querySelectorAll('svg[role=img]')) if (!el.getAttribute('aria-labelledby') && !el.getAttribute('aria-label')) problems.push('image without a text alternative');
  if (!document.documentElement.lang) problems.push('html without lang');
  if (!document.title.trim()) problems.push('page without a title');
  if (document.querySelectorAll('h1').length !== 1) problems.push('h1 count ' + document.querySelectorAll('h1').length);
  const parse = (text) => {
    const match = /rgba?\\(([^)]+)\\)/.exec(text);
    if (!match) return null;
    const [r, g, b, a] = match[1].split(',').map((part) => Number(part.trim()));
    return { r, g, b, a: a === undefined || Number.isNaN(a) ? 1 : a };
  };
  const channel = (value) => {
    const v = value / 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const backgroundOf = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0.99) return colour;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('svg, [hidden], .visually-hidden, option, select, button:disabled, [aria-hidden=true]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    const fg = parse(style.color);
    const bg = backgroundOf(el);
    const a = fg.a;
    const blended = { r: fg.r * a + bg.r * (1 - a), g: fg.g * a + bg.g * (1 - a), b: fg.b * a + bg.b * (1 - a) };
    const l1 = luminance(blended);
    const l2 = luminance(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) problems.push('contrast ' + ratio.toFixed(2) + ':1 for "' + node.textContent.trim().slice(0, 40) + '"');
  }
  return problems;
})()`;

const AXE_SOURCE = readFileSync(join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * What axe-core finds against WCAG 2.1 A and AA (and its best practices) on the page as
 * it stands: each violation with the first elements it names. axe is evaluated in the
 * page through the browser's protocol, so the page's Content-Security-Policy stays on
 * and nothing is fetched.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')})`,
    );
  });
  return violations;
}

/**
 * What a reader must see whole: every amount (a numeric cell, an amount, a figure link),
 * every button and status in a table row, and every refusal.
 */
const MEASURED = [
  'td.num',
  '.amount',
  'a.figure-link',
  'tr button',
  'tr summary',
  'tr .badge',
  '.field-error:not([hidden])',
  '.form-result-error',
].join(', ');

/**
 * Elements of `selector` that are cut off: wider than their own box (the rest hidden or
 * scrolled away), or reaching outside a box that clips or scrolls sideways, or outside the
 * window. Each named by its text and where it is (the table's caption, or the dialog).
 * Plain JavaScript in a string, like the accessibility check, so nothing the test runner
 * adds reaches the browser.
 */
const CLIPPING_CHECK = `((selector) => {
  const problems = [];
  const text = (el) => (el.textContent || el.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
  const where = (el) => {
    const caption = el.closest('table')?.querySelector('caption')?.textContent?.trim();
    if (caption) return 'in the table «' + caption.slice(0, 60) + '»';
    if (el.closest('dialog')) return 'in the dialog';
    const section = el.closest('section')?.querySelector('h2')?.textContent?.trim();
    return section ? 'in «' + section + '»' : 'in the page';
  };
  const clipsSideways = (el) => ['hidden', 'clip', 'auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const width = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll(selector)) {
    if (el.getClientRects().length === 0) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    // Hidden for sight on purpose: text for a screen reader, and the headings of a stacked table (each cell shows its own).
    if (el.closest('.visually-hidden, .stacked thead')) continue;
    const name = '"' + text(el) + '" ' + where(el);
    const inline = getComputedStyle(el).display === 'inline';
    if (!inline && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      problems.push(name + ': cut inside its own box (' + el.scrollWidth + ' px of content in ' + el.clientWidth + ' px)');
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (!clipsSideways(box)) continue;
      const edge = box.getBoundingClientRect();
      if (rect.left < edge.left - 1 || rect.right > edge.right + 1)
        problems.push(name + ': outside the box that clips it (' + Math.round(rect.left) + '–' + Math.round(rect.right) + ' px, the box ' + Math.round(edge.left) + '–' + Math.round(edge.right) + ' px)');
    }
    if (rect.left < -1 || rect.right > width + 1) problems.push(name + ': outside the window (' + Math.round(rect.right) + ' px of ' + width + ')');
  }
  return problems;
})`;

export function clippedElements(page: Page, selector = MEASURED): Promise<string[]> {
  return page.evaluate<string[]>(`${CLIPPING_CHECK}(${JSON.stringify(selector)})`);
}

/** How far the page itself scrolls sideways (0: not at all). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export async function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(ACCESSIBILITY_CHECK);
}
