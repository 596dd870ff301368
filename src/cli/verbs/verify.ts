import { demoAccountsCheck } from '../accounts.js';
import { examples, helpGroups, type CliVerb } from '../verb.js';
import { verifyLedger } from '../verify.js';

/**
 * `ledger verify [export] [--checkpoints FILE --public-key FILE]`: the hash chains, the log
 * chain, the seals of closed years, the projections recomputed from the log; with the
 * auditor's checkpoints and public key, that the log is the one they signed.
 */
export const verifyVerb: CliVerb = (cli) =>
  cli.program
    .command('verify')
    .helpGroup(helpGroups(cli.say).yearEnd)
    .summary(
      cli.say(
        'sjekk hashkjedene, loggkjeden, forseglingene og projeksjonene; med sjekkpunkter, signaturene',
        'check the hash chains, the log chain, the seals and the projections; with checkpoints, the signatures',
      ),
    )
    .description(
      cli.say(
        'Sjekker hver hashkjede, loggkjeden over alle hendelser, forseglingene av lukkede år og at ingen hendelse er endret eller fjernet, regner så ut alle projeksjoner fra loggen og sammenligner; melder kontoer utenfor demoregisteret som fortsatt har en publisert demonøkkel. Gitt en eksportfil sjekkes den i stedet for lageret. Med --checkpoints og --public-key regnes hver hash ut fra innholdet, og det sjekkes at loggen er den hvert signerte sjekkpunkt dekker (docs/security.md). Avslutter med 1 og nevner hvert problem den finner.',
        'Checks every hash chain, the log chain over every event, the seals of closed years, and that no event was changed or removed, then recomputes every projection from the log and compares; reports accounts that still hold a published demo credential off the demo ledger. Given an export file, checks that instead of the store. With --checkpoints and --public-key, recomputes every hash from the content and checks that the log is the one each signed checkpoint covers (docs/security.md). Exits 1 naming each problem it finds.',
      ),
    )
    .argument('[export]', cli.say('en NDJSON-eksport å sjekke i stedet for lageret', 'an NDJSON export to check instead of the store'))
    .option(
      '--checkpoints <file>',
      cli.say(
        'signerte sjekkpunkter (ledger checkpoints export) loggen holdes opp mot',
        'signed checkpoints (ledger checkpoints export) to hold the log to',
      ),
    )
    .option(
      '--public-key <file>',
      cli.say('den offentlige nøkkelen sjekkpunktene må stemme med', 'the public key the checkpoints must verify with'),
    )
    .addHelpText(
      'after',
      examples(cli.say, 'ledger verify', 'ledger verify ledger-2025.ndjson --checkpoints checkpoints.ndjson --public-key public-key.pem'),
    )
    .action(
      cli.action(async (context, exportFile, options) =>
        verifyLedger(context, exportFile, { checkpoints: options.checkpoints, publicKey: options.publicKey }, [demoAccountsCheck]),
      ),
    );
