/**
 * Who may do what. An account has one role:
 * - `secretariat` (sekretariatet): prepares cases and records what was decided; may run every command and read everything;
 * - `member`: a member of the strategic committee (SSU), linked to its committee `memberId`;
 *   reads cases and summaries and may cast only its own votes;
 * - `auditor` (revisor): reads everything, including the trail, explanations, the event log and the export; writes nothing;
 * - `reader`: reads the summaries only (years, frames, balances).
 */
export const roles = ['secretariat', 'member', 'auditor', 'reader'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * What a request may need:
 * - `read:summaries`: the years, a year's frame and balances, one's own account;
 * - `read:registry`: programme areas, initiatives, partners and members (for forms);
 * - `read:cases`: the cases with their proposals, recommendations, resolutions and votes;
 * - `read:trail`, `read:explain`: the postings behind the figures;
 * - `read:events`, `read:export`: the event log itself;
 * - `write:commands`: any command;
 * - `write:own-vote`: a vote cast in the account's own name (CastVote with its memberId).
 */
const permissions = [
  'read:summaries',
  'read:registry',
  'read:cases',
  'read:trail',
  'read:explain',
  'read:events',
  'read:export',
  'write:commands',
  'write:own-vote',
] as const;
export type Permission = (typeof permissions)[number];

const granted: Record<Role, readonly Permission[]> = {
  secretariat: permissions,
  member: ['read:summaries', 'read:registry', 'read:cases', 'write:own-vote'],
  auditor: ['read:summaries', 'read:registry', 'read:cases', 'read:trail', 'read:explain', 'read:events', 'read:export'],
  reader: ['read:summaries'],
};

export function can(role: Role, permission: Permission): boolean {
  return granted[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...granted[role]];
}
