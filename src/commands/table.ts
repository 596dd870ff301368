import { z } from 'zod';
import type { CommandDefinition } from './define.js';
import { adoptResolution, castVote } from '../case/votes.js';
import { continueMeeting, openCase, reviseProposal, submitProposal } from '../case/proposals.js';
import { proposeResolution, recordRecommendation } from '../case/resolution.js';
import {
  changeInitiativePhase,
  registerCommitteeMember,
  registerInitiative,
  registerPartner,
  registerProgrammeArea,
  setQuorum,
} from '../registry/registry-commands.js';
import { awardGrant } from '../year/award-grant.js';
import { endInitiative, restartInitiative } from '../registry/initiative-status.js';
import { adjustGrant, dropInitiative, releaseEarmarkedFunds, releaseFunds } from '../year/grant-changes.js';
import { changeGrantPlan } from '../year/grant-plan.js';
import { correctClosedGrant } from '../year/closed-year/correct-grant.js';
import { correctClosedReceipt, correctClosedRelease, correctClosedSpending } from '../year/closed-year/correct-facts.js';
import { correctReceipt, receiveFunds, recordExpectedReceipt } from '../year/receipts.js';
import { establishReserveFund } from '../year/reserve-fund.js';
import { settleYear } from '../year/settle-year.js';
import { correctSpending, reportSpending } from '../year/spending.js';
import { recordOpeningBalance } from '../year/opening-balance.js';
import { setOrganisation } from '../registry/set-organisation.js';

/**
 * The command table: every command the ledger takes, each defined in one module (its
 * schema, its stream, what its rule reads, its rule, its endpoint). Adding a command is
 * its module and one line here.
 */
export const commandDefinitions = [
  registerProgrammeArea,
  registerInitiative,
  changeInitiativePhase,
  registerPartner,
  registerCommitteeMember,
  setQuorum,
  endInitiative,
  restartInitiative,
  openCase,
  continueMeeting,
  submitProposal,
  reviseProposal,
  recordRecommendation,
  proposeResolution,
  castVote,
  adoptResolution,
  receiveFunds,
  correctReceipt,
  recordExpectedReceipt,
  awardGrant,
  changeGrantPlan,
  adjustGrant,
  releaseFunds,
  releaseEarmarkedFunds,
  dropInitiative,
  reportSpending,
  correctSpending,
  establishReserveFund,
  settleYear,
  correctClosedGrant,
  correctClosedReceipt,
  correctClosedSpending,
  correctClosedRelease,
  setOrganisation,
  recordOpeningBalance,
] as const;

type Definitions = typeof commandDefinitions;
type SchemasOf<T extends readonly { schema: z.ZodType }[]> = { [K in keyof T]: T[K]['schema'] };

/** Every command, parsed by its `type`. */
export const CommandSchema = z.discriminatedUnion(
  'type',
  commandDefinitions.map((definition) => definition.schema) as unknown as SchemasOf<Definitions>,
  { error: 'type must name a known command, such as AwardGrant or CastVote' },
);

export type Command = z.infer<typeof CommandSchema>;
export type CommandInput = z.input<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export const commandTypes: CommandType[] = commandDefinitions.map((definition) => definition.type);

const byType = new Map<string, CommandDefinition<string, never>>(
  commandDefinitions.map((definition) => [definition.type, definition as unknown as CommandDefinition<string, never>]),
);

/** The definition of a command type. */
export function definitionOf<T extends CommandType>(type: T): CommandDefinition<T, CommandOf<T>> {
  const definition = byType.get(type);
  if (!definition) throw new Error(`no command ${type}`);
  return definition as unknown as CommandDefinition<T, CommandOf<T>>;
}

/** The field naming the committee member a member's own account may record the command for (a vote's `memberId`); undefined for the others. */
export function ownMemberField(type: CommandType): string | undefined {
  return definitionOf(type).http.ownMember;
}

export const commandSchemasByType = Object.fromEntries(
  commandDefinitions.map((definition) => [definition.type, definition.schema]),
) as unknown as {
  [T in CommandType]: z.ZodType<CommandOf<T>>;
};
