import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidArgumentError, Option, type Command, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings';
import { CriterionSchema, PhaseSchema, type Criterion, type Phase } from '../../../events/identifiers.js';
import { osloDate } from '../../app/command-handler.js';
import { columnRoles, type ColumnRole, type FundsChoice } from '../../opening/preview.js';
import { previewOpening, recordOpening, type ImportOptions, type OpeningPreview } from '../../opening/opening-import.js';
import { parseCitation } from '../tasks/opening-tasks.js';
import { previewText, problemsText } from '../opening-preview.js';
import { examples, helpGroups, type CliContext, type CliVerb } from '../verb.js';

/**
 * `ledger open-balances import FILE --year 2025`: the opening balance of a year from a
 * spreadsheet — the allocation table the ledger writes (XLSX or CSV), or the
 * secretariat's own sheet with a header row. It prints the whole preview first; it records
 * only with --yes, or when asked on a terminal and answered yes; in a pipe without --yes it
 * records nothing and says how. A sheet with any problem records nothing, naming each
 * problem's line and column.
 */

/** `earmarked=C` or `name=Satsning`: a role and the column (its letter or header) that holds it. */
function parseMapping(text: string, previous: Partial<Record<ColumnRole, string>> | undefined): Partial<Record<ColumnRole, string>> {
  const match = /^([A-Za-z]+)=(.+)$/.exec(text);
  if (!match || !(columnRoles as readonly string[]).includes(match[1]!))
    throw new InvalidArgumentError(`Write ROLE=COLUMN, ROLE one of ${columnRoles.join(', ')}, such as earmarked=C.`);
  return { ...previous, [match[1]!]: match[2]! };
}

const parseEnum =
  <T extends string>(schema: { safeParse(value: unknown): { success: boolean; data?: T } }, words: string) =>
  (text: string): T => {
    const parsed = schema.safeParse(text);
    if (!parsed.success) throw new InvalidArgumentError(`One of ${words}.`);
    return parsed.data!;
  };

interface ImportFlags {
  year: number;
  yes?: true;
  registerNew?: true;
  funds: FundsChoice;
  receivedOn?: string;
  source?: string;
  sourceCase?: string;
  sourceDate?: string;
  date?: string;
  map?: Partial<Record<ColumnRole, string>>;
  criterion?: Criterion;
  phase?: Phase;
  grantedBy?: { caseNumber: string; pointNumber?: number };
  remainder?: string;
  released?: string;
  reserveFund?: string;
}

/** The opening takes effect on 1 January of its year, or today when that day has not come. */
function defaultDate(year: number): string {
  const today = osloDate(new Date());
  return `${year}-01-01` <= today ? `${year}-01-01` : today;
}

function importOptionsOf(file: string, flags: ImportFlags): ImportOptions {
  const figures = {
    ...(flags.remainder === undefined ? {} : { remainderCarriedIn: flags.remainder }),
    ...(flags.released === undefined ? {} : { releasedCarriedIn: flags.released }),
    ...(flags.reserveFund === undefined ? {} : { reserveFundBalance: flags.reserveFund }),
  };
  return {
    year: flags.year,
    fileName: basename(file),
    effectiveDate: flags.date ?? defaultDate(flags.year),
    source: {
      ...(flags.source === undefined ? {} : { document: flags.source }),
      ...(flags.sourceCase === undefined ? {} : { caseNumber: flags.sourceCase }),
      ...(flags.sourceDate === undefined ? {} : { date: flags.sourceDate }),
    },
    funds: flags.funds,
    ...(flags.receivedOn === undefined ? {} : { receivedOn: flags.receivedOn }),
    registerNew: flags.registerNew === true,
    ...(flags.map ? { map: flags.map } : {}),
    ...(flags.criterion ? { criterion: flags.criterion } : {}),
    ...(flags.phase ? { phase: flags.phase } : {}),
    ...(flags.grantedBy ? { grantedBy: flags.grantedBy } : {}),
    ...(Object.keys(figures).length > 0 ? { figures } : {}),
  };
}

async function importSheet(context: CliContext, file: string, flags: ImportFlags): Promise<number | void> {
  const bytes = readFileSync(file);
  const ledger = await context.ledger();
  const { registry } = await ledger.reader.view();
  const preview = await previewOpening(
    bytes,
    { programmeAreas: registry.programmeAreas.values(), initiatives: registry.initiatives.values() },
    importOptionsOf(file, flags),
  );
  if (context.json && (preview.problems.length > 0 || !flags.yes)) return void context.printJson({ preview, recorded: false });
  if (!context.json) context.print(previewText(preview));
  if (preview.problems.length > 0) {
    context.io.stderr.write(`ledger: ${problemsText(preview)}\n`);
    return 1;
  }
  if (!flags.yes && !(context.io.confirm && (await context.io.confirm('Registrere dette?')))) {
    context.print(
      context.io.confirm
        ? 'Ingenting er registrert.'
        : 'Ingenting er registrert ennå: kjør igjen med --yes for å registrere det som vises over.',
    );
    return;
  }
  return recorded(context, preview, await recordOpening(ledger.handler, preview, { actor: context.actor }));
}

function recorded(context: CliContext, preview: OpeningPreview, results: Awaited<ReturnType<typeof recordOpening>>): void {
  const fresh = results.filter((result) => !result.replayed);
  const events = fresh.reduce((total, result) => total + result.events.length, 0);
  if (context.json)
    return context.printJson({ preview, recorded: true, commands: results.length, replayed: results.length - fresh.length, events });
  context.print(
    fresh.length === 0
      ? 'Var registrert fra før; ingenting nytt ble lagret.'
      : `Registrert ${fresh.length} kommandoer (${events} hendelser): den inngående balansen for ${preview.year}${fresh.length > 1 ? ' og det den registrerte' : ''}.`,
  );
}

export const openBalancesVerb: CliVerb = (cli) => {
  const program = cli.program as unknown as CommandUnknownOpts;
  const group =
    program.commands.find((command) => command.name() === 'open-balances') ??
    program.command('open-balances').helpGroup(helpGroups(cli.say).records);
  const command = group
    .command('import')
    .summary(
      cli.say(
        'hent inngående balanse for et år fra et regneark (XLSX eller CSV), med forhåndsvisning',
        'import the opening balance of a year from a spreadsheet (XLSX or CSV), with a preview',
      ),
    )
    .description(
      cli.say(
        'Leser inngående balanse for et år fra et regneark: fordelingstabellen registeret skriver (`ledger report allocation`, XLSX eller CSV), eller sekretariatets eget ark med en overskriftsrad (kolonnene finnes fra overskriftene og vises; --map endrer dem). Navn sammenlignes med registeret (uten hensyn til store bokstaver og mellomrom); et navn det ikke kjenner er et problem, med navnene det kan bety, med mindre --register-new registrerer det. Alle tall vises først, og lagres bare med --yes eller når du svarer ja i terminalen; alt eller ingenting. En feil sum, en ukjent eller doblet satsning, tekst i en beløpskolonne eller et beløp med tre desimaler avvises, med linje og kolonne.',
        "Reads the opening balance of a year (inngående balanse) from a spreadsheet: the allocation table the ledger writes (`ledger report allocation`, XLSX or CSV), or the secretariat's own sheet with a header row (the columns are found from their headers and shown; --map changes them). Names are matched to the registry (case and spacing aside); a name it does not know is a problem, with the names it may mean, unless --register-new registers it. It prints every figure first and records only with --yes, or when you answer yes on a terminal; everything or nothing. A wrong total, an unknown or duplicated initiative, text in an amount column or an amount with three decimals is refused, naming the line and column.",
      ),
    )
    .argument(
      '<file>',
      cli.say(
        'regnearket: .xlsx eller .csv (komma- eller semikolondelt, UTF-8)',
        'the spreadsheet: .xlsx or .csv (comma or semicolon separated, UTF-8)',
      ),
    );
  newAndCarried(cli, whereFrom(cli, whatToRecord(cli, command)))
    .addHelpText(
      'after',
      examples(
        cli.say,
        'ledger open-balances import fordeling-2025.xlsx --year 2025',
        'ledger open-balances import eget-ark.csv --year 2025 --map earmarked=D --yes',
      ),
    )
    .action(cli.action(async (context: CliContext, file: string, flags) => importSheet(context, file, flags)));
};

/** What to record: the year, whether to ask, new names, the year's receipt. */
function whatToRecord<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cli: Parameters<CliVerb>[0],
  command: Command<A, O, G>,
) {
  return command
    .addOption(
      new Option('--year <year>', cli.say('året balansen åpner, som 2025', 'the year it opens, such as 2025'))
        .argParser(cli.values.year)
        .makeOptionMandatory(true),
    )
    .addOption(
      new Option(
        '--yes',
        cli.say(
          'lagre uten å spørre, etter at forhåndsvisningen er skrevet ut',
          'record without asking, once the preview has been printed',
        ),
      ),
    )
    .addOption(
      new Option(
        '--register-new',
        cli.say(
          'registrer programområdene og satsningene registeret ikke har',
          'register the programme areas and initiatives the registry does not have',
        ),
      ),
    )
    .addOption(
      new Option(
        '--funds <how>',
        cli.say(
          'årets tilskudd i arket: ført som mottatt, som forventet, eller ikke',
          "the year's receipt in the sheet: recorded as received, as expected, or not",
        ),
      )
        .choices(['none', 'received', 'expected'])
        .default('none'),
    )
    .addOption(
      new Option(
        '--received-on <date>',
        cli.say('dagen midlene kom (standard: dokumentets dato)', 'the day the funds arrived (default: the document’s date)'),
      ).argParser(cli.values.date),
    );
}

/** Where the figures come from, the day they take effect and the sheet's columns. */
function whereFrom<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cli: Parameters<CliVerb>[0],
  command: Command<A, O, G>,
) {
  return command
    .addOption(
      new Option(
        '--source <document>',
        cli.say(
          'dokumentet tallene kommer fra (standard: det arket sier, ellers filnavnet)',
          'the document the figures come from (default: what the sheet says, or its file name)',
        ),
      ),
    )
    .addOption(
      new Option('--source-case <NN.YY>', cli.say('saken dokumentet hører til', 'the case the document belongs to')).argParser(
        cli.values.caseNumber,
      ),
    )
    .addOption(
      new Option('--source-date <date>', cli.say('dokumentets dato, ÅÅÅÅ-MM-DD', "the document's date, YYYY-MM-DD")).argParser(
        cli.values.date,
      ),
    )
    .addOption(
      new Option(
        '--date <date>',
        cli.say(
          'dagen den gjelder fra (standard: 1. januar i året, eller i dag)',
          'the day it takes effect (default: 1 January of the year, or today)',
        ),
      ).argParser(cli.values.date),
    )
    .addOption(
      new Option(
        '--map <ROLE=COLUMN>',
        cli.say(`en kolonnes rolle: ${columnRoles.join(', ')} (kan gjentas)`, `a column's role: ${columnRoles.join(', ')} (repeat)`),
      ).argParser(parseMapping),
    );
}

/** What new initiatives are, which case granted the earmarked money, and the frame a sheet may lack. */
function newAndCarried<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cli: Parameters<CliVerb>[0],
  command: Command<A, O, G>,
) {
  return command
    .addOption(
      new Option(
        '--criterion <criterion>',
        cli.say(
          'for nye satsninger der linjen ikke sier det (standard drift)',
          'for new initiatives whose line does not say (default drift)',
        ),
      ).argParser(parseEnum<Criterion>(CriterionSchema, 'drift, utvikling, bredding')),
    )
    .addOption(
      new Option(
        '--phase <phase>',
        cli.say(
          'for nye satsninger der linjen ikke sier det (standard oppstart)',
          'for new initiatives whose line does not say (default oppstart)',
        ),
      ).argParser(parseEnum<Phase>(PhaseSchema, 'oppstart, innsikt, løsning, drift')),
    )
    .addOption(
      new Option(
        '--granted-by <NN.YY[/P]>',
        cli.say(
          'saken som tildelte de øremerkede midlene, for linjer som ikke sier det',
          'the case that granted the earmarked money, for lines that do not say',
        ),
      ).argParser(parseCitation),
    )
    .addOption(
      new Option(
        '--remainder <amount>',
        cli.say('restmidlene overført inn, når arket ikke har et rammeark', 'the remainder carried in, when the sheet has no frame sheet'),
      ),
    )
    .addOption(
      new Option(
        '--released <amount>',
        cli.say(
          'frigjorte midler overført inn, når arket ikke har et rammeark',
          'the released funds carried in, when the sheet has no frame sheet',
        ),
      ),
    )
    .addOption(
      new Option(
        '--reserve-fund <amount>',
        cli.say('reservefondets saldo, når arket ikke har et rammeark', "the reserve fund's balance, when the sheet has no frame sheet"),
      ),
    );
}
