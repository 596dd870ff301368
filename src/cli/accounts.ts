import { AccountStore } from '../accounts/account-store.js';
import { isRole, roles } from '../accounts/roles.js';
import { defaultAccountsPath } from '../ledger.js';
import { UsageError, type CliCommand, type CliContext } from './main.js';
import { table } from './format.js';

/** `ledger user …`: named accounts for the HTTP API and the web page. */
export const accountCommands: Record<string, CliCommand> = {
  async user(args, context) {
    const [action, username] = args;
    const accounts = AccountStore.open(context.io.env.LEDGER_ACCOUNTS ?? defaultAccountsPath(context.storeSetting));
    try {
      switch (action) {
        case 'add':
          return await add(accounts, username, context);
        case 'list': {
          const list = accounts.list();
          if (context.json) context.io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          else
            context.io.stdout.write(
              `${table(
                [{ header: 'Brukernavn' }, { header: 'Navn' }, { header: 'Rolle' }, { header: 'Medlem' }, { header: 'Status' }],
                list.map((account) => [
                  account.username,
                  account.displayName,
                  account.role,
                  account.memberId ?? '',
                  account.active ? 'aktiv' : `deaktivert ${account.deactivatedAt?.slice(0, 10) ?? ''}`,
                ]),
              )}\n`,
            );
          return 0;
        }
        case 'deactivate': {
          if (!username) throw new UsageError('give the username to deactivate');
          const account = accounts.deactivate(username);
          context.io.stdout.write(`Deaktiverte ${account.username}; navnet står fortsatt i loggen der kontoen har registrert noe.\n`);
          return 0;
        }
        case 'token': {
          if (!username) throw new UsageError('give the username to issue a token for');
          const token = accounts.issueToken(username);
          context.io.stdout.write(`Nytt API-token for ${username} (vises bare nå): ${token}\n`);
          return 0;
        }
        default:
          throw new UsageError('use: ledger user add|list|deactivate|token …');
      }
    } finally {
      accounts.close();
    }
  },
};

async function add(accounts: AccountStore, username: string | undefined, context: CliContext): Promise<number> {
  const role = context.options.role;
  const name = context.options.name;
  const memberId = context.options.member;
  const password = context.options.password;
  if (!username) throw new UsageError('give a username: ledger user add <username> --role <role> --name <name>');
  if (typeof role !== 'string' || !isRole(role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
  if (typeof name !== 'string' || name.trim() === '') throw new UsageError("--name is required: the person's name as it should appear");
  if (role === 'member') {
    if (typeof memberId !== 'string') throw new UsageError('a member account needs --member <committee member id>');
    const view = await (await context.ledger()).reader.view();
    if (!view.registry.members.has(memberId)) throw new UsageError(`committee member ${memberId} is not registered in the ledger`);
  }
  const created = await accounts.addAccount({
    username,
    displayName: name,
    role,
    ...(typeof memberId === 'string' ? { memberId } : {}),
    ...(typeof password === 'string' ? { password } : {}),
  });
  if (context.json) context.io.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
  else
    context.io.stdout.write(
      `Opprettet ${created.account.username} (${created.account.role}). Vises bare nå:\n  passord   ${created.password}\n  API-token ${created.token}\n`,
    );
  return 0;
}
