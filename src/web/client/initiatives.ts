import type { Registry } from './api.js';
import { t } from './i18n/index.js';

/**
 * The initiatives a form may offer for new money: a dropped or finished initiative gets no
 * new grant, instalment, proposal line or spending (the ledger refuses them), so the page
 * does not offer it; it stays in the lists of what happened.
 */
function activeInitiatives(registry: Registry | null | undefined): Registry['initiatives'] {
  return (registry?.initiatives ?? []).filter((initiative) => initiative.droppedOn === null);
}

/**
 * The choices of a form's initiative field: "choose an initiative" first, then each
 * initiative that may get new money, by its name; `valueOf` gives the value a choice sends.
 */
export function initiativeChoices(
  registry: Registry | null | undefined,
  valueOf: (initiativeId: string) => string = (initiativeId) => initiativeId,
): { value: string; label: string; lang?: string }[] {
  return [
    { value: '', label: t('chooseInitiative') },
    ...activeInitiatives(registry).map((initiative) => ({ value: valueOf(initiative.initiativeId), label: initiative.name, lang: 'nb' })),
  ];
}
