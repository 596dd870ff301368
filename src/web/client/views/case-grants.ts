import { commandRequest } from '../commands.js';
import { command } from '../api.js';
import { h } from '../dom.js';
import { amountField, field, validate, type Field } from '../fields.js';
import { slugOf, sumAmounts } from '../format.js';
import { availableChange, changes } from '../confirm-money.js';
import { button, commandForm, confirmed, problemWords, resultRegion, showProblem, showResult, submitting } from '../forms.js';
import { t } from '../i18n/index.js';
import { badge, figureLink, money, nb, noticeBox, sectionWithId, table } from '../ui.js';
import { awardForm } from './award-form.js';
import { adoptedPoints, decisionDate, effectiveDateField, targetName, targetScope, type CasePage } from './case-parts.js';
import { grantsConfirmation, type GrantLine } from './grants-confirmation.js';
import { registerFromProposalForm } from './register-initiative.js';

/**
 * What the adopted resolution authorises, recorded: the grants of each point that
 * authorises money (its table as the meeting amended it, or the recommendation it
 * endorses), one at a time or all at once; the reserve fund of a chosen alternative
 * (confirmed first: it cannot be undone); any other grant under a point, multi-year or
 * drawn from the reserve fund.
 */

type Point = NonNullable<CasePage['detail']['resolution']>['points'][number];
type Target = { initiativeId: string } | { proposalId: string };

interface AuthorisedLine {
  target: Target;
  year: number;
  amount: string;
  name: string;
  initiativeId: string | null;
  granted: string;
}

/** The initiative a line's target is: its own, or the one registered from its proposal. */
function initiativeOfTarget(page: CasePage, target: Target): string | null {
  if ('initiativeId' in target) return target.initiativeId;
  return (
    page.registry?.initiatives.find(
      (item) => item.fromProposal?.caseNumber === page.detail.caseNumber && item.fromProposal.proposalId === target.proposalId,
    )?.initiativeId ?? null
  );
}

function authorisedLines(
  page: CasePage,
  point: Point,
  amendments: { target: Target; year: number; amount: string }[] | undefined,
): AuthorisedLine[] {
  const base =
    point.authorises?.kind === 'allocation'
      ? point.authorises.lines
      : page.detail.recommendation.map((line) => ({ target: line.target, year: line.year, amount: line.amountRecommended }));
  const key = (line: { target: Target; year: number }) => `${line.year}|${targetScope(line.target)}`;
  const amended = new Map((amendments ?? []).map((line) => [key(line), line]));
  const lines = [
    ...base.map((line) => amended.get(key(line)) ?? line),
    ...(amendments ?? []).filter((line) => !base.some((item) => key(item) === key(line))),
  ];
  return lines.map((line) => {
    const initiativeId = initiativeOfTarget(page, line.target);
    const granted = sumAmounts(
      page.detail.grants
        .filter((grant) => grant.authority.pointNumber === point.number && grant.initiativeId === initiativeId)
        .flatMap((grant) => grant.instalments.filter((instalment) => instalment.year === line.year).map((instalment) => instalment.amount)),
    );
    return { ...line, name: targetName(page, line.target), initiativeId, granted };
  });
}

interface Row {
  line: AuthorisedLine;
  amount: Field;
  action: HTMLButtonElement;
}

function lineRow(page: CasePage, line: AuthorisedLine, rows: Row[], record: (row: Row) => void): HTMLElement {
  const left = sumAmounts([line.amount, `-${line.granted}`]);
  const recorded = line.granted !== '0.00' && !left.startsWith('-') && left === '0.00';
  const amount = amountField({
    label: t('amountFor', { name: line.name }),
    name: `amount-${slugOf(line.name)}-${line.year}`,
    path: 'plan.amount',
    amount: left.startsWith('-') ? '0' : left,
    required: true,
    className: 'field-label-hidden',
  });
  const shut = page.closed.shut(line.year);
  const status = recorded
    ? badge('done', t('grantRecorded'))
    : shut
      ? badge('muted', t('grantYearClosed'))
      : line.initiativeId === null
        ? badge('warning', t('grantMissingInitiative'))
        : badge('pending', t('grantPending'));
  let action: HTMLElement | null = null;
  if (!recorded && !shut && line.initiativeId !== null) {
    const row = {
      line,
      amount,
      action: button(t('recordGrant'), {
        type: 'button',
        kind: 'secondary',
        write: true,
        attrs: { 'aria-label': t('recordGrantFor', { name: line.name }) },
      }),
    };
    rows.push(row);
    row.action.addEventListener('click', () => record(row));
    action = row.action;
  }
  return h(
    'tr',
    {
      'data-initiative': line.initiativeId ?? '',
      'data-status': recorded ? 'recorded' : shut ? 'closed' : line.initiativeId === null ? 'missing' : 'pending',
    },
    h('th', { scope: 'row' }, nb(line.name), 'proposalId' in line.target ? h('span', { class: 'tag' }, ` ${t('newInitiative')}`) : null),
    h('td', { class: 'num' }, String(line.year)),
    h('td', { class: 'num' }, money(line.amount)),
    h(
      'td',
      { class: 'num' },
      line.initiativeId
        ? figureLink(page.ctx, {
            year: line.year,
            figure: 'granted',
            scope: `initiative:${line.initiativeId}`,
            amount: line.granted,
            name: line.name,
          })
        : money(line.granted),
    ),
    h('td', { class: 'num' }, recorded || shut || line.initiativeId === null ? null : amount.wrapper),
    h('td', null, status),
    h('td', null, action),
  );
}

function linesTable(pointNumber: number, body: HTMLElement[]): HTMLElement {
  const columns = [
    t('initiativeColumn'),
    t('yearColumn'),
    t('authorisedColumn'),
    t('grantedColumn'),
    t('amountColumn'),
    t('grantStatusColumn'),
    t('grantActionColumn'),
  ];
  return table(
    t('recordGrantsCaption', { p: pointNumber }),
    h('tr', null, ...columns.map((text, index) => h('th', { scope: 'col', class: index >= 1 && index <= 4 ? 'num' : '' }, text))),
    body,
    undefined,
    { className: 'grant-table' },
  );
}

/** The grant of one line of the point (a line gets a row only once it names an initiative). */
function grantRequest(row: Row, authority: { caseNumber: string; pointNumber: number }, effectiveDate: string) {
  const initiativeId = row.line.initiativeId!;
  return commandRequest(
    'AwardGrant',
    { year: row.line.year },
    { initiativeId, plan: { amount: row.amount.parsed() }, authority, effectiveDate },
  );
}

function pointGrantsForm(
  page: CasePage,
  point: Point,
  amendments: { target: Target; year: number; amount: string }[] | undefined,
): HTMLElement {
  const { detail } = page;
  const lines = authorisedLines(page, point, amendments);
  const date = effectiveDateField(decisionDate(detail), t('grantDateHint'));
  const region = resultRegion();
  const rows: Row[] = [];
  const authority = { caseNumber: detail.caseNumber, pointNumber: point.number };
  const send = (row: Row) => command(grantRequest(row, authority, date.parsed()));
  const form: HTMLFormElement = h('form', {
    class: 'write-form grants-form',
    id: `grants-form-${point.number}`,
    'data-write': 'true',
    novalidate: true,
  });
  const recordOne = (row: Row) => {
    if (!validate([date, row.amount])) return;
    void (async () => {
      if (
        !(await confirmed(region, () =>
          grantsConfirmation({ caseNumber: detail.caseNumber, point: point.number, lines: [lineOf(row)], effectiveDate: date.parsed() }),
        ))
      )
        return;
      await recordRow(row);
    })();
  };
  const recordRow = (row: Row) =>
    submitting(row.action, region, async () => {
      try {
        await send(row);
        page.ctx.refresh({
          text: `${t('saved')} ${row.line.name}: ${money(row.amount.parsed())}`,
          kind: 'success',
          anchor: `grants-form-${point.number}`,
        });
      } catch (error: unknown) {
        showProblem(region, error, row.amount.wrapper.closest('tr') ?? form, row.line.name);
      }
    });
  const body = lines.map((line) => lineRow(page, line, rows, recordOne));
  const all = button(t('recordAllGrants'), { type: 'button', write: true, attrs: { id: `record-all-grants-${point.number}` } });
  all.addEventListener('click', () => recordAll(page, { rows, date, region, all, send, point: point.number }));
  form.append(
    h('p', { class: 'hint' }, t('recordGrantsIntro', { n: detail.caseNumber, p: point.number })),
    ...(rows.length > 0 ? [date.wrapper] : []),
    linesTable(point.number, body),
    region,
    h('div', { class: 'actions' }, rows.length > 0 ? all : h('p', null, badge('done', t('nothingToRecord')))),
  );
  form.addEventListener('submit', (event) => event.preventDefault());
  const missing = lines.filter((line) => line.initiativeId === null && 'proposalId' in line.target);
  return h(
    'div',
    { class: 'point-grants' },
    h('h3', null, t('pointGrantsHeading', { p: point.number })),
    form,
    ...missing.map((line) => registerFromProposalForm(page, line.target as { proposalId: string })),
  );
}

/** A row of the table as what its confirmation lists. */
const lineOf = (row: Row): GrantLine => ({
  name: row.line.name,
  initiativeId: row.line.initiativeId,
  year: row.line.year,
  amount: row.amount.parsed(),
});

interface RecordAll {
  rows: Row[];
  date: Field;
  region: HTMLElement;
  all: HTMLButtonElement;
  send: (row: Row) => Promise<unknown>;
  point: number;
}

function recordAll(page: CasePage, { rows, date, region, all, send, point }: RecordAll): void {
  if (!validate([date, ...rows.map((row) => row.amount)])) return;
  void (async () => {
    if (
      !(await confirmed(region, () =>
        grantsConfirmation({ caseNumber: page.detail.caseNumber, point, lines: rows.map(lineOf), effectiveDate: date.parsed() }),
      ))
    )
      return;
    await submitting(all, region, async () => {
      let ok = 0;
      const failures: string[] = [];
      for (const row of rows) {
        try {
          await send(row);
          ok += 1;
        } catch (error: unknown) {
          failures.push(`${row.line.name}: ${problemWords(error)}`);
        }
      }
      const summary = t('recordAllResult', { ok, total: rows.length });
      if (ok === 0) {
        showResult(
          region,
          'error',
          h('p', null, h('span', { 'aria-hidden': 'true' }, '⚠ '), summary),
          h('ul', null, ...failures.map((text) => h('li', null, text))),
        );
        region.focus();
        return;
      }
      page.ctx.refresh({
        text: failures.length > 0 ? `${summary} ${failures.join(' ')}` : summary,
        kind: failures.length > 0 ? 'error' : 'success',
        anchor: `grants-form-${point}`,
      });
    });
  })();
}

function reserveFundForm(page: CasePage, point: Point, alternativeNumber: number): HTMLElement {
  const { detail } = page;
  const alternative = point.alternatives.find((item) => item.number === alternativeNumber);
  const year = point.authorises?.kind === 'reserve-fund' ? point.authorises.year : detail.year;
  const established = detail.decisions.find(
    (decision) => decision.eventType === 'ReserveFundEstablished' && decision.authority?.pointNumber === point.number,
  );
  if (established) return noticeBox(t('reserveDone', { amount: money(established.postings[0]?.amount), year }), 'success');
  if (!alternative?.amount) return noticeBox(t('reserveNoAmount', { p: point.number }));
  const nameField = field({
    label: t('reserveName'),
    name: 'name',
    required: true,
    value: `Fond etter sak ${detail.caseNumber} punkt ${point.number}`,
    lang: 'nb',
  });
  const date = effectiveDateField(decisionDate(detail));
  return commandForm(page.ctx, {
    id: 'reserve-form',
    title: t('reserveHeading'),
    intro: t('reserveIntro', { p: point.number, label: alternative.label, year }),
    parts: [nameField, date],
    submitLabel: t('reserveSubmit'),
    command: () =>
      commandRequest(
        'EstablishReserveFund',
        { year },
        {
          name: nameField.value(),
          authority: { caseNumber: detail.caseNumber, pointNumber: point.number },
          effectiveDate: date.parsed(),
        },
      ),
    confirm: async () => ({
      title: t('confirmReserveTitle'),
      summary: [
        h(
          'p',
          null,
          t('confirmReserveText', {
            name: nameField.value(),
            amount: money(alternative.amount),
            year,
            n: detail.caseNumber,
            p: point.number,
          }),
        ),
        changes([await availableChange(year, alternative.amount!)]),
      ],
      confirmLabel: t('confirmReserve'),
    }),
    done: () => ({ text: `${t('saved')} ${t('reserveDone', { amount: money(alternative.amount), year })}`, anchor: 'authorised' }),
  });
}

export function authorisedGrantsSection(page: CasePage): HTMLElement {
  const parts: Node[] = [];
  for (const { point, outcome } of adoptedPoints(page)) {
    const kind = point.authorises?.kind;
    if (
      kind === 'reserve-fund' ||
      (kind === undefined && outcome.alternativeNumber !== undefined && point.alternatives.some((item) => item.amount !== null))
    )
      parts.push(reserveFundForm(page, point, outcome.alternativeNumber ?? 0));
    else if (
      kind === 'recommendation' ||
      kind === 'allocation' ||
      (kind === undefined && page.detail.recommendation.length > 0 && point.alternatives.length === 0)
    )
      parts.push(pointGrantsForm(page, point, outcome.amendments));
  }
  parts.push(awardForm(page));
  return sectionWithId('authorised', t('recordGrantsHeading'), ...parts);
}
