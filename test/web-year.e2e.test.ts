import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import type { Ledger } from '../src/ledger.js';
import {
  buildWeb,
  CHROMIUM,
  chromiumInstalled,
  launchBrowser,
  screenshot,
  startWebServer,
  type Browser,
  FIRST_SECRETARIAT,
  type WebServer,
} from './support/browser.js';
import { emptyLedger } from './support/demo.js';

/**
 * The secretariat's whole year in the page alone. From an empty ledger, the secretariat
 * registers the partners, a programme area, initiatives and the committee; records the
 * year's receipt (and corrects it); opens a case, registers proposals (and revises one),
 * records the recommendation, proposes a resolution with a reserve fund, a multi-year
 * table and a draw on the fund; records the votes and adopts the resolution (the rule's
 * refusal shown beside its field on the way); records the grants, the reserve fund, a
 * multi-year grant and a draw; reports spending (and corrects it), releases funds, and
 * settles the year after looking at what it will carry. The frame the page shows at the
 * end is, figure for figure, what `ledger frame 2025` prints for the same store.
 *
 * The ledger's clock and the browser's both stand at 16 February 2026: the year 2025 is
 * recorded after the fact, each step dated as the documents date it.
 */

if (!chromiumInstalled) console.log(`[skipped] the whole-year browser test: ${CHROMIUM} not installed`);

const TODAY = new Date('2026-02-16T09:00:00Z');
const password = FIRST_SECRETARIAT.password;

/** A field's label exactly (a required field's label ends with its mark, *). */
const exactly = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

/** Text as the page shows it, with no-break spaces as plain spaces. */
const plain = (text: string | null) =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe.skipIf(!chromiumInstalled)('the secretariat records a whole year in the page', () => {
  let webRoot: string;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const ledger = emptyLedger(() => TODAY);

  beforeAll(async () => {
    webRoot = buildWeb(mkdtempSync(join(tmpdir(), 'ledger-web-year-')));
    server = await startWebServer(webRoot, ledger);
    browser = await launchBrowser(server.url);
    await browser.context.clock.setFixedTime(TODAY);
    page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Brukernavn').fill('sekretariat');
    await page.getByLabel('Passord').fill(password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
  });

  // A step that fails says what the page refused, if anything.
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
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  async function go(path: string, heading: RegExp | string): Promise<void> {
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  /** Submits a form and waits for the page's word that it was saved. */
  async function submit(form: Locator, button: string, saved: RegExp | string): Promise<void> {
    // The word of the step before goes first, so the one awaited is this step's.
    await page.evaluate(() => document.getElementById('flash')?.remove());
    await form.getByRole('button', { name: button, exact: true }).click();
    await page.locator('#flash').getByText(saved).waitFor();
  }

  /** Confirms the step the page asks about, and waits for the word that it was saved. */
  async function confirm(title: string, button: string, saved: RegExp | string): Promise<void> {
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.waitFor();
    await page.evaluate(() => document.getElementById('flash')?.remove());
    await dialog.getByRole('button', { name: button }).click();
    await page.locator('#flash').getByText(saved).waitFor();
  }

  it('registers the partners, a programme area, its initiatives, the committee and its quorum', async () => {
    await go('/registry', 'Register');
    for (const [name, id, kind] of [
      ['Kommunene i Innlandet', 'kommunene', 'municipalities'],
      ['Sykehuset Innlandet', 'si', 'hospital-trust'],
    ] as const) {
      const form = page.locator('#partner-form');
      await form.getByLabel('Navn på partneren').fill(name);
      await form.getByLabel('Id for partneren').fill(id);
      await form.getByLabel(exactly('Type')).selectOption(kind);
      await submit(form, 'Registrer partneren', `${name} er registrert.`);
    }
    const area = page.locator('#programme-area-form');
    await area.getByLabel('Navn på programområdet').fill('Barn og unge');
    expect(await area.getByLabel('Id for programområdet').inputValue()).toBe('barn-og-unge');
    await submit(area, 'Registrer programområdet', 'Barn og unge er registrert.');
    for (const name of ['SAMBA', 'VIP']) {
      const form = page.locator('#initiative-form');
      await form.getByLabel(exactly('Programområde')).selectOption('barn-og-unge');
      await form.getByLabel('Navn på satsningen').fill(name);
      // They existed before the secretariat recorded them: registered from the start of 2025.
      await form.getByLabel('Registrert fra (dato)').fill('01.01.2025');
      await submit(form, 'Registrer satsningen', `Lagret. ${name}`);
    }
    for (const [name, id, partner] of [
      ['Leder SSU', 'leder', 'kommunene'],
      ['Nestleder SSU', 'nestleder', 'si'],
      ['Kommunerepresentant nord', 'kommune-nord', 'kommunene'],
    ] as const) {
      const form = page.locator('#member-form');
      await form.getByLabel('Navn på medlemmet').fill(name);
      await form.getByLabel('Id for medlemmet').fill(id);
      await form.getByLabel(exactly('Representerer')).selectOption(partner);
      await form.getByLabel('Medlem fra (dato)').fill('01.01.2025');
      await submit(form, 'Registrer medlemmet', `${name} er registrert.`);
    }
    const quorum = page.locator('#quorum-form');
    await quorum.getByLabel('Minste antall medlemmer').fill('2');
    await submit(quorum, 'Lagre', 'SSU er beslutningsdyktig med minst 2.');
    expect(plain(await page.locator('#quorum-text').textContent())).toBe('SSU er beslutningsdyktig med minst 2 av 3 medlemmer.');
    expect(await page.locator('#areas-table tr[data-initiative]').count()).toBe(2);
    await screenshot(page, 'registry', { fullPage: false });
  });

  it('records the receipt of the year, and corrects it beside it', async () => {
    await go('/years/2025', 'Årsregnskap 2025');
    const form = page.locator('#receipt-form');
    await form.getByLabel(exactly('Beløp')).fill('10 000 000');
    await form.getByLabel('Mottatt (dato)').fill('15.01.2025');
    await form.getByLabel(exactly('Referanse')).fill('Tilsagnsbrev 2025');
    await submit(form, 'Registrer mottaket', 'kr 10 000 000 er registrert mottatt for 2025.');
    const receipt = page.locator('#receipts li[data-receipt]');
    await receipt.getByText('Korriger').click();
    const correction = receipt.locator('form');
    await correction.getByLabel(exactly('Endring')).fill('−100 000');
    await correction.getByLabel(exactly('Begrunnelse')).fill('Feil beløp i tilsagnsbrevet');
    await correction.getByLabel('Gjelder fra (dato)').fill('20.01.2025');
    await correction.getByRole('button', { name: 'Lagre rettelsen' }).click();
    // Asked first: what is corrected, by how much, and the year's receipts and what its frame has left, now and after.
    const asked = page.getByRole('dialog', { name: 'Korrigere mottaket med −kr 100 000?' });
    await asked.waitFor();
    expect((await asked.locator('#confirm-changes tbody tr').allTextContents()).map(plain)).toEqual([
      'Mottatt i 2025kr 10 000 000kr 9 900 000',
      'Tilgjengelig i rammen for 2025kr 10 000 000kr 9 900 000',
    ]);
    await confirm('Korrigere mottaket med −kr 100 000?', 'Lagre rettelsen', 'Mottaket er korrigert −kr 100 000');
    expect(plain(await page.locator('#receipts li[data-receipt]').textContent())).toContain('nå: kr 9 900 000');
  });

  it('opens a case and registers the partners’ proposals, revising one', async () => {
    await go('/cases', 'Saker i strategisk samarbeidsutvalg');
    const open = page.locator('#open-case-form');
    await open.getByLabel(exactly('Saksnummer')).fill('05.25');
    await open.getByLabel(exactly('Møtedato')).fill('20.03.2025');
    await open.getByLabel('Åpnet (dato)').fill('01.02.2025');
    await open.getByLabel(exactly('Tittel')).fill('Fordeling av samhandlingsmidler 2025');
    await submit(open, 'Åpne saken', 'Sak 05.25 er åpnet.');
    await page.getByRole('heading', { level: 1, name: /^Sak 05\.25/ }).waitFor();
    for (const [target, amount, partner] of [
      ['samba', '1 500 000', 'Kommunene i Innlandet'],
      ['vip', '2 500 000', 'Sykehuset Innlandet'],
      ['__new__', '400 000', 'Kommunene i Innlandet'],
    ] as const) {
      const form = page.locator('#submit-proposal-form');
      await form.getByLabel(exactly('Satsning')).selectOption(target);
      if (target === '__new__') await form.getByLabel('Navn på den nye satsningen').fill('Hospitering');
      await form.getByLabel('Beløp det bes om').fill(amount);
      await form.getByLabel(partner).check();
      await form.getByLabel('Gjelder fra (dato)').fill('15.02.2025');
      await submit(form, 'Registrer innspillet', 'Innspillet er registrert.');
    }
    const vip = page.locator('#proposals tr', { hasText: 'VIP' });
    await vip.getByText('Endre beløp').click();
    await vip.getByLabel('Beløp det bes om').fill('2 000 000');
    await vip.getByLabel(exactly('Begrunnelse')).fill('Justert etter dialog med SI');
    await vip.getByLabel('Gjelder fra (dato)').fill('20.02.2025');
    await submit(vip.locator('form'), 'Lagre endringen', 'Innspillet for VIP er endret.');
    expect(plain(await page.locator('#proposals .total-row').textContent())).toContain('kr 3 900 000');
  });

  it('records the recommendation and proposes a resolution: the recommendation, a reserve fund, a two-year table and a draw on the fund', async () => {
    const recommendation = page.locator('#recommendation-form');
    expect(await recommendation.getByLabel('Anbefalt for VIP').inputValue()).toBe('2 000 000');
    await recommendation.getByLabel('Anbefalt for VIP').fill('');
    await recommendation.getByLabel('Gjelder fra (dato)').fill('01.03.2025');
    await submit(recommendation, 'Registrer anbefalingen', 'Anbefalingen er registrert: kr 1 900 000.');

    const form = page.locator('#propose-form');
    const point = (n: number) => form.locator('.point-editor').nth(n);
    await point(0).getByLabel('Punktets tekst').fill('SSU gir tilslutning til anbefalt prioritering.');
    expect(await point(0).getByLabel('Gir hjemmel for').inputValue()).toBe('recommendation');
    for (let n = 1; n < 4; n++) await form.getByRole('button', { name: 'Legg til punkt' }).click();
    await point(1).getByLabel('Punktets tekst').fill('SSU setter av midler til fond.');
    await point(1).getByLabel('Gir hjemmel for').selectOption('reserve-fund');
    for (const [label, amount] of [
      ['Alt. 1: kr 1 000 000', '1 000 000'],
      ['Alt. 2: ikke fond', ''],
    ] as const) {
      await point(1).getByRole('button', { name: 'Legg til alternativ' }).click();
      const alternative = point(1).locator('.list-row').last();
      await alternative.getByLabel('Alternativets tekst').fill(label);
      if (amount) await alternative.getByLabel(exactly('Beløp')).fill(amount);
    }
    await point(2).getByLabel('Punktets tekst').fill('SSU tildeler VIP midler over to år.');
    await point(2).getByLabel('Gir hjemmel for').selectOption('allocation');
    await point(2).getByRole('button', { name: 'Legg til linje' }).click();
    for (const [index, year] of [
      [0, '2025'],
      [1, '2026'],
    ] as const) {
      const line = point(2).locator('.line-row').nth(index);
      await line.getByLabel(exactly('Satsning')).selectOption('initiative:vip');
      await line.getByLabel(exactly('År')).fill(year);
      await line.getByLabel(exactly('Beløp')).fill('1 000 000');
    }
    await point(3).getByLabel('Punktets tekst').fill('SSU tildeler SAMBA et tillegg fra fondet.');
    await point(3).getByLabel('Gir hjemmel for').selectOption('allocation');
    await point(3).getByLabel('Finansiert fra').selectOption('reserve-fund');
    const draw = point(3).locator('.line-row').first();
    await draw.getByLabel(exactly('Satsning')).selectOption('initiative:samba');
    await draw.getByLabel(exactly('Beløp')).fill('200 000');
    await form.getByLabel('Gjelder fra (dato)').last().fill('01.03.2025');
    await submit(form, 'Legg fram forslaget', 'Forslaget til vedtak er lagt fram.');
    expect(await page.locator('#resolution li.point').count()).toBe(4);
    expect(plain(await page.locator('#resolution li[data-point="3"] .point-authorises').textContent())).toBe(
      'Fordelingstabell fra rammen: VIP 2025: kr 1 000 000; VIP 2026: kr 1 000 000',
    );
  });

  it('records the votes after the meeting, and adopts the resolution after the rule refused a unanimous point 2', async () => {
    const votes = page.locator('#bulk-votes-form');
    for (const [member, choice] of [
      ['leder', 'alt:1'],
      ['nestleder', 'alt:1'],
      ['kommune-nord', 'alt:2'],
    ] as const)
      await votes.locator(`select[data-member="${member}"][data-point="2"]`).selectOption(choice);
    expect(await votes.getByLabel('Gjelder fra (dato)').inputValue()).toBe('20.03.2025');
    // A vote dated before the meeting: the rule's refusal, in words, beside the date, which takes the focus.
    await votes.getByLabel('Gjelder fra (dato)').fill('19.03.2025');
    await votes.getByRole('button', { name: 'Lagre stemmene' }).click();
    await votes
      .locator('.field-error')
      .getByText('Sak 05.25 avgjøres i møtet 20.03.2025; stemmer og vedtak gjelder fra møtedagen, ikke fra 19.03.2025.')
      .waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('effectiveDate');
    // One sentence after another ("lagret. Ikke lagret", not "lagret.: Ikke"), and no rule code for the reader.
    const said = plain(await votes.locator('.form-result').textContent());
    expect(said).toContain('0 av 3 stemmer lagret. Ikke lagret: Sak 05.25 avgjøres i møtet 20.03.2025');
    expect(said).not.toMatch(/Kode|before-meeting/);
    await votes.getByLabel('Gjelder fra (dato)').fill('20.03.2025');
    await page.evaluate(() => document.getElementById('flash')?.remove());
    await votes.getByRole('button', { name: 'Lagre stemmene' }).click();
    await page.locator('#flash').getByText('3 av 3 stemmer lagret.').waitFor();

    const adopt = page.locator('#adopt-form');
    const rule2 = adopt.getByLabel('Punkt 2: hvordan det ble avgjort');
    expect(await rule2.inputValue()).toBe('majority');
    expect(await adopt.getByLabel('Valgt alternativ for punkt 2').inputValue()).toBe('1');
    expect(plain(await adopt.locator('#dissent-list').textContent())).toBe('Kommunerepresentant nord – punkt 2');
    const point1 = adopt.locator('fieldset[data-point="1"]');
    // A point nobody voted on says so in words, in the tally and beside the outcome (not "Punkt: –").
    expect(plain(await point1.locator('.tally-line').textContent())).toBe('Stemmer: ingen stemmer avgitt');
    expect(plain(await page.locator('#votes tr[data-point="1"] .tally').textContent())).toBe('ingen stemmer avgitt');
    await point1.getByText('Endringer i møtet (valgfritt)').click();
    await point1.getByLabel('Hospitering 2025').fill('350 000');

    // The committee's rule, compiled into the page, says so before sending; the ledger refuses it, beside the field.
    await rule2.selectOption('unanimous');
    expect(plain(await adopt.locator('fieldset[data-point="2"] .tally-judgement').textContent())).toBe(
      '⚠ Stemmene bærer ikke et vedtak enstemmig.',
    );
    await adopt.getByRole('button', { name: 'Registrer vedtaket' }).click();
    await page
      .getByRole('dialog', { name: 'Registrere vedtaket i sak 05.25?' })
      .getByRole('button', { name: 'Registrer vedtaket' })
      .click();
    const refusal =
      'Stemmene på punkt 2 (alt. 1: 2 og alt. 2: 1, ingen blanke) bærer ikke et vedtak enstemmig for alt. 1. Et enstemmig vedtak har alle stemmer for.';
    await adopt.locator('.field-error').getByText(refusal).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name)).toBe('rule-2');
    expect(await rule2.getAttribute('aria-invalid')).toBe('true');
    const region = adopt.locator('.form-result[aria-live="polite"]');
    expect(plain(await region.textContent())).toContain(`Ikke lagret: ${refusal}`);
    await screenshot(page, 'refusal-beside-field', { part: adopt.locator('fieldset[data-point="2"]') });

    await rule2.selectOption('majority');
    await adopt.getByRole('button', { name: 'Registrer vedtaket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrere vedtaket i sak 05.25?' });
    await dialog.waitFor();
    const summary = plain(await dialog.textContent());
    expect(summary).toContain('Punkt 2: Vedtatt (Alt. 1: kr 1 000 000), med flertall.');
    expect(summary).toContain('Punkt 1: Vedtatt, i konsensus (uten votering). Endret i møtet: Hospitering 2025: kr 350 000.');
    expect(summary).toContain('Dissens: Kommunerepresentant nord (punkt 2)');
    await screenshot(page, 'confirm-adoption', { fullPage: false });
    await dialog.getByRole('button', { name: 'Registrer vedtaket' }).click();
    // Said per point: three were consensus, one a majority.
    await page
      .locator('#flash')
      .getByText('Lagret. Vedtatt 20.03.2025: punkt 1, 3 og 4 i konsensus (uten votering); punkt 2 med flertall.')
      .waitFor();
    expect(plain(await page.locator('#resolution .notice-success p').first().textContent())).toBe(
      '✓ Vedtatt 20.03.2025: punkt 1, 3 og 4 i konsensus (uten votering); punkt 2 med flertall.',
    );
    expect(plain(await page.locator('#resolution li[data-point="3"] .point-head').textContent())).toBe(
      'Punkt 3 ✓ Vedtatt i konsensus (uten votering)',
    );
    await screenshot(page, 'resolution-per-point', { part: page.locator('#resolution') });
  });

  it('registers the new initiative, records the grants, establishes the reserve fund, a two-year grant and a draw on the fund', async () => {
    const register = page.locator('form.register-initiative');
    await register.getByLabel(exactly('Programområde')).selectOption('barn-og-unge');
    expect(await register.getByLabel('Id for satsningen').inputValue()).toBe('hospitering');
    await submit(register, 'Registrer satsningen', 'Lagret. Hospitering');
    await page.evaluate(() => document.getElementById('flash')?.remove());
    await page.locator('#record-all-grants-1').click();
    await confirm('Registrere 2 tildelinger?', 'Registrer 2 tildelinger', '2 av 2 tildelinger registrert.');

    await page.locator('#reserve-form').getByRole('button', { name: 'Etabler fondet' }).click();
    await confirm('Etablere fondet?', 'Etabler fondet', 'Fondet er etablert: kr 1 000 000 satt av i 2025.');

    const award = page.locator('#award-form');
    const fillAward = async (initiative: string, point: string, plan: 'single' | 'instalments', amounts: string[]) => {
      await award.getByLabel(exactly('Satsning')).selectOption(initiative);
      await award.getByLabel('Hjemmel (punkt i vedtaket)').selectOption(point);
      await award.getByLabel(plan === 'single' ? 'Ett år' : 'Flere år, beløp per år').check();
      if (plan === 'single') await award.getByLabel(exactly('Beløp')).fill(amounts[0]!);
      else for (const [index, amount] of amounts.entries()) await award.getByLabel(`År ${index + 1} av planen`).fill(amount);
    };
    // More than the point authorises for 2025: refused in words, beside the first year's amount.
    await fillAward('vip', '3', 'instalments', ['1 500 000', '500 000']);
    await award.getByRole('button', { name: 'Registrer tildelingen' }).click();
    await page.getByRole('dialog', { name: 'Registrere tildelingen til VIP?' }).locator('#confirm-yes').click();
    const refusal = 'Punkt 3 i sak 05.25 gir hjemmel for kr 1 000 000 til VIP i 2025; kr 1 500 000 er mer enn det.';
    await award.locator('.field-error').getByText(refusal).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('instalment-0');
    await fillAward('vip', '3', 'instalments', ['1 000 000', '1 000 000']);
    await award.getByRole('button', { name: 'Registrer tildelingen' }).click();
    // A two-year plan: each year's amount, and each year's frame now and after.
    const plan = page.getByRole('dialog', { name: 'Registrere tildelingen til VIP?' });
    await plan.waitFor();
    expect(plain(await plan.locator('.confirm-facts').textContent())).toContain('Plan2025: kr 1 000 0002026: kr 1 000 000');
    expect(await plan.locator('#confirm-changes tbody tr').count()).toBe(2);
    await confirm('Registrere tildelingen til VIP?', 'Registrer tildelingen', 'Lagret. VIP: kr 2 000 000');
    await fillAward('samba', '4', 'single', ['200 000']);
    await award.getByRole('button', { name: 'Registrer tildelingen' }).click();
    // Drawn from the reserve fund: the fund's balance now and after, not the frame's.
    const draw = page.getByRole('dialog', { name: 'Registrere tildelingen til SAMBA?' });
    await draw.waitFor();
    expect(plain(await draw.locator('.confirm-facts').textContent())).toContain('Trekkes fra fondet');
    expect((await draw.locator('#confirm-changes tbody tr').allTextContents()).map(plain)).toEqual([
      'Fondets saldo i 2025kr 1 000 000kr 800 000',
    ]);
    await confirm('Registrere tildelingen til SAMBA?', 'Registrer tildelingen', 'Lagret. SAMBA: kr 200 000');

    const money = page.locator('#money');
    expect(plain(await money.locator('#grants-total').textContent())).toBe('4 tildelinger, til sammen kr 4 050 000.');
    const vip = money.locator('article[data-initiative="vip"]');
    expect((await vip.locator('.instalments li').allTextContents()).map(plain)).toEqual(['2025: kr 1 000 000', '2026: kr 1 000 000']);
    expect(plain(await money.locator('article[data-initiative="samba"]', { hasText: 'fra fond' }).textContent())).toContain('kr 200 000');
    expect(await money.locator('li[data-event-type="ReserveFundEstablished"]').count()).toBe(1);
  });

  it('reports the spending, corrects it beside the report, and releases what one initiative will not use', async () => {
    await go('/years/2025', 'Årsregnskap 2025');
    for (const [initiative, amount] of [
      ['samba', '1 000 000'],
      ['vip', '600 000'],
    ] as const) {
      const form = page.locator('#spending-form');
      await form.getByLabel(exactly('Satsning')).selectOption(initiative);
      await form.getByLabel(exactly('Beløp')).fill(amount);
      await form.getByLabel('Gjelder fra (dato)').fill('30.06.2025');
      await form.getByLabel(exactly('Referanse')).fill('Rapport første halvår');
      await submit(form, 'Registrer forbruket', /Forbruk på /);
    }
    const vipReport = page.locator('#spending li[data-spending]', { hasText: 'VIP' });
    await vipReport.getByText('Korriger').click();
    await vipReport.getByLabel(exactly('Endring')).fill('-100 000');
    await vipReport.getByLabel(exactly('Begrunnelse')).fill('Kreditnota');
    await vipReport.getByLabel('Gjelder fra (dato)').fill('01.07.2025');
    await vipReport.locator('form').getByRole('button', { name: 'Lagre rettelsen' }).click();
    await confirm('Korrigere forbruket på VIP med −kr 100 000?', 'Lagre rettelsen', 'Forbruket er korrigert −kr 100 000');

    const hospitering = page.locator('#grants article[data-initiative="hospitering"]');
    await hospitering.locator('summary', { hasText: 'Frigjør' }).click();
    const release = hospitering.locator('details[open] form');
    await release.getByLabel('Beløp som frigjøres').fill('100 000');
    await release.getByLabel(exactly('Begrunnelse')).fill('Startet senere enn planlagt');
    await release.getByLabel('Gjelder fra (dato)').fill('01.10.2025');
    await release.getByRole('button', { name: 'Frigjør midlene' }).click();
    await confirm('Frigjøre kr 100 000 fra Hospitering?', 'Frigjør midlene', 'kr 100 000 frigjort fra Hospitering.');
    expect(plain(await page.locator('#grants article[data-initiative="hospitering"] .changes').textContent())).toContain(
      'Frigjort kr 100 000 fra Hospitering',
    );
    await screenshot(page, 'year-2025');
  });

  it('shows in the trail each correction as a link naming what it corrects', async () => {
    await go('/audit?year=2025', 'Revisjonsspor 2025');
    const correction = page.locator('#trail-table tr[data-type="ReceiptCorrected"] a.corrects-link');
    expect(plain(await correction.textContent())).toMatch(
      /^↺ Retter: Midler mottatt – Mottatt kr 10 000 000 for 2025 \(Tilsagnsbrev 2025\) \(nr\. \d+\)$/,
    );
    await correction.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-type'))).toBe('FundsReceived');
    expect(new URL(page.url()).hash).toMatch(/^#event-\d+$/);
    const spending = page.locator('#trail-table tr[data-type="SpendingCorrected"] a.corrects-link');
    expect(plain(await spending.textContent())).toContain('Retter: Forbruk rapportert – Forbruk kr 600 000 på VIP');
    await page.goto(`${server.url}/years/2025`);
    await page.getByRole('heading', { level: 1, name: 'Årsregnskap 2025' }).waitFor();
  });

  it('settles the year after showing what it will carry, and the frame the page shows is what `ledger frame` prints', async () => {
    const preview = page.locator('#settlement-preview');
    const carried = async (key: string) => plain(await preview.locator(`tr[data-carry="${key}"] td`).first().textContent());
    expect(await carried('remainder')).toBe('kr 6 050 000');
    expect(await carried('released')).toBe('kr 100 000');
    expect(await carried('earmark:samba')).toBe('kr 700 000');
    expect(await carried('earmark:vip')).toBe('kr 500 000');
    expect(await carried('earmark:hospitering')).toBe('kr 250 000');
    expect(await carried('reserve')).toBe('kr 800 000');
    await screenshot(page, 'settlement-preview', { part: page.locator('#settlement') });
    const form = page.locator('#settle-form');
    expect(await form.getByLabel('Avregnes (dato)').inputValue()).toBe('16.02.2026');
    await form.getByRole('button', { name: 'Avregn og lukk 2025' }).click();
    await confirm('Avregne og lukke 2025?', 'Avregn og lukk 2025', '2025 er avregnet 16.02.2026 og lukket.');

    await go('/?years=2025,2026', 'Oversikt over samhandlingsmidlene');
    await page.locator('details.more summary').click();
    const shown = new Map<string, string>();
    for (const row of await page.locator('#frame-table tbody tr, #more-figures-table tbody tr').all())
      shown.set(plain(await row.locator('th').textContent()), plain(await row.locator('td').first().textContent()));
    // What carried into 2026 is what the preview said.
    const in2026 = async (figure: string) =>
      plain(
        await page
          .locator(`#frame-table tr[data-figure="${figure}"] td, #more-figures-table tr[data-figure="${figure}"] td`)
          .nth(1)
          .textContent(),
      );
    expect(await in2026('remainderCarriedIn')).toBe('kr 6 050 000');
    expect(await in2026('releasedCarriedIn')).toBe('kr 100 000');
    expect(await in2026('reserveCarriedIn')).toBe('kr 800 000');
    expect(await in2026('earmarkedCarriedIn')).toBe('kr 1 450 000');

    let printed = '';
    const store: Ledger = { ...ledger, settings: { store: 'memory' }, close: async () => {} };
    const code = await runCli(['frame', '2025'], {
      stdout: { write: (text: string) => (printed += text) },
      stderr: { write: () => true },
      readStdin: async () => '',
      env: {},
      open: async () => store,
    });
    expect(code).toBe(0);
    // Each line of the table: the figure's label, then its amount.
    const cli = new Map(
      printed
        .split('\n')
        .map((line) => /^(.+?) ([−-]?kr [\d ]+(?:,\d\d)?)$/.exec(plain(line)))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => [match[1]!, match[2]!.replace('-', '−')]),
    );
    expect(printed).toContain('Ramme 2025 (avregnet og lukket)');
    expect(cli.size).toBeGreaterThanOrEqual(20);
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(cli));
    expect(shown.get('Justert ramme')).toBe('kr 9 900 000');
    expect(shown.get('Tildelt')).toBe('kr 2 850 000');
    expect(shown.get('Gjenstående overført')).toBe('kr 6 050 000');
    await screenshot(page, 'overview-after-the-year');
  });
  it('offers nothing the rules would refuse once 2025 is closed: no case of 2025, no vote or grant change, and the correction path instead', async () => {
    await go('/cases', 'Saker i strategisk samarbeidsutvalg');
    const open = page.locator('#open-case-form');
    await open.getByLabel(exactly('Saksnummer')).fill('30.25');
    await open.getByLabel(exactly('Møtedato')).fill('13.11.2025');
    await open.getByLabel(exactly('Tittel')).fill('Felles budsjett for digital sårbehandling og VIP');
    await open.getByRole('button', { name: 'Åpne saken' }).click();
    await open
      .locator('.field-error')
      .getByText(
        '2025 er avregnet og lukket: i en sak fra 2025 kan ingenting stemmes over eller vedtas. Bruk et saksnummer for 2026, for eksempel 01.26.',
      )
      .waitFor();
    expect(await page.locator('tr[data-case="30.25"]').count()).toBe(0);
    await screenshot(page, 'open-case-closed-year', { part: open });

    // The decided case of the closed year: no form, and each grant corrected in 2026 instead of adjusted or released.
    await go('/cases/05.25', /^Sak 05\.25/);
    expect(plain(await page.locator('#case-closed-notice').textContent())).toContain(
      '2025 er avregnet og lukket, så ingenting mer kan foreslås, stemmes over eller vedtas i sak 05.25. En feil i pengene for 2025 rettes som korreksjon av tidligere år i 2026.',
    );
    // Only VIP's instalment of 2026, a year still open, can still be adjusted or released: nothing of 2025 is offered.
    const forms = page.locator('main form.write-form');
    expect(await forms.count()).toBe(2);
    expect(await page.locator('#money article[data-initiative="vip"] form.write-form').count()).toBe(2);
    for (const form of await forms.all())
      expect((await form.locator('select[name="year"] option').allTextContents()).map(plain)).toEqual(['2026: kr 1 000 000']);
    await screenshot(page, 'closed-year-case', { fullPage: false });
    expect(plain(await page.locator('#money article[data-initiative="samba"] a.correction-path').first().textContent())).toBe(
      'Rett i 2026 (korreksjon av tidligere år): SAMBA',
    );

    // The closed year's receipt leads to the correction in 2026, the receipt chosen already.
    await go('/years/2025', 'Årsregnskap 2025');
    expect(await page.locator('main form.write-form').count()).toBe(0);
    const receipt = page.locator('#receipts li[data-receipt]');
    const eventId = await receipt.getAttribute('data-receipt');
    await receipt.locator('a.correction-path').click();
    await page.getByRole('heading', { level: 1, name: 'Årsregnskap 2026' }).waitFor();
    const corrected = page.locator('#prior-year-form select[name="correctsEventId"]');
    expect(await corrected.inputValue()).toBe(eventId);
    expect(plain(await corrected.locator('option:checked').textContent())).toBe('2025 · Mottak 15.01.2025: kr 9 900 000');

    // The receipt was 10 000 000: the secretariat gives the amount as it should have been, and the ledger moves the difference into 2026.
    const frameBefore = (await ledger.reader.frame(2026)).figures;
    const form = page.locator('#prior-year-form');
    await form.getByLabel('Beløpet slik det skulle vært').fill('10 000 000');
    await form.getByLabel('Dokument som viser riktig beløp (i stedet for vedtakspunkt)').fill('Tilskuddsbrev 2025, rettet');
    await form.getByLabel('Begrunnelse').fill('Tilskuddet var 100 000 høyere enn ført');
    await form.getByRole('button', { name: 'Registrer korreksjonen', exact: true }).click();
    const asked = page.getByRole('dialog', { name: 'Rette 2025 fra kr 9 900 000 til kr 10 000 000, ført i 2026?' });
    await asked.waitFor();
    // What it moves is shown before anything is recorded: the 2026 frame from kr 6 150 000 to kr 6 250 000.
    expect((await asked.locator('#confirm-changes tbody tr').allTextContents()).map(plain)[0]).toMatch(/kr 6 150 000.*kr 6 250 000/);
    await confirm(
      'Rette 2025 fra kr 9 900 000 til kr 10 000 000, ført i 2026?',
      'Registrer korreksjonen',
      'Rettelsen av 2025 er registrert.',
    );
    expect(plain(await page.locator('#prior-year li[data-event]').first().textContent())).toContain(
      'rettelse av 2025: mottatt tilskudd kr 9 900 000 → kr 10 000 000',
    );
    const frameAfter = (await ledger.reader.frame(2026)).figures;
    expect([frameBefore.priorYearAdjustment, frameAfter.priorYearAdjustment]).toEqual(['0.00', '100000.00']);
  });
});
