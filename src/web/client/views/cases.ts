import { commandRequest } from '../commands.js';
import { caseYearRefusal } from '../../../domain/case-year.js';
import { get, type CaseSummary } from '../api.js';
import { closedYears, type ClosedYears } from '../closed-years.js';
import { h } from '../dom.js';
import { dateField, field } from '../fields.js';
import { todayInOslo } from '../format.js';
import { formatDate } from '../../../shared/format.js';
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
    nodes.push(section(t('openCaseHeading'), ctx.writable ? openCaseForm(ctx, await closedYears(ctx)) : noticeBox(t('writeHiddenAsOf'))));
  if (cases.length === 0) nodes.push(h('p', null, t('noCases')));
  const meetings = new Map<string, CaseSummary[]>();
  for (const item of cases) meetings.set(item.meetingDate, [...(meetings.get(item.meetingDate) ?? []), item]);
  for (const date of [...meetings.keys()].sort((a, b) => b.localeCompare(a))) nodes.push(meetingSection(ctx, date, meetings.get(date)!));
  return nodes;
}

/**
 * A case of a closed year could be opened, but nothing in it could be voted on or decided
 * (the rule of src/domain/case-year.ts): such a number is refused here, with the way on.
 */
function closedCaseYear(closed: ClosedYears, caseNumber: string): string | null {
  const refusal = caseYearRefusal(caseNumber, (year) => (closed.closed.has(year) ? 'closed' : null));
  if (!refusal) return null;
  const { year } = refusal.details;
  const shut = refusal.code === 'year-closed' ? year : year + 1;
  const later = closed.firstOpenAfter(shut);
  return t('openCaseYearClosed', { closed: shut, year, later, yy: String(later % 100).padStart(2, '0') });
}

function openCaseForm(ctx: Ctx, closed: ClosedYears): HTMLFormElement {
  const shut = [...closed.closed].sort((a, b) => a - b);
  const caseNumber = field({
    label: t('caseNumberLabel'),
    name: 'caseNumber',
    kind: 'case-number',
    required: true,
    hint: shut.length > 0 ? `${t('caseNumberHint')} ${t('closedYearsHint', { years: shut.join(', ') })}` : t('caseNumberHint'),
    check: (value) => closedCaseYear(closed, value),
  });
  const meeting = dateField({ label: t('meetingDateLabel'), name: 'meetingDate', date: todayInOslo() });
  const title = field({ label: t('caseTitleLabel'), name: 'title', required: true, lang: 'nb' });
  const opened = dateField({ label: t('openedOnLabel'), name: 'effectiveDate', date: todayInOslo(), hint: t('openedOnHint') });
  return commandForm(ctx, {
    id: 'open-case-form',
    intro: t('openCaseIntro'),
    parts: [h('div', { class: 'field-row' }, caseNumber.wrapper, meeting.wrapper, opened.wrapper), title],
    submitLabel: t('openCaseSubmit'),
    command: () =>
      commandRequest(
        'OpenCase',
        {},
        { caseNumber: caseNumber.value(), meetingDate: meeting.parsed(), title: title.value(), effectiveDate: opened.parsed() },
      ),
    done: () => {
      ctx.navigate(ctx.href(`/cases/${caseNumber.value()}`));
      return { text: t('caseOpened', { n: caseNumber.value() }) };
    },
  });
}
