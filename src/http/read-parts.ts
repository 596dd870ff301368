import type { JsonSchema } from './routes.js';

/** What the read routes share: the problems any read may answer, and an object described in words. */

/** Any read may meet a bad query, missing credentials or a role without the right. */
export const readProblems = [400, 401, 403];

/** An object whose shape is given only in words (no response schema of its own). */
export const object = (description: string): JsonSchema => ({ type: 'object', description });

/** The path of a read of one year, `/api/years/:year` and what follows. */
export const yearPath = (suffix: string): string => `/api/years/:year${suffix}`;
