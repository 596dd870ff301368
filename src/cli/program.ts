import { Command, Option, type OptionValues } from '@commander-js/extra-typings';

type AnyCommand = Command<unknown[], OptionValues, OptionValues>;
import { DEFAULT_STORE } from '../ledger.js';
import { checkRequiredOptions } from './values.js';
import type { CliIo, LedgerProgram } from './verb.js';

const ENVIRONMENT = `
Environment:
  LEDGER_STORE     the store when --store is not given (else ${DEFAULT_STORE})
  LEDGER_ACTOR     who records when --actor is not given (else cli)
  LEDGER_ACCOUNTS  the accounts file (else accounts.sqlite beside the store)
  LEDGER_SIGNING_KEY     the signing key of checkpoints (ledger keys init; outside the store)
  LEDGER_TOKEN_TTL_DAYS  how long a new API token lasts (else 90; 0 for until revoked)
  LEDGER_FUNDER_ID       the 360Giving funder identifier, over the one the ledger records

Exit codes: 0 done, 1 refused or failed, 2 usage (a bad verb, option or value).
Each verb has its own help: ledger <verb> --help.`;

/**
 * The `ledger` program with its global options and its strictness: an unknown verb or option,
 * a missing or excess argument and a bad value are usage errors naming the nearest valid one.
 * Subcommands inherit these settings when they are created, so verbs add only what is theirs.
 */
export function createProgram(io: CliIo): LedgerProgram {
  return new Command('ledger')
    .description("A decision ledger of a health partnership's collaboration funds.")
    .usage('<verb> [arguments] [options]')
    .addOption(
      new Option('--store <store>', 'SQLite file, :memory:, or esdb://host:2113?tls=false (default: LEDGER_STORE)').helpGroup(
        'Global Options:',
      ),
    )
    .addOption(new Option('--json', 'machine-readable output (amounts as decimal strings)').helpGroup('Global Options:'))
    .addOption(new Option('--actor <name>', 'who records (default: LEDGER_ACTOR, else cli)').helpGroup('Global Options:'))
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [verb]', "show a verb's help")
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', ENVIRONMENT)
    .allowUnknownOption(false)
    .allowExcessArguments(false)
    .showSuggestionAfterError(true)
    .hook('preAction', checkRequiredOptions)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    });
}

/**
 * Makes every usage error one line that names the verb's help, e.g.
 * `ledger: unknown option '--asof' (did you mean --as-of?) — see ledger frame --help`.
 * Run after every verb is added: each command gets its own line-writer knowing its name.
 */
export function oneLineUsageErrors(command: AnyCommand): void {
  const path = commandPath(command);
  command.configureOutput({ outputError: (text, write) => write(usageLine(text, path)) });
  for (const sub of command.commands) oneLineUsageErrors(sub);
}

function commandPath(command: AnyCommand): string {
  const names: string[] = [];
  for (let at: AnyCommand | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** Commander writes `error: …` and a suggestion on its own line; the ledger writes `ledger: …` on one. */
export function usageLine(text: string, path: string): string {
  const message = text
    .trim()
    .replace(/^error: /, '')
    .replace(/\s*\n\(Did you mean/, ' (did you mean')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\.$/, '');
  return `ledger: ${message} — see ${path} --help\n`;
}
