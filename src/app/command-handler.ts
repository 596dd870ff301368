import type { z } from 'zod';
import { parseStoredEvent, type EventDraft, type LedgerEvent } from '../../events/catalogue.js';
import { CURRENT_SCHEMA_VERSION } from '../../events/catalogue.js';
import type { EventMetadata } from '../../events/envelope.js';
import { yearOfCaseNumber } from '../../events/identifiers.js';
import { CommandSchema, type Command } from '../commands/schemas.js';
import { caseStream, decideCase, evolveCase, initialCaseState, type CaseCommand, type CaseState } from '../case/case.js';
import { REGISTRY_STREAM, decideRegistry, evolveRegistry, initialRegistryState, type RegistryCommand, type RegistryState } from '../registry/registry.js';
import { decideYear, evolveYear, initialYearState, laterInstalmentYears, yearStateStreams, yearStream, type YearCommand, type YearState } from '../year/year.js';
import { ConcurrencyError } from '../store/errors.js';
import { canonicalJson, sha256Hex } from '../store/hash-chain.js';
import type { EventStore } from '../store/port.js';
import { CommandValidationError, IdempotencyKeyReusedError, type ValidationIssue } from './errors.js';

/** An event the command recorded, as the caller sees it. */
export interface RecordedEvent {
  id: string;
  type: string;
  stream: string;
  revision: number;
  position: number;
  effectiveDate: string;
  data: unknown;
}

export interface CommandResult {
  commandType: Command['type'];
  idempotencyKey: string;
  stream: string;
  events: RecordedEvent[];
  /** The stream's revision after the command (its ETag), or null if the stream has no events. */
  streamRevision: number | null;
  /** True when this idempotency key was already recorded: the first result is returned, nothing appended. */
  replayed: boolean;
}

export interface CommandContext {
  /** The account recording the command. */
  actor: string;
  /** The request or batch this command belongs to. */
  correlationId?: string;
  /** When set, the command applies only if the target stream is at this revision (HTTP If-Match). */
  expectedRevision?: number | null;
}

export interface CommandHandlerOptions {
  clock: () => Date;
  newId: () => string;
  /** How often a command is decided again after losing a race for its stream. @defaultValue 8 */
  maxAttempts?: number;
}

interface Entry<S> {
  target: string;
  streams: string[];
  state: S;
  evolve: (state: S, event: LedgerEvent) => S;
  revisions: Map<string, number>;
  head: { revision: number; hash: string } | null;
  commands: Map<string, { commandHash: string; commandType: Command['type']; events: RecordedEvent[] }>;
  pending: Promise<void>;
  /** The log's head when the entry last caught up (stores that can tell it cheaply). */
  seenHead: number;
}

/**
 * Command handling: parse, read the stream, decide, append at the revision read,
 * and retry when another writer got there first. Aggregate states are cached and
 * caught up from the store before every decision, so several processes can share
 * one store. A command's idempotency key is kept in its events' metadata, so a
 * repeat is recognised from the stream itself, even after a crash or on another instance.
 */
export class CommandHandler {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly maxAttempts: number;
  private readonly headNow: (() => number) | undefined;
  private readonly commandByKey: ((key: string) => { stream: string } | null) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: CommandHandlerOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    const withHead = store as EventStore & { headPositionNow?: () => number };
    this.headNow = typeof withHead.headPositionNow === 'function' ? () => withHead.headPositionNow!() : undefined;
    const withKeys = store as EventStore & { commandByIdempotencyKey?: (key: string) => { stream: string } | null };
    this.commandByKey = typeof withKeys.commandByIdempotencyKey === 'function' ? (key) => withKeys.commandByIdempotencyKey!(key) : undefined;
  }

  /** Parses a command from untrusted input; throws `CommandValidationError` listing every issue. */
  static parse(input: unknown): Command {
    const parsed = CommandSchema.safeParse(input);
    if (!parsed.success) throw new CommandValidationError(issuesOf(parsed.error));
    return parsed.data;
  }

  async execute(input: unknown, context: CommandContext): Promise<CommandResult> {
    const command = CommandHandler.parse(input);
    const { idempotencyKey, ...body } = command;
    const commandHash = sha256Hex(canonicalJson(body));
    const commandId = this.options.newId();
    for (let attempt = 1; ; attempt++) {
      const entry = await this.targetEntry(command);
      this.refuseKeyUsedElsewhere(idempotencyKey, entry.target);
      const replay = replayOf(entry, idempotencyKey, commandHash);
      if (replay) return replay;
      // A precondition (If-Match) is checked before the rules, and again after them.
      checkExpected(entry.target, context.expectedRevision, entry.head?.revision ?? null);
      const now = this.options.clock();
      const effectiveDate = command.effectiveDate ?? osloDate(now);
      const drafts = await this.decide(command, entry, effectiveDate);
      // Deciding awaited catch-ups, during which a concurrent send of this very command
      // may have been recorded: look again, with no await between this look, the
      // revision read and the append.
      const recordedMeanwhile = replayOf(entry, idempotencyKey, commandHash);
      if (recordedMeanwhile) return recordedMeanwhile;
      const actual = entry.head?.revision ?? null;
      checkExpected(entry.target, context.expectedRevision, actual);
      const events = drafts.map((draft) => {
        const metadata: EventMetadata = {
          recordedAt: now.toISOString(),
          effectiveDate,
          actor: context.actor,
          correlationId: context.correlationId ?? commandId,
          causationId: commandId,
          idempotencyKey,
          commandHash,
          ...(draft.corrects === undefined ? {} : { corrects: draft.corrects }),
        };
        return { id: this.options.newId(), type: draft.type, schemaVersion: CURRENT_SCHEMA_VERSION, data: draft.data, metadata };
      });
      if (events.length === 0)
        return { commandType: command.type, idempotencyKey, stream: entry.target, events: [], streamRevision: actual, replayed: false };
      try {
        await this.store.append(entry.target, events, actual === null ? 'no-stream' : actual);
      } catch (error: unknown) {
        if (error instanceof ConcurrencyError && context.expectedRevision === undefined && attempt < this.maxAttempts) continue;
        throw error;
      }
      await this.refresh(entry);
      const recorded = entry.commands.get(idempotencyKey);
      if (!recorded) throw new Error(`the events of command ${idempotencyKey} were appended but cannot be read back`);
      return { commandType: command.type, idempotencyKey, stream: entry.target, events: recorded.events, streamRevision: entry.head?.revision ?? null, replayed: false };
    }
  }

  /**
   * A key already used for a command on another stream was used for another command
   * (the same command always targets the same stream). Where the store can look keys up
   * (SQLite), that is refused; elsewhere keys are recognised within the target stream.
   */
  private refuseKeyUsedElsewhere(idempotencyKey: string, target: string): void {
    const found = this.commandByKey?.(idempotencyKey);
    if (found && found.stream !== target) throw new IdempotencyKeyReusedError(idempotencyKey);
  }

  /** The current revision of the stream a command would write to (for ETags). */
  async streamRevisionOf(stream: string): Promise<number | null> {
    return this.store.streamRevision(stream);
  }

  private async targetEntry(command: Command): Promise<Entry<unknown>> {
    switch (command.type) {
      case 'RegisterProgrammeArea':
      case 'RegisterInitiative':
      case 'ChangeInitiativePhase':
      case 'RegisterPartner':
      case 'RegisterCommitteeMember':
        return this.registryEntry() as Promise<Entry<unknown>>;
      case 'OpenCase':
      case 'SubmitProposal':
      case 'ReviseProposal':
      case 'RecordRecommendation':
      case 'ProposeResolution':
      case 'CastVote':
      case 'AdoptResolution':
        return this.caseEntry(command.caseNumber) as Promise<Entry<unknown>>;
      default:
        return this.yearEntry(command.year) as Promise<Entry<unknown>>;
    }
  }

  private async decide(command: Command, entry: Entry<unknown>, effectiveDate: string): Promise<EventDraft[]> {
    const newId = this.options.newId;
    switch (command.type) {
      case 'RegisterProgrammeArea':
      case 'RegisterInitiative':
      case 'ChangeInitiativePhase':
      case 'RegisterPartner':
      case 'RegisterCommitteeMember': {
        const link = command.type === 'RegisterInitiative' ? command.fromProposal : undefined;
        const linkedCase = link ? (await this.caseEntry(link.caseNumber)).state : null;
        await this.refresh(entry);
        return decideRegistry(command as RegistryCommand, entry.state as RegistryState, {
          proposalTarget: (caseNumber, proposalId) =>
            linkedCase && linkedCase.caseNumber === caseNumber ? (linkedCase.proposals.get(proposalId)?.target ?? null) : null,
        });
      }
      case 'OpenCase':
      case 'SubmitProposal':
      case 'ReviseProposal':
      case 'RecordRecommendation':
      case 'ProposeResolution':
      case 'CastVote':
      case 'AdoptResolution': {
        const registry = (await this.registryEntry()).state;
        const closedYears = new Set<number>();
        if (command.type === 'CastVote') {
          const caseYear = yearOfCaseNumber(command.caseNumber);
          if ((await this.yearEntry(caseYear)).state.closed) closedYears.add(caseYear);
        }
        // Dependencies are caught up first; the target's state is read after the last await.
        const state = entry.state as CaseState;
        return decideCase(command as CaseCommand, state, { registry, isYearClosed: (year) => closedYears.has(year), newId, effectiveDate });
      }
      default: {
        const registry = (await this.registryEntry()).state;
        const cases = new Map<string, CaseState>();
        const cited = 'authority' in command && command.authority ? command.authority.caseNumber : null;
        if (cited) cases.set(cited, (await this.caseEntry(cited)).state);
        const closedYears = new Set<number>();
        const laterYears =
          command.type === 'AwardGrant' ? laterInstalmentYears(command.plan, command.year) : command.type === 'SettleYear' ? [command.year + 1] : [];
        for (const later of laterYears) if ((await this.yearEntry(later)).state.closed) closedYears.add(later);
        await this.refresh(entry);
        return decideYear(command as YearCommand, entry.state as YearState, {
          registry,
          cases,
          streamHead: entry.head,
          isYearClosed: (year) => closedYears.has(year),
          newId,
          effectiveDate,
        });
      }
    }
  }

  private registryEntry(): Promise<Entry<RegistryState>> {
    return this.entry(REGISTRY_STREAM, [REGISTRY_STREAM], initialRegistryState(), evolveRegistry);
  }

  private caseEntry(caseNumber: string): Promise<Entry<CaseState>> {
    const stream = caseStream(caseNumber);
    return this.entry(stream, [stream], initialCaseState(caseNumber), evolveCase);
  }

  private yearEntry(year: number): Promise<Entry<YearState>> {
    return this.entry(yearStream(year), yearStateStreams(year), initialYearState(year), evolveYear);
  }

  private async entry<S>(target: string, streams: string[], initial: S, evolve: (state: S, event: LedgerEvent) => S): Promise<Entry<S>> {
    let entry = this.entries.get(target) as Entry<S> | undefined;
    if (!entry) {
      entry = { target, streams, state: initial, evolve, revisions: new Map(), head: null, commands: new Map(), pending: Promise.resolve(), seenHead: -1 };
      this.entries.set(target, entry as Entry<unknown>);
    }
    await this.refresh(entry);
    return entry;
  }

  /** Catches an entry up with its streams. Refreshes of one entry run one at a time. */
  private refresh<S>(entry: Entry<S>): Promise<void> {
    const run = entry.pending.then(async () => {
      // Where the store can tell its head cheaply (SQLite), nothing new in the log means
      // nothing new in these streams: skip reading them.
      const head = this.headNow?.();
      if (head !== undefined && head === entry.seenHead) return;
      for (const stream of entry.streams) {
        const fromRevision = (entry.revisions.get(stream) ?? -1) + 1;
        for await (const record of this.store.readStream(stream, { fromRevision })) {
          const event = parseStoredEvent(record);
          entry.state = entry.evolve(entry.state, event);
          entry.revisions.set(stream, record.revision);
          if (stream === entry.target) {
            entry.head = { revision: record.revision, hash: record.hash };
            indexCommand(entry, event);
          }
        }
      }
      if (head !== undefined) entry.seenHead = head;
    });
    entry.pending = run.catch(() => undefined);
    return run;
  }
}

/** The first result of a command already recorded under this key, or a refusal if the key was used for another command. */
function replayOf<S>(entry: Entry<S>, idempotencyKey: string, commandHash: string): CommandResult | null {
  const prior = entry.commands.get(idempotencyKey);
  if (!prior) return null;
  if (prior.commandHash !== commandHash) throw new IdempotencyKeyReusedError(idempotencyKey);
  return { commandType: prior.commandType, idempotencyKey, stream: entry.target, events: prior.events, streamRevision: entry.head?.revision ?? null, replayed: true };
}

function checkExpected(stream: string, expected: number | null | undefined, actual: number | null): void {
  if (expected !== undefined && expected !== actual) throw new ConcurrencyError(stream, expected ?? 'no-stream', actual);
}

function indexCommand<S>(entry: Entry<S>, event: LedgerEvent): void {
  const { idempotencyKey, commandHash } = event.metadata;
  let command = entry.commands.get(idempotencyKey);
  if (!command) {
    command = { commandHash, commandType: commandTypeOf(event), events: [] };
    entry.commands.set(idempotencyKey, command);
  }
  command.events.push({
    id: event.id,
    type: event.type,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    effectiveDate: event.metadata.effectiveDate,
    data: event.data,
  });
}

const commandTypeByEvent: Record<LedgerEvent['type'], Command['type']> = {
  ProgrammeAreaRegistered: 'RegisterProgrammeArea',
  InitiativeRegistered: 'RegisterInitiative',
  InitiativePhaseChanged: 'ChangeInitiativePhase',
  PartnerRegistered: 'RegisterPartner',
  CommitteeMemberRegistered: 'RegisterCommitteeMember',
  CaseOpened: 'OpenCase',
  ProposalSubmitted: 'SubmitProposal',
  ProposalRevised: 'ReviseProposal',
  RecommendationRecorded: 'RecordRecommendation',
  ResolutionProposed: 'ProposeResolution',
  VoteCast: 'CastVote',
  ResolutionAdopted: 'AdoptResolution',
  FundsReceived: 'ReceiveFunds',
  GrantAwarded: 'AwardGrant',
  GrantAdjusted: 'AdjustGrant',
  FundsReleased: 'ReleaseFunds',
  SpendingReported: 'ReportSpending',
  SpendingCorrected: 'CorrectSpending',
  ReserveFundEstablished: 'EstablishReserveFund',
  RemainderCarriedForward: 'SettleYear',
  ReleasedFundsCarriedForward: 'SettleYear',
  EarmarkedFundsCarriedOver: 'SettleYear',
  ReserveFundCarriedOver: 'SettleYear',
  YearClosed: 'SettleYear',
};

function commandTypeOf(event: LedgerEvent): Command['type'] {
  return commandTypeByEvent[event.type];
}

export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const osloDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Norway, `YYYY-MM-DD`. */
export function osloDate(instant: Date): string {
  return osloDateFormat.format(instant);
}
