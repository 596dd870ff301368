/** What the page says where a closed year takes nothing more, and the way forward instead: [bokmål, English]. */
export const closedStrings = {
  correctInLater: ['Rett i {year} (korreksjon av tidligere år)', 'Correct in {year} (prior-year adjustment)'],
  yearShutByLater: ['{later} er lukket, så ingenting mer føres i {year}.', '{later} is closed, so nothing more is recorded in {year}.'],
  yearClosedCorrectIn: [
    '{year} er avregnet og lukket; ingenting mer føres i det. En feil i {year} rettes som korreksjon av tidligere år i {later}, det første åpne året.',
    '{year} is settled and closed; nothing more is recorded in it. An error in {year} is corrected as a prior-year adjustment in {later}, the first open year.',
  ],
  goToCorrections: ['Til korreksjonene i {year}', 'To the corrections in {year}'],
  caseYearClosed: [
    '{year} er avregnet og lukket, så ingenting mer kan foreslås, stemmes over eller vedtas i sak {n}.',
    '{year} is settled and closed, so nothing more can be proposed, voted on or decided in case {n}.',
  ],
  caseLaterYearClosed: [
    '{later} er avregnet og lukket, så ingenting mer kan foreslås, stemmes over eller vedtas i sak {n} fra {year}.',
    '{later} is settled and closed, so nothing more can be proposed, voted on or decided in case {n} of {year}.',
  ],
  caseCorrectionPath: [
    'En feil i pengene for {year} rettes som korreksjon av tidligere år i {later}.',
    'An error in the money of {year} is corrected as a prior-year adjustment in {later}.',
  ],
  openCaseYearClosed: [
    '{closed} er avregnet og lukket: i en sak fra {year} kan ingenting stemmes over eller vedtas. Bruk et saksnummer for {later}, for eksempel 01.{yy}.',
    '{closed} is settled and closed: nothing can be voted on or decided in a case of {year}. Use a case number of {later}, for example 01.{yy}.',
  ],
  yearClosedField: [
    '{year} er avregnet og lukket (eller et år etter det er); ingenting mer føres for {year}.',
    '{year} is settled and closed (or a year after it is); nothing more is recorded for {year}.',
  ],
  grantYearClosed: ['Året er lukket', 'The year is closed'],
  closedYearsHint: ['Avregnet og lukket: {years}.', 'Settled and closed: {years}.'],
} as const satisfies Record<string, readonly [string, string]>;
