import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/accounts/demo.js';
import { WEB_CONTENT_SECURITY_POLICY, webRoutes } from '../src/web/serve.js';
import {
  accessibilityProblems,
  buildWeb,
  CHROMIUM,
  chromiumInstalled,
  launchBrowser,
  screenshot,
  startWebServer,
  type Browser,
  type WebServer,
} from './support/browser.js';

/**
 * The web page in a real browser (Debian's Chromium through playwright-core),
 * against the real HTTP API over an in-memory demo ledger.
 */

if (!chromiumInstalled) console.log(`[skipped] web e2e tests: ${CHROMIUM} not installed`);

const password = (username: string) => DEMO_ACCOUNTS.find((account) => account.username === username)!.password;

/** Text as the page shows it, with no-break spaces as plain spaces. */
const plain = (text: string | null) =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('serving the web page (no browser needed)', () => {
  let root: string;
  let built: { script: string; style: string; icon: string };
  beforeAll(() => {
    root = buildWeb(mkdtempSync(join(tmpdir(), 'ledger-web-serve-')));
    built = JSON.parse(readFileSync(join(root, 'build.json'), 'utf8'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The router mounted the way the API mounts it: after middleware that set the API's own strict headers. */
  function site() {
    const app = express();
    app.use((_req, res, next) => {
      res.set({ 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'", 'Cache-Control': 'no-store' });
      next();
    });
    app.use(webRoutes({ root }));
    app.use((req, res) =>
      res
        .status(404)
        .type('application/problem+json')
        .json({ status: 404, detail: `no ${req.method} ${req.path}` }),
    );
    return app;
  }

  it('answers client routes with the page (never cached unchecked) and its policy, and leaves the API and missing files alone', async () => {
    for (const path of ['/', '/cases/22.25', '/audit?year=2025&case=04.25', '/explain?year=2024&figure=granted&scope=initiative:samba']) {
      const response = await request(site()).get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain(`<script type="module" src="/assets/${built.script}">`);
      expect(response.text).toContain(`<link rel="stylesheet" href="/assets/${built.style}">`);
    }
    expect((await request(site()).head('/cases/22.25')).status).toBe(200);
    for (const path of [
      '/api/years',
      '/api',
      '/assets/missing.js',
      '/assets/missing.css',
      '/favicon.ico',
      `/assets/${built.script}.map`,
      '/build.json',
    ]) {
      const response = await request(site()).get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type'], path).toMatch(/^application\/problem\+json/);
    }
    expect((await request(site()).post('/cases/22.25').send({})).status).toBe(404);
  });

  it('serves the bundle under hashed names, minified, without source maps, compressed, and cached for good', async () => {
    expect(built.script).toMatch(/^app-[A-Z0-9]{8}\.js$/);
    expect(built.style).toMatch(/^style-[A-Z0-9]{8}\.css$/);
    expect(readdirSync(join(root, 'assets')).filter((name) => name.endsWith('.map'))).toEqual([]);
    const code = readFileSync(join(root, 'assets', built.script), 'utf8');
    expect(code).not.toMatch(/sourceMappingURL/);
    // Minified: a handful of very long lines, not the source's thousands.
    expect(code.split('\n').length).toBeLessThan(20);
    for (const [encoding, expected] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const response = await request(site())
        .get(`/assets/${built.script}`)
        .set('Accept-Encoding', encoding)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status, encoding).toBe(200);
      expect(response.headers['content-encoding'], encoding).toBe(expected);
      expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(response.headers['content-security-policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
      // What went over the wire is the file compressed at build time; the client decodes it to the bundle.
      const sent = join(root, 'assets', `${built.script}${expected === 'br' ? '.br' : expected === 'gzip' ? '.gz' : ''}`);
      expect(Number(response.headers['content-length'])).toBe(statSync(sent).size);
      expect((response.body as Buffer).toString('utf8')).toBe(code);
    }
    const style = await request(site()).get(`/assets/${built.style}`).set('Accept-Encoding', 'gzip');
    expect(style.headers['content-type']).toMatch(/^text\/css/);
    expect(style.headers['content-encoding']).toBe('gzip');
  });

  it('sends the first page in under 100 KiB, compressed', async () => {
    // The first page is the HTML, the script, the styles and the icon, each as the browser gets it.
    let brotli = 0;
    let gzip = 0;
    for (const path of ['/', `/assets/${built.script}`, `/assets/${built.style}`, `/assets/${built.icon}`]) {
      for (const [encoding, add] of [
        ['br', (bytes: number) => (brotli += bytes)],
        ['gzip', (bytes: number) => (gzip += bytes)],
      ] as const) {
        const response = await request(site()).get(path).set('Accept-Encoding', encoding).buffer(true);
        expect(response.status, path).toBe(200);
        // index.html is small and sent as it is; the assets are sent precompressed, and their Content-Length says how much.
        add(Number(response.headers['content-length'] ?? Buffer.byteLength(response.text ?? '')));
      }
    }
    console.log(`first page: ${(brotli / 1024).toFixed(1)} KiB with brotli, ${(gzip / 1024).toFixed(1)} KiB with gzip`);
    expect(brotli).toBeLessThan(100 * 1024);
    expect(gzip).toBeLessThan(100 * 1024);
  });

  it('says how to build the page when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ledger-web-empty-'));
    const app = express().use(webRoutes({ root: empty }));
    const response = await request(app).get('/');
    expect(response.status).toBe(503);
    expect(response.text).toContain('npm run build');
    rmSync(empty, { recursive: true, force: true });
  });
});

describe.skipIf(!chromiumInstalled)('the web page in Chromium', () => {
  let webRoot: string;
  let server: WebServer;
  /** Records through the API as the secretariat (setting up what a test is not about). */
  const recordAsSecretariat = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer hfi_demo_sekretariat',
        'Content-Type': 'application/json',
        'Idempotency-Key': `setup-${path}-${JSON.stringify(body).length}`,
      },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBe(201);
  };
  let browser: Browser;

  beforeAll(async () => {
    webRoot = buildWeb(mkdtempSync(join(tmpdir(), 'ledger-web-')));
    server = await startWebServer(webRoot);
    browser = await launchBrowser(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  // A step that fails says what the page refused, if anything.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const open of browser.context.pages())
      console.log('the page shows:', (await open.locator('.form-result-error, .field-error:not([hidden])').allTextContents()).join(' | '));
  });

  async function logIn(page: Page, username: string): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Brukernavn').fill(username);
    await page.getByLabel('Passord').fill(password(username));
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
  }

  async function freshPage(): Promise<Page> {
    await browser.context.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.evaluate(() => localStorage.clear());
    return page;
  }

  /** A cell of the frame table: the figure's row, the year's column. */
  async function frameCell(page: Page, figure: string, year: number): Promise<string> {
    await page.locator('#frame-table').waitFor();
    const years = await page.locator('#frame-table thead th.year-col .year-label').allTextContents();
    const column = years.indexOf(String(year));
    expect(column).toBeGreaterThanOrEqual(0);
    return plain(await page.locator(`#frame-table tr[data-figure="${figure}"] td`).nth(column).textContent());
  }

  /** The confirmation a grant asks for: confirmed, or left open for the caller to read. */
  async function confirmGrant(title: string, options: { keepOpen?: boolean } = {}) {
    const page = browser.context.pages().at(-1)!;
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.waitFor();
    if (!options.keepOpen) await dialog.locator('#confirm-yes').click();
    return dialog;
  }

  async function expectNoWriteControls(page: Page): Promise<void> {
    expect(await page.locator('[data-write]').count()).toBe(0);
    expect(await page.locator('main form.write-form').count()).toBe(0);
    const buttons = (await page.locator('main button').allTextContents()).map(plain);
    for (const text of buttons) expect(text).not.toMatch(/registrer|lagre|etabler|avgi|record|save|establish|cast/i);
  }

  it('serves the page, its modules and styles with their content types and a strict Content-Security-Policy', async () => {
    const page = await fetch(`${server.url}/cases/22.25?asOf=2025-06-01`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(WEB_CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    const [, scriptPath] = /<script type="module" src="(\/assets\/app-[A-Z0-9]{8}\.js)"><\/script>/.exec(html) ?? [];
    const [, stylePath] = /<link rel="stylesheet" href="(\/assets\/style-[A-Z0-9]{8}\.css)">/.exec(html) ?? [];
    const [, iconPath] = /<link rel="icon" href="(\/assets\/favicon-[A-Z0-9]{8}\.svg)"/.exec(html) ?? [];
    expect(html).not.toMatch(/<script>(?!<)/);
    expect(html).not.toMatch(/https?:\/\//);

    const script = await fetch(`${server.url}${scriptPath}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const style = await fetch(`${server.url}${stylePath}`);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await style.text()).not.toMatch(/@import|url\(\s*['"]?https?:/);
    const icon = await fetch(`${server.url}${iconPath}`);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);

    // The API is untouched: its own answers and problems, not the page.
    const api = await fetch(`${server.url}/api/years`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const missingAsset = await fetch(`${server.url}/assets/nothing-here.js`);
    expect(missingAsset.status).toBe(404);
  });

  it('(c) works by keyboard alone: skip link, login, menu, focus moved to the new page, no trap', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'login');

    // The first Tab reaches the skip link, visible when focused; Enter moves focus to main.
    await page.keyboard.press('Tab');
    expect(plain(await page.evaluate(() => document.activeElement?.textContent ?? ''))).toBe('Hopp til hovedinnhold');
    const box = await page.locator('.skip-link').boundingBox();
    expect(box && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Tab into the form, type, and submit with Enter.
    for (let presses = 0; presses < 10; presses++) {
      if ((await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)) === 'username') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('username');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type('leder');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('password');
    await page.keyboard.type(password('leder'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();

    // Through the menu to the cases; focus lands on the new page's heading.
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.tagName === 'A' && document.activeElement.textContent === 'Saker');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Saker i strategisk samarbeidsutvalg' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    expect(new URL(page.url()).pathname).toBe('/cases');

    reached = false;
    for (let presses = 0; presses < 15 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === '22.25');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Sak 22\.25/ }).waitFor();

    // No keyboard trap: tabbing on goes through the whole page, out of it, and round to the top again.
    const seen: string[] = [];
    let wrapped = false;
    for (let presses = 0; presses < 200 && !wrapped; presses++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const active = document.activeElement;
        if (!active || active === document.body) return 'body';
        return `${active.tagName}#${active.id}|${active.getAttribute('name') ?? ''}|${active.textContent?.slice(0, 24) ?? ''}`;
      });
      if (where !== 'body' && seen.includes(where)) wrapped = true;
      seen.push(where);
    }
    expect(wrapped).toBe(true);
    expect(seen.some((where) => where.includes('Hopp til hovedinnhold'))).toBe(true);
    expect(seen.some((where) => where.includes('Avgi stemme'))).toBe(true);
    expect(new Set(seen).size).toBeGreaterThan(10);
    await page.close();
  });

  it('(d) switches to English: labels, the html lang attribute and the choice kept on reload', async () => {
    const page = await freshPage();
    await logIn(page, 'revisor');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nb');
    expect(await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link').allTextContents()).toEqual([
      'Oversikt',
      'Saker',
      'Årsregnskap',
      'Register',
      'Revisjonsspor',
    ]);
    await page.getByRole('button', { name: 'Change language to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview of the collaboration funds' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Cases',
      'Year',
      'Registry',
      'Audit trail',
    ]);
    expect(plain(await page.locator('#frame-table tr[data-figure="frame"] th').textContent())).toBe('Adjusted frame');
    expect(await accessibilityProblems(page)).toEqual([]);
    // Amounts read the same in both languages: the ledger's currency in its own notation.
    expect(await frameCell(page, 'frame', 2025)).toBe('kr 12 595 000');
    expect(plain(await page.locator('#lang-switch').textContent())).toBe('Norsk');
    // Focus stays on the switch.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lang-switch');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Overview of the collaboration funds' }).waitFor();
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases of the strategic committee' }).waitFor();
    await screenshot(page, 'cases-en');
    await page.getByRole('button', { name: 'Bytt språk til norsk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Saker i strategisk samarbeidsutvalg' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nb');
    await page.close();
  });

  it('a reader sees the summaries only: no cases, no audit, no explanations, no forms', async () => {
    const page = await freshPage();
    await logIn(page, 'leser');
    expect(await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link').allTextContents()).toEqual(['Oversikt']);
    expect(await frameCell(page, 'frame', 2025)).toBe('kr 12 595 000');
    expect(await page.locator('a.figure-link').count()).toBe(0);
    await expectNoWriteControls(page);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.goto(`${server.url}/audit`);
    await page.getByText('Du har ikke tilgang til denne siden med rollen din.').waitFor();
    await page.close();
  });

  it('(b) an auditor explains a balance from the figure to the events, and sees no write controls anywhere', async () => {
    const page = await freshPage();
    await logIn(page, 'revisor');
    await expectNoWriteControls(page);
    // This year and the last are shown; 2024 is one choice away.
    expect(await page.locator('#frame-table thead th.year-col').count()).toBe(1);
    await page.getByRole('group', { name: 'Vis år' }).getByLabel('2024').check();
    await page.getByRole('button', { name: 'Vis valgte år' }).click();
    await expect.poll(() => page.locator('#frame-table thead th.year-col').count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('years')).toBe('2024,2025');
    expect(await frameCell(page, 'frame', 2025)).toBe('kr 12 595 000');
    expect(await frameCell(page, 'granted', 2024)).toBe('kr 9 720 000');
    expect(await frameCell(page, 'available', 2025)).toBe('kr 12 595 000');
    // The chart draws the frame with its label and amount as text.
    const frameBars = plain(await page.locator('.chart .bar-frame').textContent());
    expect(frameBars).toContain('Justert ramme');
    expect(frameBars).toContain('2025kr 12 595 000');
    expect(await accessibilityProblems(page)).toEqual([]);

    // Barn og unge, 2024, granted → its explanation.
    const row = page.locator('#granted-per-year-table tr[data-scope="programme-area:barn-og-unge"]');
    const link = row.locator('a[data-figure="granted"][data-year="2024"]');
    expect(plain(await link.textContent())).toBe('kr 1 200 000');
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Tildelt: Barn og unge, 2024' }).waitFor();
    expect(new URL(page.url()).searchParams.get('scope')).toBe('programme-area:barn-og-unge');
    const rows = page.locator('.explain-table tbody tr[data-position]');
    expect(await rows.count()).toBe(2);
    expect(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-case')))).toEqual(['04.25', '04.25']);
    expect(plain(await page.locator('.explain-table .opening-row').textContent())).toContain('Inngående saldo');
    expect(plain(await page.locator('.explain-table .opening-row').textContent())).toContain('kr 0');
    expect(plain(await rows.nth(0).locator('.running').textContent())).toBe('kr 200 000');
    expect(plain(await page.locator('#closing-balance').textContent())).toBe('kr 1 200 000');
    expect(plain(await page.locator('.explain-table tfoot').textContent())).toContain('Utgående saldo');
    await expectNoWriteControls(page);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'explanation');

    // A page at a time: with one posting a page, "Show more postings" appends the next.
    await page.goto(`${server.url}/explain?year=2024&figure=granted&scope=programme-area:barn-og-unge&limit=1`);
    await page.locator('#explain-rows-shown').waitFor();
    expect(await rows.count()).toBe(1);
    expect(plain(await page.locator('#explain-rows-shown').textContent())).toBe('Viser 1 av 2 posteringer.');
    await page.locator('#explain-more').click();
    await page.locator('#explain-more').waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(2);
    expect(plain(await rows.nth(1).locator('.running').textContent())).toBe('kr 1 200 000');
    expect(plain(await page.locator('#explain-rows-shown').textContent())).toBe('Viser 2 av 2 posteringer.');
    expect(await accessibilityProblems(page)).toEqual([]);

    // The case number links to the case; the case page has no forms for an auditor.
    await rows.nth(0).getByRole('link', { name: '04.25' }).click();
    await page.getByRole('heading', { level: 1, name: /^Sak 04\.25/ }).waitFor();
    await expectNoWriteControls(page);
    await page.goto(`${server.url}/cases/22.25`);
    await page.getByRole('heading', { level: 1, name: /^Sak 22\.25/ }).waitFor();
    await expectNoWriteControls(page);

    // The trail: filter by text, type and case; each posting links to the explanation as it stood then.
    await page.getByRole('link', { name: 'Revisjonsspor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revisjonsspor 2025' }).waitFor();
    await page.getByRole('navigation', { name: 'År' }).getByRole('link', { name: '2024' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revisjonsspor 2024' }).waitFor();
    await expectNoWriteControls(page);
    const visible = page.locator('#trail-table tbody tr:not([hidden])');
    const all = await visible.count();
    expect(all).toBeGreaterThan(15);
    await page.getByLabel('Hendelsestype').selectOption('FundsReleased');
    expect(await visible.count()).toBe(2);
    expect(plain(await page.locator('#filter-count').textContent())).toBe(`Viser 2 av ${all} hendelser.`);
    await page.getByLabel('Hendelsestype').selectOption('');
    await page.getByLabel('Saksnummer').selectOption('04.25');
    const ofCase = await visible.count();
    expect(ofCase).toBeGreaterThanOrEqual(16);
    expect(ofCase).toBeLessThan(all);
    expect(new Set(await visible.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-case'))))).toEqual(
      new Set(['04.25']),
    );
    expect(new URL(page.url()).searchParams.get('case')).toBe('04.25');
    await page.getByLabel('Søk i teksten').fill('SAMBA');
    expect(await visible.count()).toBe(1);
    expect(plain(await visible.textContent())).toContain('SAMBA');
    await page.getByRole('button', { name: 'Nullstill filter' }).click();
    await expect.poll(() => visible.count()).toBe(all);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'audit-trail', { fullPage: false });
    const exportLink = page.getByRole('link', { name: /Last ned eksport/ });
    expect(await exportLink.getAttribute('href')).toBe('/api/export');
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^ledger-export-.*\.ndjson$/);

    const samba = page.locator('#trail-table tbody tr', { hasText: 'SAMBA' }).first().locator('a.figure-link').first();
    await samba.click();
    await page.getByRole('heading', { level: 1, name: /SAMBA/ }).waitFor();
    await page
      .locator('.asof-banner')
      .getByText(/Viser regnskapet slik det var registrert etter hendelse nr\. \d+/)
      .waitFor();
    expect(browser.foreignRequests).toEqual([]);
    await page.close();
  });

  it('a committee member sees only their own vote form, and votes', async () => {
    // A case decided at today's meeting (a vote cast today cannot belong to the meeting of 18.09.2025 that case 22.25 records).
    await recordAsSecretariat('/api/cases', { caseNumber: '23.26', meetingDate: '2026-11-01', title: 'Fond for 2026' });
    await recordAsSecretariat('/api/cases/23.26/resolution', {
      points: [
        { number: 1, text: 'Strategisk samarbeidsutvalg tar saken til orientering.', alternatives: [], authorises: { kind: 'none' } },
        {
          number: 2,
          text: 'Strategisk samarbeidsutvalg beslutter å sette av midler i fond.',
          alternatives: [
            { number: 1, label: 'Alt. 1: kr 750 000', amount: '750000' },
            { number: 2, label: 'Alt. 2: ikke etablere', amount: null },
          ],
          authorises: { kind: 'reserve-fund', year: 2026 },
        },
      ],
    });
    const page = await freshPage();
    await logIn(page, 'leder');
    expect(await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link').allTextContents()).toEqual([
      'Oversikt',
      'Saker',
      'Register',
    ]);
    await page.goto(`${server.url}/cases/23.26`);
    await page.getByRole('heading', { level: 1, name: /^Sak 23\.26/ }).waitFor();
    expect(await page.locator('#own-vote-form').count()).toBe(1);
    expect(await page.locator('#bulk-votes-form, #adopt-form, .grants-form, #reserve-form, #award-form').count()).toBe(0);
    expect(await page.locator('[data-write]').count()).toBe(2); // the form and its button
    expect(await accessibilityProblems(page)).toEqual([]);
    const point2 = page.getByRole('group', { name: 'Punkt 2' });
    await point2.getByLabel('Alt. 1: kr 750 000').check();
    await page.getByRole('button', { name: 'Avgi stemme' }).click();
    await page.locator('#flash').getByText('1 av 1 stemmer lagret.').waitFor();
    expect(plain(await page.locator('#votes tr[data-member="leder"][data-point="2"]').first().textContent())).toContain('Alt. 1');
    expect(plain(await page.locator('#own-vote-form').textContent())).toContain('Registrert: Alt. 1');
    await page.close();
  });

  it('(a) the secretariat records the outcome of case 22.25 and the 2025 frame shows what is left', async () => {
    const page = await freshPage();
    await logIn(page, 'sekretariat');
    expect(await frameCell(page, 'available', 2025)).toBe('kr 12 595 000');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Saker' }).click();
    await page.getByRole('link', { name: '22.25' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sak 22.25: Rekrutterings- og samhandlingsmidler 2025' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // The chair's vote at the meeting was recorded first as Alt. 1; the bulk entry changes it, so it is superseded.
    await recordAsSecretariat('/api/cases/22.25/votes', {
      memberId: 'leder',
      pointNumber: 2,
      choice: { alternativeNumber: 1 },
      effectiveDate: '2025-09-18',
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sak 22.25: Rekrutterings- og samhandlingsmidler 2025' }).waitFor();
    // Bulk votes on point 2 after the meeting.
    const votes: Record<string, string> = {
      nestleder: 'alt:1',
      'kommune-nord': 'alt:2',
      'kommune-sor': 'alt:2',
      'si-psykisk-helse': 'alt:2',
      'si-prehospital': 'alt:1',
    };
    expect(await page.locator('#bulk-votes-form select[data-member="leder"][data-point="2"]').inputValue()).toBe('alt:1');
    for (const [member, choice] of Object.entries(votes))
      await page.locator(`#bulk-votes-form select[data-member="${member}"][data-point="2"]`).selectOption(choice);
    // A date that is not a date is refused before anything is sent.
    await page
      .locator('#bulk-votes-form')
      .getByLabel(/Gjelder fra/)
      .fill('31.02.2025');
    await page.getByRole('button', { name: 'Lagre stemmene' }).click();
    await page.locator('#bulk-votes-form .field-error').getByText('Skriv en gyldig dato.').waitFor();
    await page
      .locator('#bulk-votes-form')
      .getByLabel(/Gjelder fra/)
      .fill('18.09.2025');
    await page.getByRole('button', { name: 'Lagre stemmene' }).click();
    await page.locator('#flash').getByText('5 av 5 stemmer lagret.').waitFor();
    // The chair's vote changed beside it: the new vote supersedes the one recorded first.
    const chair = page.locator('#votes tr[data-member="leder"][data-point="2"]:not(.superseded)');
    await chair.locator('summary', { hasText: 'Endre' }).click();
    await chair.getByLabel('Ny stemme').selectOption('alt:2');
    expect(await chair.getByLabel(/Gjelder fra/).inputValue()).toBe('18.09.2025');
    await chair.getByRole('button', { name: 'Lagre ny stemme' }).click();
    await page
      .locator('#flash')
      .getByText(/på punkt 2 er endret\./)
      .waitFor();
    expect(await page.locator('#votes tr.superseded[data-member="leder"]').count()).toBe(1);
    expect(plain(await page.locator('#votes tr.superseded[data-member="leder"]').textContent())).toContain('Erstattet av en senere stemme');
    expect(plain(await page.locator('#votes .tally').nth(1).textContent())).toBe('Alt. 1: 2 · Alt. 2: 4');

    // Adopt: alternative 2 leads the tally; "by majority" and the dissent follow from the votes, by the ledger's own rule.
    const adopt = page.locator('#adopt-form');
    expect(await adopt.getByLabel('Valgt alternativ for punkt 2').inputValue()).toBe('2');
    const rule = adopt.getByLabel('Punkt 2: hvordan det ble avgjort');
    expect(await rule.inputValue()).toBe('majority');
    expect(await adopt.getByLabel('Punkt 1: hvordan det ble avgjort').inputValue()).toBe('consensus');
    expect(await adopt.locator('#dissent-list li').count()).toBe(2);
    expect(plain(await adopt.locator('#dissent-list').textContent())).toMatch(/– punkt 2.*– punkt 2/);
    // "Unanimous" with dissent: the page's tally rule says so at once; sent anyway, the ledger refuses it, in words, beside the field.
    await rule.selectOption('unanimous');
    expect(plain(await adopt.locator('fieldset[data-point="2"] .tally-judgement').textContent())).toBe(
      '⚠ Stemmene bærer ikke et vedtak enstemmig.',
    );
    await adopt.getByRole('button', { name: 'Registrer vedtaket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrere vedtaket i sak 22.25?' });
    await dialog.getByRole('button', { name: 'Registrer vedtaket' }).click();
    const refusal =
      'Stemmene på punkt 2 (alt. 1: 2 og alt. 2: 4, ingen blanke) bærer ikke et vedtak enstemmig for alt. 2. Et enstemmig vedtak har alle stemmer for.';
    await adopt.locator('.field-error').getByText(refusal).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name)).toBe('rule-2');
    expect(plain(await adopt.locator('.form-result-error').textContent())).toContain(`Ikke lagret: ${refusal}`);
    await rule.selectOption('majority');
    await adopt.getByRole('button', { name: 'Registrer vedtaket' }).click();
    await dialog.getByRole('button', { name: 'Registrer vedtaket' }).click();
    await page
      .locator('#flash')
      .getByText(/Vedtatt 18\.09\.2025: punkt 1, 3 og 4 i konsensus \(uten votering\); punkt 2 med flertall\./)
      .waitFor();
    expect(plain(await page.locator('#resolution li[data-point="2"] li.chosen').textContent())).toContain('Alt. 2: kr 500 000');
    expect(await page.locator('#votes form').count()).toBe(0);

    // The reserve fund of alternative 2, confirmed first: it cannot be undone.
    const reserve = page.locator('#reserve-form');
    await reserve.getByLabel('Navn på fondet').fill('');
    await reserve.getByRole('button', { name: 'Etabler fondet' }).click();
    await reserve.locator('.field-error').getByText('Må fylles ut.').waitFor();
    await reserve.getByLabel('Navn på fondet').fill('Fond for implementering av nye samhandlingsløsninger');
    await reserve.getByRole('button', { name: 'Etabler fondet' }).click();
    const confirmReserve = page.getByRole('dialog', { name: 'Etablere fondet?' });
    expect(plain(await confirmReserve.textContent())).toContain('kr 500 000 settes av i rammen for 2025, med hjemmel i sak 22.25 punkt 2');
    await confirmReserve.getByRole('button', { name: 'Etabler fondet' }).click();
    await page.locator('#flash').getByText('Fondet er etablert: kr 500 000 satt av i 2025.').waitFor();

    // The grants point 1 authorises: prefilled from the recommendation; the new initiative must be registered first.
    const grants = page.locator('#grants-form-1');
    expect(await grants.locator('tr[data-status="pending"]').count()).toBe(7);
    expect(await grants.locator('tr[data-status="missing"]').count()).toBe(1);
    expect(plain(await grants.locator('tr[data-status="missing"]').textContent())).toContain('Satsningen er ikke registrert');
    // A wrong amount is refused next to its field, before sending.
    const vipAmount = grants.getByLabel('Beløp for VIP (very important patient)');
    const recordVip = grants.getByRole('button', { name: 'Registrer tildeling til VIP (very important patient)' });
    expect(await vipAmount.inputValue()).toBe('3 000 000');
    await vipAmount.fill('3 000 000,555');
    await recordVip.click();
    await grants
      .locator('.field-error')
      .getByText('«3 000 000,555» har mer enn to desimaler; et beløp har høyst to sifre for øre, for eksempel 1 000 000,50.')
      .waitFor();
    expect(await vipAmount.getAttribute('aria-invalid')).toBe('true');
    // The server's own check, with its issue placed next to the field it names (plan.amount); asked first, as every grant is.
    await vipAmount.fill('0');
    await recordVip.click();
    await confirmGrant('Registrere tildelingen til VIP (very important patient)?');
    await grants.locator('.field-error').getByText('beløpet må være mer enn null').waitFor();
    await grants
      .locator('.form-result-error')
      .getByText(/^⚠ VIP \(very important patient\): Ikke lagret:/)
      .waitFor();
    // More than the point authorises: the rule's refusal in Norwegian, its figures as amounts, beside the field, focused.
    await vipAmount.fill('3 500 000');
    await recordVip.click();
    await confirmGrant('Registrere tildelingen til VIP (very important patient)?');
    await grants
      .locator('.field-error')
      .getByText('Punkt 1 i sak 22.25 gir hjemmel for kr 3 000 000 til VIP (very important patient) i 2025; kr 3 500 000 er mer enn det.')
      .waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(await vipAmount.getAttribute('name'));
    expect(await accessibilityProblems(page)).toEqual([]);
    // The connection fails once: the retry sends the same Idempotency-Key, so the grant cannot be recorded twice.
    const keys: string[] = [];
    await page.route('**/api/years/2025/grants', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) await route.abort('failed');
      else await route.continue();
    });
    await vipAmount.fill('3 000 000');
    await recordVip.click();
    // The confirmation says what the frame has left after it: 12 595 000 − 500 000 reserved, then − 3 000 000.
    const vipDialog = await confirmGrant('Registrere tildelingen til VIP (very important patient)?', { keepOpen: true });
    expect(plain(await vipDialog.locator('.confirm-facts').textContent())).toContain(
      'SatsningVIP (very important patient)Beløpkr 3 000 000År2025',
    );
    expect((await vipDialog.locator('#confirm-changes tbody td').allTextContents()).map(plain)).toEqual(['kr 12 095 000', 'kr 9 095 000']);
    await vipDialog.locator('#confirm-yes').click();
    await grants
      .locator('.form-result-error')
      .getByText(/Fikk ikke kontakt med tjenesten/)
      .waitFor();
    await recordVip.click();
    await confirmGrant('Registrere tildelingen til VIP (very important patient)?');
    await page
      .locator('#flash')
      .getByText(/Lagret\. VIP \(very important patient\): kr\s3\s000\s000/)
      .waitFor();
    await page.unroute('**/api/years/2025/grants');
    const aborted = browser.consoleProblems.indexOf('Failed to load resource: net::ERR_FAILED');
    if (aborted >= 0) browser.consoleProblems.splice(aborted, 1);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await page.locator('#grants-form-1 tr[data-status="recorded"]').count()).toBe(1);

    const register = page.locator('form.register-initiative');
    await register.locator('select[name="programmeAreaId"]').selectOption({ label: 'Nytt programområde …' });
    await register.getByLabel('Navn på nytt programområde').fill('Psykisk helsevern og rus voksne');
    expect(await register.getByLabel('Id for nytt programområde').inputValue()).toBe('psykisk-helsevern-og-rus-voksne');
    await register.getByLabel('Id for satsningen').fill('psykisk-helse-voksne');
    expect(await register.getByLabel('Navn på satsningen').inputValue()).toBe('Psykisk helse voksne med store sammensatte behov');
    await register.getByRole('button', { name: 'Registrer satsningen' }).click();
    await page.locator('#flash').getByText('Lagret. Psykisk helse voksne med store sammensatte behov').waitFor();
    expect(await page.locator('form.register-initiative').count()).toBe(0);
    expect(await page.locator('#grants-form-1 tr[data-status="pending"]').count()).toBe(7);

    await page.getByRole('button', { name: 'Registrer alle' }).click();
    const all = await confirmGrant('Registrere 7 tildelinger?', { keepOpen: true });
    expect(plain(await all.locator('#confirm-total').textContent())).toBe('kr 8 345 000');
    await all.getByRole('button', { name: 'Registrer 7 tildelinger' }).click();
    await page.locator('#flash').getByText('7 av 7 tildelinger registrert.').waitFor();
    expect(await page.locator('#grants-form-1 tr[data-status="recorded"]').count()).toBe(8);
    expect(plain(await page.locator('#grants-total').textContent())).toBe('8 tildelinger, til sammen kr 11 345 000.');
    await screenshot(page, 'case-22-25');

    // The overview: the 2025 frame has 12 595 000 − 11 345 000 granted − 500 000 reserved left.
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Oversikt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
    expect(await frameCell(page, 'granted', 2025)).toBe('kr 11 345 000');
    expect(await frameCell(page, 'reserved', 2025)).toBe('kr 500 000');
    expect(await frameCell(page, 'available', 2025)).toBe('kr 750 000');
    // 2025 alone (2026 may have a case of its own): its programme areas and initiatives in full.
    await page.goto(`${server.url}/?years=2025`);
    const newInitiative = page.locator('#balances-table tr[data-scope="initiative:psykisk-helse-voksne"]');
    expect(plain(await newInitiative.textContent())).toContain('kr 600 000');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'overview');
    expect(browser.foreignRequests).toEqual([]);
    await page.close();
  });

  it('an as-of date turns every page into the ledger as it stood then, with a visible banner and no forms', async () => {
    const page = await freshPage();
    await logIn(page, 'sekretariat');
    await page.getByLabel('Vis per dato').fill('01.06.2025');
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    await page.locator('.asof-banner').getByText('Viser regnskapet per 01.06.2025').waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2025-06-01');
    // 2025 then: received, not yet the 2024 remainder or the released funds (settled 01.09.2025).
    expect(await frameCell(page, 'received', 2025)).toBe('kr 10 615 000');
    expect(await frameCell(page, 'frame', 2025)).toBe('kr 10 615 000');
    expect(await frameCell(page, 'granted', 2025)).toBe('kr 0');
    // Links keep the date.
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Saker' }).click();
    await page.getByRole('heading', { level: 1, name: 'Saker i strategisk samarbeidsutvalg' }).waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2025-06-01');
    await page.locator('.asof-banner').getByText('Viser regnskapet per 01.06.2025').waitFor();
    // Case 22.25 was opened on 01.06.2025: then it had no proposals, recommendation or proposed resolution yet.
    expect((await page.locator('tr[data-case="22.25"] > *').allTextContents()).map(plain)).toEqual([
      '22.25',
      'Rekrutterings- og samhandlingsmidler 2025',
      '0',
      '0',
      '◷ Under forberedelse',
    ]);
    await page.goto(`${server.url}/cases/04.25?asOf=2025-06-01`);
    await page.getByRole('heading', { level: 1, name: /^Sak 04\.25/ }).waitFor();
    await expectNoWriteControls(page);
    await page.goto(`${server.url}/?asOf=2025-06-01`);
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'overview-as-of');
    await page.locator('.asof-banner').getByRole('link', { name: 'Tilbake til i dag' }).click();
    await expect.poll(async () => page.locator('.asof-banner').count()).toBe(0);
    expect(await frameCell(page, 'available', 2025)).toBe('kr 750 000');
    expect(browser.consoleProblems).toEqual([]);
    await page.close();
  });
});
