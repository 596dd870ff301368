import { defaultAccountsPath } from '../../ledger.js';
import type { CopyCheck } from '../../operations/backup-check.js';
import { BackupPlaceError, backupLedger } from '../../operations/backup.js';
import { RestoreRefusedError, restoreLedger, type RestoreOutcome } from '../../operations/restore.js';
import { examples, helpGroups, type CliContext, type CliVerb } from '../verb.js';

/**
 * `ledger backup --out DIR` and `ledger restore SOURCE --store TARGET` (docs/operations.md):
 * a checked copy of a running ledger, and a checked copy put back into an empty place.
 */
const osloDateTime = new Intl.DateTimeFormat('nb-NO', {
  timeZone: 'Europe/Oslo',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2026-12-06T09:15:00Z` → `06.12.2026 kl. 10:15` (Norwegian time). */
function norwegianDateTime(iso: string): string {
  const parts = Object.fromEntries(osloDateTime.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.day}.${parts.month}.${parts.year} kl. ${parts.hour}:${parts.minute}`;
}

const accountsPathOf = (context: CliContext) => context.io.env.LEDGER_ACCOUNTS ?? defaultAccountsPath(context.storeSetting);

/** What a checked copy holds, a line each. */
function holds(check: CopyCheck): string[] {
  return [
    `  Hendelser:       ${check.events}`,
    `  Siste posisjon:  ${check.position}`,
    `  Loggkjede:       ${check.logHash.slice(0, 16)}…`,
    `  Sjekkpunkter:    ${
      check.checkpoints
        ? `${check.checkpoints.count} holder; de dekker posisjon 1–${check.checkpoints.coveredPosition} (nøkkelens fingeravtrykk ${check.checkpoints.keyId.slice(0, 16)}…)`
        : 'ingen i kopien'
    }`,
  ];
}

const failed = (context: CliContext, what: string, problems: string[]) => {
  context.io.stderr.write(`ledger: ${what}: ${problems.length} problem(er)\n${problems.map((problem) => `  ${problem}`).join('\n')}\n`);
  return 1;
};

async function backup(context: CliContext, out: string): Promise<number> {
  const ledger = await context.readOnlyLedger();
  let outcome: Awaited<ReturnType<typeof backupLedger>>;
  try {
    outcome = await backupLedger(ledger, {
      out,
      storeSetting: context.storeSetting,
      accountsPath: accountsPathOf(context),
      signingKey: context.io.env.LEDGER_SIGNING_KEY,
    });
  } catch (error: unknown) {
    if (error instanceof BackupPlaceError) return failed(context, 'sikkerhetskopien ble ikke tatt', [error.message]);
    throw error;
  }
  if (!outcome.ok)
    return failed(
      context,
      `kopien i ${outcome.out} holder ikke, og er ikke registrert som siste sikkerhetskopi (filene er beholdt for undersøkelse)`,
      outcome.check.problems,
    );
  const { manifest, check } = outcome;
  if (context.json) {
    context.printJson(manifest);
    return 0;
  }
  context.print(
    [
      `Sikkerhetskopi av ${manifest.source} i ${out}, tatt ${norwegianDateTime(manifest.madeAt)}:`,
      ...holds(check),
      `  Filer:           ${Object.keys(manifest.files).join(', ')}, backup.json`,
      `Kopien er kontrollert: hash-kjedene, loggkjeden${check.checkpoints ? ' og sjekkpunktene' : ''} holder.`,
      ...check.notes.map((note) => `Merk: ${note}`),
    ].join('\n'),
  );
  return 0;
}

function restoredLines(source: string, target: string, outcome: RestoreOutcome): string[] {
  const live = outcome.liveCheckpoints;
  return [
    `Gjenopprettet ${source}${outcome.madeAt ? ` (tatt ${norwegianDateTime(outcome.madeAt)})` : ''} til ${target}:`,
    ...holds(outcome.check),
    ...(outcome.accounts ? [`  Kontoer:         ${outcome.accounts}`] : []),
    'Kopien ble kontrollert før den ble tatt i bruk: hash-kjedene og loggkjeden holder.',
    ...(live && live.problems.length === 0
      ? [`Ledgerens egne ${live.count} sjekkpunkter holder også; de dekker posisjon 1–${live.coveredPosition}.`]
      : []),
    ...(live && live.problems.length > 0
      ? [
          `ADVARSEL: kopien holder ikke til ledgerens egne signerte sjekkpunkter (LEDGER_SIGNING_KEY): ${live.problems.join('; ')}`,
          'Serveren og ledger checkpoint vil nekte å signere over den. Er hendelsene etter kopien tapt og det er forstått, ta i bruk en ny signeringsnøkkel (docs/operations.md#key-rotation).',
        ]
      : []),
    ...outcome.check.notes.map((note) => `Merk: ${note}`),
  ];
}

async function restore(context: CliContext, source: string): Promise<number> {
  let outcome: RestoreOutcome;
  try {
    outcome = await restoreLedger({
      source,
      storeSetting: context.storeSetting,
      accountsPath: accountsPathOf(context),
      signingKey: context.io.env.LEDGER_SIGNING_KEY,
    });
  } catch (error: unknown) {
    if (error instanceof RestoreRefusedError)
      return failed(context, 'gjenopprettingen ble avvist, og ingenting ble skrevet', error.problems);
    throw error;
  }
  if (context.json) {
    context.printJson(outcome);
    return 0;
  }
  context.print(restoredLines(source, context.storeSetting, outcome).join('\n'));
  return outcome.liveCheckpoints && outcome.liveCheckpoints.problems.length > 0 ? 1 : 0;
}

export const backupVerb: CliVerb = (cli) => {
  cli.program
    .command('backup')
    .helpGroup(helpGroups(cli.say).yearEnd)
    .summary(
      cli.say(
        'en kontrollert kopi av registeret mens det kjører: lager, kontoer, sjekkpunkter',
        'a checked copy of the running ledger: store, accounts, checkpoints',
      ),
    )
    .description(
      cli.say(
        'Kopierer lageret (SQLites nettbaserte kopi mens serveren skriver; en eksport for EventStoreDB), kontofilen og sjekkpunktene og den offentlige nøkkelen til LEDGER_SIGNING_KEY (aldri den private nøkkelen) til en ny eller tom mappe; kontrollerer kopien (hver kjede, loggens kjede, sjekkpunktene) og skriver ut hva den inneholder. Bare en kopi som holder, føres som siste sikkerhetskopi (docs/operations.md).',
        "Copies the store (SQLite's online backup API while the server writes; an export for EventStoreDB), the accounts file, and the checkpoints and public key of LEDGER_SIGNING_KEY (never the private key) into a new or empty directory; checks the copy (every chain, the log chain, the checkpoints) and prints what it holds. Only a copy that holds is recorded as the last backup (docs/operations.md).",
      ),
    )
    .requiredOption('--out <directory>', cli.say('en ny eller tom mappe', 'a new or empty directory'))
    .addHelpText('after', examples(cli.say, 'ledger backup --out /srv/backup/ledger-2026-12-06'))
    .action(cli.action(async (context, options) => backup(context, options.out)));
  cli.program
    .command('restore')
    .helpGroup(helpGroups(cli.say).yearEnd)
    .summary(
      cli.say(
        'en sikkerhetskopi eller eksport inn på et tomt sted, kontrollert før den tas i bruk',
        'a backup or an export into an empty place, checked before it is used',
      ),
    )
    .description(
      cli.say(
        'Gjenoppretter en sikkerhetskopi (ledger backup) eller en eksportfil (ledger export) til lageret --store peker på, som ikke kan finnes fra før (heller ikke kontofilen): manifestet, hver kjede og sjekkpunktene kontrolleres først, og en SQLite-kopi flyttes på plass først når den holder. Med LEDGER_SIGNING_KEY sier den også om kopien holder mot sjekkpunktene signert siden (avslutter med 1 når den ikke gjør det).',
        'Restores a backup directory (ledger backup) or an export file (ledger export) into the store --store names, which must not exist yet (nor its accounts file): the manifest, every chain and the checkpoints are checked first, and a SQLite copy is moved into place only once it holds. With LEDGER_SIGNING_KEY it also says whether the copy holds to the checkpoints signed since (exit 1 when not).',
      ),
    )
    .argument('<source>', cli.say('en sikkerhetskopimappe eller en eksportfil', 'a backup directory, or an export file'))
    .addHelpText(
      'after',
      examples(
        cli.say,
        'ledger --store ledger-gjenopprettet.db restore /srv/backup/ledger-2026-12-06',
        'ledger --store ny.db restore ledger.ndjson',
      ),
    )
    .action(cli.action(async (context, source) => restore(context, source)));
};
