/**
 * Child process of the race test (test/fault-races.int.test.ts): a separate process
 * with its own command handler on a shared store (a SQLite file, or an EventStoreDB
 * connection string). It prints `{"ready":true}`,
 * waits for a line on stdin, then sends `--count` grant commands at once (Promise.all)
 * and prints one JSON line per command: its key and `ok` or the refusal's code.
 *
 *   node dist/bench/children/grant-racer.js --store FILE --year 2025 --amount 75000 --count 15 --prefix p1
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ulidFactory } from '../../src/domain/ulid.js';
import { CommandHandler } from '../../src/app/command-handler.js';
import { openStore } from '../../src/ledger.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string' },
    year: { type: 'string', default: '2025' },
    amount: { type: 'string' },
    count: { type: 'string', default: '10' },
    prefix: { type: 'string', default: 'child' },
    initiative: { type: 'string', default: 'tiltak' },
    case: { type: 'string', default: '01.25' },
  },
});
if (!values.store || !values.amount) {
  process.stderr.write('usage: grant-racer --store FILE --amount N [--year Y] [--count N] [--prefix P]\n');
  process.exit(2);
}
const store = await openStore(values.store);
const handler = new CommandHandler(store, { clock: () => new Date(), newId: ulidFactory() });
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
const count = Number(values.count);
const outcomes = await Promise.all(
  Array.from({ length: count }, (_, index) => {
    const idempotencyKey = `${values.prefix}-${index}`;
    return handler
      .execute(
        {
          type: 'AwardGrant',
          year: Number(values.year),
          initiativeId: values.initiative,
          plan: { amount: values.amount },
          authority: { caseNumber: values.case, pointNumber: 1 },
          idempotencyKey,
        },
        { actor: values.prefix },
      )
      .then(
        (result) => ({ idempotencyKey, outcome: 'ok', eventIds: result.events.map((event) => event.id) }),
        (error: unknown) => ({
          idempotencyKey,
          outcome: (error as { code?: string }).code ?? 'unexpected',
          message: error instanceof Error ? error.message : String(error),
        }),
      );
  }),
);
for (const outcome of outcomes) process.stdout.write(`${JSON.stringify(outcome)}\n`);
await store.close();
