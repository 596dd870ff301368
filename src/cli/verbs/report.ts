import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import type { AsOf } from '../../app/ledger-reader.js';
import { writeDocument, type DocumentFormat } from '../../documents/formats.js';
import { DocumentService } from '../../documents/service.js';
import type { DocumentRequest } from '../../documents/source.js';
import { asOf, parseCaseNumber, requiredOption, withAsOf } from '../values.js';
import { UsageError, helpGroups, type CliContext, type CliVerb } from '../verb.js';

/**
 * `ledger report allocation|case-summary|grants`: the committee's documents, built from the
 * log now or as of a date or log position, written to a file (or stdout). Each carries the
 * as-of date, log position and hash it was built from; `ledger document verify` checks one.
 */

/** Two consecutive years written `2024,2025`: the year granted and the year requested for. */
export function parseYearPair(text: string): number {
  const match = /^(\d{4}),(\d{4})$/.exec(text);
  if (!match || Number(match[2]) !== Number(match[1]) + 1)
    throw new InvalidArgumentError('Years are two consecutive years, such as 2024,2025.');
  return Number(match[1]);
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

const outOption = () => new Option('--out <file>', 'write to this file (default: stdout; an XLSX on stdout is base64)');

export const reportVerb: CliVerb = (cli) => {
  const report = cli.program
    .command('report')
    .helpGroup(helpGroups.reads)
    .summary("the committee's documents: allocation table, case summary, grants (360Giving)")
    .description(
      "The committee's documents, built from the log: the allocation table (vedlegg 1) of a case or a pair of years, a case summary, and the grants in the 360Giving Data Standard. Each carries the as-of date, log position and hash it was built from.",
    );
  withAsOf(
    report
      .command('allocation')
      .summary('the allocation table (vedlegg 1) of a case or a pair of years')
      .description(
        'The allocation table: per programme area and initiative, granted in Y, ongoing carried into Y+1, requested and recommended for Y+1, with subtotals, totals and the frame lines of Y+1.',
      )
      .addOption(new Option('--case <case-number>', 'the case, such as 22.25').argParser(parseCaseNumber).conflicts('years'))
      .addOption(new Option('--years <years>', 'the two years, such as 2024,2025').argParser(parseYearPair))
      .addOption(new Option('--format <format>', 'html, csv or xlsx').choices(['html', 'csv', 'xlsx'] as const).default('html' as const))
      .addOption(outOption()),
  ).action(
    cli.action(async (context, options) => {
      if (options.case === undefined && options.years === undefined) throw new UsageError('give --case NN.YY or --years YYYY,YYYY');
      const request: DocumentRequest =
        options.case !== undefined ? { kind: 'allocation', caseNumber: options.case } : { kind: 'allocation', grantedYear: options.years! };
      await writeReport(context, request, options.format, asOf(options), options.out);
    }),
  );
  withAsOf(
    report
      .command('case-summary')
      .summary('a printable summary of a case (HTML)')
      .description(
        'A case summary: proposals with submitters, the recommendation, the proposed resolution with its alternatives, the votes and tally, the resolution and dissent, and all money decided under the case.',
      )
      .addOption(requiredOption(new Option('--case <case-number>', 'the case, such as 22.25').argParser(parseCaseNumber)))
      .addOption(outOption()),
  ).action(
    cli.action(async (context, options) => {
      await writeReport(context, { kind: 'case-summary', caseNumber: options.case }, 'html', asOf(options), options.out);
    }),
  );
  withAsOf(
    report
      .command('grants')
      .summary('every grant in the 360Giving Data Standard (JSON or CSV)')
      .description(
        'Every grant in the 360Giving Data Standard: identifier, title, description, NOK, amount awarded, award date, planned dates, the funding organisation and the recipient initiative with its proposing partners.',
      )
      .addOption(
        new Option('--format <format>', '360giving-json or 360giving-csv')
          .choices(['360giving-json', '360giving-csv'] as const)
          .default('360giving-json' as const),
      )
      .addOption(new Option('--funder-id <id>', "the funding organisation's identifier (default: LEDGER_FUNDER_ID)"))
      .addOption(outOption()),
  ).action(
    cli.action(async (context, options) => {
      await writeReport(context, { kind: 'grants' }, options.format, asOf(options), options.out, options.funderId);
    }),
  );
};
