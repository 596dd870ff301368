import { Command, Option, type Argument, type OptionValues } from '@commander-js/extra-typings';
import { DEFAULT_STORE } from '../ledger.js';
import type { Lang } from '../shared/format.js';
import { sayIn, type Say } from './lang.js';
import { translatedUsage } from './usage-words.js';
import { checkRequiredOptions } from './values.js';
import type { CliIo, LedgerProgram } from './verb.js';

type AnyCommand = Command<unknown[], OptionValues, OptionValues>;

const environment = (say: Say) => `
${say('Miljø:', 'Environment:')}
  LEDGER_STORE     ${say(`lageret når --store ikke er gitt (ellers ${DEFAULT_STORE})`, `the store when --store is not given (else ${DEFAULT_STORE})`)}
  LEDGER_ACTOR     ${say('hvem som registrerer når --actor ikke er gitt (ellers cli)', 'who records when --actor is not given (else cli)')}
  LEDGER_LANG      ${say('en for engelske feilmeldinger og hjelp (også LANG=en_*); ellers bokmål', 'en for English errors and help (also LANG=en_*); else bokmål')}
  LEDGER_ACCOUNTS  ${say('kontofilen (ellers accounts.sqlite ved siden av lageret)', 'the accounts file (else accounts.sqlite beside the store)')}
  LEDGER_SIGNING_KEY     ${say('nøkkelen som signerer sjekkpunkter (ledger keys init; utenfor lageret)', 'the signing key of checkpoints (ledger keys init; outside the store)')}
  LEDGER_TOKEN_TTL_DAYS  ${say('hvor lenge en ny API-nøkkel varer (ellers 90; 0 til den trekkes tilbake)', 'how long a new API token lasts (else 90; 0 for until revoked)')}
  LEDGER_FUNDER_ID       ${say('finansiørens identifikator i 360Giving-eksporten', "the funding organisation's identifier in the 360Giving export")}

${say('Beløp skrives som 1 000 000, 1.000.000, 1000000 eller kr 1 000 000,50; datoer som ÅÅÅÅ-MM-DD.', 'Amounts are written 1 000 000, 1.000.000, 1000000 or kr 1 000 000,50; dates YYYY-MM-DD.')}
${say('Avslutningskoder: 0 utført, 1 avvist eller feilet, 2 bruk (feil kommando, valg eller verdi).', 'Exit codes: 0 done, 1 refused or failed, 2 usage (a bad verb, option or value).')}
${say('Hver kommando har sin egen hjelp: ledger <kommando> --help.', 'Each verb has its own help: ledger <verb> --help.')}`;

const titles: Record<string, string> = {
  'Usage:': 'Bruk:',
  'Arguments:': 'Argumenter:',
  'Options:': 'Valg:',
  'Commands:': 'Kommandoer:',
  'Global Options:': 'Globale valg:',
};

/** What commander adds after a description: the default and the choices, in the CLI's language. */
function extraInfo(
  say: Say,
  described: { defaultValue?: unknown; defaultValueDescription?: string; argChoices?: readonly string[] },
): string {
  const parts: string[] = [];
  if (described.argChoices) parts.push(`${say('valg', 'choices')}: ${described.argChoices.join(', ')}`);
  if (described.defaultValue !== undefined && typeof described.defaultValue !== 'boolean')
    parts.push(`${say('standard', 'default')}: ${described.defaultValueDescription ?? JSON.stringify(described.defaultValue)}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** Commander's help in the CLI's language: its titles, `[options]`, defaults and choices. */
function helpIn(lang: Lang, say: Say) {
  const nb = lang === 'nb';
  return {
    showGlobalOptions: true,
    styleTitle: (title: string) => (nb ? (titles[title] ?? title) : title),
    styleOptionText: (text: string) => (nb && text === '[options]' ? '[valg]' : text),
    styleSubcommandText: (text: string) => (nb && text === '[command]' ? '[kommando]' : text),
    optionDescription: (option: Option) => `${option.description}${extraInfo(say, option)}`,
    argumentDescription: (argument: Argument) => `${argument.description}${extraInfo(say, argument)}`,
  };
}

/**
 * The `ledger` program with its global options and its strictness: an unknown verb or option,
 * a missing or excess argument and a bad value are usage errors naming the nearest valid one.
 * Subcommands inherit these settings when they are created, so verbs add only what is theirs.
 */
export function createProgram(io: CliIo, lang: Lang): LedgerProgram {
  const say = sayIn(lang);
  const global = say('Globale valg:', 'Global Options:');
  return new Command('ledger')
    .description(
      say(
        'Beslutningsregisteret for et helsefellesskaps samhandlingsmidler.',
        "A decision ledger of a health partnership's collaboration funds.",
      ),
    )
    .usage(say('<kommando> [argumenter] [valg]', '<verb> [arguments] [options]'))
    .addOption(
      new Option(
        '--store <store>',
        say(
          'SQLite-fil, :memory:, eller esdb://vert:2113?tls=false (standard: LEDGER_STORE)',
          'SQLite file, :memory:, or esdb://host:2113?tls=false (default: LEDGER_STORE)',
        ),
      ).helpGroup(global),
    )
    .addOption(
      new Option(
        '--json',
        say('maskinlesbart svar (beløp som desimaltekst)', 'machine-readable output (amounts as decimal strings)'),
      ).helpGroup(global),
    )
    .addOption(
      new Option(
        '--actor <name>',
        say('hvem som registrerer (standard: LEDGER_ACTOR, ellers cli)', 'who records (default: LEDGER_ACTOR, else cli)'),
      ).helpGroup(global),
    )
    .addOption(
      new Option(
        '--lang <lang>',
        say(
          'språket i feilmeldinger og hjelp: nb eller en (standard: LEDGER_LANG, LANG)',
          'the language of errors and help: nb or en (default: LEDGER_LANG, LANG)',
        ),
      )
        .choices(['nb', 'en'])
        .helpGroup(global),
    )
    .helpOption('-h, --help', say('vis denne hjelpen', 'show this help'))
    .helpCommand('help [verb]', say('vis hjelpen til en kommando', "show a verb's help"))
    .configureHelp(helpIn(lang, say))
    .addHelpText('after', environment(say))
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
 * Makes every usage error one line, in the CLI's language, that names the verb's help, e.g.
 * `ledger: ukjent valg «--asof» (mente du --as-of?) — se ledger frame --help`.
 * Run after every verb is added: each command gets its own line-writer knowing its name.
 */
export function oneLineUsageErrors(command: AnyCommand, lang: Lang): void {
  const path = commandPath(command);
  command.configureOutput({ outputError: (text, write) => write(usageLine(text, path, lang)) });
  for (const sub of command.commands) oneLineUsageErrors(sub, lang);
}

function commandPath(command: AnyCommand): string {
  const names: string[] = [];
  for (let at: AnyCommand | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** Commander writes `error: …` and a suggestion on its own line; the ledger writes `ledger: …` on one, in its language. */
function usageLine(text: string, path: string, lang: Lang): string {
  const message = text
    .trim()
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ');
  return `ledger: ${translatedUsage(message, lang).replace(/\.$/, '')} — ${lang === 'nb' ? 'se' : 'see'} ${path} --help\n`;
}
