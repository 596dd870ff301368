import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { monotonicFactory } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredRecord } from '../events/catalogue.js';
import { CommandHandler } from '../src/app/command-handler.js';
import { ConcurrencyError, StoreUnavailableError } from '../src/store/errors.js';
import { EsdbEventStore } from '../src/store/esdb-store.js';
import { esdbTestServer, testLedgerStream } from './support/esdb-server.js';

/**
 * Faults of a real server while the ledger writes to it. Each needs a server and a way to
 * hurt it, named by environment variables (the scripts live outside the repository):
 *
 * - `LEDGER_TEST_ESDB_RESTART`: a shell command that restarts the server (or a node of it),
 *   e.g. `/path/stop-single.sh; /path/start-single.sh`;
 * - `LEDGER_TEST_ESDB_NODES`: the cluster's nodes (`host:port,…`, three or more), with
 *   `LEDGER_TEST_ESDB_KILL_LEADER` (a command that kills the leader with SIGKILL and prints
 *   its name) and `LEDGER_TEST_ESDB_RESTART_NODE` (a command given that name as its
 *   argument that starts the node again).
 */
const server = await esdbTestServer();
const connectionString = 'skipReason' in server ? '' : server.connectionString;
if (!('skipReason' in server)) afterAll(() => server.stop());
const restart = process.env.LEDGER_TEST_ESDB_RESTART?.trim();
const nodes = (process.env.LEDGER_TEST_ESDB_NODES ?? '').split(',').filter((node) => node.trim() !== '');
const killLeader = process.env.LEDGER_TEST_ESDB_KILL_LEADER?.trim();
const restartNode = process.env.LEDGER_TEST_ESDB_RESTART_NODE?.trim();

const restartSkip =
  'skipReason' in server
    ? server.skipReason
    : restart
      ? undefined
      : 'LEDGER_TEST_ESDB_RESTART (a command that restarts the server) is not set';
const killSkip =
  'skipReason' in server
    ? server.skipReason
    : nodes.length < 3
      ? 'LEDGER_TEST_ESDB_NODES does not name a cluster of three or more nodes'
      : !killLeader || !restartNode
        ? 'LEDGER_TEST_ESDB_KILL_LEADER and LEDGER_TEST_ESDB_RESTART_NODE (commands that kill the leader and start a node) are not set'
        : undefined;
if (restartSkip) console.log(`[skipped] restarting EventStoreDB during appends: ${restartSkip}`);
if (killSkip) console.log(`[skipped] killing the EventStoreDB leader during commands: ${killSkip}`);

const sh = promisify(execFile);
const run = async (command: string, ...args: string[]) =>
  (await sh('sh', ['-c', `${command} "$@"`, 'fault', ...args], { timeout: 180_000 })).stdout.trim();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records numbered receipts through one handler, `inFlight` at a time, until told to stop; keeps every outcome. */
function recorder(handler: CommandHandler, name: string, inFlight: number) {
  const acknowledged = new Map<string, string[]>();
  const failed = new Map<string, unknown>();
  let stop = false;
  let next = 0;
  const command = (key: string) => ({
    type: 'ReceiveFunds',
    idempotencyKey: key,
    year: 2030,
    amount: '1',
    reference: key,
    receivedOn: '2026-01-02',
    effectiveDate: '2026-06-01',
  });
  const lane = async () => {
    while (!stop) {
      const key = `${name}-${next++}`;
      try {
        const result = await handler.execute(command(key), { actor: name });
        acknowledged.set(
          key,
          result.events.map((event) => event.id),
        );
      } catch (error: unknown) {
        failed.set(key, error);
      }
    }
  };
  const lanes = Array.from({ length: inFlight }, () => lane());
  return {
    acknowledged,
    failed,
    command,
    stop: async () => {
      stop = true;
      await Promise.all(lanes);
    },
  };
}

/** Every process-level failure while `work` runs: a crash of the client would show here. */
async function watchingCrashes<T>(work: () => Promise<T>): Promise<{ result: T; crashes: unknown[] }> {
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  try {
    return { result: await work(), crashes };
  } finally {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
}

async function logOf(store: EsdbEventStore): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  for await (const record of store.readAll()) records.push(record);
  return records;
}

/** What a caller may be told while the server fails over: unavailable (503), or a conflict to try again (409). */
const isTypedRefusal = (error: unknown) => error instanceof StoreUnavailableError || error instanceof ConcurrencyError;

const keyOf = (record: StoredRecord) => (record.metadata as { idempotencyKey?: string }).idempotencyKey;

describe.skipIf(restartSkip !== undefined)('restarting EventStoreDB during appends', () => {
  it(
    'the ledger does not crash: every append settles, and the same store appends again once the server is back',
    { timeout: 300_000 },
    async () => {
      const ledgerStream = testLedgerStream('restart');
      const store = new EsdbEventStore(connectionString, { ledgerStream });
      const handler = new CommandHandler(store, { clock: () => new Date(), newId: monotonicFactory() });
      const { result, crashes } = await watchingCrashes(async () => {
        const writing = recorder(handler, 'restart', 4);
        await sleep(1_500);
        const before = writing.acknowledged.size;
        await run(restart!);
        await sleep(1_500);
        await writing.stop();
        return { writing, before };
      });
      expect(crashes).toEqual([]);
      const { writing, before } = result;
      expect(before).toBeGreaterThan(0);
      for (const error of writing.failed.values()) expect(isTypedRefusal(error), String(error)).toBe(true);
      // Back: the same store object records again (on a server that lost its memory, from an empty log).
      const after = await handler.execute(writing.command('after-restart'), { actor: 'restart' });
      expect(after.events).toHaveLength(1);
      const log = await logOf(store);
      const keys = log.map(keyOf);
      expect(new Set(keys).size).toBe(keys.length);
      expect(log.map((record) => record.position)).toEqual(log.map((_, index) => index + 1));
      if (keys.includes('restart-0')) {
        // The server kept its data: every acknowledged command is there exactly once.
        for (const key of writing.acknowledged.keys()) expect(keys.filter((candidate) => candidate === key)).toHaveLength(1);
      } else console.log('[note] the server came back without its data (in memory): only the ledger’s survival is checked');
      expect((await store.verifyIntegrity()).problems).toEqual([]);
      await store.close();
    },
  );
});

describe.skipIf(killSkip !== undefined)('killing the EventStoreDB leader while commands are recorded', () => {
  it(
    'after re-election every acknowledged command is there exactly once, nothing else, and the chains verify',
    { timeout: 300_000 },
    async () => {
      const ledgerStream = testLedgerStream('leader-kill');
      const stores = [0, 1, 2].map(() => new EsdbEventStore(connectionString, { ledgerStream }));
      const [left, right] = stores
        .slice(0, 2)
        .map((store) => new CommandHandler(store, { clock: () => new Date(), newId: monotonicFactory() }));
      const followed: number[] = [];
      const subscription = stores[2]!.subscribe(0, (record) => {
        followed.push(record.position);
      });
      let killed = '';
      const { result, crashes } = await watchingCrashes(async () => {
        const writers = [recorder(left!, 'left', 3), recorder(right!, 'right', 3)];
        while (writers.reduce((total, writer) => total + writer.acknowledged.size, 0) < 40) await sleep(50);
        killed = await run(killLeader!);
        await sleep(8_000);
        for (const writer of writers) await writer.stop();
        await run(restartNode!, killed);
        return writers;
      });
      expect(crashes).toEqual([]);
      expect(killed).not.toBe('');
      const acknowledged = new Map(result.flatMap((writer) => [...writer.acknowledged]));
      const failed = new Map(result.flatMap((writer) => [...writer.failed]));
      // Refused, never crashed: unavailable while there was no leader, or out-raced by the other instance too often (409).
      for (const error of failed.values()) expect(isTypedRefusal(error), String(error)).toBe(true);
      // A command whose answer was lost is sent again with its key: recorded once, or its first result replayed.
      for (const key of failed.keys()) {
        const replay = await left!.execute(result[0]!.command(key), { actor: 'retry' });
        acknowledged.set(
          key,
          replay.events.map((event) => event.id),
        );
      }
      const log = await logOf(stores[0]!);
      expect(log.map((record) => record.position)).toEqual(log.map((_, index) => index + 1));
      const byKey = new Map<string, StoredRecord[]>();
      for (const record of log) byKey.set(keyOf(record)!, [...(byKey.get(keyOf(record)!) ?? []), record]);
      expect([...byKey.keys()].sort()).toEqual([...acknowledged.keys()].sort());
      for (const [key, ids] of acknowledged) expect(byKey.get(key)!.map((record) => record.id)).toEqual(ids);
      const report = await stores[0]!.verifyIntegrity();
      expect(report.problems).toEqual([]);
      expect(report.eventsChecked).toBe(log.length);
      // The subscription that was running when the leader died subscribed again and missed nothing.
      while (followed.length < log.length) await sleep(100);
      await subscription.close();
      expect(followed).toEqual(log.map((record) => record.position));
      console.log(
        `[leader kill] node ${killed} killed; ${acknowledged.size} commands acknowledged; ${failed.size} refused at first (${
          [...failed.values()].filter((error) => error instanceof StoreUnavailableError).length
        } unavailable, the rest out-raced), each recorded once when sent again; ${log.length} events, chains verify`,
      );
      for (const store of stores) await store.close();
    },
  );
});
