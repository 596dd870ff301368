import { START } from '@eventstore/db-client';
import type { StoredRecord } from '../../events/catalogue.js';
import type { LedgerStream } from './esdb-ledger-stream.js';
import { revisionOfPosition, toLedgerRecord } from './esdb-mapping.js';
import type { Subscription } from './port.js';

export interface SubscribeOptions {
  /**
   * Called when the connection drops (the subscription then subscribes again after the
   * last delivered position) or when `onEvent` throws (the subscription then stops).
   */
  onError?: (error: unknown) => void;
}

/** What the following loop and `close` share: `close` may run while the loop waits or reads. */
interface Following {
  /** The position of the last event delivered (or the one to follow after, before any). */
  last: number;
  stopped: boolean;
  current: { unsubscribe(): Promise<void> } | null;
  /** Ends the back-off wait early, while the loop is waiting. */
  wake: (() => void) | null;
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
): Subscription {
  if (!Number.isSafeInteger(afterPosition) || afterPosition < 0)
    throw new RangeError(`a global position must be a non-negative integer, not ${afterPosition}`);
  const following: Following = { last: afterPosition, stopped: false, current: null, wake: null };

  const run = async (): Promise<void> => {
    let delay = 250;
    while (!following.stopped) {
      // From the revision of the last delivered event: the server starts after it.
      const subscription = ledger.client.subscribeToStream(ledger.name, {
        fromRevision: following.last > 0 ? BigInt(revisionOfPosition(following.last)) : START,
      });
      following.current = subscription;
      const before = following.last;
      try {
        await deliver(following, subscription, onEvent, options);
      } catch (error: unknown) {
        if (!following.stopped) options.onError?.(ledger.translate(error, 'following the ledger stream'));
      } finally {
        await subscription.unsubscribe().catch(() => undefined);
      }
      if (following.stopped) break;
      if (following.last > before) delay = 250;
      await pause(following, delay);
      delay = Math.min(delay * 2, 10_000);
    }
  };

  const running = run().catch((error: unknown) => options.onError?.(error));
  return {
    close: async () => {
      following.stopped = true;
      following.wake?.();
      await following.current?.unsubscribe().catch(() => undefined);
      await running;
    },
  };
}

/** Hands `onEvent` each ledger event of one subscription after the last delivered, until the subscription ends or the following stops. */
async function deliver(
  following: Following,
  subscription: AsyncIterable<{ event?: Parameters<typeof toLedgerRecord>[0] | undefined }>,
  onEvent: (record: StoredRecord) => Promise<void> | void,
  options: SubscribeOptions,
): Promise<void> {
  for await (const resolved of subscription) {
    if (following.stopped) return;
    if (!resolved.event) continue;
    try {
      const { logHash: _logHash, appendId: _appendId, ...record } = toLedgerRecord(resolved.event);
      if (record.position <= following.last) continue;
      await onEvent(record);
      following.last = record.position;
    } catch (error: unknown) {
      // A damaged event or a failing handler would fail again after subscribing again: stop rather than spin.
      following.stopped = true;
      options.onError?.(error);
      return;
    }
  }
}

/** Waits `delay` milliseconds before subscribing again, or less if `close` wakes it. */
async function pause(following: Following, delay: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, delay);
    following.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  following.wake = null;
}
