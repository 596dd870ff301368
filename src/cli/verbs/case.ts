import { FigureNotFoundError } from '../../../projections/queries.js';
import type { LedgerReader } from '../../app/ledger-reader.js';
import { table } from '../format.js';
import { asOf, withAsOf } from '../values.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';
import { formatDate, formatMoney, words } from '../../shared/format.js';

/** One case as the reader answers it. */
type CaseDetail = NonNullable<Awaited<ReturnType<LedgerReader['caseDetail']>>>;

/** `ledger case <NN.YY>`: one case with its proposals, recommendation, resolution and votes. */
export const caseVerb: CliVerb = (cli) => {
  const { say, values } = cli;
  withAsOf(
    cli.program
      .command('case')
      .helpGroup(helpGroups(say).reads)
      .summary(
        say(
          'én sak: innspill, anbefaling, vedtak, stemmer, pengene som er vedtatt',
          'one case: proposals, recommendation, resolution, votes, the money decided',
        ),
      )
      .description(
        say(
          'Én sak: innspillene, sekretariatets anbefaling, vedtaket og stemmene på hvert punkt, og alle penger vedtatt under den (tildelinger, planendringer, justeringer, frigjøringer, fond og trekk), hver med posten som forklarer den.',
          "One case: its proposals, the secretariat's recommendation, the resolution and the votes on each point, and all money decided under it (grants, plan changes, adjustments, releases, reserve funds and draws), each with the figure that explains it.",
        ),
      )
      .argument('<case-number>', say('saksnummeret NN.ÅÅ, som 22.25', 'the case number NN.YY, such as 22.25'), values.caseNumber)
      .addHelpText('after', examples(say, 'ledger case 22.25', 'ledger case 22.25 --json')),
    values,
  ).action(
    cli.action(async (context, caseNumber, options) => {
      const detail = await (await context.ledger()).reader.caseDetail(caseNumber, asOf(options));
      if (!detail)
        throw new FigureNotFoundError(
          words(`Sak ${caseNumber} finnes ikke (ledger list cases)`, `case ${caseNumber} does not exist (ledger list cases)`),
        );
      if (context.json) return context.printJson(detail);
      context.print(
        [`Sak ${detail.caseNumber}: ${detail.title} (møte ${formatDate(detail.meetingDate)})`, '', ...caseLines(detail)].join('\n'),
      );
    }),
  );
};

function caseLines(detail: CaseDetail): string[] {
  const lines: string[] = [];
  if (detail.proposals.length) {
    const columns = [{ header: 'Satsning', max: 50 }, { header: 'År' }, { header: 'Beløp', align: 'right' as const }, { header: 'Fra' }];
    const rows = detail.proposals.map((p) => [
      p.name,
      String(p.year),
      p.amountRequested === null ? 'uten beløp' : formatMoney(p.amountRequested),
      p.submittedByNames.join(', '),
    ]);
    lines.push('Innspill', table(columns, rows), '');
  }
  if (detail.recommendation.length) {
    const columns = [{ header: 'Satsning', max: 50 }, { header: 'År' }, { header: 'Anbefalt', align: 'right' as const }];
    const rows = detail.recommendation.map((line) => [line.name, String(line.year), formatMoney(line.amountRecommended)]);
    lines.push('Anbefaling', table(columns, rows), '');
  }
  if (detail.resolution) lines.push(...resolutionLines(detail));
  if (detail.decisions.length) lines.push('', ...decisionLines(detail));
  return lines;
}

/** All money decided under the case: each figure a decision moved (for an initiative, else the year's total), with the command that explains it. */
function decisionLines(detail: CaseDetail): string[] {
  const columns = [
    { header: 'Dato' },
    { header: 'Pkt.', align: 'right' as const },
    { header: 'Vedtak', max: 70 },
    { header: 'Beløp', align: 'right' as const },
    { header: 'Forklares med' },
  ];
  const rows = detail.decisions.flatMap((decision) => {
    const forInitiative = decision.postings.filter((posting) => posting.scope.startsWith('initiative:'));
    const postings = forInitiative.length > 0 ? forInitiative : decision.postings.filter((posting) => posting.scope === 'total');
    const first = [
      formatDate(decision.effectiveDate),
      decision.authority ? String(decision.authority.pointNumber) : '',
      decision.description.nb,
    ];
    if (postings.length === 0) return [[...first, '', '']];
    return postings.map((posting, index) => [
      ...(index === 0 ? first : ['', '', '']),
      formatMoney(posting.amount),
      `ledger explain ${posting.year} ${posting.figure} ${posting.scope}`,
    ]);
  });
  return ['Penger vedtatt i saken', table(columns, rows)];
}

/** A point's tally as the minutes write it: `alt. 1: 2, alt. 2: 1, blanke: 0` or `ja: 3, nei: 1, blanke: 0`. */
function tallyWords(tally: CaseDetail['tally'][number]): string {
  const word = (key: string) => (key.startsWith('alt:') ? `alt. ${key.slice(4)}` : key === 'yes' ? 'ja' : key === 'no' ? 'nei' : key);
  const entries = Object.entries(tally.counts).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  return [...entries.map(([key, count]) => `${word(key)}: ${count}`), `blanke: ${tally.blank}`].join(', ');
}

function resolutionLines(detail: CaseDetail): string[] {
  const lines = [detail.adopted ? 'Vedtak' : 'Forslag til vedtak'];
  for (const point of detail.resolution?.points ?? []) {
    const adopted = detail.adopted?.points.find((candidate) => candidate.number === point.number);
    const outcome = adopted
      ? ` — ${adopted.outcome === 'adopted' ? 'vedtatt' : 'forkastet'}${adopted.alternativeNumber ? ` (alt. ${adopted.alternativeNumber})` : ''}`
      : '';
    lines.push(`${point.number}. ${point.text}${outcome}`);
    for (const alternative of point.alternatives) lines.push(`   ${alternative.number}) ${alternative.label}`);
    const tally = detail.tally.find((entry) => entry.pointNumber === point.number);
    if (tally && (Object.keys(tally.counts).length > 0 || tally.blank > 0)) lines.push(`   stemmer: ${tallyWords(tally)}`);
  }
  return lines;
}
