import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { AccountStore } from './accounts/account-store.js';

/** What the first secretariat account does next: the page leads it through taking the ledger into use. */
const FIRST_RUN =
  'Sign in to the page with it: it leads you through taking the ledger into use (the organisation, the programme areas and initiatives, the opening balance from your spreadsheet, the other accounts).\n';

/**
 * A ledger without a secretariat account cannot be written to. On the first start of
 * an empty ledger without the demo, the server asks for that first account when it has
 * a terminal, and otherwise says how to create one; it never makes one up.
 */
export async function ensureFirstSecretariat(
  accounts: AccountStore,
  io: { input: Readable & { isTTY?: boolean }; output: Writable; accountsPath: string },
): Promise<void> {
  if (accounts.list().some((account) => account.active && account.role === 'secretariat')) return;
  const how = `ledger user add <username> --role secretariat --name "<full name>"${io.accountsPath === ':memory:' ? '' : ` (LEDGER_ACCOUNTS=${io.accountsPath})`}`;
  if (!io.input.isTTY) {
    io.output.write(
      `There is no secretariat account yet, so nobody can record anything. Create the first one with:\n  npx ${how}\n${FIRST_RUN}`,
    );
    return;
  }
  const prompt = createInterface({ input: io.input, output: io.output });
  try {
    io.output.write('There is no secretariat account yet. Create the first one now (empty username to skip).\n');
    for (;;) {
      const username = (await prompt.question('Username (lower-case, e.g. kari.nordmann): ')).trim();
      if (username === '') {
        io.output.write(`Skipped. Create it later with: npx ${how}\n`);
        return;
      }
      const displayName = (await prompt.question('Full name: ')).trim();
      try {
        const created = await accounts.addAccount({ username, displayName, role: 'secretariat' });
        io.output.write(
          `Created ${username} (secretariat). Shown only now:\n  password  ${created.password}\n  API token ${created.token}\n${FIRST_RUN}`,
        );
        return;
      } catch (error: unknown) {
        io.output.write(`${error instanceof Error ? error.message : String(error)}; try again.\n`);
      }
    }
  } finally {
    prompt.close();
  }
}
