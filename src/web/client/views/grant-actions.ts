import type { Grant } from '../api.js';
import { h } from '../dom.js';
import { amountField, dateField, field, type Field } from '../fields.js';
import { todayInOslo } from '../format.js';
import { commandForm, disclosure } from '../forms.js';
import { t } from '../i18n/index.js';
import { money, type Ctx } from '../ui.js';

/**
 * The corrections of a grant, beside it: adjust a year's amount (up within what the cited
 * point authorises and the frame has left, down to what is neither released nor spent),
 * release what will not be used, or change a multi-year plan in one decision.
 */

function authorityFields(
  grant: Grant,
  required: boolean,
): { caseNumber: Field; point: Field; row: HTMLElement; value(): { caseNumber: string; pointNumber: number } | undefined } {
  const caseNumber = field({
    label: t('authorityCaseLabel'),
    name: 'authorityCase',
    path: 'authority.caseNumber',
    kind: 'case-number',
    required,
    value: required ? grant.authority.caseNumber : '',
  });
  const point = field({
    label: t('authorityPointNumberLabel'),
    name: 'authorityPointNumber',
    path: 'authority.pointNumber',
    kind: 'integer',
    required,
    value: required ? String(grant.authority.pointNumber) : '',
  });
  return {
    caseNumber,
    point,
    row: h('div', { class: 'field-row' }, caseNumber.wrapper, point.wrapper),
    value: () => (caseNumber.value() === '' ? undefined : { caseNumber: caseNumber.value(), pointNumber: Number(point.value()) }),
  };
}

function yearField(grant: Grant, year: number | null): Field {
  return field({
    label: t('yearColumn'),
    name: 'year',
    path: 'year',
    options: grant.instalments.map((instalment) => ({
      value: String(instalment.year),
      label: `${instalment.year}: ${money(instalment.amount)}`,
    })),
    value: String(year ?? grant.instalments[0]!.year),
  });
}

const reasonField = () => field({ label: t('reasonLabel'), name: 'reason', path: 'reason', kind: 'textarea', required: true, lang: 'nb' });
const dateOf = (grant: Grant) =>
  dateField({
    label: t('effectiveDate'),
    name: 'effectiveDate',
    date: todayInOslo() < grant.effectiveDate ? grant.effectiveDate : todayInOslo(),
    hint: t('laterDecisionDateHint'),
  });

function adjustForm(ctx: Ctx, grant: Grant, year: number | null, anchor: string): HTMLFormElement {
  const which = yearField(grant, year);
  const change = amountField({
    label: t('amountChangeLabel'),
    name: 'amountChange',
    path: 'amountChange',
    signed: true,
    required: true,
    hint: t('amountChangeHint'),
  });
  const authority = authorityFields(grant, true);
  const reason = reasonField();
  const date = dateOf(grant);
  return commandForm(ctx, {
    id: `adjust-${grant.grantId}`,
    parts: [which, change, authority.row, reason, date],
    submitLabel: t('adjustSubmit'),
    command: () => ({
      path: `/api/years/${which.value()}/grants/${grant.grantId}/adjustments`,
      body: { amountChange: change.parsed(), authority: authority.value(), reason: reason.value(), effectiveDate: date.parsed() },
    }),
    done: () => ({ text: t('grantAdjusted', { name: grant.initiativeName, amount: money(change.parsed(), { signed: true }) }), anchor }),
  });
}

function releaseForm(ctx: Ctx, grant: Grant, year: number | null, anchor: string): HTMLFormElement {
  const which = yearField(grant, year);
  const amount = amountField({ label: t('releaseAmountLabel'), name: 'amount', path: 'amount', required: true });
  const authority = authorityFields(grant, false);
  const reason = reasonField();
  const date = dateOf(grant);
  return commandForm(ctx, {
    id: `release-${grant.grantId}`,
    intro: t('releaseIntro'),
    parts: [which, amount, reason, h('p', { class: 'hint' }, t('releaseAuthorityHint')), authority.row, date],
    submitLabel: t('releaseSubmit'),
    command: () => {
      const cited = authority.value();
      return {
        path: `/api/years/${which.value()}/grants/${grant.grantId}/releases`,
        body: { amount: amount.parsed(), reason: reason.value(), ...(cited ? { authority: cited } : {}), effectiveDate: date.parsed() },
      };
    },
    done: () => ({ text: t('fundsReleasedText', { name: grant.initiativeName, amount: money(amount.parsed()) }), anchor }),
  });
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
  const authority = authorityFields(grant, true);
  const reason = reasonField();
  const date = dateOf(grant);
  return commandForm(ctx, {
    id: `plan-${grant.grantId}`,
    intro: t('planChangeIntro'),
    parts: [h('div', { class: 'field-row' }, ...years.map((item) => item.wrapper)), authority.row, reason, date],
    submitLabel: t('planChangeSubmit'),
    command: () => ({
      path: `/api/grants/${grant.grantId}/plan`,
      body: {
        instalments: grant.instalments.map((instalment, index) => ({ year: instalment.year, amount: years[index]!.parsed() })),
        authority: authority.value(),
        reason: reason.value(),
        effectiveDate: date.parsed(),
      },
    }),
    done: () => ({ text: t('planChanged', { name: grant.initiativeName }), anchor }),
  });
}

/** The actions on a grant, as disclosures beside it; `year` is the year the page is about (null: the grant's first). */
export function grantActions(ctx: Ctx, grant: Grant, year: number | null, anchor: string): HTMLElement {
  const context = `${grant.initiativeName}, ${money(grant.amountTotal)}`;
  return h(
    'div',
    { class: 'row-actions' },
    disclosure(t('adjustGrant'), context, adjustForm(ctx, grant, year, anchor)),
    disclosure(t('releaseGrant'), context, releaseForm(ctx, grant, year, anchor)),
    grant.instalments.length > 1 ? disclosure(t('changePlan'), context, planForm(ctx, grant, anchor)) : null,
  );
}
