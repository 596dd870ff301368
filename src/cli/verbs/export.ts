import { createWriteStream } from 'node:fs';
import { exportLines } from '../../app/transfer.js';
import { helpGroups, type CliContext, type CliVerb } from '../verb.js';

/** `ledger export [--out file]`: the event log as NDJSON, closed by a checksum manifest. */
export const exportVerb: CliVerb = (cli) =>
  cli.program
    .command('export')
    .helpGroup(helpGroups.yearEnd)
    .summary('the event log as NDJSON with a checksum manifest')
    .description('The event log as NDJSON, closed by a manifest line whose SHA-256 covers every byte before it.')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(
      cli.action(async (context, options) => {
        if (options.out !== undefined) return exportToFile(context, options.out);
        for await (const line of exportLines((await context.ledger()).store)) context.io.stdout.write(line);
      }),
    );

async function exportToFile(context: CliContext, out: string): Promise<void> {
  const ledger = await context.ledger();
  const stream = createWriteStream(out);
  let events = -1; // the manifest line is not an event
  for await (const line of exportLines(ledger.store)) {
    events += 1;
    if (!stream.write(line)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  context.io.stderr.write(`Eksporterte ${events} hendelser til ${out}\n`);
}
