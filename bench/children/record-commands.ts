/**
 * Child process of the crash test (test/fault-crash.int.test.ts): opens a SQLite file
 * ledger and records the seeded command stream through the command handler, from
 * command `--from` on. After each `execute()` has resolved, and only then, it prints
 * one JSON line: the command's idempotency key, stream and event ids. Commands
 * recorded before (in an earlier life of this process) are simply executed again:
 * the idempotency key makes the handler return the first result.
 *
 * Along the way it keeps the projections caught up and writes their checkpoint at
 * seeded random moments, so a kill can land in any of those too.
 *
 *   node dist/bench/children/record-commands.js --store FILE --seed N --events N [--from N] [--round N]
 */
import { parseArgs } from 'node:util';
import { openLedger } from '../../src/ledger.js';
import { Random, generateSteps } from '../../test/support/generator.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string' },
    seed: { type: 'string' },
    events: { type: 'string' },
    from: { type: 'string', default: '0' },
    round: { type: 'string', default: '0' },
  },
});
if (!values.store || !values.seed || !values.events) {
  process.stderr.write('usage: record-commands --store FILE --seed N --events N [--from N] [--round N]\n');
  process.exit(2);
}
const seed = Number(values.seed);
const from = Number(values.from);
const random = new Random(seed * 7919 + Number(values.round));
const line = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

const ledger = await openLedger({ store: values.store });
const started = await ledger.runner.start();
line({ ready: true, startedFrom: started.startedFrom, position: started.position, caughtUp: started.caughtUp });

let index = 0;
let executed = 0;
for (const step of generateSteps(seed, { events: Number(values.events) })) {
  if (index++ < from) continue;
  const result = await ledger.handler.execute(step.command, { actor: 'crash-test' });
  line({ index: index - 1, idempotencyKey: result.idempotencyKey, stream: result.stream, eventIds: result.events.map((event) => event.id), replayed: result.replayed });
  executed += 1;
  if (executed % 25 === 0) await ledger.runner.catchUp();
  if (random.chance(0.01)) ledger.runner.saveCheckpoint();
}
await ledger.runner.catchUp();
await ledger.close();
line({ done: true, commands: index });
