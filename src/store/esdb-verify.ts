import { StoreUnavailableError } from './errors.js';
import { LedgerEventFormatError } from './esdb-errors.js';
import type { LedgerStream } from './esdb-ledger-stream.js';
import { positionOfRevision, revisionToNumber, toLedgerRecord } from './esdb-mapping.js';
import { chainHash } from './hash-chain.js';
import { GENESIS_HASH } from '../../events/envelope.js';
import { EMPTY_LOG_HEAD, logChainHash } from './log-chain.js';
import type { IntegrityProblem, IntegrityReport } from './port.js';

/**
 * The integrity check of the ledger stream: it must still show every event from revision
 * 0 (not deleted, not truncated, no setting that makes the server drop events), every
 * event must be the ledger's, each logical stream's revisions must run without gaps and
 * its hash chain hold, and the log chain must hold over every position.
 */
export async function verifyLedgerStream(ledger: LedgerStream): Promise<IntegrityReport> {
  const problems: IntegrityProblem[] = [];
  const where = { stream: `(ledger stream ${ledger.name})` };
  let eventsChecked = 0;
  const chains = new Map<string, { revision: number; hash: string }>();
  try {
    for (const setting of await ledger.retention('verifying integrity'))
      problems.push({ ...where, problem: `the stream has ${setting} set: the server will drop ledger events` });
    const first = await ledger.first('verifying integrity');
    if (first && first.revision !== 0n)
      problems.push({ ...where, problem: `events before revision ${first.revision} are hidden (the stream was truncated)` });
    let link = EMPTY_LOG_HEAD.hash;
    let expectedRevision = first ? revisionToNumber(first.revision) : 0;
    for await (const event of ledger.read(expectedRevision, Number.POSITIVE_INFINITY, 'verifying integrity')) {
      const revision = revisionToNumber(event.revision);
      if (revision !== expectedRevision) problems.push({ ...where, problem: `revisions ${expectedRevision}–${revision - 1} are missing` });
      expectedRevision = revision + 1;
      const position = positionOfRevision(revision);
      let record;
      try {
        record = toLedgerRecord(event);
      } catch (error: unknown) {
        if (!(error instanceof LedgerEventFormatError)) throw error;
        problems.push({ ...where, revision, position, problem: error.problem });
        continue;
      }
      eventsChecked += 1;
      const at = { stream: record.stream, revision: record.revision, position, eventId: record.id };
      const previous = chains.get(record.stream) ?? { revision: -1, hash: GENESIS_HASH };
      if (record.revision !== previous.revision + 1)
        problems.push({ ...at, problem: `revision ${previous.revision + 1} is missing before revision ${record.revision}` });
      if (record.previousHash !== previous.hash) problems.push({ ...at, problem: 'previous hash does not match the chain' });
      if (chainHash(record.previousHash, record) !== record.hash)
        problems.push({ ...at, problem: 'content does not match its hash (event changed)' });
      link = logChainHash(link, position, record.hash);
      if (record.logHash !== link) {
        problems.push({ ...at, problem: 'the log chain breaks here (an event before it was changed, moved or removed)' });
        link = record.logHash;
      }
      chains.set(record.stream, { revision: record.revision, hash: record.hash });
    }
  } catch (error: unknown) {
    if (error instanceof StoreUnavailableError) throw error;
    problems.push({
      stream: '(store)',
      problem: `the ledger stream cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return { ok: problems.length === 0, eventsChecked, streamsChecked: chains.size, problems };
}
