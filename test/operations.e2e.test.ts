import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts/account-store.js';
import { DEMO_ACCOUNTS } from '../src/accounts/demo.js';
import { startServer } from '../src/http/server.js';
import type { OperationsStatus } from '../src/operations/status.js';
import type { GuardStatus } from '../src/trust/log-guard.js';
import { webRoutes } from '../src/web/serve.js';
import { buildWeb, CHROMIUM, chromiumInstalled, launchBrowser, screenshot, type Browser } from './support/browser.js';
import { demoAccountsFor, demoLedger } from './support/demo.js';

/**
 * What the page shows of a grant's conditions and of the ledger's upkeep: the conditions
 * and reporting date on the grant's card; for the secretariat and the auditor, a banner
 * while the log does not hold to its signed checkpoints and the time of the last backup;
 * for a member, neither.
 */
if (!chromiumInstalled) console.log(`[skipped] the operations page test: ${CHROMIUM} not installed`);

const password = (username: string) => DEMO_ACCOUNTS.find((account) => account.username === username)!.password;
const plain = (text: string | null) =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const refused: GuardStatus = {
  state: 'refused',
  checkedAt: '2026-12-06T09:00:00.000Z',
  position: 87,
  coveredPosition: 0,
  checkpoints: 1,
  lastCheckpoint: { position: 87, signedAt: '2026-12-05T09:00:00.000Z', reason: 'manual' },
  keyId: 'a'.repeat(64),
  problems: ['the log up to position 87 is not the one the checkpoint signed 2026-12-05T09:00:00.000Z (manual) covers'],
};

describe.skipIf(!chromiumInstalled)('the page: grant conditions and the ledger’s upkeep', () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let url: string;
  const root = mkdtempSync(join(tmpdir(), 'ledger-web-ops-'));

  beforeAll(async () => {
    const webRoot = buildWeb(join(root, 'web'));
    const ledger = await demoLedger();
    for (const command of [
      { type: 'OpenCase', caseNumber: '31.25', meetingDate: '2025-11-13', title: 'Felles budsjett og plan', effectiveDate: '2025-10-20' },
      {
        type: 'ProposeResolution',
        caseNumber: '31.25',
        effectiveDate: '2025-10-20',
        points: [
          {
            number: 1,
            text: 'SSU tildeler VIP 500 000 med vilkår',
            alternatives: [],
            authorises: {
              kind: 'allocation',
              fundedBy: 'frame',
              lines: [{ target: { initiativeId: 'vip' }, year: 2025, amount: '500000' }],
            },
          },
        ],
      },
      {
        type: 'AdoptResolution',
        caseNumber: '31.25',
        points: [{ number: 1, outcome: 'adopted' }],
        decidedBy: 'consensus',
        effectiveDate: '2025-11-13',
      },
      {
        type: 'AwardGrant',
        year: 2025,
        initiativeId: 'vip',
        plan: { amount: '500000' },
        authority: { caseNumber: '31.25', pointNumber: 1 },
        conditions: [{ text: 'Felles budsjett og plan for digital sårbehandling og VIP legges fram for SSU', dueOn: '2025-11-13' }],
        reportDueOn: '2026-06-30',
        effectiveDate: '2025-11-13',
      },
    ])
      await ledger.handler.execute({ ...command, idempotencyKey: `ops-${command.type}` }, { actor: 'sekretariat' });
    const accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 12 });
    await demoAccountsFor(accounts, ledger.store);
    const operations: OperationsStatus = {
      checkpoints: () => refused,
      lastBackup: () => ({
        madeAt: '2026-12-06T10:05:00.000Z',
        directory: '/backup/2026-12-06',
        events: 91,
        position: 91,
        logHash: 'b'.repeat(64),
      }),
    };
    const server = await startServer({
      ledger,
      accounts,
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      app: { web: webRoutes({ root: webRoot }), operations },
    });
    url = server.url;
    browser = await launchBrowser(url);
    close = async () => {
      await server.close();
      accounts.close();
      await ledger.store.close();
    };
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await close?.();
    rmSync(root, { recursive: true, force: true });
  });

  async function logIn(username: string): Promise<Page> {
    await browser.context.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${url}/`);
    await page.getByLabel('Brukernavn').fill(username);
    await page.getByLabel('Passord').fill(password(username));
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversikt over samhandlingsmidlene' }).waitFor();
    return page;
  }

  it('shows the auditor the refused checkpoints and the last backup, and the grant’s conditions on the case page', async () => {
    const page = await logIn('revisor');
    await page.locator('#checkpoints-refused').waitFor();
    expect(plain(await page.locator('#checkpoints-refused').textContent())).toContain(
      'Loggen stemmer ikke med sjekkpunktene som er signert før',
    );
    expect(plain(await page.locator('#last-backup').textContent())).toBe('Siste sikkerhetskopi: 06.12.2026 kl. 11:05 (91 hendelser).');
    await page.goto(`${url}/cases/31.25`);
    const card = page.locator('article.grant-entry[data-initiative="vip"]');
    await card.waitFor();
    expect(plain(await card.locator('.grant-conditions').textContent())).toBe(
      'Felles budsjett og plan for digital sårbehandling og VIP legges fram for SSU (frist 13.11.2025)',
    );
    expect(plain(await card.textContent())).toContain('Rapport innen30.06.2026');
    await screenshot(page, 'grant-conditions', { part: card });
    await screenshot(page, 'checkpoints-refused-banner', { fullPage: false });
  });

  it('shows the secretariat the banner too, and a member neither', async () => {
    const secretariat = await logIn('sekretariat');
    await secretariat.locator('#checkpoints-refused').waitFor();
    const member = await logIn('leder');
    await member.locator('main h1').waitFor();
    expect(await member.locator('#operations-notice').count()).toBe(0);
    expect(browser.consoleProblems).toEqual([]);
  });
});
