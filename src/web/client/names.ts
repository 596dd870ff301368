import type { Registry } from '../../http/responses.js';

/**
 * The names of what the ledger holds, from every registry the page has read: a refusal
 * the page writes names VIP (very important patient), not `vip`.
 */

const names = {
  initiativeId: new Map<string, string>(),
  programmeAreaId: new Map<string, string>(),
  partnerId: new Map<string, string>(),
  memberId: new Map<string, string>(),
};

export function rememberNames(registry: Registry): void {
  for (const item of registry.initiatives) names.initiativeId.set(item.initiativeId, item.name);
  for (const item of registry.programmeAreas) names.programmeAreaId.set(item.programmeAreaId, item.name);
  for (const item of registry.partners) names.partnerId.set(item.partnerId, item.name);
  for (const item of registry.members) names.memberId.set(item.memberId, item.name);
}

/** Which names a detail's key holds an id of (`accountMemberId` is a member too). */
function namesFor(key: string): Map<string, string> | undefined {
  if (key === 'accountMemberId') return names.memberId;
  return (names as Record<string, Map<string, string> | undefined>)[key];
}

/** A member in a list of dissent (`point|member`) by name. */
const dissenter = (item: unknown) => {
  if (typeof item !== 'string' || !item.includes('|')) return item;
  const [point, member = ''] = item.split('|');
  return `${point}|${names.memberId.get(member) ?? member}`;
};

/** A refusal's details with each id of a registered thing replaced by its name. */
export function withNames(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => {
      if (typeof value === 'string') return [key, namesFor(key)?.get(value) ?? value];
      if (Array.isArray(value)) return [key, value.map(dissenter)];
      return [key, value];
    }),
  );
}
