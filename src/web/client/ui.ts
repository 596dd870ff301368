import { ApiProblem, asOfParams, scopeText, type AsOf, type Scope, type Session } from './api.js';
import { h, uid, type Child } from './dom.js';
import { formatMoney, isNegativeAmount } from './format.js';
import { lang, t, type Key } from './i18n.js';

/** What a view gets: who is signed in, as of when, and how to move on. */
export interface Ctx {
  session: Session;
  asOf: AsOf;
  url: URL;
  can(permission: string): boolean;
  /** A link inside the page that keeps the as-of choice. */
  href(path: string, params?: Record<string, string | number | null | undefined>): string;
  navigate(href: string, options?: { replace?: boolean }): void;
  /** Renders the current page again (after a write). */
  refresh(message?: { text: string; kind: 'success' | 'error'; anchor?: string }): void;
  setTitle(text: string): void;
  /** May the page show forms that write? Never in an as-of view. */
  writable: boolean;
}

export function hrefWith(path: string, params: Record<string, string | number | null | undefined>, asOf: AsOf): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...params, ...asOfParams(asOf) }))
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  const query = search.toString();
  return query === '' ? path : `${path}?${query}`;
}

export function money(amount: string | null | undefined, options: { signed?: boolean } = {}): string {
  return formatMoney(amount, lang(), options);
}

/** An amount, as a link to its explanation when the role may read explanations. */
export function figureLink(
  ctx: Ctx,
  ref: { year: number; figure: string; scope: Scope | string; amount: string | null | undefined; signed?: boolean; asOf?: AsOf },
): HTMLElement {
  const text = money(ref.amount, ref.signed ? { signed: true } : {});
  const classes = `amount${ref.amount && isNegativeAmount(ref.amount) ? ' negative' : ''}`;
  if (!ctx.can('read:explain') || ref.amount === null || ref.amount === undefined) return h('span', { class: classes }, text);
  const scope = typeof ref.scope === 'string' ? ref.scope : scopeText(ref.scope);
  const href = hrefWith('/explain', { year: ref.year, figure: ref.figure, scope }, ref.asOf === undefined ? ctx.asOf : ref.asOf);
  return h('a', { class: `${classes} figure-link`, href, 'data-figure': ref.figure, 'data-scope': scope, 'data-year': ref.year }, text);
}

export function caseLink(ctx: Ctx, caseNumber: string): HTMLElement {
  return h('a', { href: ctx.href(`/cases/${caseNumber}`), class: 'case-link' }, caseNumber);
}

/** A status shown with an icon and words, never by colour alone. */
export function badge(kind: 'done' | 'pending' | 'info' | 'warning' | 'muted', text: string): HTMLElement {
  const icon = { done: '✓', pending: '◔', info: '◷', warning: '!', muted: '↺' }[kind];
  return h('span', { class: `badge badge-${kind}` }, h('span', { class: 'badge-icon', 'aria-hidden': 'true' }, icon), ' ', text);
}

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = uid('section');
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function pageHeading(ctx: Ctx, title: string, lead?: string): HTMLElement[] {
  ctx.setTitle(title);
  const heading = h('h1', { tabindex: '-1', id: 'page-title' }, title);
  return lead ? [heading, h('p', { class: 'lead' }, lead)] : [heading];
}

export function visuallyHidden(text: string): HTMLElement {
  return h('span', { class: 'visually-hidden' }, text);
}

/** A `<table>` with a caption; numeric columns are right-aligned by class. */
export function table(
  caption: string,
  head: Child,
  body: Child,
  foot?: Child,
  options: { className?: string; captionHidden?: boolean; wide?: boolean } = {},
): HTMLElement {
  // A wide table scrolls sideways on a narrow screen; its region can then take focus, so a keyboard can scroll it.
  return h(
    'div',
    options.wide ? { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption } : { class: 'table-wrap' },
    h(
      'table',
      { class: options.className ?? '' },
      h('caption', { class: options.captionHidden ? 'visually-hidden' : '' }, caption),
      h('thead', null, head),
      h('tbody', null, body),
      foot ? h('tfoot', null, foot) : null,
    ),
  );
}

export function errorBox(title: string, detail: string): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', { class: 'notice-title' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), title),
    h('p', null, detail),
  );
}

export function noticeBox(text: string, kind: 'info' | 'success' | 'warning' = 'info'): HTMLElement {
  const icon = { info: 'ℹ', success: '✓', warning: '⚠' }[kind];
  return h('div', { class: `notice notice-${kind}` }, h('p', null, h('span', { 'aria-hidden': 'true' }, `${icon} `), text));
}

// ---- forms ----

export interface FieldSpec {
  label: string;
  name: string;
  /** The API path of the field, so a problem's issue lands next to it. */
  path?: string;
  type?: string;
  value?: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  inputmode?: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
  /** Client-side check: returns an error message or null. */
  check?: (value: string) => string | null;
  className?: string;
}

export interface Field {
  spec: FieldSpec;
  wrapper: HTMLElement;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  error: HTMLElement;
  value(): string;
  setError(message: string | null): void;
}

export function field(spec: FieldSpec): Field {
  const id = uid(`field-${spec.name}`);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [spec.hint ? hintId : null, errorId].filter(Boolean).join(' ');
  const common = {
    id,
    name: spec.name,
    'aria-describedby': describedBy,
    required: spec.required ?? false,
    'data-path': spec.path ?? spec.name,
  };
  let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (spec.options) {
    control = h('select', common, ...spec.options.map((option) => h('option', { value: option.value }, option.label)));
    if (spec.value !== undefined) control.value = spec.value;
  } else if (spec.type === 'textarea') {
    control = h('textarea', { ...common, rows: '3' });
    if (spec.value !== undefined) control.value = spec.value;
  } else {
    control = h('input', {
      ...common,
      type: spec.type ?? 'text',
      value: spec.value ?? '',
      autocomplete: spec.autocomplete ?? 'off',
      inputmode: spec.inputmode,
      placeholder: spec.placeholder,
      spellcheck: spec.type === 'password' ? undefined : 'false',
    });
  }
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const wrapper = h(
    'div',
    { class: `field ${spec.className ?? ''}` },
    h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *') : null),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    error,
    control,
  );
  const result: Field = {
    spec,
    wrapper,
    control,
    error,
    value: () => control.value.trim(),
    setError(message) {
      if (message) {
        error.textContent = message;
        error.hidden = false;
        control.setAttribute('aria-invalid', 'true');
        wrapper.classList.add('field-invalid');
      } else {
        error.textContent = '';
        error.hidden = true;
        control.removeAttribute('aria-invalid');
        wrapper.classList.remove('field-invalid');
      }
    },
  };
  (control as HTMLElement & { ledgerField?: Field }).ledgerField = result;
  return result;
}

/** Checks fields before sending; shows each error next to its field and focuses the first. */
export function validate(fields: Field[]): boolean {
  let first: Field | null = null;
  for (const item of fields) {
    const value = item.value();
    let message: string | null = null;
    if (item.spec.required && value === '') message = t('required');
    else if (value !== '' && item.spec.check) message = item.spec.check(value);
    item.setError(message);
    if (message && !first) first = item;
  }
  if (first) first.control.focus();
  return first === null;
}

/** The region a form reports its result in (announced to screen readers). */
export function resultRegion(): HTMLElement {
  return h('div', { class: 'form-result', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
}

export function showResult(region: HTMLElement, kind: 'success' | 'error' | 'progress', ...content: Child[]): void {
  region.className = `form-result form-result-${kind}`;
  region.replaceChildren(
    ...content
      .flat(5)
      .filter((part): part is Node | string => part !== null && part !== undefined && part !== false)
      .map((part) => (typeof part === 'string' || typeof part === 'number' ? document.createTextNode(String(part)) : part)),
  );
}

/** The words of a problem: detail, and each issue next to its field (or listed when no field matches). */
export function showProblem(region: HTMLElement, problem: unknown, form?: HTMLElement, prefix?: string): void {
  if (!(problem instanceof ApiProblem)) {
    showResult(region, 'error', h('p', null, t('formProblem', { detail: problem instanceof Error ? problem.message : String(problem) })));
    return;
  }
  if (problem.code === 'network') {
    showResult(region, 'error', h('p', null, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('networkProblem')));
    return;
  }
  const unplaced: string[] = [];
  for (const issue of problem.issues) {
    const control = form ? findControlForPath(form, issue.path) : null;
    const target = control ? (control as HTMLElement & { ledgerField?: Field }).ledgerField : undefined;
    if (target) target.setError(issue.message);
    else unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  showResult(
    region,
    'error',
    h(
      'p',
      { class: 'result-title' },
      h('span', { 'aria-hidden': 'true' }, '⚠ '),
      `${prefix ? `${prefix}: ` : ''}${t('formProblem', { detail: problem.detail })}`,
    ),
    unplaced.length > 0 ? h('ul', null, ...unplaced.map((text) => h('li', null, text))) : null,
    problem.issues.length > unplaced.length ? h('p', null, t('fixFields')) : null,
    h('p', { class: 'problem-code' }, `${problem.title} (${problem.status}, ${problem.code})`),
  );
}

function findControlForPath(form: HTMLElement, path: string): Element | null {
  const candidates = Array.from(form.querySelectorAll('[data-path]'));
  const exact = candidates.find((element) => element.getAttribute('data-path') === path);
  if (exact) return exact;
  // "plan.amount" → a field for "amount"; "points.1.alternativeNumber" → the closest prefix.
  return candidates.find((element) => path.endsWith(`.${element.getAttribute('data-path') ?? ''}`)) ?? null;
}

/** Runs a submission: the button is disabled meanwhile, and the region says what is going on. */
export async function submitting(button: HTMLButtonElement, region: HTMLElement, work: () => Promise<void>): Promise<void> {
  if (button.disabled) return;
  button.disabled = true;
  button.setAttribute('aria-disabled', 'true');
  showResult(region, 'progress', h('p', null, t('saving')));
  try {
    await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-disabled');
  }
}

export function button(
  text: string,
  options: { type?: 'submit' | 'button'; kind?: 'primary' | 'secondary'; write?: boolean; attrs?: Record<string, string> } = {},
): HTMLButtonElement {
  return h(
    'button',
    {
      type: options.type ?? 'submit',
      class: `button button-${options.kind ?? 'primary'}`,
      'data-write': options.write ? 'true' : undefined,
      ...(options.attrs ?? {}),
    },
    text,
  );
}

export function roleName(role: string): string {
  const keys: Record<string, Key> = { secretariat: 'roleSecretariat', member: 'roleMember', auditor: 'roleAuditor', reader: 'roleReader' };
  const key = keys[role];
  return key ? t(key) : role;
}

export function choiceText(choice: { alternativeNumber: number } | { answer: 'yes' | 'no' | 'blank' }): string {
  if ('alternativeNumber' in choice) return t('choiceAlternative', { n: choice.alternativeNumber });
  return t(choice.answer === 'yes' ? 'choiceYes' : choice.answer === 'no' ? 'choiceNo' : 'choiceBlank');
}

export function decidedByText(decidedBy: string): string {
  return t(decidedBy === 'consensus' ? 'decidedByConsensus' : decidedBy === 'unanimous' ? 'decidedByUnanimous' : 'decidedByMajority');
}
