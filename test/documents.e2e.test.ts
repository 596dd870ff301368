import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.js';
import { DEMO_ACCOUNTS } from '../src/accounts/demo.js';
import { demoAccountsFor } from './support/demo.js';
import { startServer, type RunningServer } from '../src/http/server.js';
import { webRoutes } from '../src/web/serve.js';
import { axeViolations, buildWeb, CHROMIUM, chromiumInstalled, launchBrowser, screenshot, type Browser } from './support/browser.js';
import { TEST_FUNDER_ID, documentLedger } from './support/documents.js';

/**
 * The documents in a real browser: the page links to them from the overview and the case
 * page, they open under their Content-Security-Policy without a violation, and they print
 * on A4, and a document downloaded from the page is checked against the log in the page. Saves
 * docs/screenshots/allocation-22-25-print.png, case-summary-22-25-print.png and document-check.png.
 */

if (!chromiumInstalled) console.log(`[skipped] documents e2e tests: ${CHROMIUM} not installed`);

/** A4 at 96 dpi: 210 mm wide. */
const A4_WIDTH = 794;

(chromiumInstalled ? describe : describe.skip)('the documents in Chromium', () => {
  let webRoot: string;
  let server: RunningServer;
  let browser: Browser;
  let close: () => Promise<void>;

  beforeAll(async () => {
    webRoot = buildWeb(mkdtempSync(join(tmpdir(), 'ledger-web-documents-')));
    const { ledger } = await documentLedger({ outcome: true });
    const accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 12 });
    await demoAccountsFor(accounts, ledger.store);
    server = await startServer({
      ledger,
      accounts,
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      app: { web: webRoutes({ root: webRoot }), documents: { funderOrganisationId: TEST_FUNDER_ID } },
    });
    browser = await launchBrowser(server.url);
    close = async () => {
      accounts.close();
      await ledger.store.close();
    };
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await close?.();
    rmSync(webRoot, { recursive: true, force: true });
  });

  async function logIn(page: Page, username: string): Promise<void> {
    await browser.context.clearCookies();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Brukernavn').fill(username);
    await page.getByLabel('Passord').fill(DEMO_ACCOUNTS.find((account) => account.username === username)!.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
  }

  /** Opens a document as printed on A4 (print media, the page's width), and checks it loaded nothing and broke no policy. */
  async function printed(page: Page, href: string): Promise<void> {
    const problems = browser.consoleProblems.length;
    const response = await page.goto(`${server.url}${href}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    await page.setViewportSize({ width: A4_WIDTH, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    expect(browser.consoleProblems.slice(problems)).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
    // The stylesheet applied (blocked, the table would have no collapsed borders).
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('table')!).borderCollapse)).toBe('collapse');
  }

  it('links the allocation table of each pair of years and the grants from the overview', async () => {
    const page = await browser.newPage();
    await logIn(page, 'revisor');
    const links = page.locator('.document-list a');
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    expect(hrefs).toEqual([
      '/api/reports/allocation?years=2024%2C2025&format=html',
      '/api/reports/allocation?years=2024%2C2025&format=csv',
      '/api/reports/allocation?years=2024%2C2025&format=xlsx',
      '/api/reports/grants?format=360giving-json',
      '/api/reports/grants?format=360giving-csv',
    ]);
    await page.close();
  });

  it('prints the allocation table of case 22.25 from the case page on A4, with the case number, per dato, position and hash', async () => {
    const page = await browser.newPage();
    await logIn(page, 'revisor');
    await page.goto(`${server.url}/cases/22.25`);
    const link = page.locator('.document-list a', { hasText: 'utskrift (HTML)' }).first();
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe('/api/reports/allocation?case=22.25&format=html');
    // Printed as the shipped history left it (position 87, before the outcome was recorded): attachment 1 as the committee read it.
    await printed(page, `${href}&asOfPosition=87`);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Sak 22.25, vedlegg 1: Fordeling av rekrutterings- og samhandlingsmidler 2025');
    const source = (await page.locator('.source').textContent())!.replace(/\s+/g, ' ');
    expect(source).toMatch(/Per dato ?\d{2}\.\d{2}\.\d{4} \(alt som var registrert\) ?Loggposisjon ?87 ?Hash ?[0-9a-f]{64}/);
    expect((await page.locator('[data-figure="frame|buffer|2025"]').textContent())?.replace(/\s/g, ' ')).toBe('kr 1 250 000');
    expect(await page.locator('[data-figure="proposal:p25-hospitering|requested|2025"]').textContent()).toBe('uten beløp');
    const total = await page.locator('tr.total-row').first().textContent();
    expect(total!.replace(/\s+/g, ' ')).toBe('Sumkr 9 720 000kr 8 720 000kr 13 745 000kr 11 345 000');
    await screenshot(page, 'allocation-22-25-print');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 is 595 × 842 points.
    const mediaBox = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    expect(mediaBox && [Math.round(Number(mediaBox[1])), Math.round(Number(mediaBox[2]))]).toEqual([595, 842]);
    await page.close();
  });

  it('prints the case summary with the votes, the dissent and the money decided under the case', async () => {
    const page = await browser.newPage();
    await logIn(page, 'revisor');
    await page.goto(`${server.url}/cases/22.25`);
    const link = page.locator('.document-list a', { hasText: 'utskrift (HTML)' }).nth(1);
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe('/api/reports/case-summary?case=22.25&format=html');
    await printed(page, href);
    const text = (await page.locator('body').textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain('Vedtatt i konsensus 18.09.2025');
    expect(text).toContain('Dissens: Nestleder av SSU (punkt 2), Divisjon prehospitale tjenester, SI (punkt 2)');
    expect(text).toContain('Alt. 2: kr 500 000: 4');
    expect(text).toContain('Sum vedtatt');
    expect((await page.locator('[data-figure="case-money|total|total"]').textContent())?.replace(/\s/g, ' ')).toBe('kr 11 845 000');
    await screenshot(page, 'case-summary-22-25-print');
    await page.close();
  });
  it('checks a document downloaded from the page against the log, figure by figure, and finds the one figure changed in it', async () => {
    const page = await browser.newPage();
    await logIn(page, 'revisor');
    await page.goto(`${server.url}/cases/22.25`);
    const saved = async (text: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('.document-list a', { hasText: text }).first().click(),
      ]);
      const path = join(downloads, download.suggestedFilename());
      await download.saveAs(path);
      return path;
    };
    const downloads = mkdtempSync(join(tmpdir(), 'ledger-documents-check-'));
    const csv = await saved('CSV');
    const xlsx = await saved('regneark (XLSX)');
    await page.locator('.check-link').first().click();
    await page.getByRole('heading', { level: 1, name: 'Kontroller et dokument mot loggen' }).waitFor();
    const check = async (path: string) => {
      await page.evaluate(() => document.getElementById('check-verdict')?.remove());
      await page.getByLabel('Fil', { exact: true }).setInputFiles(path);
      await page.getByRole('button', { name: 'Kontroller dokumentet' }).click();
      await page.locator('#check-verdict').waitFor();
      return (await page.locator('#check-verdict').textContent())!.replace(/\s+/g, ' ').trim();
    };
    for (const path of [csv, xlsx]) {
      expect(await check(path)).toMatch(/^✓ Stemmer: alle \d+ tall i dokumentet er de samme som loggen gir\.$/);
      expect(await page.locator('#check-table tr[data-matches="false"]').count()).toBe(0);
      expect(await page.locator('#check-table tbody tr').count()).toBeGreaterThan(100);
    }
    // One figure changed in the file: that line, and only that line, differs, with both amounts.
    const text = readFileSync(csv, 'utf8');
    const line = text.split('\r\n').find((row) => row.startsWith('initiative,initiative:vip,') && row.includes(',granted,2024,'))!;
    const changed = join(downloads, 'endret.csv');
    writeFileSync(changed, text.replace(line, line.replace(',1000000.00,', ',1000001.00,')));
    expect(await check(changed)).toMatch(/^⚠ Stemmer ikke: 1 av \d+ tall avviker fra loggen\.$/);
    const differing = page.locator('#check-table tr[data-matches="false"]');
    expect(await differing.count()).toBe(1);
    expect((await differing.locator('th, td').allTextContents()).map((cell) => cell.replace(/\s+/g, ' ').trim())).toEqual([
      'VIP (very important patient): Tildelt 2024initiative:vip|granted|2024',
      'kr 1 000 001',
      'kr 1 000 000',
      '! Avviker',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'document-check', { fullPage: false });
    rmSync(downloads, { recursive: true, force: true });
    await page.close();
  });
});
