import { existsSync } from 'node:fs';
import { Option } from '@commander-js/extra-typings';
import { AccountStore } from '../accounts/account-store.js';
import { accountsWithPublishedCredentials, demoCredentialsAllowed } from '../accounts/demo.js';
import { roles, type Role } from '../accounts/roles.js';
import { defaultAccountsPath, type Ledger } from '../ledger.js';
import { table } from './format.js';
import { requiredOption } from './values.js';
import { helpGroups, UsageError, type CliContext, type CliVerb } from './verb.js';

const accountsPathOf = (context: CliContext) => context.io.env.LEDGER_ACCOUNTS ?? defaultAccountsPath(context.storeSetting);

/** The accounts file, with the token lifetime the setting gives (LEDGER_TOKEN_TTL_DAYS, default 90; 0: until revoked). */
export function openAccounts(context: CliContext): AccountStore {
  const days = context.io.env.LEDGER_TOKEN_TTL_DAYS ?? '90';
  if (!/^\d+$/.test(days)) throw new UsageError(`LEDGER_TOKEN_TTL_DAYS must be a whole number of days, not "${days}"`);
  return AccountStore.open(accountsPathOf(context), { tokenTtlMs: days === '0' ? null : Number(days) * 24 * 60 * 60 * 1000 });
}

/**
 * For `ledger verify`: the accounts that still hold a published demo password or token,
 * reported as problems on a store that is not the demo ledger (they are refused at
 * sign-in there; deactivate them or give them new credentials).
 */
export async function demoAccountsCheck(context: CliContext, ledger: Ledger | null): Promise<{ problems: string[]; notes: string[] }> {
  const path = accountsPathOf(context);
  if (ledger === null || path === ':memory:' || !existsSync(path)) return { problems: [], notes: [] };
  const accounts = AccountStore.open(path);
  try {
    const holders = await accountsWithPublishedCredentials(accounts);
    if (holders.length === 0) return { problems: [], notes: [] };
    const lines = holders.map((holder) => `account ${holder.username} holds ${holder.holds.join(' and ')} of the demo`);
    if (await demoCredentialsAllowed(ledger.store, accounts))
      return { problems: [], notes: [`this is the demo ledger; its demo accounts are public: ${lines.join('; ')}`] };
    return {
      problems: lines.map(
        (line) => `${line}, on a store that is not the demo ledger (refused at sign-in; run: ledger user deactivate <username>)`,
      ),
      notes: [],
    };
  } finally {
    accounts.close();
  }
}

/** `ledger user add|list|deactivate|reactivate|token`: named accounts for the HTTP API and the web page. */
export const userVerbs: CliVerb = (cli) => {
  const user = cli.program
    .command('user')
    .helpGroup(helpGroups.accounts)
    .summary('named accounts: user add|list|deactivate|reactivate|token')
    .description('Named accounts for the HTTP API and the web page, kept in LEDGER_ACCOUNTS, else accounts.sqlite beside the store.');
  user
    .command('add')
    .description('Creates a named account and prints its password and API token once.')
    .argument('<username>', 'the name the person signs in with')
    .addOption(requiredOption(new Option('--role <role>', 'what the account may do').choices(roles)))
    .addOption(requiredOption(new Option('--name <name>', "the person's name as it should appear")))
    .option('--member <id>', 'the committee member a member account votes as (required for --role member)')
    .option('--password <password>', 'the password (default: one is generated and printed)')
    .action(
      cli.action(async (context, username, options) => withAccounts(context, (accounts) => add(accounts, username, options, context))),
    );
  user
    .command('list')
    .description('Lists every account with its role and whether it is active.')
    .action(cli.action(async (context) => withAccounts(context, (accounts) => list(accounts, context))));
  user
    .command('deactivate')
    .description('Deactivates an account; its name stays explained in the log where it recorded something.')
    .argument('<username>', 'the account to deactivate')
    .action(
      cli.action(async (context, username) =>
        withAccounts(context, async (accounts) => {
          const account = accounts.deactivate(username);
          context.print(`Deaktiverte ${account.username}; navnet står fortsatt i loggen der kontoen har registrert noe.`);
        }),
      ),
    );
  user
    .command('reactivate')
    .description(
      'Lets a deactivated account sign in again with its password; its old tokens stay revoked (issue a new one with user token).',
    )
    .argument('<username>', 'the account to reactivate')
    .action(
      cli.action(async (context, username) =>
        withAccounts(context, async (accounts) => {
          const account = accounts.reactivate(username);
          context.print(
            `Aktiverte ${account.username} igjen: passordet gjelder; gamle API-tokens forblir tilbakekalt (lag et nytt med: ledger user token ${account.username}).`,
          );
        }),
      ),
    );
  user
    .command('token')
    .description('Issues another API token for an account and prints it once.')
    .argument('<username>', 'the account to issue a token for')
    .action(
      cli.action(async (context, username) =>
        withAccounts(context, async (accounts) => {
          const token = accounts.issueToken(username);
          context.print(`Nytt API-token for ${username} (vises bare nå): ${token}`);
        }),
      ),
    );
};

async function withAccounts(context: CliContext, work: (accounts: AccountStore) => Promise<void>): Promise<void> {
  const accounts = openAccounts(context);
  try {
    await work(accounts);
  } finally {
    accounts.close();
  }
}

async function list(accounts: AccountStore, context: CliContext): Promise<void> {
  const listed = accounts.list();
  if (context.json) return context.printJson(listed);
  context.print(
    table(
      [{ header: 'Brukernavn' }, { header: 'Navn' }, { header: 'Rolle' }, { header: 'Medlem' }, { header: 'Status' }],
      listed.map((account) => [
        account.username,
        account.displayName,
        account.role,
        account.memberId ?? '',
        account.active ? 'aktiv' : `deaktivert ${account.deactivatedAt?.slice(0, 10) ?? ''}`,
      ]),
    ),
  );
}

interface AddOptions {
  role: Role;
  name: string;
  member?: string;
  password?: string;
}

async function add(accounts: AccountStore, username: string, options: AddOptions, context: CliContext): Promise<void> {
  if (options.name.trim() === '') throw new UsageError("--name must not be empty: the person's name as it should appear");
  if (options.role === 'member') {
    if (options.member === undefined) throw new UsageError('a member account needs --member <committee member id>');
    const view = await (await context.ledger()).reader.view();
    if (!view.registry.members.has(options.member))
      throw new UsageError(`committee member ${options.member} is not registered in the ledger`);
  }
  const created = await accounts.addAccount({
    username,
    displayName: options.name,
    role: options.role,
    ...(options.member !== undefined ? { memberId: options.member } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
  });
  if (context.json) return context.printJson(created);
  context.print(
    `Opprettet ${created.account.username} (${created.account.role}). Vises bare nå:\n  passord   ${created.password}\n  API-token ${created.token}`,
  );
}
