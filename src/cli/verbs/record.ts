import { readFileSync } from 'node:fs';
import { BatchCommandError, type CommandResult } from '../../app/command-handler.js';
import { parseCommandText } from '../../demo/history.js';
import type { Ledger } from '../../ledger.js';
import { describeError } from '../errors.js';
import { checkpointSettlements } from '../trust.js';
import { helpGroups, type CliContext, type CliVerb } from '../verb.js';

/**
 * `ledger record [file|-]`: commands from a file or stdin, through the rules, as one unit:
 * every command is recorded, or — when the rules refuse one — none (on SQLite one
 * transaction; on EventStoreDB one append). With `--continue`, each command on its own,
 * each outcome printed. Either way the output says what was stored.
 */
export const recordVerb: CliVerb = (cli) =>
  cli.program
    .command('record')
    .helpGroup(helpGroups.records)
    .summary('run commands (JSON array or NDJSON) through the rules, all or none')
    .description(
      'Runs commands (a JSON array or NDJSON) through the rules, in order, as one unit: all of them are recorded, or — when one is refused — none, and the refusal names the command. A command already recorded under its idempotency key is not recorded again. With --continue each command is recorded on its own and every outcome is printed.',
    )
    .argument('[file]', 'the commands file, or - for stdin', '-')
    .option('--continue', 'record each command on its own, past refusals, printing every outcome')
    .action(
      cli.action(async (context, source, options) => {
        const text = source === '-' ? await context.io.readStdin() : readFileSync(source, 'utf8');
        const commands = parseCommandText(text);
        const ledger = await context.ledger();
        const head = await ledger.store.headPosition();
        const code = options.continue ? await recordEach(context, ledger, commands) : await recordAll(context, ledger, commands);
        // A settlement among the commands gets its signed checkpoint, as \`ledger settle\` does.
        await checkpointSettlements(context, ledger, head);
        return code;
      }),
    );

async function recordAll(context: CliContext, ledger: Ledger, commands: unknown[]): Promise<number | void> {
  let results: CommandResult[];
  try {
    results = await ledger.handler.executeAll(commands, { actor: context.actor });
  } catch (error: unknown) {
    if (!(error instanceof BatchCommandError)) throw error;
    context.io.stderr.write(
      `ledger: ${describeError(error.cause).replace(/^(refused \([^)]*\): )?/, `$1command ${error.index + 1} (${typeOf(commands[error.index])}): `)}\n`,
    );
    context.io.stderr.write(`ledger: nothing of the ${commands.length} command(s) was stored.\n`);
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
      outcomes.push({ index: index + 1, type, outcome: 'refused', events: 0, reason: describeError(error) });
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
