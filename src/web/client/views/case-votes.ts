import { commandRequest } from '../commands.js';
import { tallyPoint, type TallyVote } from '../../../domain/tally.js';
import { command, type VoteChoice } from '../api.js';
import { h, uid } from '../dom.js';
import { field, validate } from '../fields.js';
import { formatDate } from '../../../shared/format.js';
import { button, commandForm, disclosure, problemWords, resultRegion, showProblem, showResult, submitting } from '../forms.js';
import { t } from '../i18n/index.js';
import { badge, choiceText, nb, noticeBox, sectionWithId, table } from '../ui.js';
import { effectiveDateField, meetingDecisionDate, memberName, type CasePage } from './case-parts.js';

/** The votes on a case: every vote cast (a changed one superseded), the tally by the committee's rule, and recording them. */

type Point = NonNullable<CasePage['detail']['resolution']>['points'][number];

/** Each member's last vote per point: the votes that count. */
export function currentVotes(page: CasePage): TallyVote[] {
  return page.detail.votes
    .filter((vote) => !vote.superseded)
    .map((vote) => ({ memberId: vote.memberId, pointNumber: vote.pointNumber, choice: vote.choice }));
}

function choiceValue(choice: VoteChoice | undefined): string {
  if (!choice) return '';
  return 'alternativeNumber' in choice ? `alt:${choice.alternativeNumber}` : choice.answer;
}

function choiceOf(value: string): VoteChoice | null {
  if (value.startsWith('alt:')) return { alternativeNumber: Number(value.slice(4)) };
  if (value === 'yes' || value === 'no' || value === 'blank') return { answer: value };
  return null;
}

function choiceOptions(point: Point): { value: string; label: string; lang?: string }[] {
  const options: { value: string; label: string; lang?: string }[] = point.alternatives.map((alternative) => ({
    value: `alt:${alternative.number}`,
    label: alternative.label,
    lang: 'nb',
  }));
  if (options.length === 0) options.push({ value: 'yes', label: t('choiceYes') }, { value: 'no', label: t('choiceNo') });
  options.push({ value: 'blank', label: t('choiceBlank') });
  return options;
}

/** The tally of a point in words, from the counted votes (src/domain/tally.ts, as the ledger counts them). */
export function tallyText(page: CasePage, point: Point): string {
  const tally = tallyPoint(currentVotes(page), point.number);
  const parts = Object.entries(tally.counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => `${choiceText(choiceOf(key)!)}: ${count}`);
  if (tally.blank > 0) parts.push(`${t('choiceBlank')}: ${tally.blank}`);
  return parts.length > 0 ? parts.join(' · ') : t('noVotesCast');
}

function voteRow(page: CasePage, vote: CasePage['detail']['votes'][number], changeable: boolean): HTMLElement {
  const point = page.detail.resolution?.points.find((candidate) => candidate.number === vote.pointNumber);
  return h(
    'tr',
    { class: vote.superseded ? 'superseded' : '', 'data-member': vote.memberId, 'data-point': vote.pointNumber },
    h('th', { scope: 'row' }, nb(vote.memberName)),
    h('td', null, t('pointLabel', { n: vote.pointNumber })),
    h('td', null, vote.superseded ? h('s', null, choiceText(vote.choice)) : choiceText(vote.choice)),
    h('td', null, formatDate(vote.effectiveDate)),
    h('td', null, vote.superseded ? badge('muted', t('voteSuperseded')) : badge('done', t('voteCurrent'))),
    changeable
      ? h(
          'td',
          null,
          !vote.superseded && point
            ? disclosure(
                t('changeVote'),
                t('voteFor', { member: vote.memberName, point: vote.pointNumber }),
                changeVoteForm(page, point, vote.memberId, vote.choice),
              )
            : null,
        )
      : null,
  );
}

function votesTables(page: CasePage, changeable: boolean): HTMLElement[] {
  const { detail } = page;
  const points = detail.resolution?.points ?? [];
  return [
    table(
      t('tallyCaption'),
      h('tr', null, h('th', { scope: 'col', class: 'col-point' }, t('tallyPoint')), h('th', { scope: 'col' }, t('tallyResult'))),
      points.map((point) =>
        h(
          'tr',
          { 'data-point': point.number },
          h('th', { scope: 'row' }, t('pointLabel', { n: point.number })),
          h('td', { class: 'tally' }, tallyText(page, point)),
        ),
      ),
      undefined,
      { className: 'compact' },
    ),
    table(
      t('votesCaption'),
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('memberColumn')),
        h('th', { scope: 'col' }, t('pointColumn')),
        h('th', { scope: 'col' }, t('choiceColumn')),
        h('th', { scope: 'col' }, t('dateColumn')),
        h('th', { scope: 'col' }, t('statusColumn')),
        changeable ? h('th', { scope: 'col' }, t('actionColumn')) : null,
      ),
      detail.votes.map((vote) => voteRow(page, vote, changeable)),
    ),
  ];
}

export function votesSection(page: CasePage): HTMLElement {
  const { ctx, detail } = page;
  const open = detail.resolution !== null && detail.adopted === null;
  const children: Node[] = [];
  if (detail.votes.length === 0) children.push(h('p', null, t('noVotes')));
  else children.push(...votesTables(page, page.secretariat && open));
  if (open && page.secretariat) children.push(bulkVoteForm(page));
  else if (open && page.shut === null && !ctx.can('write:commands') && ctx.can('write:own-vote'))
    children.push(ctx.writable ? ownVoteForm(page) : noticeBox(t('writeHiddenAsOf')));
  return sectionWithId('votes', t('votesHeading'), ...children);
}

function changeVoteForm(page: CasePage, point: Point, memberId: string, before: VoteChoice): HTMLFormElement {
  const choice = field({
    label: t('newChoiceLabel'),
    name: 'choice',
    path: 'choice',
    options: choiceOptions(point),
    value: choiceValue(before),
  });
  const date = effectiveDateField(meetingDecisionDate(page.detail), t('voteDateHint'));
  return commandForm(page.ctx, {
    id: `change-vote-${memberId}-${point.number}`,
    parts: [choice, date],
    submitLabel: t('changeVoteSubmit'),
    command: () =>
      commandRequest(
        'CastVote',
        { caseNumber: page.detail.caseNumber },
        { memberId, pointNumber: point.number, choice: choiceOf(choice.value())!, effectiveDate: date.parsed() },
      ),
    done: () => ({ text: t('voteChanged', { member: memberName(page, memberId), point: point.number }), anchor: 'votes' }),
  });
}

interface VoteCell {
  memberId: string;
  point: number;
  select: HTMLSelectElement;
  before: string;
}

function voteGrid(page: CasePage, cells: VoteCell[]): HTMLElement {
  const points = page.detail.resolution?.points ?? [];
  const current = new Map(currentVotes(page).map((vote) => [`${vote.memberId}|${vote.pointNumber}`, vote.choice]));
  const rows = (page.registry?.members ?? []).map((member) =>
    h(
      'tr',
      { 'data-member': member.memberId },
      h('th', { scope: 'row' }, nb(member.name)),
      ...points.map((point) => {
        const before = choiceValue(current.get(`${member.memberId}|${point.number}`));
        const select = h(
          'select',
          {
            name: `vote-${member.memberId}-${point.number}`,
            'aria-label': t('voteFor', { member: member.name, point: point.number }),
            'data-member': member.memberId,
            'data-point': point.number,
          },
          h('option', { value: '' }, t('choiceNone')),
          ...choiceOptions(point).map((option) => h('option', { value: option.value, lang: option.lang }, option.label)),
        );
        select.value = before;
        cells.push({ memberId: member.memberId, point: point.number, select, before });
        return h('td', null, select);
      }),
    ),
  );
  return table(
    t('bulkVotesCaption'),
    h(
      'tr',
      null,
      h('th', { scope: 'col' }, t('memberColumn')),
      ...points.map((point) => h('th', { scope: 'col' }, t('pointLabel', { n: point.number }))),
    ),
    rows,
    undefined,
    {
      className: 'vote-grid',
      captionHidden: true,
    },
  );
}

/** Records changed cells one vote at a time; says how many were saved and why any was refused. */
async function recordVotes(
  page: CasePage,
  changes: { memberId: string; point: number; value: string }[],
  effectiveDate: string,
  region: HTMLElement,
  form: HTMLElement,
): Promise<void> {
  const failures: string[] = [];
  let firstError: unknown = null;
  let ok = 0;
  for (const change of changes) {
    try {
      await command(
        commandRequest(
          'CastVote',
          { caseNumber: page.detail.caseNumber },
          { memberId: change.memberId, pointNumber: change.point, choice: choiceOf(change.value)!, effectiveDate },
        ),
      );
      ok += 1;
    } catch (error: unknown) {
      firstError ??= error;
      failures.push(`${memberName(page, change.memberId)}, ${t('pointLabel', { n: change.point }).toLowerCase()}: ${problemWords(error)}`);
    }
  }
  const summary = t('bulkVotesResult', { ok, total: changes.length });
  if (ok === 0) {
    // Nothing saved: the first refusal beside the field it is about (a date the rules refuse, say), then every vote's.
    showProblem(region, firstError, form, summary);
    if (changes.length > 1) region.append(h('ul', null, ...failures.map((text) => h('li', null, text))));
    return;
  }
  page.ctx.refresh({
    text: failures.length > 0 ? `${summary} ${failures.join(' ')}` : summary,
    kind: failures.length > 0 ? 'error' : 'success',
    anchor: 'votes',
  });
}

function bulkVoteForm(page: CasePage): HTMLElement {
  const cells: VoteCell[] = [];
  const grid = voteGrid(page, cells);
  const date = effectiveDateField(meetingDecisionDate(page.detail), t('voteDateHint'));
  const region = resultRegion();
  const submit = button(t('bulkVotesSubmit'), { write: true });
  const headingId = uid('bulk-votes-heading');
  const form = h(
    'form',
    { class: 'write-form', id: 'bulk-votes-form', 'data-write': 'true', novalidate: true, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, t('bulkVotesHeading')),
    h('p', { class: 'hint' }, t('bulkVotesIntro')),
    grid,
    date.wrapper,
    region,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!validate([date])) return;
    const changes = cells
      .filter((cell) => cell.select.value !== '' && cell.select.value !== cell.before)
      .map((cell) => ({ memberId: cell.memberId, point: cell.point, value: cell.select.value }));
    if (changes.length === 0) {
      showResult(region, 'error', h('p', null, t('bulkVotesNone')));
      region.focus();
      return;
    }
    void submitting(submit, region, () => recordVotes(page, changes, date.parsed(), region, form));
  });
  return form;
}

function ownVoteForm(page: CasePage): HTMLElement {
  const memberId = page.ctx.session.account.memberId;
  if (!memberId) return noticeBox(t('ownVoteNotMember'), 'warning');
  const current = new Map(currentVotes(page).map((vote) => [`${vote.memberId}|${vote.pointNumber}`, vote.choice]));
  const groups = (page.detail.resolution?.points ?? []).map((point) => {
    const before = choiceValue(current.get(`${memberId}|${point.number}`));
    const name = `own-vote-${point.number}`;
    const textId = uid('point-text');
    const radios = choiceOptions(point).map((option) => {
      const id = uid('radio');
      return h(
        'div',
        { class: 'radio' },
        h('input', { type: 'radio', id, name, value: option.value, checked: option.value === before }),
        h('label', { for: id, lang: option.lang }, option.label),
      );
    });
    const element = h(
      'fieldset',
      { class: 'radio-group', 'aria-describedby': textId },
      h('legend', null, t('pointLabel', { n: point.number })),
      h('p', { class: 'hint', id: textId }, nb(point.text)),
      before ? h('p', { class: 'current-vote' }, t('ownVoteCurrent', { choice: choiceText(choiceOf(before)!) })) : null,
      h('div', { class: 'radios' }, ...radios),
    );
    return { point, before, name, element };
  });
  const region = resultRegion();
  const submit = button(t('ownVoteSubmit'), { write: true });
  const form = h(
    'form',
    { class: 'write-form', id: 'own-vote-form', 'data-write': 'true', novalidate: true, 'aria-labelledby': 'own-vote-heading' },
    h('h3', { id: 'own-vote-heading' }, t('ownVoteHeading')),
    h('p', { class: 'hint' }, t('ownVoteIntro', { member: memberName(page, memberId) })),
    ...groups.map((group) => group.element),
    region,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes = groups
      .map((group) => ({
        memberId,
        point: group.point.number,
        value: form.querySelector<HTMLInputElement>(`input[name="${group.name}"]:checked`)?.value ?? '',
        before: group.before,
      }))
      .filter((entry) => entry.value !== '' && entry.value !== entry.before);
    if (changes.length === 0) {
      showResult(region, 'error', h('p', null, t('bulkVotesNone')));
      region.focus();
      return;
    }
    void submitting(submit, region, () => recordVotes(page, changes, meetingDecisionDate(page.detail), region, form));
  });
  return form;
}
