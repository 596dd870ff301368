import type { Organisation } from '../../registry/organisation.js';
import { get } from './api.js';
import { t } from './i18n/index.js';

/**
 * Who keeps the ledger, as the ledger records it (`GET /api/organisation`, public): its
 * name heads the page and the window's title. Read when the page starts and again when
 * the first run records or changes it.
 */
let current: Organisation | null = null;

export async function loadOrganisation(): Promise<Organisation | null> {
  try {
    current = (await get<{ organisation: Organisation | null }>('/api/organisation')).organisation;
  } catch {
    // Unknown until the next read: the page shows the ledger's own name meanwhile.
  }
  return current;
}

export function organisation(): Organisation | null {
  return current;
}

/** The name the page is headed with: the organisation's, or the ledger's own until one is recorded. */
export function ownerName(): string {
  return current?.name ?? t('appOwner');
}
