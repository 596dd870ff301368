import type { PointAuthority, ResolutionPoint, VoteChoice } from '../../events/case-events.js';
import type { CaseSummary } from '../../projections/case-summary.js';
import { moneyKindLabels, moneyTotalKinds, moneyLineKey, moneyTotalKey, proposalKey, recommendationKey } from './content.js';
import { formatDate } from '../shared/format.js';
import { amountCell, escapeHtml, htmlDocument, printedAmount, sourceBlock } from './html.js';
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

const table = (caption: string, headers: string[], rows: string[]) =>
  `<table><caption>${escapeHtml(caption)}</caption>
<thead><tr>${headers.map((header) => `<th scope="col"${/Beløp|Innspill|Anbefalt/.test(header) ? ' class="num"' : ''}>${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;

function proposalsPart(summary: CaseSummary): string {
  if (summary.proposals.length === 0) return '<h2>Innspill</h2><p>Ingen innspill.</p>';
  const rows = summary.proposals.map(
    (proposal) =>
      `<tr><th scope="row">${escapeHtml(proposal.name)}</th><td>${escapeHtml(proposal.submittedBy.join(', '))}</td><td>${proposal.year}</td>${amountCell(proposalKey(proposal), proposal.amountRequested)}<td>${escapeHtml(proposal.description ?? '')}</td></tr>`,
  );
  return `<h2>Innspill</h2>${table('Innspill fra partnerne', ['Satsning', 'Innsendt av', 'År', 'Innspill', 'Beskrivelse'], rows)}`;
}

function recommendationPart(summary: CaseSummary): string {
  if (summary.recommendation.length === 0) return '<h2>Anbefaling</h2><p>Ingen anbefaling.</p>';
  const rows = summary.recommendation.map(
    (line) =>
      `<tr><th scope="row">${escapeHtml(line.name)}</th><td>${line.year}</td>${amountCell(recommendationKey(line), line.amountRecommended)}</tr>`,
  );
  return `<h2>Anbefaling</h2>${table('Sekretariatets anbefaling', ['Satsning', 'År', 'Anbefalt'], rows)}`;
}

function resolutionPart(summary: CaseSummary): string {
  if (!summary.resolution) return '<h2>Forslag til vedtak</h2><p>Intet forslag til vedtak.</p>';
  const points = summary.resolution.map((point) => {
    const alternatives = point.alternatives.map(
      (alternative) =>
        `<li>${escapeHtml(alternative.label)}${alternative.amount === null || alternative.label.replace(/\s/g, ' ').includes(printedAmount(alternative.amount).replace(/\s/g, ' ')) ? '' : ` (${escapeHtml(printedAmount(alternative.amount))})`}</li>`,
    );
    return `<li value="${point.number}"><p>${escapeHtml(point.text)}</p>${alternatives.length > 0 ? `<ul>${alternatives.join('')}</ul>` : ''}<p class="note">${escapeHtml(authorityText(point.authorises))}</p></li>`;
  });
  return `<h2>Forslag til vedtak</h2><ol class="points">${points.join('\n')}</ol>`;
}

function votesPart(summary: CaseSummary): string {
  if (summary.votes.length === 0) return '<h2>Stemmer</h2><p>Ingen stemmer registrert.</p>';
  const point = (number: number) => summary.resolution?.find((candidate) => candidate.number === number);
  const rows = summary.votes.map(
    (vote) =>
      `<tr${vote.superseded ? ' class="superseded"' : ''}><th scope="row">${escapeHtml(vote.memberName)}</th><td>${vote.pointNumber}</td><td>${escapeHtml(choiceText(point(vote.pointNumber), vote.choice))}${vote.superseded ? ' (erstattet)' : ''}</td><td>${formatDate(vote.effectiveDate)}</td></tr>`,
  );
  const tally = summary.tally.map((entry) => {
    const counted = Object.entries(entry.counts).map(([key, count]): [VoteChoice, number] => [
      key.startsWith('alt:') ? { alternativeNumber: Number(key.slice(4)) } : { answer: key as 'yes' | 'no' },
      count,
    ]);
    if (entry.blank > 0) counted.push([{ answer: 'blank' }, entry.blank]);
    const counts = counted.map(([choice, count]) => `${escapeHtml(choiceText(point(entry.pointNumber), choice))}: ${count}`);
    return `<tr><th scope="row">Punkt ${entry.pointNumber}</th><td>${counts.length > 0 ? counts.join('; ') : 'ingen stemmer'}</td></tr>`;
  });
  return `<h2>Stemmer</h2>${table('Stemmer (en erstattet stemme er overstrøket)', ['Medlem', 'Punkt', 'Stemme', 'Dato'], rows)}${table('Opptelling (siste stemme per medlem)', ['Punkt', 'Stemmer'], tally)}`;
}

function adoptionPart(summary: CaseSummary): string {
  const adopted = summary.adopted;
  if (!adopted) return '<h2>Vedtak</h2><p>Saken er ikke avgjort.</p>';
  const points = adopted.points.map((entry) => {
    const point = summary.resolution?.find((candidate) => candidate.number === entry.number);
    const alternative =
      entry.alternativeNumber === undefined ? '' : `: ${escapeHtml(choiceText(point, { alternativeNumber: entry.alternativeNumber }))}`;
    const amendments = (entry.amendments ?? []).map(
      (line) =>
        `${'initiativeId' in line.target ? line.target.initiativeId : line.target.proposalId} ${line.year}: ${printedAmount(line.amount)}`,
    );
    return `<li value="${entry.number}">${entry.outcome === 'adopted' ? 'Vedtatt' : 'Ikke vedtatt'}${alternative}${entry.decidedBy ? ` (${decidedByText[entry.decidedBy]})` : ''}${amendments.length > 0 ? `. Endret i møtet: ${escapeHtml(amendments.join('; '))}` : ''}</li>`;
  });
  const dissent = adopted.dissent.map((entry) => `${escapeHtml(entry.memberName)} (punkt ${entry.pointNumber})`);
  return `<h2>Vedtak</h2>
<p>Vedtatt ${decidedByText[adopted.decidedBy]} ${formatDate(adopted.effectiveDate)}.</p>
<ol class="points">${points.join('\n')}</ol>
<p><strong>Dissens:</strong> ${dissent.length > 0 ? dissent.join(', ') : 'ingen'}.</p>
${adopted.notes ? `<p><strong>Merknader:</strong> ${escapeHtml(adopted.notes)}</p>` : ''}`;
}

function moneyPart(document: LedgerDocument, summary: CaseSummary): string {
  const heading = '<h2>Midler vedtatt under saken</h2>';
  if (summary.money.length === 0) return `${heading}<p>Ingen tildelinger, endringer, frigjøringer eller fond viser til saken.</p>`;
  const rows = summary.money.map((line) => {
    const words = document.descriptions.get(line.position)?.nb ?? '';
    return `<tr><td>${line.position}</td><td>${escapeHtml(moneyKindLabels[line.kind].nb)}</td><td>${line.year}</td><th scope="row">${escapeHtml(line.name)}</th><td>${escapeHtml(words)}</td>${amountCell(moneyLineKey(line), line.amount)}</tr>`;
  });
  const kinds = moneyTotalKinds(summary);
  const totals = kinds.map(
    (kind) =>
      `<tr class="${kind === 'total' ? 'total-row' : 'frame-sum'}"><th scope="row" colspan="5">${escapeHtml(moneyKindLabels[kind].nb)}</th>${amountCell(moneyTotalKey(kind), summary.moneyTotals[kind])}</tr>`,
  );
  return `${heading}${table('Tildelinger, endringer, frigjøringer og fond som viser til saken', ['Pos.', 'Hva', 'År', 'Satsning', 'Hendelse', 'Beløp'], [...rows, ...totals])}`;
}

export function caseSummaryHtml(document: LedgerDocument & { content: { kind: 'case-summary' } }): string {
  const { summary } = document.content;
  const title = `Sak ${summary.caseNumber}: ${summary.title}`;
  const body = `<header>
<p class="doc-org">${escapeHtml(organisationLine(document.organisation))}</p>
<h1>${escapeHtml(title)}</h1>
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
    margins: {
      title: `Sak ${summary.caseNumber} · Saksammendrag`,
      asOfDate: document.source.asOfDate,
      position: document.source.position,
      hash: document.source.hash,
    },
    request: document.request,
    source: document.source,
    body,
  });
}
