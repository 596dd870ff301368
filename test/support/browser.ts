import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AccountStore } from '../../src/accounts/account-store.js';
import { ensureDemoAccounts } from '../../src/accounts/demo.js';
import { createApp } from '../../src/http/app.js';
import { webRoutes } from '../../src/web/serve.js';
import { demoLedger } from './demo.js';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the front end into `dir` (default dist/web) the way the build script does. */
export function buildWeb(dir = join(PROJECT_ROOT, 'dist', 'web')): string {
  const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(PROJECT_ROOT, 'tsconfig.web.json'), '--outDir', join(dir, 'js')], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'src', 'web', 'copy-static.mjs'), dir], { cwd: PROJECT_ROOT, stdio: 'inherit' });
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
export async function startWebServer(webRoot: string): Promise<WebServer> {
  const ledger = await demoLedger();
  const accounts = AccountStore.open(':memory:', { scryptCost: 2 ** 12 });
  await ensureDemoAccounts(accounts);
  const site = express();
  site.disable('x-powered-by');
  site.use(webRoutes({ root: webRoot }));
  site.use(createApp(ledger, accounts, { log: () => {} }));
  const server = createServer(site);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
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
      if (message.type() === 'error' && !/status of 401/.test(message.text())) consoleProblems.push(message.text());
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

export const SCREENSHOTS = join(PROJECT_ROOT, 'docs', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
}
