import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/accounts/demo.js';
import { runCommands } from '../src/demo/history.js';
import {
  buildWeb,
  CHROMIUM,
  chromiumInstalled,
  clippedElements,
  horizontalOverflow,
  launchBrowser,
  screenshot,
  startWebServer,
  type Browser,
  type WebServer,
} from './support/browser.js';
import { demoLedger } from './support/demo.js';
import { caseOutcomeCommands } from './support/documents.js';

/**
 * Nothing hidden: on every page of the secretariat and the auditor, at 1360, 390 and 320
 * px, every amount, every button and status in a table row and every refusal is whole —
 * not cut inside its box, not outside a box that clips or scrolls sideways, not outside
 * the window — and the page never scrolls sideways. Also with the settlement dialog open,
 * and with a refusal written into a row of the grant table. A failure names the page, the
 * width and the element.
 *
 * The ledger is the demo history with case 22.25 decided (votes, adoption, reserve fund,
 * the new initiative) and its eight grants not yet recorded, so the grant table has a
 * button and a status in every row.
 */

if (!chromiumInstalled) console.log(`[skipped] the clipping test: ${CHROMIUM} not installed`);

const password = (username: string) => DEMO_ACCOUNTS.find((account) => account.username === username)!.password;
const WIDTHS = [1360, 390, 320];
/** The demo ledger's clock (support/demo.ts); the browser's today is the same day, as the page's date checks need. */
const TODAY = new Date('2026-11-01T10:00:00Z');

const PAGES = [
  '/?years=2024,2025',
  '/registry',
  '/cases',
  '/cases/22.25',
  '/cases/04.25',
  '/years/2024',
  '/years/2025',
  '/explain?year=2025&figure=available&scope=total',
  '/explain?year=2024&figure=granted&scope=programme-area:barn-og-unge',
  '/audit?year=2025',
  '/documents/check',
];

describe.skipIf(!chromiumInstalled)('nothing hidden, at 1360, 390 and 320 px', () => {
  let webRoot: string;
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    webRoot = buildWeb(mkdtempSync(join(tmpdir(), 'ledger-web-clipping-')));
    const ledger = await demoLedger();
    // Decided, its grants not yet recorded: the adoption, the reserve fund and the new initiative, not the eight AwardGrant.
    await runCommands(
      ledger.handler,
      caseOutcomeCommands().filter((command) => (command as { type: string }).type !== 'AwardGrant'),
      'sekretariat',
    );
    server = await startWebServer(webRoot, ledger);
    browser = await launchBrowser(server.url);
    await browser.context.clock.setFixedTime(TODAY);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  async function logIn(username: string): Promise<Page> {
    await browser.context.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Brukernavn').fill(username);
    await page.getByLabel('Passord').fill(password(username));
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
    return page;
  }

  async function open(page: Page, path: string, width: number): Promise<void> {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.url}${path}`);
    await page.locator('h1#page-title').waitFor();
    await page.waitForLoadState('networkidle');
  }

  /** What is cut off on the page as it stands, and whether the page scrolls sideways; each named with the page and width. */
  async function hidden(page: Page, where: string): Promise<string[]> {
    // The page lays its tables out a frame after it changes.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const overflow = await horizontalOverflow(page);
    return [
      ...(overflow > 0 ? [`${where}: the page scrolls sideways by ${overflow} px`] : []),
      ...(await clippedElements(page)).map((problem) => `${where}: ${problem}`),
    ];
  }

  /** The pages the README shows: an explanation stacked at 390 px, and the year 2024 with nothing requested over its frame. */
  async function documentation(page: Page, path: string, width: number): Promise<void> {
    if (path.startsWith('/explain?year=2025') && width === 390) await screenshot(page, 'explanation-390', { part: page.locator('main') });
    if (path.startsWith('/?years') && width === 1360) {
      await page.locator('details.more summary').click();
      const over = page.locator('#more-figures-table tr[data-figure="requestedOverFrame"] td');
      // 2024 had no proposals: nothing is requested over its frame, and the figure says kr 0, not −kr 10 700 000.
      expect((await over.allTextContents()).map((cell) => cell.replace(/\s/g, ' '))).toEqual(['kr 0', 'kr 1 150 000']);
      await screenshot(page, 'frame-requested-over', { part: page.locator('#more-figures-table') });
    }
  }

  for (const username of ['revisor', 'sekretariat'])
    it(`${username}: every amount, row button, status and refusal is whole on every page`, async () => {
      const page = await logIn(username);
      const problems: string[] = [];
      for (const path of PAGES)
        for (const width of WIDTHS) {
          await open(page, path, width);
          problems.push(...(await hidden(page, `${username} ${path} at ${width} px`)));
          if (username === 'revisor') await documentation(page, path, width);
          // With every disclosure open: the forms beside a row are part of it.
          await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
          problems.push(...(await hidden(page, `${username} ${path} at ${width} px, disclosures open`)));
        }
      expect(problems).toEqual([]);
      await page.close();
    }, 300_000);

  it('the settlement dialog and a refusal in a row of the grant table are whole at every width', async () => {
    const page = await logIn('sekretariat');
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await open(page, '/years/2025', width);
      await page.getByRole('button', { name: 'Avregn og lukk 2025' }).click();
      const dialog = page.getByRole('dialog', { name: 'Avregne og lukke 2025?' });
      await dialog.waitFor();
      problems.push(...(await hidden(page, `the settlement dialog at ${width} px`)));
      if (width === 390) await screenshot(page, 'settlement-dialog-390', { fullPage: false });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // More than point 1 authorises for VIP, confirmed: the ledger's refusal lands in the row, beside the amount.
      await open(page, '/cases/22.25', width);
      const grants = page.locator('#grants-form-1');
      await grants.getByLabel('Beløp for VIP (very important patient)').fill('3 500 000');
      await grants.getByRole('button', { name: 'Registrer tildeling til VIP (very important patient)' }).click();
      await page.getByRole('dialog', { name: 'Registrere tildelingen til VIP (very important patient)?' }).locator('#confirm-yes').click();
      const refusal = grants.locator('tr[data-initiative="vip"] .field-error');
      await refusal.getByText(/gir hjemmel for kr.3.000.000 til VIP \(very important patient\) i 2025/).waitFor();
      problems.push(...(await hidden(page, `case 22.25 with a refusal in the VIP row at ${width} px`)));
      if (width === 1360) await screenshot(page, 'grant-refusal-in-row', { part: grants.locator('tr[data-initiative="vip"]') });
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
