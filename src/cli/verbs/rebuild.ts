import { progress } from '../format.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';

/** `ledger rebuild`: every projection replayed from the start of the log. */
export const rebuildVerb: CliVerb = (cli) =>
  cli.program
    .command('rebuild')
    .helpGroup(helpGroups(cli.say).yearEnd)
    .summary(cli.say('bygg alle projeksjoner på nytt fra starten av loggen', 'replay every projection from the start of the log'))
    .description(
      cli.say(
        'Spiller alle projeksjoner på nytt fra starten av loggen og lagrer et nytt sjekkpunkt.',
        'Replays every projection from the start of the log and saves a fresh checkpoint.',
      ),
    )
    .addHelpText('after', examples(cli.say, 'ledger rebuild'))
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
