import type { PointAuthority, ResolutionPoint, VoteChoice } from '../../events/case-events.js';
import type { CaseSummary } from '../../projections/case-summary.js';
import { moneyKindLabels, moneyTotalKinds, moneyLineKey, moneyTotalKey, proposalKey, recommendationKey } from './content.js';
import { formatDate } from '../shared/format.js';
import { amountCell, htmlDocument, joinHtml, markup, printedAmount, sourceBlock, type SafeHtml } from './html.js';
import { organisationLine } from './opening-note.js';
import type { LedgerDocument } from './service.js';

/** The case summary as a printable HTML page: what the case asked, how it was voted and decided, and the money it decided. */

const decidedByText = { consensus: 'i konsensus', unanimous: 'enstemmig', majority: 'med flertall' } as const;

function choiceText(point: ResolutionPoint | undefined, choice: VoteChoice): string {
  if ('answer' in choice) return { yes: 'Ja', no: 'Nei', blank: 'Blank' }[choice.answer];
  const label = point?.alternatives.find((alternative) => alternative.number === choice.alternativeNumber)?.label;
  return label ?? `Alternativ ${choice.alternativeNumber}`;
}

function authorityText(authority: PointAuthority | undefined): string {
  if (!authority) return 'Hjemmel ikke oppgitt';
  switch (authority.kind) {
    case 'none':
      return 'Gir ikke hjemmel for midler';
    case 'recommendation':
      return 'Hjemmel for anbefalingens linjer';
    case 'allocation':
      return `Hjemmel for egen fordelingstabell (${authority.lines.length} linjer, ${authority.fundedBy === 'frame' ? 'fra rammen' : 'fra fond'})`;
    case 'reserve-fund':
      return `Hjemmel for fond i ${authority.year}`;
    default: {
      const exhaustive: never = authority;
      return exhaustive;
    }
  }
}

const numeric = (header: string) => (/Beløp|Innspill|Anbefalt/.test(header) ? markup` class="num"` : markup``);

const table = (caption: string, headers: string[], rows: SafeHtml[]) =>
  markup`<table><caption>${caption}</caption>
<thead><tr>${headers.map((header) => markup`<th scope="col"${numeric(header)}>${header}</th>`)}</tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody></table>`;

function proposalsPart(summary: CaseSummary): SafeHtml {
  if (summary.proposals.length === 0) return markup`<h2>Innspill</h2><p>Ingen innspill.</p>`;
  const rows = summary.proposals.map(
    (proposal) =>
      markup`<tr><th scope="row">${proposal.name}</th><td>${proposal.submittedBy.join(', ')}</td><td>${proposal.year}</td>${amountCell(proposalKey(proposal), proposal.amountRequested)}<td>${proposal.description ?? ''}</td></tr>`,
  );
  return markup`<h2>Innspill</h2>${table('Innspill fra partnerne', ['Satsning', 'Innsendt av', 'År', 'Innspill', 'Beskrivelse'], rows)}`;
}

function recommendationPart(summary: CaseSummary): SafeHtml {
  if (summary.recommendation.length === 0) return markup`<h2>Anbefaling</h2><p>Ingen anbefaling.</p>`;
  const rows = summary.recommendation.map(
    (line) =>
      markup`<tr><th scope="row">${line.name}</th><td>${line.year}</td>${amountCell(recommendationKey(line), line.amountRecommended)}</tr>`,
  );
  return markup`<h2>Anbefaling</h2>${table('Sekretariatets anbefaling', ['Satsning', 'År', 'Anbefalt'], rows)}`;
}

/** An alternative's amount after its label, unless the label already says it. */
function alternativeAmount(alternative: { label: string; amount: string | null }): string {
  if (alternative.amount === null) return '';
  const printed = printedAmount(alternative.amount);
  return alternative.label.replace(/\s/g, ' ').includes(printed.replace(/\s/g, ' ')) ? '' : ` (${printed})`;
}

function resolutionPart(summary: CaseSummary): SafeHtml {
  if (!summary.resolution) return markup`<h2>Forslag til vedtak</h2><p>Intet forslag til vedtak.</p>`;
  const points = summary.resolution.map((point) => {
    const alternatives = point.alternatives.map((alternative) => markup`<li>${alternative.label}${alternativeAmount(alternative)}</li>`);
    return markup`<li value="${point.number}"><p>${point.text}</p>${alternatives.length > 0 ? markup`<ul>${alternatives}</ul>` : markup``}<p class="note">${authorityText(point.authorises)}</p></li>`;
  });
  return markup`<h2>Forslag til vedtak</h2><ol class="points">${joinHtml(points, '\n')}</ol>`;
}

function votesPart(summary: CaseSummary): SafeHtml {
  if (summary.votes.length === 0) return markup`<h2>Stemmer</h2><p>Ingen stemmer registrert.</p>`;
  const point = (number: number) => summary.resolution?.find((candidate) => candidate.number === number);
  const rows = summary.votes.map(
    (vote) =>
      markup`<tr${vote.superseded ? markup` class="superseded"` : markup``}><th scope="row">${vote.memberName}</th><td>${vote.pointNumber}</td><td>${choiceText(point(vote.pointNumber), vote.choice)}${vote.superseded ? ' (erstattet)' : ''}</td><td>${formatDate(vote.effectiveDate)}</td></tr>`,
  );
  const tally = summary.tally.map((entry) => {
    const counted = Object.entries(entry.counts).map(([key, count]): [VoteChoice, number] => [
      key.startsWith('alt:') ? { alternativeNumber: Number(key.slice(4)) } : { answer: key as 'yes' | 'no' },
      count,
    ]);
    if (entry.blank > 0) counted.push([{ answer: 'blank' }, entry.blank]);
    const counts = counted.map(([choice, count]) => `${choiceText(point(entry.pointNumber), choice)}: ${count}`);
    return markup`<tr><th scope="row">Punkt ${entry.pointNumber}</th><td>${counts.length > 0 ? counts.join('; ') : 'ingen stemmer'}</td></tr>`;
  });
  return markup`<h2>Stemmer</h2>${table('Stemmer (en erstattet stemme er overstrøket)', ['Medlem', 'Punkt', 'Stemme', 'Dato'], rows)}${table('Opptelling (siste stemme per medlem)', ['Punkt', 'Stemmer'], tally)}`;
}

function adoptionPart(summary: CaseSummary): SafeHtml {
  const adopted = summary.adopted;
  if (!adopted) return markup`<h2>Vedtak</h2><p>Saken er ikke avgjort.</p>`;
  const points = adopted.points.map((entry) => {
    const point = summary.resolution?.find((candidate) => candidate.number === entry.number);
    const alternative =
      entry.alternativeNumber === undefined ? '' : `: ${choiceText(point, { alternativeNumber: entry.alternativeNumber })}`;
    const amendments = (entry.amendments ?? []).map(
      (line) =>
        `${'initiativeId' in line.target ? line.target.initiativeId : line.target.proposalId} ${line.year}: ${printedAmount(line.amount)}`,
    );
    return markup`<li value="${entry.number}">${entry.outcome === 'adopted' ? 'Vedtatt' : 'Ikke vedtatt'}${alternative}${entry.decidedBy ? ` (${decidedByText[entry.decidedBy]})` : ''}${amendments.length > 0 ? `. Endret i møtet: ${amendments.join('; ')}` : ''}</li>`;
  });
  const dissent = adopted.dissent.map((entry) => `${entry.memberName} (punkt ${entry.pointNumber})`);
  return markup`<h2>Vedtak</h2>
<p>Vedtatt ${decidedByText[adopted.decidedBy]} ${formatDate(adopted.effectiveDate)}.</p>
<ol class="points">${joinHtml(points, '\n')}</ol>
<p><strong>Dissens:</strong> ${dissent.length > 0 ? dissent.join(', ') : 'ingen'}.</p>
${adopted.notes ? markup`<p><strong>Merknader:</strong> ${adopted.notes}</p>` : markup``}`;
}

function moneyPart(document: LedgerDocument, summary: CaseSummary): SafeHtml {
  const heading = markup`<h2>Midler vedtatt under saken</h2>`;
  if (summary.money.length === 0) return markup`${heading}<p>Ingen tildelinger, endringer, frigjøringer eller fond viser til saken.</p>`;
  const rows = summary.money.map((line) => {
    const words = document.descriptions.get(line.position)?.nb ?? '';
    return markup`<tr><td>${line.position}</td><td>${moneyKindLabels[line.kind].nb}</td><td>${line.year}</td><th scope="row">${line.name}</th><td>${words}</td>${amountCell(moneyLineKey(line), line.amount)}</tr>`;
  });
  const kinds = moneyTotalKinds(summary);
  const totals = kinds.map(
    (kind) =>
      markup`<tr class="${kind === 'total' ? 'total-row' : 'frame-sum'}"><th scope="row" colspan="5">${moneyKindLabels[kind].nb}</th>${amountCell(moneyTotalKey(kind), summary.moneyTotals[kind])}</tr>`,
  );
  return markup`${heading}${table('Tildelinger, endringer, frigjøringer og fond som viser til saken', ['Pos.', 'Hva', 'År', 'Satsning', 'Hendelse', 'Beløp'], [...rows, ...totals])}`;
}

export function caseSummaryHtml(document: LedgerDocument & { content: { kind: 'case-summary' } }): string {
  const { summary } = document.content;
  const title = `Sak ${summary.caseNumber}: ${summary.title}`;
  const body = markup`<header>
<p class="doc-org">${organisationLine(document.organisation)}</p>
<h1>${title}</h1>
<p class="doc-lead">Saksammendrag. Møtedato ${formatDate(summary.meetingDate)}.</p>
${sourceBlock(document.source)}
</header>
${proposalsPart(summary)}
${recommendationPart(summary)}
${resolutionPart(summary)}
${votesPart(summary)}
${adoptionPart(summary)}
${moneyPart(document, summary)}`;
  return htmlDocument({
    title,
    marginTitle: `Sak ${summary.caseNumber} · Saksammendrag`,
    request: document.request,
    source: document.source,
    body,
  });
}
