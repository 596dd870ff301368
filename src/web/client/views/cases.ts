import { get, type CaseSummary } from '../api.js';
import { h } from '../dom.js';
import { dateField, field } from '../fields.js';
import { formatDate, todayInOslo } from '../format.js';
import { commandForm } from '../forms.js';
import { t } from '../i18n/index.js';
import { badge, caseLink, nb, noticeBox, pageHeading, section, table, type Ctx } from '../ui.js';

/** The cases by meeting, and a form to open a case. */

export function caseStatus(decided: boolean, proposed: boolean): HTMLElement {
  if (decided) return badge('done', t('statusDecided'));
  if (proposed) return badge('pending', t('statusProposed'));
  return badge('info', t('statusOpen'));
}

function meetingSection(ctx: Ctx, date: string, list: CaseSummary[]): HTMLElement {
  return section(
    t('meetingHeading', { date: formatDate(date) }),
    table(
      t('casesCaption', { date: formatDate(date) }),
      h(
        'tr',
        null,
        h('th', { scope: 'col', class: 'col-case' }, t('caseColumn')),
        h('th', { scope: 'col' }, t('titleColumn')),
        h('th', { scope: 'col', class: 'num col-count' }, t('proposalsColumn')),
        h('th', { scope: 'col', class: 'num col-count' }, t('votesColumn')),
        h('th', { scope: 'col', class: 'col-status' }, t('statusColumn')),
      ),
      list.map((item) =>
        h(
          'tr',
          { 'data-case': item.caseNumber },
          h('th', { scope: 'row' }, caseLink(ctx, item.caseNumber)),
          h('td', null, nb(item.title)),
          h('td', { class: 'num' }, String(item.proposals)),
          h('td', { class: 'num' }, String(item.votes)),
          h('td', null, caseStatus(item.decided, item.resolutionProposed)),
        ),
      ),
      undefined,
      { captionHidden: true, className: 'cases-table' },
    ),
  );
}

export async function casesView(ctx: Ctx): Promise<Node[]> {
  const { cases } = await get<{ cases: CaseSummary[] }>('/api/cases', {}, ctx.asOf);
  const nodes: Node[] = [...pageHeading(ctx, t('casesTitle'), t('casesIntro'))];
  if (ctx.can('write:commands'))
    nodes.push(section(t('openCaseHeading'), ctx.writable ? openCaseForm(ctx) : noticeBox(t('writeHiddenAsOf'))));
  if (cases.length === 0) nodes.push(h('p', null, t('noCases')));
  const meetings = new Map<string, CaseSummary[]>();
  for (const item of cases) meetings.set(item.meetingDate, [...(meetings.get(item.meetingDate) ?? []), item]);
  for (const date of [...meetings.keys()].sort((a, b) => b.localeCompare(a))) nodes.push(meetingSection(ctx, date, meetings.get(date)!));
  return nodes;
}

function openCaseForm(ctx: Ctx): HTMLFormElement {
  const caseNumber = field({
    label: t('caseNumberLabel'),
    name: 'caseNumber',
    kind: 'case-number',
    required: true,
    hint: t('caseNumberHint'),
  });
  const meeting = dateField({ label: t('meetingDateLabel'), name: 'meetingDate', date: todayInOslo() });
  const title = field({ label: t('caseTitleLabel'), name: 'title', required: true, lang: 'nb' });
  const opened = dateField({ label: t('openedOnLabel'), name: 'effectiveDate', date: todayInOslo(), hint: t('openedOnHint') });
  return commandForm(ctx, {
    id: 'open-case-form',
    intro: t('openCaseIntro'),
    parts: [h('div', { class: 'field-row' }, caseNumber.wrapper, meeting.wrapper, opened.wrapper), title],
    submitLabel: t('openCaseSubmit'),
    command: () => ({
      path: '/api/cases',
      body: { caseNumber: caseNumber.value(), meetingDate: meeting.parsed(), title: title.value(), effectiveDate: opened.parsed() },
    }),
    done: () => {
      ctx.navigate(ctx.href(`/cases/${caseNumber.value()}`));
      return { text: t('caseOpened', { n: caseNumber.value() }) };
    },
  });
}
