import { parseStoredEvent } from '../../../events/catalogue.js';
import { describeEvent } from '../../../projections/describe.js';
import { readPositions } from '../../app/projection-runner.js';
import { settleYear } from '../../app/settlement.js';
import { checkpointSettlements } from '../trust.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';

/** What `settle` and `record` say of a year settled before: nothing is added, and it is no failure. */
export const alreadySettled = (year: number) => `${year} var allerede avregnet og lukket; ingenting ble lagt til.`;

/** `ledger settle <year>`: the year-end settlement, which carries over and closes the year. */
export const settleVerb: CliVerb = (cli) => {
  const { say, values } = cli;
  cli.program
    .command('settle')
    .helpGroup(helpGroups(say).yearEnd)
    .summary(say('årsavregningen: overfør og lukk året', 'the year-end settlement: carry over and close the year'))
    .description(
      say(
        'Årsavregningen: overfører hver pågående satsnings ubrukte midler, den ufordelte resten, de frigjorte midlene og fondet til neste år, lukker så året med en forsegling, og signerer et sjekkpunkt av loggen når LEDGER_SIGNING_KEY nevner en nøkkel. En ny kjøring legger ikke til noe og sier det.',
        "The year-end settlement: carries each ongoing initiative's unspent funds, the unallocated remainder, the released funds and the reserve fund into next year, then closes the year with a seal, and signs a checkpoint of the log when LEDGER_SIGNING_KEY names a key. A second run appends nothing and says so.",
      ),
    )
    .argument('<year>', say('året som avregnes, som 2025', 'the year to settle, such as 2025'), values.year)
    .option(
      '--date <date>',
      say(
        'datoen avregningen gjelder fra, 31. desember i året eller senere (standard: i dag)',
        'the date the settlement takes effect, on or after 31 December of the year (default: today)',
      ),
      values.date,
    )
    .addHelpText('after', examples(say, 'ledger settle 2025 --date 2026-01-15', 'ledger settle 2025'))
    .action(
      cli.action(async (context, year, options) => {
        const ledger = await context.ledger();
        const outcome = await settleYear(ledger.handler, year, {
          actor: context.actor,
          ...(options.date ? { effectiveDate: options.date } : {}),
          afterSettlement: (settled) => checkpointSettlements(context, ledger, settled.events[0]!.position - 1),
        });
        if (context.json) return context.printJson(outcome);
        if (outcome.alreadySettled) return context.print(alreadySettled(year));
        const view = await ledger.reader.view();
        const records = await readPositions(
          ledger.store,
          outcome.events.map((event) => event.position),
        );
        context.print(
          [`Avregnet ${year}:`, ...records.map((record) => `  ${describeEvent(parseStoredEvent(record), view).nb}`)].join('\n'),
        );
      }),
    );
};
