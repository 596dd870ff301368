import { once } from 'node:events';
import type { Response } from 'express';
import { parseStoredEvent, type StoredRecord } from '../../events/catalogue.js';
import type { AsOf } from '../app/ledger-reader.js';
import { exportLines } from '../app/transfer.js';
import type { Dependencies } from './context.js';

/** Reads of the event log itself: a page of it, and the whole of it as an export. */

/** The log after a position, a page at a time; `next` is the cursor of the following page, null at the end. */
export async function eventsPage(deps: Dependencies, after: number, limit: number, asOf: AsOf | null) {
  const { store } = deps.ledger;
  const head = await store.headPosition();
  const end = asOf && 'position' in asOf ? Math.min(asOf.position, head) : head;
  const events: StoredRecord[] = [];
  let cursor = after;
  let exhausted = false;
  while (events.length < limit && !exhausted) {
    let read = 0;
    for await (const record of store.readAll({ afterPosition: cursor, maxCount: 500 })) {
      read += 1;
      if (record.position > end) {
        exhausted = true;
        break;
      }
      cursor = record.position;
      if (asOf && 'date' in asOf && parseStoredEvent(record).metadata.effectiveDate > asOf.date) continue;
      events.push(record);
      if (events.length === limit) break;
    }
    if (read === 0 || cursor >= end) exhausted = true;
  }
  const next = events.length === limit && cursor < end ? cursor : null;
  return { events, next, head, asOf };
}

export async function streamExport(deps: Dependencies, res: Response): Promise<void> {
  const now = deps.clock();
  res.status(200);
  res.type('application/x-ndjson');
  res.set('Content-Disposition', `attachment; filename="ledger-export-${now.toISOString().slice(0, 10)}.ndjson"`);
  for await (const line of exportLines(deps.ledger.store, now)) {
    if (!res.write(line)) await once(res, 'drain');
  }
  res.end();
}
