import type { EventType } from '../events/catalogue.js';
import { countUpTo, unpackPositions } from './account.js';
import type { FoldEvent } from './ledger-view.js';

/** The event types that write the registry (programme areas, initiatives, partners, members, the quorum). */
const registryTypes: ReadonlySet<EventType> = new Set<EventType>([
  'ProgrammeAreaRegistered',
  'InitiativeRegistered',
  'InitiativePhaseChanged',
  'InitiativeDropped',
  'InitiativeRestarted',
  'PartnerRegistered',
  'CommitteeMemberRegistered',
  'CommitteeQuorumSet',
]);

/** Log positions with a date each, in log order, packed as two comma-joined strings in a checkpoint. */
class DatedPositions {
  positions: number[] = [];
  dates: string[] = [];

  push(position: number, date: string): void {
    this.positions.push(position);
    this.dates.push(date);
  }

  pack(): [string, string] {
    return [this.positions.join(','), this.dates.join(',')];
  }

  static unpack([positions, dates]: [string, string]): DatedPositions {
    const unpacked = new DatedPositions();
    unpacked.positions = unpackPositions(positions);
    unpacked.dates = dates === '' ? [] : dates.split(',');
    return unpacked;
  }
}

/** A registry event as the history keeps it: [position, type, data, effective date]. */
export type KeptRegistryEvent = [number, EventType, unknown, string];

/**
 * What a view as of an effective date is made of (see `ViewHistory.planDate`): the
 * view as of log position `bound`, then the `late` events after it that took effect by
 * the date (read from the log by position), folded in log order; and the registry's
 * events that belong to the date (see projections/registry-as-of.ts).
 */
export interface AsOfDatePlan {
  date: string;
  bound: number;
  late: number[];
}

/**
 * The index the fold keeps beside the view so a view as of any position or date can
 * be derived from the current one instead of folded again (see projections/as-of.ts):
 *
 * - the date frontier: where the latest effective date seen so far rose, so "every
 *   event up to here took effect by D" is a binary search;
 * - the late events: those that took effect before an event ahead of them in the log
 *   (recorded after the fact), the only ones a view as of a date holds past its frontier;
 * - the registry's events, few and small, from which the registry as of a position or
 *   a date is made;
 * - the fields of an entry before the fold changed them in place (a proposal's amount
 *   before each revision, a grant's plan before each change);
 * - the last position where the fold replaced something the rules let no event
 *   replace (a case opened twice, a second adoption): views before it are folded in full.
 */
export class ViewHistory {
  frontier = new DatedPositions();
  late = new DatedPositions();
  private registry: KeptRegistryEvent[] | string = [];
  /** `${kind}|${key}` → [position of the change, the fields as they were before it][] */
  readonly earlier = new Map<string, [number, Record<string, unknown>][]>();
  irregularAt = 0;

  /** Takes note of an event the fold has just applied. */
  note(event: FoldEvent): void {
    if (registryTypes.has(event.type)) this.registryList().push([event.position, event.type, event.data, event.metadata.effectiveDate]);
    const date = event.metadata.effectiveDate;
    const last = this.frontier.dates.length === 0 ? null : this.frontier.dates[this.frontier.dates.length - 1]!;
    if (last === null || date > last) this.frontier.push(event.position, date);
    else if (date < last) this.late.push(event.position, date);
  }

  irregular(position: number): void {
    this.irregularAt = Math.max(this.irregularAt, position);
  }

  /** Keeps what fields of an entry (`kind` names the map) were before the event at `position` changes them in place. */
  keepEarlier(kind: string, key: string, position: number, fields: Record<string, unknown>): void {
    let changes = this.earlier.get(`${kind}|${key}`);
    if (!changes) this.earlier.set(`${kind}|${key}`, (changes = []));
    changes.push([position, fields]);
  }

  /**
   * An entry as it was once the event at `position` was folded in, given it as it is
   * (`current`, until another entry replaced it under the same key at `until`): a copy
   * with the fields the first later change replaced.
   */
  asOf<T extends object>(kind: string, key: string, current: T, position: number, until = Infinity): T {
    for (const [changedAt, before] of this.earlier.get(`${kind}|${key}`) ?? [])
      if (changedAt > position && changedAt < until) return { ...current, ...before };
    return { ...current };
  }

  private registryList(): KeptRegistryEvent[] {
    if (typeof this.registry === 'string') this.registry = JSON.parse(this.registry) as KeptRegistryEvent[];
    return this.registry;
  }

  /** The registry's events, in log order (read only). */
  registryEvents(): readonly KeptRegistryEvent[] {
    return this.registryList();
  }

  /**
   * How to derive the view as of the end of `date`: the events it holds are every
   * event up to the first one (not kept whatever its date) that took effect after the
   * date — the bound is the position before it — and, after the bound, the registry's
   * events kept whatever their date and the late events that took effect by the date.
   * Null when every event took effect by then: the view as of the date is the whole log.
   */
  planDate(date: string): AsOfDatePlan | null {
    const dates = this.frontier.dates;
    let low = 0;
    let high = dates.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (dates[middle]! <= date) low = middle + 1;
      else high = middle;
    }
    if (low === dates.length) return null;
    const bound = this.frontier.positions[low]! - 1;
    const late: number[] = [];
    for (let index = countUpTo(this.late.positions, bound); index < this.late.positions.length; index++)
      if (this.late.dates[index]! <= date) late.push(this.late.positions[index]!);
    return { date, bound, late };
  }

  /** The history as a checkpoint keeps it. */
  pack(): PackedHistory {
    return {
      frontier: this.frontier.pack(),
      late: this.late.pack(),
      registry: typeof this.registry === 'string' ? this.registry : JSON.stringify(this.registry),
      earlier: [...this.earlier],
      irregularAt: this.irregularAt,
    };
  }

  static unpack(packed: PackedHistory): ViewHistory {
    const history = new ViewHistory();
    history.frontier = DatedPositions.unpack(packed.frontier);
    history.late = DatedPositions.unpack(packed.late);
    history.registry = packed.registry;
    for (const [key, changes] of packed.earlier) history.earlier.set(key, changes);
    history.irregularAt = packed.irregularAt;
    return history;
  }
}

export interface PackedHistory {
  frontier: [string, string];
  late: [string, string];
  /** The registry's events as JSON text (parsed when first needed). */
  registry: string;
  earlier: [string, [number, Record<string, unknown>][]][];
  irregularAt: number;
}
