import { availableChange, changes, frameNow, minus, moneyFacts, type FigureChange } from '../confirm-money.js';
import { h, type Child } from '../dom.js';
import { sumAmounts } from '../format.js';
import { formatDate } from '../../../shared/format.js';
import type { Confirmation } from '../forms.js';
import { t } from '../i18n/index.js';
import { money, nb, table } from '../ui.js';

/**
 * The confirmation of grants under a point of a resolution: one grant (its amount, or its
 * plan year by year) or many at once (every line and their sum), and what the frame of
 * each year has left now and after them — or the reserve fund, for a grant drawn from it.
 */

export interface GrantLine {
  name: string;
  initiativeId: string | null;
  year: number;
  amount: string;
}

interface GrantsToConfirm {
  caseNumber: string;
  point: number;
  lines: GrantLine[];
  effectiveDate: string;
  /** Drawn from the reserve fund of the year, not from its frame. */
  fromReserve?: boolean;
}

/** What each year's frame (or reserve fund) has left now and after the lines of that year. */
async function roomAfter(lines: GrantLine[], fromReserve: boolean): Promise<FigureChange[]> {
  const years = [...new Set(lines.map((line) => line.year))].sort((a, b) => a - b);
  const ofYear = (year: number) => sumAmounts(lines.filter((line) => line.year === year).map((line) => line.amount));
  if (!fromReserve) return Promise.all(years.map((year) => availableChange(year, ofYear(year))));
  return Promise.all(
    years.map(async (year) => {
      const before = (await frameNow(year)).reserveBalance ?? '0.00';
      return { label: t('confirmReserveBalanceIn', { year }), before, after: minus(before, ofYear(year)) };
    }),
  );
}

function linesTable(lines: GrantLine[], total: string): HTMLElement {
  return table(
    t('confirmGrantsCaption', { count: lines.length }),
    h(
      'tr',
      null,
      h('th', { scope: 'col' }, t('initiativeColumn')),
      h('th', { scope: 'col', class: 'num' }, t('yearColumn')),
      h('th', { scope: 'col', class: 'num' }, t('amountColumn')),
    ),
    lines.map((line) =>
      h(
        'tr',
        { 'data-initiative': line.initiativeId ?? '' },
        h('th', { scope: 'row' }, nb(line.name)),
        h('td', { class: 'num' }, String(line.year)),
        h('td', { class: 'num' }, h('span', { class: 'amount' }, money(line.amount))),
      ),
    ),
    h(
      'tr',
      { class: 'total-row' },
      h('th', { scope: 'row', colspan: '2' }, t('totalRow')),
      h('td', { class: 'num' }, h('span', { class: 'amount', id: 'confirm-total' }, money(total))),
    ),
    { className: 'confirm-lines', id: 'confirm-lines' },
  );
}

export async function grantsConfirmation(grants: GrantsToConfirm): Promise<Confirmation> {
  const { caseNumber, point, lines, effectiveDate } = grants;
  const total = sumAmounts(lines.map((line) => line.amount));
  const names = [...new Set(lines.map((line) => line.name))];
  const rooms = changes(await roomAfter(lines, grants.fromReserve ?? false));
  const authority = { caseNumber, pointNumber: point };
  if (names.length === 1) {
    const more: [string, Child][] = grants.fromReserve ? [[t('confirmWhat'), t('confirmFromReserve')]] : [];
    if (lines.length > 1)
      more.unshift([t('confirmPlanColumn'), lines.map((line) => h('span', { class: 'block' }, `${line.year}: ${money(line.amount)}`))]);
    return {
      title: t('confirmGrantTitle', { name: names[0]! }),
      summary: [
        moneyFacts({
          name: names[0],
          amount: money(total),
          year: lines.length === 1 ? lines[0]!.year : undefined,
          authority,
          effectiveDate,
          more,
        }),
        rooms,
      ],
      confirmLabel: t('confirmGrant'),
    };
  }
  return {
    title: t('confirmGrantsTitle', { count: lines.length }),
    summary: [
      h(
        'p',
        null,
        t('confirmGrantsText', { count: lines.length, total: money(total), n: caseNumber, p: point, date: formatDate(effectiveDate) }),
      ),
      linesTable(lines, total),
      rooms,
    ],
    confirmLabel: t('confirmGrants', { count: lines.length }),
  };
}
