import type { RegistryCode } from '../domain/refusal-details.js';
import type { WordsOf } from './refusal-words-types.js';

/** The registry's refusals in words: programme areas, initiatives, partners, members and the quorum. */
export const registryWords: WordsOf<RegistryCode> = {
  'already-registered': {
    fields: ['programmeAreaId', 'initiativeId', 'partnerId', 'memberId'],
    example: { kind: 'initiative', id: 'vip' },
    nb: (d, s) => `Id-en ${s.quoted(d.id)} er allerede brukt av ${s.registered(d.kind, d.id)}; velg en annen.`,
    en: (d, s) => `The id ${s.quoted(d.id)} is already used by ${s.registered(d.kind, d.id)}; choose another.`,
  },
  'unknown-programme-area': {
    fields: ['programmeAreaId'],
    example: { programmeAreaId: 'barn-og-ungdom' },
    nb: (d, s) =>
      `Programområdet ${s.area(d.programmeAreaId)} er ikke registrert; se hvilke som er det (ledger list areas), eller registrer det først (ledger programme-area add).`,
    en: (d, s) =>
      `Programme area ${s.area(d.programmeAreaId)} is not registered; see those that are (ledger list areas), or register it first (ledger programme-area add).`,
  },
  'unknown-initiative': {
    fields: ['initiativeId', 'target', 'lines'],
    example: { initiativeId: 'vipp' },
    nb: (d, s) =>
      `Satsningen ${s.initiative(d.initiativeId)} er ikke registrert; se hvilke som er det (ledger list initiatives), eller registrer den først («Registrer satsning», ledger initiative add).`,
    en: (d, s) =>
      `Initiative ${s.initiative(d.initiativeId)} is not registered; see those that are (ledger list initiatives), or register it first («Register an initiative», ledger initiative add).`,
  },
  'unknown-partner': {
    fields: ['partnerId', 'submittedBy'],
    example: { partnerId: 'sykehuset' },
    nb: (d, s) =>
      `Partneren ${s.partner(d.partnerId)} er ikke registrert; se hvilke som er det (ledger list partners), eller registrer den først (ledger partner add).`,
    en: (d, s) =>
      `Partner ${s.partner(d.partnerId)} is not registered; see those that are (ledger list partners), or register it first (ledger partner add).`,
  },
  'unknown-member': {
    fields: ['memberId', 'membersPresent'],
    example: { memberId: 'ledern' },
    nb: (d, s) =>
      `SSU-medlemmet ${s.member(d.memberId)} er ikke registrert; se hvem som er det (ledger list members), eller registrer medlemmet først (ledger member add).`,
    en: (d, s) =>
      `Committee member ${s.member(d.memberId)} is not registered; see who is (ledger list members), or register the member first (ledger member add).`,
  },
  'phase-unchanged': {
    fields: ['phase'],
    example: { initiativeId: 'vip', phase: 'drift' },
    nb: (d, s) => `${s.initiative(d.initiativeId)} er allerede i fasen ${d.phase}.`,
    en: (d, s) => `${s.initiative(d.initiativeId)} is already in phase ${d.phase}.`,
  },
  'quorum-unchanged': {
    fields: ['quorum'],
    example: { quorum: 4 },
    nb: (d, s) => `SSU er allerede beslutningsdyktig når ${s.count(d.quorum, 'ett medlem', 'medlemmer')} deltar.`,
    en: (d, s) => `The committee already decides when ${s.count(d.quorum, 'one member', 'members')} take part.`,
  },
  'quorum-above-members': {
    fields: ['quorum'],
    example: { quorum: 7, members: 6 },
    nb: (d, s) =>
      `SSU har ${s.count(d.members, 'ett medlem', 'medlemmer')}; et krav om ${d.quorum} kunne aldri oppfylles. Registrer medlemmene først (ledger member add).`,
    en: (d, s) =>
      `The committee has ${s.count(d.members, 'one member', 'members')}; a quorum of ${d.quorum} could never be met. Register the members first (ledger member add).`,
  },
  'before-initiative-registered': {
    fields: ['effectiveDate', 'initiativeId'],
    example: {
      initiativeId: 'vip',
      initiativeName: 'VIP (very important patient)',
      registeredOn: '2025-03-01',
      effectiveDate: '2025-02-20',
    },
    nb: (d, s) =>
      `Satsningen ${d.initiativeName} ble registrert ${s.date(d.registeredOn)}; den kan ikke tildeles noe med virkning fra ${s.date(d.effectiveDate)}.`,
    en: (d, s) =>
      `Initiative ${d.initiativeName} was registered on ${s.date(d.registeredOn)}; nothing can be granted to it as of ${s.date(d.effectiveDate)}.`,
  },
  'proposal-not-new': {
    fields: ['fromProposal'],
    example: { caseNumber: '22.25', proposalId: 'p25-vip', initiativeId: 'vip' },
    nb: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} i ${s.case(d.caseNumber)} gjelder den registrerte satsningen ${s.initiative(d.initiativeId)}; en satsning registreres bare fra et innspill om en ny.`,
    en: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} in ${s.case(d.caseNumber)} is for the registered initiative ${s.initiative(d.initiativeId)}; an initiative is registered only from a proposal of a new one.`,
  },
  'proposal-already-registered': {
    fields: ['fromProposal', 'initiativeId'],
    example: { caseNumber: '22.25', proposalId: 'p25-psykisk-helse-voksne', initiativeId: 'vip' },
    nb: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} i ${s.case(d.caseNumber)} er allerede registrert som satsningen ${s.initiative(d.initiativeId)}.`,
    en: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} in ${s.case(d.caseNumber)} was already registered as initiative ${s.initiative(d.initiativeId)}.`,
  },
  'initiative-dropped': {
    fields: ['initiativeId', 'effectiveDate'],
    example: { initiativeId: 'vip', initiativeName: 'VIP', droppedOn: '2025-10-01', effectiveDate: '2025-11-01' },
    nb: (d, s) =>
      `${d.initiativeName} ble avsluttet ${s.date(d.droppedOn)}; ingenting nytt kan tildeles, forhøyes eller føres på den fra ${s.date(d.effectiveDate)}. Et vedtak kan starte satsningen igjen (ledger initiative restart ${d.initiativeId}).`,
    en: (d, s) =>
      `${d.initiativeName} was dropped on ${s.date(d.droppedOn)}; nothing new can be granted, raised or recorded for it as of ${s.date(d.effectiveDate)}. A decision can restart it (ledger initiative restart ${d.initiativeId}).`,
  },
  'initiative-not-dropped': {
    fields: ['initiativeId'],
    example: { initiativeId: 'vip', initiativeName: 'VIP', effectiveDate: '2025-11-01' },
    nb: (d, s) => `${d.initiativeName} er ikke avsluttet per ${s.date(d.effectiveDate)}; det er ingenting å starte igjen.`,
    en: (d, s) => `${d.initiativeName} is not dropped as of ${s.date(d.effectiveDate)}; there is nothing to restart.`,
  },
  'status-change-out-of-order': {
    fields: ['effectiveDate'],
    example: { initiativeId: 'vip', initiativeName: 'VIP', lastChangeOn: '2025-10-01', effectiveDate: '2025-09-01' },
    nb: (d, s) =>
      `Statusen til ${d.initiativeName} ble sist endret ${s.date(d.lastChangeOn)}; den kan ikke endres med virkning fra ${s.date(d.effectiveDate)}, før det.`,
    en: (d, s) =>
      `The status of ${d.initiativeName} last changed on ${s.date(d.lastChangeOn)}; it cannot change as of ${s.date(d.effectiveDate)}, before that.`,
  },
  'activity-after-drop': {
    fields: ['effectiveDate'],
    example: {
      initiativeId: 'vip',
      initiativeName: 'VIP',
      activity: 'GrantAwarded',
      activityOn: '2025-10-15',
      effectiveDate: '2025-10-01',
    },
    variants: [
      { initiativeId: 'vip', initiativeName: 'VIP', activity: 'SpendingReported', activityOn: '2025-10-15', effectiveDate: '2025-10-01' },
      { initiativeId: 'vip', initiativeName: 'VIP', activity: 'GrantAdjusted', activityOn: '2025-10-15', effectiveDate: '2025-10-01' },
    ],
    nb: (d, s) =>
      `${d.initiativeName} har ${d.activity === 'GrantAwarded' ? 'en tildeling' : d.activity === 'GrantAdjusted' ? 'en økt tildeling' : 'forbruk'} som gjelder fra ${s.date(d.activityOn)}; den kan ikke være avsluttet fra ${s.date(d.effectiveDate)}. Oppgi en senere dato.`,
    en: (d, s) =>
      `${d.initiativeName} has ${d.activity === 'GrantAwarded' ? 'a grant' : d.activity === 'GrantAdjusted' ? 'a raised grant' : 'spending'} taking effect on ${s.date(d.activityOn)}; it cannot have been dropped as of ${s.date(d.effectiveDate)}. Give a later date.`,
  },
  'drop-date-required': {
    fields: ['effectiveDate'],
    example: { initiativeId: 'vip' },
    nb: (d, s) => `Oppgi datoen ${s.initiative(d.initiativeId)} ble avsluttet (--date).`,
    en: (d, s) => `Give the date ${s.initiative(d.initiativeId)} was dropped or finished (--date).`,
  },
  'organisation-unchanged': {
    fields: ['name'],
    example: { name: 'Helsefellesskapet' },
    nb: (d) => `Organisasjonen er allerede registrert slik (${d.name}).`,
    en: (d) => `The organisation is already recorded so (${d.name}).`,
  },
};
