import { importExport } from '../../app/transfer.js';
import { progress } from '../format.js';
import { helpGroups, type CliVerb } from '../verb.js';

/** `ledger import <file|->`: an export into an empty store, after every check. */
export const importVerb: CliVerb = (cli) =>
  cli.program
    .command('import')
    .helpGroup(helpGroups.yearEnd)
    .summary('an export into an empty store (checks manifest and chains)')
    .description(
      "An export into an empty store only, after checking the manifest, every stream's hash chain and every event's schema; the way to move a ledger between stores.",
    )
    .argument('<file>', 'the export file, or - for stdin')
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
