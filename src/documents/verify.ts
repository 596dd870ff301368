import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { formatAmount, money } from '../domain/money.js';
import { formatMoney } from '../shared/format.js';
import { figuresOf } from './content.js';
import { allocationCsvFigures, csvSource, readCsv } from './csv.js';
import { readGiving360Csv, readGiving360Json } from './giving360.js';
import type { DocumentFormat } from './formats.js';
import type { DocumentService } from './service.js';
import {
  DocumentReadError,
  documentReference,
  parseDocumentReference,
  type DocumentFigure,
  type DocumentRequest,
  type DocumentSource,
} from './source.js';
import { readAllocationXlsx } from './xlsx.js';

/**
 * Verifying a document: read the file back (whichever format the ledger wrote it in),
 * rebuild the document from the log at the position it names, and compare figure by
 * figure. The answer names the first figure that differs, or says that all match.
 */

interface ReadDocument {
  format: DocumentFormat;
  request: DocumentRequest;
  source: DocumentSource;
  figures: DocumentFigure[];
  funderId?: string;
}

type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

function textOf(node: ParentNode): string {
  return node.childNodes
    .map((child) => ('value' in child && child.nodeName === '#text' ? child.value : 'childNodes' in child ? textOf(child) : ''))
    .join('');
}

function* elements(node: ParentNode): Generator<Element> {
  for (const child of node.childNodes)
    if ('tagName' in child) {
      yield child;
      yield* elements(child);
    }
}

/** An amount as the HTML prints it (`kr 1 000 000`, `–`, `uten beløp`), as a decimal string; null for none stated. */
function amountOfPrinted(text: string, where: string): string | null {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === 'uten beløp') return null;
  if (trimmed === '–' || trimmed === '-') return '0.00';
  const match = /^(\u2212|-)?kr ([\d ]+)(?:,(\d{2}))?$/.exec(trimmed);
  if (!match) throw new DocumentReadError(`${where} reads "${trimmed}", which is not an amount`);
  return formatAmount(money(`${match[1] ? '-' : ''}${match[2]!.replace(/ /g, '')}.${match[3] ?? '00'}`));
}

function readHtml(text: string): ReadDocument {
  const document = parse(text);
  let reference: string | null = null;
  const figures: DocumentFigure[] = [];
  for (const element of elements(document)) {
    const attribute = (name: string) => element.attrs.find((attr) => attr.name === name)?.value;
    if (element.tagName === 'meta' && attribute('name') === 'ledger-document') reference = attribute('content') ?? null;
    const key = attribute('data-figure');
    if (key !== undefined) figures.push({ key, label: key, amount: amountOfPrinted(textOf(element), `the figure ${key}`) });
  }
  if (reference === null) throw new DocumentReadError('the HTML carries no ledger-document reference');
  return { format: 'html', ...parseDocumentReference(reference), figures };
}

const isXlsx = (bytes: Buffer) => bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

/** Reads a file the ledger wrote, in whichever of its formats; anything else is a DocumentReadError saying why. */
async function readDocument(bytes: Buffer): Promise<ReadDocument> {
  try {
    return await readAnyFormat(bytes);
  } catch (error: unknown) {
    if (error instanceof DocumentReadError) throw error;
    throw new DocumentReadError(
      `the file could not be read as a document of the ledger: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function readAnyFormat(bytes: Buffer): Promise<ReadDocument> {
  if (isXlsx(bytes)) return { format: 'xlsx', ...(await readAllocationXlsx(bytes)) };
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('{')) return { format: '360giving-json', ...readGiving360Json(text) };
  if (/^<(!doctype html|html)/i.test(start)) return readHtml(text);
  try {
    const records = readCsv(text);
    if (records[0] && 'Amount Awarded' in records[0]) return { format: '360giving-csv', ...readGiving360Csv(text) };
    return { format: 'csv', ...csvSource(records), figures: allocationCsvFigures(records) };
  } catch (error: unknown) {
    if (!(error instanceof DocumentReadError)) throw error;
    throw new DocumentReadError(`the file is not a document the ledger wrote (HTML, CSV, XLSX or 360Giving JSON): ${error.message}`);
  }
}

interface FigureDifference {
  key: string;
  label: string;
  /** As the file states it (null: no amount stated; undefined: the file lacks the figure). */
  inFile: string | null | undefined;
  /** As the log gives it (undefined: the ledger has no such figure). */
  inLedger: string | null | undefined;
}

/** One figure of the document beside the log's: what a reader checks the document by, line by line. */
interface FigureCheck {
  key: string;
  label: string;
  /** As the file states it (null: no amount stated); absent when the file lacks the figure. */
  inFile?: string | null;
  /** As the log gives it (null: no amount stated); absent when the ledger has no such figure. */
  inLedger?: string | null;
  matches: boolean;
}

export interface Verification {
  matches: boolean;
  format: DocumentFormat;
  reference: string;
  request: DocumentRequest;
  source: DocumentSource;
  /** How many figures were compared. */
  checked: number;
  firstDifference: FigureDifference | null;
  /** Every figure of the file beside the log's, in the file's order, then any the file lacks. */
  figures: FigureCheck[];
  /** Why the log could not rebuild the document (its event changed or is gone). */
  logProblem: string | null;
  laterEventsByDate: number;
  /** The answer in words (Norwegian), for the CLI and the page. */
  message: string;
}

const AMOUNT = /^-?\d{1,16}(\.\d{1,2})?$/;

/** Whether two amounts are the same; a text that is not an amount is the same as nothing. */
const sameAmount = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : AMOUNT.test(a) && AMOUNT.test(b) && money(a).equals(money(b));

/** The first figure that differs: in the file's order, then any figure the file lacks. */
function firstDifference(inFile: DocumentFigure[], rebuilt: DocumentFigure[]): FigureDifference | null {
  const ledger = new Map(rebuilt.map((figure) => [figure.key, figure]));
  const seen = new Set<string>();
  for (const figure of inFile) {
    const expected = ledger.get(figure.key);
    const label = expected?.label ?? figure.label;
    if (seen.has(figure.key))
      return { key: figure.key, label: `${label} (står to ganger i filen)`, inFile: figure.amount, inLedger: expected?.amount };
    seen.add(figure.key);
    if (!expected || !sameAmount(figure.amount, expected.amount))
      return { key: figure.key, label, inFile: figure.amount, inLedger: expected?.amount };
  }
  const missing = rebuilt.find((figure) => !seen.has(figure.key));
  return missing ? { key: missing.key, label: missing.label, inFile: undefined, inLedger: missing.amount } : null;
}

/** Every figure, in the file's order (a figure stated twice is a mismatch the second time), then those the file lacks. */
function figureChecks(inFile: DocumentFigure[], rebuilt: DocumentFigure[]): FigureCheck[] {
  const ledger = new Map(rebuilt.map((figure) => [figure.key, figure]));
  const seen = new Set<string>();
  const checks: FigureCheck[] = inFile.map((figure) => {
    const expected = ledger.get(figure.key);
    const twice = seen.has(figure.key);
    seen.add(figure.key);
    return {
      key: figure.key,
      label: `${expected?.label ?? figure.label}${twice ? ' (står to ganger i filen)' : ''}`,
      inFile: figure.amount,
      ...(expected ? { inLedger: expected.amount } : {}),
      matches: !twice && expected !== undefined && sameAmount(figure.amount, expected.amount),
    };
  });
  for (const figure of rebuilt)
    if (!seen.has(figure.key)) checks.push({ key: figure.key, label: figure.label, inLedger: figure.amount, matches: false });
  return checks;
}

const shown = (amount: string | null | undefined, absent: string) =>
  amount === undefined
    ? absent
    : amount === null
      ? 'uten beløp'
      : AMOUNT.test(amount)
        ? formatMoney(amount).replace(/\u00a0/g, ' ')
        : `«${amount}»`;

function messageOf(verification: Omit<Verification, 'message'>): string {
  const at = `loggen til og med posisjon ${verification.source.position}`;
  if (verification.logProblem) return `Stemmer ikke: ${verification.logProblem}.`;
  const later =
    verification.laterEventsByDate > 0
      ? ` Merk: ${verification.laterEventsByDate} hendelse(r) registrert senere har virkning innen ${verification.source.asOfDate}; registeret per den datoen er endret siden dokumentet ble laget.`
      : '';
  const difference = verification.firstDifference;
  if (!difference) return `Stemmer: alle ${verification.checked} tall i filen er de samme som ${at} gir.${later}`;
  return `Stemmer ikke med ${at}: første avvik er ${difference.label} — ${shown(difference.inFile, 'mangler')} i filen, ${shown(difference.inLedger, 'finnes ikke')} i registeret (${difference.key}).${later}`;
}

/** Verifies a file against the log: rebuilt at the position it names, compared figure by figure. */
export async function verifyDocument(
  service: DocumentService,
  bytes: Buffer,
  authorise: (request: DocumentRequest) => void = () => {},
): Promise<Verification> {
  const read = await readDocument(bytes);
  // Who may read what the document shows is checked before anything is rebuilt or told.
  authorise(read.request);
  const rebuilt = await service.rebuild(read.request, read.source);
  const expected = rebuilt.document
    ? figuresOf(rebuilt.document.content, read.funderId === undefined ? rebuilt.document.funder : { id: read.funderId })
    : [];
  const difference = rebuilt.document ? firstDifference(read.figures, expected) : null;
  const figures = rebuilt.document
    ? figureChecks(read.figures, expected)
    : read.figures.map((figure) => ({ key: figure.key, label: figure.label, inFile: figure.amount, matches: false }));
  const verification = {
    matches: rebuilt.document !== null && difference === null,
    format: read.format,
    reference: documentReference(read.request, read.source),
    request: read.request,
    source: read.source,
    checked: read.figures.length,
    firstDifference: difference,
    figures,
    logProblem: rebuilt.logProblem,
    laterEventsByDate: rebuilt.laterEventsByDate,
  };
  return { ...verification, message: messageOf(verification) };
}
