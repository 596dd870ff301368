import { expect } from 'vitest';
import { isDomainError } from '../../src/domain/errors.js';
import { detailKindsOf, type DetailKind } from '../../src/domain/refusal-details.js';
import { isIsoDate } from '../../src/shared/format.js';

/** A detail that is not of its kind: an amount that is not a canonical decimal, a date that does not exist. */
export function misfit(kind: DetailKind, value: unknown): boolean {
  if (kind === 'amount') return typeof value !== 'string' || !/^-?\d+\.\d{2}$/.test(value);
  if (kind === 'date') return typeof value !== 'string' || !isIsoDate(value);
  if (kind === 'year' || kind === 'count' || kind === 'point' || kind === 'alternative') return !Number.isInteger(value);
  if (kind === 'case') return typeof value !== 'string' || !/^\d{2}\.\d{2}$/.test(value);
  if (kind === 'years' || kind === 'points' || kind === 'alternatives' || kind === 'members' || kind === 'dissent' || kind === 'texts')
    return !Array.isArray(value);
  return value === undefined || value === null;
}

/** Every detail a refusal carries is one its rule declares, of the kind declared, and none it must give is missing. */
export function expectDetailsOfTheirKinds(error: unknown): void {
  if (!isDomainError(error)) return;
  const details = error.details as Record<string, unknown>;
  const declared = detailKindsOf(error.code);
  expect(
    Object.keys(details).filter((name) => !declared.some((detail) => detail.name === name)),
    `${error.code}: undeclared details`,
  ).toEqual([]);
  for (const detail of declared) {
    if (details[detail.name] === undefined) expect(detail.optional, `${error.code} lacks ${detail.name}`).toBe(true);
    else expect(misfit(detail.kind, details[detail.name]), `${error.code}: ${detail.name} is not a ${detail.kind}`).toBe(false);
  }
}
