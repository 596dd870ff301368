import { h, uid } from './dom.js';
import { parseDateInput } from './dates.js';
import { amountInputWords, parseAmountInput } from '../../shared/amount-input.js';
import { FIRST_YEAR, LAST_YEAR, isYearInRange } from '../../shared/bounds.js';
import { amountForInput } from './format.js';
import { formatDate } from '../../shared/format.js';
import { lang, t } from './i18n/index.js';

/**
 * A labelled field of a form: its label, hint and error are tied to the control
 * (`aria-describedby`, `aria-invalid`); `data-path` names the command field it fills,
 * so a refusal about that field is shown beside it. Its kind says how what is typed is
 * read: an amount as `1 245 000` or `1245000,50`, a date as `18.09.2025`, a year, an id.
 */
type FieldKind = 'text' | 'textarea' | 'select' | 'amount' | 'signed-amount' | 'date' | 'id' | 'year' | 'integer' | 'case-number';

export interface FieldSpec {
  label: string;
  name: string;
  /** The command field it fills (`plan.amount`); a refusal or issue about it lands here. */
  path?: string | undefined;
  kind?: FieldKind | undefined;
  type?: string | undefined;
  value?: string | undefined;
  required?: boolean | undefined;
  hint?: string | undefined;
  autocomplete?: string | undefined;
  placeholder?: string | undefined;
  options?: { value: string; label: string; lang?: string }[];
  /** A further check: an error message, or null. */
  check?: (value: string) => string | null;
  className?: string;
  /** Norwegian content (a name from the ledger) in the English view. */
  lang?: string;
}

export interface Field {
  spec: FieldSpec;
  wrapper: HTMLElement;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  error: HTMLElement;
  /** What was typed, trimmed. */
  value(): string;
  /** What was typed, as the command takes it: an amount `1245000.50`, a date `2025-09-18`. */
  parsed(): string;
  setError(message: string | null): void;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The check a kind of field makes of what was typed. */
function kindCheck(kind: FieldKind, value: string): string | null {
  switch (kind) {
    case 'amount':
    case 'signed-amount': {
      const signed = kind === 'signed-amount';
      const read = parseAmountInput(value, { signed });
      if (!read.ok) return amountInputWords(read, lang(), { signed });
      return signed && /^-?0(\.0+)?$/.test(read.amount) ? t('amountChangeInvalid') : null;
    }
    case 'date':
      return parseDateInput(value) ? null : t('dateInvalid');
    case 'id':
      return ID.test(value) ? null : t('idInvalid');
    case 'year':
      return /^\d{4}$/.test(value) && isYearInRange(Number(value)) ? null : t('yearInvalid', { first: FIRST_YEAR, last: LAST_YEAR });
    case 'integer':
      return /^\d{1,3}$/.test(value) && Number(value) >= 1 ? null : t('integerInvalid');
    case 'case-number':
      return /^\d{2}\.\d{2}$/.test(value) && !value.startsWith('00') ? null : t('caseNumberInvalid');
    default:
      return null;
  }
}

function parsedOf(kind: FieldKind, value: string): string {
  if (kind === 'amount' || kind === 'signed-amount') {
    const read = parseAmountInput(value, { signed: kind === 'signed-amount' });
    return read.ok ? read.amount : value;
  }
  if (kind === 'date') return parseDateInput(value) ?? value;
  return value;
}

function controlOf(spec: FieldSpec, common: Record<string, string | boolean>): Field['control'] {
  if (spec.options) {
    const select = h(
      'select',
      common,
      ...spec.options.map((option) => h('option', { value: option.value, lang: option.lang }, option.label)),
    );
    if (spec.value !== undefined) select.value = spec.value;
    return select;
  }
  if (spec.kind === 'textarea') {
    const area = h('textarea', { ...common, rows: '3', lang: spec.lang });
    if (spec.value !== undefined) area.value = spec.value;
    return area;
  }
  const numeric = spec.kind === 'amount' || spec.kind === 'signed-amount' || spec.kind === 'date' || spec.kind === 'year';
  return h('input', {
    ...common,
    type: spec.type ?? 'text',
    value: spec.value ?? '',
    autocomplete: spec.autocomplete ?? 'off',
    inputmode: numeric ? (spec.kind === 'date' || spec.kind === 'year' ? 'numeric' : 'decimal') : undefined,
    placeholder: spec.placeholder ?? (spec.kind === 'date' ? t('asOfHint') : undefined),
    spellcheck: spec.type === 'password' ? undefined : 'false',
    lang: spec.lang,
  });
}

export function field(spec: FieldSpec): Field {
  const id = uid(`field-${spec.name}`);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const kind = spec.kind ?? (spec.options ? 'select' : 'text');
  const common = {
    id,
    name: spec.name,
    'aria-describedby': [spec.hint ? hintId : null, errorId].filter(Boolean).join(' '),
    required: spec.required ?? false,
    'data-path': spec.path ?? spec.name,
  };
  const control = controlOf({ ...spec, kind }, common);
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const wrapper = h(
    'div',
    { class: `field field-${kind} ${spec.className ?? ''}` },
    h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *') : null),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    error,
    control,
  );
  const result: Field = {
    spec: { ...spec, kind },
    wrapper,
    control,
    error,
    value: () => control.value.trim(),
    parsed: () => parsedOf(kind, control.value.trim()),
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      wrapper.classList.toggle('field-invalid', Boolean(message));
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
  (control as HTMLElement & { ledgerField?: Field }).ledgerField = result;
  return result;
}

/** The field of a control, when it was made by `field`. */
export function fieldOf(control: (Element & { ledgerField?: Field }) | null): Field | undefined {
  return control?.ledgerField;
}

/** Checks fields before sending; shows each error next to its field and focuses the first. */
export function validate(fields: Field[]): boolean {
  let first: Field | null = null;
  for (const item of fields) {
    const value = item.value();
    let message: string | null = null;
    if (item.spec.required && value === '') message = t('required');
    else if (value !== '') message = kindCheck(item.spec.kind ?? 'text', value) ?? item.spec.check?.(value) ?? null;
    item.setError(message);
    if (message && !first) first = item;
  }
  if (first) first.control.focus();
  return first === null;
}

/** A date field prefilled with a date (`YYYY-MM-DD`), written as people write it. */
export function dateField(spec: Omit<FieldSpec, 'kind' | 'value'> & { date: string }): Field {
  const { date, ...rest } = spec;
  return field({
    ...rest,
    kind: 'date',
    value: formatDate(date),
    required: spec.required ?? true,
    className: `field-date ${spec.className ?? ''}`,
  });
}

/** An amount field prefilled with an amount (`3000000.00` shows as `3 000 000`). */
export function amountField(spec: Omit<FieldSpec, 'kind' | 'value'> & { amount?: string | null | undefined; signed?: boolean }): Field {
  const { amount, signed, ...rest } = spec;
  return field({
    ...rest,
    kind: signed ? 'signed-amount' : 'amount',
    value: amount ? amountForInput(amount) : '',
    className: `field-amount ${spec.className ?? ''}`,
  });
}

/** A group of checkboxes (a fieldset with a legend): which of some things. A refusal about it shows in the fieldset. */
export function checkboxGroup(spec: {
  legend: string;
  name: string;
  path: string;
  options: { value: string; label: string; checked?: boolean; lang?: string }[];
  hint?: string;
  required?: boolean;
}): Field & { values(): string[]; boxes: HTMLInputElement[] } {
  const boxes: HTMLInputElement[] = [];
  const hintId = uid('hint');
  const errorId = uid('error');
  const items = spec.options.map((option) => {
    const id = uid(spec.name);
    const box = h('input', {
      type: 'checkbox',
      id,
      name: spec.name,
      value: option.value,
      checked: option.checked ?? false,
      'data-path': spec.path,
      'aria-describedby': errorId,
    });
    boxes.push(box);
    return h('div', { class: 'checkbox' }, box, h('label', { for: id, lang: option.lang }, option.label));
  });
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const wrapper = h(
    'fieldset',
    { class: 'checkbox-group', 'aria-describedby': spec.hint ? hintId : undefined },
    h('legend', null, spec.legend, spec.required ? h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *') : null),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    error,
    h('div', { class: 'checkboxes' }, ...items),
  );
  const values = () => boxes.filter((box) => box.checked).map((box) => box.value);
  const group = {
    spec: { label: spec.legend, name: spec.name, path: spec.path, required: spec.required ?? false, kind: 'text' as const },
    wrapper,
    control: boxes[0] ?? h('input', { type: 'hidden' }),
    error,
    boxes,
    values,
    value: () => values().join(','),
    parsed: () => values().join(','),
    setError(message: string | null) {
      error.textContent = message ?? '';
      error.hidden = !message;
      wrapper.classList.toggle('field-invalid', Boolean(message));
    },
  };
  for (const box of boxes) (box as HTMLElement & { ledgerField?: Field }).ledgerField = group;
  return group;
}
