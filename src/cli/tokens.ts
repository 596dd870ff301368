import { openAccounts } from './accounts.js';
import { table } from './format.js';
import { examples, helpGroups, type CliContext, type CliVerb } from './verb.js';

/** `ledger token list [username]` and `ledger token revoke <id>`: API tokens one by one. */
export const tokenVerbs: CliVerb = (cli) => {
  const { say } = cli;
  const token = cli.program
    .command('token')
    .helpGroup(helpGroups(say).accounts)
    .summary(say('API-nøkler én og én: token list|revoke', 'API tokens one by one: token list|revoke'))
    .description(
      say(
        'API-nøkler ved sine id-er (de første 12 heksadesimale sifrene av hashen). De utløper LEDGER_TOKEN_TTL_DAYS (standard 90) etter at de ble laget.',
        'API tokens by their ids (the first 12 hex digits of their hashes). They expire LEDGER_TOKEN_TTL_DAYS (default 90) after they were issued.',
      ),
    );
  token
    .command('list')
    .description(
      say(
        'Viser nøklene (til én konto, eller alle) med status: aktiv, utløpt eller tilbakekalt.',
        'Lists the tokens (of one account, or all) with their state: active, expired or revoked.',
      ),
    )
    .argument('[username]', say('bare nøklene til denne kontoen', 'only the tokens of this account'))
    .addHelpText('after', examples(say, 'ledger token list', 'ledger token list kari'))
    .action(cli.action(async (context, username) => list(context, username)));
  token
    .command('revoke')
    .description(
      say(
        'Trekker tilbake én nøkkel; kontoens andre nøkler og økter virker fortsatt.',
        "Revokes one token; the account's other tokens and sessions keep working.",
      ),
    )
    .argument(
      '<id>',
      say(
        'nøkkelens id slik token list viser den (minst 6 heksadesimale sifre)',
        'the token id as token list shows it (at least 6 hex digits)',
      ),
    )
    .addHelpText('after', examples(say, 'ledger token revoke 3f9a2c'))
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
