import { refusalFields } from '../../shared/refusals.js';
import { ApiProblem, command, type CommandResult } from './api.js';
import type { CommandRequest } from './commands.js';
import { h, uid, type Child } from './dom.js';
import { fieldOf, validate, type Field } from './fields.js';
import { t } from './i18n/index.js';
import { fitTables } from './tables.js';
import type { Ctx } from './ui.js';

/**
 * Forms that record a command: checked before sending; a refusal of the ledger shown in
 * the page's language with its figures formatted, beside the field it is about, with the
 * focus moved there and the words announced (aria-live); an irreversible step shows a
 * summary and asks first.
 */

/** The region a form reports its result in (announced to screen readers). */
export function resultRegion(): HTMLElement {
  return h('div', { class: 'form-result', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', tabindex: '-1' });
}

export function showResult(region: HTMLElement, kind: 'success' | 'error' | 'progress', ...content: Child[]): void {
  region.className = `form-result form-result-${kind}`;
  region.replaceChildren(h('div', null, ...content));
}

/** The words of a problem: the server's, in the page's language (it asks for it), with names and figures. */
export function problemWords(problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return problem instanceof Error ? problem.message : String(problem);
  if (problem.code === 'network') return t('networkProblem');
  return problem.detail;
}

/** The field's control a path names in a form (shown, in use): exactly, or a field under it, or the field it is under. */
function controlFor(form: HTMLElement, path: string): HTMLElement | null {
  const candidates = Array.from(form.querySelectorAll<HTMLElement>('[data-path]')).filter(
    (element) => !(element as HTMLInputElement).disabled && element.closest('[hidden]') === null && fieldOf(element) !== undefined,
  );
  const named = (element: HTMLElement) => element.getAttribute('data-path') ?? '';
  return (
    candidates.find((element) => named(element) === path) ??
    candidates.find((element) => named(element).startsWith(`${path}.`)) ??
    candidates.find((element) => path.startsWith(`${named(element)}.`)) ??
    null
  );
}

/**
 * Shows a problem: each validation issue beside the field it names, a refusal beside the
 * first field it is about; the focus moves to that field (or to the result), and the
 * result region announces the words.
 */
export function showProblem(region: HTMLElement, problem: unknown, form?: HTMLElement, prefix?: string): void {
  const words = problemWords(problem);
  let focus: HTMLElement | null = null;
  const unplaced: string[] = [];
  if (problem instanceof ApiProblem && form) {
    for (const issue of problem.issues) {
      const control = controlFor(form, issue.path);
      const target = fieldOf(control);
      if (target) {
        target.setError(issue.message);
        focus ??= target.control;
      } else unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    }
    for (const path of refusalFields(problem.code, problem.details)) {
      const target = fieldOf(controlFor(form, path));
      if (!target) continue;
      target.setError(words);
      focus ??= target.control;
      break;
    }
  }
  showResult(
    region,
    'error',
    h(
      'p',
      { class: 'result-title' },
      h('span', { 'aria-hidden': 'true' }, '⚠ '),
      `${prefix ? `${prefix}${/[.!?:]$/.test(prefix) ? ' ' : ': '}` : ''}${t('formProblem', { detail: words })}`,
    ),
    unplaced.length > 0 ? h('ul', null, ...unplaced.map((text) => h('li', null, text))) : null,
    problem instanceof ApiProblem && problem.issues.length > unplaced.length ? h('p', null, t('fixFields')) : null,
  );
  // The code stays in the page for whoever supports it, not in the words a secretary reads.
  if (problem instanceof ApiProblem && problem.code !== 'network') region.dataset.problemCode = problem.code;
  else delete region.dataset.problemCode;
  (focus ?? region).focus();
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
  options: { type?: 'submit' | 'button'; kind?: 'primary' | 'secondary' | 'danger'; write?: boolean; attrs?: Record<string, string> } = {},
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

/** What a confirmation shows: its title, the summary of what will be recorded, and the words of its button. */
export interface Confirmation {
  title: string;
  summary: Child[];
  confirmLabel: string;
}

/**
 * Asks before an irreversible step: a modal dialog with a summary of what will be
 * recorded, "Confirm" and "Go back". The focus starts at its top (the heading), so a
 * long summary is read from its beginning; a table in it that is too wide is stacked.
 * Escape goes back. Focus returns where it was.
 */
export function confirmStep(title: string, summary: Child[], confirmLabel: string): Promise<boolean> {
  const returnTo = document.activeElement as HTMLElement | null;
  const titleId = uid('confirm-title');
  const heading = h('h2', { id: titleId, tabindex: '-1' }, title);
  const yes = button(confirmLabel, { type: 'button', kind: 'danger', attrs: { id: 'confirm-yes' } });
  const no = button(t('confirmBack'), { type: 'button', kind: 'secondary', attrs: { id: 'confirm-no' } });
  const dialog = h(
    'dialog',
    { class: 'confirm-dialog', 'aria-labelledby': titleId, id: 'confirm-dialog' },
    heading,
    h('div', { class: 'confirm-summary' }, ...summary),
    h('p', { class: 'confirm-warning' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('confirmIrreversible')),
    h('div', { class: 'actions' }, yes, no),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    const finish = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      returnTo?.focus();
      resolve(answer);
    };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.showModal();
    fitTables(dialog);
    heading.focus();
  });
}

let asking = false;

/** Asks with what `confirmation` gives (it may read figures first); a problem reading them is shown, and nothing is asked. */
export async function confirmed(region: HTMLElement, confirmation: () => Confirmation | Promise<Confirmation>): Promise<boolean> {
  // One question at a time: a second click while the first is being asked asks nothing more.
  if (asking) return false;
  asking = true;
  try {
    return await ask(region, confirmation);
  } finally {
    asking = false;
  }
}

async function ask(region: HTMLElement, confirmation: () => Confirmation | Promise<Confirmation>): Promise<boolean> {
  let asked: Confirmation;
  try {
    asked = await confirmation();
  } catch (error: unknown) {
    showProblem(region, error);
    return false;
  }
  if (await confirmStep(asked.title, asked.summary, asked.confirmLabel)) return true;
  showResult(region, 'progress', h('p', null, t('confirmCancelled')));
  return false;
}

export interface CommandFormOptions {
  id: string;
  /** The form's heading (h3) and accessible name. */
  title?: string;
  intro?: Child;
  /** Fields and other parts, in order; every field in the form (not hidden, not disabled) is checked before sending. */
  parts: (Field | Node | null)[];
  submitLabel: string;
  /** The command to send, or null when the form showed a problem of its own. */
  command(): CommandRequest | null;
  /** For a step that moves money or cannot be undone: the summary the confirmation shows (it may read figures first). */
  confirm?: () => Confirmation | Promise<Confirmation>;
  /** What the page says once it is recorded (and where). */
  done(result: CommandResult): { text: string; anchor?: string };
  /** Checks beyond the fields' own (return false to stop, after showing why). */
  check?: () => boolean;
  /**
   * A second command recorded once the first is (dropping an initiative, then releasing what it
   * has left): a refusal of it is shown, the first stays recorded; `ignore` names refusals that
   * only mean there was nothing more to do.
   */
  then?: () => CommandRequest & { ignore?: readonly string[] };
}

const isField = (part: Field | Node | null): part is Field => part !== null && 'wrapper' in part && 'control' in part;

/** The fields of a form that are in use: shown, and not disabled. */
export function fieldsIn(form: HTMLElement): Field[] {
  const fields = new Set<Field>();
  for (const control of Array.from(form.querySelectorAll('[data-path]'))) {
    if ((control as HTMLInputElement).disabled || control.closest('[hidden]')) continue;
    const found = fieldOf(control);
    if (found) fields.add(found);
  }
  return [...fields];
}

/** A form that records one command. */
export function commandForm(ctx: Ctx, options: CommandFormOptions): HTMLFormElement {
  const region = resultRegion();
  const submit = button(options.submitLabel, { write: true });
  const headingId = uid('form-heading');
  const form = h(
    'form',
    {
      class: 'write-form',
      id: options.id,
      'data-write': 'true',
      novalidate: true,
      'aria-labelledby': options.title ? headingId : undefined,
    },
    options.title ? h('h3', { id: headingId }, options.title) : null,
    options.intro ? h('div', { class: 'hint form-intro' }, options.intro) : null,
    ...options.parts.map((part) => (part === null ? null : isField(part) ? part.wrapper : part)),
    region,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!validate(fieldsIn(form)) || (options.check && !options.check())) return;
    const built = options.command();
    if (!built) return;
    void (async () => {
      if (options.confirm && !(await confirmed(region, options.confirm))) return;
      await submitting(submit, region, async () => {
        try {
          const result = await command(built);
          await followUp(options.then);
          const { text, anchor } = options.done(result);
          ctx.refresh({ text: result.replayed ? `${t('alreadySaved')} ${text}` : text, kind: 'success', ...(anchor ? { anchor } : {}) });
        } catch (error: unknown) {
          showProblem(region, error, form);
        }
      });
    })();
  });
  return form;
}

/** The second command of a form, its refusals that mean nothing more was to be done passed over. */
async function followUp(then: CommandFormOptions['then']): Promise<void> {
  if (!then) return;
  const next = then();
  try {
    await command(next);
  } catch (error: unknown) {
    if (!(error instanceof ApiProblem) || !(next.ignore ?? []).includes(error.code)) throw error;
  }
}

/** An action beside what it acts on: a disclosure whose summary names the action and its object. */
export function disclosure(label: string, context: string, content: Node, className = 'row-action'): HTMLElement {
  return h(
    'details',
    { class: className },
    h('summary', { 'data-write': 'true' }, label, h('span', { class: 'visually-hidden' }, `: ${context}`)),
    content,
  );
}
