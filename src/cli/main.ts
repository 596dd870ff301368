import { CommanderError } from '@commander-js/extra-typings';
import { DEFAULT_STORE, openLedger, type Ledger } from '../ledger.js';
import { osloDateOf, type Lang } from '../shared/format.js';
import { describeError } from './errors.js';
import { cliLanguage, sayIn } from './lang.js';
import { createProgram, oneLineUsageErrors } from './program.js';
import { valuesIn } from './values.js';
import { UsageError, type Cli, type CliContext, type CliIo, type GlobalOptions } from './verb.js';
import { verbs } from './verbs.js';

export type { CliIo } from './verb.js';

/**
 * Runs one `ledger …` line in-process and returns its exit code: 0 done, 1 refused or failed,
 * 2 usage. It never exits the process; the composition root (bin.ts) sets the exit code.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const lang = cliLanguage(argv, io.env);
  const program = createProgram(io, lang);
  const session: { opened: Ledger | null; exitCode: number } = { opened: null, exitCode: 0 };
  const cli: Cli = {
    program,
    lang,
    say: sayIn(lang),
    values: valuesIn(lang),
    action:
      (work) =>
      async (...args) => {
        const code = await work(contextFor(program.opts(), io, session, lang), ...args);
        session.exitCode = code ?? 0;
      },
  };
  for (const verb of [...verbs, ...(io.extensions ?? [])]) verb(cli);
  oneLineUsageErrors(program, lang);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return session.exitCode;
  } catch (error: unknown) {
    return await exitCodeFor(error, io, session.opened, lang);
  } finally {
    if (session.opened) await session.opened.close();
  }
}

function contextFor(options: GlobalOptions, io: CliIo, session: { opened: Ledger | null }, lang: Lang): CliContext {
  const storeSetting = options.store ?? io.env.LEDGER_STORE ?? DEFAULT_STORE;
  const print = (text: string) => void io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return {
    io,
    storeSetting,
    json: options.json === true,
    actor: options.actor ?? io.env.LEDGER_ACTOR ?? 'cli',
    ledger: async () => (session.opened ??= await (io.open ?? ((store) => openLedger({ store })))(storeSetting)),
    readOnlyLedger: async () => (session.opened ??= await (io.open ?? ((store) => openLedger({ store, readOnly: true })))(storeSetting)),
    print,
    printJson: (value) => print(JSON.stringify(value, null, 2)),
    documentSettings: { funderOrganisationId: io.env.LEDGER_FUNDER_ID ?? null },
    lang,
    say: sayIn(lang),
    today: () => osloDateOf((io.now ?? (() => new Date()))()),
  };
}

/** Commander has already written its usage errors and help; the verbs' own errors are written here. */
async function exitCodeFor(error: unknown, io: CliIo, ledger: Ledger | null, lang: Lang): Promise<number> {
  // Help that was asked for exits 0; help shown for a missing verb, and every parse error, exit 2.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  io.stderr.write(`ledger: ${await describeError(error, lang, ledger)}\n`);
  return error instanceof UsageError ? 2 : 1;
}
