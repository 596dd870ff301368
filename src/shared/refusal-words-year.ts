import type { YearCode } from '../domain/refusal-details.js';
import type { YearMoneyCode } from './refusal-words-year-money.js';
import type { WordsOf } from './refusal-words-types.js';
import { correctionWords } from './refusal-words-corrections.js';
import { openingWords } from './refusal-words-opening.js';

/** The refusals of a year's life in words: open and closed years, settlement, corrections of closed years, the ledger's bounds. */

const correctClosed = (year: number) => ({
  nb: `Et lukket år rettes i det første åpne året med en rettelse (ledger correct grant|receipt|spending|release ${year + 1} --corrected-year ${year}).`,
  en: `A closed year is corrected in the first open year by a correction (ledger correct grant|receipt|spending|release ${year + 1} --corrected-year ${year}).`,
});

export const yearWords: WordsOf<Exclude<YearCode, YearMoneyCode>> = {
  ...correctionWords,
  ...openingWords,
  'year-closed': {
    fields: ['year'],
    example: { year: 2025, closedOn: '2026-01-15' },
    variants: [
      { year: 2025, caseNumber: '22.25' },
      { year: 2026, grantId: 'g2025-vip' },
    ],
    nb: (d, s) => {
      const also = d.caseNumber
        ? `, heller ikke i sak ${d.caseNumber}`
        : d.grantId
          ? `, heller ikke et årsbeløp av ${s.grant(d.grantId)}`
          : '';
      return `${d.year} er avregnet og lukket${d.closedOn ? ` ${s.date(d.closedOn)}` : ''}; ingenting mer føres i det${also}. ${correctClosed(d.year).nb}`;
    },
    en: (d, s) => {
      const also = d.caseNumber ? `, nor in case ${d.caseNumber}` : d.grantId ? `, nor an instalment of ${s.grant(d.grantId)}` : '';
      return `${d.year} is settled and closed${d.closedOn ? ` on ${s.date(d.closedOn)}` : ''}; nothing more is recorded in it${also}. ${correctClosed(d.year).en}`;
    },
  },
  'later-year-closed': {
    fields: ['year'],
    example: { year: 2025, closedYear: 2026 },
    variants: [{ year: 2025, closedYear: 2026, caseNumber: '22.25' }],
    nb: (d) =>
      `${d.closedYear} er lukket, så ingenting mer føres i ${d.year}${d.caseNumber ? ` eller i sak ${d.caseNumber}` : ''}: årene avregnes i rekkefølge. ${correctClosed(d.year).nb}`,
    en: (d) =>
      `${d.closedYear} is closed, so nothing more is recorded in ${d.year}${d.caseNumber ? ` or in case ${d.caseNumber}` : ''}: years are settled in order. ${correctClosed(d.year).en}`,
  },
  'previous-year-open': {
    fields: ['year'],
    example: { year: 2025, previousYear: 2024 },
    nb: (d) => `${d.previousYear} må avregnes før ${d.year} (ledger settle ${d.previousYear}).`,
    en: (d) => `${d.previousYear} must be settled before ${d.year} (ledger settle ${d.previousYear}).`,
  },
  'frame-overspent': {
    fields: ['year'],
    example: { year: 2025, amountOver: '250000.00' },
    nb: (d, s) =>
      `${d.year} har tildelt ${s.amount(d.amountOver)} mer enn rammen; juster tildelinger før avregningen (ledger grant adjust).`,
    en: (d, s) =>
      `${d.year} has granted ${s.amount(d.amountOver)} more than its frame; adjust grants before settling (ledger grant adjust).`,
  },
  'effective-date-in-future': {
    fields: ['effectiveDate', 'receivedOn'],
    example: { effectiveDate: '2026-12-24', today: '2026-12-06' },
    nb: (d, s) => `Et vedtak gjelder fra en dag som er kommet; ${s.date(d.effectiveDate)} er etter i dag (${s.date(d.today)}).`,
    en: (d, s) => `A decision takes effect on a day that has come; ${s.date(d.effectiveDate)} is after today (${s.date(d.today)}).`,
  },
  'before-corrected-event': {
    fields: ['effectiveDate'],
    example: { eventId: '01JH3Q8Z1X9V4K7M2N5P6R8T0W', correctedYear: 2025, correctedOn: '2025-01-15', effectiveDate: '2025-01-10' },
    variants: [{ correctedYear: 2025, correctedOn: '2026-01-15', effectiveDate: '2026-01-10' }],
    nb: (d, s) =>
      d.eventId !== undefined
        ? `${s.event(d.eventId)} gjelder fra ${s.date(d.correctedOn)}; rettelsen kan ikke gjelde fra ${s.date(d.effectiveDate)}.`
        : `${d.correctedYear ?? ''} ble lukket ${s.date(d.correctedOn)}; korreksjonen kan ikke gjelde fra ${s.date(d.effectiveDate)}.`,
    en: (d, s) =>
      d.eventId !== undefined
        ? `${s.event(d.eventId)} took effect on ${s.date(d.correctedOn)}; its correction cannot take effect on ${s.date(d.effectiveDate)}.`
        : `${d.correctedYear ?? ''} was closed on ${s.date(d.correctedOn)}; its correction cannot take effect on ${s.date(d.effectiveDate)}.`,
  },
  'corrected-year-open': {
    fields: ['correctedYear'],
    example: { correctedYear: 2026, year: 2026 },
    nb: (d) =>
      `${d.correctedYear} er ikke et lukket år før ${d.year}; et åpent år rettes direkte (ledger funds correct, ledger spending correct, ledger grant adjust).`,
    en: (d) =>
      `${d.correctedYear} is not a closed year before ${d.year}; an open year is corrected directly (ledger funds correct, ledger spending correct, ledger grant adjust).`,
  },
  'not-first-open-year': {
    fields: ['year'],
    example: { year: 2027, firstOpenYear: 2026 },
    nb: (d) =>
      `Korreksjonen av et lukket år føres i det første åpne året, ${d.firstOpenYear}, ikke i ${d.year} (ledger correct grant|receipt|spending|release ${d.firstOpenYear}).`,
    en: (d) =>
      `A correction of a closed year is recorded in the first open year, ${d.firstOpenYear}, not in ${d.year} (ledger correct grant|receipt|spending|release ${d.firstOpenYear}).`,
  },
  'settlement-before-year-end': {
    fields: ['effectiveDate'],
    example: { year: 2025, effectiveDate: '2025-12-30', earliest: '2025-12-31' },
    nb: (d, s) => `${d.year} avregnes tidligst ${s.date(d.earliest)}, ikke ${s.date(d.effectiveDate)}.`,
    en: (d, s) => `${d.year} is settled on ${s.date(d.earliest)} or later, not on ${s.date(d.effectiveDate)}.`,
  },
  'settlement-before-last-event': {
    fields: ['effectiveDate'],
    example: { year: 2025, effectiveDate: '2025-12-31', lastEventOn: '2026-01-10' },
    nb: (d, s) =>
      `Noe i ${d.year} gjelder fra ${s.date(d.lastEventOn)}; avregningen kan dateres den dagen eller senere, ikke ${s.date(d.effectiveDate)}.`,
    en: (d, s) =>
      `Something in ${d.year} took effect on ${s.date(d.lastEventOn)}; the settlement can be dated that day or later, not ${s.date(d.effectiveDate)}.`,
  },
  'settlement-before-previous': {
    fields: ['effectiveDate'],
    example: { year: 2025, effectiveDate: '2026-01-05', previousSettledOn: '2026-01-10' },
    nb: (d, s) =>
      `${d.year - 1} ble avregnet ${s.date(d.previousSettledOn)}; ${d.year} kan ikke avregnes før det (${s.date(d.effectiveDate)}).`,
    en: (d, s) =>
      `${d.year - 1} was settled on ${s.date(d.previousSettledOn)}; ${d.year} cannot be settled before it (${s.date(d.effectiveDate)}).`,
  },
  'year-out-of-range': {
    fields: ['year', 'plan'],
    example: { year: 2101, firstYear: 2000, lastYear: 2100 },
    nb: (d) => `Registeret fører årene ${d.firstYear}–${d.lastYear}, ikke ${d.year}.`,
    en: (d) => `The ledger keeps the years ${d.firstYear}–${d.lastYear}, not ${d.year}.`,
  },
  'amount-out-of-bounds': {
    fields: ['amount', 'plan', 'amountChange'],
    example: { amount: '100000000000000.00', bound: '99999999999999.99' },
    nb: (d, s) => `Beløpet ville blitt ${s.amount(d.amount)}; registeret fører beløp opp til ${s.amount(d.bound)}.`,
    en: (d, s) => `The amount would be ${s.amount(d.amount)}; the ledger records amounts up to ${s.amount(d.bound)}.`,
  },
  'derived-event-invalid': {
    fields: [],
    example: { eventType: 'RemainderCarriedForward', issues: ['amount must be an amount in NOK'] },
    nb: () => 'Hendelsen kommandoen ville ført, er utenfor det registeret kan holde; ingenting ble lagret.',
    en: () => 'The event the command would record is out of what the ledger can hold; nothing was recorded.',
  },
};
