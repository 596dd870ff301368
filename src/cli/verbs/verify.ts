import { demoAccountsCheck } from '../accounts.js';
import { helpGroups, type CliVerb } from '../verb.js';
import { verifyLedger } from '../verify.js';

/**
 * `ledger verify [export] [--checkpoints FILE --public-key FILE]`: the hash chains, the log
 * chain, the seals of closed years, the projections recomputed from the log; with the
 * auditor's checkpoints and public key, that the log is the one they signed.
 */
export const verifyVerb: CliVerb = (cli) =>
  cli.program
    .command('verify')
    .helpGroup(helpGroups.yearEnd)
    .summary('check the hash chains, the log chain, the seals and the projections; with checkpoints, the signatures')
    .description(
      'Checks every hash chain, the log chain over every event, the seals of closed years, and that no event was changed or removed, then recomputes every projection from the log and compares; reports accounts that still hold a published demo credential off the demo ledger. Given an export file, checks that instead of the store. With --checkpoints and --public-key, recomputes every hash from the content and checks that the log is the one each signed checkpoint covers (docs/security.md). Exits 1 naming each problem it finds.',
    )
    .argument('[export]', 'an NDJSON export to check instead of the store')
    .option('--checkpoints <file>', 'signed checkpoints (ledger checkpoints export) to hold the log to')
    .option('--public-key <file>', 'the public key the checkpoints must verify with')
    .action(
      cli.action(async (context, exportFile, options) =>
        verifyLedger(context, exportFile, { checkpoints: options.checkpoints, publicKey: options.publicKey }, [demoAccountsCheck]),
      ),
    );
