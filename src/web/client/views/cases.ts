import {
  allExplanationRows,
  ApiProblem,
  command,
  get,
  type CaseDetail,
  type CaseSummary,
  type Explanation,
  type FrameReport,
  type Registry,
  type ResolutionPoint,
  type VoteChoice,
} from '../api.js';
import { h, uid, type Child } from '../dom.js';
import { parseDateInput } from '../dates.js';
import { formatDate, sumAmounts } from '../format.js';
import { t } from '../i18n.js';
import { grantsSection, recordGrantsSection } from './case-grants.js';
import { caseTotal, effectiveDateField, problemText, recommendationScope, sectionWithId, type CasePage } from './case-page.js';
import { caseDocuments } from './document-links.js';
import {
  badge,
  button,
  caseLink,
  choiceText,
  decidedByText,
  field,
  figureLink,
  money,
  noticeBox,
  pageHeading,
  resultRegion,
  section,
  showProblem,
  showResult,
  submitting,
  table,
  validate,
  type Ctx,
  type Field,
} from '../ui.js';

// ---------------------------------------------------------------- the list

export async function casesView(ctx: Ctx): Promise<Node[]> {
  const { cases } = await get<{ cases: CaseSummary[] }>('/api/cases', {}, ctx.asOf);
  const nodes: Node[] = [...pageHeading(ctx, t('casesTitle'), t('casesIntro'))];
  if (cases.length === 0) {
    nodes.push(h('p', null, t('noCases')));
    return nodes;
  }
  const meetings = new Map<string, CaseSummary[]>();
  for (const item of cases) {
    const list = meetings.get(item.meetingDate) ?? [];
    list.push(item);
    meetings.set(item.meetingDate, list);
  }
  const dates = [...meetings.keys()].sort((a, b) => b.localeCompare(a));
  for (const date of dates) {
    const list = meetings.get(date)!;
    nodes.push(
      section(
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
              h('td', null, item.title),
              h('td', { class: 'num' }, String(item.proposals)),
              h('td', { class: 'num' }, String(item.votes)),
              h('td', null, caseStatus(item.decided, item.resolutionProposed)),
            ),
          ),
          undefined,
          { captionHidden: true, className: 'cases-table' },
        ),
      ),
    );
  }
  return nodes;
}

function caseStatus(decided: boolean, proposed: boolean): HTMLElement {
  if (decided) return badge('done', t('statusDecided'));
  if (proposed) return badge('pending', t('statusProposed'));
  return badge('info', t('statusOpen'));
}

// ---------------------------------------------------------------- one case

export async function caseView(ctx: Ctx, params: string[]): Promise<Node[]> {
  const caseNumber = params[0]!;
  let detail: CaseDetail;
  try {
    detail = await get<CaseDetail>(`/api/cases/${caseNumber}`, {}, ctx.asOf);
  } catch (error: unknown) {
    if (error instanceof ApiProblem && error.status === 404)
      return [...pageHeading(ctx, `${t('caseColumn')} ${caseNumber}`), noticeBox(t('caseNotFound'), 'warning')];
    throw error;
  }
  const [registry, frame] = await Promise.all([
    ctx.can('read:registry') ? get<Registry>('/api/registry', {}, ctx.asOf) : Promise.resolve(null),
    get<FrameReport>(`/api/years/${detail.year}/frame`, {}, ctx.asOf).catch(() => null),
  ]);
  const page: CasePage = { ctx, detail, registry, frame };
  const nodes: Node[] = [
    ...pageHeading(ctx, t('caseTitle', { n: detail.caseNumber, title: detail.title })),
    h(
      'p',
      { class: 'lead case-meta' },
      t('caseMeta', { date: formatDate(detail.meetingDate), year: detail.year }),
      ' ',
      caseStatus(detail.adopted !== null, detail.resolution !== null),
    ),
  ];
  const secretariat = ctx.can('write:commands');
  const member = !secretariat && ctx.can('write:own-vote');
  const open = detail.resolution !== null && detail.adopted === null;

  nodes.push(proposalsSection(page));
  nodes.push(recommendationSection(page));
  nodes.push(resolutionSection(page));
  nodes.push(votesSection(page, secretariat && open, member && open));
  if (secretariat && open) nodes.push(ctx.writable ? adoptionSection(page) : section(t('adoptHeading'), noticeBox(t('writeHiddenAsOf'))));
  if (secretariat && detail.adopted !== null && ctx.writable) {
    const reserve = await reserveSection(page);
    if (reserve) nodes.push(reserve);
    if (detail.recommendation.length > 0) nodes.push(recordGrantsSection(page));
  }
  nodes.push(grantsSection(page));
  nodes.push(caseDocuments(ctx, detail.caseNumber));
  return nodes;
}

function proposalsSection(page: CasePage): HTMLElement {
  const { ctx, detail } = page;
  if (detail.proposals.length === 0) return sectionWithId('proposals', t('proposalsHeading'), h('p', null, t('noProposals')));
  const total = sumAmounts(detail.proposals.map((proposal) => proposal.amountRequested));
  return sectionWithId(
    'proposals',
    t('proposalsHeading'),
    table(
      t('proposalsCaption', { n: detail.caseNumber }),
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('initiativeColumn')),
        h('th', { scope: 'col' }, t('submittedByColumn')),
        h('th', { scope: 'col', class: 'num' }, t('yearColumn')),
        h('th', { scope: 'col', class: 'num' }, t('requestedColumn')),
        h('th', { scope: 'col' }, t('descriptionColumn')),
      ),
      detail.proposals.map((proposal) => {
        const scope = 'initiativeId' in proposal.target ? `initiative:${proposal.target.initiativeId}` : `proposal:${proposal.proposalId}`;
        return h(
          'tr',
          null,
          h(
            'th',
            { scope: 'row' },
            proposal.name,
            'newInitiativeName' in proposal.target ? h('span', { class: 'tag' }, ` ${t('newInitiative')}`) : null,
          ),
          h('td', null, proposal.submittedByNames.join(', ')),
          h('td', { class: 'num' }, String(proposal.year)),
          h(
            'td',
            { class: 'num' },
            proposal.amountRequested === null
              ? h('span', { class: 'muted' }, t('noAmount'))
              : figureLink(ctx, { year: proposal.year, figure: 'requested', scope, amount: proposal.amountRequested }),
          ),
          h('td', { class: 'description' }, proposal.description ?? ''),
        );
      }),
      h(
        'tr',
        { class: 'total-row' },
        h('th', { scope: 'row', colspan: '3' }, t('totalRow')),
        h('td', { class: 'num' }, caseTotal(page, 'requested', detail.year, total)),
        h('td'),
      ),
      { wide: true },
    ),
  );
}

function recommendationSection(page: CasePage): HTMLElement {
  const { ctx, detail } = page;
  if (detail.recommendation.length === 0)
    return sectionWithId('recommendation', t('recommendationHeading'), h('p', null, t('noRecommendation')));
  const total = sumAmounts(detail.recommendation.map((line) => line.amountRecommended));
  return sectionWithId(
    'recommendation',
    t('recommendationHeading'),
    table(
      t('recommendationCaption', { n: detail.caseNumber }),
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('initiativeColumn')),
        h('th', { scope: 'col', class: 'num' }, t('yearColumn')),
        h('th', { scope: 'col', class: 'num' }, t('recommendedColumn')),
      ),
      detail.recommendation.map((line) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, line.name),
          h('td', { class: 'num' }, String(line.year)),
          h(
            'td',
            { class: 'num' },
            figureLink(ctx, { year: line.year, figure: 'recommended', scope: recommendationScope(line), amount: line.amountRecommended }),
          ),
        ),
      ),
      h(
        'tr',
        { class: 'total-row' },
        h('th', { scope: 'row', colspan: '2' }, t('totalRow')),
        h('td', { class: 'num' }, caseTotal(page, 'recommended', detail.recommendation[0]?.year ?? detail.year, total)),
      ),
    ),
  );
}

function memberName(page: CasePage, memberId: string): string {
  return (
    page.registry?.members.find((member) => member.memberId === memberId)?.name ??
    page.detail.votes.find((vote) => vote.memberId === memberId)?.memberName ??
    memberId
  );
}

function resolutionSection(page: CasePage): HTMLElement {
  const { detail } = page;
  if (!detail.resolution) return sectionWithId('resolution', t('resolutionHeading'), h('p', null, t('noResolution')));
  const adopted = detail.adopted;
  return sectionWithId(
    'resolution',
    adopted ? t('adoptedHeading') : t('resolutionHeading'),
    adopted
      ? h(
          'div',
          { class: 'notice notice-success' },
          h(
            'p',
            null,
            h('span', { 'aria-hidden': 'true' }, '✓ '),
            t('adoptedSummary', { date: formatDate(adopted.effectiveDate), how: decidedByText(adopted.decidedBy) }),
          ),
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
          adopted.notes ? h('p', null, adopted.notes) : null,
        )
      : null,
    h(
      'ol',
      { class: 'points' },
      ...detail.resolution.points.map((point) => {
        const outcome = adopted?.points.find((candidate) => candidate.number === point.number);
        return h(
          'li',
          { class: 'point', 'data-point': point.number },
          h(
            'p',
            { class: 'point-head' },
            h('strong', null, t('pointLabel', { n: point.number })),
            outcome ? ' ' : null,
            outcome ? (outcome.outcome === 'adopted' ? badge('done', t('outcomeAdopted')) : badge('muted', t('outcomeRejected'))) : null,
          ),
          h('p', { class: 'point-text' }, point.text),
          point.alternatives.length > 0
            ? h(
                'ul',
                { class: 'alternatives', 'aria-label': t('alternativesLabel') },
                ...point.alternatives.map((alternative) => {
                  const chosen = outcome?.alternativeNumber === alternative.number;
                  return h(
                    'li',
                    { class: chosen ? 'chosen' : '' },
                    alternative.label,
                    chosen
                      ? h(
                          'span',
                          null,
                          ' ',
                          badge('done', t('chosenAlternative', { label: t('choiceAlternative', { n: alternative.number }) })),
                        )
                      : null,
                  );
                }),
              )
            : null,
        );
      }),
    ),
  );
}

function tallyText(point: ResolutionPoint, counts: Record<string, number>): string {
  const parts: string[] = [];
  for (const alternative of point.alternatives) {
    const count = counts[`alternative:${alternative.number}`];
    if (count) parts.push(`${t('choiceAlternative', { n: alternative.number })}: ${count}`);
  }
  for (const answer of ['yes', 'no', 'blank'] as const) {
    const count = counts[answer];
    if (count) parts.push(`${choiceText({ answer })}: ${count}`);
  }
  return parts.length > 0 ? parts.join(' · ') : '–';
}

function votesSection(page: CasePage, bulk: boolean, own: boolean): HTMLElement {
  const { ctx, detail } = page;
  const points = detail.resolution?.points ?? [];
  const children: Child[] = [];
  if (detail.votes.length === 0) children.push(h('p', null, t('noVotes')));
  else {
    children.push(
      table(
        t('tallyCaption'),
        h('tr', null, h('th', { scope: 'col', class: 'col-point' }, t('tallyPoint')), h('th', { scope: 'col' }, t('tallyResult'))),
        points.map((point) => {
          const counts = detail.tally.find((entry) => entry.pointNumber === point.number)?.counts ?? {};
          return h(
            'tr',
            { 'data-point': point.number },
            h('th', { scope: 'row' }, t('pointLabel', { n: point.number })),
            h('td', { class: 'tally' }, tallyText(point, counts)),
          );
        }),
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
        ),
        detail.votes.map((vote) =>
          h(
            'tr',
            { class: vote.superseded ? 'superseded' : '', 'data-member': vote.memberId, 'data-point': vote.pointNumber },
            h('th', { scope: 'row' }, vote.memberName),
            h('td', null, t('pointLabel', { n: vote.pointNumber })),
            h('td', null, vote.superseded ? h('s', null, choiceText(vote.choice)) : choiceText(vote.choice)),
            h('td', null, formatDate(vote.effectiveDate)),
            h('td', null, vote.superseded ? badge('muted', t('voteSuperseded')) : badge('done', t('voteCurrent'))),
          ),
        ),
      ),
    );
  }
  if (bulk) children.push(ctx.writable ? bulkVoteForm(page) : noticeBox(t('writeHiddenAsOf')));
  if (own) children.push(ctx.writable ? ownVoteForm(page) : noticeBox(t('writeHiddenAsOf')));
  return sectionWithId('votes', t('votesHeading'), ...children);
}

function currentVotes(detail: CaseDetail): Map<string, VoteChoice> {
  const current = new Map<string, VoteChoice>();
  for (const vote of detail.votes) if (!vote.superseded) current.set(`${vote.memberId}|${vote.pointNumber}`, vote.choice);
  return current;
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

function choiceOptions(point: ResolutionPoint): { value: string; label: string }[] {
  if (point.alternatives.length > 0)
    return point.alternatives.map((alternative) => ({ value: `alt:${alternative.number}`, label: alternative.label }));
  return [
    { value: 'yes', label: t('choiceYes') },
    { value: 'no', label: t('choiceNo') },
    { value: 'blank', label: t('choiceBlank') },
  ];
}

function bulkVoteForm(page: CasePage): HTMLElement {
  const { ctx, detail, registry } = page;
  const points = detail.resolution?.points ?? [];
  const members = registry?.members ?? [];
  const current = currentVotes(detail);
  const date = effectiveDateField(detail);
  const region = resultRegion();
  const selects: { memberId: string; point: number; select: HTMLSelectElement; before: string }[] = [];
  const rows = members.map((member) =>
    h(
      'tr',
      { 'data-member': member.memberId },
      h('th', { scope: 'row' }, member.name),
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
          ...choiceOptions(point).map((option) => h('option', { value: option.value }, option.label)),
        );
        select.value = before;
        selects.push({ memberId: member.memberId, point: point.number, select, before });
        return h('td', null, select);
      }),
    ),
  );
  const submit = button(t('bulkVotesSubmit'), { write: true });
  const form = h(
    'form',
    { class: 'write-form', id: 'bulk-votes-form', 'data-write': 'true', novalidate: true, 'aria-labelledby': 'bulk-votes-heading' },
    h('h3', { id: 'bulk-votes-heading' }, t('bulkVotesHeading')),
    h('p', { class: 'hint' }, t('bulkVotesIntro')),
    table(
      t('bulkVotesCaption'),
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('memberColumn')),
        ...points.map((point) => h('th', { scope: 'col' }, t('pointLabel', { n: point.number }))),
      ),
      rows,
      undefined,
      { className: 'vote-grid', captionHidden: true, wide: true },
    ),
    date.wrapper,
    region,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!validate([date])) return;
    const changes = selects.filter((entry) => entry.select.value !== '' && entry.select.value !== entry.before);
    if (changes.length === 0) {
      showResult(region, 'error', h('p', null, t('bulkVotesNone')));
      return;
    }
    const effectiveDate = parseDateInput(date.value())!;
    void submitting(submit, region, async () => {
      const failures: string[] = [];
      let ok = 0;
      for (const change of changes) {
        try {
          await command(`/api/cases/${detail.caseNumber}/votes`, {
            memberId: change.memberId,
            pointNumber: change.point,
            choice: choiceOf(change.select.value),
            effectiveDate,
          });
          ok += 1;
        } catch (error: unknown) {
          failures.push(
            `${memberName(page, change.memberId)}, ${t('pointLabel', { n: change.point }).toLowerCase()}: ${problemText(error)}`,
          );
        }
      }
      const summary = t('bulkVotesResult', { ok, total: changes.length });
      if (ok === 0) {
        showResult(
          region,
          'error',
          h('p', null, h('span', { 'aria-hidden': 'true' }, '⚠ '), summary),
          h('ul', null, ...failures.map((text) => h('li', null, text))),
        );
        return;
      }
      ctx.refresh({
        text: failures.length > 0 ? `${summary} ${failures.join(' ')}` : summary,
        kind: failures.length > 0 ? 'error' : 'success',
        anchor: 'votes',
      });
    });
  });
  return form;
}

function ownVoteForm(page: CasePage): HTMLElement {
  const { ctx, detail } = page;
  const memberId = ctx.session.account.memberId;
  if (!memberId) return noticeBox(t('ownVoteNotMember'), 'warning');
  const points = detail.resolution?.points ?? [];
  const current = currentVotes(detail);
  const region = resultRegion();
  const groups = points.map((point) => {
    const before = choiceValue(current.get(`${memberId}|${point.number}`));
    const name = `own-vote-${point.number}`;
    const legendId = uid('legend');
    const radios = choiceOptions(point).map((option) => {
      const id = uid('radio');
      return h(
        'div',
        { class: 'radio' },
        h('input', { type: 'radio', id, name, value: option.value, checked: option.value === before }),
        h('label', { for: id }, option.label),
      );
    });
    return {
      point,
      before,
      name,
      element: h(
        'fieldset',
        { class: 'radio-group', 'aria-describedby': legendId },
        h('legend', null, t('pointLabel', { n: point.number })),
        h('p', { class: 'hint', id: legendId }, point.text),
        before ? h('p', { class: 'current-vote' }, t('ownVoteCurrent', { choice: choiceText(choiceOf(before)!) })) : null,
        h('div', { class: 'radios' }, ...radios),
      ),
    };
  });
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
        group,
        value: form.querySelector<HTMLInputElement>(`input[name="${group.name}"]:checked`)?.value ?? '',
      }))
      .filter((entry) => entry.value !== '' && entry.value !== entry.group.before);
    if (changes.length === 0) {
      showResult(region, 'error', h('p', null, t('bulkVotesNone')));
      return;
    }
    void submitting(submit, region, async () => {
      let ok = 0;
      for (const change of changes) {
        try {
          await command(`/api/cases/${detail.caseNumber}/votes`, {
            memberId,
            pointNumber: change.group.point.number,
            choice: choiceOf(change.value),
          });
          ok += 1;
        } catch (error: unknown) {
          showProblem(region, error, form, t('pointLabel', { n: change.group.point.number }));
          if (ok > 0)
            ctx.refresh({
              text: `${t('bulkVotesResult', { ok, total: changes.length })} ${problemText(error)}`,
              kind: 'error',
              anchor: 'votes',
            });
          return;
        }
      }
      ctx.refresh({ text: t('bulkVotesResult', { ok, total: changes.length }), kind: 'success', anchor: 'votes' });
    });
  });
  return form;
}

/** Does a member's vote agree with the outcome of its point? (The server's rule for unanimity.) */
function agrees(choice: VoteChoice, outcome: { outcome: string; alternativeNumber?: number }): boolean {
  if ('alternativeNumber' in choice) return outcome.outcome === 'adopted' && choice.alternativeNumber === outcome.alternativeNumber;
  return choice.answer === 'blank' || (choice.answer === 'yes') === (outcome.outcome === 'adopted');
}

function leadingAlternative(detail: CaseDetail, point: ResolutionPoint): string {
  const counts = detail.tally.find((entry) => entry.pointNumber === point.number)?.counts ?? {};
  let best: { number: number; count: number } | null = null;
  for (const alternative of point.alternatives) {
    const count = counts[`alternative:${alternative.number}`] ?? 0;
    if (count > 0 && (!best || count > best.count)) best = { number: alternative.number, count };
  }
  return best ? String(best.number) : '';
}

function adoptionSection(page: CasePage): HTMLElement {
  const { ctx, detail, registry } = page;
  const points = detail.resolution?.points ?? [];
  const members = registry?.members ?? [];
  const current = currentVotes(detail);
  const region = resultRegion();
  const date = effectiveDateField(detail);
  const fields: Field[] = [date];

  const pointControls = points.map((point) => {
    const outcomeName = `outcome-${point.number}`;
    const radios = (['adopted', 'rejected'] as const).map((value) => {
      const id = uid('outcome');
      return h(
        'div',
        { class: 'radio' },
        h('input', {
          type: 'radio',
          id,
          name: outcomeName,
          value,
          checked: value === 'adopted',
          'data-path': `points.${point.number - 1}.outcome`,
        }),
        h('label', { for: id }, value === 'adopted' ? t('outcomeAdopted') : t('outcomeRejected')),
      );
    });
    const alternative =
      point.alternatives.length > 0
        ? field({
            label: t('alternativeLabel', { n: point.number }),
            name: `alternative-${point.number}`,
            path: `points.${point.number - 1}.alternativeNumber`,
            options: [
              { value: '', label: t('chooseAlternative') },
              ...point.alternatives.map((item) => ({ value: String(item.number), label: item.label })),
            ],
            value: leadingAlternative(detail, point),
          })
        : null;
    if (alternative) fields.push(alternative);
    const element = h(
      'fieldset',
      { class: 'point-fieldset', 'data-point': point.number },
      h('legend', null, t('outcomeLegend', { n: point.number })),
      h('p', { class: 'hint' }, point.text),
      h('div', { class: 'radios radios-inline' }, ...radios),
      alternative?.wrapper ?? null,
    );
    return { point, outcomeName, alternative, element };
  });

  const outcomeOf = (entry: (typeof pointControls)[number]) => {
    const outcome = ((element: HTMLElement) =>
      element.querySelector<HTMLInputElement>(`input[name="${entry.outcomeName}"]:checked`)?.value ?? 'adopted')(form);
    const alternativeNumber = entry.alternative && entry.alternative.value() !== '' ? Number(entry.alternative.value()) : undefined;
    return {
      number: entry.point.number,
      outcome: outcome as 'adopted' | 'rejected',
      ...(alternativeNumber !== undefined ? { alternativeNumber } : {}),
    };
  };

  const decidedBy = field({
    label: t('decidedByLabel'),
    name: 'decidedBy',
    options: [
      { value: 'consensus', label: t('decidedByConsensus') },
      { value: 'unanimous', label: t('decidedByUnanimous') },
      { value: 'majority', label: t('decidedByMajority') },
    ],
  });
  fields.push(decidedBy);
  const notes = field({ label: t('notesLabel'), name: 'notes', type: 'textarea' });

  const dissentBoxes: { memberId: string; point: number; box: HTMLInputElement }[] = [];
  const dissentRows = members.map((member) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, member.name),
      ...points.map((point) => {
        const id = uid('dissent');
        const box = h('input', {
          type: 'checkbox',
          id,
          name: `dissent-${member.memberId}-${point.number}`,
          'data-member': member.memberId,
          'data-point': point.number,
        });
        dissentBoxes.push({ memberId: member.memberId, point: point.number, box });
        return h(
          'td',
          { class: 'check-cell' },
          box,
          h('label', { for: id, class: 'visually-hidden' }, t('dissentCheckbox', { member: member.name, point: point.number })),
        );
      }),
    ),
  );
  const dissentTable = table(
    t('dissentCaption'),
    h(
      'tr',
      null,
      h('th', { scope: 'col' }, t('memberColumn')),
      ...points.map((point) => h('th', { scope: 'col' }, t('pointLabel', { n: point.number }))),
    ),
    dissentRows,
    undefined,
    { className: 'vote-grid', captionHidden: true, wide: true },
  );

  const submit = button(t('adoptSubmit'), { write: true });
  const form: HTMLFormElement = h(
    'form',
    { class: 'write-form', id: 'adopt-form', 'data-write': 'true', novalidate: true, 'aria-labelledby': 'adopt-heading' },
    h('p', { class: 'hint' }, t('adoptIntro')),
    ...pointControls.map((entry) => entry.element),
    decidedBy.wrapper,
    h('fieldset', { class: 'dissent' }, h('legend', null, t('dissentLegend')), h('p', { class: 'hint' }, t('dissentHint')), dissentTable),
    notes.wrapper,
    date.wrapper,
    region,
    h('div', { class: 'actions' }, submit),
  );

  // Dissent and "decided by" follow the votes and the chosen outcome, until changed by hand.
  const prefill = () => {
    let anyDissent = false;
    for (const entry of dissentBoxes) {
      const vote = current.get(`${entry.memberId}|${entry.point}`);
      const control = pointControls.find((item) => item.point.number === entry.point)!;
      entry.box.checked = vote !== undefined && !agrees(vote, outcomeOf(control));
      anyDissent ||= entry.box.checked;
    }
    decidedBy.control.value = anyDissent ? 'majority' : detail.votes.length > 0 ? 'unanimous' : 'consensus';
  };
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target.matches('input[type="radio"], select[name^="alternative-"]')) prefill();
  });
  prefill();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let valid = validate(fields);
    const adoptedPoints = pointControls.map(outcomeOf);
    for (const entry of pointControls) {
      const chosen = adoptedPoints.find((item) => item.number === entry.point.number)!;
      if (entry.alternative && chosen.outcome === 'adopted' && chosen.alternativeNumber === undefined) {
        entry.alternative.setError(t('alternativeRequired'));
        if (valid) entry.alternative.control.focus();
        valid = false;
      }
    }
    if (!valid) return;
    // A point nobody voted on was decided without votes: by consensus, whatever rule the voted points followed.
    const voted = new Set(detail.votes.map((vote) => vote.pointNumber));
    const rule = decidedBy.value();
    const body = {
      points: adoptedPoints.map((item) => ({
        ...(item.outcome === 'rejected' ? { number: item.number, outcome: item.outcome } : item),
        ...(rule !== 'consensus' && !voted.has(item.number) ? { decidedBy: 'consensus' } : {}),
      })),
      decidedBy: rule,
      dissent: dissentBoxes.filter((entry) => entry.box.checked).map((entry) => ({ memberId: entry.memberId, pointNumber: entry.point })),
      ...(notes.value() !== '' ? { notes: notes.value() } : {}),
      effectiveDate: parseDateInput(date.value())!,
    };
    void submitting(submit, region, async () => {
      try {
        await command(`/api/cases/${detail.caseNumber}/adoption`, body);
        ctx.refresh({
          text: `${t('saved')} ${t('adoptedSummary', { date: formatDate(body.effectiveDate), how: decidedByText(body.decidedBy) })}`,
          kind: 'success',
          anchor: 'resolution',
        });
      } catch (error: unknown) {
        showProblem(region, error, form);
      }
    });
  });
  const element = section(t('adoptHeading'), form);
  element.id = 'adopt';
  element.querySelector('h2')!.id = 'adopt-heading';
  return element;
}

async function reserveSection(page: CasePage): Promise<HTMLElement | null> {
  const { ctx, detail } = page;
  const adopted = detail.adopted!;
  const point = detail.resolution?.points.find((candidate) => {
    const outcome = adopted.points.find((item) => item.number === candidate.number);
    const alternative = candidate.alternatives.find((item) => item.number === outcome?.alternativeNumber);
    return outcome?.outcome === 'adopted' && alternative !== undefined && alternative.amount !== null;
  });
  if (!point) return null;
  const outcome = adopted.points.find((item) => item.number === point.number)!;
  const alternative = point.alternatives.find((item) => item.number === outcome.alternativeNumber)!;
  const reserved = await get<Explanation>('/api/explain', { year: detail.year, figure: 'reserved', scope: 'total' }, ctx.asOf);
  const established = (await allExplanationRows(reserved)).find(
    (row) => row.eventType === 'ReserveFundEstablished' && row.caseNumber === detail.caseNumber,
  );
  if (established) {
    return sectionWithId(
      'reserve-fund',
      t('reserveHeading'),
      h(
        'div',
        { class: 'notice notice-success' },
        h(
          'p',
          null,
          h('span', { 'aria-hidden': 'true' }, '✓ '),
          t('reserveDone', { amount: money(established.amount), year: detail.year }),
          ' ',
          figureLink(ctx, { year: detail.year, figure: 'reserved', scope: 'total', amount: reserved.value }),
        ),
      ),
    );
  }
  const name = field({
    label: t('reserveName'),
    name: 'name',
    required: true,
    value: `Fond etter sak ${detail.caseNumber} punkt ${point.number}`,
  });
  const date = effectiveDateField(detail);
  const region = resultRegion();
  const submit = button(t('reserveSubmit'), { write: true });
  const form = h(
    'form',
    { class: 'write-form', id: 'reserve-form', 'data-write': 'true', novalidate: true },
    h('p', { class: 'hint' }, t('reserveIntro', { p: point.number, label: alternative.label, year: detail.year })),
    name.wrapper,
    date.wrapper,
    region,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!validate([name, date])) return;
    void submitting(submit, region, async () => {
      try {
        await command(`/api/years/${detail.year}/reserve-funds`, {
          name: name.value(),
          authority: { caseNumber: detail.caseNumber, pointNumber: point.number },
          effectiveDate: parseDateInput(date.value())!,
        });
        ctx.refresh({
          text: `${t('saved')} ${t('reserveDone', { amount: money(alternative.amount), year: detail.year })}`,
          kind: 'success',
          anchor: 'reserve-fund',
        });
      } catch (error: unknown) {
        showProblem(region, error, form);
      }
    });
  });
  return sectionWithId('reserve-fund', t('reserveHeading'), form);
}
