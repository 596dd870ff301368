import { figureLabels } from '../../../projections/figures.js';
import { asOfLine, table } from '../format.js';
import { asOf, parseYear, withAsOf } from '../values.js';
import { helpGroups, type CliVerb } from '../verb.js';
import { formatDate, formatMoney } from '../../shared/format.js';

/** `ledger trail <year>`: the audit trail, every event of the year with its postings. */
export const trailVerb: CliVerb = (cli) =>
  withAsOf(
    cli.program
      .command('trail')
      .helpGroup(helpGroups.reads)
      .summary('the audit trail: every event of the year with running balances')
      .description(
        'The audit trail: every event of the year with its postings and what was available after it; * marks an event recorded later than the date it took effect.',
      )
      .argument('<year>', 'the year, such as 2025', parseYear),
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
          .map((posting) => `${figureLabels[posting.figure].nb} ${posting.amount.startsWith('-') ? '' : '+'}${formatMoney(posting.amount)}`)
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
