import { commandRequest } from '../commands.js';
import type { Grant } from '../api.js';
import { h } from '../dom.js';
import { amountField, dateField, field, type Field } from '../fields.js';
import { todayInOslo } from '../format.js';
import { changes, frameNow, initiativeNow, minus, moneyFacts, plus, type FigureChange } from '../confirm-money.js';
import { commandForm, disclosure } from '../forms.js';
import { amountChangeField, citedFields, reasonField } from './decision-fields.js';
import { figureLabel, t } from '../i18n/index.js';
import { money, nb, type Ctx } from '../ui.js';

/**
 * The corrections of a grant, beside it: adjust a year's amount (up within what the cited
 * point authorises and the frame has left, down to what is neither released nor spent),
 * release what will not be used, or change a multi-year plan in one decision.
 */

/** The year of the grant a change is in: one of its instalments' years that is still open. */
function yearField(grant: Grant, year: number | null, isOpen: (year: number) => boolean): Field {
  const open = grant.instalments.filter((instalment) => isOpen(instalment.year));
  return field({
    label: t('yearColumn'),
    name: 'year',
    path: 'year',
    options: open.map((instalment) => ({
      value: String(instalment.year),
      label: `${instalment.year}: ${money(instalment.amount)}`,
    })),
    value: String(year !== null && isOpen(year) ? year : open[0]!.year),
  });
}

const dateOf = (grant: Grant) =>
  dateField({
    label: t('effectiveDate'),
    name: 'effectiveDate',
    date: todayInOslo() < grant.effectiveDate ? grant.effectiveDate : todayInOslo(),
    hint: t('laterDecisionDateHint'),
  });

function adjustForm(ctx: Ctx, grant: Grant, year: number | null, anchor: string, isOpen: (year: number) => boolean): HTMLFormElement {
  const which = yearField(grant, year, isOpen);
  const change = amountChangeField();
  const authority = citedFields(true, grant.authority);
  const reason = reasonField();
  const date = dateOf(grant);
  return commandForm(ctx, {
    id: `adjust-${grant.grantId}`,
    parts: [which, change, authority.row, reason, date],
    submitLabel: t('adjustSubmit'),
    command: () =>
      commandRequest(
        'AdjustGrant',
        { year: which.value(), grantId: grant.grantId },
        { amountChange: change.parsed(), authority: authority.value()!, reason: reason.value(), effectiveDate: date.parsed() },
      ),
    confirm: async () => {
      const year = Number(which.value());
      const amount = change.parsed();
      return {
        title: t('confirmAdjustTitle', { name: grant.initiativeName, amount: money(amount, { signed: true }) }),
        summary: [
          moneyFacts({
            name: grant.initiativeName,
            amount: money(amount, { signed: true }),
            year,
            authority: authority.value(),
            effectiveDate: date.parsed(),
            more: [[t('reasonLabel'), nb(reason.value())]],
          }),
          changes(await grantChanges(grant, year, amount)),
        ],
        confirmLabel: t('adjustSubmit'),
      };
    },
    done: () => ({ text: t('grantAdjusted', { name: grant.initiativeName, amount: money(change.parsed(), { signed: true }) }), anchor }),
  });
}

/** The figure a grant's amount in a year is part of: granted in its first year, committed in a later one, or drawn from the reserve fund. */
function figureOfGrant(grant: Grant, year: number): string {
  return grant.fundedBy === 'reserve-fund' ? 'grantedFromReserve' : year === grant.year ? 'granted' : 'committed';
}

/** What a change of a grant's amount in a year changes: the initiative's figure, and the frame's room (or the reserve fund's). */
async function grantChanges(grant: Grant, year: number, amount: string): Promise<FigureChange[]> {
  const figure = figureOfGrant(grant, year);
  const [initiative, frame] = await Promise.all([initiativeNow(year, grant.initiativeId), frameNow(year)]);
  const room =
    grant.fundedBy === 'reserve-fund'
      ? { label: t('confirmReserveBalanceIn', { year }), before: frame.reserveBalance ?? '0.00' }
      : { label: t('confirmAvailableIn', { year }), before: frame.available ?? '0.00' };
  return [
    {
      label: `${figureLabel(figure)}: ${grant.initiativeName}, ${year}`,
      before: initiative[figure] ?? '0.00',
      after: plus(initiative[figure], amount),
    },
    { ...room, after: minus(room.before, amount) },
  ];
}

function releaseForm(ctx: Ctx, grant: Grant, year: number | null, anchor: string, isOpen: (year: number) => boolean): HTMLFormElement {
  const which = yearField(grant, year, isOpen);
  const amount = amountField({ label: t('releaseAmountLabel'), name: 'amount', path: 'amount', required: true });
  const authority = citedFields(false);
  const reason = reasonField();
  const date = dateOf(grant);
  return commandForm(ctx, {
    id: `release-${grant.grantId}`,
    intro: t('releaseIntro'),
    parts: [which, amount, reason, h('p', { class: 'hint' }, t('releaseAuthorityHint')), authority.row, date],
    submitLabel: t('releaseSubmit'),
    command: () => {
      const cited = authority.value();
      return commandRequest(
        'ReleaseFunds',
        { year: which.value(), grantId: grant.grantId },
        { amount: amount.parsed(), reason: reason.value(), ...(cited ? { authority: cited } : {}), effectiveDate: date.parsed() },
      );
    },
    confirm: async () => {
      const year = Number(which.value());
      return {
        title: t('confirmReleaseTitle', { name: grant.initiativeName, amount: money(amount.parsed()) }),
        summary: [
          moneyFacts({
            name: grant.initiativeName,
            amount: money(amount.parsed()),
            year,
            authority: authority.value(),
            effectiveDate: date.parsed(),
            more: [[t('reasonLabel'), nb(reason.value())]],
          }),
          changes(await releaseChanges(grant.initiativeId, grant.initiativeName, year, amount.parsed())),
        ],
        confirmLabel: t('releaseSubmit'),
      };
    },
    done: () => ({ text: t('fundsReleasedText', { name: grant.initiativeName, amount: money(amount.parsed()) }), anchor }),
  });
}

/** What releasing an initiative's funds changes: what it has to spend, and what the year has released for the next frame. */
export async function releaseChanges(initiativeId: string, name: string, year: number, amount: string): Promise<FigureChange[]> {
  const [initiative, frame] = await Promise.all([initiativeNow(year, initiativeId), frameNow(year)]);
  return [
    {
      label: t('confirmAvailableToSpend', { name, year }),
      before: initiative.availableToSpend ?? '0.00',
      after: minus(initiative.availableToSpend, amount),
    },
    { label: t('confirmReleasedIn', { year, next: year + 1 }), before: frame.released ?? '0.00', after: plus(frame.released, amount) },
  ];
}

function planForm(ctx: Ctx, grant: Grant, anchor: string): HTMLFormElement {
  const years = grant.instalments.map((instalment) =>
    amountField({
      label: t('instalmentOf', { year: instalment.year }),
      name: `plan-${instalment.year}`,
      path: 'instalments',
      amount: instalment.amount,
      required: true,
    }),
  );
  const authority = citedFields(true, grant.authority);
  const reason = reasonField();
  const date = dateOf(grant);
  return commandForm(ctx, {
    id: `plan-${grant.grantId}`,
    intro: t('planChangeIntro'),
    parts: [h('div', { class: 'field-row' }, ...years.map((item) => item.wrapper)), authority.row, reason, date],
    submitLabel: t('planChangeSubmit'),
    command: () =>
      commandRequest(
        'ChangeGrantPlan',
        { grantId: grant.grantId },
        {
          instalments: grant.instalments.map((instalment, index) => ({ year: instalment.year, amount: years[index]!.parsed() })),
          authority: authority.value()!,
          reason: reason.value(),
          effectiveDate: date.parsed(),
        },
      ),
    confirm: async () => {
      const planned = grant.instalments.map((instalment, index) => ({ ...instalment, after: years[index]!.parsed() }));
      const rooms = await Promise.all(
        planned.map(async ({ year, amount, after }) => {
          const frame = await frameNow(year);
          const figure = grant.fundedBy === 'reserve-fund' ? 'reserveBalance' : 'available';
          const before = frame[figure] ?? '0.00';
          const label = grant.fundedBy === 'reserve-fund' ? t('confirmReserveBalanceIn', { year }) : t('confirmAvailableIn', { year });
          return { label, before, after: minus(before, minus(after, amount)) };
        }),
      );
      return {
        title: t('confirmPlanTitle', { name: grant.initiativeName }),
        summary: [
          moneyFacts({
            name: grant.initiativeName,
            authority: authority.value(),
            effectiveDate: date.parsed(),
            more: [
              [
                t('confirmPlanColumn'),
                planned.map(({ year, amount, after }) =>
                  h('span', { class: 'block' }, t('confirmInstalment', { year, before: money(amount), after: money(after) })),
                ),
              ],
              [t('reasonLabel'), nb(reason.value())],
            ],
          }),
          changes(rooms),
        ],
        confirmLabel: t('planChangeSubmit'),
      };
    },
    done: () => ({ text: t('planChanged', { name: grant.initiativeName }), anchor }),
  });
}

/**
 * The actions on a grant, as disclosures beside it; `year` is the year the page is about
 * (null: the grant's first). A change is offered only in the years still open, a new plan
 * only while every year of it is: a closed year is corrected in a later one instead.
 */
export function grantActions(
  ctx: Ctx,
  grant: Grant,
  year: number | null,
  anchor: string,
  isOpen: (year: number) => boolean,
): HTMLElement | null {
  const context = `${grant.initiativeName}, ${money(grant.amountTotal)}`;
  const open = grant.instalments.filter((instalment) => isOpen(instalment.year));
  if (open.length === 0) return null;
  return h(
    'div',
    { class: 'row-actions' },
    disclosure(t('adjustGrant'), context, adjustForm(ctx, grant, year, anchor, isOpen)),
    disclosure(t('releaseGrant'), context, releaseForm(ctx, grant, year, anchor, isOpen)),
    grant.instalments.length > 1 && open.length === grant.instalments.length
      ? disclosure(t('changePlan'), context, planForm(ctx, grant, anchor))
      : null,
  );
}
