import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { visit } from 'jsonc-parser';
import { HttpProblem } from './problem.js';
import { words } from '../shared/format.js';

/** The largest request body the API reads. @defaultValue 256 KiB */
export const DEFAULT_BODY_LIMIT = '256kb';

function hasBody(req: Request): boolean {
  if (req.get('transfer-encoding') !== undefined) return true;
  const length = req.get('content-length');
  return length !== undefined && length.trim() !== '0';
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * How deep arrays and objects may nest in a request body. The deepest command is five
 * levels (a batch of commands, a grant's plan, its instalments); the limit leaves room
 * and keeps every later walk of the body (the duplicate-key check, zod) far from the
 * stack's end. @defaultValue 32
 */
export const MAX_JSON_DEPTH = 32;

/** Where a JSON text first nests deeper than `limit` (the character index), or -1. Strings are skipped. */
function tooDeepAt(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text.charCodeAt(index);
    if (inString) {
      if (character === 0x5c) index += 1;
      else if (character === 0x22) inString = false;
    } else if (character === 0x22) inString = true;
    else if (character === 0x5b || character === 0x7b) {
      if (++depth > limit) return index;
    } else if (character === 0x5d || character === 0x7d) depth -= 1;
  }
  return -1;
}

/** The charset a Content-Type names, lower-case, or null when it names none. */
function charsetOf(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * The key that appears twice in one object, with the path of that object, if any. The
 * text is walked by jsonc-parser's visitor (comments refused); a text that is not JSON
 * is left to the parser, which names its error.
 */
export function duplicateKeyOf(text: string): { key: string; path: string } | null {
  const open: { keys: Set<string>; path: string }[] = [];
  let found: { key: string; path: string } | null = null;
  visit(
    text,
    {
      onObjectBegin: (_offset, _length, _line, _column, pathOf) => {
        open.push({ keys: new Set(), path: pathOf().join('.') });
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (property) => {
        const object = open.at(-1);
        if (!object || found) return;
        if (object.keys.has(property)) found = { key: property, path: object.path };
        object.keys.add(property);
      },
    },
    { disallowComments: true },
  );
  return found;
}

/**
 * Checked before the body is parsed: bytes that are not UTF-8 would become U+FFFD and
 * be stored so; a key given twice would be read as its last value, silently. Both are
 * refused with a 400 naming the problem.
 */
function checkBody(_req: Request, _res: Response, buffer: Buffer): void {
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    const at = firstInvalidByte(buffer);
    throw new HttpProblem(
      400,
      'invalid-utf8',
      words(
        `Innholdet er ikke gyldig UTF-8 (byte ${at + 1} av ${buffer.length}); send JSON i UTF-8.`,
        `the request body is not valid UTF-8 (byte ${at + 1} of ${buffer.length}); send JSON in UTF-8`,
      ),
    );
  }
  const deep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (deep !== -1)
    throw new HttpProblem(
      400,
      'json-too-deep',
      words(
        `innholdet nøster lister og objekter dypere enn ${MAX_JSON_DEPTH} nivåer (i tegn ${deep + 1}); API-et leser høyst ${MAX_JSON_DEPTH}`,
        `the request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels (at character ${deep + 1}); the API reads at most ${MAX_JSON_DEPTH}`,
      ),
      { details: { maxDepth: MAX_JSON_DEPTH } },
    );
  const duplicate = duplicateKeyOf(text);
  if (duplicate)
    throw new HttpProblem(
      400,
      'duplicate-json-key',
      words(
        `Nøkkelen "${duplicate.key}" står to ganger i samme objekt${duplicate.path ? ` i ${duplicate.path}` : ''}; gi hver nøkkel én gang.`,
        `the key "${duplicate.key}" appears twice in the same object${duplicate.path ? ` at ${duplicate.path}` : ''}; give each key once`,
      ),
      {
        issues: [
          {
            path: duplicate.path ? `${duplicate.path}.${duplicate.key}` : duplicate.key,
            message: 'given twice',
            words: { nb: 'står to ganger', en: 'given twice' },
          },
        ],
      },
    );
}

/** Where a buffer stops being UTF-8 (the prefix before it decodes). */
function firstInvalidByte(buffer: Buffer): number {
  let low = 0;
  let high = buffer.length;
  // The longest prefix that decodes, allowing for a character cut at its end.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  // The prefix may end inside a character that the next byte breaks: that character is where it stops.
  const whole = new TextDecoder('utf-8', { fatal: true });
  for (let back = 0; back < 3 && low > 0; back++) {
    try {
      whole.decode(buffer.subarray(0, low));
      break;
    } catch {
      low -= 1;
    }
  }
  return low;
}

/**
 * Reads a JSON body strictly: a body must be declared `application/json` (or
 * `application/…+json`), in UTF-8 (no other charset named; valid UTF-8: see `checkBody`),
 * an object or array nested at most `MAX_JSON_DEPTH` deep, with no key twice in one
 * object, no larger than the limit. A request without a body
 * reads as `{}`.
 */
export function jsonBody(limit: string | number = DEFAULT_BODY_LIMIT): RequestHandler {
  const parse = express.json({ limit, strict: true, type: () => true, verify: checkBody });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) {
      req.body = {};
      next();
      return;
    }
    if (!req.is(['application/json', 'application/*+json']))
      throw new HttpProblem(
        415,
        'unsupported-media-type',
        words(
          `Innholdet må være application/json; fikk ${req.get('content-type') ?? 'ingen Content-Type'}.`,
          `the body must be application/json; got ${req.get('content-type') ?? 'no Content-Type'}`,
        ),
      );
    const charset = charsetOf(req.get('content-type'));
    // Any other charset would be decoded by the body parser after the checks above had read the bytes as UTF-8.
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8')
      throw new HttpProblem(
        415,
        'unsupported-media-type',
        words(`innholdet må være JSON i UTF-8; fikk charset=${charset}`, `the body must be JSON in UTF-8; got charset=${charset}`),
      );
    parse(req, res, next);
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
