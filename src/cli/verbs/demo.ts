import { loadCase2225History } from '../../demo/history.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';

/** `ledger demo`: the history of case 22/25, loaded once. */
export const demoVerb: CliVerb = (cli) =>
  cli.program
    .command('demo')
    .helpGroup(helpGroups(cli.say).records)
    .summary(cli.say('last historikken for sak 22/25 (idempotent)', 'load the history of case 22/25 (idempotent)'))
    .description(
      cli.say(
        'Laster historikken for sak 22/25 gjennom reglene; en ny kjøring registrerer ingenting og sier det.',
        'Loads the history of case 22/25 through the rules; a second run records nothing and says so.',
      ),
    )
    .addHelpText('after', examples(cli.say, 'ledger demo', 'ledger demo --store :memory:'))
    .action(
      cli.action(async (context) => {
        const ledger = await context.ledger();
        const outcome = await loadCase2225History(ledger.handler, context.actor === 'cli' ? 'demo' : context.actor);
        if (context.json) return context.printJson(outcome);
        context.print(
          outcome.recorded === 0
            ? `Historikken for sak 22/25 var allerede lastet (${outcome.commands} kommandoer, ingenting nytt) i ${ledger.store.description}.`
            : `Lastet historikken for sak 22/25 i ${ledger.store.description}: ${outcome.recorded} kommandoer, ${outcome.events} hendelser${outcome.replayed ? ` (${outcome.replayed} fantes fra før)` : ''}.`,
        );
      }),
    );
