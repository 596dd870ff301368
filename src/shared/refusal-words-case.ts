import type { CaseCode, DetailsOf } from '../domain/refusal-details.js';
import type { Say } from './refusal-say.js';
import type { WordsOf } from './refusal-words-types.js';

/** The cases' refusals in words: opening, proposals, the proposed resolution, votes and the adoption. */

const yearOfCase = (caseNumber: string) => 2000 + Number(caseNumber.slice(3, 5));

const resolutionProblems: Record<DetailsOf<'invalid-resolution'>['problem'], { nb: string; en: string }> = {
  'point-twice': {
    nb: 'står to ganger i forslaget; hvert punkt har sitt eget nummer',
    en: 'appears twice; each point has a number of its own',
  },
  'one-alternative': { nb: 'har bare ett alternativ; et valg trenger minst to', en: 'has one alternative; a choice needs two or more' },
  'alternative-twice': { nb: 'har to alternativer med samme nummer', en: 'has two alternatives with the same number' },
  'fund-without-amount': {
    nb: 'setter av et fond, men ingen av alternativene har et beløp',
    en: 'sets up a reserve fund, but none of its alternatives names an amount',
  },
  'grants-with-alternatives': {
    nb: 'gir hjemmel for tildelinger; beløpene kommer fra en tabell, ikke fra alternativer',
    en: 'authorises grants; their amounts come from a table, not from alternatives',
  },
};

function adoptionMismatch(d: DetailsOf<'adoption-does-not-match-proposal'>, s: Say): string {
  const nb = s.lang === 'nb';
  const point = `${nb ? 'punkt' : 'point'} ${d.pointNumber ?? ''}`;
  switch (d.problem) {
    case 'point-twice':
      return nb ? `${point} er avgjort to ganger i vedtaket.` : `${point} is decided twice.`;
    case 'alternative-missing':
      return nb
        ? `${point} har alternativer; si hvilket som ble valgt (for eksempel ${d.pointNumber}=alt:1).`
        : `${point} has alternatives; say which one was chosen (such as ${d.pointNumber}=alt:1).`;
    case 'no-alternatives':
      return nb ? `${point} har ingen alternativer å velge mellom.` : `${point} has no alternatives to choose from.`;
    case 'amendment-without-table':
      return nb
        ? `${point} gir ikke hjemmel for en tabell over tildelinger; bare en vedtatt tabell kan endres i møtet.`
        : `${point} authorises no table of grants; only an adopted table can be amended at the meeting.`;
    case 'points-missing': {
      const missing = d.missing ?? [];
      if (nb) return `Vedtaket må avgjøre hvert punkt; punkt ${s.list(missing)} mangler.`;
      return `The resolution must decide every point; ${missing.length === 1 ? 'point' : 'points'} ${s.list(missing)} ${missing.length === 1 ? 'is' : 'are'} missing.`;
    }
  }
}

/** Why the votes do not carry a point under its rule, counted from the tally. */
function tallyReason(d: DetailsOf<'tally-does-not-carry'>, s: Say): string {
  const nb = s.lang === 'nb';
  if (d.decidedBy === 'consensus') return nb ? 'I konsensus stemmer ingen mot.' : 'A consensus has no vote against.';
  if (d.decidedBy === 'unanimous') return nb ? 'Et enstemmig vedtak har alle stemmer for.' : 'A unanimous decision has every vote for it.';
  return nb ? 'Et flertallsvedtak har flere stemmer enn noe annet valg.' : 'A majority has more votes than any other choice.';
}

export const caseWords: WordsOf<CaseCode> = {
  'case-exists': {
    fields: ['caseNumber'],
    example: { caseNumber: '22.25' },
    nb: (d) => `Sak ${d.caseNumber} finnes fra før (ledger case ${d.caseNumber}).`,
    en: (d) => `Case ${d.caseNumber} already exists (ledger case ${d.caseNumber}).`,
  },
  'unknown-case': {
    fields: ['caseNumber', 'authority.caseNumber', 'fromProposal'],
    example: { caseNumber: '23.25' },
    nb: (d) => `Sak ${d.caseNumber} er ikke åpnet; åpne den først (ledger case open ${d.caseNumber}), eller se sakene (ledger list cases).`,
    en: (d) => `Case ${d.caseNumber} is not open; open it first (ledger case open ${d.caseNumber}), or see the cases (ledger list cases).`,
  },
  'meeting-date-outside-case-year': {
    fields: ['meetingDate', 'caseNumber'],
    example: { caseNumber: '22.25', meetingDate: '2026-01-15' },
    nb: (d, s) => `Sak ${d.caseNumber} hører etter nummeret til ${yearOfCase(d.caseNumber)}, men møtedatoen er ${s.date(d.meetingDate)}.`,
    en: (d, s) =>
      `Case ${d.caseNumber} belongs by its number to ${yearOfCase(d.caseNumber)}, but the meeting date is ${s.date(d.meetingDate)}.`,
  },
  'proposal-exists': {
    fields: ['proposalId'],
    example: { caseNumber: '22.25', proposalId: 'p25-vip' },
    nb: (d, s) => `Id-en ${s.quoted(d.proposalId)} er allerede brukt av ${s.proposal(d.caseNumber, d.proposalId)} i sak ${d.caseNumber}.`,
    en: (d, s) => `The id ${s.quoted(d.proposalId)} is already used by ${s.proposal(d.caseNumber, d.proposalId)} in case ${d.caseNumber}.`,
  },
  'unknown-proposal': {
    fields: ['proposalId', 'fromProposal', 'lines', 'target'],
    example: { caseNumber: '22.25', proposalId: 'p25-vipp' },
    nb: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} finnes ikke i sak ${d.caseNumber} (ledger case ${d.caseNumber} viser innspillene).`,
    en: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} is not in case ${d.caseNumber} (ledger case ${d.caseNumber} shows its proposals).`,
  },
  'proposal-unchanged': {
    fields: ['amountRequested'],
    example: { caseNumber: '22.25', proposalId: 'p25-vip', amountRequested: '3000000.00' },
    variants: [{ caseNumber: '22.25', proposalId: 'p25-vip' }],
    nb: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} ber allerede om ${d.amountRequested === undefined ? 'ikke noe beløp' : s.amount(d.amountRequested)}.`,
    en: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} already requests ${d.amountRequested === undefined ? 'no amount' : s.amount(d.amountRequested)}.`,
  },
  'before-proposal': {
    fields: ['effectiveDate'],
    example: { caseNumber: '22.25', proposalId: 'p25-vip', submittedOn: '2025-08-20', effectiveDate: '2025-08-01' },
    nb: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} ble levert ${s.date(d.submittedOn)}; det som bygger på det, kan ikke gjelde fra ${s.date(d.effectiveDate)}.`,
    en: (d, s) =>
      `${s.proposal(d.caseNumber, d.proposalId)} was submitted on ${s.date(d.submittedOn)}; what rests on it cannot take effect on ${s.date(d.effectiveDate)}.`,
  },
  'case-decided': {
    fields: [],
    example: { caseNumber: '22.25' },
    nb: (d) => `Sak ${d.caseNumber} er avgjort; innspill, anbefaling og forslag til vedtak er endelige.`,
    en: (d) => `Case ${d.caseNumber} is decided; its proposals, recommendation and proposed resolution are final.`,
  },
  'duplicate-recommendation-line': {
    fields: ['lines', 'amendments'],
    example: { year: 2025, initiativeId: 'vip' },
    variants: [{ year: 2025, proposalId: 'p25-psykisk-helse-voksne' }],
    nb: (d, s) =>
      `${d.initiativeId !== undefined ? s.initiative(d.initiativeId) : s.proposal(undefined, d.proposalId ?? '')} står to ganger for ${d.year}; hver satsning har én linje per år.`,
    en: (d, s) =>
      `${d.initiativeId !== undefined ? s.initiative(d.initiativeId) : s.proposal(undefined, d.proposalId ?? '')} appears twice for ${d.year}; each initiative has one line a year.`,
  },
  'resolution-already-proposed': {
    fields: [],
    example: { caseNumber: '22.25' },
    nb: (d) => `Sak ${d.caseNumber} har allerede et forslag til vedtak.`,
    en: (d) => `Case ${d.caseNumber} already has a proposed resolution.`,
  },
  'no-proposed-resolution': {
    fields: ['authority.caseNumber'],
    example: { caseNumber: '22.25' },
    nb: (d) => `Sak ${d.caseNumber} har ikke noe forslag til vedtak ennå; foreslå det først (ledger resolution propose ${d.caseNumber}).`,
    en: (d) => `Case ${d.caseNumber} has no proposed resolution yet; propose it first (ledger resolution propose ${d.caseNumber}).`,
  },
  'invalid-resolution': {
    fields: (d) => [`points.${d.pointNumber}`, 'points'],
    example: { pointNumber: 2, problem: 'one-alternative' },
    variants: (['point-twice', 'alternative-twice', 'fund-without-amount', 'grants-with-alternatives'] as const).map((problem) => ({
      pointNumber: 2,
      problem,
    })),
    nb: (d) => `Punkt ${d.pointNumber} ${resolutionProblems[d.problem].nb}.`,
    en: (d) => `Point ${d.pointNumber} ${resolutionProblems[d.problem].en}.`,
  },
  'unknown-point': {
    fields: ['authority.pointNumber', 'pointNumber', 'points'],
    example: { caseNumber: '22.25', pointNumber: 5, points: [1, 2, 3, 4] },
    nb: (d, s) => `Sak ${d.caseNumber} har ikke noe punkt ${d.pointNumber}; punktene er ${s.list(d.points)}.`,
    en: (d, s) => `Case ${d.caseNumber} has no point ${d.pointNumber}; its points are ${s.list(d.points)}.`,
  },
  'unknown-alternative': {
    fields: (d) => [`points.${d.pointNumber}.alternativeNumber`, 'choice'],
    example: { pointNumber: 2, alternativeNumber: 4, alternatives: [1, 2, 3] },
    variants: [{ pointNumber: 2, alternativeNumber: 4 }],
    nb: (d, s) =>
      `Punkt ${d.pointNumber} har ikke alternativ ${d.alternativeNumber}${d.alternatives ? `; alternativene er ${s.list(d.alternatives)}` : ''}.`,
    en: (d, s) =>
      `Point ${d.pointNumber} has no alternative ${d.alternativeNumber}${d.alternatives ? `; its alternatives are ${s.list(d.alternatives)}` : ''}.`,
  },
  'choice-does-not-fit-point': {
    fields: ['choice'],
    example: { pointNumber: 2, alternatives: [1, 2, 3] },
    variants: [{ pointNumber: 1 }],
    nb: (d, s) =>
      d.alternatives && d.alternatives.length > 0
        ? `Punkt ${d.pointNumber} avgjøres ved å velge ett av alternativene ${s.list(d.alternatives.map((n) => `alt. ${n}`))}, ikke med ja eller nei.`
        : `Punkt ${d.pointNumber} har ingen alternativer; stem ja, nei eller blankt.`,
    en: (d, s) =>
      d.alternatives && d.alternatives.length > 0
        ? `Point ${d.pointNumber} is decided by choosing one of ${s.list(d.alternatives.map((n) => `alt. ${n}`))}, not by yes or no.`
        : `Point ${d.pointNumber} has no alternatives; vote yes, no or blank.`,
  },
  'vote-after-resolution': {
    fields: [],
    example: { caseNumber: '22.25' },
    nb: (d) => `Sak ${d.caseNumber} er avgjort; stemmegivningen er avsluttet.`,
    en: (d) => `Case ${d.caseNumber} is decided; voting is closed.`,
  },
  'resolution-already-adopted': {
    fields: [],
    example: { caseNumber: '22.25' },
    nb: (d) => `Vedtaket i sak ${d.caseNumber} er allerede registrert.`,
    en: (d) => `The resolution of case ${d.caseNumber} is already recorded.`,
  },
  'adoption-does-not-match-proposal': {
    fields: (d) =>
      d.pointNumber === undefined ? ['points'] : [`points.${d.pointNumber}.alternativeNumber`, `points.${d.pointNumber}`, 'points'],
    example: { problem: 'alternative-missing', pointNumber: 2 },
    variants: [
      { problem: 'point-twice', pointNumber: 2 },
      { problem: 'no-alternatives', pointNumber: 1 },
      { problem: 'amendment-without-table', pointNumber: 3 },
      { problem: 'points-missing', missing: [3, 4] },
    ],
    nb: adoptionMismatch,
    en: adoptionMismatch,
  },
  'unanimity-contradicted': {
    fields: ['decidedBy'],
    example: {},
    nb: () => 'Et enstemmig vedtak kan ikke ha dissens.',
    en: () => 'A unanimous resolution has no dissent.',
  },
  'resolution-not-adopted': {
    fields: ['authority.caseNumber', 'authority'],
    example: { caseNumber: '22.25' },
    nb: (d) =>
      `Sak ${d.caseNumber} har ikke noe vedtak å vise til ennå; registrer vedtaket først (ledger resolution adopt ${d.caseNumber}).`,
    en: (d) =>
      `Case ${d.caseNumber} has no adopted resolution to cite yet; record the adoption first (ledger resolution adopt ${d.caseNumber}).`,
  },
  'before-case-opened': {
    fields: ['effectiveDate'],
    example: { caseNumber: '22.25', openedOn: '2025-08-15', effectiveDate: '2025-08-01' },
    nb: (d, s) => `Sak ${d.caseNumber} ble åpnet ${s.date(d.openedOn)}; ingenting i den kan gjelde fra ${s.date(d.effectiveDate)}.`,
    en: (d, s) => `Case ${d.caseNumber} was opened on ${s.date(d.openedOn)}; nothing in it can take effect on ${s.date(d.effectiveDate)}.`,
  },
  'before-resolution-adopted': {
    fields: ['effectiveDate'],
    example: { caseNumber: '22.25', adoptedOn: '2025-09-18', effectiveDate: '2025-09-01' },
    nb: (d, s) =>
      `Sak ${d.caseNumber} ble vedtatt ${s.date(d.adoptedOn)}; det vedtaket gir hjemmel for, kan ikke gjelde fra ${s.date(d.effectiveDate)}.`,
    en: (d, s) =>
      `Case ${d.caseNumber} was decided on ${s.date(d.adoptedOn)}; what it authorises cannot take effect on ${s.date(d.effectiveDate)}.`,
  },
  'point-not-adopted': {
    fields: ['authority.pointNumber', 'authority'],
    example: { caseNumber: '22.25', pointNumber: 3 },
    nb: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} ble ikke vedtatt, og gir ikke hjemmel for noe.`,
    en: (d, s) => `${s.point(d.caseNumber, d.pointNumber)} was not adopted, so it authorises nothing.`,
  },
  'before-resolution-proposed': {
    fields: ['effectiveDate'],
    example: { caseNumber: '22.25', proposedOn: '2025-09-01', effectiveDate: '2025-08-30' },
    nb: (d, s) =>
      `Forslaget til vedtak i sak ${d.caseNumber} ble fremmet ${s.date(d.proposedOn)}; dette kan ikke gjelde fra ${s.date(d.effectiveDate)}.`,
    en: (d, s) =>
      `The resolution of case ${d.caseNumber} was proposed on ${s.date(d.proposedOn)}; this cannot take effect on ${s.date(d.effectiveDate)}.`,
  },
  'before-meeting': {
    fields: ['effectiveDate'],
    example: { caseNumber: '22.25', meetingDate: '2025-09-18', effectiveDate: '2025-09-17' },
    nb: (d, s) =>
      `Sak ${d.caseNumber} avgjøres i møtet ${s.date(d.meetingDate)}; stemmer og vedtak gjelder fra møtedagen, ikke fra ${s.date(d.effectiveDate)}.`,
    en: (d, s) =>
      `Case ${d.caseNumber} is decided at the meeting of ${s.date(d.meetingDate)}; votes and the adoption take effect from that day, not ${s.date(d.effectiveDate)}.`,
  },
  'not-a-meeting-day': {
    fields: ['effectiveDate'],
    example: { caseNumber: '22.25', meetingDate: '2025-09-18', effectiveDate: '2025-10-02' },
    variants: [{ caseNumber: '22.25', meetingDate: '2025-09-18', effectiveDate: '2025-10-02', continuedOn: '2025-09-25' }],
    nb: (d, s) =>
      `Sak ${d.caseNumber} ble behandlet i møtet ${s.date(d.meetingDate)}${d.continuedOn ? ` (fortsatt ${s.date(d.continuedOn)})` : ''}; stemmer og vedtak dateres på en møtedag, ikke ${s.date(d.effectiveDate)}. Fortsatte møtet den dagen, registrer det først (ledger case continue ${d.caseNumber} --on ${d.effectiveDate}).`,
    en: (d, s) =>
      `Case ${d.caseNumber} was dealt with at the meeting of ${s.date(d.meetingDate)}${d.continuedOn ? ` (continued on ${s.date(d.continuedOn)})` : ''}; votes and the adoption are dated on a day of the meeting, not ${s.date(d.effectiveDate)}. If the meeting continued that day, record that first (ledger case continue ${d.caseNumber} --on ${d.effectiveDate}).`,
  },
  'case-opened-after-meeting': {
    fields: ['meetingDate', 'effectiveDate'],
    example: { caseNumber: '22.25', meetingDate: '2025-09-18', openedOn: '2026-04-10' },
    nb: (d, s) =>
      `Sak ${d.caseNumber} skal behandles i møtet ${s.date(d.meetingDate)}; den kan ikke være åpnet ${s.date(d.openedOn)}, etter møtet. Oppgi dagen saken ble åpnet (--date).`,
    en: (d, s) =>
      `Case ${d.caseNumber} is dealt with at the meeting of ${s.date(d.meetingDate)}; it cannot have been opened on ${s.date(d.openedOn)}, after the meeting. Give the day the case was opened (--date).`,
  },
  'meeting-already-continued': {
    fields: ['date'],
    example: { caseNumber: '22.25', continuedOn: '2025-09-18' },
    nb: (d, s) => `Komiteen møtes allerede om sak ${d.caseNumber} ${s.date(d.continuedOn)}.`,
    en: (d, s) => `The committee already meets on case ${d.caseNumber} on ${s.date(d.continuedOn)}.`,
  },
  'member-not-registered-at-meeting': {
    fields: ['memberId', 'membersPresent'],
    example: { memberId: 'nestleder', registeredOn: '2025-10-01', meetingDate: '2025-09-18' },
    nb: (d, s) =>
      `${s.member(d.memberId)} ble registrert som medlem ${s.date(d.registeredOn)}, etter møtet ${s.date(d.meetingDate)}, og kan ikke stemme i det.`,
    en: (d, s) =>
      `${s.member(d.memberId)} was registered as a member on ${s.date(d.registeredOn)}, after the meeting of ${s.date(d.meetingDate)}, and cannot vote in it.`,
  },
  'adoption-before-votes': {
    fields: ['effectiveDate'],
    example: { caseNumber: '22.25', lastVoteOn: '2025-09-19', effectiveDate: '2025-09-18' },
    nb: (d, s) =>
      `En stemme i sak ${d.caseNumber} gjelder fra ${s.date(d.lastVoteOn)}; vedtaket kan ikke gjelde fra ${s.date(d.effectiveDate)}, før den.`,
    en: (d, s) =>
      `A vote in case ${d.caseNumber} took effect on ${s.date(d.lastVoteOn)}; the adoption cannot take effect on ${s.date(d.effectiveDate)}, before it.`,
  },
  'tally-does-not-carry': {
    fields: (d) => [`points.${d.pointNumber}.decidedBy`, 'decidedBy'],
    example: { pointNumber: 2, decidedBy: 'majority', chosen: 'alt:2', votes: { 'alt:1': 3, 'alt:2': 3 }, blank: 0 },
    variants: [
      { pointNumber: 2, decidedBy: 'consensus', chosen: 'alt:2', votes: { 'alt:1': 2, 'alt:2': 4 }, blank: 0 },
      { pointNumber: 1, decidedBy: 'unanimous', chosen: 'yes', votes: { yes: 5 }, blank: 1 },
    ],
    nb: (d, s) =>
      `Stemmene på punkt ${d.pointNumber} (${s.tally(d.votes)}, ${s.count(d.blank, 'én blank', 'blanke')}) bærer ikke et vedtak ${s.rule(d.decidedBy)} for ${s.choice(d.chosen)}. ${tallyReason(d, s)}`,
    en: (d, s) =>
      `The votes on point ${d.pointNumber} (${s.tally(d.votes)}, ${s.count(d.blank, 'one blank', 'blank')}) do not carry a decision ${s.rule(d.decidedBy)} for ${s.choice(d.chosen)}. ${tallyReason(d, s)}`,
  },
  'dissent-does-not-match-votes': {
    fields: ['dissent'],
    example: { dissentSent: [], dissentFromVotes: ['2|nestleder'] },
    variants: [{ dissentSent: ['2|leder'], dissentFromVotes: [] }],
    nb: (d, s) =>
      `Dissensen stemmer ikke med stemmene: sendt er ${s.dissent(d.dissentSent)}, men stemmene viser ${s.dissent(d.dissentFromVotes)}. Send den dissensen stemmene viser, eller ingen, så regnes den ut av stemmene.`,
    en: (d, s) =>
      `The dissent does not match the votes: ${s.dissent(d.dissentSent)} was sent, but the votes show ${s.dissent(d.dissentFromVotes)}. Send the dissent the votes show, or none, and it is worked out from the votes.`,
  },
  'voter-not-present': {
    fields: ['membersPresent'],
    example: { membersAbsent: ['leder', 'nestleder'] },
    nb: (d, s) => `${s.members(d.membersAbsent)} stemte, men er ikke ført som til stede; den som stemte, var til stede.`,
    en: (d, s) => `${s.members(d.membersAbsent)} voted but are not recorded as present; whoever voted was present.`,
  },
  'quorum-not-met': {
    fields: ['membersPresent'],
    example: { membersTakingPart: 0, quorum: 4 },
    variants: [{ membersTakingPart: 1, quorum: 4 }],
    nb: (d, s) =>
      `${s.count(d.membersTakingPart, 'ett medlem', 'medlemmer')} deltok; SSU er beslutningsdyktig når minst ${d.quorum} deltar (de som stemte og de som er ført som til stede).`,
    en: (d, s) =>
      `${s.count(d.membersTakingPart, 'one member', 'members')} took part; the committee decides when at least ${d.quorum} take part (those who voted and those recorded present).`,
  },
};
