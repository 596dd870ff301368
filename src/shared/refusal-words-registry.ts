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
};
