import { InvalidArgumentError, Option, type Command, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings';
import { DateSchema } from '../../events/money.js';
import { parseScope, type Scope } from '../../projections/figures.js';
import type { AsOf } from '../app/ledger-reader.js';

/*
 * Parsers for values on the command line. Commander calls them as it reads the line, so a bad
 * value is a usage error (exit 2) naming the argument or option before anything is opened.
 */

/** A year as the ledger keys its frames. */
export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new InvalidArgumentError('A year is four digits, such as 2025.');
  return Number(text);
}

/** A calendar date written YYYY-MM-DD that exists (2025-02-30 does not). */
export function parseDate(text: string): string {
  const parsed = DateSchema.safeParse(text);
  if (!parsed.success) throw new InvalidArgumentError(`A date is written YYYY-MM-DD and must exist: ${parsed.error.issues[0]?.message}.`);
  return parsed.data;
}

/** A position in the log: a whole number, 0 or more. */
export function parsePosition(text: string): number {
  const position = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(position))
    throw new InvalidArgumentError('A log position is a whole number, such as 120.');
  return position;
}

/** A committee case number NN.YY: the case's number in the meeting year, then the year's last two digits. */
export function parseCaseNumber(text: string): string {
  if (!/^\d{2}\.\d{2}$/.test(text)) throw new InvalidArgumentError('A case number is written NN.YY, such as 22.25.');
  return text;
}

/** A figure's scope as written (`programme-area:barn-og-unge`) and as the reader takes it. */
export interface ScopeArgument {
  text: string;
  scope: Scope;
}

export function parseScopeArgument(text: string): ScopeArgument {
  const scope = parseScope(text);
  if (!scope) throw new InvalidArgumentError('A scope is total, programme-area:ID, initiative:ID, unassigned or proposal:ID.');
  return { text, scope };
}

/** Adds --as-of and --as-of-position to a read: it answers as the ledger stood then. */
export function withAsOf<Args extends unknown[], Opts extends OptionValues, GlobalOpts extends OptionValues>(
  command: Command<Args, Opts, GlobalOpts>,
) {
  return command
    .addOption(
      new Option('--as-of <date>', 'answer as the ledger stood at an effective date (YYYY-MM-DD)')
        .argParser(parseDate)
        .conflicts('asOfPosition'),
    )
    .addOption(new Option('--as-of-position <n>', 'answer as the ledger stood at a log position').argParser(parsePosition));
}

/** The point in time a read answers for, from the options `withAsOf` added. */
export function asOf(options: { asOf?: string; asOfPosition?: number }): AsOf | null {
  if (options.asOf !== undefined) return { date: options.asOf };
  if (options.asOfPosition !== undefined) return { position: options.asOfPosition };
  return null;
}

const requiredLate = new WeakSet<object>();

/**
 * A required option, checked after unknown options and before the verb runs. Commander checks its
 * mandatory options first, so `--nmae Kari` would be reported as a missing --name rather than as a
 * typo of it; this keeps the typo's message. The verb's options are typed as given.
 */
export function requiredOption<Usage extends string, PresetT, DefaultT, CoerceT, ChoicesT>(
  option: Option<Usage, PresetT, DefaultT, CoerceT, boolean, ChoicesT>,
) {
  const required = option.makeOptionMandatory(true);
  required.mandatory = false;
  required.description = `${required.description} (required)`;
  requiredLate.add(required);
  return required;
}

/** The program's preAction hook: refuses a verb run without a required option's value. */
export function checkRequiredOptions(_program: unknown, verb: CommandUnknownOpts): void {
  for (const option of verb.options)
    if (requiredLate.has(option) && verb.getOptionValue(option.attributeName()) === undefined)
      verb.error(`error: required option '${option.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
}
