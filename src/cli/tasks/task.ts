import { createHash } from 'node:crypto';
import { InvalidArgumentError, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { parseStoredEvent } from '../../../events/catalogue.js';
import { yearOfCaseNumber } from '../../../events/identifiers.js';
import { describeEvent } from '../../../projections/describe.js';
import { CommandValidationError } from '../../app/errors.js';
import { readPositions } from '../../app/projection-runner.js';
import type { CommandFields } from '../../commands/edges.js';
import type { CommandType } from '../../commands/table.js';
import { formatDate } from '../../shared/format.js';
import { canonicalJson } from '../../store/hash-chain.js';
import type { Values } from '../values.js';
import { UsageError, examples, helpGroups, type Cli, type CliContext } from '../verb.js';

/**
 * Task verbs: the secretariat's commands from the command line, one verb each
 * (`ledger grant award 2025 --initiative vip --amount 3000000 --authority 22.25/1`), each
 * with its own help and examples, recorded through the same rules with the same refusals.
 * `record` stays for files of commands. Texts are `[bokmål, English]`.
 */
type Text = readonly [nb: string, en: string];

/** Reads an argument's or option's text, in the CLI's language. */
type Parser = (text: string, values: Values) => unknown;

export interface TaskArgument {
  name: string;
  description: Text;
  /** The command field it fills (`grantId`), so an issue with that field names the argument. */
  field: string;
  parse?: Parser;
}

export interface TaskOption {
  /** Commander flags, e.g. `--amount <amount>`; `<…>...` is not used: repeatable options say `repeatable`. */
  flags: string;
  description: Text;
  /** The command fields it fills (`plan.amount`), so an issue with one of them names the option. */
  fields: readonly string[];
  parse?: Parser;
  required?: boolean;
  repeatable?: boolean;
  choices?: readonly string[];
}

export interface TaskSpecOf<T extends CommandType> {
  /** The command the verb records. */
  type: T;
  /** `['grant', 'award']`: the verb under its group; a group that is also a read (`case`) keeps its read. */
  path: readonly [string, string];
  summary: Text;
  description?: Text;
  args?: readonly TaskArgument[];
  options?: readonly TaskOption[];
  /** Whole command lines that use the verb, shown at the end of its help. */
  examples: readonly string[];
  /** The command's fields from the arguments and options (without type, key and date). */
  build: (args: readonly unknown[], options: Readonly<Record<string, unknown>>, values: Values) => TaskFields<T>;
}

/**
 * The fields a verb fills, by their names in its command's input: a misspelt or foreign
 * field fails to compile. Their values come from the command line as typed, so the
 * command's schema checks them when it is recorded, naming the option.
 */
type TaskFields<T extends CommandType> = { [K in keyof CommandFields<T>]?: unknown };

/** A task verb, of whichever command it records. */
export type TaskSpec = TaskSpecOf<CommandType>;

/** The fields of a command, or of any of several a verb may record. */
type FieldNames<T extends CommandType> = T extends CommandType ? keyof CommandFields<T> : never;

/** Fields a verb fills that its command does not have: none may be. */
type Foreign<T extends CommandType, R> = { [K in Exclude<keyof R, FieldNames<T>>]: never };

/**
 * A task verb, its fields checked against its own command's (`task({ type: 'AwardGrant', … })`):
 * a field its command does not have, misspelt say, fails to compile.
 */
export const task = <T extends CommandType, R extends TaskFields<T>>(
  spec: Omit<TaskSpecOf<T>, 'build'> & { build: (...parameters: Parameters<TaskSpecOf<T>['build']>) => R & Foreign<T, R> },
): TaskSpec => spec;

/** Adds a task verb under its group (created the first time, or the existing read verb of that name). */
export function addTask(cli: Cli, spec: TaskSpec): void {
  const { say, values } = cli;
  const text = (words: Text) => say(words[0], words[1]);
  const [groupName, verbName] = spec.path;
  const program = cli.program as unknown as CommandUnknownOpts;
  let group = program.commands.find((command) => command.name() === groupName);
  group ??= program.command(groupName).helpGroup(helpGroups(say).records);
  const verb = group
    .command(verbName)
    .summary(text(spec.summary))
    .description(text(spec.description ?? spec.summary));
  for (const argument of spec.args ?? [])
    verb.argument(`<${argument.name}>`, text(argument.description), (value: string) =>
      argument.parse ? argument.parse(value, values) : value,
    );
  for (const option of spec.options ?? []) verb.addOption(optionOf(option, values));
  verb.addOption(
    new Option(
      '--date <date>',
      say(
        'dagen det gjaldt fra, ÅÅÅÅ-MM-DD; må oppgis for et steg i et møte (stemme, vedtak, alt som viser til et punkt med --authority) og for et tidligere år enn i år, ellers i dag',
        'the day it took effect, YYYY-MM-DD; required for a step of a meeting (a vote, the adoption, anything citing a point with --authority) and for a year before this one, else today',
      ),
    ).argParser(values.date),
  );
  verb.addOption(
    new Option(
      '--key <key>',
      say(
        'idempotensnøkkelen (standard: en som avledes av kommandoen, så en ny kjøring ikke registrerer noe nytt)',
        'the idempotency key (default: one derived from the command, so running it again records nothing new)',
      ),
    ),
  );
  verb.addHelpText('after', examples(say, ...spec.examples));
  verb.action(cli.action<unknown[]>(async (context: CliContext, ...parsed: unknown[]) => runTask(context, spec, values, parsed)));
}

async function runTask(context: CliContext, spec: TaskSpec, values: Values, parsed: unknown[]): Promise<void> {
  const options = parsed[(spec.args ?? []).length] as Record<string, unknown>;
  const args = parsed.slice(0, (spec.args ?? []).length);
  let fields: Record<string, unknown>;
  try {
    fields = spec.build(args, options, values);
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (options.date === undefined) await requireDateWhereItMatters(context, spec, fields);
  const body = { type: spec.type, ...fields, ...(options.date ? { effectiveDate: options.date } : {}) };
  const command = { ...body, idempotencyKey: (options.key as string | undefined) ?? `cli-${keyOf(body)}` };
  await recordTask(context, command, spec);
}

function optionOf(spec: TaskOption, values: Values): Option {
  const option = new Option(spec.flags, values.say(spec.description[0], spec.description[1]));
  if (spec.choices) option.choices(spec.choices);
  const read = (text: string) => (spec.parse ? spec.parse(text, values) : text);
  if (spec.repeatable) option.argParser((text: string, previous: unknown) => [...((previous as unknown[] | undefined) ?? []), read(text)]);
  else if (spec.parse) option.argParser(read);
  if (spec.required) option.makeOptionMandatory(true);
  return option;
}

/** Commands that record a step of a meeting: the votes and the adoption, and what cites a point of a resolution. */
const meetingSteps = new Set<CommandType>(['CastVote', 'AdoptResolution']);

/**
 * When `--date` must be given rather than defaulting to today: a step of a meeting (it took
 * effect at the meeting, which is seldom the day it is typed in), and anything about a year
 * before this one (today would date it in the wrong year).
 */
async function requireDateWhereItMatters(context: CliContext, spec: TaskSpec, fields: Record<string, unknown>): Promise<void> {
  const { say } = context;
  const today = context.today();
  const authority = fields.authority as { caseNumber: string } | undefined;
  const caseNumber = (fields.caseNumber as string | undefined) ?? authority?.caseNumber;
  if (meetingSteps.has(spec.type) || authority !== undefined) {
    const meeting =
      caseNumber === undefined ? undefined : (await (await context.ledger()).reader.view()).cases.get(caseNumber)?.meetingDate;
    const hint = meeting
      ? say(
          ` Møtet i sak ${caseNumber} var ${formatDate(meeting)}: --date ${meeting}.`,
          ` The meeting of case ${caseNumber} was on ${formatDate(meeting)}: --date ${meeting}.`,
        )
      : '';
    throw new UsageError(
      say(
        `--date må oppgis for et steg i et møte (en stemme, et vedtak, noe som viser til et punkt): det gjelder fra dagen det ble besluttet, ikke dagen det skrives inn (${formatDate(today)}).${hint}`,
        `--date is required for a step of a meeting (a vote, an adoption, anything citing a point): it takes effect on the day it was decided, not the day it is typed in (${formatDate(today)}).${hint}`,
      ),
    );
  }
  const year = typeof fields.year === 'number' ? fields.year : caseNumber !== undefined ? yearOfCaseNumber(caseNumber) : null;
  const thisYear = Number(today.slice(0, 4));
  if (year !== null && year < thisYear)
    throw new UsageError(
      say(
        `--date må oppgis for ${year}, et tidligere år enn i år (${thisYear}): i dag (${formatDate(today)}) ville datert det i feil år. Skriv dagen det gjaldt fra, for eksempel --date ${year}-12-31.`,
        `--date is required for ${year}, a year before this one (${thisYear}): today (${formatDate(today)}) would date it in the wrong year. Give the day it took effect, such as --date ${year}-12-31.`,
      ),
    );
}

/** The same command body always gets the same key: a retried verb records nothing twice. */
function keyOf(body: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 24);
}

async function recordTask(context: CliContext, command: Record<string, unknown>, spec: TaskSpec): Promise<void> {
  const ledger = await context.ledger();
  let result;
  try {
    result = await ledger.handler.execute(command, { actor: context.actor });
  } catch (error: unknown) {
    throw error instanceof CommandValidationError ? withFlags(error, spec) : error;
  }
  if (context.json) return context.printJson(result);
  if (result.replayed) return context.print(`Var registrert fra før (nøkkel ${result.idempotencyKey}); ingenting nytt ble lagret.`);
  const view = await ledger.reader.view();
  const records = await readPositions(
    ledger.store,
    result.events.map((event) => event.position),
  );
  context.print(['Registrert:', ...records.map((record) => `  ${describeEvent(parseStoredEvent(record), view).nb}`)].join('\n'));
}

/** The option or argument that fills a command field, as it is typed: `--amount`, `<year>`. */
function flagFor(path: string, spec: TaskSpec): string | null {
  const covers = (field: string) => path === field || path.startsWith(`${field}.`) || field.startsWith(`${path}.`);
  const option = (spec.options ?? []).find((candidate) => candidate.fields.some(covers));
  if (option) return option.flags.split(/[ ,]/)[0]!;
  if (path === 'effectiveDate') return '--date';
  if (path === 'idempotencyKey') return '--key';
  const argument = (spec.args ?? []).find((candidate) => covers(candidate.field));
  return argument ? `<${argument.name}>` : null;
}

/** An invalid field named by the option or argument a user typed, not by the command's field path (`plan.amount` → `--amount`). */
function withFlags(error: CommandValidationError, spec: TaskSpec): CommandValidationError {
  return new CommandValidationError(error.issues.map((issue) => ({ ...issue, path: flagFor(issue.path, spec) ?? issue.path })));
}

/** The case a command is about, as its first argument. */
export const caseArgument: TaskArgument = {
  name: 'case-number',
  description: ['saken, NN.ÅÅ, som 22.25', 'the case, NN.YY, such as 22.25'],
  field: 'caseNumber',
  parse: (text, values) => values.caseNumber(text),
};

/** `22.25/1` (case and point): the resolution point a decision cites. */
export function parseAuthority(text: string, values: Values): { caseNumber: string; pointNumber: number } {
  const match = /^(\d{2}\.\d{2})\/(\d{1,2})$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(
      values.say(
        'En hjemmel er en sak og et punkt, skrevet NN.ÅÅ/P, som 22.25/1.',
        'An authority is a case and a point, written NN.YY/P, such as 22.25/1.',
      ),
    );
  return { caseNumber: match[1]!, pointNumber: Number(match[2]) };
}

/** `2025=1000000` or `2026=1 000 000`: a year and an amount (an instalment, an allocation line). */
export function parseYearAmount(text: string, values: Values): { year: number; amount: string } {
  const match = /^(\d{4})=(.+)$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(
      values.say(
        'Skriv et år og et beløp som ÅR=BELØP, som 2026=500000.',
        'Write a year and an amount as YEAR=AMOUNT, such as 2026=500000.',
      ),
    );
  return { year: values.year(match[1]!), amount: values.amount(match[2]!) };
}
