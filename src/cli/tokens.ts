import { openAccounts } from './accounts.js';
import { table } from './format.js';
import { UsageError, type CliCommand } from './main.js';

/** `ledger token list [username]` and `ledger token revoke <id>`: API tokens one by one. */
export const tokenCommands: Record<string, CliCommand> = {
  async token(args, context) {
    const [action, argument] = args;
    const accounts = openAccounts(context);
    try {
      if (action === 'list') {
        const tokens = accounts.tokens.list(argument);
        if (context.json) context.io.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
        else
          context.io.stdout.write(
            `${table(
              [
                { header: 'Id' },
                { header: 'Bruker' },
                { header: 'Merke' },
                { header: 'Laget' },
                { header: 'Utløper' },
                { header: 'Status' },
              ],
              tokens.map((token) => [
                token.id,
                token.username,
                token.label ?? '',
                token.createdAt.slice(0, 10),
                token.expiresAt?.slice(0, 10) ?? 'aldri',
                { active: 'aktiv', expired: 'utløpt', revoked: `tilbakekalt ${token.revokedAt?.slice(0, 10) ?? ''}` }[token.state],
              ]),
            )}\n`,
          );
        return 0;
      }
      if (action === 'revoke') {
        if (!argument) throw new UsageError('give the id of the token to revoke, as ledger token list shows it');
        const token = accounts.tokens.revoke(argument);
        context.io.stdout.write(`Tilbakekalte token ${token.id} for ${token.username}; andre tokens og økter er urørt.\n`);
        return 0;
      }
      throw new UsageError('use: ledger token list [username] | ledger token revoke <id>');
    } finally {
      accounts.close();
    }
  },
};
