import { parseStoredEvent } from '../../../events/catalogue.js';
import { describeEvent } from '../../../projections/describe.js';
import { readPositions } from '../../app/projection-runner.js';
import { settleYear } from '../../app/settlement.js';
import { checkpointSettlements } from '../trust.js';
import { parseDate, parseYear } from '../values.js';
import { helpGroups, type CliVerb } from '../verb.js';

/** `ledger settle <year>`: the year-end settlement, which carries over and closes the year. */
export const settleVerb: CliVerb = (cli) =>
  cli.program
    .command('settle')
    .helpGroup(helpGroups.yearEnd)
    .summary('the year-end settlement: carry over and close the year')
    .description(
      "The year-end settlement: carries each ongoing initiative's unspent funds, the unallocated remainder, the released funds and the reserve fund into next year, then closes the year with a seal, and signs a checkpoint of the log when LEDGER_SIGNING_KEY names a key. A second run appends nothing and says so.",
    )
    .argument('<year>', 'the year to settle, such as 2025', parseYear)
    .option('--date <date>', 'the date the settlement takes effect, on or after 31 December of the year (default: today)', parseDate)
    .action(
      cli.action(async (context, year, options) => {
        const ledger = await context.ledger();
        const outcome = await settleYear(ledger.handler, year, {
          actor: context.actor,
          ...(options.date ? { effectiveDate: options.date } : {}),
          afterSettlement: (settled) => checkpointSettlements(context, ledger, settled.events[0]!.position - 1),
        });
        if (context.json) return context.printJson(outcome);
        if (outcome.alreadySettled) return context.print(`${year} var allerede avregnet og lukket; ingenting ble lagt til.`);
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
