import { createHash } from 'node:crypto';
import { InvalidArgumentError, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { parseStoredEvent } from '../../../events/catalogue.js';
import { describeEvent } from '../../../projections/describe.js';
import { CommandValidationError } from '../../app/errors.js';
import { readPositions } from '../../app/projection-runner.js';
import type { CommandType } from '../../commands/table.js';
import { canonicalJson } from '../../store/hash-chain.js';
import { parseDate } from '../values.js';
import { UsageError, helpGroups, type Cli, type CliContext } from '../verb.js';

/**
 * Task verbs: the secretariat's commands from the command line, one verb each
 * (`ledger grant award 2025 --initiative vip --amount 3000000 --authority 22.25/1`), each
 * with its own help, recorded through the same rules with the same refusals. `record`
 * stays for files of commands.
 */
export interface TaskArgument {
  name: string;
  description: string;
  parse?: (text: string) => unknown;
}

export interface TaskOption {
  /** Commander flags, e.g. `--amount <amount>`; `<…>...` is not used: repeatable options say `repeatable`. */
  flags: string;
  description: string;
  parse?: (text: string) => unknown;
  required?: boolean;
  repeatable?: boolean;
  choices?: readonly string[];
}

export interface TaskSpec {
  /** The command the verb records. */
  type: CommandType;
  /** `['grant', 'award']`: the verb under its group; a group that is also a read (`case`) keeps its read. */
  path: readonly [string, string];
  summary: string;
  description?: string;
  args?: readonly TaskArgument[];
  options?: readonly TaskOption[];
  /** The command's fields from the arguments and options (without type, key and date). */
  build: (args: readonly unknown[], options: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/** Adds a task verb under its group (created the first time, or the existing read verb of that name). */
export function addTask(cli: Cli, spec: TaskSpec): void {
  const [groupName, verbName] = spec.path;
  const program = cli.program as unknown as CommandUnknownOpts;
  let group = program.commands.find((command) => command.name() === groupName);
  if (!group) group = program.command(groupName).helpGroup(helpGroups.records).summary(`record: ${groupName} …`);
  const verb = group
    .command(verbName)
    .summary(spec.summary)
    .description(spec.description ?? spec.summary);
  for (const argument of spec.args ?? [])
    verb.argument(`<${argument.name}>`, argument.description, argument.parse ?? ((text: string) => text));
  for (const option of spec.options ?? []) verb.addOption(optionOf(option));
  verb.addOption(new Option('--date <date>', 'the date it took effect, YYYY-MM-DD (default: today)').argParser(parseDate));
  verb.addOption(
    new Option('--key <key>', 'the idempotency key (default: one derived from the command, so running it again records nothing new)'),
  );
  verb.action(
    cli.action<unknown[]>(async (context: CliContext, ...parsed: unknown[]) => {
      const options = parsed[(spec.args ?? []).length] as Record<string, unknown>;
      const args = parsed.slice(0, (spec.args ?? []).length);
      let fields: Record<string, unknown>;
      try {
        fields = spec.build(args, options);
      } catch (error: unknown) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      const body = { type: spec.type, ...fields, ...(options.date ? { effectiveDate: options.date } : {}) };
      const command = { ...body, idempotencyKey: (options.key as string | undefined) ?? `cli-${keyOf(body)}` };
      await recordTask(context, command, spec);
    }),
  );
}

function optionOf(spec: TaskOption): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.repeatable)
    option.argParser((text: string, previous: unknown) => [
      ...((previous as unknown[] | undefined) ?? []),
      spec.parse ? spec.parse(text) : text,
    ]);
  else if (spec.parse) option.argParser(spec.parse);
  if (spec.required) option.makeOptionMandatory(true);
  return option;
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

/** An invalid field named by the option a user typed, not by the command's field path. */
function withFlags(error: CommandValidationError, spec: TaskSpec): CommandValidationError {
  const flags = (spec.options ?? []).map((option) => option.flags.split(/[ ,]/)[0]!);
  const named = error.issues.map((issue) => {
    const field = issue.path.split('.')[0] ?? '';
    const flag = flags.find((candidate) => candidate === `--${kebab(field)}`);
    return flag ? { ...issue, path: `${flag} (${issue.path})` } : issue;
  });
  return new CommandValidationError(named);
}

const kebab = (text: string) => text.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** `22.25/1` (case and point): the resolution point a decision cites. */
export function parseAuthority(text: string): { caseNumber: string; pointNumber: number } {
  const match = /^(\d{2}\.\d{2})\/(\d{1,2})$/.exec(text);
  if (!match) throw new InvalidArgumentError('An authority is a case and a point, written NN.YY/P, such as 22.25/1.');
  return { caseNumber: match[1]!, pointNumber: Number(match[2]) };
}

/** `2025=1000000`: a year and an amount (an instalment, an allocation line). */
export function parseYearAmount(text: string): { year: number; amount: string } {
  const match = /^(\d{4})=(.+)$/.exec(text);
  if (!match) throw new InvalidArgumentError('Write a year and an amount as YEAR=AMOUNT, such as 2026=500000.');
  return { year: Number(match[1]), amount: match[2]! };
}

/** A whole number. */
export function parseWhole(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError('A whole number, such as 2.');
  return Number(text);
}
