import { can, roles, type Role } from '../accounts/roles.js';
import { roleMayWrite, type Access } from './auth.js';
import { commandJsonSchema } from './command-routes.js';
import { problemTitle } from './problem.js';
import { detailKindsOf } from '../domain/refusal-details.js';
import { domainErrorCodes } from '../domain/errors.js';
import { exampleNames, refusalText, ruleWords } from '../shared/refusals.js';
import { responseSchema } from './openapi-schemas.js';
import { CommandResultResponse, ProblemResponse, SettlementResponse } from './responses.js';
import type { ParameterSpec, RouteSpec } from './routes.js';

/**
 * The OpenAPI 3.1 description of the API, generated from the same route specs the
 * app serves, with request bodies from the commands' zod schemas.
 */

const statusText: Record<number, string> = {
  400: 'Malformed JSON (invalid-json), invalid command or query (invalid-command, invalid-query, with issues), missing Idempotency-Key, bad If-Match',
  401: 'No credentials, or credentials not accepted (unauthenticated, invalid-credentials)',
  403: "The role may not do this (forbidden), a vote in another member's name (not-own-vote), or a missing CSRF token (csrf-token-invalid)",
  404: 'No such route (not-found), case (case-not-found) or figure (figure-not-found)',
  409: 'Another writer changed the stream at the same moment (concurrency-conflict); nothing was recorded',
  412: "If-Match does not match the stream's revision (precondition-failed); nothing was recorded",
  413: 'The body is larger than the limit (body-too-large)',
  415: 'The body is not application/json in UTF-8 (unsupported-media-type)',
  422: 'A rule of the ledger was broken (code names the rule, one of components.schemas.RuleCode; details carries its figures), or an idempotency key was reused for a different command (idempotency-key-reused)',
  500: 'An unexpected error (internal-error); the detail reveals nothing',
};

function rolesAllowed(access: Access): Role[] | 'anyone' {
  if (access.kind === 'public') return 'anyone';
  if (access.kind === 'read') return roles.filter((role) => can(role, access.permission));
  return roles.filter((role) => roleMayWrite(role, access.commandType));
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

const asOfParameters: ParameterSpec[] = [
  {
    name: 'asOf',
    in: 'query',
    required: false,
    description: 'Answer as of the end of this date (effective dates), YYYY-MM-DD',
    schema: { type: 'string', format: 'date' },
  },
  {
    name: 'asOfPosition',
    in: 'query',
    required: false,
    description: 'Answer as of this log position (what had been recorded up to it)',
    schema: { type: 'integer', minimum: 0 },
  },
];

const problemResponse = (status: number) => ({
  description: statusText[status] ?? problemTitle('internal-error'),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const requestIdHeader = {
  'X-Request-Id': { description: 'The request id (a ULID); the correlationId of any events recorded', schema: { type: 'string' } },
};

/** The headers a request may send, as the spec asks for them: idempotency key, If-Match, CSRF token. */
function headerParameters(spec: RouteSpec): ParameterSpec[] {
  const parameters: ParameterSpec[] = [];
  if (spec.idempotent)
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Required unless the body has idempotencyKey: a unique value per command (1–128 visible ASCII). Repeating it with the same body returns the first result; with another body is refused (422). Recorded as `username:key`.',
      schema: { type: 'string', maxLength: 128 },
    });
  if (spec.ifMatch)
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: false,
      description:
        'An ETag from a read of the stream the command writes to (W/"7", W/"none"): the command applies only if the stream is still at that revision, otherwise 412',
      schema: { type: 'string' },
    });
  if (spec.access.kind !== 'public' && spec.method !== 'get')
    parameters.push({
      name: 'X-CSRF-Token',
      in: 'header',
      required: false,
      description: 'Required when authenticated by the session cookie',
      schema: { type: 'string' },
    });
  return parameters;
}

/** The success response (and its replay, for an idempotent write), then every problem the route may answer. */
function responsesOf(spec: RouteSpec): Record<string, unknown> {
  const successHeaders: Record<string, unknown> = { ...requestIdHeader };
  if (spec.etag || spec.method === 'post') successHeaders.ETag = { description: 'W/"<stream revision>"', schema: { type: 'string' } };
  if (spec.success.replayable)
    successHeaders['Idempotent-Replayed'] = {
      description: '"true" when this is the first result of a repeated idempotency key',
      schema: { type: 'string' },
    };
  const content = spec.success.schema ? { [spec.success.contentType ?? 'application/json']: { schema: spec.success.schema } } : undefined;
  const responses: Record<string, unknown> = {
    [String(spec.success.status)]: { description: spec.success.description, headers: successHeaders, ...(content ? { content } : {}) },
  };
  if (spec.success.replayable)
    responses['200'] = {
      description: 'Replayed: the first result of this idempotency key; nothing recorded',
      headers: successHeaders,
      ...(content ? { content } : {}),
    };
  for (const status of [...spec.problems, 500]) responses[String(status)] = problemResponse(status);
  return responses;
}

/** The request body: a JSON body (as the spec's schema) or, for a file upload, the raw bytes of any of its media types. */
function requestBodyOf(spec: RouteSpec): Record<string, unknown> | undefined {
  if (spec.body)
    return {
      required: spec.body.required,
      ...(spec.body.description ? { description: spec.body.description } : {}),
      content: { 'application/json': { schema: spec.body.schema } },
    };
  if (spec.rawBody)
    return {
      required: true,
      description: spec.rawBody.description,
      content: Object.fromEntries(spec.rawBody.mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
    };
  return undefined;
}

function operationOf(spec: RouteSpec) {
  const parameters: ParameterSpec[] = [...(spec.parameters ?? []), ...(spec.asOf ? asOfParameters : []), ...headerParameters(spec)];
  const requestBody = requestBodyOf(spec);
  const allowed = rolesAllowed(spec.access);
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    security: spec.access.kind === 'public' ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
    'x-roles': allowed,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: responsesOf(spec),
  };
}

/** Every rule's code, each with the words of an example (src/shared/refusals.ts) and the kinds of the figures its `details` give. */
function ruleCodeSchema() {
  const line = (code: (typeof domainErrorCodes)[number]) => {
    const words = refusalText(code, ruleWords[code].example, 'en', exampleNames);
    const details = detailKindsOf(code).map((detail) => `${detail.name} (${detail.kind}${detail.optional ? ', optional' : ''})`);
    return `- \`${code}\`: ${words}${details.length > 0 ? ` Details: ${details.join(', ')}.` : ''}`;
  };
  return {
    type: 'string',
    enum: [...domainErrorCodes],
    description: `The code of a broken rule (422), with the words of an example:\n${domainErrorCodes.map(line).join('\n')}`,
  };
}

export function openApiDocument(specs: RouteSpec[], info: { title?: string; version?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = openApiPath(spec.path);
    paths[path] = { ...(paths[path] ?? {}), [spec.method]: operationOf(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title ?? 'HFI decision ledger API',
      version: info.version ?? '0.1.0',
      description:
        "A decision ledger of a health partnership's collaboration funds (the organisation keeping it is at GET /api/organisation). Authenticate with `Authorization: Bearer <token>` or the session cookie from POST /api/session (then send X-CSRF-Token on unsafe requests). Every error is application/problem+json.",
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'registry', description: 'Programme areas, initiatives, partners, committee members' },
      { name: 'cases', description: 'Cases of the strategic committee: proposals, recommendation, resolution, votes' },
      { name: 'years', description: "A year's money: receipts, grants, releases, spending, reserve fund, settlement, frame and balances" },
      { name: 'audit', description: 'The trail, explanations, the event log and the export' },
      {
        name: 'reports',
        description: "The committee's documents (allocation table, case summary, 360Giving grants) and their verification",
      },
      { name: 'commands', description: 'Any command by its type' },
      { name: 'session', description: 'Signing in and out; the current account' },
      { name: 'system', description: 'Health and this document' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token of a named account' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ledger_session',
          description: 'From POST /api/session; unsafe requests also need X-CSRF-Token',
        },
      },
      schemas: {
        Problem: responseSchema(ProblemResponse),
        CommandResult: responseSchema(CommandResultResponse),
        SettlementOutcome: responseSchema(SettlementResponse),
        RuleCode: ruleCodeSchema(),
        Command: commandJsonSchema(),
      },
    },
  };
}
