import type { LedgerEvent } from '../events/catalogue.js';
import { formatNok } from '../src/domain/money.js';
import type { LedgerView } from './ledger-view.js';

export interface Words {
  nb: string;
  en: string;
}

const kr = (amount: string | null) => (amount === null ? 'uten beløp' : formatNok(amount));
const nok = (amount: string | null) => (amount === null ? 'no amount' : formatNok(amount).replace('kr ', 'NOK '));

/** The case number an event concerns, if any. */
export function caseNumberOf(event: LedgerEvent): string | null {
  const data = event.data as { caseNumber?: string; authority?: { caseNumber: string } };
  return data.caseNumber ?? data.authority?.caseNumber ?? null;
}

/** What an event did, in words, in Norwegian and English. */
export function describeEvent(event: LedgerEvent, view: LedgerView): Words {
  const initiative = (id: string) => view.registry.initiatives.get(id)?.name ?? id;
  const member = (id: string) => view.registry.members.get(id)?.name ?? id;
  const cite = (authority: { caseNumber: string; pointNumber: number }) => ({
    nb: `sak ${authority.caseNumber} pkt. ${authority.pointNumber}`,
    en: `case ${authority.caseNumber} point ${authority.pointNumber}`,
  });
  switch (event.type) {
    case 'ProgrammeAreaRegistered':
      return { nb: `Programområde registrert: ${event.data.name}`, en: `Programme area registered: ${event.data.name}` };
    case 'InitiativeRegistered': {
      const from = event.data.fromProposal;
      return {
        nb: `Satsning registrert: ${event.data.name} (${event.data.criterion}, ${event.data.phase})${from ? `, fra innspill ${from.proposalId} i sak ${from.caseNumber}` : ''}`,
        en: `Initiative registered: ${event.data.name} (${event.data.criterion}, ${event.data.phase})${from ? `, from proposal ${from.proposalId} in case ${from.caseNumber}` : ''}`,
      };
    }
    case 'InitiativePhaseChanged':
      return {
        nb: `${initiative(event.data.initiativeId)}: fase ${event.data.phaseBefore} → ${event.data.phaseAfter}`,
        en: `${initiative(event.data.initiativeId)}: phase ${event.data.phaseBefore} → ${event.data.phaseAfter}`,
      };
    case 'PartnerRegistered':
      return { nb: `Partner registrert: ${event.data.name}`, en: `Partner registered: ${event.data.name}` };
    case 'CommitteeMemberRegistered':
      return { nb: `SSU-medlem registrert: ${event.data.name}`, en: `Committee member registered: ${event.data.name}` };
    case 'CaseOpened':
      return {
        nb: `Sak ${event.data.caseNumber} åpnet: ${event.data.title} (møte ${event.data.meetingDate})`,
        en: `Case ${event.data.caseNumber} opened: ${event.data.title} (meeting ${event.data.meetingDate})`,
      };
    case 'ProposalSubmitted': {
      const target =
        'initiativeId' in event.data.target ? initiative(event.data.target.initiativeId) : `${event.data.target.newInitiativeName} (ny)`;
      const partners = event.data.submittedBy.map((id) => view.registry.partners.get(id)?.name ?? id).join(', ');
      return {
        nb: `Innspill ${event.data.year}: ${target}, ${kr(event.data.amountRequested)}, fra ${partners}`,
        en: `Proposal for ${event.data.year}: ${target}, ${nok(event.data.amountRequested)}, from ${partners}`,
      };
    }
    case 'ProposalRevised':
      return {
        nb: `Innspill ${event.data.proposalId} endret: ${kr(event.data.amountRequestedBefore)} → ${kr(event.data.amountRequestedAfter)}`,
        en: `Proposal ${event.data.proposalId} revised: ${nok(event.data.amountRequestedBefore)} → ${nok(event.data.amountRequestedAfter)}`,
      };
    case 'RecommendationRecorded':
      return {
        nb: `Sekretariatets anbefaling for ${event.data.year}: ${event.data.lines.length} ${event.data.lines.length === 1 ? 'linje' : 'linjer'}`,
        en: `Secretariat's recommendation for ${event.data.year}: ${event.data.lines.length} ${event.data.lines.length === 1 ? 'line' : 'lines'}`,
      };
    case 'ResolutionProposed':
      return {
        nb: `Forslag til vedtak i sak ${event.data.caseNumber}: ${event.data.points.length} ${event.data.points.length === 1 ? 'punkt' : 'punkter'}`,
        en: `Proposed resolution in case ${event.data.caseNumber}: ${event.data.points.length} ${event.data.points.length === 1 ? 'point' : 'points'}`,
      };
    case 'VoteCast': {
      const choice = 'alternativeNumber' in event.data.choice ? `alt. ${event.data.choice.alternativeNumber}` : event.data.choice.answer;
      const nbChoice = choice.replace('yes', 'ja').replace('no', 'nei').replace('blank', 'blankt');
      return {
        nb: `${member(event.data.memberId)} stemte ${nbChoice} på pkt. ${event.data.pointNumber}`,
        en: `${member(event.data.memberId)} voted ${choice} on point ${event.data.pointNumber}`,
      };
    }
    case 'ResolutionAdopted': {
      const how = {
        consensus: ['i konsensus', 'by consensus'],
        unanimous: ['enstemmig', 'unanimously'],
        majority: ['med flertall', 'by majority'],
      }[event.data.decidedBy];
      return {
        nb: `Vedtak i sak ${event.data.caseNumber}, ${how[0]}`,
        en: `Resolution adopted in case ${event.data.caseNumber}, ${how[1]}`,
      };
    }
    case 'FundsReceived':
      return {
        nb: `Mottatt ${kr(event.data.amount)} for ${event.data.year} (${event.data.reference})`,
        en: `Received ${nok(event.data.amount)} for ${event.data.year} (${event.data.reference})`,
      };
    case 'GrantAwarded': {
      const where = cite(event.data.authority);
      const plan =
        event.data.instalments.length > 1 ? ` (${event.data.instalments.map((i) => `${i.year}: ${formatNok(i.amount)}`).join(', ')})` : '';
      return {
        nb: `Tildelt ${kr(event.data.amountTotal)} til ${initiative(event.data.initiativeId)}${plan}, ${where.nb}`,
        en: `Granted ${nok(event.data.amountTotal)} to ${initiative(event.data.initiativeId)}${plan}, ${where.en}`,
      };
    }
    case 'GrantAdjusted':
      return {
        nb: `Tildeling ${event.data.grantId} justert ${kr(event.data.amountChange)}: ${event.data.reason}`,
        en: `Grant ${event.data.grantId} adjusted by ${nok(event.data.amountChange)}: ${event.data.reason}`,
      };
    case 'FundsReleased':
      return {
        nb: `Frigjort ${kr(event.data.amount)} fra ${initiative(event.data.initiativeId)}: ${event.data.reason}`,
        en: `Released ${nok(event.data.amount)} from ${initiative(event.data.initiativeId)}: ${event.data.reason}`,
      };
    case 'SpendingReported':
      return {
        nb: `Forbruk ${kr(event.data.amount)} på ${initiative(event.data.initiativeId)} (${event.data.reference})`,
        en: `Spent ${nok(event.data.amount)} on ${initiative(event.data.initiativeId)} (${event.data.reference})`,
      };
    case 'SpendingCorrected':
      return {
        nb: `Forbruk på ${initiative(event.data.initiativeId)} korrigert ${kr(event.data.amountChange)}: ${event.data.reason}`,
        en: `Spending on ${initiative(event.data.initiativeId)} corrected by ${nok(event.data.amountChange)}: ${event.data.reason}`,
      };
    case 'ReserveFundEstablished': {
      const where = cite(event.data.authority);
      return {
        nb: `Fond «${event.data.name}» etablert med ${kr(event.data.amount)}, ${where.nb} alt. ${event.data.alternativeNumber}`,
        en: `Reserve fund "${event.data.name}" established with ${nok(event.data.amount)}, ${where.en} alt. ${event.data.alternativeNumber}`,
      };
    }
    case 'RemainderCarriedForward':
      return {
        nb: `Gjenstående ${kr(event.data.amount)} overført fra ${event.data.fromYear} til rammen for ${event.data.toYear}`,
        en: `Remainder ${nok(event.data.amount)} carried from ${event.data.fromYear} into the ${event.data.toYear} frame`,
      };
    case 'ReleasedFundsCarriedForward':
      return {
        nb: `Frigjorte midler ${kr(event.data.amount)} overført fra ${event.data.fromYear} til rammen for ${event.data.toYear}`,
        en: `Released funds ${nok(event.data.amount)} carried from ${event.data.fromYear} into the ${event.data.toYear} frame`,
      };
    case 'EarmarkedFundsCarriedOver':
      return {
        nb: `${initiative(event.data.initiativeId)}: ubrukt ${kr(event.data.amount)} overført øremerket til ${event.data.toYear}`,
        en: `${initiative(event.data.initiativeId)}: unspent ${nok(event.data.amount)} carried over earmarked to ${event.data.toYear}`,
      };
    case 'ReserveFundCarriedOver':
      return {
        nb: `Fond ${kr(event.data.amount)} overført til ${event.data.toYear}`,
        en: `Reserve fund ${nok(event.data.amount)} carried over to ${event.data.toYear}`,
      };
    case 'YearClosed':
      return {
        nb: `${event.data.year} avregnet og lukket (forsegling ${event.data.seal.hash.slice(0, 12)}…)`,
        en: `${event.data.year} settled and closed (seal ${event.data.seal.hash.slice(0, 12)}…)`,
      };
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}
