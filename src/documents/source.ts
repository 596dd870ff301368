import { isIsoDate } from '../shared/format.js';

/**
 * What every document the ledger prints or exports carries: which document it is (its
 * request), and where in the log it was built from (its source). With both, the document
 * can be rebuilt from the log and compared, figure by figure (see verify.ts).
 */

/** Which document: the allocation table of a case or of a pair of years, a case summary, or the grants. */
export type DocumentRequest =
  | { kind: 'allocation'; caseNumber: string }
  | { kind: 'allocation'; grantedYear: number }
  | { kind: 'case-summary'; caseNumber: string }
  | { kind: 'grants' };

/**
 * Where a document was built from:
 * - `basis: 'position'`: the ledger as recorded up to log position `position` (a document of
 *   the ledger now is one of its head);
 * - `basis: 'date'`: the events that had taken effect by the end of `asOfDate`, of those
 *   recorded up to `position` (a decision recorded later with an earlier date does not
 *   change the document; it changes the ledger as of that date, which verify says).
 * `position` is the last event the document includes, `hash` that event's hash in its
 * stream's chain (null for an empty log). `asOfDate` is the date printed as "per dato".
 */
export interface DocumentSource {
  asOfDate: string;
  basis: 'date' | 'position';
  position: number;
  hash: string | null;
}

/** One figure a document shows: where it is kept, what it is called, and its amount (null: no amount stated). */
export interface DocumentFigure {
  /** `${scope}|${figure}|${year}`, e.g. `initiative:vip|granted|2024`. */
  key: string;
  label: string;
  amount: string | null;
}

/** A document reference's first word: what kind of text it is, and its version. */
const DOCUMENT_REFERENCE_MARK = 'hfi-ledger-document/1';

/** The request as written in a document: `allocation case=22.25`, `allocation years=2024,2025`, `case-summary case=22.25`, `grants`. */
export function requestText(request: DocumentRequest): string {
  if (request.kind === 'grants') return 'grants';
  if ('caseNumber' in request) return `${request.kind} case=${request.caseNumber}`;
  return `allocation years=${request.grantedYear},${request.grantedYear + 1}`;
}

/**
 * The one line that names a document and its source, printed in every format:
 * `hfi-ledger-document/1 allocation case=22.25 as-of=2025-09-17 basis=date position=87 hash=3f…`.
 */
export function documentReference(request: DocumentRequest, source: DocumentSource): string {
  return [
    DOCUMENT_REFERENCE_MARK,
    requestText(request),
    `as-of=${source.asOfDate}`,
    `basis=${source.basis}`,
    `position=${source.position}`,
    `hash=${source.hash ?? 'none'}`,
  ].join(' ');
}

/** Why a text is not a document reference; verify says it in its answer. */
export class DocumentReadError extends Error {
  readonly code = 'not-a-ledger-document';
  constructor(message: string) {
    super(message);
    this.name = 'DocumentReadError';
  }
}

const CASE_NUMBER = /^\d{2}\.\d{2}$/;

/** The request named by its words (`allocation`, `case=22.25` …). */
export function parseRequest(words: string[]): DocumentRequest {
  const [kind, parameter] = words;
  const value = (name: string) => (parameter?.startsWith(`${name}=`) ? parameter.slice(name.length + 1) : null);
  const caseNumber = value('case');
  if (kind === 'grants' && parameter === undefined) return { kind: 'grants' };
  if (caseNumber !== null && CASE_NUMBER.test(caseNumber)) {
    if (kind === 'allocation') return { kind, caseNumber };
    if (kind === 'case-summary') return { kind, caseNumber };
  }
  const years = value('years')?.split(',').map(Number);
  if (kind === 'allocation' && years?.length === 2 && Number.isInteger(years[0]) && years[1] === years[0]! + 1)
    return { kind, grantedYear: years[0]! };
  throw new DocumentReadError(`the document names no document the ledger makes: "${words.join(' ')}"`);
}

/** Builds a source from its fields as a document writes them, checking each. */
export function sourceOf(fields: { asOfDate: string; basis: string; position: string; hash: string }): DocumentSource {
  const position = Number(fields.position);
  if (!isIsoDate(fields.asOfDate)) throw new DocumentReadError(`the document's as-of date "${fields.asOfDate}" is not a date`);
  if (fields.basis !== 'date' && fields.basis !== 'position')
    throw new DocumentReadError(`the document's basis "${fields.basis}" is neither date nor position`);
  if (!/^\d{1,15}$/.test(fields.position))
    throw new DocumentReadError(`the document's log position "${fields.position}" is not a position`);
  if (fields.hash !== 'none' && fields.hash !== '' && !/^[0-9a-f]{64}$/.test(fields.hash))
    throw new DocumentReadError(`the document's hash "${fields.hash}" is not a SHA-256 hash`);
  return {
    asOfDate: fields.asOfDate,
    basis: fields.basis,
    position,
    hash: fields.hash === 'none' || fields.hash === '' ? null : fields.hash,
  };
}

/** Reads a document reference line back into its request and source. */
export function parseDocumentReference(text: string): { request: DocumentRequest; source: DocumentSource } {
  const words = text.trim().split(/\s+/);
  if (words[0] !== DOCUMENT_REFERENCE_MARK)
    throw new DocumentReadError('the document carries no reference to the ledger it was built from');
  const fields = new Map<string, string>();
  const requestWords: string[] = [];
  for (const word of words.slice(1)) {
    const match = /^(as-of|basis|position|hash)=(.*)$/.exec(word);
    if (match) fields.set(match[1]!, match[2]!);
    else requestWords.push(word);
  }
  const field = (name: string) => {
    const found = fields.get(name);
    if (found === undefined) throw new DocumentReadError(`the document's reference lacks ${name}`);
    return found;
  };
  return {
    request: parseRequest(requestWords),
    source: sourceOf({ asOfDate: field('as-of'), basis: field('basis'), position: field('position'), hash: field('hash') }),
  };
}

/** `kind=…`-style file name part: `allocation-22.25`, `allocation-2024-2025`, `case-summary-22.25`, `grants`. */
export function fileStem(request: DocumentRequest): string {
  if (request.kind === 'grants') return 'grants-360giving';
  if ('caseNumber' in request) return `${request.kind}-${request.caseNumber}`;
  return `allocation-${request.grantedYear}-${request.grantedYear + 1}`;
}
