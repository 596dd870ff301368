import { allFigures, figureLabels } from '../../../projections/figures.js';
import { table } from '../format.js';
import { helpGroups, type CliVerb } from '../verb.js';

/** `ledger figures`: the figure names `explain` takes, with their labels. */
export const figuresVerb: CliVerb = (cli) =>
  cli.program
    .command('figures')
    .helpGroup(helpGroups.reads)
    .summary('list the figure names explain takes')
    .description('The figure names explain takes, with their Norwegian and English labels.')
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
