import type { z } from 'zod';
import { parseStoredEvent, type EventDraft, type LedgerEvent, type StoredRecord } from '../../events/catalogue.js';
import { CURRENT_SCHEMA_VERSION } from '../../events/catalogue.js';
import type { EventMetadata } from '../../events/envelope.js';
import { yearOfCaseNumber } from '../../events/identifiers.js';
import { CommandSchema, type Command } from '../commands/schemas.js';
import { caseStream, decideCase, evolveCase, initialCaseState, type CaseState } from '../case/case.js';
import { REGISTRY_STREAM, decideRegistry, evolveRegistry, initialRegistryState, type RegistryState } from '../registry/registry.js';
import {
  decideYear,
  evolveYear,
  initialYearState,
  laterInstalmentYears,
  yearStateStreams,
  yearStream,
  type YearState,
} from '../year/year.js';
import { ConcurrencyError } from '../store/errors.js';
import { canonicalJson, sha256Hex } from '../store/hash-chain.js';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision } from '../store/port.js';
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
}

/**
 * Command handling: parse, catch the cached aggregate states up with the store,
 * decide, append. On SQLite the catch-up, the rules and the append are one
 * synchronous write transaction, so nothing changes what the rules read before the
 * append. On other stores (EventStoreDB) the append is made at the revision read and
 * the command is decided again when another writer got there first. Either way
 * several processes can share one store. A command's idempotency key is kept in its
 * events' metadata, so a repeat is recognised from the stream itself, even after a
 * crash or on another instance.
 */
export class CommandHandler {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly maxAttempts: number;
  private readonly commandByKey: ((key: string) => { stream: string } | null) | undefined;
  /** Set when the store can be read and written synchronously (SQLite): see `catchUpSync`. */
  private readonly syncLog: SyncLog | undefined;
  /** Sync mode: every event up to this position has been applied to every loaded entry. */
  private tail = -1;
  /** Sync mode: the loaded entries that fold each stream. */
  private readonly foldersOf = new Map<string, Entry<unknown>[]>();
  /** Sync mode: commands waiting for the next group. */
  private readonly queue: { attempt: Attempt; resolve: (result: CommandResult) => void; reject: (error: unknown) => void }[] = [];
  private flushScheduled = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: CommandHandlerOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    const withKeys = store as EventStore & { commandByIdempotencyKey?: (key: string) => { stream: string } | null };
    this.commandByKey =
      typeof withKeys.commandByIdempotencyKey === 'function' ? (key) => withKeys.commandByIdempotencyKey!(key) : undefined;
    const sync = store as EventStore & Partial<SyncLog>;
    if (
      typeof sync.headPositionNow === 'function' &&
      typeof sync.readAllSync === 'function' &&
      typeof sync.readStreamSync === 'function' &&
      typeof sync.appendSync === 'function' &&
      typeof sync.transaction === 'function' &&
      typeof sync.inTransaction === 'function'
    )
      this.syncLog = sync as SyncLog;
  }

  /** Parses a command from untrusted input; throws `CommandValidationError` listing every issue. */
  static parse(input: unknown): Command {
    const parsed = CommandSchema.safeParse(input);
    if (!parsed.success) throw new CommandValidationError(issuesOf(parsed.error));
    return parsed.data;
  }

  async execute(input: unknown, context: CommandContext): Promise<CommandResult> {
    const command = CommandHandler.parse(input);
    const { idempotencyKey: _key, ...body } = command;
    const commandHash = sha256Hex(canonicalJson(body));
    const commandId = this.options.newId();
    const attempt: Attempt = { command, commandHash, commandId, context };
    return this.syncLog ? this.executeSync(this.syncLog, attempt) : this.executeAsync(attempt);
  }

  /**
   * SQLite: commands are recorded in groups. Commands that arrive while the event loop
   * is busy are queued and run together in one write transaction (BEGIN IMMEDIATE),
   * each in its own savepoint: catch-up, rules and append as one synchronous step, so
   * nothing, in this process or another, changes what the rules read before the
   * append, and a later command of the group sees the events of the earlier ones. One
   * commit (one fsync) makes the whole group durable; only then is any of its commands
   * acknowledged. A command the rules refuse rolls back alone; a failed commit fails
   * every command of the group and leaves nothing of it in memory or on disk.
   */
  private executeSync(log: SyncLog, attempt: Attempt): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ attempt, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush(log));
      }
    });
  }

  private flush(log: SyncLog): void {
    this.flushScheduled = false;
    const group = this.queue.splice(0, MAX_GROUP);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush(log));
    }
    const outcomes: ({ result: CommandResult } | { error: unknown })[] = [];
    let appended = false;
    try {
      log.transaction(() => {
        for (const { attempt } of group) {
          try {
            outcomes.push({ result: log.transaction(() => this.recordNow(log, attempt, () => (appended = true))) });
          } catch (error: unknown) {
            // Some failures (a full disk, an I/O error) make SQLite roll the whole
            // transaction back: then the group has failed, with this error, and none of
            // the rest may run outside it.
            if (!log.inTransaction()) throw error;
            outcomes.push({ error });
          }
        }
      });
    } catch (error: unknown) {
      // The commit failed: nothing of the group is stored, so nothing of it may stay in memory.
      if (appended) this.forgetEntries();
      for (const { reject } of group) reject(error);
      return;
    }
    group.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index]!;
      if ('result' in outcome) resolve(outcome.result);
      else reject(outcome.error);
    });
  }

  /** One command of a group, inside its savepoint: catch up, decide, append, apply. */
  private recordNow(log: SyncLog, attempt: Attempt, onAppend: () => void): CommandResult {
    const entry = this.lookupNow(this.entryKindOf(attempt.command));
    const prepared = this.prepare(attempt, entry, this.lookupNow);
    if ('result' in prepared) return prepared.result;
    const appended = log.appendSync(entry.target, prepared.events, prepared.expected);
    onAppend();
    try {
      this.applyOwnAppend(entry.target, prepared.events, prepared.expected === 'no-stream' ? null : prepared.expected, appended);
    } catch (error: unknown) {
      // The savepoint rolls the append back; the states may hold part of it.
      this.forgetEntries();
      throw error;
    }
    return this.recordedResult(attempt, entry);
  }

  /** Other stores: read, decide, append at the revision read, and retry when another writer got there first. */
  private async executeAsync(attempt: Attempt): Promise<CommandResult> {
    for (let round = 1; ; round++) {
      const [target, streams, initial, evolve] = this.entryKindOf(attempt.command);
      const entry = await this.entry(target, streams, initial(), evolve);
      await this.loadDependencies(attempt.command);
      await this.refresh(entry);
      // Everything the rules read is loaded: from here to the append nothing awaits.
      const prepared = this.prepare(attempt, entry, ([target]) => {
        const loaded = this.entries.get(target);
        if (!loaded) throw new Error(`${target} was not loaded before the decision`);
        return loaded;
      });
      if ('result' in prepared) return prepared.result;
      let appended: AppendResult;
      try {
        appended = await this.store.append(entry.target, prepared.events, prepared.expected);
      } catch (error: unknown) {
        if (error instanceof ConcurrencyError && attempt.context.expectedRevision === undefined && round < this.maxAttempts) continue;
        throw error;
      }
      await this.refresh(entry);
      // The refresh may also have read what others appended after us: the command's
      // revision (its ETag) is the one its own append left.
      return { ...this.recordedResult(attempt, entry), streamRevision: appended.nextRevision };
    }
  }

  /** Replay, precondition, rules and the events to append, or the answer when nothing is appended. */
  private prepare(attempt: Attempt, entry: Entry<unknown>, lookup: Lookup): { result: CommandResult } | PreparedAppend {
    const { command, commandHash, commandId, context } = attempt;
    const { idempotencyKey } = command;
    this.refuseKeyUsedElsewhere(idempotencyKey, entry.target);
    const replay = replayOf(entry, idempotencyKey, commandHash);
    if (replay) return { result: replay };
    const actual = entry.head?.revision ?? null;
    checkExpected(entry.target, context.expectedRevision, actual);
    const now = this.options.clock();
    const effectiveDate = command.effectiveDate ?? osloDate(now);
    const drafts = this.decide(command, entry, effectiveDate, lookup);
    const events = drafts.map((draft): EventToAppend => {
      // Keys in alphabetical order: the canonical form the hash chain covers, so hashing
      // it (here and at every later verification or import) takes the fast path.
      const metadata: EventMetadata = {
        actor: context.actor,
        causationId: commandId,
        commandHash,
        correlationId: context.correlationId ?? commandId,
        ...(draft.corrects === undefined ? {} : { corrects: draft.corrects }),
        effectiveDate,
        idempotencyKey,
        recordedAt: now.toISOString(),
      };
      return validated(
        { id: this.options.newId(), type: draft.type, schemaVersion: CURRENT_SCHEMA_VERSION, data: draft.data, metadata },
        entry.target,
      );
    });
    if (events.length === 0)
      return {
        result: { commandType: command.type, idempotencyKey, stream: entry.target, events: [], streamRevision: actual, replayed: false },
      };
    return { entry, events, expected: actual === null ? 'no-stream' : actual };
  }

  private recordedResult(attempt: Attempt, entry: Entry<unknown>): CommandResult {
    const { type, idempotencyKey } = attempt.command;
    const recorded = entry.commands.get(idempotencyKey);
    if (!recorded) throw new Error(`the events of command ${idempotencyKey} were appended but cannot be read back`);
    return {
      commandType: type,
      idempotencyKey,
      stream: entry.target,
      events: recorded.events,
      streamRevision: entry.head?.revision ?? null,
      replayed: false,
    };
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

  private entryKindOf(command: Command): EntryKind {
    switch (command.type) {
      case 'RegisterProgrammeArea':
      case 'RegisterInitiative':
      case 'ChangeInitiativePhase':
      case 'RegisterPartner':
      case 'RegisterCommitteeMember':
        return registryKind();
      case 'OpenCase':
      case 'SubmitProposal':
      case 'ReviseProposal':
      case 'RecordRecommendation':
      case 'ProposeResolution':
      case 'CastVote':
      case 'AdoptResolution':
        return caseKind(command.caseNumber);
      default:
        return yearKind(command.year);
    }
  }

  /** The other entries the rules of a command consult, besides its target. */
  private dependenciesOf(command: Command): EntryKind[] {
    switch (command.type) {
      case 'RegisterInitiative':
        return command.fromProposal ? [caseKind(command.fromProposal.caseNumber)] : [];
      case 'RegisterProgrammeArea':
      case 'ChangeInitiativePhase':
      case 'RegisterPartner':
      case 'RegisterCommitteeMember':
        return [];
      case 'CastVote':
        return [registryKind(), yearKind(yearOfCaseNumber(command.caseNumber))];
      case 'OpenCase':
      case 'SubmitProposal':
      case 'ReviseProposal':
      case 'RecordRecommendation':
      case 'ProposeResolution':
      case 'AdoptResolution':
        return [registryKind()];
      default: {
        const cited = 'authority' in command && command.authority ? [caseKind(command.authority.caseNumber)] : [];
        const laterYears =
          command.type === 'AwardGrant'
            ? laterInstalmentYears(command.plan, command.year)
            : command.type === 'SettleYear'
              ? [command.year + 1]
              : [];
        return [registryKind(), ...cited, ...laterYears.map(yearKind)];
      }
    }
  }

  private async loadDependencies(command: Command): Promise<void> {
    for (const [target, streams, initial, evolve] of this.dependenciesOf(command)) await this.entry(target, streams, initial(), evolve);
  }

  /** Sync mode: an entry, loaded and caught up now. */
  private readonly lookupNow: Lookup = ([target, streams, initial, evolve]) =>
    this.entrySync(this.syncLog!, target, streams, initial(), evolve);

  /** The rules of a command, on loaded states; synchronous, so nothing changes them meanwhile. */
  private decide(command: Command, entry: Entry<unknown>, effectiveDate: string, lookup: Lookup): EventDraft[] {
    const newId = this.options.newId;
    const state = <S>(kind: EntryKind): S => lookup(kind).state as S;
    switch (command.type) {
      case 'RegisterProgrammeArea':
      case 'RegisterInitiative':
      case 'ChangeInitiativePhase':
      case 'RegisterPartner':
      case 'RegisterCommitteeMember': {
        const link = command.type === 'RegisterInitiative' ? command.fromProposal : undefined;
        const linkedCase = link ? state<CaseState>(caseKind(link.caseNumber)) : null;
        return decideRegistry(command, entry.state as RegistryState, {
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
        const registry = state<RegistryState>(registryKind());
        const closedYears = new Set<number>();
        if (command.type === 'CastVote') {
          const caseYear = yearOfCaseNumber(command.caseNumber);
          if (state<YearState>(yearKind(caseYear)).closed) closedYears.add(caseYear);
        }
        return decideCase(command, entry.state as CaseState, {
          registry,
          isYearClosed: (year) => closedYears.has(year),
          newId,
          effectiveDate,
        });
      }
      default: {
        const registry = state<RegistryState>(registryKind());
        const cases = new Map<string, CaseState>();
        const cited = 'authority' in command && command.authority ? command.authority.caseNumber : null;
        if (cited) cases.set(cited, state<CaseState>(caseKind(cited)));
        const closedYears = new Set<number>();
        const laterYears =
          command.type === 'AwardGrant'
            ? laterInstalmentYears(command.plan, command.year)
            : command.type === 'SettleYear'
              ? [command.year + 1]
              : [];
        for (const later of laterYears) if (state<YearState>(yearKind(later)).closed) closedYears.add(later);
        return decideYear(command, entry.state as YearState, {
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

  /** Other stores: an entry, caught up with its streams. */
  private async entry<S>(target: string, streams: string[], initial: S, evolve: (state: S, event: LedgerEvent) => S): Promise<Entry<S>> {
    let entry = this.entries.get(target) as Entry<S> | undefined;
    if (!entry) {
      entry = {
        target,
        streams,
        state: initial,
        evolve,
        revisions: new Map(),
        head: null,
        commands: new Map(),
        pending: Promise.resolve(),
      };
      this.entries.set(target, entry as Entry<unknown>);
    }
    await this.refresh(entry);
    return entry;
  }

  /** Other stores: catches an entry up with its streams. Refreshes of one entry run one at a time. */
  private refresh<S>(entry: Entry<S>): Promise<void> {
    const run = entry.pending.then(async () => {
      for (const stream of entry.streams) {
        const fromRevision = (entry.revisions.get(stream) ?? -1) + 1;
        for await (const record of this.store.readStream(stream, { fromRevision })) applyTo(entry, stream, parseStoredEvent(record));
      }
    });
    entry.pending = run.catch(() => undefined);
    return run;
  }

  /**
   * Sync mode (SQLite): the handler follows the log itself. Loaded entries are kept
   * current by applying every new event of the log to the entries that fold its
   * stream, so a command costs one look at the log's head when nothing else wrote,
   * and its own events are applied as they are appended, without reading them back.
   * Everything here is synchronous, so no other command runs between a catch-up,
   * the decision's reads and the append.
   */
  private entrySync<S>(log: SyncLog, target: string, streams: string[], initial: S, evolve: (state: S, event: LedgerEvent) => S): Entry<S> {
    this.catchUpSync(log);
    let entry = this.entries.get(target) as Entry<S> | undefined;
    if (entry) return entry;
    entry = { target, streams, state: initial, evolve, revisions: new Map(), head: null, commands: new Map(), pending: Promise.resolve() };
    for (const stream of streams) {
      for (const record of log.readStreamSync(stream, { fromRevision: 0 })) applyTo(entry, stream, parseStoredEvent(record));
      const folders = this.foldersOf.get(stream);
      if (folders) folders.push(entry as Entry<unknown>);
      else this.foldersOf.set(stream, [entry as Entry<unknown>]);
    }
    this.entries.set(target, entry as Entry<unknown>);
    return entry;
  }

  private catchUpSync(log: SyncLog): void {
    const head = log.headPositionNow();
    if (head === this.tail) return;
    if (this.entries.size === 0 || head < this.tail || head - this.tail > FORGET_AFTER) {
      // Nothing loaded, or so much written elsewhere that reloading what is needed
      // costs less than following it all.
      this.forgetEntries();
      this.tail = head;
      return;
    }
    for (const record of log.readAllSync({ afterPosition: this.tail })) {
      const folders = this.foldersOf.get(record.stream);
      if (folders) {
        const event = parseStoredEvent(record);
        for (const entry of folders) applyTo(entry, record.stream, event);
      }
      this.tail = record.position;
    }
  }

  /**
   * Applies the events this handler just appended (validated before the append, so
   * they are not parsed again), or catches up if others wrote in between.
   */
  private applyOwnAppend(stream: string, events: EventToAppend[], before: number | null, appended: AppendResult): void {
    if (appended.positions[0] !== this.tail + 1) return this.catchUpSync(this.syncLog!);
    const folders = this.foldersOf.get(stream) ?? [];
    events.forEach((event, index) => {
      const recorded = {
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        stream,
        revision: (before ?? -1) + 1 + index,
        position: appended.positions[index]!,
        data: event.data,
        metadata: event.metadata,
        hash: appended.hashes[index]!,
      } as LedgerEvent;
      for (const entry of folders) applyTo(entry, stream, recorded);
      this.tail = recorded.position;
    });
  }

  private forgetEntries(): void {
    this.entries.clear();
    this.foldersOf.clear();
  }
}

/** Sync mode needs a store that can be read and appended to synchronously (SQLite). */
interface SyncLog {
  headPositionNow(): number;
  readAllSync(options: { afterPosition: number }): Iterable<StoredRecord>;
  readStreamSync(stream: string, options: { fromRevision: number }): Iterable<StoredRecord>;
  appendSync(stream: string, events: EventToAppend[], expected: ExpectedRevision): AppendResult;
  transaction<T>(work: () => T): T;
  inTransaction(): boolean;
}

/** The most commands recorded in one group (one transaction, one fsync). */
const MAX_GROUP = 256;

/** Beyond this many events written by others, loaded entries are dropped and reloaded when needed rather than followed. */
const FORGET_AFTER = 50_000;

interface Attempt {
  command: Command;
  commandHash: string;
  commandId: string;
  context: CommandContext;
}

interface PreparedAppend {
  entry: Entry<unknown>;
  events: EventToAppend[];
  expected: number | 'no-stream';
}

/** An entry's target stream, the streams its state folds, its initial state and its fold. */
type EntryKind = [target: string, streams: string[], initial: () => unknown, evolve: (state: unknown, event: LedgerEvent) => unknown];

/** The loaded, caught-up entry of a kind. */
type Lookup = (kind: EntryKind) => Entry<unknown>;

const registryKind = (): EntryKind => [REGISTRY_STREAM, [REGISTRY_STREAM], initialRegistryState, evolveRegistry as EntryKind[3]];

function caseKind(caseNumber: string): EntryKind {
  const stream = caseStream(caseNumber);
  return [stream, [stream], () => initialCaseState(caseNumber), evolveCase as EntryKind[3]];
}

function yearKind(year: number): EntryKind {
  return [yearStream(year), yearStateStreams(year), () => initialYearState(year), evolveYear as EntryKind[3]];
}

/**
 * An event to append, checked against the catalogue first: an event the rules got
 * wrong is refused before it reaches the log, never stored unreadable. Its data is
 * stored as the catalogue parses it (names trimmed); its metadata, which the schema
 * does not transform, as built, keys in order.
 */
function validated(event: EventToAppend, stream: string): EventToAppend {
  const parsed = parseStoredEvent({ ...event, stream, revision: -1, position: -1, hash: '', previousHash: '' });
  return { ...event, data: parsed.data };
}

/** Folds one event of one of its streams into an entry, once. */
function applyTo<S>(entry: Entry<S>, stream: string, event: LedgerEvent): void {
  if (event.revision <= (entry.revisions.get(stream) ?? -1)) return;
  entry.state = entry.evolve(entry.state, event);
  entry.revisions.set(stream, event.revision);
  if (stream === entry.target) {
    entry.head = { revision: event.revision, hash: event.hash };
    indexCommand(entry, event);
  }
}

/** The first result of a command already recorded under this key, or a refusal if the key was used for another command. */
function replayOf<S>(entry: Entry<S>, idempotencyKey: string, commandHash: string): CommandResult | null {
  const prior = entry.commands.get(idempotencyKey);
  if (!prior) return null;
  if (prior.commandHash !== commandHash) throw new IdempotencyKeyReusedError(idempotencyKey);
  return {
    commandType: prior.commandType,
    idempotencyKey,
    stream: entry.target,
    events: prior.events,
    streamRevision: entry.head?.revision ?? null,
    replayed: true,
  };
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
