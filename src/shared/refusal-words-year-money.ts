import type { DetailsOf, YearCode } from '../domain/refusal-details.js';
import type { Say } from './refusal-say.js';
import type { WordsOf } from './refusal-words-types.js';

/** The refusals of a year's money in words: the frame, grants and their plans, releases, spending, the reserve fund, receipts. */

export type YearMoneyCode = Extract<
  YearCode,
  | 'frame-exceeded'
  | 'grant-exists'
  | 'unknown-grant'
  | 'instalments-do-not-add-up'
  | 'invalid-instalment-years'
  | 'instalment-not-positive'
  | 'adjustment-below-used'
  | 'release-exceeds-unspent'
  | 'spending-exceeds-available'
  | 'correction-below-zero'
  | 'unknown-corrected-event'
  | 'reserve-draw-single-year'
  | 'reserve-fund-exceeded'
  | 'nothing-to-release'
  | 'plan-unchanged'
  | 'plan-year-not-in-plan'
  | 'receipt-below-commitments'
  | 'expectation-unchanged'
  | 'before-grant'
>;

const asked = ['plan.amount', 'plan.amountTotal', 'plan', 'amountChange', 'instalments', 'amount', 'authority'];

function frameExceeded(d: DetailsOf<'frame-exceeded'>, s: Say): string {
  const nb = s.lang === 'nb';
  const parts = nb
    ? [
        `ramme ${s.amount(d.frame)}`,
        `tildelt ${s.amount(d.granted)}`,
        `forpliktet ${s.amount(d.committed)}`,
        `fond ${s.amount(d.reserved)}`,
      ]
    : [
        `frame ${s.amount(d.frame)}`,
        `granted ${s.amount(d.granted)}`,
        `committed ${s.amount(d.committed)}`,
        `reserve fund ${s.amount(d.reserved)}`,
      ];
  if (d.expectedReceipt !== undefined) parts.push(`${nb ? 'forventet tilskudd' : 'expected receipt'} ${s.amount(d.expectedReceipt)}`);
  return nb
    ? `${s.amount(d.amountAsked)} er mer enn rammen for ${d.year} har igjen per ${s.date(d.asOf)}: ${s.amount(d.amountLeft)} (${parts.join(', ')}).`
    : `${s.amount(d.amountAsked)} is more than the ${d.year} frame has left on ${s.date(d.asOf)}: ${s.amount(d.amountLeft)} (${parts.join(', ')}).`;
}

function releaseExceeds(d: DetailsOf<'release-exceeds-unspent'>, s: Say): string {
  const nb = s.lang === 'nb';
  if (d.grantId !== undefined)
    return nb
      ? `Bare ${s.amount(d.amountUnspent)} av ${s.grant(d.grantId)} er ubrukt i ${d.year}; ${s.amount(d.amountAsked)} kan ikke frigjøres.`
      : `Only ${s.amount(d.amountUnspent)} of ${s.grant(d.grantId)} is unspent in ${d.year}; ${s.amount(d.amountAsked)} cannot be released.`;
  const on = d.asOf === undefined ? '' : ` ${nb ? 'per' : 'on'} ${s.date(d.asOf)}`;
  const whose = s.initiative(d.initiativeId ?? '');
  return nb
    ? `Bare ${s.amount(d.amountUnspent)} av de øremerkede midlene til ${whose} er ubrukt i ${d.year}${on}; ${s.amount(d.amountAsked)} kan ikke frigjøres.`
    : `Only ${s.amount(d.amountUnspent)} of the earmarked funds of ${whose} is unspent in ${d.year}${on}; ${s.amount(d.amountAsked)} cannot be released.`;
}

const correctedKinds: Record<DetailsOf<'unknown-corrected-event'>['expected'], { nb: string; en: string }> = {
  receipt: { nb: 'et mottak', en: 'a receipt' },
  'spending-report': { nb: 'en forbruksrapport', en: 'a spending report' },
  'receipt-or-grant': { nb: 'et mottak eller en tildeling', en: 'a receipt or a grant' },
  'spending-or-grant': { nb: 'en forbruksrapport eller tildeling til', en: 'a spending report or grant of' },
  release: { nb: 'en frigjøring', en: 'a release' },
};

export const yearMoneyWords: WordsOf<YearMoneyCode> = {
  'frame-exceeded': {
    fields: asked,
    example: {
      year: 2025,
      amountAsked: '750000.01',
      amountLeft: '750000.00',
      asOf: '2025-09-18',
      frame: '12595000.00',
      granted: '11345000.00',
      committed: '0.00',
      reserved: '500000.00',
    },
    variants: [
      {
        year: 2027,
        amountAsked: '1000000.00',
        amountLeft: '200000.00',
        asOf: '2026-03-01',
        frame: '0.00',
        granted: '0.00',
        committed: '800000.00',
        reserved: '0.00',
        expectedReceipt: '1000000.00',
      },
    ],
    nb: frameExceeded,
    en: frameExceeded,
  },
  'grant-exists': {
    fields: ['grantId'],
    example: { grantId: 'g2025-vip' },
    nb: (d, s) => `Id-en ${s.quoted(d.grantId)} er allerede brukt av ${s.grant(d.grantId)}; velg en annen, eller la registeret lage en.`,
    en: (d, s) => `The id ${s.quoted(d.grantId)} is already used by ${s.grant(d.grantId)}; choose another, or let the ledger make one.`,
  },
  'unknown-grant': {
    fields: ['grantId', 'year'],
    example: { grantId: 'g2025-vip', year: 2027 },
    nb: (d, s) => `${s.grant(d.grantId)} har ikke noe årsbeløp i ${d.year}.`,
    en: (d, s) => `${s.grant(d.grantId)} has no instalment in ${d.year}.`,
  },
  'instalments-do-not-add-up': {
    fields: ['plan.instalments', 'plan.amountTotal', 'plan'],
    example: { amountTotal: '1000000.00', instalmentSum: '999999.99' },
    nb: (d, s) => `Årsbeløpene blir til sammen ${s.amount(d.instalmentSum)}, ikke totalen ${s.amount(d.amountTotal)}.`,
    en: (d, s) => `The instalments add up to ${s.amount(d.instalmentSum)}, not the total ${s.amount(d.amountTotal)}.`,
  },
  'invalid-instalment-years': {
    fields: ['plan.instalments', 'instalments', 'plan'],
    example: { years: [2025, 2027], year: 2025 },
    variants: [{ years: [2026, 2026] }],
    nb: (d, s) =>
      `Årene i planen (${s.list(d.years)}) må følge etter hverandre${d.year === undefined ? '' : ` fra ${d.year}`}, uten at noe år står to ganger.`,
    en: (d, s) =>
      `The years of the plan (${s.list(d.years)}) must follow each other${d.year === undefined ? '' : ` from ${d.year}`}, none twice.`,
  },
  'instalment-not-positive': {
    fields: ['plan.instalments', 'plan'],
    example: { year: 2026, amount: '0.00' },
    nb: (d, s) => `Beløpet for ${d.year} er ${s.amount(d.amount)}; hvert årsbeløp må være mer enn null.`,
    en: (d, s) => `The ${d.year} instalment is ${s.amount(d.amount)}; every instalment must be more than zero.`,
  },
  'adjustment-below-used': {
    fields: ['amountChange', 'instalments'],
    example: { year: 2025, grantId: 'g2025-vip', amountLowerable: '250000.00' },
    variants: [{ year: 2026, initiativeId: 'vip', amountLeft: '100000.00', asOf: '2026-02-01' }],
    nb: (d, s) =>
      d.grantId !== undefined
        ? `${s.grant(d.grantId)} kan senkes med høyst ${s.amount(d.amountLowerable ?? '0')} i ${d.year}; resten er frigjort eller brukt.`
        : `${s.initiative(d.initiativeId ?? '')} har ${s.amount(d.amountLeft ?? '0')} igjen i ${d.year} per ${s.date(d.asOf ?? '')}; mer kan ikke trekkes fra.`,
    en: (d, s) =>
      d.grantId !== undefined
        ? `${s.grant(d.grantId)} can be lowered by at most ${s.amount(d.amountLowerable ?? '0')} in ${d.year}; the rest is released or spent.`
        : `${s.initiative(d.initiativeId ?? '')} has ${s.amount(d.amountLeft ?? '0')} left in ${d.year} on ${s.date(d.asOf ?? '')}; no more can be taken off.`,
  },
  'release-exceeds-unspent': {
    fields: ['amount'],
    example: { year: 2025, grantId: 'g2025-vip', amountUnspent: '1200000.00', amountAsked: '1500000.00' },
    variants: [
      {
        year: 2025,
        initiativeId: 'vip',
        amountEarmarked: '500000.00',
        amountUnspent: '300000.00',
        amountAsked: '400000.00',
        asOf: '2025-06-01',
      },
    ],
    nb: releaseExceeds,
    en: releaseExceeds,
  },
  'spending-exceeds-available': {
    fields: ['amount', 'amountChange'],
    example: { initiativeId: 'vip', year: 2025, amountAvailable: '1500000.00', amountAsked: '1500000.50', asOf: '2025-10-01' },
    nb: (d, s) =>
      `${s.initiative(d.initiativeId)} har ${s.amount(d.amountAvailable)} disponibelt i ${d.year} per ${s.date(d.asOf)}; ${s.amount(d.amountAsked)} kan ikke føres som forbruk.`,
    en: (d, s) =>
      `${s.initiative(d.initiativeId)} has ${s.amount(d.amountAvailable)} available in ${d.year} on ${s.date(d.asOf)}; ${s.amount(d.amountAsked)} cannot be reported spent.`,
  },
  'correction-below-zero': {
    fields: ['amountChange'],
    example: { amountReceived: '10615000.00', amountChange: '-10700000.00' },
    variants: [{ amountReported: '20000.00', amountChange: '-25000.00' }],
    nb: (d, s) =>
      d.amountReceived !== undefined
        ? `Mottaket ville blitt mindre enn null: det står i ${s.amount(d.amountReceived)}, og endringen er ${s.amount(d.amountChange)}.`
        : `Forbruket ville blitt mindre enn null: det står i ${s.amount(d.amountReported ?? '0')}, og endringen er ${s.amount(d.amountChange)}.`,
    en: (d, s) =>
      d.amountReceived !== undefined
        ? `The receipt would fall below zero: it stands at ${s.amount(d.amountReceived)}, and the change is ${s.amount(d.amountChange)}.`
        : `The spending would fall below zero: it stands at ${s.amount(d.amountReported ?? '0')}, and the change is ${s.amount(d.amountChange)}.`,
  },
  'unknown-corrected-event': {
    fields: ['correctsEventId'],
    example: { eventId: '01JH3Q8Z1X9V4K7M2N5P6R8T0W', year: 2024, expected: 'receipt' },
    variants: [{ eventId: '01JH3Q8Z1X9V4K7M2N5P6R8T0W', year: 2025, expected: 'spending-or-grant', initiativeId: 'vip' }],
    nb: (d, s) =>
      `${s.event(d.eventId)} er ikke ${correctedKinds[d.expected].nb}${d.initiativeId === undefined ? '' : ` ${s.initiative(d.initiativeId)}`} i ${d.year}; se hendelsene (ledger trail ${d.year}).`,
    en: (d, s) =>
      `${s.event(d.eventId)} is not ${correctedKinds[d.expected].en}${d.initiativeId === undefined ? '' : ` ${s.initiative(d.initiativeId)}`} in ${d.year}; see the year's events (ledger trail ${d.year}).`,
  },
  'reserve-draw-single-year': {
    fields: ['plan'],
    example: { years: [2025, 2026] },
    nb: (d, s) => `En tildeling fra fondet utbetales i ett år, ikke i ${s.list(d.years)}.`,
    en: (d, s) => `A grant drawn from the reserve fund is paid in one year, not in ${s.list(d.years)}.`,
  },
  'reserve-fund-exceeded': {
    fields: ['plan.amount', 'plan', 'amountChange'],
    example: { year: 2025, amountLeft: '500000.00', asOf: '2025-11-01', amountAsked: '600000.00' },
    variants: [{ year: 2025, amountLeft: '100000.00', asOf: '2025-11-01' }],
    nb: (d, s) =>
      `Fondet for ${d.year} har ${s.amount(d.amountLeft)} per ${s.date(d.asOf)}${d.amountAsked === undefined ? '' : `; ${s.amount(d.amountAsked)} kan ikke trekkes`}.`,
    en: (d, s) =>
      `The ${d.year} reserve fund has ${s.amount(d.amountLeft)} on ${s.date(d.asOf)}${d.amountAsked === undefined ? '' : `; ${s.amount(d.amountAsked)} cannot be drawn`}.`,
  },
  'nothing-to-release': {
    fields: ['initiativeId'],
    example: { initiativeId: 'vip', year: 2025 },
    nb: (d, s) => `${s.initiative(d.initiativeId)} har ikke noe ubrukt i ${d.year} å frigjøre.`,
    en: (d, s) => `${s.initiative(d.initiativeId)} has nothing unspent in ${d.year} to release.`,
  },
  'plan-unchanged': {
    fields: ['instalments'],
    example: { grantId: 'g2025-vip' },
    nb: (d, s) => `${s.grant(d.grantId)} har allerede disse årsbeløpene.`,
    en: (d, s) => `${s.grant(d.grantId)} already has these instalments.`,
  },
  'plan-year-not-in-plan': {
    fields: ['instalments'],
    example: { grantId: 'g2025-vip', year: 2028 },
    nb: (d, s) => `${s.grant(d.grantId)} har ikke noe årsbeløp i ${d.year}; en planendring flytter penger mellom årene planen har.`,
    en: (d, s) => `${s.grant(d.grantId)} has no instalment in ${d.year}; a plan change moves money between the years the plan has.`,
  },
  'receipt-below-commitments': {
    fields: ['amount', 'amountChange'],
    example: { year: 2026, amountShort: '200000.00', asOf: '2026-02-01', frame: '800000.00' },
    nb: (d, s) =>
      `Dette ville latt vedtakene for ${d.year} mangle ${s.amount(d.amountShort)} per ${s.date(d.asOf)} (ramme ${s.amount(d.frame)}); endre tildelingsplanene først (ledger grant plan).`,
    en: (d, s) =>
      `This would leave the ${d.year} decisions ${s.amount(d.amountShort)} short on ${s.date(d.asOf)} (frame ${s.amount(d.frame)}); change the grant plans first (ledger grant plan).`,
  },
  'expectation-unchanged': {
    fields: ['amount'],
    example: { year: 2026, amount: '10000000.00' },
    nb: (d, s) => `${s.amount(d.amount)} er allerede forventet for ${d.year}.`,
    en: (d, s) => `${s.amount(d.amount)} is already expected for ${d.year}.`,
  },
  'before-grant': {
    fields: ['effectiveDate'],
    example: { grantId: 'g2025-vip', awardedOn: '2025-09-18', effectiveDate: '2025-09-01' },
    nb: (d, s) => `${s.grant(d.grantId)} ble gitt ${s.date(d.awardedOn)}; dette kan ikke gjelde fra ${s.date(d.effectiveDate)}.`,
    en: (d, s) => `${s.grant(d.grantId)} was awarded on ${s.date(d.awardedOn)}; this cannot take effect on ${s.date(d.effectiveDate)}.`,
  },
};
