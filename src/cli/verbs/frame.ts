import { figureLabels, type Figure } from '../../../projections/figures.js';
import { formatMoney } from '../../shared/format.js';
import { asOfLine, table } from '../format.js';
import { asOf, withAsOf } from '../values.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';

/** `ledger frame <year>`: the year's frame, figure by figure. */
export const frameVerb: CliVerb = (cli) => {
  const { say, values } = cli;
  withAsOf(
    cli.program
      .command('frame')
      .helpGroup(helpGroups(say).reads)
      .summary(
        say('årets ramme: mottatt, overført, tildelt, tilgjengelig …', "the year's frame: received, carried in, granted, available …"),
      )
      .description(
        say(
          'Årets ramme: hva som er mottatt og overført, og hva som er tildelt, satt av og tilgjengelig.',
          "The year's frame: what was received and carried in, what is granted, reserved and available.",
        ),
      )
      .argument('<year>', say('året, som 2025', 'the year, such as 2025'), values.year)
      .addHelpText('after', examples(say, 'ledger frame 2025', 'ledger frame 2025 --as-of 2025-09-17', 'ledger frame 2025 --json')),
    values,
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
};
