import { figureLabels } from '../../../projections/figures.js';
import { balanceFigureOrder } from '../../../projections/queries.js';
import { asOfLine, table } from '../format.js';
import { asOf, withAsOf } from '../values.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';
import { formatMoney } from '../../shared/format.js';

/** `ledger balances <year>`: every figure per programme area and initiative. */
export const balancesVerb: CliVerb = (cli) => {
  const { say, values } = cli;
  withAsOf(
    cli.program
      .command('balances')
      .helpGroup(helpGroups(say).reads)
      .summary(say('per programområde og satsning', 'per programme area and initiative'))
      .description(
        say(
          'Årets poster per programområde og satsning, med nye innspill som ennå ikke hører til et område.',
          "The year's figures per programme area and initiative, with new proposals not yet in an area.",
        ),
      )
      .argument('<year>', say('året, som 2025', 'the year, such as 2025'), values.year)
      .addHelpText('after', examples(say, 'ledger balances 2025', 'ledger balances 2025 --as-of-position 120')),
    values,
  ).action(
    cli.action(async (context, year, options) => {
      const at = asOf(options);
      const report = await (await context.ledger()).reader.balances(year, at);
      if (context.json) return context.printJson(report);
      const figures = balanceFigureOrder;
      const columns = [
        { header: 'Programområde / satsning', max: 48 },
        ...figures.map((figure) => ({ header: figureLabels[figure].nb, align: 'right' as const })),
      ];
      const rows: string[][] = [];
      const row = (name: string, values: Record<string, string>) => [
        name,
        ...figures.map((figure) => (values[figure] === '0.00' ? '–' : formatMoney(values[figure]))),
      ];
      for (const area of report.programmeAreas) {
        rows.push(row(area.name, area.figures));
        for (const initiative of area.initiatives) rows.push(row(`  · ${initiative.name}`, initiative.figures));
      }
      if (report.unassigned.proposals.length > 0) {
        rows.push(row('Uten programområde (nye innspill)', report.unassigned.figures));
        for (const proposal of report.unassigned.proposals) rows.push(row(`  · ${proposal.name}`, proposal.figures));
      }
      rows.push(row('Sum', report.total.figures));
      context.print(`Saldo per programområde og satsning ${year}${asOfLine(at)}\n\n${table(columns, rows)}`);
    }),
  );
};
