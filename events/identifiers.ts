import { z } from 'zod';

/**
 * The id of a registered thing (programme area, initiative, partner, committee member,
 * grant, proposal): lower-case letters, digits and dashes, such as `vip` or `samba`,
 * or a ULID the ledger generated.
 */
export const EntityIdSchema = z.string({ error: 'id must be a string' }).regex(/^([a-z0-9][a-z0-9-]{0,63}|[0-9A-HJKMNP-TV-Z]{26})$/, {
  error: 'id must be 1–64 lower-case letters, digits or dashes (e.g. "vip"), or a ULID',
});

/**
 * A case number of the strategic committee, `NN.YY`: case 22 of 2025 is `22.25`.
 */
export const CaseNumberSchema = z
  .string({ error: 'case number must be a string like "22.25"' })
  .regex(/^\d{2}\.\d{2}$/, { error: 'case number must be written NN.YY, like "22.25"' })
  .refine((value) => value.slice(0, 2) !== '00', { error: 'case number NN must be 01 or more' });

/** The calendar year a case number belongs to: `22.25` → 2025. */
export function yearOfCaseNumber(caseNumber: string): number {
  return 2000 + Number(caseNumber.slice(3, 5));
}

/** The three criteria of case 32.24 that classify initiatives. */
export const CriterionSchema = z.enum(['drift', 'utvikling', 'bredding'], {
  error: 'criterion must be one of drift, utvikling, bredding',
});
export type Criterion = z.infer<typeof CriterionSchema>;

/** The four phases of the partnership's project model. */
export const PhaseSchema = z.enum(['oppstart', 'innsikt', 'løsning', 'drift'], {
  error: 'phase must be one of oppstart, innsikt, løsning, drift',
});
export type Phase = z.infer<typeof PhaseSchema>;

export const PartnerKindSchema = z.enum(['municipalities', 'health-region', 'municipality', 'hospital-trust', 'division'], {
  error: 'partner kind must be one of municipalities, health-region, municipality, hospital-trust, division',
});

export const NameSchema = z
  .string({ error: 'name must be a string' })
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(300, { error: 'name must be at most 300 characters' });

export const TextSchema = z.string().trim().min(1, { error: 'text must not be empty' }).max(4000, {
  error: 'text must be at most 4000 characters',
});
