import type { Request, Response } from 'express';
import { CaseNumberSchema, CriterionSchema, PhaseSchema } from '../../events/identifiers.js';
import { AmountSchema, DateSchema } from '../../events/money.js';
import type { ValidationIssue } from '../app/errors.js';
import { osloDate } from '../app/command-handler.js';
import { currentOrganisation } from '../app/organisation.js';
import type { ImportOptions, OpeningPreview } from '../opening/opening-import.js';
import { parseCitation } from '../opening/sheet-lines.js';
import { columnRoles, type ColumnRole } from '../opening/preview.js';
import { SheetError, problemText, whereOf } from '../opening/sheet-problems.js';
import { requireAuthentication } from './auth.js';
import { contextOf, type Dependencies } from './context.js';
import { HttpProblem, invalidQuery } from './problem.js';
import { queryText, yearFrom } from './query-params.js';
import type { ParameterSpec, RouteSpec } from './routes.js';
import { words } from '../shared/format.js';

/**
 * Taking the ledger into use over HTTP: who keeps it (read by anyone, for the page's
 * header), and the opening balance from a spreadsheet — a preview that records nothing,
 * and the import of the same file with the same settings, which records the registrations
 * and the opening balance as one unit. Both are the secretariat's.
 */

const sheetMediaTypes = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/octet-stream'];

const query = (
  name: string,
  description: string,
  schema: Record<string, unknown> = { type: 'string' },
  required = false,
): ParameterSpec => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

const importParameters: ParameterSpec[] = [
  query('year', 'The year the opening balance is for, e.g. 2025', { type: 'integer', minimum: 2000, maximum: 2100 }, true),
  query('fileName', "The file's name, as shown in the preview (default opening-balance)"),
  query('registerNew', 'true: register the programme areas and initiatives the registry does not have', { type: 'boolean' }),
  query('funds', "The year's receipt in the sheet: none (default), received or expected", {
    type: 'string',
    enum: ['none', 'received', 'expected'],
  }),
  query('receivedOn', 'The day the funds arrived (default the document’s date)', { type: 'string', format: 'date' }),
  query('sourceDocument', 'The document the figures come from (default what the sheet says, or its file name)'),
  query('sourceCase', 'The case the document belongs to, NN.YY'),
  query('sourceDate', "The document's date, YYYY-MM-DD", { type: 'string', format: 'date' }),
  query('date', 'The day it takes effect (default 1 January of the year, or today)', { type: 'string', format: 'date' }),
  query('criterion', 'For new initiatives whose line does not say (default drift)', {
    type: 'string',
    enum: ['drift', 'utvikling', 'bredding'],
  }),
  query('phase', 'For new initiatives whose line does not say (default oppstart)', {
    type: 'string',
    enum: ['oppstart', 'innsikt', 'løsning', 'drift'],
  }),
  query('grantedBy', 'The case that granted the earmarked money, for lines that do not say: NN.YY or NN.YY/P'),
  query('remainder', 'The remainder carried in, when the sheet has no frame sheet'),
  query('released', 'The released funds carried in, when the sheet has no frame sheet'),
  query('reserveFund', "The reserve fund's balance, when the sheet has no frame sheet"),
  query('map', `A column's role, ROLE=COLUMN (a letter or a header), repeatable; roles: ${columnRoles.join(', ')}`, {
    type: 'array',
    items: { type: 'string' },
  }),
];

function checked<T>(
  value: string | undefined,
  path: string,
  parse: (text: string) => T | null,
  message: string,
  issues: ValidationIssue[],
): T | undefined {
  if (value === undefined) return undefined;
  const parsed = parse(value);
  if (parsed === null) issues.push({ path, message });
  return parsed ?? undefined;
}

function mappingOf(req: Request, issues: ValidationIssue[]): Partial<Record<ColumnRole, string>> {
  const raw: unknown = (req.query as Record<string, unknown>).map;
  const texts = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const mapping: Partial<Record<ColumnRole, string>> = {};
  for (const text of texts) {
    const match = typeof text === 'string' ? /^([A-Za-z]+)=(.+)$/.exec(text) : null;
    if (match && (columnRoles as readonly string[]).includes(match[1]!)) mapping[match[1] as ColumnRole] = match[2]!;
    else issues.push({ path: 'map', message: `map is ROLE=COLUMN, ROLE one of ${columnRoles.join(', ')}` });
  }
  return mapping;
}

/** The object without its undefined fields (what an optional field left out is). */
function defined<T extends Record<string, unknown>>(object: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** The import's settings from the query: every bad one named, nothing read before they are right. */
function importOptionsOf(req: Request, today: string): ImportOptions {
  const issues: ValidationIssue[] = [];
  const text = (name: string) => queryText(req, name);
  const yearText = text('year');
  if (yearText === undefined) throw invalidQuery([{ path: 'year', message: 'year is required, e.g. year=2025' }]);
  const year = yearFrom(yearText);
  const date = (name: string) =>
    checked(
      text(name),
      name,
      (value) => (DateSchema.safeParse(value).success ? value : null),
      `${name} must be a date YYYY-MM-DD that exists`,
      issues,
    );
  const amount = (name: string) =>
    checked(
      text(name),
      name,
      (value) => (AmountSchema.safeParse(value).success ? value : null),
      `${name} must be an amount such as 980000`,
      issues,
    );
  const oneOf = <T extends string>(name: string, values: readonly T[]) =>
    checked(
      text(name),
      name,
      (value) => ((values as readonly string[]).includes(value) ? (value as T) : null),
      `${name} must be one of ${values.join(', ')}`,
      issues,
    );
  const registerNew = oneOf('registerNew', ['true', 'false'] as const);
  const sourceCase = checked(
    text('sourceCase'),
    'sourceCase',
    (value) => (CaseNumberSchema.safeParse(value).success ? value : null),
    'sourceCase must be NN.YY',
    issues,
  );
  const grantedBy = checked(text('grantedBy'), 'grantedBy', parseCitation, 'grantedBy must be NN.YY or NN.YY/P', issues);
  const source = defined({ document: text('sourceDocument'), caseNumber: sourceCase, date: date('sourceDate') });
  const figures = defined({
    remainderCarriedIn: amount('remainder'),
    releasedCarriedIn: amount('released'),
    reserveFundBalance: amount('reserveFund'),
  });
  const options: ImportOptions = {
    year,
    fileName: text('fileName') ?? 'opening-balance',
    effectiveDate: date('date') ?? (`${year}-01-01` <= today ? `${year}-01-01` : today),
    source,
    funds: oneOf('funds', ['none', 'received', 'expected'] as const) ?? 'none',
    registerNew: registerNew === 'true',
    map: mappingOf(req, issues),
    figures,
    ...defined({
      receivedOn: date('receivedOn'),
      criterion: oneOf('criterion', CriterionSchema.options),
      phase: oneOf('phase', PhaseSchema.options),
      grantedBy,
    }),
  };
  if (issues.length > 0) throw invalidQuery(issues);
  return options;
}

/** The preview of the body's sheet with the query's settings. */
async function previewOf(deps: Dependencies, req: Request): Promise<OpeningPreview> {
  const options = importOptionsOf(req, osloDate(deps.clock()));
  const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const { registry } = await deps.ledger.reader.view();
  // The sheet reader, loaded in the background when the routes were made (openingRoutes).
  const { previewOpening } = await import('../opening/opening-import.js');
  try {
    return await previewOpening(
      bytes,
      { programmeAreas: registry.programmeAreas.values(), initiatives: registry.initiatives.values() },
      options,
    );
  } catch (error: unknown) {
    throw error instanceof SheetError ? sheetProblem(error.problems) : error;
  }
}

function sheetProblem(problems: SheetError['problems']): HttpProblem {
  const text = (lang: 'nb' | 'en') => problems.map((problem) => problemText(problem, lang)).join('; ');
  return new HttpProblem(422, 'sheet-invalid', words(text('nb'), text('en')), {
    issues: problems.map((problem) => ({ path: whereOf(problem, 'en') || 'file', message: problem.message })),
    details: { problems: problems.map((problem) => ({ ...problem, nb: problemText(problem, 'nb'), en: problemText(problem, 'en') })) },
  });
}

const importAccess = { kind: 'write', commandType: 'RecordOpeningBalance' } as const;
const sheetBody = { mediaTypes: sheetMediaTypes, description: 'The spreadsheet: XLSX, or CSV in UTF-8 (comma or semicolon separated)' };

export function openingRoutes(deps: Dependencies): RouteSpec[] {
  // The sheet reader loads in the background from here (start-up does not wait for it); a failed load is the request's error.
  import('../opening/opening-import.js').catch(() => undefined);
  return [
    {
      method: 'get',
      path: '/api/organisation',
      operationId: 'organisation',
      summary: 'Who keeps the ledger: the organisation, its committee and its 360Giving identifier (null before it is recorded)',
      tag: 'system',
      access: { kind: 'public' },
      success: {
        status: 200,
        description: '{ organisation: { name, committeeName, funderIdentifier } | null }',
        schema: { type: 'object' },
      },
      problems: [],
      handle: async (_req: Request, res: Response) => void res.json({ organisation: await currentOrganisation(deps.ledger.store) }),
    },
    {
      method: 'post',
      path: '/api/opening-balances/preview',
      operationId: 'previewOpeningBalance',
      summary: 'Read an opening balance from a spreadsheet and show all it would record, recording nothing',
      description:
        'The body is the spreadsheet. The answer is the preview: the column mapping, every programme area and initiative with what it matched in the registry (or the id it would be registered under, and the names it may mean), what is left out, every figure, the commands the import would record, and every problem with its line and column. A file that cannot be read at all is 422 sheet-invalid.',
      tag: 'years',
      access: importAccess,
      parameters: importParameters,
      rawBody: sheetBody,
      success: { status: 200, description: 'The preview', schema: { type: 'object' } },
      problems: [400, 401, 403, 413, 422],
      handle: async (req: Request, res: Response) => void res.json(await previewOf(deps, req)),
    },
    {
      method: 'post',
      path: '/api/opening-balances/import',
      operationId: 'importOpeningBalance',
      summary: 'Record an opening balance from a spreadsheet: its new programme areas and initiatives and the opening balance, as one unit',
      description:
        'The same body and settings as the preview. With no problem, records what the preview showed, all of it or nothing; a problem in the sheet is 422 sheet-invalid naming each line and column, a rule the opening breaks is its refusal. The Idempotency-Key makes a retry record nothing twice.',
      tag: 'years',
      access: importAccess,
      parameters: importParameters,
      rawBody: sheetBody,
      idempotent: true,
      success: {
        status: 201,
        description: '{ preview, results }; 200 with Idempotent-Replayed: true when it was recorded before',
        schema: { type: 'object' },
        replayable: true,
      },
      problems: [400, 401, 403, 409, 413, 422],
      handle: (req: Request, res: Response) => importSheet(deps, req, res),
    },
  ];
}

function commandKey(command: OpeningPreview['commands'][number]): string {
  if (command.type === 'RegisterProgrammeArea') return `area:${command.programmeAreaId}`;
  if (command.type === 'RegisterInitiative') return `initiative:${command.initiativeId}`;
  return command.type === 'RecordOpeningBalance' ? `opening:${command.year}` : command.type;
}

async function importSheet(deps: Dependencies, req: Request, res: Response): Promise<void> {
  const auth = requireAuthentication(res);
  const key = req.get('idempotency-key');
  if (key === undefined || !/^[\x21-\x7e]{1,128}$/.test(key))
    throw new HttpProblem(
      400,
      'missing-idempotency-key',
      words(
        'send en Idempotency-Key-header: en ny unik verdi per import, den samme når importen prøves på nytt',
        'send an Idempotency-Key header: a new unique value per import, the same value when retrying it',
      ),
      {
        issues: [{ path: 'idempotencyKey', message: 'required' }],
      },
    );
  const preview = await previewOf(deps, req);
  if (preview.problems.length > 0) throw sheetProblem(preview.problems);
  // Each command is keyed by what it records, so a retry after the registrations were recorded finds the opening balance's own key.
  const commands = preview.commands.map((command) => ({
    ...command,
    idempotencyKey: `${auth.account.username}:${key}:${commandKey(command)}`,
  }));
  const { recordOpening } = await import('../opening/opening-import.js');
  const results = await recordOpening(
    deps.ledger.handler,
    { ...preview, commands },
    { actor: auth.account.username, correlationId: contextOf(res).requestId },
  );
  const replayed = results.every((result) => result.replayed);
  res.status(replayed ? 200 : 201);
  if (replayed) res.set('Idempotent-Replayed', 'true');
  res.json({ preview: { ...preview, commands }, results });
}
