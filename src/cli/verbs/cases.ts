import { table } from '../format.js';
import { asOf, withAsOf } from '../values.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';
import { formatDate } from '../../shared/format.js';

/** `ledger cases`: the committee's cases with their state. */
export const casesVerb: CliVerb = (cli) => {
  const { say, values } = cli;
  withAsOf(
    cli.program
      .command('cases')
      .helpGroup(helpGroups(say).reads)
      .summary(say('sakene i SSU', "the committee's cases"))
      .description(
        say(
          'Sakene i SSU: møte, tittel, innspill, stemmer og om saken er avgjort.',
          "The committee's cases: meeting, title, proposals, votes and whether the case is decided.",
        ),
      )
      .addHelpText('after', examples(say, 'ledger cases', 'ledger cases --as-of 2025-06-30')),
    values,
  ).action(
    cli.action(async (context, options) => {
      const cases = await (await context.ledger()).reader.cases(asOf(options));
      if (context.json) return context.printJson(cases);
      const rows = cases.map((item) => [
        item.caseNumber,
        formatDate(item.meetingDate),
        item.title,
        String(item.proposals),
        String(item.votes),
        item.decided ? 'vedtatt' : item.resolutionProposed ? 'til behandling' : 'åpen',
      ]);
      const columns = [
        { header: 'Sak' },
        { header: 'Møte' },
        { header: 'Tittel', max: 60 },
        { header: 'Innspill', align: 'right' as const },
        { header: 'Stemmer', align: 'right' as const },
        { header: 'Status' },
      ];
      context.print(table(columns, rows));
    }),
  );
};
