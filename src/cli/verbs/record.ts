import { readFileSync } from 'node:fs';
import { parseCommandText, runCommands } from '../../demo/history.js';
import { checkpointSettlements } from '../trust.js';
import { helpGroups, type CliVerb } from '../verb.js';

/** `ledger record [file|-]`: commands from a file or stdin, each through the rules. */
export const recordVerb: CliVerb = (cli) =>
  cli.program
    .command('record')
    .helpGroup(helpGroups.records)
    .summary('run commands (JSON array or NDJSON) through the rules')
    .description(
      'Runs commands (a JSON array or NDJSON) through the rules, in order; a command already recorded under its idempotency key is not recorded again. The first refusal stops the run.',
    )
    .argument('[file]', 'the commands file, or - for stdin', '-')
    .action(
      cli.action(async (context, source) => {
        const text = source === '-' ? await context.io.readStdin() : readFileSync(source, 'utf8');
        const ledger = await context.ledger();
        const head = await ledger.store.headPosition();
        const outcome = await runCommands(ledger.handler, parseCommandText(text), context.actor);
        await checkpointSettlements(context, ledger, head);
        if (context.json) return context.printJson(outcome);
        context.print(
          `Registrert ${outcome.recorded} kommandoer (${outcome.events} hendelser)${outcome.replayed ? `; ${outcome.replayed} var registrert fra før` : ''}.`,
        );
      }),
    );
