import type { Lang } from '../shared/format.js';

/**
 * Commander's usage errors in the CLI's language, naming the option as it is typed
 * (`--amount`, not `--amount <amount>`) and the argument as the help shows it (`<year>`).
 * The reasons our own parsers give are already in the CLI's language (src/cli/values.ts).
 */

/** `--amount <amount>` → `--amount`; `-h, --help` → `--help`. */
const flagOf = (flags: string) => flags.split(/[ ,]+/).find((part) => part.startsWith('--')) ?? flags;

interface Rule {
  pattern: RegExp;
  words: (match: RegExpExecArray, nb: boolean) => string;
}

const choices = (reason: string, nb: boolean) => (nb ? reason.replace(/^Allowed choices are (.*)\.$/, 'Gyldige valg er $1.') : reason);

/** A reason with the value it was given, unless it quotes it already. */
const withValue = (reason: string, value: string, nb: boolean) =>
  reason.includes(`«${value}»`) ? reason : `${reason.replace(/\.$/, '')} (${nb ? 'fikk' : 'got'} «${value}»)`;

const rules: Rule[] = [
  {
    pattern: /^unknown option '(.+?)'(?: \(Did you mean (.+?)\?\))?$/,
    words: (m, nb) => `${nb ? 'ukjent valg' : 'unknown option'} «${m[1]}»${m[2] ? ` (${nb ? 'mente du' : 'did you mean'} ${m[2]}?)` : ''}`,
  },
  {
    pattern: /^unknown command '(.+?)'(?: \(Did you mean (.+?)\?\))?$/,
    words: (m, nb) =>
      `${nb ? 'ukjent kommando' : 'unknown verb'} «${m[1]}»${m[2] ? ` (${nb ? 'mente du' : 'did you mean'} ${m[2]}?)` : ''}`,
  },
  {
    pattern: /^missing required argument '(.+)'$/,
    words: (m, nb) => (nb ? `argumentet <${m[1]}> mangler` : `the argument <${m[1]}> is missing`),
  },
  {
    pattern: /^option '(.+)' argument missing$/,
    words: (m, nb) => (nb ? `${flagOf(m[1]!)} mangler en verdi` : `${flagOf(m[1]!)} needs a value`),
  },
  {
    pattern: /^required option '(.+)' not specified$/,
    words: (m, nb) => (nb ? `${flagOf(m[1]!)} må oppgis` : `${flagOf(m[1]!)} is required`),
  },
  {
    pattern: /^option '(.+)' cannot be used with option '(.+)'$/,
    words: (m, nb) => `${flagOf(m[1]!)} ${nb ? 'kan ikke brukes sammen med' : 'cannot be used with'} ${flagOf(m[2]!)}`,
  },
  {
    pattern: /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    words: (m, nb) => (nb ? `for mange argumenter: ventet ${m[2]}, fikk ${m[3]}` : `too many arguments: expected ${m[2]}, got ${m[3]}`),
  },
  {
    pattern: /^option '(.+?)' argument '(.*?)' is invalid\. (.*)$/,
    words: (m, nb) => `${flagOf(m[1]!)}: ${withValue(choices(m[3]!, nb), m[2]!, nb)}`,
  },
  {
    pattern: /^command-argument value '(.*?)' is invalid for argument '(.+?)'\. (.*)$/,
    words: (m, nb) => `<${m[2]}>: ${withValue(choices(m[3]!, nb), m[1]!, nb)}`,
  },
];

/** A usage error (commander's message, on one line) in the CLI's language. */
export function translatedUsage(message: string, lang: Lang): string {
  for (const rule of rules) {
    const match = rule.pattern.exec(message);
    if (match) return rule.words(match, lang === 'nb');
  }
  return message;
}
