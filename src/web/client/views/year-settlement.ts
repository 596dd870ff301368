import { commandRequest } from '../commands.js';
import type { BalanceRow } from '../api.js';
import { h } from '../dom.js';
import { earliestSettlementDate, settlementDateRefusal } from '../../../domain/settlement-date.js';
import { refusalText } from '../../../shared/refusals.js';
import { changes, initiativeNow, moneyFacts } from '../confirm-money.js';
import { amountField, dateField, type Field } from '../fields.js';
import { isNegativeAmount, isZeroAmount, todayInOslo } from '../format.js';
import { formatDate } from '../../../shared/format.js';
import { commandForm, disclosure } from '../forms.js';
import { figureLabel, lang, t } from '../i18n/index.js';
import { figureList } from '../../../../projections/figures.js';
import { figureLink, money, nb, noticeBox, sectionWithId, table, type Ctx } from '../ui.js';
import { decisionItem } from './case-money.js';
import { releaseChanges } from './grant-actions.js';
import { citedFields, reasonField } from './decision-fields.js';
import { initiativeNameIn, type YearPage } from './year-parts.js';

/** An initiative's funds in a year (earmarked, released, dropped), the year's settlement with what it will carry, and corrections of a closed year. */

function initiativeRows(page: YearPage): BalanceRow[] {
  return page.balances.programmeAreas.flatMap((area) => area.initiatives);
}

function earmarkReleaseForm(ctx: Ctx, page: YearPage, row: BalanceRow): HTMLFormElement {
  const amount = amountField({ label: t('releaseAmountLabel'), name: 'amount', path: 'amount', required: true });
  const reason = reasonField();
  const cited = citedFields(false);
  const date = dateField({ label: t('effectiveDate'), name: 'effectiveDate', date: todayInOslo() });
  return commandForm(ctx, {
    id: `earmark-release-${row.id}`,
    parts: [amount, reason, h('p', { class: 'hint' }, t('releaseAuthorityHint')), cited.row, date],
    submitLabel: t('releaseSubmit'),
    command: () => {
      const authority = cited.value();
      return commandRequest(
        'ReleaseEarmarkedFunds',
        { year: page.year, initiativeId: row.id },
        { amount: amount.parsed(), reason: reason.value(), ...(authority ? { authority } : {}), effectiveDate: date.parsed() },
      );
    },
    confirm: async () => ({
      title: t('confirmReleaseTitle', { name: row.name, amount: money(amount.parsed()) }),
      summary: [
        moneyFacts({
          name: row.name,
          amount: money(amount.parsed()),
          year: page.year,
          authority: cited.value(),
          effectiveDate: date.parsed(),
          more: [[t('reasonLabel'), nb(reason.value())]],
        }),
        changes(await releaseChanges(row.id, row.name, page.year, amount.parsed())),
      ],
      confirmLabel: t('releaseSubmit'),
    }),
    done: () => ({ text: t('fundsReleasedText', { name: row.name, amount: money(amount.parsed()) }), anchor: 'initiatives' }),
  });
}

function dropForm(ctx: Ctx, page: YearPage, row: BalanceRow): HTMLFormElement {
  const reason = reasonField();
  const cited = citedFields(false);
  const date = dateField({ label: t('effectiveDate'), name: 'effectiveDate', date: todayInOslo() });
  return commandForm(ctx, {
    id: `drop-${row.id}`,
    intro: t('dropIntro', { amount: money(row.figures.availableToSpend) }),
    parts: [reason, h('p', { class: 'hint' }, t('releaseAuthorityHint')), cited.row, date],
    submitLabel: t('dropSubmit'),
    // Dropped as of the date (nothing new for it from then on), then what it has left in the year released.
    command: () => {
      const authority = cited.value();
      return commandRequest(
        'EndInitiative',
        { initiativeId: row.id },
        { reason: reason.value(), ...(authority ? { authority } : {}), effectiveDate: date.parsed() },
      );
    },
    then: () => {
      const authority = cited.value();
      return {
        ...commandRequest(
          'DropInitiative',
          { year: page.year, initiativeId: row.id },
          { reason: reason.value(), ...(authority ? { authority } : {}), effectiveDate: date.parsed() },
        ),
        ignore: ['nothing-to-release'],
      };
    },
    confirm: async () => {
      const left = (await initiativeNow(page.year, row.id)).availableToSpend ?? '0.00';
      return {
        title: t('confirmDropTitle', { name: row.name, amount: money(left) }),
        summary: [
          h('p', null, t('confirmDropText', { name: row.name, date: formatDate(date.parsed()), year: page.year, amount: money(left) })),
          moneyFacts({
            name: row.name,
            amount: money(left),
            year: page.year,
            authority: cited.value(),
            effectiveDate: date.parsed(),
            more: [[t('reasonLabel'), nb(reason.value())]],
          }),
          changes(await releaseChanges(row.id, row.name, page.year, left)),
        ],
        confirmLabel: t('dropSubmit'),
      };
    },
    done: () => ({ text: t('initiativeDropped', { name: row.name }), anchor: 'initiatives' }),
  });
}

const INITIATIVE_FIGURES = figureList('yearInitiatives');

export function initiativesSection(page: YearPage): HTMLElement {
  const { ctx, year } = page;
  const rows = initiativeRows(page).filter((row) => INITIATIVE_FIGURES.some(({ figure }) => !isZeroAmount(row.figures[figure])));
  // Only the figures some initiative has this year, and those shown even at zero (what is available).
  const figures = INITIATIVE_FIGURES.filter(
    ({ figure, unlessZero }) => !unlessZero || rows.some((row) => !isZeroAmount(row.figures[figure])),
  ).map(({ figure }) => figure);
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
function settlementPreview(page: YearPage) {
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

function previewTable(page: YearPage, id = 'settlement-preview'): HTMLElement {
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
    { id },
  );
}

/** What the settlement rule reads of the year (src/domain/settlement-date.ts, the rule the server settles by). */
function settlementFacts(page: YearPage) {
  return { year: page.year, lastChangeOn: page.entries.lastChangeOn, previousSettledOn: page.previous?.closed?.effectiveDate ?? null };
}

/** Refuses, beside the date, a settlement date the ledger would refuse: before anything is asked or sent. */
function settlementDateAccepted(page: YearPage, date: Field): boolean {
  const refusal = settlementDateRefusal({ ...settlementFacts(page), effectiveDate: date.parsed(), today: todayInOslo() });
  if (!refusal) return true;
  date.setError(refusalText(refusal.code, refusal.details, lang()) ?? refusal.message);
  date.control.focus();
  return false;
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
    hint: t('settlementDateHint', { date: formatDate(earliestSettlementDate(settlementFacts(page))) }),
  });
  const form = commandForm(page.ctx, {
    id: 'settle-form',
    parts: [date],
    submitLabel: t('settleSubmit', { year }),
    check: () => settlementDateAccepted(page, date),
    command: () => commandRequest('SettleYear', { year }, { effectiveDate: date.parsed() }),
    confirm: () => ({
      title: t('confirmSettlementTitle', { year }),
      summary: [h('p', null, t('confirmSettlementText', { year, date: formatDate(date.parsed()) })), previewTable(page, 'confirm-preview')],
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
