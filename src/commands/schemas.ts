/** The commands a user may send; see `table.ts` for where each is defined. */
export { CommandSchema, commandSchemasByType, commandTypes, definitionOf } from './table.js';
export type { Command, CommandInput, CommandOf, CommandType } from './table.js';
export { GrantPlanSchema } from './year/award-grant.js';
