import type { WordsOf } from './refusal-words-types.js';

/** The refusals of an opening balance (inngående balanse), in words. */
export type OpeningCode =
  | 'opening-balance-not-first'
  | 'opening-balance-after-earlier-year'
  | 'opening-total-mismatch'
  | 'opening-line-duplicated'
  | 'opening-commitment-year';

export const openingWords: WordsOf<OpeningCode> = {
  'opening-balance-not-first': {
    fields: ['year'],
    example: { year: 2025, laterYear: 2026 },
    variants: [{ year: 2025, lastEventOn: '2025-03-01' }],
    nb: (d, s) =>
      d.laterYear !== undefined
        ? `${d.laterYear} har allerede hendelser; en inngående balanse for ${d.year} må registreres før noe i ${d.laterYear}.`
        : `${d.year} har allerede hendelser${d.lastEventOn ? ` (den siste gjelder fra ${s.date(d.lastEventOn)})` : ''}; en inngående balanse er årets første pengehendelse.`,
    en: (d, s) =>
      d.laterYear !== undefined
        ? `${d.laterYear} already has events; an opening balance for ${d.year} is recorded before anything in ${d.laterYear}.`
        : `${d.year} already has events${d.lastEventOn ? ` (the last takes effect on ${s.date(d.lastEventOn)})` : ''}; an opening balance is the first money event of its year.`,
  },
  'opening-balance-after-earlier-year': {
    fields: ['year'],
    example: { year: 2025, earlierYear: 2024 },
    nb: (d) =>
      `${d.earlierYear} er allerede i registeret: det som føres over til ${d.year}, føres ved avregningen av ${d.earlierYear} (ledger settle ${d.earlierYear}), ikke som inngående balanse.`,
    en: (d) =>
      `${d.earlierYear} is already in the ledger: what carries into ${d.year} is carried by settling ${d.earlierYear} (ledger settle ${d.earlierYear}), not by an opening balance.`,
  },
  'opening-total-mismatch': {
    fields: (d) => [`totals.${d.total}`, 'totals'],
    example: { total: 'earmarks', amountStated: '8720000.00', amountOfLines: '8700000.00' },
    nb: (d, s) => `Oppgitt sum ${s.amount(d.amountStated)} er ikke summen av linjene, ${s.amount(d.amountOfLines)}.`,
    en: (d, s) => `The stated total ${s.amount(d.amountStated)} is not the sum of the lines, ${s.amount(d.amountOfLines)}.`,
  },
  'opening-line-duplicated': {
    fields: ['earmarks', 'commitments'],
    example: { initiativeId: 'vip' },
    variants: [{ initiativeId: 'vip', commitmentYear: 2026 }],
    nb: (d, s) =>
      d.commitmentYear === undefined
        ? `${s.initiative(d.initiativeId ?? '')} står på to linjer i den inngående balansen.`
        : `Forpliktelsen for ${s.initiative(d.initiativeId ?? '')} i ${d.commitmentYear} står to ganger i den inngående balansen.`,
    en: (d, s) =>
      d.commitmentYear === undefined
        ? `${s.initiative(d.initiativeId ?? '')} is on two lines of the opening balance.`
        : `The commitment to ${s.initiative(d.initiativeId ?? '')} in ${d.commitmentYear} is in the opening balance twice.`,
  },
  'opening-commitment-year': {
    fields: ['commitments'],
    example: { year: 2025, commitmentYear: 2028, lastYear: 2026 },
    nb: (d) => `En forpliktelse i den inngående balansen for ${d.year} gjelder ${d.year} eller ${d.lastYear}, ikke ${d.commitmentYear}.`,
    en: (d) => `A commitment in the opening balance for ${d.year} is on ${d.year} or ${d.lastYear}, not ${d.commitmentYear}.`,
  },
};
