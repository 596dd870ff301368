import type { RefusalWords } from './refusal-types.js';

/** The refusals of the rules on a year's money, in words (see refusal-words-case.ts for the form). */
export const yearRefusals = {
  'point-authorises-no-grants': {
    fields: ['authority.pointNumber', 'authority'],
    nb: ['Punkt {pointNumber} i sak {caseNumber} gir ikke hjemmel for penger.'],
    en: ['Point {pointNumber} of case {caseNumber} authorises no money.'],
  },
  'point-authorises-reserve-fund-only': {
    fields: ['authority.pointNumber', 'authority'],
    nb: ['Punkt {pointNumber} i sak {caseNumber} gir hjemmel for et fond, ikke for tildelinger.'],
    en: ['Point {pointNumber} of case {caseNumber} authorises a reserve fund, not grants.'],
  },
  'point-authorises-no-reserve-fund': {
    fields: ['authority.pointNumber', 'authority'],
    nb: ['Punkt {pointNumber} i sak {caseNumber} setter ikke av noe fond.'],
    en: ['Point {pointNumber} of case {caseNumber} sets up no reserve fund.'],
  },
  'authority-exceeded': {
    fields: ['plan.amount', 'plan.amountTotal', 'plan', 'amountChange', 'instalments', 'amount'],
    nb: [
      'Punkt {pointNumber} i sak {caseNumber} gir hjemmel for {amountAuthorised} til {initiativeId} i {year}; {amountGranted} er allerede tildelt, så {amountLeft} er igjen og {amountAsked} kan ikke tildeles.',
    ],
    en: [
      'Point {pointNumber} of case {caseNumber} authorises {amountAuthorised} for {initiativeId} in {year}; {amountGranted} is already granted, so {amountLeft} is left and {amountAsked} cannot be granted.',
    ],
  },
  'alternative-not-chosen': {
    fields: ['authority.pointNumber', 'authority'],
    nb: ['Punkt {pointNumber} i sak {caseNumber} valgte ikke noe alternativ med beløp.'],
    en: ['Point {pointNumber} of case {caseNumber} chose no alternative with an amount.'],
  },
  'alternative-has-no-amount': {
    fields: ['authority.pointNumber', 'authority'],
    nb: ['Det valgte alternativet {alternativeNumber} på punkt {pointNumber} setter ikke av penger.'],
    en: ['The chosen alternative {alternativeNumber} of point {pointNumber} sets no money aside.'],
  },
  'year-closed': {
    fields: ['year'],
    nb: ['{year} er avregnet og lukket; ingenting mer føres i det.'],
    en: ['{year} is settled and closed; nothing more is recorded in it.'],
  },
  'later-year-closed': {
    fields: ['year'],
    nb: ['{closedYear} er lukket; ingenting mer føres i {year}.'],
    en: ['{closedYear} is closed; nothing more is recorded in {year}.'],
  },
  'frame-exceeded': {
    fields: ['plan.amount', 'plan.amountTotal', 'plan', 'amountChange', 'instalments', 'amount', 'authority'],
    nb: [
      '{amountAsked} er mer enn rammen for {year} har igjen per {asOf}: {amountLeft} (ramme {frame}, tildelt {granted}, forpliktet {committed}, fond {reserved}, forventet tilskudd {expectedReceipt}).',
      '{amountAsked} er mer enn rammen for {year} har igjen per {asOf}: {amountLeft} (ramme {frame}, tildelt {granted}, forpliktet {committed}, fond {reserved}).',
    ],
    en: [
      '{amountAsked} is more than the {year} frame has left on {asOf}: {amountLeft} (frame {frame}, granted {granted}, committed {committed}, reserve fund {reserved}, expected receipt {expectedReceipt}).',
      '{amountAsked} is more than the {year} frame has left on {asOf}: {amountLeft} (frame {frame}, granted {granted}, committed {committed}, reserve fund {reserved}).',
    ],
  },
  'grant-exists': { fields: ['grantId'], nb: ['Tildelingen {grantId} finnes fra før.'], en: ['Grant {grantId} already exists.'] },
  'unknown-grant': {
    fields: ['grantId', 'year'],
    nb: ['Tildelingen {grantId} har ingen del i {year}.'],
    en: ['Grant {grantId} has no instalment in {year}.'],
  },
  'instalments-do-not-add-up': {
    fields: ['plan.instalments', 'plan.amountTotal', 'plan'],
    nb: ['Årsbeløpene blir til sammen {instalmentSum}, ikke totalen {amountTotal}.'],
    en: ['The instalments add up to {instalmentSum}, not the total {amountTotal}.'],
  },
  'invalid-instalment-years': {
    fields: ['plan.instalments', 'instalments', 'plan'],
    nb: ['Årene i planen må følge etter hverandre fra tildelingsåret, uten gjentakelser (fikk {years}).'],
    en: ['The years of the plan must follow each other from the grant’s year, none twice (got {years}).'],
  },
  'instalment-not-positive': {
    fields: ['plan.instalments', 'plan'],
    nb: ['Beløpet for {year} er {amount}; hvert årsbeløp må være mer enn null.'],
    en: ['The {year} instalment is {amount}; every instalment must be more than zero.'],
  },
  'adjustment-below-used': {
    fields: ['amountChange', 'instalments'],
    nb: [
      'Tildelingen kan senkes med høyst {amountLowerable} i {year}; resten er frigjort eller brukt.',
      '{initiativeId} har {amountLeft} igjen per {asOf}.',
    ],
    en: [
      'The grant can be lowered by at most {amountLowerable} in {year}; the rest is released or spent.',
      '{initiativeId} has {amountLeft} left on {asOf}.',
    ],
  },
  'release-exceeds-unspent': {
    fields: ['amount'],
    nb: [
      'Bare {amountUnspent} er ubrukt i {year}; {amountAsked} kan ikke frigjøres.',
      'Bare {amountUnspent} av de øremerkede midlene er ubrukt i {year}.',
    ],
    en: [
      'Only {amountUnspent} is unspent in {year}; {amountAsked} cannot be released.',
      'Only {amountUnspent} of the earmarked funds is unspent in {year}.',
    ],
  },
  'spending-exceeds-available': {
    fields: ['amount', 'amountChange'],
    nb: ['{initiativeId} har {amountAvailable} disponibelt i {year} per {asOf}; {amountAsked} kan ikke føres som forbruk.'],
    en: ['{initiativeId} has {amountAvailable} available in {year} on {asOf}; {amountAsked} cannot be reported spent.'],
  },
  'initiative-dropped': {
    fields: ['initiativeId', 'effectiveDate'],
    nb: [
      '{initiativeName} ble avsluttet {droppedOn}; dette kan ikke gjelde fra {effectiveDate}. Et vedtak kan starte satsningen igjen (ledger initiative restart).',
    ],
    en: [
      '{initiativeName} was dropped {droppedOn}; this cannot take effect {effectiveDate}. A decision can restart it (ledger initiative restart).',
    ],
  },
  'initiative-not-dropped': {
    fields: ['initiativeId'],
    nb: ['{initiativeName} er ikke avsluttet per {effectiveDate}; det er ingenting å starte igjen.'],
    en: ['{initiativeName} is not dropped as of {effectiveDate}; there is nothing to restart.'],
  },
  'status-change-out-of-order': {
    fields: ['effectiveDate'],
    nb: ['Statusen til {initiativeName} ble sist endret {lastChangeOn}; den kan ikke endres med virkning fra {effectiveDate}, før det.'],
    en: ['The status of {initiativeName} last changed {lastChangeOn}; it cannot change as of {effectiveDate}, before that.'],
  },
  'drop-date-required': {
    fields: ['effectiveDate'],
    nb: ['Oppgi datoen satsningen ble avsluttet.'],
    en: ['Give the date the initiative was dropped or finished.'],
  },
  'activity-after-drop': {
    fields: ['effectiveDate'],
    nb: ['{initiativeName} har noe registrert med virkning fra {activityOn}; satsningen kan ikke være avsluttet {effectiveDate}, før det.'],
    en: [
      '{initiativeName} has something recorded that takes effect {activityOn}; it cannot have been dropped {effectiveDate}, before that.',
    ],
  },
  'correction-unchanged': {
    fields: ['amount', 'instalments'],
    nb: ['Tallet står allerede i {amountStanding}; rettelsen endrer ingenting.'],
    en: ['The figure already stands at {amountStanding}; the correction changes nothing.'],
  },
  'correction-of-open-year': {
    fields: ['instalments'],
    nb: ['Ingen avdrag i et avsluttet år endres; avdrag i åpne år endres med en planendring av tildelingen.'],
    en: ["No instalment in a closed year changes; an open year's instalments change with a plan change of the grant."],
  },
  'correction-exceeds-remainder': {
    fields: ['instalments', 'amount'],
    nb: ['{correctedYear} førte bare {amountRemainder} ufordelt inn i neste ramme; det kan ikke ha tildelt {amountAsked} mer.'],
    en: ['{correctedYear} carried only {amountRemainder} unallocated into the next frame; it cannot have granted {amountAsked} more.'],
  },
  'correction-exceeds-carried': {
    fields: ['instalments', 'amount'],
    nb: ['{initiativeName} førte bare {amountCarried} ubrukt ut av {correctedYear}; rettelsen kan ikke ta {amountAsked} av det.'],
    en: ['{initiativeName} carried only {amountCarried} unspent out of {correctedYear}; the correction cannot take {amountAsked} of it.'],
  },
  'correction-needs-basis': {
    fields: ['authority', 'reference'],
    nb: ['En rettelse av et avsluttet år viser til vedtakspunktet som gir hjemmel, eller til dokumentet som viser riktig tall.'],
    en: ['A correction of a closed year cites the resolution point that allows it, or the document that shows the right figure.'],
  },
  'received-in-future': {
    fields: ['receivedOn'],
    nb: ['Midlene registreres {today}; de kan ikke være mottatt {receivedOn}, senere enn det.'],
    en: ['The funds are recorded {today}; they cannot have been received {receivedOn}, later than that.'],
  },
  'correction-below-zero': {
    fields: ['amountChange'],
    nb: [
      'Beløpet ville blitt mindre enn null (det står nå i {amountReceived}).',
      'Beløpet ville blitt mindre enn null (det står nå i {amountReported}).',
    ],
    en: [
      'The amount would fall below zero (it stands at {amountReceived}).',
      'The amount would fall below zero (it stands at {amountReported}).',
    ],
  },
  'unknown-corrected-event': {
    fields: ['correctsEventId'],
    nb: ['Hendelsen som skal rettes, hører ikke til det valgte året.'],
    en: ['The event to correct does not belong to the chosen year.'],
  },
  'reserve-fund-exists': {
    fields: ['authority'],
    nb: ['Punkt {pointNumber} i sak {caseNumber} har allerede etablert sitt fond.'],
    en: ['Point {pointNumber} of case {caseNumber} already established its reserve fund.'],
  },
  'previous-year-open': {
    fields: ['year'],
    nb: ['{previousYear} må avregnes før {year}.'],
    en: ['{previousYear} must be settled before {year}.'],
  },
  'frame-overspent': {
    fields: ['year'],
    nb: ['{year} har tildelt {amountOver} mer enn rammen; juster tildelinger før avregningen.'],
    en: ['{year} has granted {amountOver} more than its frame; adjust grants before settling.'],
  },
  'effective-date-in-future': {
    fields: ['effectiveDate', 'receivedOn'],
    nb: ['Et vedtak gjelder fra en dag som er kommet; {effectiveDate} er etter i dag ({today}).'],
    en: ['A decision takes effect on a day that has come; {effectiveDate} is after today ({today}).'],
  },
  'reserve-draw-single-year': {
    fields: ['plan'],
    nb: ['En tildeling fra fondet utbetales i ett år.'],
    en: ['A grant drawn from the reserve fund is paid in one year.'],
  },
  'reserve-fund-exceeded': {
    fields: ['plan.amount', 'plan', 'amountChange'],
    nb: [
      'Fondet for {year} har {amountLeft} per {asOf}; {amountAsked} kan ikke trekkes.',
      'Fondet for {year} har {amountLeft} per {asOf}.',
    ],
    en: [
      'The {year} reserve fund has {amountLeft} on {asOf}; {amountAsked} cannot be drawn.',
      'The {year} reserve fund has {amountLeft} on {asOf}.',
    ],
  },
  'nothing-to-release': {
    fields: ['initiativeId'],
    nb: ['{initiativeId} har ikke noe ubrukt i {year} å frigjøre.'],
    en: ['{initiativeId} has nothing unspent in {year} to release.'],
  },
  'plan-unchanged': {
    fields: ['instalments'],
    nb: ['Planen har allerede disse årsbeløpene.'],
    en: ['The plan already has these instalments.'],
  },
  'plan-year-not-in-plan': {
    fields: ['instalments'],
    nb: ['Tildelingen har ikke noe årsbeløp i {year}; en planendring flytter penger mellom årene den har.'],
    en: ['The grant has no instalment in {year}; a plan change moves money between the years it has.'],
  },
  'before-corrected-event': {
    fields: ['effectiveDate'],
    nb: ['Det som rettes gjelder fra {correctedOn}; rettelsen kan ikke gjelde fra {effectiveDate}.'],
    en: ['What is corrected took effect {correctedOn}; the correction cannot take effect {effectiveDate}.'],
  },
  'corrected-year-open': {
    fields: ['correctedYear'],
    nb: ['{correctedYear} er ikke et lukket år før {year}; rett det direkte.'],
    en: ['{correctedYear} is not a closed year before {year}; correct it directly.'],
  },
  'not-first-open-year': {
    fields: ['year'],
    nb: ['Korreksjon av et lukket år føres i det første åpne året, {firstOpenYear}.'],
    en: ['A correction of a closed year is recorded in the first open year, {firstOpenYear}.'],
  },
  'receipt-below-commitments': {
    fields: ['amount', 'amountChange'],
    nb: ['Dette ville latt vedtakene for {year} mangle {amountShort} per {asOf}; endre tildelingsplanene først.'],
    en: ['This would leave the {year} decisions {amountShort} short on {asOf}; change the grant plans first.'],
  },
  'expectation-unchanged': {
    fields: ['amount'],
    nb: ['Det beløpet er allerede forventet for {year}.'],
    en: ['That amount is already expected for {year}.'],
  },
  'reserve-fund-year-mismatch': {
    fields: ['year', 'authority'],
    nb: ['Punkt {pointNumber} i sak {caseNumber} setter av fond i {year}.'],
    en: ['Point {pointNumber} of case {caseNumber} sets up a reserve fund in {year}.'],
  },
  'settlement-before-year-end': {
    fields: ['effectiveDate'],
    nb: ['{year} avregnes tidligst {earliest}, ikke {effectiveDate}.'],
    en: ['{year} is settled on {earliest} or later, not {effectiveDate}.'],
  },
  'settlement-before-last-event': {
    fields: ['effectiveDate'],
    nb: ['Noe i {year} gjelder fra {lastEventOn}; avregningen kan ikke dateres {effectiveDate}.'],
    en: ['Something in {year} took effect {lastEventOn}; the settlement cannot be dated {effectiveDate}.'],
  },
  'settlement-before-previous': {
    fields: ['effectiveDate'],
    nb: ['Året før ble avregnet {previousSettledOn}; {year} kan ikke avregnes før det.'],
    en: ['The year before was settled {previousSettledOn}; {year} cannot be settled before it.'],
  },
  'year-out-of-range': {
    fields: ['year', 'plan'],
    nb: ['Registeret fører årene {firstYear}–{lastYear}, ikke {year}.'],
    en: ['The ledger keeps the years {firstYear}–{lastYear}, not {year}.'],
  },
  'amount-out-of-bounds': {
    fields: ['amount', 'plan', 'amountChange'],
    nb: ['Beløpet ville blitt {amount}; registeret fører beløp opp til {bound}.'],
    en: ['The amount would be {amount}; the ledger records amounts up to {bound}.'],
  },
  'before-grant': {
    fields: ['effectiveDate'],
    nb: ['Tildelingen ble gitt {awardedOn}; dette kan ikke gjelde fra {effectiveDate}.'],
    en: ['The grant was awarded {awardedOn}; this cannot take effect {effectiveDate}.'],
  },
  'derived-event-invalid': {
    fields: [],
    nb: ['Hendelsen kommandoen ville ført, er utenfor det registeret kan holde.'],
    en: ['The event the command would record is out of what the ledger can hold.'],
  },
} as const satisfies Record<string, RefusalWords>;
