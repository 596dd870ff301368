import { Argument } from '@commander-js/extra-typings';
import { allFigures, figureLabels } from '../../../projections/figures.js';
import type { ExplainedFigure } from '../../app/ledger-reader.js';
import { asOfLine, table } from '../format.js';
import { asOf, parseScopeArgument, parseYear, withAsOf } from '../values.js';
import { helpGroups, type CliContext, type CliVerb } from '../verb.js';
import { formatDate, formatMoney } from '../../shared/format.js';

/** `ledger explain <year> <figure> [scope]`: the events behind one figure, with a running balance. */
export const explainVerb: CliVerb = (cli) =>
  withAsOf(
    cli.program
      .command('explain')
      .helpGroup(helpGroups.reads)
      .summary('the events behind a figure, down to case numbers')
      .description(
        'The events behind a figure, with case numbers and a running balance; a computed figure shows the figures it is computed from.',
      )
      .argument('<year>', 'the year, such as 2025', parseYear)
      .addArgument(new Argument('<figure>', "the figure's name").choices(allFigures))
      .addArgument(
        new Argument('[scope]', 'total, programme-area:ID, initiative:ID, unassigned or proposal:ID')
          .argParser(parseScopeArgument)
          .default(parseScopeArgument('total'), 'total'),
      ),
  ).action(
    cli.action(async (context, year, figure, scope, options) => {
      const at = asOf(options);
      const explanation = await (await context.ledger()).reader.explain({ year, figure, scope: scope.scope }, at);
      if (context.json) return context.printJson(explanation);
      printExplanation(
        context,
        explanation,
        `${explanation.label.nb} ${year}, ${scope.text}: ${formatMoney(explanation.value)}${asOfLine(at)}`,
        year,
      );
    }),
  );

function printExplanation(context: CliContext, explanation: ExplainedFigure, header: string, year: number): void {
  if (explanation.composition) {
    const rows = explanation.composition.map((part) => [
      `${part.sign < 0 ? '−' : '+'} ${figureLabels[part.figure].nb}`,
      formatMoney(part.value),
    ]);
    context.print(
      `${header}\n\n${table([{ header: 'Beregnet av' }, { header: 'Beløp', align: 'right' }], rows)}\n\nSe «ledger explain ${year} <post>» for hendelsene bak hver post.`,
    );
    return;
  }
  const rows = [
    ['', '', '', 'Inngående saldo', '', formatMoney(explanation.opening)],
    ...explanation.rows.map((row) => [
      String(row.position),
      formatDate(row.effectiveDate),
      row.caseNumber ?? '',
      row.description.nb,
      formatMoney(row.amount),
      formatMoney(row.runningBalance),
    ]),
    ['', '', '', 'Utgående saldo', '', formatMoney(explanation.value)],
  ];
  const columns = [
    { header: 'Pos', align: 'right' as const },
    { header: 'Dato' },
    { header: 'Sak' },
    { header: 'Hendelse', max: 80 },
    { header: 'Beløp', align: 'right' as const },
    { header: 'Saldo', align: 'right' as const },
  ];
  context.print(`${header}\n\n${table(columns, rows)}`);
}
