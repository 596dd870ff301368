import type { LedgerEvent } from '../../events/catalogue.js';
import { caseStream, evolveCase, initialCaseState } from '../case/case.js';
import { REGISTRY_STREAM, evolveRegistry, initialRegistryState } from '../registry/registry.js';
import { evolveYear, initialYearState, yearStateStreams, yearStream } from '../year/year.js';

/**
 * A state the rules read: the registry, one case, or one year's funds. Each is a fold of
 * one or more streams (a year reads its own and the two before it) and has a target
 * stream that commands about it append to.
 */
export type StateRef =
  { readonly kind: 'registry' } | { readonly kind: 'case'; readonly caseNumber: string } | { readonly kind: 'year'; readonly year: number };

export const REGISTRY: StateRef = { kind: 'registry' };
export const caseRef = (caseNumber: string): StateRef => ({ kind: 'case', caseNumber });
export const yearRef = (year: number): StateRef => ({ kind: 'year', year });

/** The stream a state's commands append to; also its identity. */
export function targetStream(ref: StateRef): string {
  switch (ref.kind) {
    case 'registry':
      return REGISTRY_STREAM;
    case 'case':
      return caseStream(ref.caseNumber);
    case 'year':
      return yearStream(ref.year);
  }
}

/** How a state is folded: from which streams, from what, by which `evolve`. */
export interface Fold<S = unknown> {
  readonly streams: readonly string[];
  readonly initial: () => S;
  readonly evolve: (state: S, event: LedgerEvent) => S;
}

export function foldOf(ref: StateRef): Fold {
  switch (ref.kind) {
    case 'registry':
      return { streams: [REGISTRY_STREAM], initial: initialRegistryState, evolve: evolveRegistry as Fold['evolve'] };
    case 'case':
      return {
        streams: [caseStream(ref.caseNumber)],
        initial: () => initialCaseState(ref.caseNumber),
        evolve: evolveCase as Fold['evolve'],
      };
    case 'year':
      return { streams: yearStateStreams(ref.year), initial: () => initialYearState(ref.year), evolve: evolveYear as Fold['evolve'] };
  }
}
