import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isEventStoreDbConnection, type Ledger } from '../ledger.js';
import { hasLogChain } from '../store/port.js';
import { Checkpointer } from '../trust/checkpointer.js';
import { checkpointIsSigned, checkpointsPathOf, readCheckpoints, type Checkpoint } from '../trust/checkpoints.js';
import { CheckpointRefusedError } from '../trust/log-guard.js';
import { createSigningKey, keyIdOf, loadPublicKey, loadSigningKey, publicKeyPathOf } from '../trust/signing-key.js';
import { Option } from '@commander-js/extra-typings';
import { requiredOption } from './values.js';
import { examples, helpGroups, UsageError, type CliContext, type CliVerb } from './verb.js';
import { sqlitePathIn } from '../store/store-setting.js';

/**
 * `ledger keys init`, `ledger checkpoint`, `ledger checkpoints export`: the signing key
 * named by LEDGER_SIGNING_KEY and the signed checkpoints kept beside it.
 */
const SIGNING_KEY_SETTING = 'LEDGER_SIGNING_KEY';

function keyPathOf(context: CliContext): string {
  const path = context.io.env[SIGNING_KEY_SETTING];
  if (!path)
    throw new UsageError(
      context.say(
        `${SIGNING_KEY_SETTING} er ikke satt: oppgi filen til signeringsnøkkelen, utenfor lagerets mappe (for eksempel ${SIGNING_KEY_SETTING}=/etc/hfi-ledger/signing.key)`,
        `${SIGNING_KEY_SETTING} is not set: name the signing key's file, outside the store's directory (e.g. ${SIGNING_KEY_SETTING}=/etc/hfi-ledger/signing.key)`,
      ),
    );
  return resolve(path);
}

/** The directory of an embedded store's file, where a key must not lie; null for other stores. */
function storeDirectoryOf(storeSetting: string): string | null {
  if (isEventStoreDbConnection(storeSetting)) return null;
  const path = sqlitePathIn(storeSetting);
  return path === ':memory:' ? null : dirname(resolve(path));
}

/** A checkpointer over the ledger's store with the configured key. */
function checkpointerOf(context: CliContext, ledger: Ledger): Checkpointer {
  const key = loadSigningKey(keyPathOf(context));
  if (!hasLogChain(ledger.store))
    throw new Error(
      context.say(
        `${ledger.store.description} har ingen loggkjede, så det er ingenting å signere`,
        `${ledger.store.description} keeps no log chain, so there is nothing to sign`,
      ),
    );
  return new Checkpointer(ledger.store, key);
}

const describe = (checkpoint: Checkpoint) => `posisjon ${checkpoint.position}, loggkjede ${checkpoint.logHash.slice(0, 16)}…`;

/**
 * Signs a checkpoint for every settlement recorded after `fromPosition` (a `settle`, or a
 * SettleYear among recorded commands) when a signing key is configured; says so when none is.
 */
export async function checkpointSettlements(context: CliContext, ledger: Ledger, fromPosition: number): Promise<void> {
  const years: number[] = [];
  for await (const record of ledger.store.readAll({ afterPosition: fromPosition }))
    if (record.type === 'YearClosed') years.push((record.data as { year: number }).year);
  if (years.length === 0) return;
  if (!context.io.env[SIGNING_KEY_SETTING]) {
    context.io.stderr.write(`Merk: ${SIGNING_KEY_SETTING} er ikke satt, så avregningen ble ikke signert med et sjekkpunkt.\n`);
    return;
  }
  let checkpoint: Checkpoint | null;
  try {
    checkpoint = await checkpointerOf(context, ledger).sign(`settlement ${years.join(', ')}`);
  } catch (error: unknown) {
    if (!(error instanceof CheckpointRefusedError)) throw error;
    throw new Error(`avregningen er registrert, men sjekkpunktet etter den ble ikke signert: ${error.message}`, { cause: error });
  }
  if (checkpoint) context.io.stderr.write(`Signerte sjekkpunkt etter avregningen: ${describe(checkpoint)}.\n`);
}

/** `ledger keys init`: the signing key named by LEDGER_SIGNING_KEY, and its public key beside it. */
export const keysVerb: CliVerb = (cli) => {
  const { say } = cli;
  const keys = cli.program
    .command('keys')
    .helpGroup(helpGroups(say).yearEnd)
    .summary(say('signeringsnøkkelen: keys init', 'the signing key: keys init'))
    .description(
      say(
        `Ed25519-nøkkelen som signerer sjekkpunkter av loggen, i filen ${SIGNING_KEY_SETTING} nevner (docs/security.md).`,
        `The Ed25519 key that signs checkpoints of the log, in the file ${SIGNING_KEY_SETTING} names (docs/security.md).`,
      ),
    );
  keys
    .command('init')
    .description(
      say(
        `Lager signeringsnøkkelen i filen ${SIGNING_KEY_SETTING} nevner (bare lesbar for eieren; avvist inne i lagerets mappe eller over en nøkkel som finnes) og den offentlige nøkkelen ved siden av, og skriver ut nøkkelens fingeravtrykk til revisor.`,
        `Creates the signing key in the file ${SIGNING_KEY_SETTING} names (readable by its owner only; refused inside the store's directory or over an existing key) and its public key beside it, and prints the key's fingerprint for the auditor.`,
      ),
    )
    .addHelpText('after', examples(say, `${SIGNING_KEY_SETTING}=/etc/hfi-ledger/signing.key ledger keys init`))
    .action(
      cli.action(async (context) => {
        const key = createSigningKey(keyPathOf(context), storeDirectoryOf(context.storeSetting));
        if (context.json) return context.printJson({ key: key.path, publicKey: publicKeyPathOf(key.path), keyId: key.keyId });
        context.print(
          `Opprettet signeringsnøkkel ${key.path} (bare lesbar for eieren) og offentlig nøkkel ${publicKeyPathOf(key.path)}.\n` +
            `Fingeravtrykk (gi det til revisor på en annen vei enn nøkkelfilen): ${key.keyId}`,
        );
      }),
    );
};

/** `ledger checkpoint`: signs the head of the log chain now. */
export const checkpointVerb: CliVerb = (cli) =>
  cli.program
    .command('checkpoint')
    .helpGroup(helpGroups(cli.say).yearEnd)
    .summary(
      cli.say(
        'signer toppen av loggkjeden nå (gjøres også ved hver avregning)',
        'sign the head of the log chain now (also done at every settlement)',
      ),
    )
    .description(
      cli.say(
        `Signerer toppen av loggkjeden (siste posisjon og ledd) med nøkkelen ${SIGNING_KEY_SETTING} nevner, i checkpoints.ndjson ved siden av nøkkelen.`,
        `Signs the head of the log chain (its last position and link) with the key ${SIGNING_KEY_SETTING} names, into checkpoints.ndjson beside the key.`,
      ),
    )
    .addHelpText('after', examples(cli.say, 'ledger checkpoint'))
    .action(
      cli.action(async (context) => {
        const ledger = await context.ledger();
        const checkpointer = checkpointerOf(context, ledger);
        const checkpoint = await checkpointer.sign('manual');
        if (!checkpoint)
          throw new Error(context.say('loggen er tom: det er ingenting å signere', 'the log is empty: there is nothing to sign'));
        if (context.json) return context.printJson(checkpoint);
        context.print(`Signerte sjekkpunkt: ${describe(checkpoint)}, i ${checkpointer.file}.`);
      }),
    );

/** `ledger checkpoints export --out DIR`: the checkpoints and the public key, for the auditor. */
export const checkpointsVerb: CliVerb = (cli) => {
  const { say } = cli;
  const checkpoints = cli.program
    .command('checkpoints')
    .helpGroup(helpGroups(say).yearEnd)
    .summary(say('de signerte sjekkpunktene: checkpoints export', 'the signed checkpoints: checkpoints export'))
    .description(
      say('De signerte sjekkpunktene som ligger ved siden av signeringsnøkkelen.', 'The signed checkpoints kept beside the signing key.'),
    );
  checkpoints
    .command('export')
    .description(
      say(
        'Kopierer checkpoints.ndjson og den offentlige nøkkelen (public-key.pem) til en mappe for revisor, etter å ha sjekket hver signatur.',
        'Copies checkpoints.ndjson and the public key (public-key.pem) into a directory for the auditor, after checking every signature.',
      ),
    )
    .addOption(
      requiredOption(
        new Option(
          '--out <directory>',
          say('hvor checkpoints.ndjson og public-key.pem skrives', 'where to write checkpoints.ndjson and public-key.pem'),
        ),
        say,
      ),
    )
    .addHelpText('after', examples(say, 'ledger checkpoints export --out til-revisor'))
    .action(cli.action(async (context, options) => exportCheckpoints(context, options.out)));
};

function exportCheckpoints(context: CliContext, out: string): void {
  const keyPath = keyPathOf(context);
  const file = checkpointsPathOf(keyPath);
  if (!existsSync(file))
    throw new Error(
      context.say(
        `ingen sjekkpunkter er signert ennå (${file} finnes ikke)`,
        `no checkpoints have been signed yet (${file} does not exist)`,
      ),
    );
  const publicKey = loadPublicKey(publicKeyPathOf(keyPath));
  const checkpoints = readCheckpoints(file);
  const unsigned = checkpoints.filter((checkpoint) => !checkpointIsSigned(checkpoint, publicKey));
  if (unsigned.length > 0)
    throw new Error(
      context.say(
        `${unsigned.length} av sjekkpunktene i ${file} stemmer ikke med ${publicKeyPathOf(keyPath)}`,
        `${unsigned.length} of the checkpoints in ${file} do not verify with ${publicKeyPathOf(keyPath)}`,
      ),
    );
  mkdirSync(out, { recursive: true });
  copyFileSync(file, join(out, 'checkpoints.ndjson'));
  copyFileSync(publicKeyPathOf(keyPath), join(out, 'public-key.pem'));
  context.print(
    `Eksporterte ${checkpoints.length} sjekkpunkter (siste: ${checkpoints.length ? describe(checkpoints.at(-1)!) : 'ingen'}) og den offentlige nøkkelen til ${out}.\n` +
      `Fingeravtrykk: ${keyIdOf(publicKey)}\n` +
      `Revisor kjører: ledger verify [eksport.ndjson] --checkpoints ${join(out, 'checkpoints.ndjson')} --public-key ${join(out, 'public-key.pem')}`,
  );
}
