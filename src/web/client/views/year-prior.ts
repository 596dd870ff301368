import { commandRequest } from '../commands.js';
import type { YearEntries } from '../api.js';
import { changes, frameNow, initiativeNow, moneyFacts, plus, type FigureChange } from '../confirm-money.js';
import { h } from '../dom.js';
import { amountField, dateField, field } from '../fields.js';
import { todayInOslo } from '../format.js';
import { formatDate } from '../../../shared/format.js';
import { commandForm, type Confirmation } from '../forms.js';
import { t } from '../i18n/index.js';
import { money, nb, sectionWithId } from '../ui.js';
import type { YearPage } from './year-parts.js';
import { citedFields, reasonField } from './decision-fields.js';

/**
 * Corrections of closed years (rettelser), recorded in the first open year: the list of
 * those recorded, and the form that records one. The form lists what every closed year
 * before holds (its receipts, grants, spending and releases); a closed year's page links
 * each of its entries here (`?corrects=` the event), chosen already. The secretariat gives
 * the figure as it should have been; the ledger works out what moves between the frame
 * (or the reserve fund) and the initiative's earmark, and shows it before recording.
 */

type Kind = 'grant' | 'receipt' | 'spending' | 'release';

interface Correctable {
  kind: Kind;
  year: number;
  eventId: string;
  label: string;
  /** The figure as it stands now. */
  amountNow: string;
  initiative: { id: string; name: string } | null;
  grant: { grantId: string; fundedBy: 'frame' | 'reserve-fund'; laterYears: number[] } | null;
}

function correctableEvents(closed: YearEntries): Correctable[] {
  const year = closed.year;
  const entry = (kind: Kind, eventId: string, word: string, who: string, amountNow: string, initiative: Correctable['initiative']) => ({
    kind,
    year,
    eventId,
    label: `${year} · ${word}${who}: ${money(amountNow)}`,
    amountNow,
    initiative,
    grant: null,
  });
  const grants = closed.grants.filter((grant) => grant.year === year);
  return [
    ...closed.receipts.map((receipt) =>
      entry('receipt', receipt.eventId, t('receiptWord'), ` ${formatDate(receipt.receivedOn)}`, receipt.amountNow, null),
    ),
    ...grants.map((grant) => ({
      ...entry('grant', grant.awardEventId, t('grantWord'), ` ${grant.initiativeName}`, grant.amountThisYear, {
        id: grant.initiativeId,
        name: grant.initiativeName,
      }),
      grant: {
        grantId: grant.grantId,
        fundedBy: grant.fundedBy,
        laterYears: grant.instalments.map((line) => line.year).filter((later) => later > year),
      },
    })),
    ...closed.spending.map((report) =>
      entry(
        'spending',
        report.eventId,
        t('spendingWord'),
        ` ${report.initiativeName} ${formatDate(report.effectiveDate)}`,
        report.amountNow,
        {
          id: report.initiativeId,
          name: report.initiativeName,
        },
      ),
    ),
    ...grants.flatMap((grant) =>
      grant.changes
        .filter((change) => change.eventType === 'FundsReleased')
        .map((change) =>
          entry('release', change.eventId, t('releaseWord'), ` ${grant.initiativeName}`, releasedAmount(change), {
            id: grant.initiativeId,
            name: grant.initiativeName,
          }),
        ),
    ),
  ];
}

/** What a release moved: its posting to the released figure. */
function releasedAmount(change: YearEntries['grants'][number]['changes'][number]): string {
  return change.postings.find((posting) => posting.figure === 'released')?.amount ?? '0.00';
}

/** What moves in the open year for a closed figure changed by `delta`: the frame (or reserve fund) and the initiative's earmark. */
function consequences(item: Correctable, delta: string): { frame: string | null; earmark: string | null } {
  const negated = delta.startsWith('-') ? delta.slice(1) : `-${delta}`;
  switch (item.kind) {
    case 'grant':
      return { frame: item.grant?.fundedBy === 'frame' ? negated : null, earmark: delta };
    case 'receipt':
      return { frame: delta, earmark: null };
    case 'spending':
      return { frame: null, earmark: negated };
    case 'release':
      return { frame: delta, earmark: negated };
  }
}

async function priorYearChanges(year: number, item: Correctable, delta: string): Promise<FigureChange[]> {
  const moved = consequences(item, delta);
  const figures: FigureChange[] = [];
  if (moved.frame !== null) {
    const frame = await frameNow(year);
    figures.push({ label: t('confirmFrameOf', { year }), before: frame.frame ?? '0.00', after: plus(frame.frame, moved.frame) });
    figures.push({
      label: t('confirmAvailableIn', { year }),
      before: frame.available ?? '0.00',
      after: plus(frame.available, moved.frame),
    });
  }
  if (moved.earmark !== null && item.initiative) {
    const now = await initiativeNow(year, item.initiative.id);
    const { name } = item.initiative;
    figures.push({
      label: t('confirmEarmarkedFor', { name, year }),
      before: now.earmarkedCarriedIn ?? '0.00',
      after: plus(now.earmarkedCarriedIn, moved.earmark),
    });
  }
  return figures;
}

/** The fields of a correction: which entry of a closed year, the figure it should have had, on whose authority or document, why, from when. */
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
  const amount = amountField({
    label: t('correctedAmountLabel'),
    name: 'amount',
    path: 'amount',
    required: true,
    hint: t('correctedAmountHint'),
  });
  const later = field({
    label: t('laterInstalmentsLabel'),
    name: 'laterInstalments',
    path: 'instalments',
    options: [
      { value: 'keep', label: t('laterInstalmentsKeep') },
      { value: 'none', label: t('laterInstalmentsNone') },
    ],
  });
  const cited = citedFields(false);
  const reference = field({ label: t('correctionReferenceLabel'), name: 'reference', path: 'reference', lang: 'nb' });
  const reason = reasonField();
  const date = dateField({ label: t('effectiveDate'), name: 'effectiveDate', date: todayInOslo() });
  const chosen = () => events.find((item) => item.eventId === event.value()) ?? null;
  return { event, amount, later, cited, reference, reason, date, chosen };
}

type PriorYearFields = ReturnType<typeof priorYearFields>;

/** An amount written as a decimal string (`1000000`, `333333.4`, `-0.01`) in øre. */
function ore(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2) || '0');
  return negative ? -value : value;
}

/** The difference between the figure asked and the figure as it stands, as a decimal string. */
function deltaOf(item: Correctable, amount: string): string {
  const difference = ore(amount) - ore(item.amountNow);
  const sign = difference < 0n ? '-' : '';
  const absolute = (difference < 0n ? -difference : difference).toString().padStart(3, '0');
  return `${sign}${absolute.slice(0, -2)}.${absolute.slice(-2)}`;
}

async function priorYearConfirmation(page: YearPage, fields: PriorYearFields): Promise<Confirmation> {
  const item = fields.chosen()!;
  const asked = fields.amount.parsed();
  return {
    title: t('confirmCorrectionTitle', { year: item.year, from: money(item.amountNow), to: money(asked), into: page.year }),
    summary: [
      moneyFacts({
        name: item.initiative?.name,
        amount: `${money(item.amountNow)} → ${money(asked)}`,
        year: item.year,
        authority: fields.cited.value(),
        effectiveDate: fields.date.parsed(),
        more: [
          [t('confirmCorrects'), nb(item.label)],
          [t('reasonLabel'), nb(fields.reason.value())],
        ],
      }),
      changes(await priorYearChanges(page.year, item, deltaOf(item, asked))),
    ],
    confirmLabel: t('priorYearSubmit'),
  };
}

/** The command a correction form sends, by what it corrects. */
function correctionCommand(page: YearPage, fields: PriorYearFields) {
  const item = fields.chosen();
  // The page asks for the citation without requiring it: where a correction needs one and none is given, the body leaves it out
  // (JSON drops an undefined field) and the server's refusal names the field.
  const cited = { authority: fields.cited.value()! };
  const common = {
    correctedYear: item?.year ?? page.year - 1,
    reason: fields.reason.value(),
    effectiveDate: fields.date.parsed(),
    ...cited,
  };
  const at = { year: page.year };
  if (item?.kind === 'grant' && item.grant) {
    const later = fields.later.value() === 'none' ? item.grant.laterYears.map((year) => ({ year, amount: '0' })) : [];
    return commandRequest('CorrectClosedGrant', at, {
      ...common,
      grantId: item.grant.grantId,
      instalments: [{ year: item.year, amount: fields.amount.parsed() }, ...later],
    });
  }
  const body = {
    ...common,
    ...(fields.reference.value() ? { reference: fields.reference.value() } : {}),
    correctsEventId: fields.event.value(),
    amount: fields.amount.parsed(),
  };
  if (item?.kind === 'spending') return commandRequest('CorrectClosedSpending', at, body);
  if (item?.kind === 'release') return commandRequest('CorrectClosedRelease', at, body);
  return commandRequest('CorrectClosedReceipt', at, body);
}

function priorYearForm(page: YearPage): HTMLFormElement {
  const fields = priorYearFields(page, page.closedBefore.flatMap(correctableEvents));
  const years = page.closedBefore.map((closed) => closed.year).join(', ');
  return commandForm(page.ctx, {
    id: 'prior-year-form',
    title: t('priorYearFormHeading', { year: years }),
    intro: t('priorYearIntro', { year: page.year, previous: years }),
    parts: [fields.event, fields.amount, fields.later, fields.cited.row, fields.reference, fields.reason, fields.date],
    submitLabel: t('priorYearSubmit'),
    command: () => correctionCommand(page, fields),
    confirm: () => priorYearConfirmation(page, fields),
    done: () => ({ text: t('correctionRecorded', { year: fields.chosen()?.year ?? page.year - 1 }), anchor: 'prior-year' }),
  });
}

/** One correction recorded here: what it corrected, from what to what, and why. */
function correctionLine(item: YearEntries['closedYearCorrections'][number]): HTMLElement {
  const changed = item.changes
    .map((change) => `${item.changes.length > 1 ? `${change.year}: ` : ''}${money(change.amountBefore)} → ${money(change.amountAfter)}`)
    .join(', ');
  const kinds = {
    grant: 'correctionKindGrant',
    receipt: 'correctionKindReceipt',
    spending: 'correctionKindSpending',
    release: 'correctionKindRelease',
  } as const;
  const what = t(kinds[item.kind], { name: item.initiativeName ?? '' });
  return h(
    'li',
    { 'data-event': item.eventId },
    `${formatDate(item.effectiveDate)}: ${t('correctionLine', { year: item.correctedYear, what, changed })} `,
    nb(item.reason),
  );
}

export function priorYearSection(page: YearPage): HTMLElement | null {
  const { entries } = page;
  // A correction of a closed year is recorded in the first open year: the year before it is closed.
  const offered = page.writable && page.previous?.closed !== null && page.previous !== null && page.closedBefore.length > 0;
  const recorded = entries.closedYearCorrections;
  if (recorded.length === 0 && entries.priorYearAdjustments.length === 0 && !offered) return null;
  return sectionWithId(
    'prior-year',
    t('priorYearHeading'),
    recorded.length === 0 ? h('p', null, t('noPriorYear')) : h('ul', { class: 'decisions' }, ...recorded.map(correctionLine)),
    offered ? priorYearForm(page) : null,
  );
}
