import { commandRequest } from '../commands.js';
import { splitAmount } from '../../../domain/instalments.js';
import { h, uid } from '../dom.js';
import { amountField, field, type Field } from '../fields.js';
import { sumAmounts } from '../format.js';
import { commandForm } from '../forms.js';
import { t } from '../i18n/index.js';
import { money } from '../ui.js';
import { adoptedPoints, decisionDate, effectiveDateField, initiativeName, openYearCheck, type CasePage } from './case-parts.js';
import { grantsConfirmation } from './grants-confirmation.js';
import { initiativeField } from './decision-fields.js';

/**
 * Any grant under a point of the adopted resolution: one year's amount, or a multi-year
 * plan (an amount per year, or a total split evenly over 2–3 years; each later year's
 * instalment is a commitment against that year's frame). A point whose table is funded
 * by the reserve fund draws the grant from the fund.
 */

type PlanKind = 'single' | 'instalments' | 'split';

function planChoice(onChange: (kind: PlanKind) => void): { element: HTMLElement; value(): PlanKind } {
  const name = uid('plan-kind');
  const options: [PlanKind, string][] = [
    ['single', t('planSingle')],
    ['instalments', t('planInstalments')],
    ['split', t('planSplit')],
  ];
  const element = h(
    'fieldset',
    { class: 'radio-group' },
    h('legend', null, t('planLegend')),
    h(
      'div',
      { class: 'radios radios-inline' },
      ...options.map(([value, label]) => {
        const id = uid('plan');
        return h(
          'div',
          { class: 'radio' },
          h('input', { type: 'radio', id, name, value, checked: value === 'single', 'data-path': 'plan' }),
          h('label', { for: id }, label),
        );
      }),
    ),
  );
  const value = () => (element.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? 'single') as PlanKind;
  element.addEventListener('change', () => onChange(value()));
  return { element, value };
}

interface PlanFields {
  amount: Field;
  total: Field;
  instalments: Field[];
  years: Field;
}

function planBody(kind: PlanKind, year: number, fields: PlanFields) {
  if (kind === 'single') return { amount: fields.amount.parsed() };
  if (kind === 'split') return { amountTotal: fields.total.parsed(), years: Number(fields.years.value()) };
  const instalments = fields.instalments
    .map((instalment, index) => ({ year: year + index, amount: instalment.parsed() }))
    .filter((instalment) => instalment.amount !== '');
  return { amountTotal: sumAmounts(instalments.map((instalment) => instalment.amount)), instalments };
}

/** A plan's amount per year, as it will be recorded (a split total by the ledger's own rule). */
function planLines(plan: ReturnType<typeof planBody>, year: number): { year: number; amount: string }[] {
  if ('amount' in plan) return [{ year, amount: plan.amount }];
  if ('years' in plan) return splitAmount(plan.amountTotal, plan.years).map((amount, index) => ({ year: year + index, amount }));
  return plan.instalments;
}

/** The plan's fields: one amount, an amount a year, or a total split over 2–3 years; only the chosen kind's are shown. */
function planFields(): PlanFields & { parts: HTMLElement[]; kind(): PlanKind } {
  const fields: PlanFields = {
    amount: amountField({ label: t('amountColumn'), name: 'amount', path: 'plan.amount', required: true }),
    total: amountField({ label: t('amountTotalLabel'), name: 'amountTotal', path: 'plan.amountTotal', required: true }),
    instalments: [0, 1, 2].map((offset) =>
      amountField({
        label: t('instalmentForYear', { n: offset + 1 }),
        name: `instalment-${offset}`,
        path: 'plan.instalments',
        required: offset < 2,
        hint: offset === 2 ? t('instalmentOptional') : undefined,
      }),
    ),
    years: field({
      label: t('splitYearsLabel'),
      name: 'years',
      path: 'plan.years',
      options: [
        { value: '2', label: '2' },
        { value: '3', label: '3' },
      ],
    }),
  };
  const single = h('div', null, fields.amount.wrapper);
  const spread = h('div', { hidden: true, class: 'field-row' }, ...fields.instalments.map((item) => item.wrapper));
  const split = h('div', { hidden: true, class: 'field-row' }, fields.total.wrapper, fields.years.wrapper);
  const plan = planChoice((kind) => {
    single.hidden = kind !== 'single';
    spread.hidden = kind !== 'instalments';
    split.hidden = kind !== 'split';
  });
  return { ...fields, parts: [plan.element, single, spread, split], kind: () => plan.value() };
}

/** The initiative granted to, and the adopted point that authorises it. */
function grantTarget(page: CasePage): { initiative: Field; authority: Field } {
  const points = adoptedPoints(page).filter(({ point }) => point.authorises?.kind !== 'none' && point.authorises?.kind !== 'reserve-fund');
  const initiative = initiativeField(page.registry);
  const authority = field({
    label: t('authorityPointLabel'),
    name: 'authorityPoint',
    path: 'authority.pointNumber',
    required: true,
    options: points.map(({ point }) => ({
      value: String(point.number),
      label: `${t('pointLabel', { n: point.number })}: ${point.text.length > 80 ? `${point.text.slice(0, 78)}…` : point.text}`,
      lang: 'nb',
    })),
  });
  return { initiative, authority };
}

export function awardForm(page: CasePage): HTMLElement {
  const { detail } = page;
  const { initiative, authority } = grantTarget(page);
  const year = field({
    label: t('grantYearLabel'),
    name: 'year',
    kind: 'year',
    required: true,
    value: String(detail.year),
    check: openYearCheck(page),
  });
  const plan = planFields();
  const note = field({ label: t('noteLabel'), name: 'note', kind: 'textarea', lang: 'nb' });
  const date = effectiveDateField(decisionDate(detail), t('grantDateHint'));
  const body = () => ({
    initiativeId: initiative.value(),
    plan: planBody(plan.kind(), Number(year.value()), plan),
    authority: { caseNumber: detail.caseNumber, pointNumber: Number(authority.value()) },
    ...(note.value() === '' ? {} : { note: note.value() }),
    effectiveDate: date.parsed(),
  });
  return commandForm(page.ctx, {
    id: 'award-form',
    title: t('awardHeading'),
    intro: t('awardIntro'),
    parts: [h('div', { class: 'field-row' }, initiative.wrapper, authority.wrapper, year.wrapper), ...plan.parts, note, date],
    submitLabel: t('awardSubmit'),
    command: () => commandRequest('AwardGrant', { year: Number(year.value()) }, body()),
    confirm: () => {
      const sent = body();
      const point = detail.resolution?.points.find((candidate) => candidate.number === sent.authority.pointNumber);
      return grantsConfirmation({
        caseNumber: detail.caseNumber,
        point: sent.authority.pointNumber,
        lines: planLines(sent.plan, Number(year.value())).map((line) => ({
          ...line,
          name: initiativeName(page, sent.initiativeId),
          initiativeId: sent.initiativeId,
        })),
        effectiveDate: sent.effectiveDate,
        fromReserve: point?.authorises?.kind === 'allocation' && point.authorises.fundedBy === 'reserve-fund',
      });
    },
    done: () => {
      const sent = body().plan;
      return {
        text: `${t('saved')} ${initiativeName(page, initiative.value())}: ${money('amount' in sent ? sent.amount : sent.amountTotal)}`,
        anchor: 'money',
      };
    },
  });
}
