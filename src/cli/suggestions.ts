import type { DomainError } from '../domain/errors.js';
import type { Ledger } from '../ledger.js';
import type { Say } from './lang.js';
import { closest } from './suggest.js';

/**
 * For a refusal of an id the ledger does not know, the id that was probably meant, with what
 * it names: "Mente du vip (VIP (very important patient))?". Null when nothing is near.
 */
export async function suggestionFor(error: DomainError, ledger: Pick<Ledger, 'reader'>, say: Say): Promise<string | null> {
  const details = error.details as Record<string, unknown>;
  const wanted = (name: string) => (typeof details[name] === 'string' ? details[name] : null);
  const view = await ledger.reader.view();
  const { registry } = view;
  const nameOf = (entries: ReadonlyMap<string, { name: string }>, typed: string | null) => {
    if (typed === null) return null;
    const id = closest(typed, entries.keys());
    return id === null ? null : `${id} (${entries.get(id)!.name})`;
  };
  let meant: string | null = null;
  if (error.code === 'unknown-initiative') meant = nameOf(registry.initiatives, wanted('initiativeId'));
  else if (error.code === 'unknown-programme-area') meant = nameOf(registry.programmeAreas, wanted('programmeAreaId'));
  else if (error.code === 'unknown-partner') meant = nameOf(registry.partners, wanted('partnerId'));
  else if (error.code === 'unknown-member') meant = nameOf(registry.members, wanted('memberId'));
  else if (error.code === 'unknown-case') {
    const typed = wanted('caseNumber');
    const caseNumber = typed === null ? null : closest(typed, view.cases.keys());
    meant = caseNumber === null ? null : `${caseNumber} (${view.cases.get(caseNumber)!.title})`;
  } else if (error.code === 'unknown-grant') {
    const typed = wanted('grantId');
    const grantId = typed === null ? null : closest(typed, view.grants.keys());
    const grant = grantId === null ? undefined : view.grants.get(grantId);
    meant = grant ? `${grantId} (${registry.initiatives.get(grant.initiativeId)?.name ?? grant.initiativeId}, ${grant.year})` : null;
  }
  return meant === null ? null : say(`Mente du ${meant}?`, `Did you mean ${meant}?`);
}
