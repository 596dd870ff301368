import type { YearEntries } from '../api.js';
import { changes, frameNow, initiativeNow, moneyFacts, plus, type FigureChange } from '../confirm-money.js';
import { h } from '../dom.js';
import { amountField, dateField, field } from '../fields.js';
import { formatDate, todayInOslo } from '../format.js';
import { commandForm, type Confirmation } from '../forms.js';
import { t } from '../i18n/index.js';
import { money, nb, sectionWithId } from '../ui.js';
import type { YearPage } from './year.js';
import { citedFields } from './year-settlement.js';

/**
 * Corrections of closed years (korreksjon av tidligere år), recorded in the first open
 * year: the list of those recorded, and the form that records one. The form lists what
 * every closed year before holds (its receipts, its grants, its spending); a closed
 * year's page links each of its entries here (`?corrects=` the event), chosen already.
 */

interface Correctable {
  year: number;
  eventId: string;
  label: string;
  initiative: { id: string; name: string } | null;
}

function correctableEvents(closed: YearEntries): Correctable[] {
  const year = closed.year;
  return [
    ...closed.receipts.map((receipt) => ({
      year,
      eventId: receipt.eventId,
      label: `${year} · ${t('receiptWord')} ${formatDate(receipt.receivedOn)}: ${money(receipt.amountNow)}`,
      initiative: null,
    })),
    ...closed.grants
      .filter((grant) => grant.year === year)
      .map((grant) => ({
        year,
        eventId: grant.awardEventId,
        label: `${year} · ${t('grantWord')} ${grant.initiativeName}: ${money(grant.amountThisYear)}`,
        initiative: { id: grant.initiativeId, name: grant.initiativeName },
      })),
    ...closed.spending.map((report) => ({
      year,
      eventId: report.eventId,
      label: `${year} · ${t('spendingWord')} ${report.initiativeName} ${formatDate(report.effectiveDate)}: ${money(report.amountNow)}`,
      initiative: { id: report.initiativeId, name: report.initiativeName },
    })),
  ];
}

/** What the correction changes in the open year: its frame and what it has left, or an initiative's earmarked funds and what it may spend. */
async function priorYearChanges(year: number, initiative: Correctable['initiative'], amount: string): Promise<FigureChange[]> {
  if (!initiative) {
    const frame = await frameNow(year);
    return [
      { label: t('confirmFrameOf', { year }), before: frame.frame ?? '0.00', after: plus(frame.frame, amount) },
      { label: t('confirmAvailableIn', { year }), before: frame.available ?? '0.00', after: plus(frame.available, amount) },
    ];
  }
  const figures = await initiativeNow(year, initiative.id);
  const { name } = initiative;
  return [
    {
      label: t('confirmEarmarkedFor', { name, year }),
      before: figures.earmarkedCarriedIn ?? '0.00',
      after: plus(figures.earmarkedCarriedIn, amount),
    },
    {
      label: t('confirmAvailableToSpend', { name, year }),
      before: figures.availableToSpend ?? '0.00',
      after: plus(figures.availableToSpend, amount),
    },
  ];
}

/** The fields of a correction: which entry of a closed year, what it changes here, by how much, on whose authority, why, from when. */
function priorYearFields(page: YearPage, events: Correctable[]) {
  const asked = page.ctx.url.searchParams.get('corrects');
  const event = field({
    label: t('correctedEventLabel', { year: page.closedBefore.map((closed) => closed.year).join(', ') }),
    name: 'correctsEventId',
    path: 'correctsEventId',
    required: true,
    options: [{ value: '', label: t('chooseEvent') }, ...events.map((item) => ({ value: item.eventId, label: item.label, lang: 'nb' }))],
    ...(asked && events.some((item) => item.eventId === asked) ? { value: asked } : {}),
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
  const chosen = () => events.find((item) => item.eventId === event.value());
  const earmark = () => (target.value() === 'earmark' ? (chosen()?.initiative ?? null) : null);
  return { event, target, change, cited, reason, date, chosen, earmark, corrected: () => chosen()?.year ?? page.year - 1 };
}

type PriorYearFields = ReturnType<typeof priorYearFields>;

async function priorYearConfirmation(page: YearPage, fields: PriorYearFields): Promise<Confirmation> {
  const { change, cited, reason, date, chosen, earmark } = fields;
  const amount = money(change.parsed(), { signed: true });
  return {
    title: t('confirmPriorYearTitle', { year: fields.corrected(), amount, into: page.year }),
    summary: [
      moneyFacts({
        name: earmark()?.name,
        amount,
        year: page.year,
        authority: cited.value(),
        effectiveDate: date.parsed(),
        more: [
          [t('confirmCorrects'), nb(chosen()?.label ?? '')],
          [t('priorTargetLabel'), earmark() ? t('priorTargetEarmark') : t('priorTargetFrame', { year: page.year })],
          [t('reasonLabel'), nb(reason.value())],
        ],
      }),
      changes(await priorYearChanges(page.year, earmark(), change.parsed())),
    ],
    confirmLabel: t('priorYearSubmit'),
  };
}

function priorYearForm(page: YearPage): HTMLFormElement {
  const fields = priorYearFields(page, page.closedBefore.flatMap(correctableEvents));
  const { event, target, change, cited, reason, date, earmark } = fields;
  const years = page.closedBefore.map((closed) => closed.year).join(', ');
  return commandForm(page.ctx, {
    id: 'prior-year-form',
    title: t('priorYearFormHeading', { year: years }),
    intro: t('priorYearIntro', { year: page.year, previous: years }),
    parts: [event, target, change, cited.row, reason, date],
    submitLabel: t('priorYearSubmit'),
    command: () => {
      const into = earmark();
      return {
        path: `/api/years/${page.year}/prior-year-adjustments`,
        body: {
          correctedYear: fields.corrected(),
          correctsEventId: event.value(),
          target: into ? { kind: 'earmark', initiativeId: into.id } : { kind: 'frame' },
          amountChange: change.parsed(),
          authority: cited.value(),
          reason: reason.value(),
          effectiveDate: date.parsed(),
        },
      };
    },
    confirm: () => priorYearConfirmation(page, fields),
    done: () => ({
      text: t('priorYearRecorded', { year: fields.corrected(), amount: money(change.parsed(), { signed: true }) }),
      anchor: 'prior-year',
    }),
  });
}

export function priorYearSection(page: YearPage): HTMLElement | null {
  const { entries } = page;
  // A correction of a closed year is recorded in the first open year: the year before it is closed.
  const offered = page.writable && page.previous?.closed !== null && page.previous !== null && page.closedBefore.length > 0;
  if (entries.priorYearAdjustments.length === 0 && !offered) return null;
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
    offered ? priorYearForm(page) : null,
  );
}
