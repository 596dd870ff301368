import type { DocumentService, LedgerDocument } from './service.js';
import { fileStem, type DocumentRequest } from './source.js';

/**
 * The formats each document is written in, and writing one: its bytes, media type and
 * file name. The same projection feeds every format of a document.
 */

export const formatsOf = {
  allocation: ['html', 'csv', 'xlsx'],
  'case-summary': ['html'],
  grants: ['360giving-json', '360giving-csv'],
} as const satisfies Record<DocumentRequest['kind'], readonly string[]>;

export type DocumentFormat = (typeof formatsOf)[keyof typeof formatsOf][number];

const mediaTypes: Record<DocumentFormat, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '360giving-json': 'application/json; charset=utf-8',
  '360giving-csv': 'text/csv; charset=utf-8; header=present',
};

const extensions: Record<DocumentFormat, string> = {
  html: 'html',
  csv: 'csv',
  xlsx: 'xlsx',
  '360giving-json': 'json',
  '360giving-csv': 'csv',
};

export interface WrittenDocument {
  bytes: Buffer;
  mediaType: string;
  fileName: string;
}

/** The file name a document is saved as: `allocation-22.25-pos87.csv`. */
function fileNameOf(document: LedgerDocument, format: DocumentFormat): string {
  return `${fileStem(document.request)}-pos${document.source.position}.${extensions[format]}`;
}

let writers: Promise<
  [
    typeof import('./allocation-html.js'),
    typeof import('./case-summary-html.js'),
    typeof import('./csv.js'),
    typeof import('./giving360.js'),
    typeof import('./xlsx.js'),
  ]
> | null = null;

/**
 * The document writers, loaded once: in the background from the report routes
 * (src/http/report-routes.ts), so a server starts without waiting for them and a
 * document, once they are in, is written without waiting for a load.
 */
export function documentWriters(): NonNullable<typeof writers> {
  return (writers ??= Promise.all([
    import('./allocation-html.js'),
    import('./case-summary-html.js'),
    import('./csv.js'),
    import('./giving360.js'),
    import('./xlsx.js'),
  ]));
}

/** Writes a document in one of its formats (the caller has checked the format fits the kind). */
export async function writeDocument(service: DocumentService, document: LedgerDocument, format: DocumentFormat): Promise<WrittenDocument> {
  const [{ allocationHtml }, { caseSummaryHtml }, { allocationCsv }, { giving360Csv, giving360Json }, { allocationXlsx }] =
    await documentWriters();
  const written = (body: string | Buffer) => ({
    bytes: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    mediaType: mediaTypes[format],
    fileName: fileNameOf(document, format),
  });
  const { content } = document;
  if (content.kind === 'allocation') {
    const allocation = { ...document, content };
    if (format === 'csv') return written(allocationCsv(allocation));
    if (format === 'xlsx') return written(await allocationXlsx(allocation));
    return written(allocationHtml(allocation));
  }
  if (content.kind === 'case-summary') return written(caseSummaryHtml({ ...document, content }));
  const funder = await service.requireFunder();
  const grants = { ...document, content };
  return written(format === '360giving-csv' ? giving360Csv(grants, funder) : giving360Json(grants, funder));
}

/** Whether a format is one the document's kind is written in. */
export function fitsKind(kind: DocumentRequest['kind'], format: string): format is DocumentFormat {
  return (formatsOf[kind] as readonly string[]).includes(format);
}
