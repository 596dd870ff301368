import { Option } from '@commander-js/extra-typings';
import { AccountStore } from '../accounts/account-store.js';
import { roles, type Role } from '../accounts/roles.js';
import { defaultAccountsPath } from '../ledger.js';
import { table } from './format.js';
import { requiredOption } from './values.js';
import { helpGroups, UsageError, type CliContext, type CliVerb } from './verb.js';

/** `ledger user add|list|deactivate|token`: named accounts for the HTTP API and the web page. */
export const userVerbs: CliVerb = (cli) => {
  const user = cli.program
    .command('user')
    .helpGroup(helpGroups.accounts)
    .summary('named accounts: user add|list|deactivate|token')
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
  const accounts = AccountStore.open(context.io.env.LEDGER_ACCOUNTS ?? defaultAccountsPath(context.storeSetting));
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
