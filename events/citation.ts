import { z } from 'zod';
import { CaseNumberSchema } from './identifiers.js';

/** Where a grant, reserve fund or other decision gets its authority (hjemmel): a point of an adopted resolution. */
export const ResolutionCitationSchema = z.strictObject({
  caseNumber: CaseNumberSchema,
  pointNumber: z.number().int().min(1).max(50),
});
