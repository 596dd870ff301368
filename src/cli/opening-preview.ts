import { roleLabels } from '../opening/preview.js';
import type { OpeningPreview } from '../opening/opening-import.js';
import { problemText } from '../opening/sheet-problems.js';
import { table } from './format.js';
import { formatDate, formatMoney } from '../shared/format.js';

/**
 * An opening balance's preview as the CLI prints it: where it comes from, how the sheet's
 * columns are read, every programme area and initiative with what it matched, what is left
 * out, every figure, and what recording it would register.
 */

const statusText = (status: 'known' | 'new', suggestions: string[]) =>
  status === 'known'
    ? 'kjent'
    : `ny, registreres${suggestions.length > 0 ? ` (ligner ${suggestions.map((name) => `«${name}»`).join(', ')})` : ''}`;

function sourceLine(preview: OpeningPreview): string {
  const { source } = preview;
  const from = source
    ? `«${source.document}»${source.caseNumber ? `, sak ${source.caseNumber}` : ''}, ${formatDate(source.date)}`
    : '(kilde mangler)';
  const layout = preview.layout === 'ledger' ? 'registerets egen fordelingstabell' : 'eget ark';
  return [
    `Inngående balanse ${preview.year} fra ${from}`,
    `Fil: ${preview.fileName} (${preview.format.toUpperCase()}, ${layout}; ark «${preview.sheetName}», overskrift på linje ${preview.headerLine})`,
  ].join('\n');
}

function linesPart(preview: OpeningPreview): string[] {
  const parts = [
    table(
      [{ header: 'Kolonne' }, { header: 'Overskrift', max: 45 }, { header: 'Leses som' }],
      preview.mapping.map((entry) => [entry.column, entry.header, roleLabels[entry.role].nb]),
    ),
  ];
  if (preview.areas.length > 0)
    parts.push(
      table(
        [{ header: 'Linje', align: 'right' }, { header: 'Programområde', max: 50 }, { header: 'Id' }, { header: 'Status' }],
        preview.areas.map((area) => [String(area.line), area.name, area.id, statusText(area.status, area.suggestions)]),
      ),
    );
  parts.push(
    table(
      [
        { header: 'Linje', align: 'right' },
        { header: 'Satsning', max: 50 },
        { header: 'Id', max: 30 },
        { header: 'Øremerket', align: 'right' },
        { header: `Tildelt ${preview.year - 1}`, align: 'right' },
        { header: 'Sak' },
        { header: 'Status' },
      ],
      preview.initiatives.map((line) => [
        String(line.line),
        line.name,
        line.id,
        formatMoney(line.earmarked),
        line.previousGranted === null ? '' : formatMoney(line.previousGranted),
        line.grantedBy
          ? `${line.grantedBy.caseNumber}${line.grantedBy.pointNumber === undefined ? '' : `/${line.grantedBy.pointNumber}`}`
          : '',
        statusText(line.status, line.suggestions),
      ]),
    ),
  );
  for (const row of preview.skipped) parts.push(`Ikke med: linje ${row.line} «${row.name}» — ${row.nb}`);
  if (preview.commitments.length > 0)
    parts.push(
      table(
        [
          { header: 'Linje', align: 'right' },
          { header: 'Forpliktelse' },
          { header: 'År' },
          { header: 'Beløp', align: 'right' },
          { header: 'Vedtak' },
        ],
        preview.commitments.map((line) => [
          String(line.line),
          line.name,
          String(line.year),
          formatMoney(line.amount),
          `${line.authority.caseNumber}/${line.authority.pointNumber}`,
        ]),
      ),
    );
  return parts;
}

function figuresPart(preview: OpeningPreview): string {
  const { figures, year } = preview;
  const funds =
    figures.received === null
      ? []
      : [
          [
            `Mottatt ${year} (i arket)`,
            `${formatMoney(figures.received)}${figures.funds === 'none' ? ' — registreres ikke (--funds received eller expected)' : figures.funds === 'received' ? ' — registreres som mottatt' : ' — registreres som forventet tilskudd'}`,
          ],
        ];
  return table(
    [{ header: 'Post' }, { header: 'Beløp' }],
    [
      ['Gjenstående fra i fjor', formatMoney(figures.remainderCarriedIn)],
      ['Frigjort fra i fjor', formatMoney(figures.releasedCarriedIn)],
      ['Fond fra i fjor', formatMoney(figures.reserveFundBalance)],
      ['Øremerket fra i fjor', formatMoney(figures.earmarkedTotal)],
      [`Tildelt ${year - 1} (sammenligning)`, formatMoney(figures.previousYearGrantedTotal)],
      ['Forpliktet fra tidligere vedtak', formatMoney(figures.committedTotal)],
      ...funds,
      [`Justert ramme ${year}`, formatMoney(figures.frame)],
    ],
  );
}

/** What recording would register, in words. */
function recordsLine(preview: OpeningPreview): string {
  const count = (type: string) => preview.commands.filter((command) => command.type === type).length;
  return `Registreres: ${count('RegisterProgrammeArea')} nye programområder, ${count('RegisterInitiative')} nye satsninger og den inngående balansen (${preview.commands.length} kommandoer).`;
}

export function previewText(preview: OpeningPreview): string {
  return [
    sourceLine(preview),
    ...linesPart(preview),
    figuresPart(preview),
    ...(preview.problems.length === 0 ? [recordsLine(preview)] : []),
  ].join('\n\n');
}

export function problemsText(preview: OpeningPreview): string {
  return [
    'arket kan ikke importeres som det er:',
    ...preview.problems.map((problem) => `  ${problemText(problem, 'nb')}`),
    'Ingenting er registrert.',
  ].join('\n');
}
