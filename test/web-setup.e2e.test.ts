import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  axeViolations,
  buildWeb,
  CHROMIUM,
  chromiumInstalled,
  FIRST_SECRETARIAT,
  launchBrowser,
  screenshot,
  startWebServer,
  type Browser,
  type WebServer,
} from './support/browser.js';
import { emptyLedger } from './support/demo.js';
import { attachment1Of } from './support/opening.js';

/**
 * The first run in the page: on an empty ledger the first secretariat account is led from
 * the overview to taking the ledger into use — records the organisation (which then heads
 * the page), chooses the attachment-1 workbook the ledger writes for case 22.25, sees
 * every figure of the preview, confirms, and ends on the overview with the 2025 frame of
 * kr 12 595 000.
 */

if (!chromiumInstalled) console.log(`[skipped] the first-run browser test: ${CHROMIUM} not installed`);

const plain = (text: string | null) =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe.skipIf(!chromiumInstalled)('the first run in the page', () => {
  let directory: string;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let sheet: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-web-setup-'));
    sheet = join(directory, 'vedlegg-1-sak-22.25.xlsx');
    writeFileSync(sheet, await attachment1Of('xlsx'));
    const webRoot = buildWeb(join(directory, 'web'));
    server = await startWebServer(
      webRoot,
      emptyLedger(() => new Date()),
    );
    browser = await launchBrowser(server.url);
    page = await browser.newPage();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page)
      console.log(
        'the page shows:',
        (await page.locator('.form-result-error, .field-error:not([hidden]), #flash').allTextContents()).join(' | '),
      );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('leads the first secretariat from the empty overview to taking the ledger into use', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Brukernavn').fill(FIRST_SECRETARIAT.username);
    await page.getByLabel('Passord').fill(FIRST_SECRETARIAT.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
    expect(plain(await page.locator('.brand-owner').textContent())).toBe('Beslutningsregisteret');
    await page.getByRole('link', { name: 'Ta registeret i bruk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ta registeret i bruk' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('records the organisation, which then heads the page and its title', async () => {
    const form = page.locator('#organisation-form');
    await form.getByLabel('Organisasjon').fill('Helsefellesskap Innlandet');
    await form.getByLabel('Utvalget som vedtar').fill('Strategisk samarbeidsutvalg');
    await form.getByLabel('360Giving-identifikator (valgfri)').fill('XI-TEST-HFI');
    await form.getByRole('button', { name: 'Registrer organisasjonen' }).click();
    await page.locator('#flash').getByText('Organisasjonen er registrert: Helsefellesskap Innlandet.').waitFor();
    expect(plain(await page.locator('.brand-owner').textContent())).toBe('Helsefellesskap Innlandet');
    expect(await page.title()).toContain('Helsefellesskap Innlandet');
    expect(plain(await page.locator('#step-organisation').textContent())).toContain(
      'Registrert: Helsefellesskap Innlandet · Strategisk samarbeidsutvalg',
    );
  });

  it('reads the attachment-1 workbook into a preview that shows every figure, recording nothing yet', async () => {
    const form = page.locator('#opening-form');
    await form.getByLabel('Året balansen gjelder').fill('2025');
    await form.getByLabel('Regneark (XLSX eller CSV)').setInputFiles(sheet);
    await form.getByLabel('Årets tilskudd i arket').selectOption('received');
    await form.getByLabel('Mottatt dato').fill('03.03.2025');
    await form.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
    await page.getByRole('heading', { name: 'Forhåndsvisning: inngående balanse 2025' }).waitFor();
    const figures = plain(await page.locator('#opening-figures').innerText());
    for (const text of [
      'Gjenstående fra i fjor kr 980 000',
      'Frigjort fra i fjor kr 1 000 000',
      'Øremerket fra i fjor kr 8 720 000',
      'Tildelt 2024 (sammenligningstall) kr 9 720 000',
      'Mottatt 2025 i arket kr 10 615 000',
      'Justert ramme 2025 kr 12 595 000',
    ])
      expect(figures).toContain(text);
    const preview = plain(await page.locator('#opening-preview').innerText());
    expect(preview).toContain('Fra «Vedlegg 1 til sak 22.25», sak 22.25, 11.09.2025');
    expect(preview).toContain('VIP (very important patient) vip kr 1 000 000 kr 1 000 000 – ny: registreres');
    expect(preview).toContain('Registreres: 4 nye programområder, 18 nye satsninger og den inngående balansen.');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'first-run-preview', { part: page.locator('#opening-preview') });
  });

  it('records it after a confirmation, and the overview shows the 2025 frame of kr 12 595 000', async () => {
    await page.getByRole('button', { name: 'Registrer inngående balanse' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrere inngående balanse 2025?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Registrer', exact: true }).click();
    await page.locator('#flash').getByText('Inngående balanse 2025 er registrert (23 kommandoer).').waitFor();
    expect(plain(await page.locator('#step-opening').textContent())).toContain('Registeret har tall for 2024, 2025.');
    await page.getByRole('link', { name: 'Til oversikten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
    await page.locator('#frame-table').waitFor();
    const years = await page.locator('#frame-table thead th.year-col .year-label').allTextContents();
    const column = years.indexOf('2025');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(plain(await page.locator('#frame-table tr[data-figure="frame"] td').nth(column).textContent())).toBe('kr 12 595 000');
    expect(await page.getByRole('link', { name: 'Ta registeret i bruk' }).count()).toBe(0);
    await screenshot(page, 'first-run-overview');
    expect(browser.consoleProblems).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
