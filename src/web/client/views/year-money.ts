import { commandRequest } from '../commands.js';
import type { YearEntries } from '../api.js';
import { h } from '../dom.js';
import { amountField, dateField, field } from '../fields.js';
import { todayInOslo } from '../format.js';
import { formatDate } from '../../../shared/format.js';
import { changes, frameNow, initiativeNow, minus, moneyFacts, plus, type FigureChange } from '../confirm-money.js';
import { commandForm, disclosure } from '../forms.js';
import { figureLabel, t } from '../i18n/index.js';
import { figureLink, money, nb, sectionWithId, type Ctx } from '../ui.js';
import { correctionPath } from '../closed-years.js';
import { initiativeNameIn, type YearPage } from './year-parts.js';
import { amountChangeField, initiativeField, reasonField, referenceField } from './decision-fields.js';

/** A year's receipts and spending reports, each with its corrections beside it, and the forms that record them. */

type Correction = YearEntries['receipts'][number]['corrections'][number];

function corrections(list: Correction[]): HTMLElement | null {
  if (list.length === 0) return null;
  return h(
    'ul',
    { class: 'corrections' },
    ...list.map((correction) =>
      h(
        'li',
        { 'data-event': correction.eventId },
        t('correctionLine', { date: formatDate(correction.effectiveDate), amount: money(correction.amountChange, { signed: true }) }),
        ' ',
        nb(correction.reason),
      ),
    ),
  );
}

interface CorrectionOptions {
  id: string;
  /** The correction: of a receipt or of a spending report. */
  type: 'CorrectReceipt' | 'CorrectSpending';
  eventId: string;
  date: string;
  done: string;
  anchor: string;
  year: number;
  /** What is corrected, in words (the receipt or the spending report as the page lists it). */
  corrects: string;
  /** A spending report's initiative; a receipt has none. */
  initiative?: { id: string; name: string };
}

/** What a correction changes: the year's receipts and what the frame has left, or an initiative's spending and what it has left. */
async function correctionChanges(options: CorrectionOptions, amount: string): Promise<FigureChange[]> {
  const { year, initiative } = options;
  if (!initiative) {
    const frame = await frameNow(year);
    return [
      { label: t('confirmReceivedIn', { year }), before: frame.received ?? '0.00', after: plus(frame.received, amount) },
      { label: t('confirmAvailableIn', { year }), before: frame.available ?? '0.00', after: plus(frame.available, amount) },
    ];
  }
  const figures = await initiativeNow(year, initiative.id);
  return [
    { label: t('confirmSpentBy', { name: initiative.name, year }), before: figures.spent ?? '0.00', after: plus(figures.spent, amount) },
    {
      label: t('confirmAvailableToSpend', { name: initiative.name, year }),
      before: figures.availableToSpend ?? '0.00',
      after: minus(figures.availableToSpend, amount),
    },
  ];
}

function correctionForm(ctx: Ctx, options: CorrectionOptions): HTMLFormElement {
  const change = amountChangeField();
  const reason = reasonField();
  const date = dateField({
    label: t('effectiveDate'),
    name: 'effectiveDate',
    date: todayInOslo() < options.date ? options.date : todayInOslo(),
    hint: t('correctionDateHint'),
  });
  return commandForm(ctx, {
    id: options.id,
    parts: [change, reason, date],
    submitLabel: t('correctSubmit'),
    command: () =>
      commandRequest(
        options.type,
        { year: options.year },
        { correctsEventId: options.eventId, amountChange: change.parsed(), reason: reason.value(), effectiveDate: date.parsed() },
      ),
    confirm: async () => {
      const amount = money(change.parsed(), { signed: true });
      return {
        title: options.initiative
          ? t('confirmSpendingTitle', { name: options.initiative.name, amount })
          : t('confirmReceiptTitle', { amount }),
        summary: [
          moneyFacts({
            name: options.initiative?.name,
            amount,
            year: options.year,
            effectiveDate: date.parsed(),
            more: [
              [t('confirmCorrects'), nb(options.corrects)],
              [t('reasonLabel'), nb(reason.value())],
            ],
          }),
          changes(await correctionChanges(options, change.parsed())),
        ],
        confirmLabel: t('correctSubmit'),
      };
    },
    done: () => ({ text: `${options.done} ${money(change.parsed(), { signed: true })}`, anchor: options.anchor }),
  });
}

function receiptEntry(page: YearPage, receipt: YearEntries['receipts'][number]): HTMLElement {
  const { ctx, year } = page;
  const context = `${formatDate(receipt.receivedOn)}, ${money(receipt.amount)}`;
  return h(
    'li',
    { class: 'entry-line', 'data-receipt': receipt.eventId, id: `event-${receipt.position}` },
    h('span', null, `${formatDate(receipt.receivedOn)}: `, nb(receipt.reference), ' – ', money(receipt.amount)),
    receipt.corrections.length > 0
      ? h('span', null, ` → ${t('amountNow')}: `, figureLink(ctx, { year, figure: 'received', scope: 'total', amount: receipt.amountNow }))
      : null,
    corrections(receipt.corrections),
    correctionPath(page, receipt.eventId, context),
    page.writable
      ? disclosure(
          t('correctReceipt'),
          context,
          correctionForm(ctx, {
            id: `correct-receipt-${receipt.position}`,
            type: 'CorrectReceipt',
            eventId: receipt.eventId,
            date: receipt.receivedOn,
            done: t('receiptCorrected'),
            anchor: 'receipts',
            year,
            corrects: `${formatDate(receipt.receivedOn)}: ${receipt.reference} – ${money(receipt.amountNow)}`,
          }),
        )
      : null,
  );
}

function receiptForm(page: YearPage): HTMLFormElement {
  const amount = amountField({ label: t('amountColumn'), name: 'amount', path: 'amount', required: true });
  const reference = referenceField(t('receiptReferenceHint'));
  const received = dateField({ label: t('receivedOnLabel'), name: 'receivedOn', date: todayInOslo(), hint: t('receivedOnHint') });
  return commandForm(page.ctx, {
    id: 'receipt-form',
    title: t('recordReceiptHeading'),
    parts: [h('div', { class: 'field-row' }, amount.wrapper, received.wrapper), reference],
    submitLabel: t('recordReceiptSubmit'),
    command: () =>
      commandRequest(
        'ReceiveFunds',
        { year: page.year },
        { amount: amount.parsed(), reference: reference.value(), receivedOn: received.parsed(), effectiveDate: received.parsed() },
      ),
    done: () => ({ text: t('receiptRecorded', { amount: money(amount.parsed()), year: page.year }), anchor: 'receipts' }),
  });
}

function expectedForm(page: YearPage): HTMLFormElement {
  const amount = amountField({
    label: t('expectedAmountLabel'),
    name: 'amount',
    path: 'amount',
    required: true,
    amount: page.frame.figures.expectedReceipt === '0.00' ? null : page.frame.figures.expectedReceipt,
  });
  const reason = field({ label: t('reasonOptionalLabel'), name: 'reason', path: 'reason', lang: 'nb' });
  const date = dateField({ label: t('effectiveDate'), name: 'effectiveDate', date: todayInOslo() });
  return commandForm(page.ctx, {
    id: 'expected-form',
    title: t('expectedHeading'),
    intro: t('expectedIntro'),
    parts: [amount, reason, date],
    submitLabel: t('expectedSubmit'),
    command: () =>
      commandRequest(
        'RecordExpectedReceipt',
        { year: page.year },
        { amount: amount.parsed(), ...(reason.value() === '' ? {} : { reason: reason.value() }), effectiveDate: date.parsed() },
      ),
    done: () => ({ text: t('expectedRecorded', { amount: money(amount.parsed()), year: page.year }), anchor: 'receipts' }),
  });
}

export function receiptsSection(page: YearPage): HTMLElement {
  const { ctx, entries, year } = page;
  return sectionWithId(
    'receipts',
    t('receiptsHeading'),
    h(
      'p',
      null,
      `${figureLabel('received')}: `,
      figureLink(ctx, { year, figure: 'received', scope: 'total', amount: page.frame.figures.received }),
      page.frame.figures.expectedReceipt !== '0.00'
        ? h('span', null, ` · ${figureLabel('expectedReceipt')}: `, money(page.frame.figures.expectedReceipt))
        : null,
    ),
    entries.receipts.length === 0
      ? h('p', null, t('noReceipts'))
      : h('ul', { class: 'entry-list' }, ...entries.receipts.map((receipt) => receiptEntry(page, receipt))),
    page.writable ? receiptForm(page) : null,
    page.writable && entries.receipts.length === 0 ? expectedForm(page) : null,
  );
}

function spendingEntry(page: YearPage, report: YearEntries['spending'][number]): HTMLElement {
  const { ctx, year } = page;
  const context = `${report.initiativeName}, ${formatDate(report.effectiveDate)}, ${money(report.amount)}`;
  return h(
    'li',
    { class: 'entry-line', 'data-spending': report.eventId, id: `event-${report.position}` },
    h(
      'span',
      null,
      `${formatDate(report.effectiveDate)}: `,
      nb(report.initiativeName),
      ' – ',
      nb(report.reference),
      ' – ',
      money(report.amount),
    ),
    report.corrections.length > 0 ? h('span', null, ` → ${t('amountNow')}: `, money(report.amountNow)) : null,
    corrections(report.corrections),
    correctionPath(page, report.eventId, context),
    page.writable
      ? disclosure(
          t('correctSpending'),
          context,
          correctionForm(ctx, {
            id: `correct-spending-${report.position}`,
            type: 'CorrectSpending',
            eventId: report.eventId,
            date: report.effectiveDate,
            done: t('spendingCorrected'),
            anchor: 'spending',
            year,
            corrects: `${formatDate(report.effectiveDate)}: ${report.reference} – ${money(report.amountNow)}`,
            initiative: { id: report.initiativeId, name: report.initiativeName },
          }),
        )
      : null,
  );
}

function spendingForm(page: YearPage): HTMLFormElement {
  const initiative = initiativeField(page.registry);
  const amount = amountField({ label: t('amountColumn'), name: 'amount', path: 'amount', required: true });
  const reference = referenceField(t('spendingReferenceHint'));
  const date = dateField({ label: t('effectiveDate'), name: 'effectiveDate', date: todayInOslo() });
  return commandForm(page.ctx, {
    id: 'spending-form',
    title: t('reportSpendingHeading'),
    parts: [initiative, h('div', { class: 'field-row' }, amount.wrapper, date.wrapper), reference],
    submitLabel: t('reportSpendingSubmit'),
    command: () =>
      commandRequest(
        'ReportSpending',
        { year: page.year },
        { initiativeId: initiative.value(), amount: amount.parsed(), reference: reference.value(), effectiveDate: date.parsed() },
      ),
    done: () => ({
      text: t('spendingReported', { name: initiativeNameIn(page, initiative.value()), amount: money(amount.parsed()) }),
      anchor: 'spending',
    }),
  });
}

export function spendingSection(page: YearPage): HTMLElement {
  const { ctx, entries, year } = page;
  return sectionWithId(
    'spending',
    t('spendingHeading'),
    h('p', null, `${figureLabel('spent')}: `, figureLink(ctx, { year, figure: 'spent', scope: 'total', amount: page.frame.figures.spent })),
    entries.spending.length === 0
      ? h('p', null, t('noSpending'))
      : h('ul', { class: 'entry-list' }, ...entries.spending.map((report) => spendingEntry(page, report))),
    page.writable ? spendingForm(page) : null,
  );
}
