import { ulid } from 'ulid';
import { EsdbEventStore, type EsdbStoreOptions } from '../../src/store/esdb-store.js';

/**
 * Chooses the EventStoreDB server for a test file:
 * 1. `LEDGER_TEST_ESDB` (a connection string): that server, left running afterwards;
 * 2. otherwise a throw-away single-node container via testcontainers, if a container
 *    runtime answers within a few seconds;
 * 3. otherwise `{ skipReason }`, so the suite is skipped and says why — never passed
 *    without running.
 * A runtime that answers but cannot start the server is an error, not a skip.
 * Call it at module top level (top-level await), so `describe.skip` is chosen before
 * collection.
 */

export interface EsdbTestServer {
  connectionString: string;
  stop(): Promise<void>;
}

/** Pinned so a test run means the same server everywhere; `LEDGER_TEST_ESDB_IMAGE` overrides it. */
const ESDB_TEST_IMAGE =
  process.env.LEDGER_TEST_ESDB_IMAGE ??
  (process.arch === 'arm64' ? 'eventstore/eventstore:24.10.0-alpha-arm64v8' : 'eventstore/eventstore:24.10.0-bookworm-slim');

const RUNTIME_PROBE_MS = 3_000;
const READY_TIMEOUT_MS = 60_000;

export async function esdbTestServer(): Promise<EsdbTestServer | { skipReason: string }> {
  const configured = process.env.LEDGER_TEST_ESDB?.trim();
  if (configured) return { connectionString: configured, stop: async () => undefined };

  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  const runtime = await withTimeout(getContainerRuntimeClient(), RUNTIME_PROBE_MS);
  if (!runtime.ok) return { skipReason: 'no container runtime and LEDGER_TEST_ESDB not set' };

  const container = await new GenericContainer(ESDB_TEST_IMAGE)
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_RUN_PROJECTIONS: 'All',
      EVENTSTORE_START_STANDARD_PROJECTIONS: 'true',
      EVENTSTORE_MEM_DB: 'true',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300))
    .withStartupTimeout(120_000)
    .start();
  const connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  try {
    await waitForLeader(connectionString);
  } catch (error: unknown) {
    await container.stop();
    throw error;
  }
  return {
    connectionString,
    stop: async () => {
      await container.stop();
    },
  };
}

/**
 * A ledger stream of its own for one test: the suites run against a shared server (and
 * in-memory servers keep every earlier run's streams), so no test sees another's events.
 */
export function testLedgerStream(name = 'test'): string {
  return `ledger-${name}-${ulid().toLowerCase()}`;
}

/** A store on the test server with a ledger stream of its own (or the one given, for several instances of one ledger). */
export function testStore(connectionString: string, options: EsdbStoreOptions = {}): EsdbEventStore {
  return new EsdbEventStore(connectionString, { ledgerStream: testLedgerStream(), ...options });
}

/** /health/live answers before the node has become leader; appends need the leader. */
async function waitForLeader(connectionString: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      const store = await EsdbEventStore.connect(connectionString);
      await store.close();
      return;
    } catch (error: unknown) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<{ ok: true; value: T } | { ok: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: false }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false }), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.then((value) => ({ ok: true as const, value })), timeout]);
  } catch {
    return { ok: false };
  } finally {
    clearTimeout(timer);
  }
}
