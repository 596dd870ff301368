import { h } from '../dom.js';
import { amountField, field, type Field } from '../fields.js';
import { t } from '../i18n/index.js';
import type { Registry } from '../api.js';
import { initiativeChoices } from '../initiatives.js';

/** Fields the forms of a decision share, each labelled once. */

/** The adopted point a decision cites, as case and point side by side; `cites` fills them in (a grant's own point). */
export function citedFields(
  required: boolean,
  cites?: { caseNumber: string; pointNumber: number },
): { caseNumber: Field; point: Field; row: HTMLElement; value(): { caseNumber: string; pointNumber: number } | undefined } {
  const caseNumber = field({
    label: t('authorityCaseLabel'),
    name: 'authorityCase',
    path: 'authority.caseNumber',
    kind: 'case-number',
    required,
    ...(cites ? { value: cites.caseNumber } : {}),
  });
  const point = field({
    label: t('authorityPointNumberLabel'),
    name: 'authorityPointNumber',
    path: 'authority.pointNumber',
    kind: 'integer',
    required,
    ...(cites ? { value: String(cites.pointNumber) } : {}),
  });
  return {
    caseNumber,
    point,
    row: h('div', { class: 'field-row' }, caseNumber.wrapper, point.wrapper),
    value: () => (caseNumber.value() === '' ? undefined : { caseNumber: caseNumber.value(), pointNumber: Number(point.value()) }),
  };
}

/** Why, in the secretariat's words (Norwegian). */
export const reasonField = (): Field =>
  field({ label: t('reasonLabel'), name: 'reason', path: 'reason', kind: 'textarea', required: true, lang: 'nb' });

/** A signed change of an amount (minus to lower it). */
export const amountChangeField = (): Field =>
  amountField({
    label: t('amountChangeLabel'),
    name: 'amountChange',
    path: 'amountChange',
    signed: true,
    required: true,
    hint: t('amountChangeHint'),
  });

/** The initiative money goes to, chosen among those that may get new money. */
export const initiativeField = (registry: Registry | null | undefined): Field =>
  field({ label: t('initiativeColumn'), name: 'initiativeId', path: 'initiativeId', required: true, options: initiativeChoices(registry) });

/** The letter, payment or invoice the money came with; `hint` says which. */
export const referenceField = (hint: string): Field =>
  field({ label: t('referenceLabel'), name: 'reference', path: 'reference', required: true, hint, lang: 'nb' });
