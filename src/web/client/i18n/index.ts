import { figureWords } from '../../../../projections/figures.js';
import type { Lang } from '../../../shared/format.js';
import { caseStrings } from './strings-case.js';
import { checkStrings } from './strings-check.js';
import { closedStrings } from './strings-closed.js';
import { confirmStrings } from './strings-confirm.js';
import { formStrings } from './strings-forms.js';
import { operationsStrings } from './strings-operations.js';
import { overviewStrings } from './strings-overview.js';
import { registryStrings } from './strings-registry.js';
import { shellStrings } from './strings-shell.js';
import { yearStrings } from './strings-year.js';
import { setupStrings } from './strings-setup.js';
import { eventTypeLabels } from './event-types.js';

/**
 * Every string the page shows, as [bokmål, English] (so no key can lack either);
 * `t('key', { n: 3 })` fills `{n}`. Figure labels are the ledger's own
 * (projections/figures.ts), compiled into the page from the server's module.
 */

export type { Lang };

const strings = {
  ...shellStrings,
  ...overviewStrings,
  ...caseStrings,
  ...formStrings,
  ...yearStrings,
  ...registryStrings,
  ...setupStrings,
  ...confirmStrings,
  ...closedStrings,
  ...checkStrings,
  ...operationsStrings,
};

export type Key = keyof typeof strings;

const STORAGE_KEY = 'ledger.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'nb' || stored === 'en') return stored;
  } catch {
    // storage unavailable: default
  }
  return 'nb';
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // storage unavailable: the choice lasts this page only
  }
}

export function t(key: Key, values: Record<string, string | number> = {}): string {
  const template = strings[key][current === 'nb' ? 0 : 1];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function figureLabel(figure: string): string {
  return figureWords(figure)[current];
}

/** An event type's name; a type the page does not know (from a newer server) by its own name. */
export function eventTypeLabel(type: string): string {
  return (eventTypeLabels as Partial<Record<string, readonly [string, string]>>)[type]?.[current === 'nb' ? 0 : 1] ?? type;
}

/** Words the API gives in both languages, with its ISO dates written 20.02.2025. */
export function words(value: { nb: string; en: string } | null | undefined): string {
  if (!value) return '';
  return value[current].replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3.$2.$1');
}
