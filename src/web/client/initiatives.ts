import type { Registry } from './api.js';

/**
 * The initiatives a form may offer for new money: a dropped or finished initiative gets no
 * new grant, instalment, proposal line or spending (the ledger refuses them), so the page
 * does not offer it; it stays in the lists of what happened.
 */
export function activeInitiatives(registry: Registry | null | undefined): Registry['initiatives'] {
  return (registry?.initiatives ?? []).filter((initiative) => initiative.droppedOn === null);
}
