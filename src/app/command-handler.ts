import type { z } from 'zod';
import { currentSchemaVersion, InvalidStoredEventError, decodeForFold, parseStoredEvent, type EventDraft } from '../../events/catalogue.js';
import type { EventMetadata } from '../../events/envelope.js';
import { definitionOf, CommandSchema, type Command } from '../commands/table.js';
import type { DecisionContext, States } from '../commands/define.js';
import { targetStream, type StateRef } from '../commands/state-refs.js';
import { osloDateOf } from '../shared/format.js';
import { issueWords, type IssueFacts } from '../shared/issue-words.js';
import { DomainError } from '../domain/errors.js';
import type { CaseState } from '../case/case.js';
import type { RegistryState } from '../registry/registry.js';
import type { YearState } from '../year/year.js';
import { ConcurrencyError } from '../store/errors.js';
import { canonicalJson, sha256Hex } from '../store/hash-chain.js';
import { hasSynchronousLog, type EventStore, type EventToAppend } from '../store/port.js';
import { AsyncRecorder } from './async-recorder.js';
import { checkedCommand, metadataIsValid } from './command-checks.js';
import { cleanCommandInput } from './command-input.js';
import { BatchCommandError, CommandValidationError, IdempotencyKeyReusedError, type ValidationIssue } from './errors.js';
import { refKey, type Entry, type RecordedEvent } from './state-cache.js';
import { SyncRecorder } from './sync-recorder.js';

export type { RecordedEvent } from './state-cache.js';

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
  /** How often a command is decided again after another writer recorded first. @defaultValue 8 */
  maxAttempts?: number;
}

/** A command on its way: parsed, its body hashed, with its id and context. */
export interface Attempt {
  readonly command: Command;
  readonly commandHash: string;
  readonly commandId: string;
  readonly context: CommandContext;
}

/** A decision made: the events to append to the target stream, at the revision the decision saw. */
export interface Decision {
  readonly target: string;
  readonly events: EventToAppend[];
  readonly expected: number | 'no-stream';
}

/** Looks a loaded, caught-up state entry up; the recorder that calls `decide` loads what the command declared. */
export type Lookup = (ref: StateRef) => Entry;

/**
 * Command handling: parse, decide on states caught up with the log, append — and a
 * decision is recorded only if nothing was recorded since the states it read, whichever
 * streams they fold (serialisable decisions on every store). On SQLite the catch-up, the
 * rules and the append are one synchronous write transaction, and commands arriving
 * together are committed as one group (`SyncRecorder`); on other stores (EventStoreDB)
 * the append is conditioned on the log position the decision read, and a command that
 * lost the race is decided again (`AsyncRecorder`). A command's idempotency key is kept
 * in its events' metadata, so a repeat is recognised from the log itself.
 */
export class CommandHandler {
  private readonly recorder: SyncRecorder | AsyncRecorder;

  constructor(
    private readonly store: EventStore,
    private readonly options: CommandHandlerOptions,
  ) {
    this.recorder = hasSynchronousLog(store) ? new SyncRecorder(store, this) : new AsyncRecorder(store, this, options.maxAttempts ?? 8);
  }

  /**
   * Parses a command from untrusted input — names and texts normalised and checked first
   * (src/app/command-input.ts) — or throws `CommandValidationError` listing every issue.
   */
  static parse(input: unknown): Command {
    const cleaned = cleanCommandInput(input);
    // What the schema would take as it is needs no parse (src/app/command-checks.ts).
    const checked = checkedCommand(cleaned);
    if (checked) return checked;
    const parsed = CommandSchema.safeParse(cleaned);
    if (!parsed.success) throw new CommandValidationError(issuesOf(parsed.error));
    return parsed.data;
  }

  async execute(input: unknown, context: CommandContext): Promise<CommandResult> {
    return this.recorder.record(this.attemptOf(input, context));
  }

  /**
   * Records several commands as one: all of them, or — when the rules refuse one — none,
   * and the refusal names the command (its index). On SQLite one transaction; elsewhere
   * one append of every command's events.
   */
  async executeAll(inputs: readonly unknown[], context: CommandContext): Promise<CommandResult[]> {
    const attempts = inputs.map((input, index) => {
      try {
        return this.attemptOf(input, context);
      } catch (error: unknown) {
        throw new BatchCommandError(index, error);
      }
    });
    return this.recorder.recordAll(attempts);
  }

  /** The current revision of a stream (for ETags). */
  async streamRevisionOf(stream: string): Promise<number | null> {
    return this.store.streamRevision(stream);
  }

  private attemptOf(input: unknown, context: CommandContext): Attempt {
    const command = CommandHandler.parse(input);
    const { idempotencyKey: _key, ...body } = command;
    return { command, commandHash: sha256Hex(canonicalJson(body)), commandId: this.options.newId(), context };
  }

  /** The states a command reads: its target first, then those its rule declares. */
  refsOf(command: Command): StateRef[] {
    const definition = definitionOf(command.type);
    return [definition.target(command), ...definition.reads(command)];
  }

  /**
   * Replay, precondition, rules: the events to append, or the answer when nothing is to
   * be appended. Synchronous, on loaded states, so nothing changes them meanwhile.
   */
  decide(attempt: Attempt, lookup: Lookup, keyStream: string | null): { result: CommandResult } | Decision {
    const { command, commandHash, commandId, context } = attempt;
    const definition = definitionOf(command.type);
    const entry = lookup(definition.target(command));
    if (keyStream !== null && keyStream !== entry.target) throw new IdempotencyKeyReusedError(command.idempotencyKey);
    const replay = replayOf(attempt, entry, commandHash);
    if (replay) return { result: replay };
    const actual = entry.head?.revision ?? null;
    if (context.expectedRevision !== undefined && context.expectedRevision !== actual)
      throw new ConcurrencyError(entry.target, context.expectedRevision ?? 'no-stream', actual);
    const now = this.options.clock();
    const decisionContext = this.decisionContext(command, now, entry);
    const drafts = definition.decide(command, statesOf(this.refsOf(command), lookup), decisionContext);
    const events = drafts.map((draft) => this.eventToAppend(draft, attempt, decisionContext.effectiveDate, now, commandId, entry.target));
    if (events.length === 0)
      return {
        result: {
          commandType: command.type,
          idempotencyKey: command.idempotencyKey,
          stream: entry.target,
          events: [],
          streamRevision: actual,
          replayed: false,
        },
      };
    return { target: entry.target, events, expected: actual === null ? 'no-stream' : actual };
  }

  private decisionContext(command: Command, now: Date, entry: Entry): DecisionContext {
    const today = osloDate(now);
    const effectiveDate = command.effectiveDate ?? today;
    if (effectiveDate > today)
      throw new DomainError(
        'effective-date-in-future',
        `a decision takes effect on a day that has come; ${effectiveDate} is after today (${today})`,
        {
          effectiveDate,
          today,
        },
      );
    return { effectiveDate, today, newId: this.options.newId, streamHead: entry.head };
  }

  private eventToAppend(
    draft: EventDraft,
    attempt: Attempt,
    effectiveDate: string,
    now: Date,
    commandId: string,
    stream: string,
  ): EventToAppend {
    const { context, commandHash, command } = attempt;
    // Keys in alphabetical order: the canonical form the hash chain covers, so hashing it
    // (here and at every later verification or import) takes the fast path.
    const metadata: EventMetadata = {
      actor: context.actor,
      causationId: commandId,
      commandHash,
      correlationId: context.correlationId ?? commandId,
      ...(draft.corrects === undefined ? {} : { corrects: draft.corrects }),
      effectiveDate,
      idempotencyKey: command.idempotencyKey,
      recordedAt: now.toISOString(),
    };
    return validated(
      { id: this.options.newId(), type: draft.type, schemaVersion: currentSchemaVersion(draft.type), data: draft.data, metadata },
      stream,
    );
  }

  /** The answer for a command whose events are now in its target entry. */
  resultOf(attempt: Attempt, entry: Entry): CommandResult {
    const { type, idempotencyKey } = attempt.command;
    const recorded = entry.commands.get(idempotencyKey);
    if (!recorded) throw new Error(`the events of command ${idempotencyKey} were appended but are not in the states`);
    return {
      commandType: type,
      idempotencyKey,
      stream: entry.target,
      events: [...recorded.events],
      streamRevision: entry.head?.revision ?? null,
      replayed: false,
    };
  }
}

/** The states a decision may read: the declared ones, and nothing else. */
function statesOf(declared: StateRef[], lookup: Lookup): States {
  const allowed = new Set(declared.map(refKey));
  const read = <S>(ref: StateRef): S => {
    if (!allowed.has(refKey(ref))) throw new Error(`the rule read ${targetStream(ref)}, which its command does not declare`);
    return lookup(ref).state as S;
  };
  return {
    registry: () => read<RegistryState>({ kind: 'registry' }),
    case: (caseNumber) => read<CaseState>({ kind: 'case', caseNumber }),
    year: (year) => read<YearState>({ kind: 'year', year }),
  };
}

/** The first result of a command already recorded under this key, or a refusal if the key was used for another command. */
function replayOf(attempt: Attempt, entry: Entry, commandHash: string): CommandResult | null {
  const { idempotencyKey, type } = attempt.command;
  const prior = entry.commands.get(idempotencyKey);
  if (!prior) return null;
  if (prior.commandHash !== commandHash) throw new IdempotencyKeyReusedError(idempotencyKey);
  return {
    commandType: type,
    idempotencyKey,
    stream: entry.target,
    events: [...prior.events],
    streamRevision: entry.head?.revision ?? null,
    replayed: true,
  };
}

/**
 * An event to append, checked against the catalogue first: an event the rules got wrong
 * is refused before it reaches the log (a typed refusal naming the field, never a
 * failure of the server), and never stored unreadable. Its data is stored as the
 * catalogue parses it (names trimmed); its metadata as built, keys in order.
 */
function validated(event: EventToAppend, stream: string): EventToAppend {
  // The checks compiled from the schemas vouch for data zod would return unchanged; only
  // data they cannot vouch for (a name to trim, say) goes through zod. The metadata, built
  // here, is checked by the checks compiled from its schema.
  if (decodeForFold(event.type, event.schemaVersion, event.data) !== null && metadataIsValid(event.metadata)) return event;
  try {
    const parsed = parseStoredEvent({ ...event, stream, revision: -1, position: -1, hash: '', previousHash: '' });
    return { ...event, data: parsed.data };
  } catch (error: unknown) {
    if (!(error instanceof InvalidStoredEventError)) throw error;
    throw new DomainError(
      'derived-event-invalid',
      `the ${event.type} this command would record is out of bounds: ${error.issues.join('; ')}`,
      {
        eventType: event.type,
        issues: error.issues,
      },
    );
  }
}

export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    words: issueWords(issue as IssueFacts),
  }));
}

/** The last minute asked and its date: Norway's date changes only on the hour, so one format per minute is plenty. */
let lastMinute = { minute: Number.NaN, date: '' };

/** Today's date in Norway, `YYYY-MM-DD`. */
export function osloDate(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute.minute) lastMinute = { minute, date: osloDateOf(instant) };
  return lastMinute.date;
}
