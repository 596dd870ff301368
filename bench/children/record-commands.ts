/**
 * Child process of the crash test (test/fault-crash.int.test.ts): opens a SQLite file
 * ledger and records the seeded command stream through the command handler, from
 * command `--from` on, one to eight commands at a time (sent together, they are
 * committed as one group). After each `execute()` has resolved, and only then, it
 * prints one JSON line: the command's idempotency key, stream and event ids. Commands
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
import { Random, generateSteps, resolveReferences, type GeneratedCommand } from '../../test/support/generator.js';

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
/** Commands sent together (1 to 8 at a time), as an HTTP server sees them: the handler commits them as one group. */
let window: { index: number; command: GeneratedCommand }[] = [];
let windowSize = random.int(1, 8);
const send = async () => {
  const sent = window;
  window = [];
  windowSize = random.int(1, 8);
  // A correction names the event it corrects (recorded long before, in an earlier window or life): resolved first, so the window is sent at once.
  const commands = await Promise.all(sent.map(({ command }) => resolveReferences(command, ledger.store)));
  await Promise.all(
    sent.map(({ index: at }, position) =>
      ledger.handler.execute(commands[position], { actor: 'crash-test' }).then((result) =>
        line({
          index: at,
          idempotencyKey: result.idempotencyKey,
          stream: result.stream,
          eventIds: result.events.map((event) => event.id),
          replayed: result.replayed,
        }),
      ),
    ),
  );
  executed += sent.length;
  if (executed % 25 < sent.length) await ledger.runner.catchUp();
  if (random.chance(0.01 * sent.length)) ledger.runner.saveCheckpoint();
};
for (const step of generateSteps(seed, { events: Number(values.events) })) {
  if (index++ < from) continue;
  window.push({ index: index - 1, command: step.command });
  if (window.length >= windowSize) await send();
}
await send();
await ledger.runner.catchUp();
await ledger.close();
line({ done: true, commands: index });
