import { progress } from '../format.js';
import { helpGroups, type CliVerb } from '../verb.js';

/** `ledger rebuild`: every projection replayed from the start of the log. */
export const rebuildVerb: CliVerb = (cli) =>
  cli.program
    .command('rebuild')
    .helpGroup(helpGroups.yearEnd)
    .summary('replay every projection from the start of the log')
    .description('Replays every projection from the start of the log and saves a fresh checkpoint.')
    .action(
      cli.action(async (context) => {
        const ledger = await context.ledger();
        const started = process.hrtime.bigint();
        const count = await ledger.runner.rebuild(progress(context.io, 'Bygger'));
        if (context.io.stderr.isTTY) context.io.stderr.write('\n');
        ledger.runner.saveCheckpoint();
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (context.json) return context.printJson({ events: count, seconds });
        context.print(`Bygget alle projeksjoner på nytt fra ${count} hendelser på ${seconds.toFixed(2)} s.`);
      }),
    );
