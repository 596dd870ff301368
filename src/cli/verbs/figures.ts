import { allFigures, figureLabels } from '../../../projections/figures.js';
import { table } from '../format.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';

/** `ledger figures`: the figure names `explain` takes, with their labels. */
export const figuresVerb: CliVerb = (cli) =>
  cli.program
    .command('figures')
    .helpGroup(helpGroups(cli.say).reads)
    .summary(cli.say('postene explain tar, med navn', 'list the figure names explain takes'))
    .description(
      cli.say(
        'Postene explain tar, med norske og engelske navn.',
        'The figure names explain takes, with their Norwegian and English labels.',
      ),
    )
    .addHelpText('after', examples(cli.say, 'ledger figures', 'ledger figures --json'))
    .action(
      cli.action(async (context) => {
        if (context.json) return context.printJson(allFigures);
        context.print(
          table(
            [{ header: 'Figure' }, { header: 'Norsk' }, { header: 'English' }],
            allFigures.map((figure) => [figure, figureLabels[figure].nb, figureLabels[figure].en]),
          ),
        );
      }),
    );
