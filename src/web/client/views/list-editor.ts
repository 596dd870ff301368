import { h } from '../dom.js';
import { button } from '../forms.js';

/**
 * A list of rows the user adds to and removes from (points of a resolution, its
 * alternatives, the lines of an allocation table). Each row is a fieldset with its own
 * legend; "remove" names the row it removes, and focus moves to the new row's first field.
 */
export interface ListEditor<T> {
  element: HTMLElement;
  rows(): T[];
  add(): T;
}

export function listEditor<T extends { element: HTMLElement }>(options: {
  addLabel: string;
  removeLabel: (index: number) => string;
  makeRow: (index: number) => T;
  min?: number;
  initial?: number;
  className?: string;
}): ListEditor<T> {
  const rows: T[] = [];
  const holder = h('div', { class: `list-rows ${options.className ?? ''}` });
  const relabel = () =>
    rows.forEach((row, index) => {
      const remove = row.element.querySelector<HTMLButtonElement>(':scope > .remove-row');
      if (remove) {
        remove.textContent = options.removeLabel(index);
        remove.hidden = rows.length <= (options.min ?? 0);
      }
    });
  const add = (): T => {
    const row = options.makeRow(rows.length);
    const remove = button(options.removeLabel(rows.length), {
      type: 'button',
      kind: 'secondary',
      attrs: { class: 'button button-secondary button-small remove-row' },
    });
    remove.addEventListener('click', () => {
      const index = rows.indexOf(row);
      rows.splice(index, 1);
      row.element.remove();
      relabel();
      addButton.focus();
    });
    row.element.append(remove);
    rows.push(row);
    holder.append(row.element);
    relabel();
    return row;
  };
  const addButton = button(options.addLabel, {
    type: 'button',
    kind: 'secondary',
    attrs: { class: 'button button-secondary button-small add-row' },
  });
  addButton.addEventListener('click', () => {
    const row = add();
    row.element.querySelector<HTMLElement>('input, select, textarea')?.focus();
  });
  for (let index = 0; index < (options.initial ?? 0); index++) add();
  return { element: h('div', { class: 'list-editor' }, holder, addButton), rows: () => [...rows], add };
}
