import type { BalanceRow, YearEntries } from '../api.js';
import { h } from '../dom.js';
import { amountField, dateField, field } from '../fields.js';
import { formatDate, isNegativeAmount, isZeroAmount, todayInOslo } from '../format.js';
import { commandForm, disclosure } from '../forms.js';
import { figureLabel, t } from '../i18n/index.js';
import { figureLink, money, nb, noticeBox, sectionWithId, table, type Ctx } from '../ui.js';
import { decisionItem } from './case-money.js';
import { initiativeNameIn, type YearPage } from './year.js';

/** An initiative's funds in a year (earmarked, released, dropped), the year's settlement with what it will carry, and corrections of a closed year. */

function initiativeRows(page: YearPage): BalanceRow[] {
  return page.balances.programmeAreas.flatMap((area) => area.initiatives);
}

function citedFields(required: boolean) {
  const caseNumber = field({
    label: t('authorityCaseLabel'),
    name: 'authorityCase',
    path: 'authority.caseNumber',
    kind: 'case-number',
    required,
  });
  const point = field({
    label: t('authorityPointNumberLabel'),
    name: 'authorityPointNumber',
    path: 'authority.pointNumber',
    kind: 'integer',
    required,
  });
  return {
    row: h('div', { class: 'field-row' }, caseNumber.wrapper, point.wrapper),
    value: () => (caseNumber.value() === '' ? undefined : { caseNumber: caseNumber.value(), pointNumber: Number(point.value()) }),
  };
}

function earmarkReleaseForm(ctx: Ctx, page: YearPage, row: BalanceRow): HTMLFormElement {
  const amount = amountField({ label: t('releaseAmountLabel'), name: 'amount', path: 'amount', required: true });
  const reason = field({ label: t('reasonLabel'), name: 'reason', path: 'reason', kind: 'textarea', required: true, lang: 'nb' });
  const cited = citedFields(false);
  const date = dateField({ label: t('effectiveDate'), name: 'effectiveDate', date: todayInOslo() });
  return commandForm(ctx, {
    id: `earmark-release-${row.id}`,
    parts: [amount, reason, h('p', { class: 'hint' }, t('releaseAuthorityHint')), cited.row, date],
    submitLabel: t('releaseSubmit'),
    command: () => {
      const authority = cited.value();
      return {
        path: `/api/years/${page.year}/initiatives/${row.id}/earmark-releases`,
        body: { amount: amount.parsed(), reason: reason.value(), ...(authority ? { authority } : {}), effectiveDate: date.parsed() },
      };
    },
    done: () => ({ text: t('fundsReleasedText', { name: row.name, amount: money(amount.parsed()) }), anchor: 'initiatives' }),
  });
}

function dropForm(ctx: Ctx, page: YearPage, row: BalanceRow): HTMLFormElement {
  const reason = field({ label: t('reasonLabel'), name: 'reason', path: 'reason', kind: 'textarea', required: true, lang: 'nb' });
  const cited = citedFields(false);
  const date = dateField({ label: t('effectiveDate'), name: 'effectiveDate', date: todayInOslo() });
  return commandForm(ctx, {
    id: `drop-${row.id}`,
    intro: t('dropIntro', { amount: money(row.figures.availableToSpend) }),
    parts: [reason, h('p', { class: 'hint' }, t('releaseAuthorityHint')), cited.row, date],
    submitLabel: t('dropSubmit'),
    command: () => {
      const authority = cited.value();
      return {
        path: `/api/years/${page.year}/initiatives/${row.id}/drop`,
        body: { reason: reason.value(), ...(authority ? { authority } : {}), effectiveDate: date.parsed() },
      };
    },
    done: () => ({ text: t('initiativeDropped', { name: row.name }), anchor: 'initiatives' }),
  });
}

const INITIATIVE_FIGURES = ['earmarkedCarriedIn', 'granted', 'committed', 'grantedFromReserve', 'released', 'spent', 'availableToSpend'];

export function initiativesSection(page: YearPage): HTMLElement {
  const { ctx, year } = page;
  const rows = initiativeRows(page).filter((row) => INITIATIVE_FIGURES.some((figure) => !isZeroAmount(row.figures[figure])));
  // Only the figures some initiative has this year, and what is available always.
  const figures = INITIATIVE_FIGURES.filter(
    (figure) => figure === 'availableToSpend' || rows.some((row) => !isZeroAmount(row.figures[figure])),
  );
  const name = (id: string) => initiativeNameIn(page, id);
  return sectionWithId(
    'initiatives',
    t('initiativesFundsHeading'),
    rows.length === 0
      ? h('p', null, t('noInitiativeFunds'))
      : table(
          t('initiativesFundsCaption', { year }),
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('initiativeColumn')),
            ...figures.map((figure) => h('th', { scope: 'col', class: 'num' }, figureLabel(figure))),
            page.writable ? h('th', { scope: 'col' }, t('actionColumn')) : null,
          ),
          rows.map((row) =>
            h(
              'tr',
              { 'data-initiative': row.id },
              h('th', { scope: 'row' }, nb(row.name)),
              ...figures.map((figure) =>
                h('td', { class: 'num' }, figureLink(ctx, { year, figure, scope: row.scope, amount: row.figures[figure], name: row.name })),
              ),
              page.writable && !isZeroAmount(row.figures.availableToSpend) && !isNegativeAmount(row.figures.availableToSpend ?? '0')
                ? h(
                    'td',
                    { class: 'row-actions' },
                    isZeroAmount(row.figures.earmarkedCarriedIn)
                      ? null
                      : disclosure(t('releaseEarmarked'), row.name, earmarkReleaseForm(ctx, page, row)),
                    disclosure(t('dropInitiative'), row.name, dropForm(ctx, page, row)),
                  )
                : page.writable
                  ? h('td')
                  : null,
            ),
          ),
          undefined,
          { id: 'initiatives-table' },
        ),
    page.entries.earmarkReleases.length > 0
      ? h('ul', { class: 'decisions' }, ...page.entries.earmarkReleases.map((decision) => decisionItem(ctx, decision, name)))
      : null,
  );
}

/** What settling the year will carry into the next, from the year's figures (the settlement's own rule: remainder, released, each initiative's unspent, the reserve fund). */
export function settlementPreview(page: YearPage) {
  const figures = page.frame.figures;
  return {
    remainder: figures.available ?? '0.00',
    released: figures.released ?? '0.00',
    earmarked: initiativeRows(page)
      .filter((row) => !isZeroAmount(row.figures.availableToSpend) && !isNegativeAmount(row.figures.availableToSpend ?? '0'))
      .map((row) => ({ id: row.id, name: row.name, amount: row.figures.availableToSpend! })),
    reserve: figures.reserveBalance ?? '0.00',
  };
}

function previewTable(page: YearPage): HTMLElement {
  const preview = settlementPreview(page);
  const next = page.year + 1;
  const row = (label: string, amount: string, into: string, key: string) =>
    h('tr', { 'data-carry': key }, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, money(amount)), h('td', null, into));
  return table(
    t('settlementPreviewCaption', { year: page.year, next }),
    h(
      'tr',
      null,
      h('th', { scope: 'col' }, t('carriedWhat')),
      h('th', { scope: 'col', class: 'num' }, t('amountColumn')),
      h('th', { scope: 'col' }, t('carriedInto')),
    ),
    [
      row(figureLabel('remainderCarriedOut'), preview.remainder, t('intoFrame', { year: next }), 'remainder'),
      row(figureLabel('releasedCarriedOut'), preview.released, t('intoFrame', { year: next }), 'released'),
      ...preview.earmarked.map((line) =>
        row(
          `${figureLabel('earmarkedCarriedOut')}: ${line.name}`,
          line.amount,
          t('earmarkedFor', { name: line.name, year: next }),
          `earmark:${line.id}`,
        ),
      ),
      row(figureLabel('reserveCarriedOut'), preview.reserve, t('intoReserve', { year: next }), 'reserve'),
    ],
    undefined,
    { id: 'settlement-preview' },
  );
}

export function settlementSection(page: YearPage): HTMLElement {
  const { entries, year } = page;
  if (entries.closed)
    return sectionWithId(
      'settlement',
      t('settlementHeading'),
      noticeBox(t('yearClosedOn', { date: formatDate(entries.closed.effectiveDate) }), 'success'),
    );
  const preview = previewTable(page);
  if (!page.writable) return sectionWithId('settlement', t('settlementHeading'), h('p', null, t('settlementIntro', { year })), preview);
  const date = dateField({
    label: t('settlementDateLabel'),
    name: 'effectiveDate',
    date: todayInOslo(),
    hint: t('settlementDateHint', { date: formatDate(`${year}-12-31`) }),
  });
  const form = commandForm(page.ctx, {
    id: 'settle-form',
    parts: [date],
    submitLabel: t('settleSubmit', { year }),
    command: () => ({ path: `/api/years/${year}/settlement`, body: { effectiveDate: date.parsed() } }),
    confirm: () => ({
      title: t('confirmSettlementTitle', { year }),
      summary: [h('p', null, t('confirmSettlementText', { year, date: formatDate(date.parsed()) })), previewTable(page)],
      confirmLabel: t('confirmSettlement', { year }),
    }),
    done: () => ({ text: t('yearSettled', { year, date: formatDate(date.parsed()) }), anchor: 'settlement' }),
  });
  return sectionWithId(
    'settlement',
    t('settlementHeading'),
    h('p', null, t('settlementIntro', { year })),
    preview,
    isNegativeAmount(settlementPreview(page).remainder) ? noticeBox(t('frameOverspent'), 'warning') : null,
    form,
  );
}

type Correctable = { eventId: string; label: string; initiativeId: string | null };

function correctableEvents(previous: YearEntries): Correctable[] {
  return [
    ...previous.receipts.map((receipt) => ({
      eventId: receipt.eventId,
      label: `${t('receiptWord')} ${formatDate(receipt.receivedOn)}: ${money(receipt.amountNow)}`,
      initiativeId: null,
    })),
    ...previous.grants
      .filter((grant) => grant.year === previous.year)
      .map((grant) => ({
        eventId: grant.awardEventId,
        label: `${t('grantWord')} ${grant.initiativeName}: ${money(grant.amountThisYear)}`,
        initiativeId: grant.initiativeId,
      })),
    ...previous.spending.map((report) => ({
      eventId: report.eventId,
      label: `${t('spendingWord')} ${report.initiativeName} ${formatDate(report.effectiveDate)}: ${money(report.amountNow)}`,
      initiativeId: report.initiativeId,
    })),
  ];
}

function priorYearForm(page: YearPage, previous: YearEntries): HTMLFormElement {
  const events = correctableEvents(previous);
  const event = field({
    label: t('correctedEventLabel', { year: previous.year }),
    name: 'correctsEventId',
    path: 'correctsEventId',
    required: true,
    options: [{ value: '', label: t('chooseEvent') }, ...events.map((item) => ({ value: item.eventId, label: item.label, lang: 'nb' }))],
  });
  const target = field({
    label: t('priorTargetLabel'),
    name: 'target',
    path: 'target',
    options: [
      { value: 'frame', label: t('priorTargetFrame', { year: page.year }) },
      { value: 'earmark', label: t('priorTargetEarmark') },
    ],
  });
  const change = amountField({
    label: t('amountChangeLabel'),
    name: 'amountChange',
    path: 'amountChange',
    signed: true,
    required: true,
    hint: t('amountChangeHint'),
  });
  const cited = citedFields(true);
  const reason = field({ label: t('reasonLabel'), name: 'reason', path: 'reason', kind: 'textarea', required: true, lang: 'nb' });
  const date = dateField({ label: t('effectiveDate'), name: 'effectiveDate', date: todayInOslo() });
  return commandForm(page.ctx, {
    id: 'prior-year-form',
    title: t('priorYearFormHeading', { year: previous.year }),
    intro: t('priorYearIntro', { year: page.year, previous: previous.year }),
    parts: [event, target, change, cited.row, reason, date],
    submitLabel: t('priorYearSubmit'),
    command: () => {
      const chosen = events.find((item) => item.eventId === event.value());
      const kind =
        target.value() === 'earmark' && chosen?.initiativeId ? { kind: 'earmark', initiativeId: chosen.initiativeId } : { kind: 'frame' };
      return {
        path: `/api/years/${page.year}/prior-year-adjustments`,
        body: {
          correctedYear: previous.year,
          correctsEventId: event.value(),
          target: kind,
          amountChange: change.parsed(),
          authority: cited.value(),
          reason: reason.value(),
          effectiveDate: date.parsed(),
        },
      };
    },
    done: () => ({
      text: t('priorYearRecorded', { year: previous.year, amount: money(change.parsed(), { signed: true }) }),
      anchor: 'prior-year',
    }),
  });
}

export function priorYearSection(page: YearPage): HTMLElement | null {
  const { entries, previous } = page;
  if (entries.priorYearAdjustments.length === 0 && !(page.writable && previous?.closed)) return null;
  return sectionWithId(
    'prior-year',
    t('priorYearHeading'),
    entries.priorYearAdjustments.length === 0
      ? h('p', null, t('noPriorYear'))
      : h(
          'ul',
          { class: 'decisions' },
          ...entries.priorYearAdjustments.map((item) =>
            h(
              'li',
              { 'data-event': item.eventId },
              `${formatDate(item.effectiveDate)}: ${t('priorYearLine', { year: item.correctedYear, amount: money(item.amountChange, { signed: true }) })} `,
              nb(item.reason),
            ),
          ),
        ),
    page.writable && previous?.closed ? priorYearForm(page, previous) : null,
  );
}
