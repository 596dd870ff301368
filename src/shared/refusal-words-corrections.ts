import type { WordsOf } from './refusal-words-types.js';

/** The refusals of a correction of a closed year (rettelse), and of a receipt dated after it was recorded, in words. */
export type CorrectionCode =
  | 'received-in-future'
  | 'correction-unchanged'
  | 'correction-of-open-year'
  | 'correction-exceeds-remainder'
  | 'correction-exceeds-carried'
  | 'correction-needs-basis';

export const correctionWords: WordsOf<CorrectionCode> = {
  'received-in-future': {
    fields: ['receivedOn'],
    example: { receivedOn: '2030-01-15', today: '2026-12-06' },
    nb: (d, s) => `Midlene registreres ${s.date(d.today)}; de kan ikke være mottatt ${s.date(d.receivedOn)}, senere enn det.`,
    en: (d, s) =>
      `The funds are recorded on ${s.date(d.today)}; they cannot have been received on ${s.date(d.receivedOn)}, later than that.`,
  },
  'correction-unchanged': {
    fields: ['amount', 'instalments'],
    example: { amountStanding: '1000000.00' },
    nb: (d, s) => `Tallet står allerede i ${s.amount(d.amountStanding)}; rettelsen endrer ingenting.`,
    en: (d, s) => `The figure already stands at ${s.amount(d.amountStanding)}; the correction changes nothing.`,
  },
  'correction-of-open-year': {
    fields: ['instalments'],
    example: { grantId: 'g2024-samba', year: 2025 },
    nb: (d, s) =>
      `Ingen del av ${s.grant(d.grantId)} i et avsluttet år endres; delene i ${d.year} og senere endres med en planendring (ledger grant plan).`,
    en: (d, s) =>
      `No instalment of ${s.grant(d.grantId)} in a closed year changes; those of ${d.year} and later change with a plan change (ledger grant plan).`,
  },
  'correction-exceeds-remainder': {
    fields: ['instalments', 'amount'],
    example: { correctedYear: 2024, amountRemainder: '980000.00', amountAsked: '1000000.00' },
    nb: (d, s) =>
      `${d.correctedYear} førte bare ${s.amount(d.amountRemainder)} ufordelt inn i neste ramme; det kan ikke ha tildelt ${s.amount(d.amountAsked)} mer.`,
    en: (d, s) =>
      `${d.correctedYear} carried only ${s.amount(d.amountRemainder)} unallocated into the next frame; it cannot have granted ${s.amount(d.amountAsked)} more.`,
  },
  'correction-exceeds-carried': {
    fields: ['instalments', 'amount'],
    example: { initiativeId: 'samba', initiativeName: 'SAMBA', correctedYear: 2024, amountCarried: '100000.00', amountAsked: '150000.00' },
    nb: (d, s) =>
      `${d.initiativeName} førte bare ${s.amount(d.amountCarried)} ubrukt ut av ${d.correctedYear}; rettelsen kan ikke ta ${s.amount(d.amountAsked)} av det.`,
    en: (d, s) =>
      `${d.initiativeName} carried only ${s.amount(d.amountCarried)} unspent out of ${d.correctedYear}; the correction cannot take ${s.amount(d.amountAsked)} of it.`,
  },
  'correction-needs-basis': {
    fields: ['authority', 'reference'],
    example: {},
    nb: () =>
      'En rettelse av et avsluttet år viser til vedtakspunktet som gir hjemmel (--authority), eller til dokumentet som viser riktig tall (--reference).',
    en: () =>
      'A correction of a closed year cites the resolution point that allows it (--authority), or the document that shows the right figure (--reference).',
  },
};
