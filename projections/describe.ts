import type { EventDataOf, EventType, LedgerEvent, LedgerEventOf } from '../events/catalogue.js';
import { formatDate, formatMoney } from '../src/shared/format.js';
import type { LedgerView } from './ledger-view.js';
import { openingDescribers } from './describe-opening.js';

export interface Words {
  nb: string;
  en: string;
}

const kr = (amount: string | null) => (amount === null ? 'uten beløp' : formatMoney(amount));
const nok = (amount: string | null) => (amount === null ? 'no amount' : formatMoney(amount));

/** The case number an event concerns, if any. */
export function caseNumberOf(event: LedgerEvent): string | null {
  const data = event.data as { caseNumber?: string; authority?: { caseNumber: string } };
  return data.caseNumber ?? data.authority?.caseNumber ?? null;
}

/** Names the describers use: initiatives, members and partners by id, a cited point. */
interface Names {
  initiative(id: string): string;
  member(id: string): string;
  partner(id: string): string;
}

const cite = (authority: { caseNumber: string; pointNumber: number }): Words => ({
  nb: `sak ${authority.caseNumber} pkt. ${authority.pointNumber}`,
  en: `case ${authority.caseNumber} point ${authority.pointNumber}`,
});
const citeIf = (authority: { caseNumber: string; pointNumber: number } | undefined, language: keyof Words) =>
  authority ? `, ${cite(authority)[language]}` : '';

/** A grant's conditions and reporting date, in short: `; 1 vilkår; rapport innen 30.06.2026`. */
function grantTerms(data: { conditions: unknown[]; reportDueOn?: string | undefined }): Words {
  const count = data.conditions.length;
  const report = data.reportDueOn ? formatDate(data.reportDueOn) : null;
  return {
    nb: `${count > 0 ? `; ${count} vilkår` : ''}${report ? `; rapport innen ${report}` : ''}`,
    en: `${count > 0 ? `; ${count} condition${count === 1 ? '' : 's'}` : ''}${report ? `; report due ${report}` : ''}`,
  };
}

type Describer<T extends EventType> = (event: LedgerEventOf<T>, names: Names) => Words;

/** What each type of event did, in words, in Norwegian and English. */
const describers: { [T in EventType]: Describer<T> } = {
  ProgrammeAreaRegistered: ({ data }) => ({ nb: `Programområde registrert: ${data.name}`, en: `Programme area registered: ${data.name}` }),
  InitiativeRegistered: ({ data }) => {
    const from = data.fromProposal;
    return {
      nb: `Satsning registrert: ${data.name} (${data.criterion}, ${data.phase})${from ? `, fra innspill ${from.proposalId} i sak ${from.caseNumber}` : ''}`,
      en: `Initiative registered: ${data.name} (${data.criterion}, ${data.phase})${from ? `, from proposal ${from.proposalId} in case ${from.caseNumber}` : ''}`,
    };
  },
  InitiativePhaseChanged: ({ data }, names) => ({
    nb: `${names.initiative(data.initiativeId)}: fase ${data.phaseBefore} → ${data.phaseAfter}`,
    en: `${names.initiative(data.initiativeId)}: phase ${data.phaseBefore} → ${data.phaseAfter}`,
  }),
  InitiativeDropped: ({ data }, names) => ({
    nb: `${names.initiative(data.initiativeId)} avsluttet: ${data.reason}${citeIf(data.authority, 'nb')}`,
    en: `${names.initiative(data.initiativeId)} dropped: ${data.reason}${citeIf(data.authority, 'en')}`,
  }),
  InitiativeRestarted: ({ data }, names) => ({
    nb: `${names.initiative(data.initiativeId)} startet igjen: ${data.reason}${citeIf(data.authority, 'nb')}`,
    en: `${names.initiative(data.initiativeId)} restarted: ${data.reason}${citeIf(data.authority, 'en')}`,
  }),
  PartnerRegistered: ({ data }) => ({ nb: `Partner registrert: ${data.name}`, en: `Partner registered: ${data.name}` }),
  CommitteeMemberRegistered: ({ data }) => ({ nb: `SSU-medlem registrert: ${data.name}`, en: `Committee member registered: ${data.name}` }),
  CommitteeQuorumSet: ({ data }) => ({
    nb: `SSU er beslutningsdyktig med minst ${data.quorum} medlemmer`,
    en: `The committee decides with at least ${data.quorum} members taking part`,
  }),
  CaseOpened: ({ data }) => ({
    nb: `Sak ${data.caseNumber} åpnet: ${data.title} (møte ${formatDate(data.meetingDate)})`,
    en: `Case ${data.caseNumber} opened: ${data.title} (meeting ${formatDate(data.meetingDate)})`,
  }),
  MeetingContinued: ({ data }) => ({
    nb: `Møtet i sak ${data.caseNumber} fortsatte ${formatDate(data.date)}: ${data.reason}`,
    en: `The meeting on case ${data.caseNumber} continued on ${formatDate(data.date)}: ${data.reason}`,
  }),
  ProposalSubmitted: ({ data }, names) => {
    const target = 'initiativeId' in data.target ? names.initiative(data.target.initiativeId) : `${data.target.newInitiativeName} (ny)`;
    const partners = data.submittedBy.map((id) => names.partner(id)).join(', ');
    return {
      nb: `Innspill ${data.year}: ${target}, ${kr(data.amountRequested)}, fra ${partners}`,
      en: `Proposal for ${data.year}: ${target}, ${nok(data.amountRequested)}, from ${partners}`,
    };
  },
  ProposalRevised: ({ data }) => ({
    nb: `Innspill ${data.proposalId} endret: ${kr(data.amountRequestedBefore)} → ${kr(data.amountRequestedAfter)}`,
    en: `Proposal ${data.proposalId} revised: ${nok(data.amountRequestedBefore)} → ${nok(data.amountRequestedAfter)}`,
  }),
  RecommendationRecorded: ({ data }) => ({
    nb: `Sekretariatets anbefaling for ${data.year}: ${data.lines.length} ${data.lines.length === 1 ? 'linje' : 'linjer'}`,
    en: `Secretariat's recommendation for ${data.year}: ${data.lines.length} ${data.lines.length === 1 ? 'line' : 'lines'}`,
  }),
  ResolutionProposed: ({ data }) => ({
    nb: `Forslag til vedtak i sak ${data.caseNumber}: ${data.points.length} ${data.points.length === 1 ? 'punkt' : 'punkter'}`,
    en: `Proposed resolution in case ${data.caseNumber}: ${data.points.length} ${data.points.length === 1 ? 'point' : 'points'}`,
  }),
  VoteCast: ({ data }, names) => {
    const choice = 'alternativeNumber' in data.choice ? `alt. ${data.choice.alternativeNumber}` : data.choice.answer;
    const nbChoice = choice.replace('yes', 'ja').replace('no', 'nei').replace('blank', 'blankt');
    return {
      nb: `${names.member(data.memberId)} stemte ${nbChoice} på pkt. ${data.pointNumber}`,
      en: `${names.member(data.memberId)} voted ${choice} on point ${data.pointNumber}`,
    };
  },
  ResolutionAdopted: ({ data }) => {
    const how = {
      consensus: ['i konsensus', 'by consensus'],
      unanimous: ['enstemmig', 'unanimously'],
      majority: ['med flertall', 'by majority'],
    }[data.decidedBy];
    return { nb: `Vedtak i sak ${data.caseNumber}, ${how[0]}`, en: `Resolution adopted in case ${data.caseNumber}, ${how[1]}` };
  },
  FundsReceived: ({ data }) => ({
    nb: `Mottatt ${kr(data.amount)} for ${data.year} (${data.reference})`,
    en: `Received ${nok(data.amount)} for ${data.year} (${data.reference})`,
  }),
  ReceiptCorrected: ({ data }) => ({
    nb: `Mottatt for ${data.year} korrigert ${kr(data.amountChange)}: ${data.reason}`,
    en: `Receipt for ${data.year} corrected by ${nok(data.amountChange)}: ${data.reason}`,
  }),
  ExpectedReceiptRecorded: ({ data }) => ({
    nb: `Forventet tilskudd for ${data.year}: ${kr(data.amount)}`,
    en: `Expected receipt for ${data.year}: ${nok(data.amount)}`,
  }),
  GrantAwarded: ({ data }, names) => {
    const where = cite(data.authority);
    const plan = data.instalments.length > 1 ? ` (${data.instalments.map((i) => `${i.year}: ${formatMoney(i.amount)}`).join(', ')})` : '';
    const fund = data.fundedBy === 'reserve-fund' ? [' fra fond', ' from the reserve fund'] : ['', ''];
    const terms = grantTerms(data);
    return {
      nb: `Tildelt ${kr(data.amountTotal)}${fund[0]} til ${names.initiative(data.initiativeId)}${plan}, ${where.nb}${terms.nb}`,
      en: `Granted ${nok(data.amountTotal)}${fund[1]} to ${names.initiative(data.initiativeId)}${plan}, ${where.en}${terms.en}`,
    };
  },
  GrantPlanChanged: ({ data }, names) => {
    const changes = data.instalments.map((i) => `${i.year}: ${formatMoney(i.amountBefore)} → ${formatMoney(i.amountAfter)}`).join(', ');
    return {
      nb: `Plan for tildeling ${data.grantId} til ${names.initiative(data.initiativeId)} endret (${changes}): ${data.reason}, ${cite(data.authority).nb}`,
      en: `Plan of grant ${data.grantId} to ${names.initiative(data.initiativeId)} changed (${changes}): ${data.reason}, ${cite(data.authority).en}`,
    };
  },
  GrantAdjusted: ({ data }) => ({
    nb: `Tildeling ${data.grantId} justert ${kr(data.amountChange)}: ${data.reason}`,
    en: `Grant ${data.grantId} adjusted by ${nok(data.amountChange)}: ${data.reason}`,
  }),
  FundsReleased: ({ data }, names) => ({
    nb: `Frigjort ${kr(data.amount)} fra ${names.initiative(data.initiativeId)}: ${data.reason}${citeIf(data.authority, 'nb')}`,
    en: `Released ${nok(data.amount)} from ${names.initiative(data.initiativeId)}: ${data.reason}${citeIf(data.authority, 'en')}`,
  }),
  EarmarkedFundsReleased: ({ data }, names) => ({
    nb: `Frigjort øremerkede midler ${kr(data.amount)} fra ${names.initiative(data.initiativeId)}: ${data.reason}${citeIf(data.authority, 'nb')}`,
    en: `Released earmarked funds ${nok(data.amount)} from ${names.initiative(data.initiativeId)}: ${data.reason}${citeIf(data.authority, 'en')}`,
  }),
  SpendingReported: ({ data }, names) => ({
    nb: `Forbruk ${kr(data.amount)} på ${names.initiative(data.initiativeId)} (${data.reference})`,
    en: `Spent ${nok(data.amount)} on ${names.initiative(data.initiativeId)} (${data.reference})`,
  }),
  SpendingCorrected: ({ data }, names) => ({
    nb: `Forbruk på ${names.initiative(data.initiativeId)} korrigert ${kr(data.amountChange)}: ${data.reason}`,
    en: `Spending on ${names.initiative(data.initiativeId)} corrected by ${nok(data.amountChange)}: ${data.reason}`,
  }),
  ReserveFundEstablished: ({ data }) => ({
    nb: `Fond «${data.name}» etablert med ${kr(data.amount)}, ${cite(data.authority).nb} alt. ${data.alternativeNumber}`,
    en: `Reserve fund "${data.name}" established with ${nok(data.amount)}, ${cite(data.authority).en} alt. ${data.alternativeNumber}`,
  }),
  RemainderCarriedForward: ({ data }) => ({
    nb: `Gjenstående ${kr(data.amount)} overført fra ${data.fromYear} til rammen for ${data.toYear}`,
    en: `Remainder ${nok(data.amount)} carried from ${data.fromYear} into the ${data.toYear} frame`,
  }),
  ReleasedFundsCarriedForward: ({ data }) => ({
    nb: `Frigjorte midler ${kr(data.amount)} overført fra ${data.fromYear} til rammen for ${data.toYear}`,
    en: `Released funds ${nok(data.amount)} carried from ${data.fromYear} into the ${data.toYear} frame`,
  }),
  EarmarkedFundsCarriedOver: ({ data }, names) => ({
    nb: `${names.initiative(data.initiativeId)}: ubrukt ${kr(data.amount)} overført øremerket til ${data.toYear}`,
    en: `${names.initiative(data.initiativeId)}: unspent ${nok(data.amount)} carried over earmarked to ${data.toYear}`,
  }),
  ReserveFundCarriedOver: ({ data }) => ({
    nb: `Fond ${kr(data.amount)} overført til ${data.toYear}`,
    en: `Reserve fund ${nok(data.amount)} carried over to ${data.toYear}`,
  }),
  PriorYearAdjustmentRecorded: ({ data }, names) => {
    const target =
      data.target.kind === 'frame'
        ? ['rammen', 'the frame']
        : data.target.kind === 'reserve'
          ? ['fondet', 'the reserve fund']
          : [`øremerket til ${names.initiative(data.target.initiativeId)}`, `earmarked for ${names.initiative(data.target.initiativeId)}`];
    return {
      nb: `Korreksjon av ${data.correctedYear} ført i ${data.year}: ${target[0]} ${kr(data.amountChange)}: ${data.reason}${citeIf(data.authority, 'nb')}`,
      en: `Correction of ${data.correctedYear} recorded in ${data.year}: ${target[1]} ${nok(data.amountChange)}: ${data.reason}${citeIf(data.authority, 'en')}`,
    };
  },
  ClosedYearCorrected: ({ data }, names) => {
    const what = correctedSubjectWords(data.subject, names);
    const changes = data.changes.map((change) => ({
      nb: `${data.changes.length > 1 ? `${change.year}: ` : ''}${kr(change.amountBefore)} → ${kr(change.amountAfter)}`,
      en: `${data.changes.length > 1 ? `${change.year}: ` : ''}${nok(change.amountBefore)} → ${nok(change.amountAfter)}`,
    }));
    const basis = (language: keyof Words) =>
      data.authority ? citeIf(data.authority, language) : data.reference ? `, ${language === 'nb' ? 'jf.' : 'see'} ${data.reference}` : '';
    return {
      nb: `Rettelse av ${data.correctedYear} ført i ${data.year}: ${what.nb} ${changes.map((change) => change.nb).join(', ')}: ${data.reason}${basis('nb')}`,
      en: `Correction of ${data.correctedYear} recorded in ${data.year}: ${what.en} ${changes.map((change) => change.en).join(', ')}: ${data.reason}${basis('en')}`,
    };
  },
  YearClosed: ({ data }) => ({
    nb: `${data.year} avregnet og lukket (forsegling ${data.seal.hash.slice(0, 12)}…)`,
    en: `${data.year} settled and closed (seal ${data.seal.hash.slice(0, 12)}…)`,
  }),
  ...openingDescribers,
};

/** What a correction of a closed year corrects, in words. */
function correctedSubjectWords(subject: EventDataOf<'ClosedYearCorrected'>['subject'], names: Names): Words {
  switch (subject.kind) {
    case 'grant': {
      const source = subject.fundedBy === 'reserve-fund' ? [' fra fondet', ' from the reserve fund'] : ['', ''];
      return {
        nb: `tildelingen${source[0]} til ${names.initiative(subject.initiativeId)}`,
        en: `the grant${source[1]} to ${names.initiative(subject.initiativeId)}`,
      };
    }
    case 'receipt':
      return { nb: 'mottatt tilskudd', en: 'the receipt' };
    case 'spending':
      return {
        nb: `forbruket til ${names.initiative(subject.initiativeId)}`,
        en: `the spending of ${names.initiative(subject.initiativeId)}`,
      };
    case 'release':
      return {
        nb: `frigjøringen for ${names.initiative(subject.initiativeId)}`,
        en: `the release for ${names.initiative(subject.initiativeId)}`,
      };
  }
}

/** What an event did, in words, in Norwegian and English. */
export function describeEvent(event: LedgerEvent, view: LedgerView): Words {
  const names: Names = {
    initiative: (id) => view.registry.initiatives.get(id)?.name ?? id,
    member: (id) => view.registry.members.get(id)?.name ?? id,
    partner: (id) => view.registry.partners.get(id)?.name ?? id,
  };
  return (describers[event.type] as Describer<EventType>)(event, names);
}
