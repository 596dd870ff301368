import type { EventDataOf } from '../events/catalogue.js';
import { LedgerView, type FoldEvent, type RegistryView } from './ledger-view.js';
import type { KeptRegistryEvent, ViewHistory } from './view-history.js';

/**
 * The registry as of a position or a date, made from the registry's events the history
 * keeps (a long history has thousands of them, most of them phase changes, so neither is
 * a replay from the first):
 *
 * - as of a position: the registry is snapshotted after every `SNAPSHOT_EVERY` events
 *   (made when first needed, kept with the history), and the events after the nearest
 *   snapshot replayed;
 * - as of a date: the registry keeps its dates like every other part of the ledger (a
 *   programme area, initiative, partner or member appears from the day it was
 *   registered, a phase from the day it changed): the registry as of the date's frontier
 *   with the registry events after it that took effect by the date replayed.
 *
 * The links of proposals to the initiatives they became are written by those
 * registrations alone (see `LedgerView.reclassify`).
 */

const SNAPSHOT_EVERY = 1000;

/** Registry snapshots per history: [k] is the registry after the first (k + 1) × SNAPSHOT_EVERY events. */
const snapshotsOf = new WeakMap<ViewHistory, RegistryView[]>();

function asFoldEvent([position, type, data, effectiveDate]: KeptRegistryEvent): FoldEvent {
  return { type, data, position, hash: '', metadata: { effectiveDate } } as FoldEvent;
}

/** A registry of copies, so folding into it changes nothing it was copied from. */
function copyRegistry(registry: RegistryView): RegistryView {
  const copy = <V>(map: Map<string, V>) => new Map([...map].map(([key, value]) => [key, { ...value }]));
  return {
    programmeAreas: copy(registry.programmeAreas),
    initiatives: copy(registry.initiatives),
    partners: copy(registry.partners),
    members: copy(registry.members),
    quorum: registry.quorum,
  };
}

/** The registry after folding `events[from, to)` (those `include` keeps) into a copy of `start`. */
function replay(
  start: RegistryView | null,
  events: readonly KeptRegistryEvent[],
  from: number,
  to: number,
  include: (event: KeptRegistryEvent) => boolean = () => true,
): RegistryView {
  const scratch = new LedgerView();
  if (start) Object.assign(scratch.registry, copyRegistry(start));
  for (let index = from; index < to; index++) if (include(events[index]!)) scratch.apply(asFoldEvent(events[index]!));
  return scratch.registry;
}

/** How many of the registry's events came at or before `position`. */
function countUpTo(events: readonly KeptRegistryEvent[], position: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]![0] <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The registry as a fold of the log up to `position` holds it (a new copy, free to fold into). */
export function registryAsOfPosition(history: ViewHistory, position: number): RegistryView {
  const events = history.registryEvents();
  const count = countUpTo(events, position);
  let snapshots = snapshotsOf.get(history);
  if (!snapshots) snapshotsOf.set(history, (snapshots = []));
  const wanted = Math.floor(count / SNAPSHOT_EVERY);
  while (snapshots.length < wanted) {
    const from = snapshots.length * SNAPSHOT_EVERY;
    snapshots.push(replay(snapshots.at(-1) ?? null, events, from, from + SNAPSHOT_EVERY));
  }
  return replay(wanted > 0 ? snapshots[wanted - 1]! : null, events, wanted * SNAPSHOT_EVERY, count);
}

/** The proposal links as a fold of the log up to `position` holds them. */
export function proposalLinksAsOfPosition(history: ViewHistory, position: number): Map<string, string> {
  const links = new Map<string, string>();
  for (const [at, type, data] of history.registryEvents()) {
    if (at > position) break;
    const registered = data as EventDataOf<'InitiativeRegistered'>;
    if (type === 'InitiativeRegistered' && registered.fromProposal) links.set(registered.fromProposal.proposalId, registered.initiativeId);
  }
  return links;
}

/** Whether a fold as of `date` (with frontier `bound`) holds a registry event. */
function includedAsOf(bound: number, date: string) {
  return (event: KeptRegistryEvent) => event[0] <= bound || event[3] <= date;
}

/** The position of the last registry event a fold as of `date` (with frontier `bound`) holds; 0 for none. */
export function lastRegistryEventAsOfDate(history: ViewHistory, bound: number, date: string): number {
  const events = history.registryEvents();
  const included = includedAsOf(bound, date);
  for (let index = events.length - 1; index >= 0; index--) if (included(events[index]!)) return events[index]![0];
  return 0;
}

/**
 * The registry as the fold of the events that took effect by the end of `date` holds it,
 * given the view's frontier bound for that date (every event up to it took effect by then):
 * the current registry when every registry event after the bound took effect by the date,
 * else the registry as of the bound with those that did replayed.
 */
export function registryAsOfDate(live: LedgerView, bound: number, date: string): RegistryView {
  const events = live.history.registryEvents();
  const from = countUpTo(events, bound);
  const included = includedAsOf(bound, date);
  let allIncluded = true;
  for (let index = from; index < events.length && allIncluded; index++) allIncluded = included(events[index]!);
  if (allIncluded) return copyRegistry(live.registry);
  return replay(registryAsOfPosition(live.history, bound), events, from, events.length, included);
}
