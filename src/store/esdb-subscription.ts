import { START } from '@eventstore/db-client';
import type { StoredRecord } from '../../events/catalogue.js';
import type { LedgerStream } from './esdb-ledger-stream.js';
import { revisionOfPosition, toLedgerRecord } from './esdb-mapping.js';

/** A running catch-up subscription; `close()` stops it and resolves once no handler call is running. */
export interface LedgerSubscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /**
   * Called when the connection drops (the subscription then subscribes again after the
   * last delivered position) or when `onEvent` throws (the subscription then stops).
   */
  onError?: (error: unknown) => void;
}

/**
 * Follows the ledger stream from a position: every ledger event after `afterPosition`
 * (exclusive) in log order, then new ones as they are written. The client 6.2.1 does not
 * resume a subscription whose connection dropped (a leader that died, a restarted
 * server), so this one subscribes again after the last delivered position, with back-off.
 */
export function followLedger(
  ledger: LedgerStream,
  afterPosition: number,
  onEvent: (record: StoredRecord) => Promise<void> | void,
  options: SubscribeOptions = {},
): LedgerSubscription {
  if (!Number.isSafeInteger(afterPosition) || afterPosition < 0)
    throw new RangeError(`a global position must be a non-negative integer, not ${afterPosition}`);
  let last = afterPosition;
  let stopped = false;
  // Shared with `close`, which may run while the loop waits or reads.
  const live: { current: { unsubscribe(): Promise<void> } | null; wake: (() => void) | null } = { current: null, wake: null };

  const deliver = async (subscription: AsyncIterable<{ event?: Parameters<typeof toLedgerRecord>[0] | undefined }>) => {
    for await (const resolved of subscription) {
      if (stopped) return;
      if (!resolved.event) continue;
      try {
        const { logHash: _logHash, appendId: _appendId, ...record } = toLedgerRecord(resolved.event);
        if (record.position <= last) continue;
        await onEvent(record);
        last = record.position;
      } catch (error: unknown) {
        // A damaged event or a failing handler would fail again after subscribing again: stop rather than spin.
        stopped = true;
        options.onError?.(error);
        return;
      }
    }
  };

  const run = async (): Promise<void> => {
    let delay = 250;
    while (!stopped) {
      // From the revision of the last delivered event: the server starts after it.
      const subscription = ledger.client.subscribeToStream(ledger.name, {
        fromRevision: last > 0 ? BigInt(revisionOfPosition(last)) : START,
      });
      live.current = subscription;
      const before = last;
      try {
        await deliver(subscription);
      } catch (error: unknown) {
        if (!stopped) options.onError?.(ledger.translate(error, 'following the ledger stream'));
      } finally {
        await subscription.unsubscribe().catch(() => undefined);
      }
      if (stopped) break;
      if (last > before) delay = 250;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        live.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      live.wake = null;
      delay = Math.min(delay * 2, 10_000);
    }
  };

  const running = run().catch((error: unknown) => options.onError?.(error));
  return {
    close: async () => {
      stopped = true;
      live.wake?.();
      await live.current?.unsubscribe().catch(() => undefined);
      await running;
    },
  };
}
