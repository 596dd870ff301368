import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '../../events/envelope.js';

/**
 * The log chain: one hash chain over every event of the ledger in log order, beside
 * the per-stream chains. Each link covers the previous link, the event's position in
 * the log and the event's own (per-stream) hash, which in turn covers its content,
 * stream and revision. So a changed event, an event moved to another position, two
 * events swapped, or an event removed from the middle all break the chain from there
 * on; an event cut from the end does not, which is what a signed checkpoint of the
 * chain's head is for (src/trust/checkpoints.ts).
 *
 * Someone who can write the store can recompute this chain too: alone it catches
 * accidents and careless edits. Against a deliberate forger it is the thing a
 * checkpoint signs, and the verifier recomputes it from the events' content.
 */

/** The link before the first event. */
export const LOG_GENESIS_HASH = GENESIS_HASH;

/** The head of the log chain: the last event's position and link; position 0 and the genesis hash for an empty log. */
export interface LogChainHead {
  position: number;
  hash: string;
}

export const EMPTY_LOG_HEAD: LogChainHead = { position: 0, hash: LOG_GENESIS_HASH };

/** The link of the event at `position` whose per-stream hash is `eventHash`. */
export function logChainHash(previousLogHash: string, position: number, eventHash: string): string {
  return createHash('sha256').update(`${previousLogHash}\n${position}\n${eventHash}`).digest('hex');
}
