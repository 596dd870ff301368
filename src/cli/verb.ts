import type { Command } from '@commander-js/extra-typings';
import type { DocumentSettings } from '../documents/service.js';
import type { Ledger } from '../ledger.js';
import type { Lang } from '../shared/format.js';
import type { Say } from './lang.js';
import type { Values } from './values.js';

/** What the CLI touches outside itself; the composition root passes the process's, tests their own. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
  /** Opens the ledger; tests may pass one of their own. */
  open?: (store: string) => Promise<Ledger>;
  /** Verbs the composition root adds beside the built-in ones (the accounts' `user` group). */
  extensions?: readonly CliVerb[];
  /** Asks a yes-or-no question on a terminal; absent when there is none to ask on (a pipe, a test). */
  confirm?: (question: string) => Promise<boolean>;
  /** The clock, for what "today" is to the CLI (which year a `--date` may be left out in). @defaultValue the system clock */
  now?: () => Date;
}

/** The options every verb takes, before or after the verb. */
export type GlobalOptions = {
  store?: string;
  json?: true;
  actor?: string;
  lang?: string;
};

/** The `ledger` program a verb is added to; its subcommands see the global options typed. */
export type LedgerProgram = Command<[], GlobalOptions>;

/** What a verb's work is given: the settings in force and the ledger, opened on first use. */
export interface CliContext {
  io: CliIo;
  ledger: () => Promise<Ledger>;
  /** The ledger opened without changing its store (`ledger verify`); the same one when the ledger was already opened. */
  readOnlyLedger: () => Promise<Ledger>;
  /** The store setting in force (for finding the accounts beside it). */
  storeSetting: string;
  actor: string;
  json: boolean;
  /** Writes one block of text to stdout, ending it with a newline. */
  print: (text: string) => void;
  /** Writes a value as indented JSON to stdout. */
  printJson: (value: unknown) => void;
  /** What the documents need from the settings: the funding organisation's identifier (LEDGER_FUNDER_ID). */
  documentSettings: DocumentSettings;
  /** The language of refusals, usage errors and help (src/cli/lang.ts). */
  lang: Lang;
  say: Say;
  /** Today in Oslo, `YYYY-MM-DD`. */
  today: () => string;
}

/**
 * A verb's work: it receives the context, then the arguments and options commander parsed.
 * It returns its exit code, or nothing for 0; a `UsageError` it throws exits 2, any other error 1.
 */
type VerbWork<Args extends unknown[]> = (context: CliContext, ...args: Args) => Promise<number | void>;

export interface Cli {
  /** Add a verb with `cli.program.command('name')…`; a group of sub-verbs with `.command()` on that. */
  program: LedgerProgram;
  /** The language of the help and the errors, and the words in it. */
  lang: Lang;
  say: Say;
  /** The parsers of the values on the command line, in that language. */
  values: Values;
  /** Turns a verb's work into a commander action: gives it the context and records its exit code. */
  action<Args extends unknown[]>(work: VerbWork<Args>): (...args: Args) => Promise<void>;
}

/** A module that adds one verb (or one group of sub-verbs) to the program. */
export type CliVerb = (cli: Cli) => void;

/** Bad input on the command line: exit code 2, nothing changed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Help-list headings, so `ledger --help` reads by task rather than alphabetically. */
export function helpGroups(say: Say) {
  return {
    reads: say('Lese registeret:', 'Reading the ledger:'),
    lists: say('Finne id-er og navn:', 'Finding ids and names:'),
    records: say('Registrere:', 'Recording:'),
    yearEnd: say('Årsavslutning, flytte og kontrollere et register:', 'Year-end, moving and checking a ledger:'),
    accounts: say('Kontoer:', 'Accounts:'),
  } as const;
}

/** The examples at the end of a verb's help: `$ ledger frame 2025`. */
export function examples(say: Say, ...lines: string[]): string {
  return `\n${say('Eksempler:', 'Examples:')}\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}
