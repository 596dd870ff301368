import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from './store-contract.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';

describeStoreContract('sqlite (in-memory)', async () => {
  const store = new SqliteEventStore(':memory:');
  return { store, cleanup: () => store.close() };
});

describeStoreContract(
  'sqlite (file)',
  async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
    const store = new SqliteEventStore(join(directory, 'ledger.sqlite'));
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
  { openCopy: (path) => new SqliteEventStore(path, { readOnly: true }) },
);
