import { NO_CAPABILITIES, type EventStore } from '../../src/store/port.js';

/**
 * A store seen through the port alone, without any declared capability: the command
 * handler then records the way it does on EventStoreDB (decide on caught-up states,
 * append on the condition that the log still ends where the decision read it, decide
 * again on a conflict), and the import takes its batched path. EventStoreDB need not
 * run for those paths to be tested: any store behind this view exercises them.
 */
export function portOnly(store: EventStore): EventStore {
  return {
    description: `port-only ${store.description}`,
    capabilities: NO_CAPABILITIES,
    append: (stream, events, expected, options) => store.append(stream, events, expected, options),
    appendMany: (parts, options) => store.appendMany(parts, options),
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    readPositions: (positions) => store.readPositions(positions),
    streamRevision: (stream) => store.streamRevision(stream),
    headPosition: () => store.headPosition(),
    verifyIntegrity: () => store.verifyIntegrity(),
    close: () => store.close(),
  };
}
