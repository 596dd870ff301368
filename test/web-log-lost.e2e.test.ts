import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import { buildWeb, CHROMIUM, chromiumInstalled, launchBrowser, screenshot, startWebServer } from './support/browser.js';
import { demoLedger } from './support/demo.js';
import { FakeEsdbClient } from './support/fake-esdb-client.js';

/**
 * The page when the event store lost what the ledger had shown (a server that restarted
 * without its data): a banner says so instead of figures from the lost log. The demo
 * ledger lives on a fake EventStoreDB client, whose stream the test cuts short.
 */
if (!chromiumInstalled) console.log(`[skipped] the page when the store lost events: ${CHROMIUM} not installed`);

describe.skipIf(!chromiumInstalled)('the page when the event store lost events', () => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closing.reverse()) await close();
  });

  it('shows a banner instead of the figures, in Norwegian', { timeout: 120_000 }, async () => {
    const fake = new FakeEsdbClient();
    const ledger = await demoLedger(new EsdbEventStore('esdb://fake:2113?tls=false', { client: fake.client }));
    const server = await startWebServer(buildWeb(mkdtempSync(join(tmpdir(), 'ledger-web-log-lost-'))), ledger);
    closing.push(() => server.close());
    const browser = await launchBrowser(server.url);
    closing.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Brukernavn').fill('leser');
    await page.getByLabel('Passord').fill('demo-leser-123');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Mottatt');

    fake.truncate('hfi-ledger', 10);
    await page.reload();
    const banner = page.getByRole('alert').filter({ hasText: 'Hendelseslageret har ikke lenger alt registeret har vist' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Tallene vises ikke før driftsansvarlig har hentet tilbake lagerets data');
    expect(await page.locator('main').textContent()).not.toContain('Mottatt');
    await screenshot(page, 'log-lost-banner', { part: page.locator('main') });
  });
});
