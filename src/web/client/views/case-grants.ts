import { command, type CaseDetail } from '../api.js';
import { h, uid, type Child } from '../dom.js';
import { parseDateInput } from '../dates.js';
import { AMOUNT_INPUT_PATTERN, amountForInput, normaliseAmountInput, slugOf, sumAmounts } from '../format.js';
import { t } from '../i18n.js';
import {
  badge,
  button,
  field,
  figureLink,
  money,
  noticeBox,
  resultRegion,
  showProblem,
  showResult,
  submitting,
  table,
  validate,
  type Field,
} from '../ui.js';
import { caseTotal, effectiveDateField, problemText, recommendationScope, sectionWithId, type CasePage } from './case-page.js';

/** The grants an adopted resolution authorises: recording them, and registering a new initiative first. */

interface GrantLine {
  line: CaseDetail['recommendation'][number];
  name: string;
  initiativeId: string | null;
  newInitiativeName: string | null;
  recorded: CaseDetail['grants'][number] | null;
}

function grantLines(page: CasePage): GrantLine[] {
  const { detail, registry } = page;
  return detail.recommendation.map((line) => {
    let initiativeId: string | null = null;
    let newInitiativeName: string | null = null;
    if ('initiativeId' in line.target) initiativeId = line.target.initiativeId;
    else {
      const proposalId = line.target.proposalId;
      const proposal = detail.proposals.find((candidate) => candidate.proposalId === proposalId);
      const wanted = (proposal?.name ?? line.name).trim().toLowerCase();
      newInitiativeName = proposal?.name ?? line.name;
      // The initiative registered from this proposal; before links existed, one of the same name.
      initiativeId =
        registry?.initiatives.find(
          (initiative) => initiative.fromProposal?.caseNumber === detail.caseNumber && initiative.fromProposal.proposalId === proposalId,
        )?.initiativeId ??
        registry?.initiatives.find((initiative) => initiative.name.trim().toLowerCase() === wanted)?.initiativeId ??
        null;
    }
    const recorded =
      initiativeId === null
        ? null
        : (detail.grants.find((grant) => grant.initiativeId === initiativeId && grant.year === line.year) ?? null);
    return { line, name: line.name, initiativeId, newInitiativeName, recorded };
  });
}

export function recordGrantsSection(page: CasePage): HTMLElement {
  const { ctx, detail } = page;
  const adopted = detail.adopted!;
  const adoptedPoints = (detail.resolution?.points ?? []).filter((point) =>
    adopted.points.some((item) => item.number === point.number && item.outcome === 'adopted'),
  );
  const defaultPoint = adoptedPoints.find((point) => point.alternatives.length === 0) ?? adoptedPoints[0];
  if (!defaultPoint) return sectionWithId('record-grants', t('recordGrantsHeading'), noticeBox(t('grantsNeedAdoption')));
  const lines = grantLines(page);
  const authority = field({
    label: t('authorityPointLabel'),
    name: 'authorityPoint',
    path: 'authority.pointNumber',
    options: adoptedPoints.map((point) => ({
      value: String(point.number),
      label: `${t('pointLabel', { n: point.number })}: ${point.text.length > 90 ? `${point.text.slice(0, 88)}…` : point.text}`,
    })),
    value: String(defaultPoint.number),
  });
  const date = effectiveDateField(detail);
  const region = resultRegion();

  interface Row {
    grant: GrantLine;
    amount: Field;
    action: HTMLButtonElement;
  }
  const rows: Row[] = [];
  const pending: Row[] = [];
  const record = async (row: Row): Promise<void> => {
    await command(`/api/years/${row.grant.line.year}/grants`, {
      initiativeId: row.grant.initiativeId,
      plan: { amount: normaliseAmountInput(row.amount.value()) },
      authority: { caseNumber: detail.caseNumber, pointNumber: Number(authority.value()) },
      effectiveDate: parseDateInput(date.value())!,
    });
  };
  const checkRow = (row: Row) => validate([authority, date, row.amount]);

  const tableRows = lines.map((grant) => {
    const amount = field({
      label: t('amountFor', { name: grant.name }),
      name: `amount-${grant.initiativeId ?? grant.name}`,
      path: 'plan.amount',
      value: amountForInput(grant.recorded?.amountTotal ?? grant.line.amountRecommended),
      required: true,
      inputmode: 'decimal',
      className: 'field-amount field-label-hidden',
      check: (value) => (AMOUNT_INPUT_PATTERN.test(normaliseAmountInput(value)) ? null : t('amountInvalid')),
    });
    const action = button(t('recordGrant'), {
      type: 'button',
      kind: 'secondary',
      write: true,
      attrs: { 'aria-label': t('recordGrantFor', { name: grant.name }) },
    });
    const row: Row = { grant, amount, action };
    rows.push(row);
    let status: HTMLElement;
    let actionCell: Child = null;
    if (grant.recorded) {
      status = badge('done', t('grantRecorded'));
      amount.control.disabled = true;
    } else if (grant.initiativeId === null) {
      status = badge('warning', t('grantMissingInitiative'));
      amount.control.disabled = true;
    } else {
      status = badge('pending', t('grantPending'));
      actionCell = action;
      pending.push(row);
      action.addEventListener('click', () => {
        if (!checkRow(row)) return;
        void submitting(action, region, async () => {
          try {
            await record(row);
            ctx.refresh({
              text: `${t('saved')} ${grant.name}: ${money(normaliseAmountInput(amount.value()))}`,
              kind: 'success',
              anchor: 'record-grants',
            });
          } catch (error: unknown) {
            showProblem(region, error, form, grant.name);
          }
        });
      });
    }
    return h(
      'tr',
      {
        'data-initiative': grant.initiativeId ?? '',
        'data-status': grant.recorded ? 'recorded' : grant.initiativeId === null ? 'missing' : 'pending',
      },
      h('th', { scope: 'row' }, grant.name, grant.newInitiativeName ? h('span', { class: 'tag' }, ` ${t('newInitiative')}`) : null),
      h(
        'td',
        { class: 'num' },
        figureLink(ctx, {
          year: grant.line.year,
          figure: 'recommended',
          scope: recommendationScope(grant.line),
          amount: grant.line.amountRecommended,
        }),
      ),
      h(
        'td',
        { class: 'num' },
        grant.recorded
          ? figureLink(ctx, {
              year: grant.line.year,
              figure: 'granted',
              scope: `initiative:${grant.recorded.initiativeId}`,
              amount: grant.recorded.amountTotal,
            })
          : amount.wrapper,
      ),
      h('td', null, status),
      h('td', null, actionCell),
    );
  });

  const recordAll = button(t('recordAllGrants'), { type: 'button', write: true, attrs: { id: 'record-all-grants' } });
  recordAll.addEventListener('click', () => {
    if (pending.length === 0) return;
    if (!validate([authority, date, ...pending.map((row) => row.amount)])) return;
    void submitting(recordAll, region, async () => {
      let ok = 0;
      const failures: string[] = [];
      for (const row of pending) {
        try {
          await record(row);
          ok += 1;
        } catch (error: unknown) {
          failures.push(`${row.grant.name}: ${problemText(error)}`);
        }
      }
      const summary = t('recordAllResult', { ok, total: pending.length });
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
        anchor: 'record-grants',
      });
    });
  });

  const year = lines[0]?.line.year ?? detail.year;
  const form: HTMLFormElement = h(
    'form',
    { class: 'write-form', id: 'grants-form', 'data-write': 'true', novalidate: true },
    h('p', { class: 'hint' }, t('recordGrantsIntro', { n: detail.caseNumber, p: defaultPoint.number })),
    pending.length > 0 ? h('div', { class: 'field-row' }, authority.wrapper, date.wrapper) : null,
    table(
      t('recordGrantsCaption', { year }),
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('initiativeColumn')),
        h('th', { scope: 'col', class: 'num' }, t('recommendedColumn')),
        h('th', { scope: 'col', class: 'num' }, t('amountColumn')),
        h('th', { scope: 'col' }, t('grantStatusColumn')),
        h('th', { scope: 'col' }, t('grantActionColumn')),
      ),
      tableRows,
      undefined,
      { className: 'grant-table', wide: true },
    ),
    region,
    h('div', { class: 'actions' }, pending.length > 0 ? recordAll : h('p', null, badge('done', t('nothingToRecord')))),
  );
  form.addEventListener('submit', (event) => event.preventDefault());

  const missing = lines.filter((line) => line.initiativeId === null);
  return sectionWithId('record-grants', t('recordGrantsHeading'), form, ...missing.map((line) => registerInitiativeForm(page, line)));
}

function registerInitiativeForm(page: CasePage, line: GrantLine): HTMLElement {
  const { ctx, detail, registry } = page;
  const name = line.newInitiativeName ?? line.name;
  const NEW = '__new__';
  const area = field({
    label: t('programmeAreaLabel'),
    name: 'programmeAreaId',
    path: 'programmeAreaId',
    required: true,
    options: [
      { value: '', label: t('chooseProgrammeArea') },
      ...(registry?.programmeAreas ?? []).map((item) => ({ value: item.programmeAreaId, label: item.name })),
      { value: NEW, label: t('newProgrammeAreaOption') },
    ],
  });
  const idCheck = (value: string) => (/^[a-z0-9][a-z0-9-]{0,63}$/.test(value) ? null : t('idInvalid'));
  const newAreaName = field({ label: t('newProgrammeAreaName'), name: 'newProgrammeAreaName', path: 'name', required: true });
  const newAreaId = field({
    label: t('newProgrammeAreaId'),
    name: 'newProgrammeAreaId',
    path: 'programmeAreaId',
    required: true,
    hint: t('idHint'),
    check: idCheck,
  });
  const newArea = h('div', { class: 'new-area', hidden: true }, newAreaName.wrapper, newAreaId.wrapper);
  newAreaName.control.addEventListener('input', () => {
    if (!newAreaId.control.dataset.touched) newAreaId.control.value = slugOf(newAreaName.control.value);
  });
  newAreaId.control.addEventListener('input', () => (newAreaId.control.dataset.touched = 'true'));
  area.control.addEventListener('change', () => {
    newArea.hidden = area.control.value !== NEW;
  });
  const initiativeName = field({ label: t('initiativeNameLabel'), name: 'initiativeName', path: 'name', required: true, value: name });
  const initiativeId = field({
    label: t('initiativeIdLabel'),
    name: 'initiativeId',
    path: 'initiativeId',
    required: true,
    hint: t('idHint'),
    value: slugOf(name),
    check: idCheck,
  });
  const criterion = field({
    label: t('criterionLabel'),
    name: 'criterion',
    path: 'criterion',
    options: [
      { value: 'utvikling', label: t('criterionUtvikling') },
      { value: 'drift', label: t('criterionDrift') },
      { value: 'bredding', label: t('criterionBredding') },
    ],
  });
  const phase = field({
    label: t('phaseLabel'),
    name: 'phase',
    path: 'phase',
    options: [
      { value: 'oppstart', label: t('phaseOppstart') },
      { value: 'innsikt', label: t('phaseInnsikt') },
      { value: 'løsning', label: t('phaseLosning') },
      { value: 'drift', label: t('phaseDrift') },
    ],
  });
  const region = resultRegion();
  const submit = button(t('registerInitiativeSubmit'), { write: true });
  const headingId = uid('register-heading');
  const form = h(
    'form',
    {
      class: 'write-form register-initiative',
      'data-write': 'true',
      novalidate: true,
      'aria-labelledby': headingId,
      id: `register-${line.line.target && 'proposalId' in line.line.target ? line.line.target.proposalId : 'initiative'}`,
    },
    h('h3', { id: headingId }, t('registerInitiativeHeading')),
    h('p', { class: 'hint' }, t('registerInitiativeIntro', { name })),
    area.wrapper,
    newArea,
    initiativeName.wrapper,
    initiativeId.wrapper,
    h('div', { class: 'field-row' }, criterion.wrapper, phase.wrapper),
    region,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const creatingArea = area.control.value === NEW;
    const toCheck = [area, initiativeName, initiativeId, ...(creatingArea ? [newAreaName, newAreaId] : [])];
    if (!validate(toCheck)) return;
    void submitting(submit, region, async () => {
      try {
        let programmeAreaId = area.value();
        if (creatingArea) {
          programmeAreaId = newAreaId.value();
          await command('/api/programme-areas', { programmeAreaId, name: newAreaName.value(), effectiveDate: detail.meetingDate });
          // The area exists now: a retry of the initiative must not register it again.
          area.control.append(h('option', { value: programmeAreaId }, newAreaName.value()));
          area.control.value = programmeAreaId;
          newArea.hidden = true;
        }
        await command('/api/initiatives', {
          initiativeId: initiativeId.value(),
          name: initiativeName.value(),
          programmeAreaId,
          criterion: criterion.value(),
          phase: phase.value(),
          effectiveDate: detail.meetingDate,
          ...('proposalId' in line.line.target
            ? { fromProposal: { caseNumber: detail.caseNumber, proposalId: line.line.target.proposalId } }
            : {}),
        });
        ctx.refresh({ text: `${t('saved')} ${initiativeName.value()}`, kind: 'success', anchor: 'record-grants' });
      } catch (error: unknown) {
        showProblem(region, error, form);
      }
    });
  });
  return form;
}

export function grantsSection(page: CasePage): HTMLElement {
  const { ctx, detail } = page;
  if (detail.grants.length === 0) return sectionWithId('grants', t('grantsHeading'), h('p', null, t('noGrants')));
  const total = sumAmounts(detail.grants.map((grant) => grant.amountTotal));
  return sectionWithId(
    'grants',
    t('grantsHeading'),
    table(
      t('grantsCaption', { n: detail.caseNumber }),
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('initiativeColumn')),
        h('th', { scope: 'col', class: 'num' }, t('yearColumn')),
        h('th', { scope: 'col', class: 'num' }, t('amountColumn')),
        h('th', { scope: 'col' }, t('authorityColumn')),
      ),
      detail.grants.map((grant) =>
        h(
          'tr',
          { 'data-grant': grant.grantId },
          h('th', { scope: 'row' }, grant.initiativeName),
          h('td', { class: 'num' }, String(grant.year)),
          h(
            'td',
            { class: 'num' },
            figureLink(ctx, { year: grant.year, figure: 'granted', scope: `initiative:${grant.initiativeId}`, amount: grant.amountTotal }),
          ),
          h('td', null, t('authorityText', { n: grant.authority.caseNumber, p: grant.authority.pointNumber })),
        ),
      ),
      h(
        'tr',
        { class: 'total-row' },
        h('th', { scope: 'row', colspan: '2' }, t('totalRow')),
        h('td', { class: 'num' }, caseTotal(page, 'granted', detail.grants[0]?.year ?? detail.year, total)),
        h('td'),
      ),
    ),
  );
}
