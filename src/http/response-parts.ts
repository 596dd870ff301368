import { z } from 'zod';

/** The small shapes every response schema is made of (see responses.ts). */

export const Amount = z.string().regex(/^-?\d+\.\d{2}$/, { error: 'a decimal string with two decimals' });
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const Year = z.number().int();

export const WordsSchema = z.strictObject({ nb: z.string(), en: z.string() });

export const AsOfSchema = z.union([z.strictObject({ date: IsoDate }), z.strictObject({ position: z.number().int() }), z.null()]);

export const Citation = z.strictObject({ caseNumber: z.string(), pointNumber: z.number().int() });
