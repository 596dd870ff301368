import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import type { AsOf } from '../../app/ledger-reader.js';
import { writeDocument, type DocumentFormat } from '../../documents/formats.js';
import { DocumentService } from '../../documents/service.js';
import type { DocumentRequest } from '../../documents/source.js';
import type { Say } from '../lang.js';
import { asOf, requiredOption, withAsOf } from '../values.js';
import { UsageError, examples, helpGroups, type Cli, type CliContext, type CliVerb, type GlobalOptions } from '../verb.js';

/**
 * `ledger report allocation|case-summary|grants`: the committee's documents, built from the
 * log now or as of a date or log position, written to a file (or stdout). Each carries the
 * as-of date, log position and hash it was built from; `ledger document verify` checks one.
 */

/** Two consecutive years written `2024,2025`: the year granted and the year requested for. */
function yearPairParser(say: Say) {
  return (text: string): number => {
    const match = /^(\d{4}),(\d{4})$/.exec(text);
    if (!match || Number(match[2]) !== Number(match[1]) + 1)
      throw new InvalidArgumentError(
        say('Årene er to år etter hverandre, som 2024,2025.', 'Years are two consecutive years, such as 2024,2025.'),
      );
    return Number(match[1]);
  };
}

async function writeReport(
  context: CliContext,
  request: DocumentRequest,
  format: DocumentFormat,
  at: AsOf | null,
  out: string | undefined,
  funderId?: string,
): Promise<void> {
  const ledger = await context.ledger();
  const settings = funderId === undefined ? context.documentSettings : { ...context.documentSettings, funderOrganisationId: funderId };
  const service = new DocumentService(ledger.store, ledger.reader, settings);
  if (request.kind === 'grants') await service.requireFunder();
  const document = await service.build(request, at);
  const written = await writeDocument(service, document, format);
  if (out === undefined || out === '-') {
    context.io.stdout.write(format === 'xlsx' ? written.bytes.toString('base64') : written.bytes.toString('utf8'));
    return;
  }
  writeFileSync(out, written.bytes);
  const { source } = document;
  context.io.stderr.write(
    `Skrev ${out} (${format}): per ${source.asOfDate}, loggposisjon ${source.position}, hash ${source.hash ?? 'ingen'}\n`,
  );
}

const outOption = (say: Say) =>
  new Option(
    '--out <file>',
    say(
      'skriv til denne filen (standard: stdout; en XLSX på stdout er base64)',
      'write to this file (default: stdout; an XLSX on stdout is base64)',
    ),
  );

export const reportVerb: CliVerb = (cli) => {
  const { say } = cli;
  const report = cli.program
    .command('report')
    .helpGroup(helpGroups(say).reads)
    .summary(
      say(
        'SSU-dokumentene: fordelingstabell, saksammendrag, tildelinger (360Giving)',
        "the committee's documents: allocation table, case summary, grants (360Giving)",
      ),
    )
    .description(
      say(
        'SSU-dokumentene, bygget fra loggen: fordelingstabellen (vedlegg 1) for en sak eller et årspar, et saksammendrag og tildelingene i 360Giving-standarden. Hvert har datoen, loggposisjonen og hashen det ble bygget fra.',
        "The committee's documents, built from the log: the allocation table (vedlegg 1) of a case or a pair of years, a case summary, and the grants in the 360Giving Data Standard. Each carries the as-of date, log position and hash it was built from.",
      ),
    );
  allocationReport(cli, report);
  caseSummaryReport(cli, report);
  grantsReport(cli, report);
};

function caseSummaryReport(cli: Cli, report: Command<[], Record<string, never>, GlobalOptions>): void {
  const { say, values } = cli;
  withAsOf(
    report
      .command('case-summary')
      .summary(say('et utskrivbart sammendrag av en sak (HTML)', 'a printable summary of a case (HTML)'))
      .description(
        say(
          'Et saksammendrag: innspill med hvem som leverte dem, anbefalingen, forslaget til vedtak med alternativene, stemmene og opptellingen, vedtaket og dissensen, og alle penger vedtatt under saken.',
          'A case summary: proposals with submitters, the recommendation, the proposed resolution with its alternatives, the votes and tally, the resolution and dissent, and all money decided under the case.',
        ),
      )
      .addOption(
        requiredOption(
          new Option('--case <case-number>', say('saken, som 22.25', 'the case, such as 22.25')).argParser(values.caseNumber),
          say,
        ),
      )
      .addOption(outOption(say))
      .addHelpText('after', examples(say, 'ledger report case-summary --case 22.25 --out sak-22-25.html')),
    values,
  ).action(
    cli.action(async (context, options) => {
      await writeReport(context, { kind: 'case-summary', caseNumber: options.case }, 'html', asOf(options), options.out);
    }),
  );
}

function grantsReport(cli: Cli, report: Command<[], Record<string, never>, GlobalOptions>): void {
  const { say, values } = cli;
  withAsOf(
    report
      .command('grants')
      .summary(say('alle tildelinger i 360Giving-standarden (JSON eller CSV)', 'every grant in the 360Giving Data Standard (JSON or CSV)'))
      .description(
        say(
          'Alle tildelinger i 360Giving-standarden: identifikator, tittel, beskrivelse, NOK, tildelt beløp, tildelingsdato, planlagte datoer, finansiøren og satsningen som mottar, med partnerne som foreslo den.',
          'Every grant in the 360Giving Data Standard: identifier, title, description, NOK, amount awarded, award date, planned dates, the funding organisation and the recipient initiative with its proposing partners.',
        ),
      )
      .addOption(
        new Option('--format <format>', say('360giving-json eller 360giving-csv', '360giving-json or 360giving-csv'))
          .choices(['360giving-json', '360giving-csv'] as const)
          .default('360giving-json' as const),
      )
      .addOption(
        new Option(
          '--funder-id <id>',
          say(
            'finansiørens identifikator (standard: LEDGER_FUNDER_ID)',
            "the funding organisation's identifier (default: LEDGER_FUNDER_ID)",
          ),
        ),
      )
      .addOption(outOption(say))
      .addHelpText(
        'after',
        examples(say, 'ledger report grants --format 360giving-csv --funder-id NO-BRC-123456789 --out tildelinger.csv'),
      ),
    values,
  ).action(
    cli.action(async (context, options) => {
      await writeReport(context, { kind: 'grants' }, options.format, asOf(options), options.out, options.funderId);
    }),
  );
}

function allocationReport(cli: Cli, report: Command<[], Record<string, never>, GlobalOptions>): void {
  const { say, values } = cli;
  withAsOf(
    report
      .command('allocation')
      .summary(
        say('fordelingstabellen (vedlegg 1) for en sak eller et årspar', 'the allocation table (vedlegg 1) of a case or a pair of years'),
      )
      .description(
        say(
          'Fordelingstabellen: per programområde og satsning, tildelt i år Å, pågående overført til Å+1, innspill og anbefaling for Å+1, med delsummer, summer og rammelinjene for Å+1.',
          'The allocation table: per programme area and initiative, granted in Y, ongoing carried into Y+1, requested and recommended for Y+1, with subtotals, totals and the frame lines of Y+1.',
        ),
      )
      .addOption(
        new Option('--case <case-number>', say('saken, som 22.25', 'the case, such as 22.25'))
          .argParser(values.caseNumber)
          .conflicts('years'),
      )
      .addOption(
        new Option('--years <years>', say('de to årene, som 2024,2025', 'the two years, such as 2024,2025')).argParser(yearPairParser(say)),
      )
      .addOption(
        new Option('--format <format>', say('html, csv eller xlsx', 'html, csv or xlsx'))
          .choices(['html', 'csv', 'xlsx'] as const)
          .default('html' as const),
      )
      .addOption(outOption(say))
      .addHelpText(
        'after',
        examples(
          say,
          'ledger report allocation --case 22.25 --format xlsx --out vedlegg-1.xlsx',
          'ledger report allocation --years 2024,2025 --format csv',
        ),
      ),
    values,
  ).action(
    cli.action(async (context, options) => {
      if (options.case === undefined && options.years === undefined)
        throw new UsageError(say('oppgi --case NN.ÅÅ eller --years ÅÅÅÅ,ÅÅÅÅ', 'give --case NN.YY or --years YYYY,YYYY'));
      const request: DocumentRequest =
        options.case !== undefined ? { kind: 'allocation', caseNumber: options.case } : { kind: 'allocation', grantedYear: options.years! };
      await writeReport(context, request, options.format, asOf(options), options.out);
    }),
  );
}
