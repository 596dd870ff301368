import { commandRequest } from '../commands.js';
import { h } from '../dom.js';
import { amountField, checkboxGroup, field, type Field } from '../fields.js';
import { sumAmounts } from '../format.js';
import { commandForm, disclosure } from '../forms.js';
import { t } from '../i18n/index.js';
import { figureLink, money, nb, sectionWithId, table } from '../ui.js';
import { caseTotal, effectiveDateField, openYearCheck, preparationDate, targetName, targetScope, type CasePage } from './case-parts.js';
import { initiativeChoices } from '../initiatives.js';

/** The partners' proposals (innspill) and the secretariat's recommendation: shown, submitted, revised, recorded. */

type Proposal = CasePage['detail']['proposals'][number];

function proposalScope(proposal: Proposal): string {
  return 'initiativeId' in proposal.target ? `initiative:${proposal.target.initiativeId}` : `proposal:${proposal.proposalId}`;
}

function proposalRow(page: CasePage, proposal: Proposal, editable: boolean): HTMLElement {
  const { ctx } = page;
  return h(
    'tr',
    { 'data-proposal': proposal.proposalId },
    h(
      'th',
      { scope: 'row' },
      nb(proposal.name),
      'newInitiativeName' in proposal.target ? h('span', { class: 'tag' }, ` ${t('newInitiative')}`) : null,
    ),
    h('td', null, nb(proposal.submittedByNames.join(', '))),
    h('td', { class: 'num' }, String(proposal.year)),
    h(
      'td',
      { class: 'num' },
      proposal.amountRequested === null
        ? h('span', { class: 'muted' }, t('noAmount'))
        : figureLink(ctx, {
            year: proposal.year,
            figure: 'requested',
            scope: proposalScope(proposal),
            amount: proposal.amountRequested,
            name: proposal.name,
          }),
    ),
    h('td', { class: 'description' }, proposal.description ? nb(proposal.description) : ''),
    editable
      ? h('td', null, page.closed.shut(proposal.year) ? null : disclosure(t('reviseProposal'), proposal.name, reviseForm(page, proposal)))
      : null,
  );
}

export function proposalsSection(page: CasePage): HTMLElement {
  const { detail } = page;
  const editable = page.secretariat && detail.adopted === null;
  const children: Node[] = [];
  if (detail.proposals.length === 0) children.push(h('p', null, t('noProposals')));
  else {
    const total = sumAmounts(detail.proposals.map((proposal) => proposal.amountRequested));
    children.push(
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
          editable ? h('th', { scope: 'col' }, t('actionColumn')) : null,
        ),
        detail.proposals.map((proposal) => proposalRow(page, proposal, editable)),
        h(
          'tr',
          { class: 'total-row' },
          h('th', { scope: 'row', colspan: '3' }, t('totalRow')),
          h('td', { class: 'num' }, caseTotal(page, 'requested', detail.year, total)),
          h('td', { colspan: editable ? '2' : '1' }),
        ),
      ),
    );
  }
  if (editable) children.push(submitProposalForm(page));
  return sectionWithId('proposals', t('proposalsHeading'), ...children);
}

function reviseForm(page: CasePage, proposal: Proposal): HTMLFormElement {
  const amount = amountField({
    label: t('amountRequestedLabel'),
    name: 'amountRequested',
    amount: proposal.amountRequested,
    hint: t('noAmountHint'),
  });
  const reason = field({ label: t('reasonLabel'), name: 'reason', kind: 'textarea', required: true });
  const date = effectiveDateField(preparationDate(page.detail));
  return commandForm(page.ctx, {
    id: `revise-${proposal.proposalId}`,
    parts: [amount, reason, date],
    submitLabel: t('reviseSubmit'),
    command: () =>
      commandRequest(
        'ReviseProposal',
        { caseNumber: page.detail.caseNumber, proposalId: proposal.proposalId },
        { amountRequested: amount.value() === '' ? null : amount.parsed(), reason: reason.value(), effectiveDate: date.parsed() },
      ),
    done: () => ({ text: t('proposalRevised', { name: proposal.name }), anchor: 'proposals' }),
  });
}

const NEW = '__new__';

function submitProposalForm(page: CasePage): HTMLFormElement {
  const { detail, registry } = page;
  const target = field({
    label: t('proposalTargetLabel'),
    name: 'target',
    path: 'target',
    required: true,
    options: [...initiativeChoices(registry), { value: NEW, label: t('newInitiativeOption') }],
  });
  const newName = field({
    label: t('newInitiativeNameLabel'),
    name: 'newInitiativeName',
    path: 'target.newInitiativeName',
    required: true,
    lang: 'nb',
  });
  const newBox = h('div', { hidden: true }, newName.wrapper);
  target.control.addEventListener('change', () => (newBox.hidden = target.value() !== NEW));
  const year = field({
    label: t('yearColumn'),
    name: 'year',
    kind: 'year',
    required: true,
    value: String(detail.year),
    check: openYearCheck(page),
  });
  const amount = amountField({ label: t('amountRequestedLabel'), name: 'amountRequested', hint: t('noAmountHint') });
  const partners = checkboxGroup({
    legend: t('submittedByLegend'),
    name: 'submittedBy',
    path: 'submittedBy',
    required: true,
    options: (registry?.partners ?? []).map((partner) => ({ value: partner.partnerId, label: partner.name, lang: 'nb' })),
  });
  const description = field({ label: t('descriptionLabel'), name: 'description', kind: 'textarea', lang: 'nb' });
  const date = effectiveDateField(preparationDate(detail));
  return commandForm(page.ctx, {
    id: 'submit-proposal-form',
    title: t('submitProposalHeading'),
    parts: [target, newBox, h('div', { class: 'field-row' }, year.wrapper, amount.wrapper), partners, description, date],
    submitLabel: t('submitProposalSubmit'),
    check: () => {
      if (partners.values().length > 0) return true;
      partners.setError(t('choosePartner'));
      partners.control.focus();
      return false;
    },
    command: () =>
      commandRequest(
        'SubmitProposal',
        { caseNumber: detail.caseNumber },
        {
          year: Number(year.value()),
          target: target.value() === NEW ? { newInitiativeName: newName.value() } : { initiativeId: target.value() },
          amountRequested: amount.value() === '' ? null : amount.parsed(),
          submittedBy: partners.values(),
          ...(description.value() === '' ? {} : { description: description.value() }),
          effectiveDate: date.parsed(),
        },
      ),
    done: () => ({ text: t('proposalSubmitted'), anchor: 'proposals' }),
  });
}

export function recommendationSection(page: CasePage): HTMLElement {
  const { ctx, detail } = page;
  const children: Node[] = [];
  if (detail.recommendation.length === 0) children.push(h('p', null, t('noRecommendation')));
  else {
    const total = sumAmounts(detail.recommendation.map((line) => line.amountRecommended));
    children.push(
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
            h('th', { scope: 'row' }, nb(line.name)),
            h('td', { class: 'num' }, String(line.year)),
            h(
              'td',
              { class: 'num' },
              figureLink(ctx, {
                year: line.year,
                figure: 'recommended',
                scope: targetScope(line.target),
                amount: line.amountRecommended,
                name: line.name,
              }),
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
  if (page.secretariat && detail.adopted === null && detail.proposals.length > 0) children.push(recommendationForm(page));
  return sectionWithId('recommendation', t('recommendationHeading'), ...children);
}

function recommendationForm(page: CasePage): HTMLFormElement {
  const { detail } = page;
  const lines = detail.proposals.map((proposal) => {
    const target = 'initiativeId' in proposal.target ? { initiativeId: proposal.target.initiativeId } : { proposalId: proposal.proposalId };
    const current = detail.recommendation.find((line) => targetScope(line.target) === targetScope(target));
    const amount = amountField({
      label: t('recommendFor', { name: targetName(page, target) }),
      name: `recommend-${proposal.proposalId}`,
      path: 'lines',
      amount: current?.amountRecommended ?? proposal.amountRequested,
      className: 'field-line',
    });
    return { target, amount, requested: proposal.amountRequested };
  });
  const year = field({
    label: t('yearColumn'),
    name: 'year',
    kind: 'year',
    required: true,
    value: String(detail.year),
    check: openYearCheck(page),
  });
  const date = effectiveDateField(preparationDate(detail));
  const rows = lines.map((line): Field => line.amount);
  return commandForm(page.ctx, {
    id: 'recommendation-form',
    title: t('recordRecommendationHeading'),
    intro: t('recordRecommendationIntro'),
    parts: [year, h('div', { class: 'line-fields' }, ...rows.map((row) => row.wrapper)), date],
    submitLabel: t('recordRecommendationSubmit'),
    check: () => {
      if (lines.some((line) => line.amount.value() !== '')) return true;
      lines[0]!.amount.setError(t('recommendationEmpty'));
      lines[0]!.amount.control.focus();
      return false;
    },
    command: () =>
      commandRequest(
        'RecordRecommendation',
        { caseNumber: detail.caseNumber },
        {
          year: Number(year.value()),
          lines: lines
            .filter((line) => line.amount.value() !== '')
            .map((line) => ({ target: line.target, amountRecommended: line.amount.parsed() })),
          effectiveDate: date.parsed(),
        },
      ),
    done: () => ({
      text: t('recommendationRecorded', {
        total: money(sumAmounts(lines.map((line) => (line.amount.value() === '' ? null : line.amount.parsed())))),
      }),
      anchor: 'recommendation',
    }),
  });
}
