import type { AuthorityCode, DetailsOf } from '../domain/refusal-details.js';
import type { Say } from './refusal-say.js';
import type { WordsOf } from './refusal-words-types.js';

/** The refusals of what a resolution's point authorises, in words: grants within it, the reserve fund it sets up. */

const authorisesWords: Record<string, { nb: string; en: string }> = {
  none: { nb: 'ingenting', en: 'nothing' },
  recommendation: { nb: 'anbefalingen', en: 'the recommendation' },
  allocation: { nb: 'en tabell over tildelinger', en: 'a table of grants' },
  'reserve-fund': { nb: 'et fond', en: 'a reserve fund' },
};

function authorityExceeded(d: DetailsOf<'authority-exceeded'>, s: Say): string {
  const nb = s.lang === 'nb';
  const point = s.point(d.caseNumber, d.pointNumber);
  const to = s.initiative(d.initiativeId);
  if (/^0(\.0+)?$/.test(d.amountAuthorised))
    return nb
      ? `${point} gir ikke hjemmel for noe til ${to} i ${d.year}, så ${s.amount(d.amountAsked)} kan ikke tildeles under det.`
      : `${point} authorises nothing for ${to} in ${d.year}, so ${s.amount(d.amountAsked)} cannot be granted under it.`;
  const authorised = nb
    ? `${point} gir hjemmel for ${s.amount(d.amountAuthorised)} til ${to} i ${d.year}`
    : `${point} authorises ${s.amount(d.amountAuthorised)} for ${to} in ${d.year}`;
  if (/^0(\.0+)?$/.test(d.amountGranted))
    return nb
      ? `${authorised}; ${s.amount(d.amountAsked)} er mer enn det.`
      : `${authorised}; ${s.amount(d.amountAsked)} is more than that.`;
  return nb
    ? `${authorised}; ${s.amount(d.amountGranted)} er allerede tildelt, så ${s.amount(d.amountLeft)} er igjen og ${s.amount(d.amountAsked)} kan ikke tildeles.`
    : `${authorised}; ${s.amount(d.amountGranted)} is already granted, so ${s.amount(d.amountLeft)} is left and ${s.amount(d.amountAsked)} cannot be granted.`;
}

const cited = ['authority.pointNumber', 'authority'];

export const authorityWords: WordsOf<AuthorityCode> = {
  'point-authorises-no-grants': {
    fields: cited,
    example: { caseNumber: '22.25', pointNumber: 4 },
    nb: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} gir ikke hjemmel for penger.`,
    en: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} authorises no money.`,
  },
  'point-authorises-reserve-fund-only': {
    fields: cited,
    example: { caseNumber: '22.25', pointNumber: 2 },
    nb: (d, s) =>
      `${s.point(d.caseNumber, d.pointNumber)} gir hjemmel for et fond, ikke for tildelinger; etabler fondet (ledger reserve-fund establish) og vis til et punkt som gir hjemmel for å trekke på det.`,
    en: (d, s) =>
      `${s.point(d.caseNumber, d.pointNumber)} authorises a reserve fund, not grants; establish the fund (ledger reserve-fund establish) and cite a point that authorises drawing on it.`,
  },
  'point-authorises-no-reserve-fund': {
    fields: cited,
    example: { caseNumber: '22.25', pointNumber: 1, authorises: 'recommendation' },
    nb: (d, s) =>
      `${s.point(d.caseNumber, d.pointNumber)} setter ikke av noe fond; det gir hjemmel for ${authorisesWords[d.authorises]?.nb ?? d.authorises}.`,
    en: (d, s) =>
      `${s.point(d.caseNumber, d.pointNumber)} sets up no reserve fund; it authorises ${authorisesWords[d.authorises]?.en ?? d.authorises}.`,
  },
  'authority-exceeded': {
    fields: ['plan.amount', 'plan.amountTotal', 'plan', 'amountChange', 'instalments', 'amount'],
    example: {
      caseNumber: '22.25',
      pointNumber: 1,
      initiativeId: 'vip',
      year: 2025,
      amountAuthorised: '3000000.00',
      amountGranted: '3000000.00',
      amountLeft: '0.00',
      amountAsked: '750000.01',
    },
    variants: [
      {
        caseNumber: '22.25',
        pointNumber: 1,
        initiativeId: 'samba',
        year: 2026,
        amountAuthorised: '0.00',
        amountGranted: '0.00',
        amountLeft: '0.00',
        amountAsked: '500000.00',
      },
      {
        caseNumber: '22.25',
        pointNumber: 1,
        initiativeId: 'vip',
        year: 2025,
        amountAuthorised: '3000000.00',
        amountGranted: '0.00',
        amountLeft: '3000000.00',
        amountAsked: '3500000.00',
      },
    ],
    nb: authorityExceeded,
    en: authorityExceeded,
  },
  'alternative-not-chosen': {
    fields: cited,
    example: { caseNumber: '22.25', pointNumber: 2 },
    nb: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} valgte ikke noe alternativ med beløp.`,
    en: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} chose no alternative with an amount.`,
  },
  'alternative-has-no-amount': {
    fields: cited,
    example: { caseNumber: '22.25', pointNumber: 2, alternativeNumber: 3 },
    nb: (d, s) => `Alternativ ${d.alternativeNumber}, som ble valgt på ${s.point(d.caseNumber, d.pointNumber)}, setter ikke av penger.`,
    en: (d, s) => `Alternative ${d.alternativeNumber}, chosen on ${s.point(d.caseNumber, d.pointNumber)}, sets no money aside.`,
  },
  'reserve-fund-exists': {
    fields: ['authority'],
    example: { caseNumber: '22.25', pointNumber: 2 },
    nb: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} har allerede etablert sitt fond.`,
    en: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} already established its reserve fund.`,
  },
  'reserve-fund-year-mismatch': {
    fields: ['year', 'authority'],
    example: { caseNumber: '22.25', pointNumber: 2, year: 2025, yearAsked: 2026 },
    nb: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} setter av fond i ${d.year}, ikke i ${d.yearAsked}.`,
    en: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} sets up a reserve fund in ${d.year}, not in ${d.yearAsked}.`,
  },
};
