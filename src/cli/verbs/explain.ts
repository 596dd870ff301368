import { Argument } from '@commander-js/extra-typings';
import { allFigures, figureLabels } from '../../../projections/figures.js';
import type { ExplainedFigure } from '../../app/ledger-reader.js';
import { asOfLine, nok, norwegianDate, table } from '../format.js';
import { asOf, parseScopeArgument, parseYear, withAsOf } from '../values.js';
import { helpGroups, type CliContext, type CliVerb } from '../verb.js';

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
        `${explanation.label.nb} ${year}, ${scope.text}: ${nok(explanation.value)}${asOfLine(at)}`,
        year,
      );
    }),
  );

function printExplanation(context: CliContext, explanation: ExplainedFigure, header: string, year: number): void {
  if (explanation.composition) {
    const rows = explanation.composition.map((part) => [`${part.sign < 0 ? '−' : '+'} ${figureLabels[part.figure].nb}`, nok(part.value)]);
    context.print(
      `${header}\n\n${table([{ header: 'Beregnet av' }, { header: 'Beløp', align: 'right' }], rows)}\n\nSe «ledger explain ${year} <post>» for hendelsene bak hver post.`,
    );
    return;
  }
  const rows = [
    ['', '', '', 'Inngående saldo', '', nok(explanation.opening)],
    ...explanation.rows.map((row) => [
      String(row.position),
      norwegianDate(row.effectiveDate),
      row.caseNumber ?? '',
      row.description.nb,
      nok(row.amount),
      nok(row.runningBalance),
    ]),
    ['', '', '', 'Utgående saldo', '', nok(explanation.value)],
  ];
  const columns = [
    { header: 'Pos', align: 'right' as const },
    { header: 'Dato' },
    { header: 'Sak' },
    { header: 'Hendelse', max: 80 },
    { header: 'Beløp', align: 'right' as const },
    { header: 'Saldo', align: 'right' as const },
  ];
  context.print(`${header}\n\n${table(columns, rows)}${laterCorrections(explanation)}`);
}

/** A closed year's figure corrected later: each correction, linked by its position and year, and the figure as it stands now. */
function laterCorrections(explanation: ExplainedFigure): string {
  const corrections = explanation.laterCorrections;
  if (!corrections || corrections.length === 0) return '';
  const rows = corrections.map((row) => [
    String(row.position),
    norwegianDate(row.effectiveDate),
    row.caseNumber ?? '',
    row.description.nb,
    nok(row.amount),
  ]);
  const columns = [
    { header: 'Pos', align: 'right' as const },
    { header: 'Dato' },
    { header: 'Sak' },
    { header: 'Rettelse', max: 80 },
    { header: 'Endring', align: 'right' as const },
  ];
  return `\n\nRettet senere (året er avsluttet; tallet over står slik det ble forseglet):\n\n${table(columns, rows)}\n\nEtter rettelser: ${nok(explanation.valueAsCorrected ?? explanation.value)}`;
}
