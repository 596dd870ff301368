import type { Lang } from '../shared/format.js';

/**
 * The language the CLI speaks: bokmål unless asked for English, by `--lang en` on the
 * command line, `LEDGER_LANG=en`, or a locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) that is
 * English (`en_GB.UTF-8`). Refusals, usage errors and help follow it; what the ledger shows
 * (tables, records) is in Norwegian either way, as the committee writes it.
 */
export function cliLanguage(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  const flag = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const given = flag === -1 ? undefined : argv[flag]!.startsWith('--lang=') ? argv[flag]!.slice(7) : argv[flag + 1];
  for (const setting of [given, env.LEDGER_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    const language = languageOfSetting(setting);
    if (language) return language;
  }
  return 'nb';
}

/** `en`, `en_GB.UTF-8`, `nb`, `no_NO` …; nothing for unset, `C`, `POSIX` or a language the ledger does not speak. */
function languageOfSetting(setting: string | undefined): Lang | null {
  const primary = (setting ?? '').toLowerCase().split(/[_.@-]/)[0];
  if (primary === 'en') return 'en';
  if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
  return null;
}

/** A text in the CLI's language: `say('Bruk', 'Usage')`. */
export type Say = (nb: string, en: string) => string;

export function sayIn(lang: Lang): Say {
  return (nb, en) => (lang === 'nb' ? nb : en);
}
