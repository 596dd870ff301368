import { existsSync } from 'node:fs';
import { AccountStore } from '../accounts/account-store.js';
import { accountsWithPublishedCredentials, demoCredentialsAllowed } from '../accounts/demo.js';
import { isRole, roles } from '../accounts/roles.js';
import { defaultAccountsPath, type Ledger } from '../ledger.js';
import { UsageError, type CliCommand, type CliContext } from './main.js';
import { table } from './format.js';

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

/** `ledger user …`: named accounts for the HTTP API and the web page. */
export const accountCommands: Record<string, CliCommand> = {
  async user(args, context) {
    const [action, username] = args;
    const accounts = openAccounts(context);
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
        case 'reactivate': {
          if (!username) throw new UsageError('give the username to reactivate');
          const account = accounts.reactivate(username);
          context.io.stdout.write(
            `Aktiverte ${account.username} igjen: passordet gjelder; gamle API-tokens forblir tilbakekalt (lag et nytt med: ledger user token ${account.username}).\n`,
          );
          return 0;
        }
        case 'token': {
          if (!username) throw new UsageError('give the username to issue a token for');
          const token = accounts.issueToken(username);
          context.io.stdout.write(`Nytt API-token for ${username} (vises bare nå): ${token}\n`);
          return 0;
        }
        default:
          throw new UsageError('use: ledger user add|list|deactivate|reactivate|token …');
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
