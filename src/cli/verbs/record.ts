import { readFileSync } from 'node:fs';
import { BatchCommandError } from '../../app/errors.js';
import type { CommandResult } from '../../app/command-handler.js';
import { parseCommandText } from '../../demo/history.js';
import type { Ledger } from '../../ledger.js';
import { isDomainError } from '../../domain/errors.js';
import { describeError, refusalWords } from '../errors.js';
import { checkpointSettlements } from '../trust.js';
import { examples, helpGroups, type CliContext, type CliVerb } from '../verb.js';
import { alreadySettled } from './settle.js';

/**
 * `ledger record [file|-]`: commands from a file or stdin, through the rules, as one unit:
 * every command is recorded, or — when the rules refuse one — none (on SQLite one
 * transaction; on EventStoreDB one append). With `--continue`, each command on its own,
 * each outcome printed. Either way the output says what was stored. A settlement of a year
 * already settled is left out, with the same words and exit code as `ledger settle` gives.
 */
export const recordVerb: CliVerb = (cli) => {
  const { say } = cli;
  cli.program
    .command('record')
    .helpGroup(helpGroups(say).records)
    .summary(
      say(
        'kjør kommandoer (JSON-liste eller NDJSON) gjennom reglene, alle eller ingen',
        'run commands (JSON array or NDJSON) through the rules, all or none',
      ),
    )
    .description(
      say(
        'Kjører kommandoer (en JSON-liste eller NDJSON) gjennom reglene, i rekkefølge, som én enhet: alle registreres, eller — når én avvises — ingen, og avvisningen nevner kommandoen. En kommando som alt er registrert under sin idempotensnøkkel, registreres ikke igjen; en avregning av et år som alt er avregnet, hoppes over. Med --continue registreres hver kommando for seg, og hvert utfall skrives ut.',
        'Runs commands (a JSON array or NDJSON) through the rules, in order, as one unit: all of them are recorded, or — when one is refused — none, and the refusal names the command. A command already recorded under its idempotency key is not recorded again; a settlement of a year already settled is left out. With --continue each command is recorded on its own and every outcome is printed.',
      ),
    )
    .argument('[file]', say('kommandofilen, eller - for stdin', 'the commands file, or - for stdin'), '-')
    .option(
      '--continue',
      say(
        'registrer hver kommando for seg, forbi avvisninger, og skriv ut hvert utfall',
        'record each command on its own, past refusals, printing every outcome',
      ),
    )
    .addHelpText(
      'after',
      examples(
        say,
        'ledger record docs/examples/case-22-25-outcome.ndjson --actor sekretariat',
        'ledger record - --continue < kommandoer.ndjson',
      ),
    )
    .action(
      cli.action(async (context, source, options) => {
        const text = source === '-' ? await context.io.readStdin() : readFileSync(source, 'utf8');
        const ledger = await context.ledger();
        const given = parseCommandText(text);
        const { commands, settled } = await withoutSettledYears(context, ledger, given);
        // Nothing left but settlements already done: said as `ledger settle` says it, and done.
        if (commands.length === 0 && settled.length > 0) return context.json ? context.printJson({ alreadySettled: settled }) : undefined;
        const head = await ledger.store.headPosition();
        const code = options.continue ? await recordEach(context, ledger, commands) : await recordAll(context, ledger, commands);
        // A settlement among the commands gets its signed checkpoint, as \`ledger settle\` does.
        await checkpointSettlements(context, ledger, head);
        return code;
      }),
    );
};

/** The commands without settlements of years already closed, each of which is said as `ledger settle` says it. */
async function withoutSettledYears(
  context: CliContext,
  ledger: Ledger,
  commands: unknown[],
): Promise<{ commands: unknown[]; settled: number[] }> {
  const view = await ledger.reader.view();
  const settled: number[] = [];
  const left = commands.filter((command) => {
    const settlement = command as { type?: unknown; year?: unknown };
    if (settlement.type !== 'SettleYear' || typeof settlement.year !== 'number') return true;
    if (!view.years.get(settlement.year)?.closed) return true;
    if (!context.json) context.print(alreadySettled(settlement.year));
    settled.push(settlement.year);
    return false;
  });
  return { commands: left, settled };
}

async function recordAll(context: CliContext, ledger: Ledger, commands: unknown[]): Promise<number | void> {
  const { say } = context;
  let results: CommandResult[];
  try {
    results = await ledger.handler.executeAll(commands, { actor: context.actor });
  } catch (error: unknown) {
    if (!(error instanceof BatchCommandError)) throw error;
    const which = say(
      `kommando ${error.index + 1} (${typeOf(commands[error.index])})`,
      `command ${error.index + 1} (${typeOf(commands[error.index])})`,
    );
    context.io.stderr.write(`ledger: ${which}: ${await describeError(error.cause, context.lang, ledger)}\n`);
    context.io.stderr.write(
      `ledger: ${
        commands.length === 1
          ? say('kommandoen ble ikke lagret.', 'the command was not stored.')
          : say(`ingen av de ${commands.length} kommandoene ble lagret.`, `none of the ${commands.length} commands was stored.`)
      }\n`,
    );
    return 1;
  }
  const recorded = results.filter((result) => !result.replayed);
  const events = recorded.reduce((total, result) => total + result.events.length, 0);
  if (context.json)
    return context.printJson({ commands: results.length, recorded: recorded.length, replayed: results.length - recorded.length, events });
  const replayed = results.length - recorded.length;
  context.print(`Registrert ${recorded.length} kommandoer (${events} hendelser)${replayed ? `; ${replayed} var registrert fra før` : ''}.`);
}

async function recordEach(context: CliContext, ledger: Ledger, commands: unknown[]): Promise<number | void> {
  const outcomes: { index: number; type: string; outcome: 'recorded' | 'replayed' | 'refused'; events: number; reason?: string }[] = [];
  for (const [index, command] of commands.entries()) {
    const type = typeOf(command);
    try {
      const result = await ledger.handler.execute(command, { actor: context.actor });
      outcomes.push({
        index: index + 1,
        type,
        outcome: result.replayed ? 'replayed' : 'recorded',
        events: result.replayed ? 0 : result.events.length,
      });
    } catch (error: unknown) {
      const reason = isDomainError(error)
        ? await refusalWords(error, context.lang, ledger)
        : await describeError(error, context.lang, ledger);
      outcomes.push({ index: index + 1, type, outcome: 'refused', events: 0, reason });
    }
  }
  const refused = outcomes.filter((outcome) => outcome.outcome === 'refused').length;
  if (context.json) context.printJson(outcomes);
  else {
    const words = { recorded: 'registrert', replayed: 'registrert fra før', refused: 'avvist' };
    const lines = outcomes.map(
      (outcome) =>
        `${String(outcome.index).padStart(3)}  ${outcome.type}: ${words[outcome.outcome]}${outcome.reason ? ` — ${outcome.reason}` : ''}`,
    );
    const stored = outcomes.filter((outcome) => outcome.outcome === 'recorded');
    const events = stored.reduce((total, outcome) => total + outcome.events, 0);
    context.print(
      [...lines, `Registrert ${stored.length} av ${outcomes.length} kommandoer (${events} hendelser); ${refused} avvist.`].join('\n'),
    );
  }
  return refused > 0 ? 1 : 0;
}

function typeOf(command: unknown): string {
  return command && typeof command === 'object' && 'type' in command ? String(command.type) : 'not an object';
}
