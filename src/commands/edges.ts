import type { CommandInput, CommandType, commandDefinitions } from './table.js';

/**
 * The command table's edges as types, for the page and the CLI (they import them as types
 * only, so none of the rules ships to the browser): the path each command is offered on,
 * as its definition states it, and the fields a user sends, as its schema reads them.
 */

/** The path of each command over HTTP, e.g. `/api/cases/:caseNumber/votes`. */
export type CommandPaths = { [D in (typeof commandDefinitions)[number] as D['type']]: D['http']['path'] };

/** The names a path fills from its `:name` segments. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The values of a command's path segments (a case number, a year, an id). */
export type CommandPathParams<T extends CommandType> = Record<ParamNames<CommandPaths[T]>, string | number>;

/** What a user sends for a command: its schema's input, without its type and idempotency key (the page and the CLI add them). */
export type CommandFields<T extends CommandType> = Omit<Extract<CommandInput, { type: T }>, 'type' | 'idempotencyKey'>;

/** The field a member's own account may leave out of a command, its endpoint filling it in (a vote's `memberId`). */
type OwnMemberField<T extends CommandType> = Extract<(typeof commandDefinitions)[number], { type: T }>['http'] extends {
  ownMember: infer F extends string;
}
  ? F
  : never;

/** What a client sends for a command over HTTP: its fields, the own-member field optional. */
export type CommandHttpFields<T extends CommandType> = Omit<CommandFields<T>, OwnMemberField<T>> &
  Partial<Pick<CommandFields<T>, OwnMemberField<T> & keyof CommandFields<T>>>;

/** The body of a command at its own path: its fields without those the path fills. */
export type CommandBody<T extends CommandType> = Omit<CommandFields<T>, ParamNames<CommandPaths[T]>>;
