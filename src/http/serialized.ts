import type { Response } from 'express';

/**
 * The JSON of reports the reader memoized, serialized once. The reader hands back
 * the same object while the log stands still, so its body is kept as a Buffer and
 * written as it is (no JSON.stringify, no string-to-bytes copy per request). An
 * explanation is also kept as one JSON text per row, so any page of it is a join of
 * ready-made rows.
 *
 * Bounded by bytes, least recently used dropped first: a report the reader has
 * forgotten is dropped here in time too, and a few large explanations (12,275 rows
 * are 6 MB) cannot grow the server without bound.
 */
const SERIALIZED_BUDGET_BYTES = 96 * 1024 * 1024;

interface Entry {
  bytes: number;
  full?: Buffer;
  /** The report's fields but its rows, as JSON without the braces. */
  head?: string;
  rows?: string[];
  pages?: Map<string, { body: Buffer; next: string | null }>;
}

const PAGES_PER_REPORT = 64;

export class SerializedCache {
  private readonly entries = new Map<object, Entry>();
  private bytes = 0;

  constructor(private readonly budget = SERIALIZED_BUDGET_BYTES) {}

  private entry(report: object): Entry {
    let entry = this.entries.get(report);
    if (entry) {
      this.entries.delete(report);
    } else {
      entry = { bytes: 0 };
    }
    this.entries.set(report, entry);
    return entry;
  }

  private grow(report: object, entry: Entry, bytes: number): void {
    entry.bytes += bytes;
    this.bytes += bytes;
    for (const [key, old] of this.entries) {
      if (this.bytes <= this.budget || key === report) break;
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
  }

  /** The whole report as JSON bytes. */
  full(report: object): Buffer {
    const entry = this.entry(report);
    if (!entry.full) {
      entry.full = Buffer.from(JSON.stringify(report), 'utf8');
      this.grow(report, entry, entry.full.length);
    }
    return entry.full;
  }

  /**
   * One page of a report with `rows`: every field but the rows as they are, then the
   * fields `page` gives (which rows these are, the next page's address), then the rows
   * from `offset` (`count` of them). `pageKey` names the page for reuse: the same key
   * of the same report, the same bytes and the same next address.
   */
  page(
    report: { rows: readonly unknown[] },
    pageKey: string,
    offset: number,
    count: number,
    page: () => { next: string | null; fields: Record<string, unknown> },
  ): { body: Buffer; next: string | null } {
    const entry = this.entry(report);
    const cached = entry.pages?.get(pageKey);
    if (cached) return cached;
    if (entry.head === undefined || entry.rows === undefined) {
      const { rows, ...rest } = report as { rows: readonly unknown[] } & Record<string, unknown>;
      const head = JSON.stringify(rest);
      entry.head = head.slice(1, -1);
      entry.rows = rows.map((row) => JSON.stringify(row));
      let length = head.length;
      for (const row of entry.rows) length += row.length + 1;
      this.grow(report, entry, length);
    }
    const { next, fields } = page();
    const rows = entry.rows.slice(offset, offset + count).join(',');
    const extra = JSON.stringify(fields).slice(1, -1);
    const body = Buffer.from(`{${[entry.head, extra, `"rows":[${rows}]`].filter((part) => part !== '').join(',')}}`, 'utf8');
    const answer = { body, next };
    entry.pages ??= new Map();
    if (entry.pages.size >= PAGES_PER_REPORT) {
      const [oldest, old] = entry.pages.entries().next().value!;
      entry.pages.delete(oldest);
      entry.bytes -= old.body.length;
      this.bytes -= old.body.length;
    }
    entry.pages.set(pageKey, answer);
    this.grow(report, entry, body.length);
    return answer;
  }
}

/** Writes JSON bytes as the answer (200 unless a status was set), with their length; a HEAD gets the headers only. */
export function sendJsonBytes(res: Response, body: Buffer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  if (res.req.method === 'HEAD') res.end();
  else res.end(body);
}
