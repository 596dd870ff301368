import { InvalidArgumentError, Option, type Command, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings';
import { DateSchema } from '../../events/money.js';
import { allFigures, figureLabels, parseScope, type Figure, type Scope } from '../../projections/figures.js';
import type { AsOf } from '../app/ledger-reader.js';
import { amountInputWords, parseAmountInput } from '../shared/amount-input.js';
import { FIRST_YEAR, LAST_YEAR, isYearInRange } from '../shared/bounds.js';
import type { Lang } from '../shared/format.js';
import { sayIn, type Say } from './lang.js';
import { closest } from './suggest.js';

/*
 * Parsers for values on the command line, in the CLI's language. Commander calls them as it
 * reads the line, so a bad value is a usage error (exit 2) naming the argument or option
 * before anything is opened.
 */

/** A figure's scope as written (`programme-area:barn-og-unge`) and as the reader takes it. */
interface ScopeArgument {
  text: string;
  scope: Scope;
}

export interface Values {
  readonly lang: Lang;
  readonly say: Say;
  /** A year as the ledger keys its frames: four digits, 2000–2100. */
  readonly year: (text: string) => number;
  /** A calendar date written YYYY-MM-DD that exists (2025-02-30 does not). */
  readonly date: (text: string) => string;
  /** A position in the log: a whole number, 0 or more. */
  readonly position: (text: string) => number;
  /** A committee case number NN.YY: the case's number in the meeting year, then the year's last two digits. */
  readonly caseNumber: (text: string) => string;
  readonly scope: (text: string) => ScopeArgument;
  /** A figure's name (`granted`), with the nearest one suggested for a typo. */
  readonly figure: (text: string) => Figure;
  /** An amount as people write it (`1 000 000`, `1.000.000`, `kr 250 000,50`), as the decimal a command takes. */
  readonly amount: (text: string) => string;
  /** A change of an amount: the same, with a minus for a decrease. */
  readonly signedAmount: (text: string) => string;
  /** A whole number, such as 2. */
  readonly whole: (text: string) => number;
}

export function valuesIn(lang: Lang): Values {
  const say = sayIn(lang);
  const amountOf = (text: string, signed: boolean) => {
    const read = parseAmountInput(text, { signed });
    if (!read.ok) throw new InvalidArgumentError(amountInputWords(read, lang, { signed }));
    return read.amount;
  };
  return {
    lang,
    say,
    year: (text) => {
      if (!/^\d{4}$/.test(text) || !isYearInRange(Number(text)))
        throw new InvalidArgumentError(
          say(
            `Et år er fire sifre fra ${FIRST_YEAR} til ${LAST_YEAR}, som 2025.`,
            `A year is four digits from ${FIRST_YEAR} to ${LAST_YEAR}, such as 2025.`,
          ),
        );
      return Number(text);
    },
    date: (text) => {
      if (!DateSchema.safeParse(text).success)
        throw new InvalidArgumentError(
          say(
            'En dato skrives ÅÅÅÅ-MM-DD og må finnes i kalenderen, som 2025-09-18.',
            'A date is written YYYY-MM-DD and must exist, such as 2025-09-18.',
          ),
        );
      return text;
    },
    position: (text) => {
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
        throw new InvalidArgumentError(say('En loggposisjon er et helt tall, som 120.', 'A log position is a whole number, such as 120.'));
      return Number(text);
    },
    caseNumber: (text) => {
      if (!/^\d{2}\.\d{2}$/.test(text) || text.startsWith('00'))
        throw new InvalidArgumentError(say('Et saksnummer skrives NN.ÅÅ, som 22.25.', 'A case number is written NN.YY, such as 22.25.'));
      return text;
    },
    scope: (text) => {
      const scope = parseScope(text);
      if (!scope)
        throw new InvalidArgumentError(
          say(
            'Et omfang er total, programme-area:ID, initiative:ID, unassigned eller proposal:ID (se ledger list areas og ledger list initiatives).',
            'A scope is total, programme-area:ID, initiative:ID, unassigned or proposal:ID (see ledger list areas and ledger list initiatives).',
          ),
        );
      return { text, scope };
    },
    figure: (text) => {
      if ((allFigures as readonly string[]).includes(text)) return text as Figure;
      const near = closest(text, allFigures);
      const hint = near ? say(` Mente du ${near} (${figureLabels[near].nb})?`, ` Did you mean ${near} (${figureLabels[near].en})?`) : '';
      throw new InvalidArgumentError(
        say(
          `«${text}» er ikke en post.${hint} Se postene med ledger figures.`,
          `«${text}» is not a figure.${hint} See the figures with ledger figures.`,
        ),
      );
    },
    amount: (text) => amountOf(text, false),
    signedAmount: (text) => amountOf(text, true),
    whole: (text) => {
      if (!/^\d{1,6}$/.test(text)) throw new InvalidArgumentError(say('Et helt tall, som 2.', 'A whole number, such as 2.'));
      return Number(text);
    },
  };
}

/** Adds --as-of and --as-of-position to a read: it answers as the ledger stood then. */
export function withAsOf<Args extends unknown[], Opts extends OptionValues, GlobalOpts extends OptionValues>(
  command: Command<Args, Opts, GlobalOpts>,
  values: Values,
) {
  const { say } = values;
  return command
    .addOption(
      new Option(
        '--as-of <date>',
        say(
          'svar slik registeret sto på en dato (ÅÅÅÅ-MM-DD), som --as-of 2025-09-17',
          'answer as the ledger stood at an effective date (YYYY-MM-DD), such as --as-of 2025-09-17',
        ),
      )
        .argParser(values.date)
        .conflicts('asOfPosition'),
    )
    .addOption(
      new Option(
        '--as-of-position <n>',
        say(
          'svar slik registeret sto ved en loggposisjon, som --as-of-position 120',
          'answer as the ledger stood at a log position, such as --as-of-position 120',
        ),
      ).argParser(values.position),
    );
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
  say: Say,
) {
  const required = option.makeOptionMandatory(true);
  required.mandatory = false;
  required.description = `${required.description} ${say('(må oppgis)', '(required)')}`;
  requiredLate.add(required);
  return required;
}

/** The program's preAction hook: refuses a verb run without a required option's value. */
export function checkRequiredOptions(_program: unknown, verb: CommandUnknownOpts): void {
  for (const option of verb.options)
    if (requiredLate.has(option) && verb.getOptionValue(option.attributeName()) === undefined)
      verb.error(`error: required option '${option.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
}
