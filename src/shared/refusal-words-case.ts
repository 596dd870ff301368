import type { RefusalWords } from './refusal-types.js';

/**
 * The refusals of the registry's and the cases' rules, in words. `{name}` is filled from
 * the refusal's `details` (amounts and dates formatted); where a code has several
 * templates, the first whose names the details all give is used. `fields` are the
 * command's fields the refusal is about, so the page puts the words beside them.
 */
export const caseRefusals = {
  'already-registered': {
    fields: ['programmeAreaId', 'initiativeId', 'partnerId', 'memberId'],
    nb: ['{kind} {id} er registrert fra før.'],
    en: ['{kind} {id} is already registered.'],
  },
  'unknown-programme-area': {
    fields: ['programmeAreaId'],
    nb: ['Programområdet {programmeAreaId} er ikke registrert.'],
    en: ['Programme area {programmeAreaId} is not registered.'],
  },
  'unknown-initiative': {
    fields: ['initiativeId', 'target', 'lines'],
    nb: ['Satsningen {initiativeId} er ikke registrert.'],
    en: ['Initiative {initiativeId} is not registered.'],
  },
  'unknown-partner': {
    fields: ['partnerId', 'submittedBy'],
    nb: ['Partneren {partnerId} er ikke registrert.'],
    en: ['Partner {partnerId} is not registered.'],
  },
  'unknown-member': {
    fields: ['memberId', 'membersPresent'],
    nb: ['SSU-medlemmet {memberId} er ikke registrert.'],
    en: ['Committee member {memberId} is not registered.'],
  },
  'phase-unchanged': {
    fields: ['phase'],
    nb: ['{initiativeId} er allerede i fasen {phase}.'],
    en: ['{initiativeId} is already in phase {phase}.'],
  },
  'quorum-unchanged': {
    fields: ['quorum'],
    nb: ['SSU er allerede beslutningsdyktig med {quorum}.'],
    en: ['The quorum is already {quorum}.'],
  },
  'quorum-above-members': {
    fields: ['quorum'],
    nb: ['SSU har {members} medlemmer; et krav om {quorum} kunne aldri oppfylles.'],
    en: ['The committee has {members} members; a quorum of {quorum} could never be met.'],
  },
  'case-exists': { fields: ['caseNumber'], nb: ['Sak {caseNumber} finnes fra før.'], en: ['Case {caseNumber} already exists.'] },
  'unknown-case': {
    fields: ['caseNumber', 'authority.caseNumber', 'fromProposal'],
    nb: ['Sak {caseNumber} er ikke åpnet.'],
    en: ['Case {caseNumber} is not open.'],
  },
  'meeting-date-outside-case-year': {
    fields: ['meetingDate', 'caseNumber'],
    nb: ['Sak {caseNumber} hører til året i saksnummeret, men møtedatoen er {meetingDate}.'],
    en: ['Case {caseNumber} belongs to the year of its number, but the meeting date is {meetingDate}.'],
  },
  'proposal-exists': {
    fields: ['proposalId'],
    nb: ['Innspillet {proposalId} finnes fra før.'],
    en: ['Proposal {proposalId} already exists.'],
  },
  'unknown-proposal': {
    fields: ['proposalId', 'fromProposal', 'lines', 'target'],
    nb: ['Innspillet {proposalId} finnes ikke i saken.'],
    en: ['Proposal {proposalId} is not in the case.'],
  },
  'proposal-not-new': {
    fields: ['fromProposal'],
    nb: ['Innspillet {proposalId} gjelder den registrerte satsningen {initiativeId}, ikke en ny.'],
    en: ['Proposal {proposalId} is for the registered initiative {initiativeId}, not a new one.'],
  },
  'proposal-already-registered': {
    fields: ['fromProposal', 'initiativeId'],
    nb: ['Innspillet {proposalId} er allerede registrert som satsningen {initiativeId}.'],
    en: ['Proposal {proposalId} was already registered as initiative {initiativeId}.'],
  },
  'proposal-unchanged': {
    fields: ['amountRequested'],
    nb: ['Innspillet ber allerede om dette beløpet.'],
    en: ['The proposal already requests this amount.'],
  },
  'before-proposal': {
    fields: ['effectiveDate'],
    nb: ['Innspillet ble levert {submittedOn}; det kan ikke endres med virkning {effectiveDate}.'],
    en: ['The proposal was submitted {submittedOn}; it cannot be revised with effect from {effectiveDate}.'],
  },
  'case-decided': {
    fields: [],
    nb: ['Sak {caseNumber} er avgjort; innspill, anbefaling og forslag til vedtak er endelige.'],
    en: ['Case {caseNumber} is decided; its proposals, recommendation and resolution are final.'],
  },
  'duplicate-recommendation-line': {
    fields: ['lines', 'amendments'],
    nb: ['Samme satsning og år står to ganger ({key}).'],
    en: ['The same initiative and year appear twice ({key}).'],
  },
  'resolution-already-proposed': {
    fields: [],
    nb: ['Sak {caseNumber} har allerede et forslag til vedtak.'],
    en: ['Case {caseNumber} already has a proposed resolution.'],
  },
  'no-proposed-resolution': {
    fields: ['authority.caseNumber'],
    nb: ['Sak {caseNumber} har ikke noe forslag til vedtak.'],
    en: ['Case {caseNumber} has no proposed resolution.'],
  },
  'invalid-resolution': {
    fields: ['points.{pointNumber}', 'points'],
    nb: [
      'Punkt {pointNumber} er ikke gyldig: hvert punkt har ett nummer, ingen eller minst to alternativer, og sier hva det gir hjemmel for.',
    ],
    en: ['Point {pointNumber} is not valid: each point has one number, no or at least two alternatives, and says what it authorises.'],
  },
  'unknown-point': {
    fields: ['authority.pointNumber', 'pointNumber', 'points'],
    nb: ['Sak {caseNumber} har ikke noe punkt {pointNumber}.'],
    en: ['Case {caseNumber} has no point {pointNumber}.'],
  },
  'unknown-alternative': {
    fields: ['points.{pointNumber}.alternativeNumber', 'choice'],
    nb: ['Punkt {pointNumber} har ikke alternativ {alternativeNumber}.'],
    en: ['Point {pointNumber} has no alternative {alternativeNumber}.'],
  },
  'choice-does-not-fit-point': {
    fields: ['choice'],
    nb: ['Stemmen passer ikke til punkt {pointNumber}: velg et alternativ der punktet har alternativer, ellers ja, nei eller blankt.'],
    en: ['The vote does not fit point {pointNumber}: choose an alternative where the point has some, otherwise yes, no or blank.'],
  },
  'vote-after-resolution': {
    fields: [],
    nb: ['Sak {caseNumber} er avgjort; stemmegivningen er avsluttet.'],
    en: ['Case {caseNumber} is decided; voting is closed.'],
  },
  'resolution-already-adopted': {
    fields: [],
    nb: ['Vedtaket i sak {caseNumber} er allerede registrert.'],
    en: ['The resolution of case {caseNumber} is already recorded.'],
  },
  'adoption-does-not-match-proposal': {
    fields: ['points.{pointNumber}.alternativeNumber', 'points.{pointNumber}', 'points'],
    nb: ['Vedtaket passer ikke til forslaget på punkt {pointNumber}.', 'Vedtaket må avgjøre hvert punkt; mangler: {missing}.'],
    en: ['The resolution does not fit the proposal on point {pointNumber}.', 'The resolution must decide every point; missing: {missing}.'],
  },
  'unanimity-contradicted': {
    fields: ['decidedBy'],
    nb: ['Et enstemmig vedtak kan ikke ha dissens.'],
    en: ['A unanimous resolution has no dissent.'],
  },
  'resolution-not-adopted': {
    fields: ['authority.caseNumber', 'authority'],
    nb: ['Sak {caseNumber} har ikke noe vedtak å vise til.'],
    en: ['Case {caseNumber} has no adopted resolution to cite.'],
  },
  'before-case-opened': {
    fields: ['effectiveDate'],
    nb: ['Sak {caseNumber} ble åpnet {openedOn}; ingenting i den kan gjelde fra {effectiveDate}.'],
    en: ['Case {caseNumber} was opened {openedOn}; nothing in it can take effect {effectiveDate}.'],
  },
  'before-resolution-adopted': {
    fields: ['effectiveDate'],
    nb: ['Sak {caseNumber} ble vedtatt {adoptedOn}; det vedtaket gir hjemmel for kan ikke gjelde fra {effectiveDate}.'],
    en: ['Case {caseNumber} was decided {adoptedOn}; what it authorises cannot take effect {effectiveDate}.'],
  },
  'point-not-adopted': {
    fields: ['authority.pointNumber', 'authority'],
    nb: ['Punkt {pointNumber} i sak {caseNumber} ble ikke vedtatt.'],
    en: ['Point {pointNumber} of case {caseNumber} was not adopted.'],
  },
  'before-resolution-proposed': {
    fields: ['effectiveDate'],
    nb: ['Forslaget til vedtak i sak {caseNumber} ble fremmet {proposedOn}; dette kan ikke gjelde fra {effectiveDate}.'],
    en: ['The resolution of case {caseNumber} was proposed {proposedOn}; this cannot take effect {effectiveDate}.'],
  },
  'before-initiative-registered': {
    fields: ['effectiveDate', 'initiativeId'],
    nb: ['Satsningen {initiativeName} ble registrert {registeredOn}; den kan ikke tildeles noe fra {effectiveDate}.'],
    en: ['Initiative {initiativeName} was registered {registeredOn}; nothing can be granted to it as of {effectiveDate}.'],
  },
  'before-meeting': {
    fields: ['effectiveDate'],
    nb: ['Sak {caseNumber} avgjøres i møtet {meetingDate}; dette kan ikke gjelde fra {effectiveDate}.'],
    en: ['Case {caseNumber} is decided at the meeting of {meetingDate}; this cannot take effect {effectiveDate}.'],
  },
  'not-a-meeting-day': {
    fields: ['effectiveDate'],
    nb: [
      'Sak {caseNumber} ble behandlet i møtet {meetingDate}; det som skjer i møtet kan ikke dateres {effectiveDate}. Registrer først at møtet fortsatte den dagen.',
    ],
    en: [
      'Case {caseNumber} was dealt with at the meeting of {meetingDate}; what happens at the meeting cannot be dated {effectiveDate}. First record that the meeting continued that day.',
    ],
  },
  'case-opened-after-meeting': {
    fields: ['meetingDate', 'effectiveDate'],
    nb: ['Sak {caseNumber} skal behandles i møtet {meetingDate}; den kan ikke åpnes {openedOn}, etter møtet.'],
    en: ['Case {caseNumber} is dealt with at the meeting of {meetingDate}; it cannot be opened {openedOn}, after the meeting.'],
  },
  'meeting-already-continued': {
    fields: ['date'],
    nb: ['Komiteen møtes allerede om sak {caseNumber} {continuedOn}.'],
    en: ['The committee already meets on case {caseNumber} on {continuedOn}.'],
  },
  'member-not-registered-at-meeting': {
    fields: ['memberId', 'membersPresent'],
    nb: ['{memberId} ble registrert som medlem {registeredOn}, etter møtet {meetingDate}.'],
    en: ['{memberId} was registered as a member {registeredOn}, after the meeting of {meetingDate}.'],
  },
  'adoption-before-votes': {
    fields: ['effectiveDate'],
    nb: ['En stemme i sak {caseNumber} gjelder fra {lastVoteOn}; vedtaket kan ikke gjelde fra {effectiveDate}, før den.'],
    en: ['A vote in case {caseNumber} took effect {lastVoteOn}; the adoption cannot take effect {effectiveDate}, before it.'],
  },
  'tally-does-not-carry': {
    fields: ['points.{pointNumber}.decidedBy', 'decidedBy'],
    nb: ['Stemmene på punkt {pointNumber} bærer ikke et vedtak {decidedBy}: {votes}, blanke {blank}.'],
    en: ['The votes on point {pointNumber} do not carry a decision {decidedBy}: {votes}, blank {blank}.'],
  },
  'dissent-does-not-match-votes': {
    fields: ['dissent'],
    nb: ['Dissensen stemmer ikke med stemmene: etter stemmene er den {dissentFromVotes}.'],
    en: ['The dissent does not match the votes: by the votes it is {dissentFromVotes}.'],
  },
  'voter-not-present': {
    fields: ['membersPresent'],
    nb: ['{membersAbsent} stemte, men er ikke ført som til stede.'],
    en: ['{membersAbsent} voted but are not recorded as present.'],
  },
  'quorum-not-met': {
    fields: ['membersPresent'],
    nb: ['{membersTakingPart} medlemmer deltok; SSU er beslutningsdyktig med minst {quorum}.'],
    en: ['{membersTakingPart} members took part; the committee decides with at least {quorum}.'],
  },
} as const satisfies Record<string, RefusalWords>;
