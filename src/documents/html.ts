import { createHash } from 'node:crypto';
import { formatDate, formatMoney } from '../shared/format.js';
import { documentReference, type DocumentRequest, type DocumentSource } from './source.js';

/**
 * The printable HTML documents' common parts: one self-contained file (its stylesheet
 * inline, nothing loaded from anywhere), a print stylesheet for A4 with the table headers
 * repeated on every page, and the case number, "per dato", page numbers, log position
 * and hash in the page margins. The stylesheet is allowed by its hash in the
 * Content-Security-Policy it is served with, so no inline style is allowed beyond it.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/**
 * HTML known to be safe: made by the `markup` template, which escapes everything it is
 * given but other safe HTML. A document's text is never written into it any other way.
 */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What the `markup` template takes: text and numbers (escaped), safe HTML (as it is), and lists of them (joined with nothing between). */
export type HtmlValue = SafeHtml | string | number | readonly HtmlValue[];

const htmlOf = (value: HtmlValue): string => {
  if (value instanceof SafeHtml) return value.text;
  if (typeof value === 'string' || typeof value === 'number') return escapeHtml(String(value));
  return value.map(htmlOf).join('');
};

/**
 * A piece of a document's HTML: every value interpolated is escaped unless it is already
 * safe HTML. (Not named `html`: Prettier would reformat the markup inside, and the
 * documents' bytes are part of what verify checks.)
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let text = strings[0]!;
  values.forEach((value, index) => (text += htmlOf(value) + strings[index + 1]!));
  return new SafeHtml(text);
}

/** Pieces of HTML with a separator (text, escaped) between them. */
export function joinHtml(parts: readonly HtmlValue[], separator: string): SafeHtml {
  return new SafeHtml(parts.map(htmlOf).join(escapeHtml(separator)));
}

/** How an amount is printed: `kr 1 000 000`, a dash for nothing, `uten beløp` for an amount not stated. */
export function printedAmount(amount: string | null): string {
  if (amount === null) return 'uten beløp';
  return /^-?0(\.00)?$/.test(amount) ? '–' : formatMoney(amount);
}

/** A table cell holding one figure of the document, marked with its key so verify can read it back. */
export function amountCell(key: string, amount: string | null): SafeHtml {
  return markup`<td class="num" data-figure="${key}">${printedAmount(amount)}</td>`;
}

/** A string for CSS `content`: quotes and backslashes escaped, line breaks and controls left out. */
function cssString(text: string): string {
  // eslint-disable-next-line no-control-regex -- controls cannot stand in a CSS string; they are dropped
  return `"${text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

interface PageMargins {
  /** Top left of every printed page, e.g. `Sak 22.25 · Vedlegg 1`. */
  title: string;
  asOfDate: string;
  position: number;
  hash: string | null;
}

const SCREEN_AND_PRINT = `
:root { color: #1a1a1a; background: #fff; font: 10.5pt/1.4 "Liberation Sans", Arial, Helvetica, sans-serif; }
body { margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 15pt; margin: 0 0 .3rem; }
h2 { font-size: 12pt; margin: 1.4rem 0 .4rem; break-after: avoid; }
.doc-org { font-size: 9pt; color: #4a4a4a; margin: 0 0 .4rem; text-transform: uppercase; letter-spacing: .04em; }
.doc-lead { margin: 0 0 .6rem; }
.source { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .4rem 0 1rem; font-size: 9pt; }
.source dt { font-weight: bold; }
.source dd { margin: 0; overflow-wrap: anywhere; }
code { font: 8.5pt "Liberation Mono", "Courier New", monospace; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
th, td { padding: .22rem .45rem; border-bottom: 1px solid #c8c8c8; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid #1a1a1a; font-size: 9pt; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.area-row th, .area-row td { font-weight: bold; background: #eef1f4; }
.group-row th { font-weight: bold; background: #eef1f4; }
.initiative { padding-left: 1.2rem; font-weight: normal; }
.total-row th, .total-row td { font-weight: bold; border-top: 2px solid #1a1a1a; border-bottom: 2px solid #1a1a1a; }
.frame-sum th, .frame-sum td { font-weight: bold; }
.note { font-size: 9pt; color: #4a4a4a; }
.superseded { color: #595959; text-decoration: line-through; }
.reference { font-size: 8pt; color: #4a4a4a; overflow-wrap: anywhere; border-top: 1px solid #c8c8c8; padding-top: .4rem; margin-top: 1.4rem; }
ol.points > li { margin-bottom: .5rem; }
thead { display: table-header-group; }
tr, li { break-inside: avoid; }
@media print {
  :root { font-size: 9.5pt; }
  body { margin: 0; max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
}`;

/** The stylesheet of a document: the common rules and its page margins. */
function stylesheet(margins: PageMargins): string {
  const margin = (text: string) => `content: ${cssString(text)}; font-size: 7.5pt; color: #4a4a4a;`;
  const source = `Loggposisjon ${margins.position} · hash ${(margins.hash ?? 'ingen').slice(0, 16)}…`;
  return `${SCREEN_AND_PRINT}
@page {
  size: A4 portrait;
  margin: 16mm 14mm 18mm 14mm;
  @top-left { ${margin(margins.title)} }
  @top-right { ${margin(`Per dato ${formatDate(margins.asOfDate)}`)} }
  @bottom-left { ${margin(source)} }
  @bottom-right { content: "Side " counter(page) " av " counter(pages); font-size: 7.5pt; color: #4a4a4a; }
}
`;
}

/** The Content-Security-Policy an HTML document is served with: nothing but its own stylesheet, by its hash. */
export function documentContentSecurityPolicy(html: string): string {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/** The source block every document shows under its heading: per dato, log position, hash. */
export function sourceBlock(source: DocumentSource): SafeHtml {
  const basis = source.basis === 'date' ? 'hendelser med virkning til og med datoen' : 'alt som var registrert';
  return markup`<dl class="source">
<dt>Per dato</dt><dd>${formatDate(source.asOfDate)} (${basis})</dd>
<dt>Loggposisjon</dt><dd>${source.position}</dd>
<dt>Hash</dt><dd><code>${source.hash ?? 'ingen (tom logg)'}</code></dd>
</dl>`;
}

/**
 * A whole document: head with its reference and stylesheet, the body, and the reference
 * printed last; every printed page's margins name it (`marginTitle`) and its source.
 */
export function htmlDocument(options: {
  title: string;
  marginTitle: string;
  request: DocumentRequest;
  source: DocumentSource;
  body: SafeHtml;
}): string {
  const { source } = options;
  const reference = documentReference(options.request, source);
  const margins = { title: options.marginTitle, asOfDate: source.asOfDate, position: source.position, hash: source.hash };
  // The stylesheet is CSS, not HTML: its margin texts are CSS strings (see cssString).
  const style = new SafeHtml(stylesheet(margins));
  return markup`<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="ledger-document" content="${reference}">
<title>${options.title}</title>
<style>${style}</style>
</head>
<body>
${options.body}
<p class="reference">Bygget fra beslutningsregisteret: <code>${reference}</code>. Kontroller at dokumentet stemmer med loggen: <code>ledger document verify FIL</code>.</p>
</body>
</html>
`.text;
}
