import type { Request } from 'express';
import type { Lang } from '../shared/format.js';

/**
 * The language a client reads, from `Accept-Language` (RFC 9110): the first of its
 * languages by weight that the ledger speaks — bokmål for `nb`, `no` and `nn`, English for
 * `en` — and bokmål when it names none of them or sends no header.
 */
function languageOf(header: string | undefined): Lang {
  if (!header) return 'nb';
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const weight = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: weight === undefined ? 1 : Number(weight), index };
    })
    .filter((range) => range.q > 0 && !Number.isNaN(range.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    if (range.primary === 'nb' || range.primary === 'no' || range.primary === 'nn') return 'nb';
    if (range.primary === 'en') return 'en';
  }
  return 'nb';
}

export function requestLanguage(req: Request): Lang {
  return languageOf(req.get('accept-language'));
}
