import { commandRequest } from '../commands.js';
import { dissentOf, outcomeKey, tallyObjection, tallyPoint, type DecisionRule, type PointOutcome } from '../../../domain/tally.js';
import { h, uid } from '../dom.js';
import { amountField, checkboxGroup, field, type Field } from '../fields.js';
import { sumAmounts } from '../format.js';
import { formatDate } from '../../../shared/format.js';
import { commandForm } from '../forms.js';
import { t } from '../i18n/index.js';
import { decidedByText, money, nb, sectionWithId } from '../ui.js';
import { effectiveDateField, meetingDecisionDate, memberName, targetName, type CasePage } from './case-parts.js';
import { currentVotes, tallyText } from './case-votes.js';
import { adoptionWords } from './case-resolution.js';

/**
 * Recording the adopted resolution: per point its outcome, the alternative chosen, how it
 * was decided and the amendments of its table; the tally beside it, judged by the
 * committee's own rule (src/domain/tally.ts, the module the ledger decides with); the
 * dissent derived from the votes; the members present. Adoption cannot be undone, so a
 * summary is confirmed first.
 */

type Point = NonNullable<CasePage['detail']['resolution']>['points'][number];
type Line = { target: { initiativeId: string } | { proposalId: string }; year: number; amount: string };

interface PointControls {
  point: Point;
  element: HTMLElement;
  outcome(): PointOutcome;
  rule: Field;
  alternative: Field | null;
  judgement: HTMLElement;
  amendments(): Line[];
}

/** The lines a point's table authorises before the meeting amends them. */
function tableLines(page: CasePage, point: Point): Line[] {
  const authorises = point.authorises;
  if (authorises?.kind === 'allocation') return authorises.lines;
  if (authorises?.kind === 'recommendation')
    return page.detail.recommendation.map((line) => ({ target: line.target, year: line.year, amount: line.amountRecommended }));
  return [];
}

/** The rule the votes on a point carry best: none cast → consensus; every one for it → unanimous; else majority. */
function ruleFromVotes(page: CasePage, outcome: PointOutcome, point: Point): DecisionRule {
  const tally = tallyPoint(currentVotes(page), point.number);
  if (Object.keys(tally.counts).length === 0 && tally.blank === 0) return 'consensus';
  return tallyObjection(tally, outcomeKey(outcome, point.alternatives.length > 0), 'unanimous') === null ? 'unanimous' : 'majority';
}

function leadingAlternative(page: CasePage, point: Point): string {
  const counts = tallyPoint(currentVotes(page), point.number).counts;
  const best = point.alternatives
    .map((alternative) => ({ number: alternative.number, count: counts[`alt:${alternative.number}`] ?? 0 }))
    .sort((a, b) => b.count - a.count)[0];
  return best && best.count > 0 ? String(best.number) : '';
}

function amendmentFields(page: CasePage, point: Point): { element: HTMLElement | null; lines(): Line[] } {
  const lines = tableLines(page, point);
  if (lines.length === 0) return { element: null, lines: () => [] };
  const fields = lines.map((line) => ({
    line,
    amount: amountField({
      label: t('amendFor', { name: targetName(page, line.target), year: line.year }),
      name: 'amendment',
      path: `points.${point.number}.amendments`,
      amount: line.amount,
      required: true,
      className: 'field-line',
    }),
  }));
  const element = h(
    'details',
    { class: 'amendments-editor' },
    h('summary', null, t('amendmentsSummary')),
    h('p', { class: 'hint' }, t('amendmentsHint')),
    ...fields.map((entry) => entry.amount.wrapper),
  );
  return {
    element,
    lines: () =>
      fields
        .filter((entry) => sumAmounts([entry.amount.parsed()]) !== sumAmounts([entry.line.amount]))
        .map((entry) => ({ ...entry.line, amount: entry.amount.parsed() })),
  };
}

function pointControls(page: CasePage, point: Point, onChange: () => void): PointControls {
  const name = `outcome-${point.number}`;
  const radios = (['adopted', 'rejected'] as const).map((value) => {
    const id = uid('outcome');
    return h(
      'div',
      { class: 'radio' },
      h('input', { type: 'radio', id, name, value, checked: value === 'adopted', 'data-path': `points.${point.number}.outcome` }),
      h('label', { for: id }, value === 'adopted' ? t('outcomeAdopted') : t('outcomeRejected')),
    );
  });
  const alternative =
    point.alternatives.length > 0
      ? field({
          label: t('alternativeLabel', { n: point.number }),
          name: `alternative-${point.number}`,
          path: `points.${point.number}.alternativeNumber`,
          options: [
            { value: '', label: t('chooseAlternative') },
            ...point.alternatives.map((item) => ({ value: String(item.number), label: item.label, lang: 'nb' })),
          ],
          value: leadingAlternative(page, point),
        })
      : null;
  const rule = field({
    label: t('pointRuleLabel', { n: point.number }),
    name: `rule-${point.number}`,
    path: `points.${point.number}.decidedBy`,
    options: (['consensus', 'unanimous', 'majority'] as const).map((value) => ({ value, label: decidedByText(value) })),
  });
  const judgement = h('p', { class: 'tally-judgement', 'aria-live': 'polite' });
  const amendments = amendmentFields(page, point);
  const element = h(
    'fieldset',
    { class: 'point-fieldset', 'data-point': point.number },
    h('legend', null, t('outcomeLegend', { n: point.number })),
    h('p', { class: 'hint' }, nb(point.text)),
    h('div', { class: 'radios radios-inline' }, ...radios),
    alternative?.wrapper ?? null,
    h('p', { class: 'tally-line' }, `${t('tallyVotes')}: ${tallyText(page, point)}`),
    rule.wrapper,
    judgement,
    amendments.element,
  );
  const outcome = (): PointOutcome => {
    const chosen = element.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value === 'rejected' ? 'rejected' : 'adopted';
    const number = alternative && alternative.value() !== '' ? Number(alternative.value()) : undefined;
    return {
      number: point.number,
      outcome: chosen,
      ...(chosen === 'adopted' && number !== undefined ? { alternativeNumber: number } : {}),
    };
  };
  rule.control.value = ruleFromVotes(page, outcome(), point);
  element.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).matches('input[type="radio"], select[name^="alternative-"]'))
      rule.control.value = ruleFromVotes(page, outcome(), point);
    onChange();
  });
  return {
    point,
    element,
    outcome,
    rule,
    alternative,
    judgement,
    amendments: () => (outcome().outcome === 'adopted' ? amendments.lines() : []),
  };
}

/** The dissent the votes show under the chosen outcomes, and each point's judgement by its rule. */
function judge(page: CasePage, controls: PointControls[], dissentList: HTMLElement): { memberId: string; pointNumber: number }[] {
  const votes = currentVotes(page);
  const dissent: { memberId: string; pointNumber: number }[] = [];
  for (const control of controls) {
    const key = outcomeKey(control.outcome(), control.point.alternatives.length > 0);
    const objection = tallyObjection(tallyPoint(votes, control.point.number), key, control.rule.value() as DecisionRule);
    control.judgement.textContent =
      objection === null
        ? `✓ ${t('tallyCarries', { rule: decidedByText(control.rule.value()) })}`
        : `⚠ ${t('tallyDoesNotCarry', { rule: decidedByText(control.rule.value()) })}`;
    control.judgement.className = `tally-judgement ${objection === null ? 'carries' : 'does-not-carry'}`;
    for (const memberId of dissentOf(votes, control.point.number, key)) dissent.push({ memberId, pointNumber: control.point.number });
  }
  dissentList.replaceChildren(
    ...(dissent.length === 0 ? [h('li', null, t('noDissent'))] : []),
    ...dissent.map((entry) =>
      h('li', null, `${memberName(page, entry.memberId)} – ${t('pointLabel', { n: entry.pointNumber }).toLowerCase()}`),
    ),
  );
  return dissent;
}

/** The resolution's own rule: the least unanimous of its points' rules. */
function overallRule(controls: PointControls[]): DecisionRule {
  const rules = controls.map((control) => control.rule.value());
  return rules.includes('majority') ? 'majority' : rules.includes('unanimous') ? 'unanimous' : 'consensus';
}

function adoptionBody(
  controls: PointControls[],
  dissent: { memberId: string; pointNumber: number }[],
  present: string[],
  notes: string,
  effectiveDate: string,
) {
  const rule = overallRule(controls);
  return {
    points: controls.map((control) => {
      const amendments = control.amendments();
      const own = control.rule.value() as DecisionRule;
      return { ...control.outcome(), ...(amendments.length > 0 ? { amendments } : {}), ...(own !== rule ? { decidedBy: own } : {}) };
    }),
    decidedBy: rule,
    dissent,
    ...(present.length > 0 ? { membersPresent: present } : {}),
    ...(notes === '' ? {} : { notes }),
    effectiveDate,
  };
}

export function adoptionSection(page: CasePage): HTMLElement {
  const { detail } = page;
  const dissentList = h('ul', { class: 'dissent-list', id: 'dissent-list' });
  let dissent: { memberId: string; pointNumber: number }[] = [];
  const controls: PointControls[] = [];
  const update = () => (dissent = judge(page, controls, dissentList));
  for (const point of detail.resolution?.points ?? []) controls.push(pointControls(page, point, update));
  update();
  const voters = new Set(currentVotes(page).map((vote) => vote.memberId));
  const present = checkboxGroup({
    legend: t('membersPresentLegend'),
    name: 'membersPresent',
    path: 'membersPresent',
    hint: page.registry?.quorum ? t('quorumHint', { quorum: page.registry.quorum }) : t('membersPresentHint'),
    options: (page.registry?.members ?? []).map((member) => ({
      value: member.memberId,
      label: member.name,
      checked: voters.has(member.memberId),
      lang: 'nb',
    })),
  });
  const notes = field({ label: t('notesLabel'), name: 'notes', kind: 'textarea', lang: 'nb' });
  const lastVote = detail.votes.reduce(
    (latest, vote) => (vote.effectiveDate > latest ? vote.effectiveDate : latest),
    meetingDecisionDate(detail),
  );
  const date = effectiveDateField(lastVote, t('adoptionDateHint'));
  const body = () => adoptionBody(controls, dissent, present.values(), notes.value(), date.parsed());
  const form = commandForm(page.ctx, {
    id: 'adopt-form',
    intro: t('adoptIntro'),
    parts: [
      ...controls.map((control) => control.element),
      h('div', { class: 'dissent' }, h('h3', null, t('dissentLegend')), h('p', { class: 'hint' }, t('dissentHint')), dissentList),
      present,
      notes,
      date,
    ],
    submitLabel: t('adoptSubmit'),
    check: () => checkAlternatives(controls),
    command: () => commandRequest('AdoptResolution', { caseNumber: detail.caseNumber }, body()),
    confirm: () => ({
      title: t('confirmAdoptionTitle', { n: detail.caseNumber }),
      summary: adoptionSummary(page, body()),
      confirmLabel: t('confirmAdoption'),
    }),
    done: () => ({
      text: `${t('saved')} ${adoptionWords(date.parsed(), body().points, overallRule(controls))}`,
      anchor: 'resolution',
    }),
  });
  return sectionWithId('adopt', t('adoptHeading'), form);
}

function checkAlternatives(controls: PointControls[]): boolean {
  for (const control of controls) {
    const outcome = control.outcome();
    if (control.alternative && outcome.outcome === 'adopted' && outcome.alternativeNumber === undefined) {
      control.alternative.setError(t('alternativeRequired'));
      control.alternative.control.focus();
      return false;
    }
  }
  return true;
}

function adoptionSummary(page: CasePage, body: ReturnType<typeof adoptionBody>): Node[] {
  const points = body.points.map((point) => {
    const proposed = page.detail.resolution?.points.find((candidate) => candidate.number === point.number);
    const alternative = proposed?.alternatives.find((item) => item.number === point.alternativeNumber);
    const how = decidedByText(point.decidedBy ?? body.decidedBy);
    const outcome = point.outcome === 'adopted' ? t('outcomeAdopted') : t('outcomeRejected');
    const amended = point.amendments
      ? ` ${t('amendedLines', { lines: point.amendments.map((line) => `${targetName(page, line.target)} ${line.year}: ${money(line.amount)}`).join('; ') })}`
      : '';
    return h(
      'li',
      null,
      `${t('pointLabel', { n: point.number })}: ${outcome}${alternative ? ` (${alternative.label})` : ''}, ${how}.${amended}`,
    );
  });
  return [
    h('ul', null, ...points),
    h(
      'p',
      null,
      body.dissent.length === 0
        ? t('noDissent')
        : t('dissentLabel', {
            names: body.dissent
              .map((entry) => `${memberName(page, entry.memberId)} (${t('pointLabel', { n: entry.pointNumber }).toLowerCase()})`)
              .join(', '),
          }),
    ),
    ...(body.membersPresent
      ? [h('p', null, t('membersPresentText', { names: body.membersPresent.map((id) => memberName(page, id)).join(', ') }))]
      : []),
    h('p', null, t('effectiveOn', { date: formatDate(body.effectiveDate) })),
  ];
}
