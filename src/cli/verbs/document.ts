import { readFileSync } from 'node:fs';
import { DocumentService } from '../../documents/service.js';
import { verifyDocument } from '../../documents/verify.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';

/**
 * `ledger document verify FILE`: rebuilds a document the ledger wrote (HTML, CSV, XLSX or
 * 360Giving) from the log at the position it names and compares it figure by figure.
 * Exits 0 when every figure matches, 1 naming the first that differs.
 */
export const documentVerb: CliVerb = (cli) => {
  const document = cli.program
    .command('document')
    .helpGroup(helpGroups(cli.say).yearEnd)
    .summary(cli.say('sjekk et dokument registeret skrev mot loggen', 'check a document the ledger wrote against the log'))
    .description(cli.say('Dokumenter registeret skrev: sjekk et mot loggen.', 'Documents the ledger wrote: check one against the log.'));
  document
    .command('verify')
    .summary(
      cli.say(
        'bygg et dokument fra loggen ved sin posisjon og sammenlign hvert tall',
        'rebuild a document from the log at its position and compare every figure',
      ),
    )
    .description(
      cli.say(
        'Bygger dokumentet fra loggen ved loggposisjonen det nevner (og sjekker at hendelsen der fortsatt har hashen det nevner), sammenligner hvert tall og nevner det første som er ulikt. Avslutter med 0 når alle stemmer, ellers 1.',
        'Rebuilds the document from the log at the log position it names (checking that the event there still has the hash it names), compares every figure, and names the first that differs. Exits 0 when all match, 1 otherwise.',
      ),
    )
    .argument(
      '<file>',
      cli.say(
        'en fordelingstabell (HTML, CSV, XLSX), et saksammendrag (HTML) eller en tildelingseksport (360Giving JSON eller CSV)',
        'an allocation table (HTML, CSV, XLSX), a case summary (HTML) or a grants export (360Giving JSON or CSV)',
      ),
    )
    .addHelpText('after', examples(cli.say, 'ledger document verify vedlegg-1-22-25.html', 'ledger document verify tildelinger.csv --json'))
    .action(
      cli.action(async (context, file) => {
        const bytes = readFileSync(file);
        const ledger = await context.ledger();
        const verification = await verifyDocument(new DocumentService(ledger.store, ledger.reader, context.documentSettings), bytes);
        if (context.json) context.printJson(verification);
        else if (verification.matches) context.print(verification.message);
        else context.io.stderr.write(`ledger: ${verification.message}\n`);
        return verification.matches ? 0 : 1;
      }),
    );
};
