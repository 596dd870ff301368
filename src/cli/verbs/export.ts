import { createWriteStream } from 'node:fs';
import { exportLines } from '../../app/transfer.js';
import { examples, helpGroups, type CliContext, type CliVerb } from '../verb.js';

/** `ledger export [--out file]`: the event log as NDJSON, closed by a checksum manifest. */
export const exportVerb: CliVerb = (cli) =>
  cli.program
    .command('export')
    .helpGroup(helpGroups(cli.say).yearEnd)
    .summary(cli.say('hendelsesloggen som NDJSON med et sjekksum-manifest', 'the event log as NDJSON with a checksum manifest'))
    .description(
      cli.say(
        'Hendelsesloggen som NDJSON, avsluttet av en manifestlinje med en SHA-256 over alt før den.',
        'The event log as NDJSON, closed by a manifest line whose SHA-256 covers every byte before it.',
      ),
    )
    .option('--out <file>', cli.say('skriv til denne filen i stedet for stdout', 'write to this file instead of stdout'))
    .addHelpText('after', examples(cli.say, 'ledger export --out ledger-2025.ndjson', 'ledger export > ledger.ndjson'))
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
