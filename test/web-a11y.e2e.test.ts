import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/accounts/demo.js';
import {
  axeViolations,
  buildWeb,
  clippedElements,
  CHROMIUM,
  chromiumInstalled,
  horizontalOverflow,
  launchBrowser,
  startWebServer,
  type Browser,
  type WebServer,
} from './support/browser.js';

/**
 * WCAG 2.1 AA in the browser: axe-core finds no violation on any page, for any role, at
 * 1360 px and at 390 px; the page itself never scrolls sideways at 320 px or at 200 %
 * zoom (1280 px shown at 640 CSS px); links say what they explain; Norwegian content is
 * marked as such in the English view; six years fit the overview at 1360 px.
 */

if (!chromiumInstalled) console.log(`[skipped] web accessibility tests: ${CHROMIUM} not installed`);

const password = (username: string) => DEMO_ACCOUNTS.find((account) => account.username === username)!.password;

/** The pages each role has, as addresses. */
const pagesOf: Record<string, string[]> = {
  leser: ['/?years=2024,2025'],
  leder: ['/?years=2024,2025', '/cases', '/cases/22.25', '/registry'],
  revisor: [
    '/?years=2024,2025',
    '/cases',
    '/cases/04.25',
    '/years/2025',
    '/registry',
    '/audit?year=2024',
    '/explain?year=2024&figure=granted&scope=programme-area:barn-og-unge',
    '/explain?year=2025&figure=availableIfRecommendationAdopted&scope=total',
    '/documents/check',
  ],
  sekretariat: [
    '/?years=2024,2025',
    '/cases',
    '/cases/22.25',
    '/years/2025',
    '/years/2024',
    '/registry',
    '/audit?year=2025',
    '/documents/check',
  ],
};

describe.skipIf(!chromiumInstalled)('accessibility of every page, for every role', () => {
  let webRoot: string;
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    webRoot = buildWeb(mkdtempSync(join(tmpdir(), 'ledger-web-a11y-')));
    server = await startWebServer(webRoot);
    browser = await launchBrowser(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  async function logIn(username: string): Promise<Page> {
    await browser.context.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByLabel('Brukernavn').fill(username);
    await page.getByLabel('Passord').fill(password(username));
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
    return page;
  }

  async function open(page: Page, path: string): Promise<void> {
    await page.goto(`${server.url}${path}`);
    await page.locator('h1#page-title').waitFor();
    await page.waitForLoadState('networkidle');
  }

  /** Every disclosure opened, so the forms inside are checked too. */
  const openDisclosures = (page: Page) =>
    page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));

  it('the log-in page has no violations at either width and never scrolls sideways', async () => {
    await browser.context.clearCookies();
    const page = await browser.newPage();
    for (const width of [1360, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();
      expect(await axeViolations(page), `log-in at ${width}`).toEqual([]);
    }
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await horizontalOverflow(page)).toBe(0);
    await page.close();
  });

  for (const [username, paths] of Object.entries(pagesOf))
    it(`${username}: every page has no axe violations at 1360 and 390 px, with its forms open, and never scrolls sideways at 320 or 640 px`, async () => {
      const page = await logIn(username);
      for (const path of paths) {
        for (const width of [1360, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await open(page, path);
          await openDisclosures(page);
          expect(await axeViolations(page), `${username} ${path} at ${width} px`).toEqual([]);
        }
        for (const width of [320, 640]) {
          await page.setViewportSize({ width, height: 800 });
          await open(page, path);
          await openDisclosures(page);
          expect(await horizontalOverflow(page), `${username} ${path} at ${width} px`).toBe(0);
        }
      }
      await page.close();
      // Every page of the role at four widths, axe at two: minutes on a busy two-core machine.
    }, 240_000);

  it('the settlement dialog is accessible at 1360 and 390 px: focus at its heading, every column whole, and it gives the focus back', async () => {
    // The page's today is the ledger's (support/demo.ts), so the settlement date it proposes is one the ledger takes.
    await browser.context.clock.setFixedTime(new Date('2026-11-01T10:00:00Z'));
    const page = await logIn('sekretariat');
    for (const width of [1360, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await open(page, '/years/2025');
      await page.getByRole('button', { name: 'Avregn og lukk 2025' }).click();
      const dialog = page.getByRole('dialog', { name: 'Avregne og lukke 2025?' });
      await dialog.waitFor();
      // The focus starts at the top, on its heading, so the summary is read from its beginning.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Avregne og lukke 2025?');
      expect(await axeViolations(page), `the settlement dialog at ${width} px`).toEqual([]);
      expect(await clippedElements(page, 'dialog td, dialog th'), `the settlement dialog at ${width} px`).toEqual([]);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Avregn og lukk 2025');
      await page.locator('.form-result').getByText('Ikke lagret: du gikk tilbake.').waitFor();
    }
    await page.close();
  });

  it('links say what they explain, and none is named by its amount alone', async () => {
    const page = await logIn('revisor');
    await open(page, '/?years=2024,2025');
    expect(await page.getByRole('link', { name: 'kr 0', exact: true }).count()).toBe(0);
    const link = page.locator('#granted-per-year-table tr[data-scope="programme-area:barn-og-unge"] a[data-year="2024"]');
    expect(await link.getAttribute('aria-label')).toBe('Tildelt, Barn og unge, 2024: kr\u00a01\u00a0200\u00a0000 – vis forklaring');
    const links = await page
      .locator('a.figure-link')
      .evaluateAll((elements) =>
        elements.map((element) => ({ name: element.getAttribute('aria-label') ?? '', href: element.getAttribute('href') })),
      );
    expect(links.length).toBeGreaterThan(100);
    // Each name says which figure of what and which year, and holds the amount it shows (WCAG 2.5.3);
    // links of the same name lead to the same explanation.
    const hrefs = new Map<string, Set<string | null>>();
    for (const link of links) {
      expect(link.name).toMatch(/^.+, .+, \d{4}: .*kr\u00a0[\d\u00a0]+.* – vis forklaring$/);
      hrefs.set(link.name, (hrefs.get(link.name) ?? new Set()).add(link.href));
    }
    for (const [name, targets] of hrefs) expect(targets.size, name).toBe(1);
    await page.close();
  });

  it('the English view marks the ledger’s Norwegian names and texts as Norwegian', async () => {
    const page = await logIn('revisor');
    await page.getByRole('button', { name: 'Change language to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview of the collaboration funds' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const name = page.locator('#balances-table tr[data-scope="initiative:samba"] th [lang="nb"]');
    expect(await name.textContent()).toBe('SAMBA (BUP Tynset og Nord-Østerdal)');
    await open(page, '/cases/22.25');
    expect(await page.locator('#resolution li[data-point="1"] .point-text [lang="nb"]').count()).toBe(1);
    expect(await page.locator('h1 [lang="nb"]').textContent()).toBe('Rekrutterings- og samhandlingsmidler 2025');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('six years fit the overview at 1360 px, the chart named and pointing to its table', async () => {
    // Four more years, by the receipts each is expected to get.
    for (const year of [2026, 2027, 2028, 2029]) {
      const response = await fetch(`${server.url}/api/years/${year}/expected-receipt`, {
        method: 'POST',
        headers: { Authorization: 'Bearer hfi_demo_sekretariat', 'Content-Type': 'application/json', 'Idempotency-Key': `expect-${year}` },
        body: JSON.stringify({ amount: '10615000', reason: 'Som i 2025' }),
      });
      expect(response.status, await response.text()).toBe(201);
    }
    const page = await logIn('revisor');
    await page.setViewportSize({ width: 1360, height: 900 });
    await open(page, '/?years=2024,2025,2026,2027,2028,2029');
    expect(await page.locator('#frame-table thead th.year-col').count()).toBe(6);
    expect(await horizontalOverflow(page)).toBe(0);
    // Nothing in the page is wider than its box: the tables fit without scrolling.
    const overflowing = await page
      .locator('.table-wrap')
      .evaluateAll((wraps) => wraps.filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1).length);
    expect(overflowing).toBe(0);
    // …as tables: none had to be stacked into rows to fit.
    expect(await page.locator('.table-wrap.stacked').count()).toBe(0);
    const chart = page.locator('figure.chart');
    expect(await chart.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await page.getByRole('img', { name: /Stolpediagram/ }).count()).toBe(1);
    expect(await chart.locator('.chart-note').textContent()).toContain('Rammen per år, i kroner');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
