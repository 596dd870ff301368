import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccountStore } from '../accounts/account-store.js';
import { createApp, type AppOptions } from './app.js';
import type { LedgerEdge } from './context.js';
import type { LogWriter } from './request-log.js';

export interface ServerSettings {
  ledger: LedgerEdge;
  accounts: AccountStore;
  /** 0 picks a free port. */
  port: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** The request log writer. @defaultValue stdout */
  log?: LogWriter;
  /** Further app options (clock, body limit, trust proxy). */
  app?: Omit<AppOptions, 'log'>;
}

export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  /** Stops accepting connections and resolves when the open ones are done. Does not close the ledger or the accounts. */
  close(): Promise<void>;
}

/** Serves the API over HTTP. Resolves once it listens. */
export async function startServer(settings: ServerSettings): Promise<RunningServer> {
  const app = createApp(settings.ledger, settings.accounts, { ...settings.app, ...(settings.log ? { log: settings.log } : {}) });
  const server = createServer(app);
  const host = settings.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
