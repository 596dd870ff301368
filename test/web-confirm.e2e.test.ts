import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/accounts/demo.js';
import { runCommands } from '../src/demo/history.js';
import {
  axeViolations,
  buildWeb,
  CHROMIUM,
  chromiumInstalled,
  launchBrowser,
  screenshot,
  startWebServer,
  type Browser,
  type WebServer,
} from './support/browser.js';
import { demoLedger } from './support/demo.js';
import { caseOutcomeCommands } from './support/documents.js';

/**
 * Nothing moves money on one click. On the demo ledger with case 22.25 decided and its
 * grants not yet recorded, "Registrer alle" first shows the eight grants the resolution
 * authorises, their sum (kr 11 345 000, the recommendation of attachment 1) and what the
 * 2025 frame has left after them; going back records nothing. A release from VIP's grant
 * shows whom, how much, which year and the figures after, and going back records nothing
 * either. Confirmed, each is recorded as shown. A settlement date the ledger would refuse is
 * refused beside its field before anything is asked.
 */

if (!chromiumInstalled) console.log(`[skipped] the confirmation test: ${CHROMIUM} not installed`);

const password = (username: string) => DEMO_ACCOUNTS.find((account) => account.username === username)!.password;

/** Text as the page shows it, with no-break spaces as plain spaces. */
const plain = (text: string | null) =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe.skipIf(!chromiumInstalled)('a confirmation before money moves', () => {
  let webRoot: string;
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  /** The log's head position, as the auditor reads it: it moves with anything recorded. */
  const headPosition = async () => {
    const response = await fetch(`${server.url}/api/health`, { headers: { Authorization: 'Bearer hfi_demo_revisor_1' } });
    return ((await response.json()) as { position: number }).position;
  };
  const grantsOf2225 = async () => {
    const response = await fetch(`${server.url}/api/cases/22.25`, { headers: { Authorization: 'Bearer hfi_demo_revisor_1' } });
    return ((await response.json()) as { grants: { initiativeId: string; amountTotal: string }[] }).grants;
  };

  beforeAll(async () => {
    webRoot = buildWeb(mkdtempSync(join(tmpdir(), 'ledger-web-confirm-')));
    const ledger = await demoLedger();
    await runCommands(
      ledger.handler,
      caseOutcomeCommands().filter((command) => (command as { type: string }).type !== 'AwardGrant'),
      'sekretariat',
    );
    server = await startWebServer(webRoot, ledger);
    browser = await launchBrowser(server.url);
    await browser.context.clock.setFixedTime(new Date('2026-11-01T10:00:00Z'));
    page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Brukernavn').fill('sekretariat');
    await page.getByLabel('Passord').fill(password('sekretariat'));
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it('"Registrer alle" shows the eight grants of 22.25 and their sum kr 11 345 000 first; going back records nothing', async () => {
    await page.goto(`${server.url}/cases/22.25`);
    await page.getByRole('heading', { level: 1, name: /^Sak 22\.25/ }).waitFor();
    const before = await headPosition();
    await page.getByRole('button', { name: 'Registrer alle' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrere 8 tildelinger?' });
    await dialog.waitFor();
    expect(plain(await dialog.locator('p').first().textContent())).toBe(
      '8 tildelinger, til sammen kr 11 345 000, med hjemmel i sak 22.25 punkt 1, gjelder fra 18.09.2025:',
    );
    const lines = (await dialog.locator('#confirm-lines tbody tr').allTextContents()).map(plain);
    expect(lines).toEqual([
      'VIP (very important patient)2025kr 3 000 000',
      'Kunnskap2025kr 1 250 000',
      'SAMBA (BUP Tynset og Nord-Østerdal)2025kr 1 000 000',
      'Mobil videoløsning / hodekamera for sårbehandling2025kr 1 500 000',
      'DHO (digital hjemmeoppfølging)2025kr 750 000',
      'Prosjekt psykologspesialist i legevakt2025kr 1 245 000',
      'Arbeidsutvalg, samhandlingskoordinatorer/-rådgivere i regioner2025kr 2 000 000',
      'Psykisk helse voksne med store sammensatte behov2025kr 600 000',
    ]);
    expect(plain(await dialog.locator('#confirm-total').textContent())).toBe('kr 11 345 000');
    // The figure after: 12 595 000 − 500 000 set aside for the reserve fund, then − 11 345 000.
    expect((await dialog.locator('#confirm-changes tbody tr').allTextContents()).map(plain)).toEqual([
      'Tilgjengelig i rammen for 2025kr 12 095 000kr 750 000',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'confirm-register-all', { fullPage: false });
    // Nothing is recorded while the page asks, nor after going back.
    expect(await headPosition()).toBe(before);
    await dialog.getByRole('button', { name: 'Gå tilbake' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('#grants-form-1 .form-result').getByText('Ikke lagret: du gikk tilbake.').waitFor();
    expect(await headPosition()).toBe(before);
    expect(await grantsOf2225()).toEqual([]);

    await page.getByRole('button', { name: 'Registrer alle' }).click();
    await dialog.getByRole('button', { name: 'Registrer 8 tildelinger' }).click();
    await page.locator('#flash').getByText('8 av 8 tildelinger registrert.').waitFor();
    expect(plain(await page.locator('#grants-total').textContent())).toBe('8 tildelinger, til sammen kr 11 345 000.');
    expect(await grantsOf2225()).toHaveLength(8);
  });

  it('a release from VIP shows whom, how much, which year and the figures after it first; going back records nothing', async () => {
    await page.goto(`${server.url}/years/2025`);
    await page.getByRole('heading', { level: 1, name: 'Årsregnskap 2025' }).waitFor();
    const vip = page.locator('#grants article[data-initiative="vip"]');
    await vip.locator('summary', { hasText: 'Frigjør' }).click();
    const release = vip.locator('details[open] form');
    await release.getByLabel('Beløp som frigjøres').fill('500 000');
    await release.getByLabel(/^Begrunnelse/).fill('Oppstart utsatt');
    await release.getByLabel('Gjelder fra (dato)').fill('01.10.2025');
    const before = await headPosition();
    await release.getByRole('button', { name: 'Frigjør midlene' }).click();
    const dialog = page.getByRole('dialog', { name: 'Frigjøre kr 500 000 fra VIP (very important patient)?' });
    await dialog.waitFor();
    expect(plain(await dialog.locator('.confirm-facts').textContent())).toBe(
      'SatsningVIP (very important patient)Beløpkr 500 000År2025BegrunnelseOppstart utsattGjelder fra (dato)01.10.2025',
    );
    // VIP has its 3 000 000 granted and the 1 000 000 it carried in; the released money goes into the 2026 frame at the settlement.
    expect((await dialog.locator('#confirm-changes tbody tr').allTextContents()).map(plain)).toEqual([
      'Disponibelt for VIP (very important patient) i 2025kr 4 000 000kr 3 500 000',
      'Frigjort i 2025 (til rammen for 2026 ved avregningen)kr 0kr 500 000',
    ]);
    await screenshot(page, 'confirm-release', { fullPage: false });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await headPosition()).toBe(before);

    await release.getByRole('button', { name: 'Frigjør midlene' }).click();
    await dialog.getByRole('button', { name: 'Frigjør midlene' }).click();
    await page.locator('#flash').getByText('kr 500 000 frigjort fra VIP (very important patient).').waitFor();
    expect(await headPosition()).toBe(before + 1);
    expect(plain(await page.locator('#grants article[data-initiative="vip"] .changes').textContent())).toContain(
      'Frigjort kr 500 000 fra VIP (very important patient)',
    );
  });
  it('drops an initiative after asking: marked dropped as of its date, what it has left released, and no longer offered for spending', async () => {
    await page.goto(`${server.url}/years/2025`);
    await page.getByRole('heading', { level: 1, name: 'Årsregnskap 2025' }).waitFor();
    const row = page.locator('#initiatives tr', { hasText: 'Digitalt avvikssystem' });
    await row.locator('summary', { hasText: 'Avslutt satsningen' }).click();
    const drop = row.locator('details[open] form');
    await drop.getByLabel(/^Begrunnelse/).fill('Aktiviteten utgår');
    await drop.getByLabel('Gjelder fra (dato)').fill('01.10.2025');
    const before = await headPosition();
    await drop.getByRole('button', { name: 'Avslutt og frigjør' }).click();
    const dialog = page.getByRole('dialog', { name: 'Avslutte Digitalt avvikssystem og frigjøre kr 500 000?' });
    await dialog.getByRole('button', { name: 'Avslutt og frigjør' }).click();
    await page.locator('#flash').getByText('Digitalt avvikssystem er avsluttet; det den hadde igjen er frigjort.').waitFor();
    // Two steps: the drop as of 01.10.2025 in the registry, and the release of its earmarked kr 500 000 in 2025.
    expect(await headPosition()).toBe(before + 2);
    const registry = await fetch(`${server.url}/api/registry`, { headers: { Authorization: 'Bearer hfi_demo_revisor_1' } });
    const initiatives = ((await registry.json()) as { initiatives: { initiativeId: string; droppedOn: string | null }[] }).initiatives;
    expect(initiatives.find((initiative) => initiative.initiativeId === 'digitalt-avvikssystem')!.droppedOn).toBe('2025-10-01');
    const offered = await page.locator('#spending-form select[name="initiativeId"] option').allTextContents();
    expect(offered.length).toBeGreaterThan(5);
    expect(offered).not.toContain('Digitalt avvikssystem');
  });

  it('refuses a settlement date the ledger would refuse before asking anything: 30.12.2025, and a day that has not come', async () => {
    await page.goto(`${server.url}/years/2025`);
    await page.getByRole('heading', { level: 1, name: 'Årsregnskap 2025' }).waitFor();
    const form = page.locator('#settle-form');
    const date = form.getByLabel('Avregnes (dato)');
    const before = await headPosition();
    for (const [typed, refusal] of [
      ['30.12.2025', '2025 avregnes tidligst 31.12.2025, ikke 30.12.2025.'],
      ['02.11.2026', 'Et vedtak gjelder fra en dag som er kommet; 02.11.2026 er etter i dag (01.11.2026).'],
    ] as const) {
      await date.fill(typed);
      await form.getByRole('button', { name: 'Avregn og lukk 2025' }).click();
      await form.locator('.field-error').getByText(refusal).waitFor();
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('effectiveDate');
      expect(await page.locator('dialog').count()).toBe(0);
    }
    // The earliest day the ledger takes is said beside the field; on it, the page asks.
    expect(plain(await form.locator('.hint').textContent())).toContain('Tidligst 31.12.2025');
    await date.fill('31.12.2025');
    await form.getByRole('button', { name: 'Avregn og lukk 2025' }).click();
    await page.getByRole('dialog', { name: 'Avregne og lukke 2025?' }).getByRole('button', { name: 'Gå tilbake' }).click();
    expect(await headPosition()).toBe(before);
  });
});
