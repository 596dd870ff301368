import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseScope, allFigures, type Figure } from '../../projections/figures.js';
import { FigureNotFoundError, balanceFigureOrder } from '../../projections/queries.js';
import { figureLabels } from '../../projections/figures.js';
import { describeEvent } from '../../projections/describe.js';
import { parseStoredEvent } from '../../events/catalogue.js';
import { DateSchema } from '../../events/money.js';
import type { AsOf } from '../app/ledger-reader.js';
import { settleYear } from '../app/settlement.js';
import { exportLines, importExport } from '../app/transfer.js';
import { loadCase2225History, parseCommandText, runCommands } from '../demo/history.js';
import { DEFAULT_STORE, openLedger, type Ledger } from '../ledger.js';
import { describeError } from './errors.js';
import { demoAccountsCheck } from './accounts.js';
import { checkpointSettlements } from './trust.js';
import { verifyCommand } from './verify.js';
import { nok, norwegianDate, table } from './format.js';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
  /** Opens the ledger; tests may pass one of their own. */
  open?: (store: string) => Promise<Ledger>;
  /** Extra commands (accounts) the composition root adds. */
  extensions?: Record<string, CliCommand>;
}

export type CliCommand = (args: string[], context: CliContext) => Promise<number>;

export interface CliContext {
  io: CliIo;
  ledger: () => Promise<Ledger>;
  /** The store setting in force (for finding the accounts beside it). */
  storeSetting: string;
  /** Named options as given (--role, --name, --member, --password, --out). */
  options: Record<string, string | boolean | undefined>;
  actor: string;
  json: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const HELP = `ledger — the decision ledger of Helsefellesskap Innlandet's collaboration funds

Usage: ledger <command> [arguments] [options]

Commands
  demo                         load the history of case 22/25 (idempotent)
  frame <year>                 the year's frame: received, carried in, granted, available …
  balances <year>              per programme area and initiative
  trail <year>                 the audit trail: every event of the year with running balances
  explain <year> <figure> [scope]
                               the events behind a figure; scope: total (default),
                               programme-area:ID, initiative:ID, unassigned, proposal:ID
  cases                        the committee's cases
  case <NN.YY>                 one case: proposals, recommendation, resolution, votes
  settle <year>                the year-end settlement: carry over and close the year
  record [file|-]              run commands (JSON array or NDJSON) through the rules
  export [--out file]          the event log as NDJSON with a checksum manifest
  import <file>                an export into an empty store (checks manifest and chains)
  rebuild                      replay every projection from the start of the log
  verify [export.ndjson] [--checkpoints FILE --public-key FILE]
                               check the hash chains, the log chain, the seals of closed years
                               and the projections; with checkpoints and their public key,
                               that the log is the one they signed (a store, or an export)
  figures                      list the figure names explain takes
  user add <username> --role <secretariat|member|auditor|reader> --name <name> [--member ID] [--password P]
                               a named account; prints its password and API token once
  user list | user deactivate <username> | user reactivate <username> | user token <username>
  token list [username] | token revoke <id>
                               API tokens one by one (they expire after LEDGER_TOKEN_TTL_DAYS, default 90)
  keys init                    create the signing key named by LEDGER_SIGNING_KEY (outside the store)
  checkpoint                   sign the head of the log chain now (also done at every settlement)
  checkpoints export --out DIR the signed checkpoints and the public key, for the auditor

Options
  --store <store>      SQLite file, :memory:, or esdb://host:2113?tls=false
                       (default: LEDGER_STORE, else ${DEFAULT_STORE})
  --json               machine-readable output (amounts as decimal strings)
  --as-of <date>       answer as the ledger stood at an effective date (YYYY-MM-DD)
  --as-of-position <n> answer as the ledger stood at a log position
  --actor <name>       who records (default: LEDGER_ACTOR, else cli)
                       accounts live in LEDGER_ACCOUNTS, else accounts.sqlite beside the store
  -h, --help           this help
`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: false,
      options: {
        store: { type: 'string' },
        json: { type: 'boolean' },
        'as-of': { type: 'string' },
        'as-of-position': { type: 'string' },
        actor: { type: 'string' },
        out: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        member: { type: 'string' },
        password: { type: 'string' },
        checkpoints: { type: 'string' },
        'public-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error: unknown) {
    io.stderr.write(`ledger: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command || command === 'help') {
    io.stdout.write(HELP);
    return command || values.help ? 0 : 2;
  }
  const storeSetting = (values.store as string | undefined) ?? io.env.LEDGER_STORE ?? DEFAULT_STORE;
  let opened: Ledger | null = null;
  const context: CliContext = {
    io,
    storeSetting,
    options: values,
    json: values.json === true,
    actor: (values.actor as string | undefined) ?? io.env.LEDGER_ACTOR ?? 'cli',
    ledger: async () => (opened ??= await (io.open ?? ((store) => openLedger({ store })))(storeSetting)),
  };
  try {
    const asOf = parseAsOf(values['as-of'] as string | undefined, values['as-of-position'] as string | undefined);
    const handler = io.extensions?.[command] ?? commands[command];
    if (!handler) throw new UsageError(`unknown command "${command}"; see ledger --help`);
    return await handler(args, { ...context, asOf } as CliContext);
  } catch (error: unknown) {
    io.stderr.write(`ledger: ${describeError(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    if (opened) await (opened as Ledger).close();
  }
}

function parseAsOf(date: string | undefined, position: string | undefined): AsOf | null {
  if (date !== undefined && position !== undefined) throw new UsageError('give --as-of or --as-of-position, not both');
  if (date !== undefined) {
    if (!DateSchema.safeParse(date).success) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${date}"`);
    return { date };
  }
  if (position !== undefined) {
    if (!/^\d+$/.test(position)) throw new UsageError(`--as-of-position must be a whole number, got "${position}"`);
    return { position: Number(position) };
  }
  return null;
}

function yearArgument(args: string[]): number {
  const text = args[0];
  if (!text || !/^\d{4}$/.test(text)) throw new UsageError(`give a year such as 2025${text ? `, not "${text}"` : ''}`);
  return Number(text);
}

type WithAsOf = CliContext & { asOf: AsOf | null };
const asOfLine = (asOf: AsOf | null) =>
  asOf ? ('date' in asOf ? ` — per ${norwegianDate(asOf.date)}` : ` — per loggposisjon ${asOf.position}`) : '';
const print = (context: CliContext, text: string) => context.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const printJson = (context: CliContext, value: unknown) => print(context, JSON.stringify(value, null, 2));

const progress = (context: CliContext, what: string) =>
  context.io.stderr.isTTY
    ? (done: number, total: number) =>
        context.io.stderr.write(
          `\r${what}: ${done.toLocaleString('nb-NO')}${total > 0 ? ` / ${total.toLocaleString('nb-NO')}` : ''} hendelser`,
        )
    : undefined;

const commands: Record<string, CliCommand> = {
  export: (_args, context) => exportCommand(context, context.options.out as string | undefined),

  async demo(_args, context) {
    const ledger = await context.ledger();
    const outcome = await loadCase2225History(ledger.handler, context.actor === 'cli' ? 'demo' : context.actor);
    if (context.json) printJson(context, outcome);
    else
      print(
        context,
        outcome.recorded === 0
          ? `Historikken for sak 22/25 var allerede lastet (${outcome.commands} kommandoer, ingenting nytt) i ${ledger.store.description}.`
          : `Lastet historikken for sak 22/25 i ${ledger.store.description}: ${outcome.recorded} kommandoer, ${outcome.events} hendelser${outcome.replayed ? ` (${outcome.replayed} fantes fra før)` : ''}.`,
      );
    return 0;
  },

  async frame(args, context) {
    const year = yearArgument(args);
    const { asOf } = context as WithAsOf;
    const frame = await (await context.ledger()).reader.frame(year, asOf);
    if (context.json) return (printJson(context, frame), 0);
    const rows = Object.entries(frame.figures).map(([figure, amount]) => [figureLabels[figure as Figure].nb, nok(amount)]);
    print(
      context,
      `Ramme ${year} (${frame.closed ? 'avregnet og lukket' : 'åpen'})${asOfLine(asOf)}\n\n${table([{ header: 'Post' }, { header: 'Beløp', align: 'right' }], rows)}`,
    );
    return 0;
  },

  async balances(args, context) {
    const year = yearArgument(args);
    const { asOf } = context as WithAsOf;
    const report = await (await context.ledger()).reader.balances(year, asOf);
    if (context.json) return (printJson(context, report), 0);
    const figures = balanceFigureOrder;
    const columns = [
      { header: 'Programområde / satsning', max: 48 },
      ...figures.map((figure) => ({ header: figureLabels[figure].nb, align: 'right' as const })),
    ];
    const rows: string[][] = [];
    const row = (name: string, values: Record<string, string>) => [
      name,
      ...figures.map((figure) => (values[figure] === '0.00' ? '–' : nok(values[figure]!))),
    ];
    for (const area of report.programmeAreas) {
      rows.push(row(area.name, area.figures));
      for (const initiative of area.initiatives) rows.push(row(`  · ${initiative.name}`, initiative.figures));
    }
    if (report.unassigned.proposals.length > 0) {
      rows.push(row('Uten programområde (nye innspill)', report.unassigned.figures));
      for (const proposal of report.unassigned.proposals) rows.push(row(`  · ${proposal.name}`, proposal.figures));
    }
    rows.push(row('Sum', report.total.figures));
    print(context, `Saldo per programområde og satsning ${year}${asOfLine(asOf)}\n\n${table(columns, rows)}`);
    return 0;
  },

  async trail(args, context) {
    const year = yearArgument(args);
    const { asOf } = context as WithAsOf;
    const trail = await (await context.ledger()).reader.trail(year, asOf);
    if (context.json) return (printJson(context, trail), 0);
    const rows = trail.rows.map((row) => [
      String(row.position),
      norwegianDate(row.effectiveDate) + (row.backdated ? '*' : ''),
      row.caseNumber ?? '',
      row.actor,
      row.description.nb,
      row.postings
        .map((posting) => `${figureLabels[posting.figure].nb} ${posting.amount.startsWith('-') ? '' : '+'}${nok(posting.amount)}`)
        .join('; '),
      nok(row.availableAfter),
    ]);
    print(
      context,
      `Revisjonsspor ${year}${asOfLine(asOf)}\n\n${table(
        [
          { header: 'Pos', align: 'right' },
          { header: 'Dato' },
          { header: 'Sak' },
          { header: 'Aktør' },
          { header: 'Hendelse', max: 70 },
          { header: 'Posteringer', max: 60 },
          { header: 'Tilgjengelig etter', align: 'right' },
        ],
        rows,
      )}\n\n* registrert senere enn datoen den gjelder fra`,
    );
    return 0;
  },

  async explain(args, context) {
    const year = yearArgument(args);
    const figure = args[1];
    if (!figure || !(allFigures as string[]).includes(figure)) throw new UsageError(`give a figure: ${allFigures.join(', ')}`);
    const scope = parseScope(args[2] ?? 'total');
    if (!scope) throw new UsageError(`scope must be total, programme-area:ID, initiative:ID, unassigned or proposal:ID, not "${args[2]}"`);
    const { asOf } = context as WithAsOf;
    const explanation = await (await context.ledger()).reader.explain({ year, figure: figure as Figure, scope }, asOf);
    if (context.json) return (printJson(context, explanation), 0);
    const header = `${explanation.label.nb} ${year}, ${args[2] ?? 'total'}: ${nok(explanation.value)}${asOfLine(asOf)}`;
    if (explanation.composition) {
      const rows = explanation.composition.map((part) => [`${part.sign < 0 ? '−' : '+'} ${figureLabels[part.figure].nb}`, nok(part.value)]);
      print(
        context,
        `${header}\n\n${table([{ header: 'Beregnet av' }, { header: 'Beløp', align: 'right' }], rows)}\n\nSe «ledger explain ${year} <post>» for hendelsene bak hver post.`,
      );
      return 0;
    }
    const rows = [
      ['', '', '', 'Inngående saldo', '', nok(explanation.opening)],
      ...explanation.rows.map((row) => [
        String(row.position),
        norwegianDate(row.effectiveDate),
        row.caseNumber ?? '',
        row.description.nb,
        nok(row.amount),
        nok(row.runningBalance),
      ]),
      ['', '', '', 'Utgående saldo', '', nok(explanation.value)],
    ];
    print(
      context,
      `${header}\n\n${table([{ header: 'Pos', align: 'right' }, { header: 'Dato' }, { header: 'Sak' }, { header: 'Hendelse', max: 80 }, { header: 'Beløp', align: 'right' }, { header: 'Saldo', align: 'right' }], rows)}`,
    );
    return 0;
  },

  async figures(_args, context) {
    if (context.json) return (printJson(context, allFigures), 0);
    print(
      context,
      table(
        [{ header: 'Figure' }, { header: 'Norsk' }, { header: 'English' }],
        allFigures.map((figure) => [figure, figureLabels[figure].nb, figureLabels[figure].en]),
      ),
    );
    return 0;
  },

  async cases(_args, context) {
    const { asOf } = context as WithAsOf;
    const cases = await (await context.ledger()).reader.cases(asOf);
    if (context.json) return (printJson(context, cases), 0);
    const rows = cases.map((item) => [
      item.caseNumber,
      norwegianDate(item.meetingDate),
      item.title,
      String(item.proposals),
      String(item.votes),
      item.decided ? 'vedtatt' : item.resolutionProposed ? 'til behandling' : 'åpen',
    ]);
    print(
      context,
      table(
        [
          { header: 'Sak' },
          { header: 'Møte' },
          { header: 'Tittel', max: 60 },
          { header: 'Innspill', align: 'right' },
          { header: 'Stemmer', align: 'right' },
          { header: 'Status' },
        ],
        rows,
      ),
    );
    return 0;
  },

  async case(args, context) {
    const caseNumber = args[0];
    if (!caseNumber || !/^\d{2}\.\d{2}$/.test(caseNumber)) throw new UsageError('give a case number NN.YY, such as 22.25');
    const { asOf } = context as WithAsOf;
    const detail = await (await context.ledger()).reader.caseDetail(caseNumber, asOf);
    if (!detail) throw new FigureNotFoundError(`case ${caseNumber} does not exist`);
    if (context.json) return (printJson(context, detail), 0);
    const lines = [`Sak ${detail.caseNumber}: ${detail.title} (møte ${norwegianDate(detail.meetingDate)})`, ''];
    if (detail.proposals.length) {
      lines.push(
        'Innspill',
        table(
          [{ header: 'Satsning', max: 50 }, { header: 'År' }, { header: 'Beløp', align: 'right' }, { header: 'Fra' }],
          detail.proposals.map((p) => [
            p.name,
            String(p.year),
            p.amountRequested === null ? 'uten beløp' : nok(p.amountRequested),
            p.submittedByNames.join(', '),
          ]),
        ),
        '',
      );
    }
    if (detail.recommendation.length)
      lines.push(
        'Anbefaling',
        table(
          [{ header: 'Satsning', max: 50 }, { header: 'År' }, { header: 'Anbefalt', align: 'right' }],
          detail.recommendation.map((line) => [line.name, String(line.year), nok(line.amountRecommended)]),
        ),
        '',
      );
    if (detail.resolution) {
      lines.push(detail.adopted ? 'Vedtak' : 'Forslag til vedtak');
      for (const point of detail.resolution.points) {
        const adopted = detail.adopted?.points.find((candidate) => candidate.number === point.number);
        lines.push(
          `${point.number}. ${point.text}${adopted ? ` — ${adopted.outcome === 'adopted' ? 'vedtatt' : 'forkastet'}${adopted.alternativeNumber ? ` (alt. ${adopted.alternativeNumber})` : ''}` : ''}`,
        );
        for (const alternative of point.alternatives) lines.push(`   ${alternative.number}) ${alternative.label}`);
        const tally = detail.tally.find((entry) => entry.pointNumber === point.number);
        if (tally && Object.keys(tally.counts).length)
          lines.push(
            `   stemmer: ${Object.entries(tally.counts)
              .map(([key, count]) => `${key.replace('alternative:', 'alt. ')}: ${count}`)
              .join(', ')}`,
          );
      }
    }
    print(context, lines.join('\n'));
    return 0;
  },

  async settle(args, context) {
    const year = yearArgument(args);
    const ledger = await context.ledger();
    const outcome = await settleYear(ledger.handler, year, {
      actor: context.actor,
      afterSettlement: (settled) => checkpointSettlements(context, ledger, settled.events[0]!.position - 1),
    });
    if (context.json) return (printJson(context, outcome), 0);
    if (outcome.alreadySettled) {
      print(context, `${year} var allerede avregnet og lukket; ingenting ble lagt til.`);
      return 0;
    }
    const view = await ledger.reader.view();
    const records = await import('../app/projection-runner.js').then(({ readPositions }) =>
      readPositions(
        ledger.store,
        outcome.events.map((event) => event.position),
      ),
    );
    print(context, [`Avregnet ${year}:`, ...records.map((record) => `  ${describeEvent(parseStoredEvent(record), view).nb}`)].join('\n'));
    return 0;
  },

  async record(args, context) {
    const source = args[0] ?? '-';
    const text = source === '-' ? await context.io.readStdin() : readFileSync(source, 'utf8');
    const ledger = await context.ledger();
    const head = await ledger.store.headPosition();
    const outcome = await runCommands(ledger.handler, parseCommandText(text), context.actor);
    await checkpointSettlements(context, ledger, head);
    if (context.json) return (printJson(context, outcome), 0);
    print(
      context,
      `Registrert ${outcome.recorded} kommandoer (${outcome.events} hendelser)${outcome.replayed ? `; ${outcome.replayed} var registrert fra før` : ''}.`,
    );
    return 0;
  },

  async import(args, context) {
    const source = args[0];
    if (!source) throw new UsageError('give the export file to import');
    // A file is streamed (an export can be larger than one string can hold); stdin is read whole.
    const from = source === '-' ? { text: await context.io.readStdin() } : { file: source };
    const ledger = await context.ledger();
    const outcome = await importExport(ledger.store, from, progress(context, 'Importerer'));
    if (context.io.stderr.isTTY) context.io.stderr.write('\n');
    await ledger.runner.rebuild();
    if (context.json) return (printJson(context, outcome), 0);
    print(
      context,
      `Importerte ${outcome.events} hendelser i ${outcome.streams} strømmer til ${ledger.store.description}; kjeder og manifest stemmer.`,
    );
    return 0;
  },

  async rebuild(_args, context) {
    const ledger = await context.ledger();
    const started = process.hrtime.bigint();
    const count = await ledger.runner.rebuild(progress(context, 'Bygger'));
    if (context.io.stderr.isTTY) context.io.stderr.write('\n');
    ledger.runner.saveCheckpoint();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (context.json) return (printJson(context, { events: count, seconds }), 0);
    print(context, `Bygget alle projeksjoner på nytt fra ${count} hendelser på ${seconds.toFixed(2)} s.`);
    return 0;
  },

  verify: verifyCommand([demoAccountsCheck]),
};

async function exportCommand(context: CliContext, out: string | undefined): Promise<number> {
  const ledger = await context.ledger();
  if (out) {
    const { createWriteStream } = await import('node:fs');
    const stream = createWriteStream(out);
    let events = -1;
    for await (const line of exportLines(ledger.store)) {
      events += 1;
      if (!stream.write(line)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    context.io.stderr.write(`Eksporterte ${events} hendelser til ${out}\n`);
    return 0;
  }
  for await (const line of exportLines(ledger.store)) context.io.stdout.write(line);
  return 0;
}
