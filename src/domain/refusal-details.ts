/**
 * What each refusal of the ledger carries: for every rule's code, its details and what kind
 * of value each one is. The kind says how a value is written for a reader: an amount as
 * `kr 1 000 000`, a date as `31.12.2025`, an id by the name it has in the registry or the
 * log. This table is the source of the codes (`domainErrorCodes`), of the details' types and
 * of what the words of each refusal (src/shared/refusal-words-*.ts) may use. A field whose
 * kind ends in `?` is given only by some of the rule's refusals.
 */

/** The kinds of value a refusal's details hold, and their types. */
interface DetailKinds {
  /** A canonical decimal string: `"12595000.00"`. */
  amount: string;
  /** A calendar date `YYYY-MM-DD`. */
  date: string;
  year: number;
  years: number[];
  /** A count of something (members, votes). */
  count: number;
  /** A case number `NN.YY`. */
  case: string;
  point: number;
  points: number[];
  alternative: number;
  alternatives: number[];
  initiative: string;
  'programme-area': string;
  partner: string;
  member: string;
  members: string[];
  grant: string;
  proposal: string;
  /** An event's id (a ULID). */
  event: string;
  /** What the registry keeps: `programme area`, `initiative`, `partner`, `committee member`. */
  'registry-kind': RegistryKind;
  /** The id of something of the `kind` the same details name. */
  registered: string;
  phase: string;
  /** How the committee decides a point. */
  rule: 'consensus' | 'unanimous' | 'majority';
  /** A tally key: `alt:2`, `yes`, `no`. */
  choice: string;
  /** Votes per tally key: `{ "alt:2": 4, "alt:1": 2 }`. */
  tally: Record<string, number>;
  /** Dissent as `point|member` keys. */
  dissent: string[];
  /** What a point authorises: `none`, `recommendation`, `allocation`, `reserve-fund`. */
  authorises: string;
  /** Why a proposed resolution is not valid. */
  'resolution-problem': 'point-twice' | 'one-alternative' | 'alternative-twice' | 'fund-without-amount' | 'grants-with-alternatives';
  /** Why an adoption does not fit the proposal. */
  'adoption-problem': 'point-twice' | 'alternative-missing' | 'no-alternatives' | 'amendment-without-table' | 'points-missing';
  /** What kind of event a correction must name. */
  'corrected-kind': 'receipt' | 'spending-report' | 'receipt-or-grant' | 'spending-or-grant' | 'release';
  /** A name as the ledger stores it. */
  name: string;
  /** An event type of the catalogue. */
  'event-type': string;
  /** Texts for the log only (the schema's issues with a derived event). */
  texts: string[];
}

export type RegistryKind = 'programme area' | 'initiative' | 'partner' | 'committee member';
export type DetailKind = keyof DetailKinds;
type KindSpec = DetailKind | `${DetailKind}?`;

const registryCodes = {
  'already-registered': { kind: 'registry-kind', id: 'registered' },
  'unknown-programme-area': { programmeAreaId: 'programme-area' },
  'unknown-initiative': { initiativeId: 'initiative' },
  'unknown-partner': { partnerId: 'partner' },
  'unknown-member': { memberId: 'member' },
  'phase-unchanged': { initiativeId: 'initiative', phase: 'phase' },
  'quorum-unchanged': { quorum: 'count' },
  'quorum-above-members': { quorum: 'count', members: 'count' },
  'before-initiative-registered': { initiativeId: 'initiative', initiativeName: 'name', registeredOn: 'date', effectiveDate: 'date' },
  'proposal-not-new': { caseNumber: 'case', proposalId: 'proposal', initiativeId: 'initiative' },
  'proposal-already-registered': { caseNumber: 'case', proposalId: 'proposal', initiativeId: 'initiative' },
  'initiative-dropped': { initiativeId: 'initiative', initiativeName: 'name', droppedOn: 'date', effectiveDate: 'date' },
  'initiative-not-dropped': { initiativeId: 'initiative', initiativeName: 'name', effectiveDate: 'date' },
  'status-change-out-of-order': { initiativeId: 'initiative', initiativeName: 'name', lastChangeOn: 'date', effectiveDate: 'date' },
  'activity-after-drop': {
    initiativeId: 'initiative',
    initiativeName: 'name',
    activity: 'event-type',
    activityOn: 'date',
    effectiveDate: 'date',
  },
  'drop-date-required': { initiativeId: 'initiative' },
  'organisation-unchanged': { name: 'name' },
} as const satisfies Record<string, Record<string, KindSpec>>;

const caseCodes = {
  'case-exists': { caseNumber: 'case' },
  'unknown-case': { caseNumber: 'case' },
  'meeting-date-outside-case-year': { caseNumber: 'case', meetingDate: 'date' },
  'proposal-exists': { caseNumber: 'case', proposalId: 'proposal' },
  'unknown-proposal': { caseNumber: 'case', proposalId: 'proposal' },
  'proposal-unchanged': { caseNumber: 'case', proposalId: 'proposal', amountRequested: 'amount?' },
  'before-proposal': { caseNumber: 'case', proposalId: 'proposal', submittedOn: 'date', effectiveDate: 'date' },
  'case-decided': { caseNumber: 'case' },
  'duplicate-recommendation-line': { year: 'year', initiativeId: 'initiative?', proposalId: 'proposal?' },
  'resolution-already-proposed': { caseNumber: 'case' },
  'no-proposed-resolution': { caseNumber: 'case' },
  'invalid-resolution': { pointNumber: 'point', problem: 'resolution-problem' },
  'unknown-point': { caseNumber: 'case', pointNumber: 'point', points: 'points' },
  'unknown-alternative': { pointNumber: 'point', alternativeNumber: 'alternative', alternatives: 'alternatives?' },
  'choice-does-not-fit-point': { pointNumber: 'point', alternatives: 'alternatives?' },
  'vote-after-resolution': { caseNumber: 'case' },
  'resolution-already-adopted': { caseNumber: 'case' },
  'adoption-does-not-match-proposal': { problem: 'adoption-problem', pointNumber: 'point?', missing: 'points?' },
  'unanimity-contradicted': {},
  'resolution-not-adopted': { caseNumber: 'case' },
  'before-case-opened': { caseNumber: 'case', openedOn: 'date', effectiveDate: 'date' },
  'before-resolution-adopted': { caseNumber: 'case', adoptedOn: 'date', effectiveDate: 'date' },
  'point-not-adopted': { caseNumber: 'case', pointNumber: 'point' },
  'before-resolution-proposed': { caseNumber: 'case', proposedOn: 'date', effectiveDate: 'date' },
  'before-meeting': { caseNumber: 'case', meetingDate: 'date', effectiveDate: 'date' },
  'member-not-registered-at-meeting': { memberId: 'member', registeredOn: 'date', meetingDate: 'date' },
  'adoption-before-votes': { caseNumber: 'case', lastVoteOn: 'date', effectiveDate: 'date' },
  'tally-does-not-carry': { pointNumber: 'point', decidedBy: 'rule', chosen: 'choice', votes: 'tally', blank: 'count' },
  'dissent-does-not-match-votes': { dissentSent: 'dissent', dissentFromVotes: 'dissent' },
  'voter-not-present': { membersAbsent: 'members' },
  'quorum-not-met': { membersTakingPart: 'count', quorum: 'count' },
  'not-a-meeting-day': { caseNumber: 'case', meetingDate: 'date', effectiveDate: 'date', continuedOn: 'date?' },
  'case-opened-after-meeting': { caseNumber: 'case', meetingDate: 'date', openedOn: 'date' },
  'meeting-already-continued': { caseNumber: 'case', continuedOn: 'date' },
} as const satisfies Record<string, Record<string, KindSpec>>;

const authorityCodes = {
  'point-authorises-no-grants': { caseNumber: 'case', pointNumber: 'point' },
  'point-authorises-reserve-fund-only': { caseNumber: 'case', pointNumber: 'point' },
  'point-authorises-no-reserve-fund': { caseNumber: 'case', pointNumber: 'point', authorises: 'authorises' },
  'authority-exceeded': {
    caseNumber: 'case',
    pointNumber: 'point',
    initiativeId: 'initiative',
    year: 'year',
    amountAuthorised: 'amount',
    amountGranted: 'amount',
    amountLeft: 'amount',
    amountAsked: 'amount',
  },
  'alternative-not-chosen': { caseNumber: 'case', pointNumber: 'point' },
  'alternative-has-no-amount': { caseNumber: 'case', pointNumber: 'point', alternativeNumber: 'alternative' },
  'reserve-fund-exists': { caseNumber: 'case', pointNumber: 'point' },
  'reserve-fund-year-mismatch': { caseNumber: 'case', pointNumber: 'point', year: 'year', yearAsked: 'year' },
} as const satisfies Record<string, Record<string, KindSpec>>;

const yearCodes = {
  'year-closed': { year: 'year', closedOn: 'date?', caseNumber: 'case?', grantId: 'grant?' },
  'later-year-closed': { year: 'year', closedYear: 'year', caseNumber: 'case?' },
  'frame-exceeded': {
    year: 'year',
    amountAsked: 'amount',
    amountLeft: 'amount',
    asOf: 'date',
    frame: 'amount',
    granted: 'amount',
    committed: 'amount',
    reserved: 'amount',
    expectedReceipt: 'amount?',
  },
  'grant-exists': { grantId: 'grant' },
  'unknown-grant': { grantId: 'grant', year: 'year' },
  'instalments-do-not-add-up': { amountTotal: 'amount', instalmentSum: 'amount' },
  'invalid-instalment-years': { years: 'years', year: 'year?' },
  'instalment-not-positive': { year: 'year', amount: 'amount' },
  'adjustment-below-used': {
    year: 'year',
    grantId: 'grant?',
    amountLowerable: 'amount?',
    initiativeId: 'initiative?',
    amountLeft: 'amount?',
    asOf: 'date?',
  },
  'release-exceeds-unspent': {
    year: 'year',
    amountUnspent: 'amount',
    amountAsked: 'amount',
    grantId: 'grant?',
    initiativeId: 'initiative?',
    amountEarmarked: 'amount?',
    asOf: 'date?',
  },
  'spending-exceeds-available': {
    initiativeId: 'initiative',
    year: 'year',
    amountAvailable: 'amount',
    amountAsked: 'amount',
    asOf: 'date',
  },
  'correction-below-zero': { amountChange: 'amount', amountReceived: 'amount?', amountReported: 'amount?' },
  'unknown-corrected-event': { eventId: 'event', year: 'year', expected: 'corrected-kind', initiativeId: 'initiative?' },
  'previous-year-open': { year: 'year', previousYear: 'year' },
  'frame-overspent': { year: 'year', amountOver: 'amount' },
  'effective-date-in-future': { effectiveDate: 'date', today: 'date' },
  'reserve-draw-single-year': { years: 'years' },
  'reserve-fund-exceeded': { year: 'year', amountLeft: 'amount', asOf: 'date', amountAsked: 'amount?' },
  'nothing-to-release': { initiativeId: 'initiative', year: 'year' },
  'plan-unchanged': { grantId: 'grant' },
  'plan-year-not-in-plan': { grantId: 'grant', year: 'year' },
  'before-corrected-event': { correctedOn: 'date', effectiveDate: 'date', eventId: 'event?', correctedYear: 'year?' },
  'corrected-year-open': { correctedYear: 'year', year: 'year' },
  'not-first-open-year': { year: 'year', firstOpenYear: 'year' },
  'receipt-below-commitments': { year: 'year', amountShort: 'amount', asOf: 'date', frame: 'amount' },
  'expectation-unchanged': { year: 'year', amount: 'amount' },
  'settlement-before-year-end': { year: 'year', effectiveDate: 'date', earliest: 'date' },
  'settlement-before-last-event': { year: 'year', effectiveDate: 'date', lastEventOn: 'date' },
  'settlement-before-previous': { year: 'year', effectiveDate: 'date', previousSettledOn: 'date' },
  'year-out-of-range': { year: 'year', firstYear: 'year', lastYear: 'year' },
  'amount-out-of-bounds': { amount: 'amount', bound: 'amount' },
  'before-grant': { grantId: 'grant', awardedOn: 'date', effectiveDate: 'date' },
  'derived-event-invalid': { eventType: 'event-type', issues: 'texts' },
  'received-in-future': { receivedOn: 'date', today: 'date' },
  'correction-unchanged': { amountStanding: 'amount' },
  'correction-of-open-year': { grantId: 'grant', year: 'year' },
  'correction-exceeds-remainder': { correctedYear: 'year', amountRemainder: 'amount', amountAsked: 'amount' },
  'correction-exceeds-carried': {
    initiativeId: 'initiative',
    initiativeName: 'name',
    correctedYear: 'year',
    amountCarried: 'amount',
    amountAsked: 'amount',
  },
  'correction-needs-basis': {},
  'opening-balance-not-first': { year: 'year', lastEventOn: 'date?', laterYear: 'year?' },
  'opening-balance-after-earlier-year': { year: 'year', earlierYear: 'year' },
  'opening-total-mismatch': { total: 'name', amountStated: 'amount', amountOfLines: 'amount' },
  'opening-line-duplicated': { initiativeId: 'initiative?', commitmentYear: 'year?', grantId: 'grant?' },
  'opening-commitment-year': { year: 'year', commitmentYear: 'year', lastYear: 'year' },
} as const satisfies Record<string, Record<string, KindSpec>>;

/** Every rule's code with its details' kinds. A new rule adds its code here, and its words in src/shared/refusal-words-*.ts. */
export const refusalDetails = { ...registryCodes, ...caseCodes, ...authorityCodes, ...yearCodes } as const;

export type DomainErrorCode = keyof typeof refusalDetails;
export type RegistryCode = keyof typeof registryCodes;
export type CaseCode = keyof typeof caseCodes;
export type AuthorityCode = keyof typeof authorityCodes;
export type YearCode = keyof typeof yearCodes;

type Spec<C extends DomainErrorCode> = (typeof refusalDetails)[C];
type Required<S> = { [K in keyof S as S[K] extends `${string}?` ? never : K]: S[K] extends DetailKind ? DetailKinds[S[K]] : never };
type Optional<S> = {
  [K in keyof S as S[K] extends `${string}?` ? K : never]?: S[K] extends `${infer B extends DetailKind}?` ? DetailKinds[B] : never;
};
type Flat<T> = { [K in keyof T]: T[K] };

/** The details of a refusal with the given code, typed by their kinds. */
export type DetailsOf<C extends DomainErrorCode> = Flat<Required<Spec<C>> & Optional<Spec<C>>>;

/** The kind of each detail of a code (`amount`, `date`, …) and whether every refusal of the rule gives it. */
export function detailKindsOf(code: DomainErrorCode): { name: string; kind: DetailKind; optional: boolean }[] {
  return Object.entries(refusalDetails[code] as Record<string, KindSpec>).map(([name, spec]) => ({
    name,
    kind: spec.replace(/\?$/, '') as DetailKind,
    optional: spec.endsWith('?'),
  }));
}
