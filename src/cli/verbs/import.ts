import { importExport } from '../../app/transfer.js';
import { progress } from '../format.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';

/** `ledger import <file|->`: an export into an empty store, after every check. */
export const importVerb: CliVerb = (cli) =>
  cli.program
    .command('import')
    .helpGroup(helpGroups(cli.say).yearEnd)
    .summary(
      cli.say('en eksport inn i et tomt lager (sjekker manifest og kjeder)', 'an export into an empty store (checks manifest and chains)'),
    )
    .description(
      cli.say(
        'En eksport inn i et tomt lager, etter å ha sjekket manifestet, hver strøms hashkjede og hver hendelses skjema; slik flyttes et register mellom lagre.',
        "An export into an empty store only, after checking the manifest, every stream's hash chain and every event's schema; the way to move a ledger between stores.",
      ),
    )
    .argument('<file>', cli.say('eksportfilen, eller - for stdin', 'the export file, or - for stdin'))
    .addHelpText('after', examples(cli.say, 'ledger import ledger-2025.ndjson --store ny.sqlite'))
    .action(
      cli.action(async (context, source) => {
        // A file is streamed (an export can be larger than one string can hold); stdin is read whole.
        const from = source === '-' ? { text: await context.io.readStdin() } : { file: source };
        const ledger = await context.ledger();
        const outcome = await importExport(ledger.store, from, progress(context.io, 'Importerer'));
        if (context.io.stderr.isTTY) context.io.stderr.write('\n');
        await ledger.runner.rebuild();
        if (context.json) return context.printJson(outcome);
        context.print(
          `Importerte ${outcome.events} hendelser i ${outcome.streams} strømmer til ${ledger.store.description}; kjeder og manifest stemmer.`,
        );
      }),
    );
