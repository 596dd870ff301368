import { commandRequest } from '../commands.js';
import type { PointAuthority } from '../api.js';
import { h } from '../dom.js';
import { amountField, field, type Field } from '../fields.js';
import { formatDate } from '../../../shared/format.js';
import { commandForm } from '../forms.js';
import { t } from '../i18n/index.js';
import { badge, decidedByText, money, nb, sectionWithId } from '../ui.js';
import { effectiveDateField, memberName, openYearCheck, preparationDate, targetName, type CasePage } from './case-parts.js';
import { listEditor } from './list-editor.js';
import { initiativeChoices } from '../initiatives.js';

/** The proposed resolution (forslag til vedtak) with what each point authorises, the adopted resolution, and the form that proposes one. */

type Point = NonNullable<CasePage['detail']['resolution']>['points'][number];

/** What a point authorises, in words. */
function authorisesText(page: CasePage, authorises: PointAuthority | undefined): string {
  if (!authorises) return t('authorisesUnstated');
  switch (authorises.kind) {
    case 'none':
      return t('authorisesNone');
    case 'recommendation':
      return t('authorisesRecommendation');
    case 'reserve-fund':
      return t('authorisesReserveFund', { year: authorises.year });
    default:
      return t(authorises.fundedBy === 'reserve-fund' ? 'authorisesAllocationReserve' : 'authorisesAllocation', {
        lines: authorises.lines.map((line) => `${targetName(page, line.target)} ${line.year}: ${money(line.amount)}`).join('; '),
      });
  }
}

/** Point numbers in words: `punkt 2`, `punkt 1, 3 og 4`. */
function pointsWords(numbers: number[]): string {
  if (numbers.length === 1) return t('pointsOne', { n: numbers[0]! });
  return t('pointsMany', { list: numbers.slice(0, -1).join(', '), last: numbers[numbers.length - 1]! });
}

/**
 * How a resolution was decided, point by point when its points were decided differently:
 * "Vedtatt 18.09.2025: punkt 1, 3 og 4 i konsensus; punkt 2 med flertall." A point's own
 * rule stands where it has one; the resolution's otherwise.
 */
export function adoptionWords(
  date: string,
  points: { number: number; outcome: 'adopted' | 'rejected'; decidedBy?: string | null | undefined }[],
  overall: string,
): string {
  const groups = new Map<string, number[]>();
  for (const point of [...points].sort((a, b) => a.number - b.number)) {
    const key = point.outcome === 'rejected' ? 'rejected' : (point.decidedBy ?? overall);
    groups.set(key, [...(groups.get(key) ?? []), point.number]);
  }
  const only = groups.size === 1 ? [...groups.keys()][0]! : null;
  if (only !== null && only !== 'rejected') return t('adoptedSummary', { date: formatDate(date), how: decidedByText(only) });
  const parts = [...groups].map(
    ([key, numbers]) => `${pointsWords(numbers)} ${key === 'rejected' ? t('rejectedWords') : decidedByText(key)}`,
  );
  return t('adoptedByPoint', { date: formatDate(date), parts: parts.join('; ') });
}

function adoptedNotice(page: CasePage): HTMLElement | null {
  const adopted = page.detail.adopted;
  if (!adopted) return null;
  return h(
    'div',
    { class: 'notice notice-success' },
    h('p', null, h('span', { 'aria-hidden': 'true' }, '✓ '), adoptionWords(adopted.effectiveDate, adopted.points, adopted.decidedBy)),
    adopted.dissent.length > 0
      ? h(
          'p',
          null,
          t('dissentLabel', {
            names: adopted.dissent
              .map((entry) => `${memberName(page, entry.memberId)} (${t('pointLabel', { n: entry.pointNumber }).toLowerCase()})`)
              .join(', '),
          }),
        )
      : null,
    adopted.membersPresent
      ? h('p', null, t('membersPresentText', { names: adopted.membersPresent.map((id) => memberName(page, id)).join(', ') }))
      : null,
    adopted.notes ? h('p', null, nb(adopted.notes)) : null,
  );
}

function pointItem(page: CasePage, point: Point): HTMLElement {
  const outcome = page.detail.adopted?.points.find((candidate) => candidate.number === point.number);
  return h(
    'li',
    { class: 'point', 'data-point': point.number },
    h(
      'p',
      { class: 'point-head' },
      h('strong', null, t('pointLabel', { n: point.number })),
      outcome ? ' ' : null,
      outcome ? (outcome.outcome === 'adopted' ? badge('done', t('outcomeAdopted')) : badge('muted', t('outcomeRejected'))) : null,
      outcome?.outcome === 'adopted' ? ` ${decidedByText(outcome.decidedBy ?? page.detail.adopted!.decidedBy)}` : null,
    ),
    h('p', { class: 'point-text' }, nb(point.text)),
    h('p', { class: 'point-authorises' }, authorisesText(page, point.authorises)),
    point.alternatives.length > 0
      ? h(
          'ul',
          { class: 'alternatives', 'aria-label': t('alternativesLabel') },
          ...point.alternatives.map((alternative) => {
            const chosen = outcome?.alternativeNumber === alternative.number;
            return h(
              'li',
              { class: chosen ? 'chosen' : '' },
              nb(alternative.label),
              chosen
                ? h('span', null, ' ', badge('done', t('chosenAlternative', { label: t('choiceAlternative', { n: alternative.number }) })))
                : null,
            );
          }),
        )
      : null,
    outcome?.amendments
      ? h(
          'p',
          { class: 'amendments' },
          t('amendedLines', {
            lines: outcome.amendments.map((line) => `${targetName(page, line.target)} ${line.year}: ${money(line.amount)}`).join('; '),
          }),
        )
      : null,
  );
}

export function resolutionSection(page: CasePage): HTMLElement {
  const { detail } = page;
  const children: (Node | null)[] = [];
  if (!detail.resolution) children.push(h('p', null, t('noResolution')));
  else children.push(adoptedNotice(page), h('ol', { class: 'points' }, ...detail.resolution.points.map((point) => pointItem(page, point))));
  if (page.secretariat && !detail.resolution) children.push(proposeForm(page));
  return sectionWithId('resolution', detail.adopted ? t('adoptedHeading') : t('resolutionHeading'), ...children);
}

// ---- proposing a resolution

interface AlternativeRow {
  element: HTMLElement;
  label: Field;
  amount: Field;
}

interface LineRow {
  element: HTMLElement;
  target: Field;
  year: Field;
  amount: Field;
}

function alternativeRow(pointNumber: number, index: number): AlternativeRow {
  const label = field({
    label: t('alternativeLabelLabel'),
    name: 'alternative-label',
    path: `points.${pointNumber}.alternatives.${index}.label`,
    required: true,
    lang: 'nb',
  });
  const amount = amountField({
    label: t('alternativeAmountLabel'),
    name: 'alternative-amount',
    path: `points.${pointNumber}.alternatives.${index}.amount`,
    hint: t('alternativeAmountHint'),
  });
  return {
    element: h('fieldset', { class: 'list-row' }, h('legend', null, t('alternativeN', { n: index + 1 })), label.wrapper, amount.wrapper),
    label,
    amount,
  };
}

function lineRow(page: CasePage, index: number): LineRow {
  const options = [
    ...initiativeChoices(page.registry, (initiativeId) => `initiative:${initiativeId}`),
    ...page.detail.proposals
      .filter((proposal) => 'newInitiativeName' in proposal.target)
      .map((proposal) => ({ value: `proposal:${proposal.proposalId}`, label: `${proposal.name} (${t('newInitiative')})`, lang: 'nb' })),
  ];
  const target = field({ label: t('initiativeColumn'), name: 'line-target', path: 'lines', required: true, options });
  const year = field({
    label: t('yearColumn'),
    name: 'line-year',
    kind: 'year',
    required: true,
    value: String(page.detail.year),
    check: openYearCheck(page),
  });
  const amount = amountField({ label: t('amountColumn'), name: 'line-amount', path: 'lines', required: true });
  return {
    element: h(
      'fieldset',
      { class: 'list-row line-row' },
      h('legend', null, t('lineN', { n: index + 1 })),
      target.wrapper,
      year.wrapper,
      amount.wrapper,
    ),
    target,
    year,
    amount,
  };
}

/**
 * What a point authorises, edited: none, the recommendation, a table of its own (from the
 * frame or the reserve fund) or a reserve fund in a year; only the chosen kind's fields show.
 */
function authorisesEditor(page: CasePage, number: number) {
  const kind = field({
    label: t('authorisesLabel'),
    name: 'authorises',
    path: `points.${number}.authorises`,
    options: [
      { value: 'none', label: t('authorisesNone') },
      { value: 'recommendation', label: t('authorisesRecommendation') },
      { value: 'allocation', label: t('authorisesAllocationOption') },
      { value: 'reserve-fund', label: t('authorisesReserveFundOption') },
    ],
    value: number === 1 && page.detail.recommendation.length > 0 ? 'recommendation' : 'none',
  });
  const fundedBy = field({
    label: t('fundedByLabel'),
    name: 'fundedBy',
    options: [
      { value: 'frame', label: t('fundedByFrame') },
      { value: 'reserve-fund', label: t('fundedByReserve') },
    ],
  });
  const fundYear = field({
    label: t('reserveFundYearLabel'),
    name: 'fund-year',
    kind: 'year',
    required: true,
    value: String(page.detail.year),
    check: openYearCheck(page),
  });
  const lines = listEditor({
    addLabel: t('addLine'),
    removeLabel: (n) => t('removeLine', { n: n + 1 }),
    makeRow: (n) => lineRow(page, n),
    initial: 1,
    min: 1,
  });
  const allocation = h('div', { class: 'allocation' }, fundedBy.wrapper, lines.element);
  const fund = h('div', { class: 'fund' }, fundYear.wrapper);
  const value = (): PointAuthority => {
    if (kind.value() === 'reserve-fund') return { kind: 'reserve-fund', year: Number(fundYear.value()) };
    if (kind.value() !== 'allocation') return { kind: kind.value() as 'none' | 'recommendation' };
    return {
      kind: 'allocation',
      fundedBy: fundedBy.value() as 'frame' | 'reserve-fund',
      lines: lines.rows().map((row) => {
        const [prefix, id] = row.target.value().split(/:(.*)/s) as [string, string];
        return {
          target: prefix === 'initiative' ? { initiativeId: id } : { proposalId: id },
          year: Number(row.year.value()),
          amount: row.amount.parsed(),
        };
      }),
    };
  };
  return { kind, parts: [kind.wrapper, fund, allocation], fund, allocation, value };
}

/** One point of the proposed resolution; its fields' paths use the point's number, as the rules' refusals name it. */
function pointEditor(page: CasePage, index: number) {
  const number = index + 1;
  const element = h('fieldset', { class: 'list-row point-editor' });
  const text = field({
    label: t('pointTextLabel'),
    name: 'point-text',
    path: `points.${number}.text`,
    kind: 'textarea',
    required: true,
    lang: 'nb',
  });
  const authorises = authorisesEditor(page, number);
  const alternatives = listEditor({
    addLabel: t('addAlternative'),
    removeLabel: (n) => t('removeAlternative', { n: n + 1 }),
    makeRow: (n) => alternativeRow(number, n),
  });
  const show = () => {
    const kind = authorises.kind.value();
    authorises.allocation.hidden = kind !== 'allocation';
    authorises.fund.hidden = kind !== 'reserve-fund';
    alternatives.element.hidden = kind === 'allocation' || kind === 'recommendation';
  };
  authorises.kind.control.addEventListener('change', show);
  show();
  element.append(
    h('legend', null, t('pointLabel', { n: number })),
    text.wrapper,
    ...authorises.parts,
    h('div', { class: 'alternatives-editor' }, h('p', { class: 'hint' }, t('alternativesHint')), alternatives.element),
  );
  const value = (asNumber: number) => ({
    number: asNumber,
    text: text.value(),
    alternatives: (alternatives.element.hidden ? [] : alternatives.rows()).map((row, n) => ({
      number: n + 1,
      label: row.label.value(),
      amount: row.amount.value() === '' ? null : row.amount.parsed(),
    })),
    authorises: authorises.value(),
  });
  return { element, value };
}

function proposeForm(page: CasePage): HTMLFormElement {
  const points = listEditor({
    addLabel: t('addPoint'),
    removeLabel: (n) => t('removePoint', { n: n + 1 }),
    makeRow: (n) => pointEditor(page, n),
    initial: 1,
    min: 1,
    className: 'points-editor',
  });
  const date = effectiveDateField(preparationDate(page.detail));
  return commandForm(page.ctx, {
    id: 'propose-form',
    title: t('proposeHeading'),
    intro: t('proposeIntro'),
    parts: [points.element, date],
    submitLabel: t('proposeSubmit'),
    command: () =>
      commandRequest(
        'ProposeResolution',
        { caseNumber: page.detail.caseNumber },
        { points: points.rows().map((editor, index) => editor.value(index + 1)), effectiveDate: date.parsed() },
      ),
    done: () => ({ text: t('resolutionProposed'), anchor: 'resolution' }),
  });
}
