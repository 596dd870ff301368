import { existsSync } from 'node:fs';
import { Option } from '@commander-js/extra-typings';
import { AccountStore } from '../accounts/account-store.js';
import { accountsWithPublishedCredentials, demoCredentialsAllowed } from '../accounts/demo.js';
import { roles, type Role } from '../accounts/roles.js';
import { defaultAccountsPath, type Ledger } from '../ledger.js';
import { table } from './format.js';
import { requiredOption } from './values.js';
import { examples, helpGroups, UsageError, type Cli, type CliContext, type CliVerb } from './verb.js';

const accountsPathOf = (context: CliContext) => context.io.env.LEDGER_ACCOUNTS ?? defaultAccountsPath(context.storeSetting);

/** The accounts file, with the token lifetime the setting gives (LEDGER_TOKEN_TTL_DAYS, default 90; 0: until revoked). */
export function openAccounts(context: CliContext): AccountStore {
  const days = context.io.env.LEDGER_TOKEN_TTL_DAYS ?? '90';
  if (!/^\d+$/.test(days))
    throw new UsageError(
      context.say(
        `LEDGER_TOKEN_TTL_DAYS må være et helt antall dager, ikke «${days}»`,
        `LEDGER_TOKEN_TTL_DAYS must be a whole number of days, not «${days}»`,
      ),
    );
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
  const { say } = cli;
  const user = cli.program
    .command('user')
    .helpGroup(helpGroups(say).accounts)
    .summary(
      say('navngitte kontoer: user add|list|deactivate|reactivate|token', 'named accounts: user add|list|deactivate|reactivate|token'),
    )
    .description(
      say(
        'Navngitte kontoer for HTTP-API-et og nettsiden, i LEDGER_ACCOUNTS, ellers accounts.sqlite ved siden av lageret.',
        'Named accounts for the HTTP API and the web page, kept in LEDGER_ACCOUNTS, else accounts.sqlite beside the store.',
      ),
    );
  addUserVerb(cli, user);
  stateVerbs(cli, user);
};

type UserGroup = ReturnType<Cli['program']['command']>;

function addUserVerb(cli: Cli, user: UserGroup): void {
  const { say } = cli;
  user
    .command('add')
    .description(
      say(
        'Oppretter en navngitt konto og skriver ut passordet og API-nøkkelen én gang.',
        'Creates a named account and prints its password and API token once.',
      ),
    )
    .argument('<username>', say('navnet personen logger inn med', 'the name the person signs in with'))
    .addOption(requiredOption(new Option('--role <role>', say('hva kontoen kan gjøre', 'what the account may do')).choices(roles), say))
    .addOption(
      requiredOption(new Option('--name <name>', say('personens navn slik det skal vises', "the person's name as it should appear")), say),
    )
    .option(
      '--member <id>',
      say(
        'SSU-medlemmet en medlemskonto stemmer som (må oppgis for --role member; se ledger list members)',
        'the committee member a member account votes as (required for --role member; see ledger list members)',
      ),
    )
    .option(
      '--password <password>',
      say('passordet (standard: et lages og skrives ut)', 'the password (default: one is generated and printed)'),
    )
    .addHelpText(
      'after',
      examples(
        say,
        'ledger user add kari --role secretariat --name "Kari Nordmann"',
        'ledger user add leder --role member --name "Leder SSU" --member leder',
      ),
    )
    .action(
      cli.action(async (context, username, options) => withAccounts(context, (accounts) => add(accounts, username, options, context))),
    );
}

/** `user list|deactivate|reactivate|token`. */
function stateVerbs(cli: Cli, user: UserGroup): void {
  const { say } = cli;
  user
    .command('list')
    .description(say('Viser alle kontoer med rolle og om de er aktive.', 'Lists every account with its role and whether it is active.'))
    .addHelpText('after', examples(say, 'ledger user list', 'ledger user list --json'))
    .action(cli.action(async (context) => withAccounts(context, (accounts) => list(accounts, context))));
  user
    .command('deactivate')
    .description(
      say(
        'Deaktiverer en konto; navnet forklares fortsatt i loggen der kontoen har registrert noe.',
        'Deactivates an account; its name stays explained in the log where it recorded something.',
      ),
    )
    .argument('<username>', say('kontoen som deaktiveres', 'the account to deactivate'))
    .addHelpText('after', examples(say, 'ledger user deactivate kari'))
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
      say(
        'Lar en deaktivert konto logge inn igjen med passordet; de gamle nøklene forblir tilbakekalt (lag en ny med user token).',
        'Lets a deactivated account sign in again with its password; its old tokens stay revoked (issue a new one with user token).',
      ),
    )
    .argument('<username>', say('kontoen som aktiveres igjen', 'the account to reactivate'))
    .addHelpText('after', examples(say, 'ledger user reactivate kari'))
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
    .description(
      say('Lager en ny API-nøkkel for en konto og skriver den ut én gang.', 'Issues another API token for an account and prints it once.'),
    )
    .argument('<username>', say('kontoen nøkkelen lages for', 'the account to issue a token for'))
    .addHelpText('after', examples(say, 'ledger user token kari'))
    .action(
      cli.action(async (context, username) =>
        withAccounts(context, async (accounts) => {
          const token = accounts.issueToken(username);
          context.print(`Nytt API-token for ${username} (vises bare nå): ${token}`);
        }),
      ),
    );
}

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
  const { say } = context;
  if (options.name.trim() === '')
    throw new UsageError(
      say(
        '--name kan ikke være tomt: personens navn slik det skal vises',
        "--name must not be empty: the person's name as it should appear",
      ),
    );
  if (options.role === 'member') {
    if (options.member === undefined)
      throw new UsageError(
        say(
          'en medlemskonto trenger --member <id til SSU-medlem> (se ledger list members)',
          'a member account needs --member <committee member id> (see ledger list members)',
        ),
      );
    const view = await (await context.ledger()).reader.view();
    if (!view.registry.members.has(options.member))
      throw new UsageError(
        say(
          `SSU-medlemmet «${options.member}» er ikke registrert i registeret (se ledger list members)`,
          `committee member «${options.member}» is not registered in the ledger (see ledger list members)`,
        ),
      );
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
