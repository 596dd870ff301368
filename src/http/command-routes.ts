import type { Request, Response } from 'express';
import { z } from 'zod';
import { CommandHandler, type CommandResult } from '../app/command-handler.js';
import { CommandValidationError, issueAt, type ValidationIssue } from '../app/errors.js';
import { words } from '../shared/format.js';
import { settleYear } from '../app/settlement.js';
import { can } from '../accounts/roles.js';
import {
  CommandSchema,
  commandDefinitions,
  commandSchemasByType,
  ownMemberField,
  type Command,
  type CommandType,
} from '../commands/table.js';
import { FIRST_YEAR, LAST_YEAR } from '../shared/bounds.js';
import { yearStream } from '../year/year.js';
import { forbidden, mayWrite, requireAuthentication } from './auth.js';
import { isPlainObject } from './body.js';
import { contextOf, type Authentication, type Dependencies } from './context.js';
import { formatETag } from './etag.js';
import { parseIfMatch } from './if-match.js';
import { HttpProblem } from './problem.js';
import { lazySchema } from './openapi-schemas.js';
import { commandFieldOfPath, yearParam } from './query-params.js';
import type { JsonSchema, ParameterSpec, RouteSpec } from './routes.js';

/**
 * The write side over HTTP: one endpoint per command, plus `POST /api/commands`
 * for any command by its `type`. The path fills the command's fields it names
 * (`/api/cases/22.25/votes` → `caseNumber: "22.25"`); the body gives the rest.
 * Every write records the account's username as the events' `actor` and the
 * request id as their `correlationId`.
 */
interface CommandEndpoint {
  path: string;
  type: CommandType;
  summary: string;
  tag: 'registry' | 'cases' | 'years';
}

/**
 * Every command's endpoint, from the command table (each command says where it is
 * offered); the settlement has an endpoint of its own below, through the settlement service.
 */
const commandEndpoints: CommandEndpoint[] = commandDefinitions
  .filter((definition) => definition.type !== 'SettleYear')
  .map((definition) => ({ path: definition.http.path, type: definition.type, summary: definition.http.summary, tag: definition.http.tag }));

const bodyNotObject = issueAt('', words('innholdet må være et JSON-objekt', 'the body must be a JSON object'));

/** An idempotency key as a client sends it: 1–128 visible ASCII characters. */
const CLIENT_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
}

/** The client's idempotency key, from the `Idempotency-Key` header or the body's `idempotencyKey`. */
function clientKeyOf(req: Request, body: Record<string, unknown>): string {
  const header = req.get('idempotency-key');
  const fromBody = body.idempotencyKey;
  if (header === undefined && fromBody === undefined)
    throw new HttpProblem(
      400,
      'missing-idempotency-key',
      words(
        'Send et Idempotency-Key-hode (eller idempotencyKey i innholdet): en ny, unik verdi per kommando, og samme verdi når den sendes på nytt.',
        'send an Idempotency-Key header (or idempotencyKey in the body): a new unique value per command, the same value when retrying it',
      ),
      {
        issues: [issueAt('idempotencyKey', words('må oppgis', 'required'))],
      },
    );
  if (header !== undefined && fromBody !== undefined && header !== fromBody)
    throw new CommandValidationError([
      issueAt(
        'idempotencyKey',
        words(
          'Idempotency-Key i hodet og idempotencyKey i innholdet er ulike; send én av dem',
          "the Idempotency-Key header and the body's idempotencyKey differ; send one",
        ),
      ),
    ]);
  const key = header ?? fromBody;
  if (typeof key !== 'string' || !CLIENT_KEY_PATTERN.test(key))
    throw new CommandValidationError([
      issueAt(
        'idempotencyKey',
        words(
          'en idempotensnøkkel er 1–128 synlige ASCII-tegn (uten mellomrom)',
          'an idempotency key is 1–128 visible ASCII characters (no spaces)',
        ),
      ),
    ]);
  return key;
}

/**
 * Keys are namespaced by account, so two accounts' keys never collide: the key the
 * handler records is `username:key`.
 */
function namespacedKey(auth: Authentication, key: string): string {
  return `${auth.account.username}:${key}`;
}

/** The expected revision from `If-Match`, noting on the request that one was given. */
function expectedRevisionOf(req: Request, res: Response): { expectedRevision?: number | null } {
  const expected = parseIfMatch(req.get('if-match'));
  if (expected === undefined) return {};
  contextOf(res).ifMatch = true;
  return { expectedRevision: expected };
}

/** A member may record only CastVote, and only in the name of the committee member the account is linked to. */
async function authorizeCommand(deps: Dependencies, auth: Authentication, command: Command): Promise<void> {
  if (can(auth.account.role, 'write:commands')) return;
  const field = ownMemberField(command.type);
  if (field === undefined || !can(auth.account.role, 'write:own-vote'))
    throw forbidden(auth, words(`registrere ${command.type}`, `record ${command.type}`));
  const memberId = String((command as Record<string, unknown>)[field]);
  if (auth.account.memberId === null || memberId !== auth.account.memberId) {
    const { members } = (await deps.ledger.reader.view()).registry;
    const own = auth.account.memberId === null ? null : (members.get(auth.account.memberId)?.name ?? auth.account.memberId);
    const other = members.get(memberId)?.name ?? memberId;
    throw new HttpProblem(
      403,
      'not-own-vote',
      words(
        `Kontoen ${auth.account.username} stemmer som ${own ?? '(ikke noe SSU-medlem)'}, ikke som ${other}.`,
        `account ${auth.account.username} votes as ${own ?? '(no committee member)'}, not as ${other}`,
      ),
      { details: { memberId, accountMemberId: auth.account.memberId } },
    );
  }
}

function sendResult(res: Response, result: CommandResult): void {
  res.status(result.replayed ? 200 : 201);
  if (result.replayed) res.set('Idempotent-Replayed', 'true');
  res.set('ETag', formatETag(result.streamRevision));
  res.json(result);
}

/** Builds the command from path and body, checks who may record it, and records it. */
async function record(deps: Dependencies, req: Request, res: Response, fixedType: CommandType | null): Promise<void> {
  const auth = requireAuthentication(res);
  const body: unknown = req.body;
  if (!isPlainObject(body)) throw new CommandValidationError([bodyNotObject]);
  const revision = expectedRevisionOf(req, res);
  const input: Record<string, unknown> = { ...body };
  const issues: ValidationIssue[] = [];
  if (fixedType !== null) {
    if (input.type !== undefined && input.type !== fixedType)
      issues.push(
        issueAt(
          'type',
          words(
            `dette endepunktet registrerer ${fixedType}; utelat type eller sett den til ${fixedType}`,
            `this endpoint records ${fixedType}; leave type out or set it to ${fixedType}`,
          ),
        ),
      );
    input.type = fixedType;
    for (const [name, param] of Object.entries(req.params)) {
      const raw = typeof param === 'string' ? param : param.join('/');
      const value = commandFieldOfPath(name, raw);
      if (input[name] !== undefined && input[name] !== value)
        issues.push(
          issueAt(
            name,
            words(`må være lik ${name} i stien (${raw}) eller utelates`, `must equal the path's ${name} (${raw}) or be left out`),
          ),
        );
      input[name] = value;
    }
    const ownMember = ownMemberField(fixedType);
    if (ownMember !== undefined && input[ownMember] === undefined && auth.account.memberId !== null)
      input[ownMember] = auth.account.memberId;
  } else if (typeof input.type === 'string' && !mayWrite(auth, input.type as CommandType)) {
    throw forbidden(auth, words(`registrere ${input.type}`, `record ${input.type}`));
  }
  const key = clientKeyOf(req, input);
  if (issues.length > 0) throw new CommandValidationError(issues);
  const command = CommandHandler.parse({ ...input, idempotencyKey: namespacedKey(auth, key) });
  await authorizeCommand(deps, auth, command);
  const result = await deps.ledger.handler.execute(command, {
    actor: auth.account.username,
    correlationId: contextOf(res).requestId,
    ...revision,
  });
  if (command.type === 'SettleYear' && !result.replayed)
    await deps.afterSettlement?.({ year: command.year, alreadySettled: false, events: result.events });
  sendResult(res, result);
}

/** The year-end settlement, through the settlement service (idempotent per year under the key `settle-YEAR`). */
async function settle(deps: Dependencies, req: Request, res: Response): Promise<void> {
  const auth = requireAuthentication(res);
  const body: unknown = req.body;
  if (!isPlainObject(body)) throw new CommandValidationError([bodyNotObject]);
  const year = yearParam(req);
  const { expectedRevision } = expectedRevisionOf(req, res);
  clientKeyOf(req, body);
  const issues: ValidationIssue[] = [];
  if (body.type !== undefined && body.type !== 'SettleYear')
    issues.push(
      issueAt('type', words('dette endepunktet registrerer SettleYear; utelat type', 'this endpoint records SettleYear; leave type out')),
    );
  if (body.year !== undefined && body.year !== year)
    issues.push(
      issueAt('year', words(`må være lik året i stien (${year}) eller utelates`, `must equal the path's year (${year}) or be left out`)),
    );
  if (issues.length > 0) throw new CommandValidationError(issues);
  const command = CommandHandler.parse({ ...body, type: 'SettleYear', year, idempotencyKey: `settle-${year}` });
  const outcome = await settleYear(deps.ledger.handler, year, {
    actor: auth.account.username,
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
    correlationId: contextOf(res).requestId,
    ...(command.effectiveDate === undefined ? {} : { effectiveDate: command.effectiveDate }),
    afterSettlement: deps.afterSettlement,
  });
  res.status(outcome.alreadySettled ? 200 : 201);
  if (outcome.alreadySettled) res.set('Idempotent-Replayed', 'true');
  res.set('ETag', formatETag(await deps.ledger.store.streamRevision(yearStream(year))));
  res.json(outcome);
}

const pathParameterDocs: Record<string, { description: string; schema: JsonSchema }> = {
  year: { description: 'The year of the funds, e.g. 2025', schema: { type: 'integer', minimum: FIRST_YEAR, maximum: LAST_YEAR } },
  caseNumber: { description: 'Case number NN.YY, e.g. 22.25', schema: { type: 'string', pattern: '^\\d{2}\\.\\d{2}$' } },
  grantId: { description: 'The grant id', schema: { type: 'string' } },
  initiativeId: { description: 'The initiative id, e.g. vip', schema: { type: 'string' } },
  proposalId: { description: 'The proposal id, e.g. p25-vip', schema: { type: 'string' } },
};

export function pathParameters(path: string): ParameterSpec[] {
  return pathParameterNames(path).map((name) => ({
    name,
    in: 'path',
    required: true,
    ...(pathParameterDocs[name] ?? { description: name, schema: { type: 'string' } }),
  }));
}

function withoutSchemaKeyword(schema: JsonSchema): JsonSchema {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/** The body an endpoint takes: the command's schema without `type` and the fields the path gives; the key may come as a header. */
function bodySchemaOf(type: CommandType, pathFields: string[]): JsonSchema {
  const schema = commandSchemasByType[type] as unknown as z.ZodObject;
  const omitted = Object.fromEntries(['type', ...pathFields].map((field) => [field, true])) as Record<string, true>;
  const optional = Object.fromEntries(
    ['idempotencyKey', ownMemberField(type)].filter((field) => field !== undefined).map((field) => [field, true]),
  ) as Record<string, true>;
  const body = schema.omit(omitted as never).partial(optional as never);
  return withoutSchemaKeyword(z.toJSONSchema(body, { io: 'input', unrepresentable: 'any' }));
}

export function commandJsonSchema(): JsonSchema {
  return withoutSchemaKeyword(z.toJSONSchema(CommandSchema, { io: 'input', unrepresentable: 'any' }));
}

const writeProblems = [400, 401, 403, 404, 409, 412, 413, 415, 422];
const commandResultRef = { $ref: '#/components/schemas/CommandResult' };

/** The answer of a recorded command, on the per-command routes and on /api/commands alike. */
const recordedSuccess = {
  status: 201,
  description: 'Recorded; 200 with Idempotent-Replayed: true when the idempotency key was already recorded',
  schema: commandResultRef,
  replayable: true,
};

/**
 * The write routes, in the order express matches them: one per command of the
 * command table, the year-end settlement, then any command by its type.
 */
export function commandRoutes(deps: Dependencies): RouteSpec[] {
  return [...commandEndpoints.map((endpoint) => commandEndpointRoute(deps, endpoint)), settlementRoute(deps), anyCommandRoute(deps)];
}

/** The route of one command: the path names some of its fields, the body gives the rest. */
function commandEndpointRoute(deps: Dependencies, endpoint: CommandEndpoint): RouteSpec {
  return {
    method: 'post',
    path: endpoint.path,
    operationId: endpoint.type.charAt(0).toLowerCase() + endpoint.type.slice(1),
    summary: endpoint.summary,
    description:
      `Records ${endpoint.type}.` +
      (ownMemberField(endpoint.type)
        ? ` A member account may vote only as its own committee member; ${ownMemberField(endpoint.type)} defaults to it.`
        : ''),
    tag: endpoint.tag,
    access: { kind: 'write', commandType: endpoint.type },
    parameters: pathParameters(endpoint.path),
    body: { schema: lazySchema(() => bodySchemaOf(endpoint.type, pathParameterNames(endpoint.path))), required: true },
    idempotent: true,
    ifMatch: true,
    success: recordedSuccess,
    problems: writeProblems,
    handle: (req, res) => record(deps, req, res, endpoint.type),
  };
}

function settlementRoute(deps: Dependencies): RouteSpec {
  return {
    method: 'post',
    path: '/api/years/:year/settlement',
    operationId: 'settleYear',
    summary: 'Settle and close a year (year-end settlement)',
    description:
      'Runs the settlement service: carries the remainder, released funds, earmarked grants and reserve funds into the next year and closes the year. Idempotent per year: a second call appends nothing and answers 200 with alreadySettled: true.',
    tag: 'years',
    access: { kind: 'write', commandType: 'SettleYear' },
    parameters: pathParameters('/api/years/:year/settlement'),
    body: {
      schema: {
        type: 'object',
        properties: { effectiveDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
        additionalProperties: false,
      },
      required: false,
    },
    idempotent: true,
    ifMatch: true,
    success: {
      status: 201,
      description: 'Settled; 200 with Idempotent-Replayed: true when the year was already settled',
      schema: { $ref: '#/components/schemas/SettlementOutcome' },
      replayable: true,
    },
    problems: writeProblems,
    handle: (req, res) => settle(deps, req, res),
  };
}

function anyCommandRoute(deps: Dependencies): RouteSpec {
  return {
    method: 'post',
    path: '/api/commands',
    operationId: 'recordCommand',
    summary: 'Record any command, named by its type',
    description: 'The body is a whole command with its `type` discriminator. If-Match applies to the stream the command writes to.',
    tag: 'commands',
    access: { kind: 'write', commandType: 'any' },
    body: {
      schema: { $ref: '#/components/schemas/Command' },
      required: true,
      description: 'The idempotencyKey may be left out when the Idempotency-Key header is sent.',
    },
    idempotent: true,
    ifMatch: true,
    success: recordedSuccess,
    problems: writeProblems,
    handle: (req, res) => record(deps, req, res, null),
  };
}
