import { Argument } from '@commander-js/extra-typings';
import { figureLabels, type Scope } from '../../../projections/figures.js';
import type { LedgerView } from '../../../projections/ledger-view.js';
import type { ExplainedFigure } from '../../app/ledger-reader.js';
import { asOfLine, table } from '../format.js';
import { asOf, withAsOf } from '../values.js';
import { examples, helpGroups, type CliContext, type CliVerb } from '../verb.js';
import { formatDate, formatMoney } from '../../shared/format.js';

/** `ledger explain <year> <figure> [scope]`: the events behind one figure, with a running balance. */
export const explainVerb: CliVerb = (cli) => {
  const { say, values } = cli;
  withAsOf(
    cli.program
      .command('explain')
      .helpGroup(helpGroups(say).reads)
      .summary(say('hendelsene bak en post, ned til saksnummer', 'the events behind a figure, down to case numbers'))
      .description(
        say(
          'Hendelsene bak en post, med saksnummer og løpende saldo; en beregnet post viser postene den regnes ut fra. Postene står i ledger figures.',
          'The events behind a figure, with case numbers and a running balance; a computed figure shows the figures it is computed from. The figures are listed by ledger figures.',
        ),
      )
      .argument('<year>', say('året, som 2025', 'the year, such as 2025'), values.year)
      .argument(
        '<figure>',
        say('postens navn, som granted (se ledger figures)', "the figure's name, such as granted (see ledger figures)"),
        values.figure,
      )
      .addArgument(
        new Argument(
          '[scope]',
          say(
            'total, programme-area:ID, initiative:ID, unassigned eller proposal:ID (id-ene står i ledger list areas og ledger list initiatives)',
            'total, programme-area:ID, initiative:ID, unassigned or proposal:ID (the ids are in ledger list areas and ledger list initiatives)',
          ),
        )
          .argParser(values.scope)
          .default(values.scope('total'), 'total'),
      )
      .addHelpText(
        'after',
        examples(
          say,
          'ledger explain 2025 granted',
          'ledger explain 2024 granted programme-area:barn-og-unge',
          'ledger explain 2025 spent initiative:vip --as-of 2025-12-31',
          'ledger explain 2025 availableIfRecommendationAdopted',
        ),
      ),
    values,
  ).action(
    cli.action(async (context, year, figure, scope, options) => {
      const at = asOf(options);
      const { reader } = await context.ledger();
      const explanation = await reader.explain({ year, figure, scope: scope.scope }, at);
      if (context.json) return context.printJson(explanation);
      const view = await reader.view();
      printExplanation(
        context,
        explanation,
        `${explanation.label.nb} ${year}, ${scopeWords(scope.scope, view)}: ${formatMoney(explanation.value)}${asOfLine(at)}`,
        year,
      );
    }),
  );
};

/** A scope as the secretary says it: the initiative's, programme area's or proposed initiative's name, not its id. */
function scopeWords(scope: Scope, { registry, proposals }: LedgerView): string {
  switch (scope.kind) {
    case 'total':
      return 'totalt';
    case 'unassigned':
      return 'innspill uten programområde';
    case 'initiative':
      return registry.initiatives.get(scope.initiativeId)?.name ?? scope.initiativeId;
    case 'programme-area':
      return registry.programmeAreas.get(scope.programmeAreaId)?.name ?? scope.programmeAreaId;
    case 'proposal': {
      const target = proposals.get(scope.proposalId)?.target;
      return target && 'newInitiativeName' in target ? `innspill: ${target.newInitiativeName}` : `innspill ${scope.proposalId}`;
    }
  }
}

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
  context.print(`${header}\n\n${table(columns, rows)}${laterCorrections(explanation)}`);
}

/** A closed year's figure corrected later: each correction, linked by its position and year, and the figure as it stands now. */
function laterCorrections(explanation: ExplainedFigure): string {
  const corrections = explanation.laterCorrections;
  if (!corrections || corrections.length === 0) return '';
  const rows = corrections.map((row) => [
    String(row.position),
    formatDate(row.effectiveDate),
    row.caseNumber ?? '',
    row.description.nb,
    formatMoney(row.amount),
  ]);
  const columns = [
    { header: 'Pos', align: 'right' as const },
    { header: 'Dato' },
    { header: 'Sak' },
    { header: 'Rettelse', max: 80 },
    { header: 'Endring', align: 'right' as const },
  ];
  return `\n\nRettet senere (året er avsluttet; tallet over står slik det ble forseglet):\n\n${table(columns, rows)}\n\nEtter rettelser: ${formatMoney(explanation.valueAsCorrected ?? explanation.value)}`;
}
