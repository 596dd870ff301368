import { get, type BalancesReport, type FrameReport } from './api.js';
import { h, type Child } from './dom.js';
import { sumAmounts } from './format.js';
import { formatDate } from '../../shared/format.js';
import { t } from './i18n/index.js';
import { money, nb, table } from './ui.js';

/**
 * What a confirmation says before money moves: what is recorded, for whom (by name), how
 * much, in which year, under which authority, and each figure it changes as it stands now
 * and as it will stand after, read from the ledger the moment the confirmation opens. The
 * figures after are computed exactly (in øre), the way the ledger will post them.
 */

/** `a − b` of two decimal strings, exactly. */
export function minus(a: string | null | undefined, b: string | null | undefined): string {
  return sumAmounts([a ?? '0', negate(b ?? '0')]);
}

/** `a + b`, exactly. */
export function plus(a: string | null | undefined, b: string | null | undefined): string {
  return sumAmounts([a ?? '0', b ?? '0']);
}

function negate(amount: string): string {
  const trimmed = amount.trim();
  return trimmed.startsWith('-') ? trimmed.slice(1) : `-${trimmed.replace(/^\+/, '')}`;
}

/** The facts of what will be recorded, as a list of label and value. */
function facts(lines: [string, Child][]): HTMLElement {
  return h('dl', { class: 'confirm-facts' }, ...lines.flatMap(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}

/** One figure the step changes: as it stands, and as it will stand after. */
export interface FigureChange {
  label: string;
  before: string;
  after: string;
}

/** The figures a step changes, now and after, in a table. */
export function changes(list: FigureChange[]): HTMLElement {
  return table(
    t('confirmChangesCaption'),
    h(
      'tr',
      null,
      h('th', { scope: 'col' }, t('confirmFigureColumn')),
      h('th', { scope: 'col', class: 'num' }, t('confirmNowColumn')),
      h('th', { scope: 'col', class: 'num' }, t('confirmAfterColumn')),
    ),
    list.map((change) =>
      h(
        'tr',
        null,
        h('th', { scope: 'row' }, change.label),
        h('td', { class: 'num' }, h('span', { class: 'amount' }, money(change.before))),
        h('td', { class: 'num' }, h('span', { class: 'amount' }, money(change.after))),
      ),
    ),
    undefined,
    { className: 'confirm-changes', id: 'confirm-changes' },
  );
}

/** A year's frame figures now (read when a confirmation opens). */
export async function frameNow(year: number): Promise<FrameReport['figures']> {
  return (await get<FrameReport>(`/api/years/${year}/frame`)).figures;
}

/** An initiative's figures in a year now; zeros when it has none there yet. */
export async function initiativeNow(year: number, initiativeId: string): Promise<Record<string, string>> {
  const balances = await get<BalancesReport>(`/api/years/${year}/balances`);
  const row = balances.programmeAreas.flatMap((area) => area.initiatives).find((item) => item.id === initiativeId);
  return row?.figures ?? {};
}

/** What the frame of a year has left, now and after `amount` more is taken from it (less, when negative). */
export async function availableChange(year: number, amount: string): Promise<FigureChange> {
  const available = (await frameNow(year)).available ?? '0.00';
  return { label: t('confirmAvailableIn', { year }), before: available, after: minus(available, amount) };
}

/** The common facts: for whom, how much, which year, under which authority, from which day. */
export function moneyFacts(options: {
  name?: string | undefined;
  amount?: Child;
  year?: number | string | undefined;
  authority?: { caseNumber: string; pointNumber: number } | undefined;
  effectiveDate?: string | undefined;
  more?: [string, Child][];
}): HTMLElement {
  const lines: [string, Child][] = [];
  if (options.name !== undefined) lines.push([t('initiativeColumn'), nb(options.name)]);
  if (options.amount !== undefined) lines.push([t('amountColumn'), options.amount]);
  if (options.year !== undefined) lines.push([t('yearColumn'), String(options.year)]);
  if (options.authority)
    lines.push([t('authorityColumn'), t('authorityText', { n: options.authority.caseNumber, p: options.authority.pointNumber })]);
  lines.push(...(options.more ?? []));
  if (options.effectiveDate) lines.push([t('effectiveDate'), formatDate(options.effectiveDate)]);
  return facts(lines);
}
