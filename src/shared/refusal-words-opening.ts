import type { RefusalWords } from './refusal-types.js';

/** The refusals of the organisation and of an opening balance, in words (see refusal-words-case.ts for the form). */
export const openingRefusals = {
  'organisation-unchanged': {
    fields: ['name'],
    nb: ['Organisasjonen er allerede registrert slik ({name}).'],
    en: ['The organisation is already recorded so ({name}).'],
  },
  'opening-balance-not-first': {
    fields: ['year'],
    nb: [
      '{laterYear} har allerede hendelser; en inngående balanse for {year} må registreres før noe i {laterYear}.',
      '{year} har allerede hendelser (den siste virker fra {lastEventOn}); en inngående balanse er årets første pengehendelse.',
    ],
    en: [
      '{laterYear} already has events; an opening balance for {year} is recorded before anything in {laterYear}.',
      '{year} already has events (the last takes effect {lastEventOn}); an opening balance is the first money event of its year.',
    ],
  },
  'opening-balance-after-earlier-year': {
    fields: ['year'],
    nb: [
      '{earlierYear} er allerede i registeret: det som føres over til {year}, føres ved avregningen av {earlierYear}, ikke som inngående balanse.',
    ],
    en: [
      '{earlierYear} is already in the ledger: what carries into {year} is carried by settling {earlierYear}, not by an opening balance.',
    ],
  },
  'opening-total-mismatch': {
    fields: ['totals.{total}', 'totals'],
    nb: ['Oppgitt sum {amountStated} er ikke summen av linjene, {amountOfLines}.'],
    en: ['The stated total {amountStated} is not the sum of the lines, {amountOfLines}.'],
  },
  'opening-line-duplicated': {
    fields: ['earmarks', 'commitments'],
    nb: ['{initiativeId} står på to linjer i den inngående balansen.', 'Forpliktelsen {grantId} står to ganger i den inngående balansen.'],
    en: ['{initiativeId} is on two lines of the opening balance.', 'Commitment {grantId} is in the opening balance twice.'],
  },
  'opening-commitment-year': {
    fields: ['commitments'],
    nb: ['En forpliktelse i inngående balanse for {year} gjelder {year} eller {lastYear}, ikke {commitmentYear}.'],
    en: ['A commitment in the opening balance for {year} is on {year} or {lastYear}, not {commitmentYear}.'],
  },
} satisfies Record<string, RefusalWords>;
