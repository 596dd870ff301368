import { BACKWARDS, END, ErrorType, NO_STREAM, START, type AppendExpectedRevision, type EventData } from '@eventstore/db-client';
import type { LedgerClient } from '../../src/store/esdb-ledger-stream.js';
import type { EsdbRecordedEvent } from '../../src/store/esdb-mapping.js';

/**
 * An EventStoreDB client answering from memory what the store asks of a server — reads of
 * a stream forwards from a revision or backwards from its end, appends at an expected
 * revision (refused with the server's wrong-expected-version answer otherwise) — and
 * counting the calls, so tests without a server can see how many round trips a command
 * costs. Several stores may share one fake: they are then processes on one server.
 */
export class FakeEsdbClient {
  private readonly streams = new Map<string, EsdbRecordedEvent[]>();
  readonly calls = { reads: 0, eventsRead: 0, appends: 0, refusedAppends: 0 };

  /** The client as the store takes it. */
  get client(): LedgerClient {
    return this as unknown as LedgerClient;
  }

  resetCounts(): void {
    Object.assign(this.calls, { reads: 0, eventsRead: 0, appends: 0, refusedAppends: 0 });
  }

  /** Keeps only the first `count` events of a stream: a server that lost what came after. */
  truncate(stream: string, count: number): void {
    this.streams.set(stream, (this.streams.get(stream) ?? []).slice(0, count));
  }

  readStream(
    stream: string,
    options: { fromRevision?: bigint | typeof START | typeof END; direction?: string; maxCount?: number | bigint },
  ) {
    this.calls.reads += 1;
    const events = this.streams.get(stream);
    const calls = this.calls;
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return (async function* () {
      await Promise.resolve();
      if (!events) throw Object.assign(new Error(`${stream} not found`), { type: ErrorType.STREAM_NOT_FOUND });
      let page: EsdbRecordedEvent[];
      if (options.direction === BACKWARDS) {
        const from = options.fromRevision === END || options.fromRevision === undefined ? events.length - 1 : Number(options.fromRevision);
        page = events.slice(Math.max(0, from - max + 1), from + 1).reverse();
      } else {
        const from = options.fromRevision === START || options.fromRevision === undefined ? 0 : Number(options.fromRevision);
        page = events.slice(from, from + max);
      }
      for (const event of page) {
        calls.eventsRead += 1;
        yield { event: structuredClone(event) };
      }
    })();
  }

  async appendToStream(stream: string, data: EventData | EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}) {
    await Promise.resolve();
    this.calls.appends += 1;
    const events = this.streams.get(stream);
    const actual = events && events.length > 0 ? BigInt(events.length - 1) : null;
    const expected = options.expectedRevision;
    const holds = expected === NO_STREAM ? actual === null : typeof expected === 'bigint' ? actual === expected : true;
    if (!holds) {
      this.calls.refusedAppends += 1;
      throw Object.assign(new Error(`wrong expected version: expected ${String(expected)}, actual ${String(actual)}`), {
        type: ErrorType.WRONG_EXPECTED_VERSION,
        actualVersion: actual ?? -1n,
      });
    }
    const list = events ?? [];
    for (const event of Array.isArray(data) ? data : [data])
      list.push({
        streamId: stream,
        revision: BigInt(list.length),
        type: event.type,
        isJson: true,
        data: JSON.parse(JSON.stringify(event.data)) as unknown,
        metadata: JSON.parse(JSON.stringify(event.metadata)) as unknown,
      });
    this.streams.set(stream, list);
    return { success: true, nextExpectedRevision: BigInt(list.length - 1), position: undefined };
  }

  getStreamMetadata() {
    return Promise.resolve({ streamName: '', metadata: undefined });
  }

  subscribeToStream(): never {
    throw new Error('the fake client does not subscribe');
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}
