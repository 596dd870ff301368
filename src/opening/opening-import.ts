import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Criterion, Phase } from '../../events/identifiers.js';
import type { CommandHandler, CommandResult } from '../app/command-handler.js';
import { BatchCommandError } from '../app/errors.js';
import type { CommandInput } from '../commands/table.js';
import { formatAmount } from '../domain/money.js';
import { canonicalJson } from '../store/hash-chain.js';
import { matchToRegistry } from './opening-plan.js';
import type { FundsChoice, MatchedInitiative, OpeningPreview as Preview } from './preview.js';
import { comparable, type RegistryNames } from './registry-match.js';
import { SheetError, type SheetProblem } from './sheet-problems.js';
import { readOpeningSheet, type SheetReadOptions, type SheetReading } from './sheet-read.js';

/**
 * Importing an opening balance from a spreadsheet: read, matched to the registry, shown
 * in full (every figure, every name with what it matched, every new programme area and
 * initiative, the column mapping) and only then recorded — the registrations and the
 * opening balance as one unit, all or nothing. A sheet with any problem records nothing.
 */

export interface ImportOptions extends SheetReadOptions {
  fileName: string;
  /** The day the opening balance (and what it registers) takes effect; default today. */
  effectiveDate?: string;
  /** The document the figures come from; by default what the ledger's own document says, or the file's name. */
  source?: { document?: string; caseNumber?: string; date?: string };
  /** Whether the sheet's receipt of the year is recorded as received, as expected, or not. @defaultValue 'none' */
  funds?: FundsChoice;
  /** The day the funds arrived, when recorded as received; default the document's date. */
  receivedOn?: string;
  /** Register the programme areas and initiatives the registry does not have. @defaultValue false */
  registerNew?: boolean;
  /** For new initiatives whose line does not say. @defaultValue drift / oppstart */
  criterion?: Criterion;
  phase?: Phase;
  /** The case that granted the earmarked money, for lines that do not say. */
  grantedBy?: { caseNumber: string; pointNumber?: number };
  /** The year's own figures, for a sheet without a frame sheet (or to replace its). */
  figures?: { remainderCarriedIn?: string; releasedCarriedIn?: string; reserveFundBalance?: string };
}

/** The preview the server makes: its commands are the ledger's own. */
export type OpeningPreview = Preview<CommandInput>;

/** A command before its key (distributed over the union of commands). */
type Unkeyed = CommandInput extends infer C ? (C extends unknown ? Omit<C, 'idempotencyKey'> : never) : never;

const sum = (amounts: (string | null)[]) => amounts.reduce((total, amount) => total.plus(amount ?? '0'), new Decimal(0));

function sourceOf(reading: SheetReading, options: ImportOptions, problems: SheetProblem[]): OpeningPreview['source'] {
  const caseNumber = options.source?.caseNumber ?? reading.reference?.caseNumber ?? undefined;
  const document =
    options.source?.document ?? (reading.reference?.caseNumber ? `Vedlegg 1 til sak ${reading.reference.caseNumber}` : options.fileName);
  const date = options.source?.date ?? reading.reference?.date ?? null;
  if (date === null) {
    problems.push({
      nb: 'dokumentets dato er ikke kjent: oppgi den (--source-date)',
      message: "the document's date is not known: give it (--source-date)",
    });
    return null;
  }
  return { document, ...(caseNumber ? { caseNumber } : {}), date };
}

function commitmentsOf(
  reading: SheetReading,
  registry: RegistryNames,
  initiatives: MatchedInitiative[],
  problems: SheetProblem[],
): OpeningPreview['commitments'] {
  const known = [...registry.initiatives].map((initiative) => ({ id: initiative.initiativeId, name: initiative.name }));
  const candidates = [...known, ...initiatives.map((initiative) => ({ id: initiative.id, name: initiative.name }))];
  return reading.commitments.map((commitment) => {
    const found =
      commitment.id !== null
        ? candidates.find((candidate) => candidate.id === commitment.id)
        : candidates.find((candidate) => comparable(candidate.name) === comparable(commitment.name));
    if (!found)
      problems.push({
        line: commitment.line,
        column: commitment.nameCell.column,
        nb: `forpliktelsen gjelder «${commitment.name}», som verken er registrert eller står blant linjene`,
        message: `the commitment is for «${commitment.name}», which is neither registered nor among the lines`,
      });
    return {
      line: commitment.line,
      initiativeId: found?.id ?? null,
      name: commitment.name,
      year: commitment.year,
      amount: commitment.amount,
      authority: commitment.authority,
      grantId: commitment.grantId,
    };
  });
}

/** The sheet read and matched, and the commands that would record it: nothing is recorded. */
export async function previewOpening(bytes: Buffer, registry: RegistryNames, options: ImportOptions): Promise<OpeningPreview> {
  const reading = await readOpeningSheet(bytes, options.fileName, options);
  const matched = matchToRegistry(reading, registry, {
    registerNew: options.registerNew ?? false,
    criterion: options.criterion ?? 'drift',
    phase: options.phase ?? 'oppstart',
  });
  const problems = [...reading.problems, ...matched.problems];
  const source = sourceOf(reading, options, problems);
  const commitments = commitmentsOf(reading, registry, matched.initiatives, problems);
  const figures = figuresOf(reading, matched.initiatives, commitments, options, problems);
  const preview: OpeningPreview = {
    year: options.year,
    fileName: options.fileName,
    format: reading.format,
    layout: reading.layout,
    sheetName: reading.sheetName,
    headerLine: reading.headerLine,
    mapping: reading.mapping,
    source,
    areas: matched.areas,
    initiatives: matched.initiatives,
    skipped: reading.skipped,
    commitments,
    figures,
    commands: [],
    problems,
  };
  if (problems.length === 0 && source !== null) preview.commands = commandsOf(preview, options, source);
  return preview;
}

function figuresOf(
  reading: SheetReading,
  initiatives: MatchedInitiative[],
  commitments: OpeningPreview['commitments'],
  options: ImportOptions,
  problems: SheetProblem[],
): OpeningPreview['figures'] {
  const frame = reading.frame;
  const figure = (name: 'remainderCarriedIn' | 'releasedCarriedIn', fallback: string | undefined) =>
    options.figures?.[name] ?? fallback ?? '0.00';
  const remainderCarriedIn = formatAmount(new Decimal(figure('remainderCarriedIn', frame.remainderCarriedIn?.amount)));
  const releasedCarriedIn = formatAmount(new Decimal(figure('releasedCarriedIn', frame.releasedCarriedIn?.amount)));
  const reserveFundBalance = formatAmount(new Decimal(options.figures?.reserveFundBalance ?? frame.reserveCarriedIn?.amount ?? '0'));
  // The year's funds as the sheet states them: received, or else expected.
  const received = frame.received?.amount ?? frame.expected?.amount ?? null;
  const funds = options.funds ?? 'none';
  if (funds !== 'none' && (received === null || new Decimal(received).isZero()))
    problems.push({ nb: 'arket oppgir ikke noe mottatt beløp for året', message: 'the sheet states no receipt for the year' });
  if (frame.priorYearAdjustment && !new Decimal(frame.priorYearAdjustment.amount).isZero())
    problems.push({
      line: frame.priorYearAdjustment.line,
      nb: 'en korreksjon av tidligere år kan ikke være inngående balanse: før den inn i gjenstående eller frigjort',
      message: 'a prior-year adjustment cannot be an opening figure: fold it into the remainder or the released funds',
    });
  const committedThisYear = sum(
    commitments.filter((commitment) => commitment.year === options.year).map((commitment) => commitment.amount),
  );
  if (frame.committed && !committedThisYear.equals(frame.committed.amount))
    problems.push({
      line: frame.committed.line,
      nb: `rammen oppgir forpliktelser på ${frame.committed.amount}, men forpliktelsene for ${options.year} i arket er ${formatAmount(committedThisYear)}`,
      message: `the frame states commitments of ${frame.committed.amount}, but the sheet's commitments for ${options.year} are ${formatAmount(committedThisYear)}`,
    });
  const frameTotal = new Decimal(remainderCarriedIn).plus(releasedCarriedIn).plus(funds === 'received' && received ? received : 0);
  return {
    remainderCarriedIn,
    releasedCarriedIn,
    reserveFundBalance,
    earmarkedTotal: formatAmount(sum(initiatives.map((line) => line.earmarked))),
    previousYearGrantedTotal: formatAmount(sum(initiatives.map((line) => line.previousGranted))),
    committedTotal: formatAmount(sum(commitments.map((commitment) => commitment.amount))),
    received,
    funds,
    frame: formatAmount(frameTotal),
  };
}

/** A key from the commands themselves: importing the same sheet the same way again records nothing new. */
function keyed(commands: Unkeyed[], year: number): CommandInput[] {
  const digest = createHash('sha256').update(canonicalJson(commands)).digest('hex').slice(0, 20);
  return commands.map((command, index) => ({ ...command, idempotencyKey: `opening-${year}-${digest}-${index + 1}` }));
}

function commandsOf(preview: OpeningPreview, options: ImportOptions, source: NonNullable<OpeningPreview['source']>): CommandInput[] {
  const when = options.effectiveDate ? { effectiveDate: options.effectiveDate } : {};
  const commands: Unkeyed[] = [];
  for (const area of preview.areas.filter((candidate) => candidate.status === 'new'))
    commands.push({ type: 'RegisterProgrammeArea', programmeAreaId: area.id, name: area.name, ...when });
  for (const initiative of preview.initiatives.filter((candidate) => candidate.status === 'new'))
    commands.push({
      type: 'RegisterInitiative',
      initiativeId: initiative.id,
      name: initiative.name,
      programmeAreaId: initiative.programmeAreaId!,
      criterion: initiative.criterion,
      phase: initiative.phase,
      ...when,
    });
  const { figures } = preview;
  const earmarks = preview.initiatives
    .filter((line) => !new Decimal(line.earmarked).isZero() || !new Decimal(line.previousGranted ?? '0').isZero())
    .map((line) => {
      const grantedBy = line.grantedBy ?? options.grantedBy;
      return {
        initiativeId: line.id,
        amount: line.earmarked,
        ...(grantedBy ? { grantedBy } : {}),
        ...(line.previousGranted !== null && !new Decimal(line.previousGranted).isZero()
          ? { previousYearGranted: line.previousGranted }
          : {}),
      };
    });
  const receivedOn = options.receivedOn ?? source.date;
  const funds =
    figures.funds === 'received' && figures.received
      ? { funds: { kind: 'received' as const, amount: figures.received, receivedOn } }
      : figures.funds === 'expected' && figures.received
        ? { funds: { kind: 'expected' as const, amount: figures.received } }
        : {};
  commands.push({
    type: 'RecordOpeningBalance',
    year: preview.year,
    source,
    remainderCarriedIn: figures.remainderCarriedIn,
    releasedCarriedIn: figures.releasedCarriedIn,
    reserveFundBalance: figures.reserveFundBalance,
    earmarks,
    commitments: preview.commitments.map((commitment) => ({
      initiativeId: commitment.initiativeId!,
      year: commitment.year,
      amount: commitment.amount,
      authority: commitment.authority,
      ...(commitment.grantId === null ? {} : { grantId: commitment.grantId }),
    })),
    ...funds,
    ...when,
  });
  return keyed(commands, preview.year);
}

/** Records a preview without problems: its registrations and its opening balance, as one unit. */
export async function recordOpening(
  handler: CommandHandler,
  preview: OpeningPreview,
  context: { actor: string; correlationId?: string },
): Promise<CommandResult[]> {
  if (preview.problems.length > 0) throw new SheetError(preview.problems);
  try {
    return await handler.executeAll(preview.commands, context);
  } catch (error: unknown) {
    // The refusal of the one command that broke a rule is the refusal of the import.
    throw error instanceof BatchCommandError ? error.cause : error;
  }
}
