import type { Request } from 'express';
import type { z } from 'zod';
import { CaseNumberSchema } from '../../events/identifiers.js';
import { DateSchema, YearSchema } from '../../events/money.js';
import type { AsOf } from '../app/ledger-reader.js';
import { issueAt, type ValidationIssue } from '../app/errors.js';
import { words } from '../shared/format.js';
import { issueWords, type IssueFacts } from '../shared/issue-words.js';
import { invalidQuery } from './problem.js';

/** One query parameter's text; a repeated parameter is refused. */
export function queryText(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidQuery([issueAt(name, words(`${name} kan bare oppgis én gang`, `${name} must be given once`))]);
  return value;
}

function check<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalidQuery(parsed.error.issues.map((issue): ValidationIssue => issueAt(path, issueWords(issue as IssueFacts))));
}

/** A whole number in decimal digits, or the text itself (so the schema says what is wrong). */
function numberOrText(text: string): number | string {
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

/**
 * As of when a read answers: `?asOf=YYYY-MM-DD` (what had taken effect by the end of
 * that day) or `?asOfPosition=N` (what had been recorded up to log position N).
 */
export function asOfFrom(req: Request): AsOf | null {
  const date = queryText(req, 'asOf');
  const position = queryText(req, 'asOfPosition');
  if (date !== undefined && position !== undefined)
    throw invalidQuery([issueAt('asOf', words('oppgi asOf eller asOfPosition, ikke begge', 'give asOf or asOfPosition, not both'))]);
  if (date !== undefined) return { date: check(DateSchema, date, 'asOf') };
  if (position !== undefined) {
    if (!/^\d{1,15}$/.test(position))
      throw invalidQuery([
        issueAt(
          'asOfPosition',
          words(
            'asOfPosition er en posisjon i loggen: et helt tall, 0 eller mer',
            'asOfPosition must be a log position: a whole number, 0 or more',
          ),
        ),
      ]);
    return { position: Number(position) };
  }
  return null;
}

/** A year from its text in a path or query. */
export function yearFrom(text: string, path = 'year'): number {
  return check(YearSchema, numberOrText(text), path);
}

function pathText(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : (value ?? []).join('/');
}

export function yearParam(req: Request): number {
  return yearFrom(pathText(req, 'year'));
}

export function caseNumberParam(req: Request): string {
  return check(CaseNumberSchema, pathText(req, 'caseNumber'), 'caseNumber');
}

/** An optional whole-number query parameter within bounds. */
export function integerQuery(req: Request, name: string, bounds: { min: number; max: number; default: number }): number {
  const text = queryText(req, name);
  if (text === undefined) return bounds.default;
  const value = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < bounds.min || value > bounds.max)
    throw invalidQuery([
      issueAt(
        name,
        words(
          `${name} er et helt tall fra ${bounds.min} til ${bounds.max}`,
          `${name} must be a whole number from ${bounds.min} to ${bounds.max}`,
        ),
      ),
    ]);
  return value;
}

/** Path values as command fields: `year` becomes a number when it is one. */
export function commandFieldOfPath(name: string, raw: string): unknown {
  return name === 'year' ? numberOrText(raw) : raw;
}
