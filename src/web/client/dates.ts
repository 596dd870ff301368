import { isIsoDate } from '../../shared/format.js';

/**
 * A date as typed: `18.09.2025`, `18.9.2025` or `2025-09-18` → `2025-09-18`;
 * null when it is not a date that exists.
 */
export function parseDateInput(text: string): string | null {
  const value = text.trim();
  if (isIsoDate(value)) return value;
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
