import { figureLabels, type Figure } from '../../../projections/figures.js';
import { asOfLine, table } from '../format.js';
import { asOf, parseYear, withAsOf } from '../values.js';
import { helpGroups, type CliVerb } from '../verb.js';
import { formatMoney } from '../../shared/format.js';

/** `ledger frame <year>`: the year's frame, figure by figure. */
export const frameVerb: CliVerb = (cli) =>
  withAsOf(
    cli.program
      .command('frame')
      .helpGroup(helpGroups.reads)
      .summary("the year's frame: received, carried in, granted, available …")
      .description("The year's frame: what was received and carried in, what is granted, reserved and available.")
      .argument('<year>', 'the year, such as 2025', parseYear),
  ).action(
    cli.action(async (context, year, options) => {
      const at = asOf(options);
      const frame = await (await context.ledger()).reader.frame(year, at);
      if (context.json) return context.printJson(frame);
      const rows = Object.entries(frame.figures).map(([figure, amount]) => [figureLabels[figure as Figure].nb, formatMoney(amount)]);
      context.print(
        `Ramme ${year} (${frame.closed ? 'avregnet og lukket' : 'åpen'})${asOfLine(at)}\n\n${table([{ header: 'Post' }, { header: 'Beløp', align: 'right' }], rows)}`,
      );
    }),
  );
