/**
 * Tables that never hide a figure. Every cell knows its column's heading (`data-label`);
 * a table wider than its place on the page becomes stacked rows, each cell with its
 * heading beside it (label: value), so nothing is cut off and the page never scrolls
 * sideways. Only a table that is still too wide stacked (it should not happen) scrolls
 * in its own region, which then takes the keyboard's focus and is named by its caption.
 */

/** The text of a heading cell: its `data-label` when it has one (a year heading with its status badge says only the year). */
function headingText(cell: Element): string {
  return (cell.getAttribute('data-label') ?? cell.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The headings of a table's columns, from its last heading row (colspans spread). */
function columnHeadings(table: HTMLTableElement): string[] {
  const row = table.tHead?.rows[table.tHead.rows.length - 1];
  const headings: string[] = [];
  for (const cell of Array.from(row?.cells ?? [])) for (let span = 0; span < cell.colSpan; span++) headings.push(headingText(cell));
  return headings;
}

/** Gives each data cell of the body and foot its column's heading, for the stacked layout. */
export function labelCells(table: HTMLTableElement): void {
  const headings = columnHeadings(table);
  const rows = [...Array.from(table.tBodies).flatMap((body) => Array.from(body.rows)), ...Array.from(table.tFoot?.rows ?? [])];
  for (const row of rows) {
    let column = 0;
    for (const cell of Array.from(row.cells)) {
      const heading = headings[column];
      if (cell.tagName === 'TD' && cell.colSpan === 1 && heading && !cell.hasAttribute('data-label'))
        cell.setAttribute('data-label', heading);
      column += cell.colSpan;
    }
  }
}

const overflows = (element: HTMLElement) => element.scrollWidth > element.clientWidth + 1;

/**
 * Lays out every table region under `root` for the width it has: whole when it fits,
 * stacked when it does not, a focusable named region only when even that is too wide.
 */
export function fitTables(root: ParentNode): void {
  const regions = Array.from(root.querySelectorAll<HTMLElement>('[data-scroll-region]'));
  for (const region of regions) region.classList.remove('stacked');
  // Measured after every region is whole again: a stacked table beside one changes nothing of its width.
  const tooWide = regions.filter((region) => region.offsetParent !== null && overflows(region));
  for (const region of tooWide) region.classList.add('stacked');
  for (const region of regions) {
    if (region.offsetParent !== null && overflows(region)) {
      region.tabIndex = 0;
      region.setAttribute('role', 'region');
      region.setAttribute('aria-labelledby', region.dataset.scrollRegion ?? '');
    } else {
      region.removeAttribute('tabindex');
      region.removeAttribute('role');
      region.removeAttribute('aria-labelledby');
    }
  }
}

let scheduled = false;

/**
 * Keeps the tables fitted while the page changes under them: a window resized, a
 * disclosure opened, a refusal written into a row. Changes of class and tabindex (what
 * fitting itself sets) are not watched, so fitting never wakes itself.
 */
export function keepTablesFitted(root: HTMLElement): void {
  const refit = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      fitTables(document);
    });
  };
  new MutationObserver(refit).observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['hidden', 'open'],
  });
  window.addEventListener('resize', refit);
}
