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
export const SERIALIZED_BUDGET_BYTES = 96 * 1024 * 1024;

interface Entry {
  bytes: number;
  full?: Buffer;
  /** The report's fields but its rows, as JSON without the braces. */
  head?: string;
  rows?: string[];
  pages?: Map<string, Buffer>;
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
   * One page of a report with `rows`: every field but the rows as they are, then
   * `extra` (already JSON, e.g. the page's links), then the rows from `offset`
   * (`count` of them). `pageKey` names the page for reuse.
   */
  page(report: { rows: readonly unknown[] }, pageKey: string, offset: number, count: number, extra: Record<string, unknown>): Buffer {
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
    const rows = entry.rows.slice(offset, offset + count).join(',');
    const extraJson = JSON.stringify(extra).slice(1, -1);
    const fields = [entry.head, extraJson, `"rows":[${rows}]`].filter((part) => part !== '').join(',');
    const body = Buffer.from(`{${fields}}`, 'utf8');
    entry.pages ??= new Map();
    if (entry.pages.size >= PAGES_PER_REPORT) {
      const [oldest, buffer] = entry.pages.entries().next().value!;
      entry.pages.delete(oldest);
      entry.bytes -= buffer.length;
      this.bytes -= buffer.length;
    }
    entry.pages.set(pageKey, body);
    this.grow(report, entry, body.length);
    return body;
  }
}

/** Writes JSON bytes as the answer (200 unless a status was set), with their length; a HEAD gets the headers only. */
export function sendJsonBytes(res: Response, body: Buffer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  if (res.req.method === 'HEAD') res.end();
  else res.end(body);
}
