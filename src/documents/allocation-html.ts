import { allocationColumns, type AllocationAmounts, type AllocationTable } from '../../projections/allocation.js';
import { allocationKey, columnFigure, correctionNoteKey, correctionNoteText, frameLineKey } from './content.js';
import { amountCell, htmlDocument, joinHtml, markup, printedAmount, sourceBlock, type SafeHtml } from './html.js';
import { openingNoteHtml, organisationLine } from './opening-note.js';
import type { LedgerDocument } from './service.js';

/** The allocation table (vedlegg 1) as a printable HTML page. */

function amountCells(table: AllocationTable, scope: string, amounts: AllocationAmounts): SafeHtml[] {
  return allocationColumns.map((column) => amountCell(allocationKey(table, scope, column), amounts[column]));
}

function row(
  table: AllocationTable,
  rowClass: string,
  headerClass: string,
  name: string,
  scope: string,
  amounts: AllocationAmounts,
): SafeHtml {
  const note = table.corrections.findIndex((correction) => correction.scope === scope);
  const marker = note === -1 ? markup`` : markup`<sup><a href="#rettelse-${note + 1}">${note + 1}</a></sup>`;
  const headerClassAttribute = headerClass ? markup` class="${headerClass}"` : markup``;
  return markup`<tr class="${rowClass}"><th scope="row"${headerClassAttribute}>${name}${marker}</th>${amountCells(table, scope, amounts)}</tr>`;
}

/** The footnotes: each granted figure a later correction changed, with the amount as recorded (a figure verify compares). */
function correctionNotes(table: AllocationTable): SafeHtml {
  if (table.corrections.length === 0) return markup``;
  const notes = table.corrections.map(
    (correction, index) =>
      markup`<li id="rettelse-${index + 1}">${correctionNoteText(table, correction)} Ført: <span data-figure="${correctionNoteKey(table, correction.scope)}">${printedAmount(correction.asRecorded)}</span>.</li>`,
  );
  return markup`<h2>Rettelser</h2>\n<ol class="notes">\n${joinHtml(notes, '\n')}\n</ol>`;
}

function allocationBody(table: AllocationTable): SafeHtml {
  const areas = table.areas.map(
    (area) =>
      markup`<tbody>\n${joinHtml(
        [
          row(table, 'area-row', '', area.name, area.scope, area.amounts),
          ...area.initiatives.map((initiative) =>
            row(table, 'initiative-row', 'initiative', initiative.name, initiative.scope, initiative.amounts),
          ),
        ],
        '\n',
      )}\n</tbody>`,
  );
  const newInitiatives =
    table.newInitiatives.length === 0
      ? markup``
      : markup`<tbody>\n<tr class="group-row"><th scope="rowgroup" colspan="5">Nye satsninger (uten programområde)</th></tr>\n${joinHtml(
          table.newInitiatives.map((initiative) =>
            row(table, 'initiative-row', 'initiative', `Ny: ${initiative.name}`, initiative.scope, initiative.amounts),
          ),
          '\n',
        )}\n</tbody>`;
  const headers = allocationColumns.map((column) => markup`<th scope="col" class="num">${columnFigure(table, column).nb}</th>`);
  return markup`<table class="allocation">
<caption>Fordeling per programområde og satsning</caption>
<thead><tr><th scope="col">Programområde / satsning</th>${headers}</tr></thead>
${joinHtml(areas, '\n')}
${newInitiatives}
<tbody>
${row(table, 'total-row', '', 'Sum', 'total', table.total)}
</tbody>
</table>`;
}

function frameBody(table: AllocationTable): SafeHtml {
  const rows = table.frameLines.map(
    (line) =>
      markup`<tr${line.sum ? markup` class="frame-sum"` : markup``}><th scope="row">${line.label.nb}</th>${amountCell(frameLineKey(table, line.figure), line.amount)}</tr>`,
  );
  return markup`<h2>Ramme ${table.nextYear}</h2>
<table class="frame">
<thead><tr><th scope="col">Post</th><th scope="col" class="num">Beløp</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody>
</table>`;
}

/** The heading of the table: the case's attachment, or the pair of years. */
function allocationTitle(table: AllocationTable): string {
  const years = `rekrutterings- og samhandlingsmidler ${table.nextYear}`;
  return table.caseNumber === null
    ? `Fordeling av ${years} (tildelt ${table.grantedYear})`
    : `Sak ${table.caseNumber}, vedlegg 1: Fordeling av ${years}`;
}

export function allocationHtml(document: LedgerDocument & { content: { kind: 'allocation' } }): string {
  const { table } = document.content;
  const title = allocationTitle(table);
  const lead =
    table.caseNumber === null
      ? `Tildelt ${table.grantedYear}, pågående aktiviteter overført til ${table.nextYear}, innspill og anbefaling for ${table.nextYear}.`
      : `${table.caseTitle ?? ''}. Tildelt ${table.grantedYear}, pågående aktiviteter overført til ${table.nextYear}, innspill og anbefaling for ${table.nextYear}.`;
  const body = markup`<header>
<p class="doc-org">${organisationLine(document.organisation)}</p>
<h1>${title}</h1>
<p class="doc-lead">${lead}</p>
${sourceBlock(document.source)}
</header>
${allocationBody(table)}
${correctionNotes(table)}
${frameBody(table)}
${openingNoteHtml(document.opening)}
<p class="note">Et beløp vises som «–» når det er null, og «uten beløp» når innspillet ikke oppga noe beløp. Hvert beløp er en post i registeret og kan forklares med <code>ledger explain</code>. «Tildelt» omfatter også forpliktelser fra tidligere vedtak og tildelinger fra fond; «Buffer» er rammen minus avsetning til fond, forpliktelser og det anbefalte (eller tildelte, om det er mer).</p>`;
  return htmlDocument({
    title,
    marginTitle: table.caseNumber === null ? `Fordeling ${table.grantedYear}–${table.nextYear}` : `Sak ${table.caseNumber} · Vedlegg 1`,
    request: document.request,
    source: document.source,
    body,
  });
}
