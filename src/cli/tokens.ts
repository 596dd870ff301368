import { openAccounts } from './accounts.js';
import { table } from './format.js';
import { helpGroups, type CliContext, type CliVerb } from './verb.js';

/** `ledger token list [username]` and `ledger token revoke <id>`: API tokens one by one. */
export const tokenVerbs: CliVerb = (cli) => {
  const token = cli.program
    .command('token')
    .helpGroup(helpGroups.accounts)
    .summary('API tokens one by one: token list|revoke')
    .description(
      'API tokens by their ids (the first 12 hex digits of their hashes). They expire LEDGER_TOKEN_TTL_DAYS (default 90) after they were issued.',
    );
  token
    .command('list')
    .description('Lists the tokens (of one account, or all) with their state: active, expired or revoked.')
    .argument('[username]', 'only the tokens of this account')
    .action(cli.action(async (context, username) => list(context, username)));
  token
    .command('revoke')
    .description("Revokes one token; the account's other tokens and sessions keep working.")
    .argument('<id>', 'the token id as token list shows it (at least 6 hex digits)')
    .action(
      cli.action(async (context, id) => {
        const accounts = openAccounts(context);
        try {
          const revoked = accounts.tokens.revoke(id);
          context.print(`Tilbakekalte token ${revoked.id} for ${revoked.username}; andre tokens og økter er urørt.`);
        } finally {
          accounts.close();
        }
      }),
    );
};

function list(context: CliContext, username: string | undefined): void {
  const accounts = openAccounts(context);
  try {
    const tokens = accounts.tokens.list(username);
    if (context.json) return context.printJson(tokens);
    const states = { active: 'aktiv', expired: 'utløpt', revoked: 'tilbakekalt' } as const;
    context.print(
      table(
        [{ header: 'Id' }, { header: 'Bruker' }, { header: 'Merke' }, { header: 'Laget' }, { header: 'Utløper' }, { header: 'Status' }],
        tokens.map((item) => [
          item.id,
          item.username,
          item.label ?? '',
          item.createdAt.slice(0, 10),
          item.expiresAt?.slice(0, 10) ?? 'aldri',
          `${states[item.state]}${item.revokedAt ? ` ${item.revokedAt.slice(0, 10)}` : ''}`,
        ]),
      ),
    );
  } finally {
    accounts.close();
  }
}
