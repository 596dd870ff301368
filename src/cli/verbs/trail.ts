import { figureWords } from '../../../projections/figures.js';
import { asOfLine, table } from '../format.js';
import { asOf, withAsOf } from '../values.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';
import { formatDate, formatMoney } from '../../shared/format.js';

/** `ledger trail <year>`: the audit trail, every event of the year with its postings. */
export const trailVerb: CliVerb = (cli) => {
  const { say, values } = cli;
  withAsOf(
    cli.program
      .command('trail')
      .helpGroup(helpGroups(say).reads)
      .summary(say('revisjonssporet: hver hendelse i året med saldo', 'the audit trail: every event of the year with running balances'))
      .description(
        say(
          'Revisjonssporet: hver hendelse i året med posteringene og hva som var tilgjengelig etter den; * merker en hendelse registrert senere enn datoen den gjelder fra.',
          'The audit trail: every event of the year with its postings and what was available after it; * marks an event recorded later than the date it took effect.',
        ),
      )
      .argument('<year>', say('året, som 2025', 'the year, such as 2025'), values.year)
      .addHelpText('after', examples(say, 'ledger trail 2025', 'ledger trail 2025 --as-of 2025-12-31 --json')),
    values,
  ).action(
    cli.action(async (context, year, options) => {
      const at = asOf(options);
      const trail = await (await context.ledger()).reader.trail(year, at);
      if (context.json) return context.printJson(trail);
      const rows = trail.rows.map((row) => [
        String(row.position),
        formatDate(row.effectiveDate) + (row.backdated ? '*' : ''),
        row.caseNumber ?? '',
        row.actor,
        row.description.nb,
        row.postings
          .map((posting) => `${figureWords(posting.figure).nb} ${posting.amount.startsWith('-') ? '' : '+'}${formatMoney(posting.amount)}`)
          .join('; '),
        formatMoney(row.availableAfter),
      ]);
      const columns = [
        { header: 'Pos', align: 'right' as const },
        { header: 'Dato' },
        { header: 'Sak' },
        { header: 'Aktør' },
        { header: 'Hendelse', max: 70 },
        { header: 'Posteringer', max: 60 },
        { header: 'Tilgjengelig etter', align: 'right' as const },
      ];
      context.print(`Revisjonsspor ${year}${asOfLine(at)}\n\n${table(columns, rows)}\n\n* registrert senere enn datoen den gjelder fra`);
    }),
  );
};
