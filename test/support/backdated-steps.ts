import fc from 'fast-check';
import type { CommandResult } from '../../src/app/command-handler.js';
import { basics, type Given } from './spec.js';

/**
 * Random command sequences for the as-of property test: every command of the money and
 * the votes of a small case, each with an effective date drawn from a few dates over
 * 2025–2027 in any order — so most are backdated behind what is already recorded. A step
 * names what it acts on by index (the n-th grant recorded, …); `toCommand` resolves it
 * against what was recorded so far. Many steps are refused, as they would be in use.
 */

const DATES = [
  '2025-01-15',
  '2025-02-20',
  '2025-03-10',
  '2025-04-15',
  '2025-06-01',
  '2025-06-20',
  '2025-09-01',
  '2025-11-15',
  '2025-12-31',
  '2026-01-10',
  '2026-02-15',
  '2026-05-01',
  '2026-08-01',
  '2026-11-01',
  '2026-12-31',
  '2027-01-15',
  '2027-02-20',
] as const;

/** The clock of the property: every date above has come. */
export const TODAY = '2027-03-01T10:00:00Z';
export const YEARS = [2025, 2026, 2027] as const;

const allocation = (fundedBy: 'frame' | 'reserve-fund', amount: string) => ({
  kind: 'allocation' as const,
  fundedBy,
  lines: ['tiltak', 'annet'].flatMap((initiativeId) => YEARS.map((year) => ({ target: { initiativeId }, year, amount }))),
});

/**
 * Two initiatives, three members, 1 000 000 received for 2025, and two cases: 01.25
 * adopted at its meeting (point 1 grants from the frame, point 2 a 2025 reserve fund,
 * point 3 draws on the fund), and 02.25 (meeting 1 June 2025) left for the steps to vote
 * on and adopt (point 1 grants, point 2 a 2026 reserve fund).
 */
export const setup: Given[] = [
  ...basics.slice(0, 8),
  { type: 'RegisterCommitteeMember', memberId: 'tredje', name: 'Tredje', partnerId: 'si', effectiveDate: '2025-01-02' },
  { type: 'OpenCase', caseNumber: '01.25', meetingDate: '2025-02-20', title: 'Prioritering', effectiveDate: '2025-01-20' },
  {
    type: 'ProposeResolution',
    caseNumber: '01.25',
    effectiveDate: '2025-01-20',
    points: [
      { number: 1, text: 'Tildeling', alternatives: [], authorises: allocation('frame', '3000000') },
      {
        number: 2,
        text: 'Fond',
        alternatives: [
          { number: 1, label: 'Alt. 1', amount: '300000' },
          { number: 2, label: 'Alt. 2', amount: '200000' },
        ],
        authorises: { kind: 'reserve-fund', year: 2025 },
      },
      { number: 3, text: 'Fra fondet', alternatives: [], authorises: allocation('reserve-fund', '400000') },
    ],
  },
  {
    type: 'AdoptResolution',
    caseNumber: '01.25',
    points: [
      { number: 1, outcome: 'adopted' },
      { number: 2, outcome: 'adopted', alternativeNumber: 1 },
      { number: 3, outcome: 'adopted' },
    ],
    decidedBy: 'consensus',
    effectiveDate: '2025-02-20',
  },
  { type: 'OpenCase', caseNumber: '02.25', meetingDate: '2025-06-01', title: 'Oppfølging', effectiveDate: '2025-05-01' },
  // Continued twice, so votes and the adoption fall on one of three days.
  { type: 'ContinueMeeting', caseNumber: '02.25', date: '2025-09-01', reason: 'Fortsatt møte', effectiveDate: '2025-05-01' },
  { type: 'ContinueMeeting', caseNumber: '02.25', date: '2025-11-15', reason: 'Fortsatt møte', effectiveDate: '2025-05-01' },
  {
    type: 'ProposeResolution',
    caseNumber: '02.25',
    effectiveDate: '2025-05-01',
    points: [
      { number: 1, text: 'Tildeling', alternatives: [], authorises: allocation('frame', '500000') },
      {
        number: 2,
        text: 'Fond 2026',
        alternatives: [
          { number: 1, label: 'Alt. 1', amount: '150000' },
          { number: 2, label: 'Alt. 2: ikke etablere', amount: null },
        ],
        authorises: { kind: 'reserve-fund', year: 2026 },
      },
    ],
  },
];

const AUTHORITIES = [
  { caseNumber: '01.25', pointNumber: 1 },
  { caseNumber: '01.25', pointNumber: 3 },
  { caseNumber: '02.25', pointNumber: 1 },
] as const;
const RESERVE_POINTS = [
  { caseNumber: '01.25', pointNumber: 2, year: 2025 },
  { caseNumber: '02.25', pointNumber: 2, year: 2026 },
] as const;

const date = fc.constantFrom(...DATES);
/** The days the committee met on case 02.25 (its meeting, and the two days it was continued), and one it did not. */
const meetingDate = fc.constantFrom('2025-06-01', '2025-09-01', '2025-11-15', '2025-06-01', '2025-09-01', '2025-11-15', '2026-01-10');
/** The dates a settlement, and what follows one, can take effect on. */
const lateDate = fc.constantFrom(...DATES.filter((day) => day >= '2025-12-31'));
const year = fc.constantFrom(...YEARS);
const initiative = fc.constantFrom('tiltak', 'annet');
const pick = fc.nat(7);
/** An amount in øre — small (up to 50 000 kroner), middling or large (up to 1 500 000) alike — as a decimal string. */
const ore = fc.oneof(
  fc.integer({ min: 1, max: 5_000_000 }),
  fc.integer({ min: 5_000_000, max: 50_000_000 }),
  fc.integer({ min: 50_000_000, max: 150_000_000 }),
);
const amount = ore.map((value) => (value / 100).toFixed(2));
/** Spending and releases come in smaller amounts than grants: mostly up to 50 000 kroner. */
const spent = fc
  .oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 5_000_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 5_000_000, max: 50_000_000 }) },
  )
  .map((value) => (value / 100).toFixed(2));
const change = fc.tuple(ore, fc.boolean()).map(([value, down]) => `${down ? '-' : ''}${(value / 100).toFixed(2)}`);

export type Step =
  | { kind: 'receive'; year: number; amount: string; date: string }
  | { kind: 'correct-receipt'; pick: number; change: string; date: string }
  | { kind: 'expect'; year: number; amount: string; date: string }
  | { kind: 'grant'; year: number; initiative: string; amount: string; years: number; authority: number; date: string }
  | { kind: 'adjust'; pick: number; yearPick: number; change: string; authority: number; date: string }
  | { kind: 'plan'; pick: number; amounts: string[]; date: string }
  | { kind: 'release'; pick: number; yearPick: number; amount: string; date: string }
  | { kind: 'release-earmark'; pick: number; amount: string; date: string }
  | { kind: 'drop'; pick: number; yearPick: number; date: string }
  | { kind: 'spend'; pick: number; yearPick: number; amount: string; date: string }
  | { kind: 'correct-spending'; pick: number; change: string; date: string }
  | { kind: 'reserve'; which: number; date: string }
  | { kind: 'prior-year'; year: number; pick: number; earmark: boolean; change: string; date: string }
  | { kind: 'vote'; member: string; point: number; choice: number; date: string }
  | { kind: 'adopt'; decidedBy: 'consensus' | 'unanimous' | 'majority'; pointOne: boolean; alternative: number; date: string }
  | { kind: 'settle'; year: number; date: string }
  | { kind: 'end'; initiative: string; restart: boolean; date: string };

const step = <K extends Step['kind'], R extends Record<string, fc.Arbitrary<unknown>>>(kind: K, fields: R) =>
  fc.record({ kind: fc.constant(kind), ...fields }) as unknown as fc.Arbitrary<Extract<Step, { kind: K }>>;

const receiveStep = step('receive', { year, amount, date });
const grantStep = step('grant', {
  year: fc.constantFrom(2025, 2026),
  initiative,
  amount,
  years: fc.constantFrom(1, 1, 1, 2, 3),
  authority: fc.constantFrom(0, 0, 0, 1, 2),
  date,
});

/** One step; the weights favour what moves money on many days. */
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: receiveStep },
  { weight: 1, arbitrary: step('correct-receipt', { pick, change, date }) },
  { weight: 1, arbitrary: step('expect', { year: fc.constantFrom(2026, 2027), amount, date }) },
  { weight: 8, arbitrary: grantStep },
  { weight: 2, arbitrary: step('adjust', { pick, yearPick: fc.nat(2), change, authority: fc.constantFrom(0, 0, 1, 2), date }) },
  {
    weight: 2,
    arbitrary: step('plan', { pick, amounts: fc.array(fc.oneof(amount, fc.constant('0')), { minLength: 1, maxLength: 3 }), date }),
  },
  { weight: 2, arbitrary: step('release', { pick, yearPick: fc.nat(2), amount: spent, date }) },
  { weight: 1, arbitrary: step('release-earmark', { pick, amount: spent, date: lateDate }) },
  { weight: 1, arbitrary: step('drop', { pick, yearPick: fc.nat(3), date }) },
  { weight: 1, arbitrary: step('end', { initiative, restart: fc.boolean(), date }) },
  { weight: 6, arbitrary: step('spend', { pick, yearPick: fc.nat(2), amount: spent, date }) },
  { weight: 1, arbitrary: step('correct-spending', { pick, change, date }) },
  { weight: 1, arbitrary: step('reserve', { which: fc.nat(1), date }) },
  { weight: 1, arbitrary: step('prior-year', { year: fc.constantFrom(2026, 2027), pick, earmark: fc.boolean(), change, date: lateDate }) },
  {
    weight: 3,
    arbitrary: step('vote', {
      member: fc.constantFrom('leder', 'nestleder', 'tredje'),
      point: fc.constantFrom(1, 2),
      choice: fc.nat(2),
      date: meetingDate,
    }),
  },
  {
    weight: 2,
    arbitrary: step('adopt', {
      decidedBy: fc.constantFrom('consensus' as const, 'unanimous' as const, 'majority' as const),
      pointOne: fc.boolean(),
      alternative: fc.constantFrom(1, 2),
      date: meetingDate,
    }),
  },
  { weight: 2, arbitrary: step('settle', { year: fc.constantFrom(2025, 2025, 2026), date: lateDate }) },
);

/**
 * A sequence of steps: a few receipts and grants first (on random dates too), so that most
 * sequences have money to spend, release, re-plan and settle; then any steps.
 */
export const stepsArbitrary: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.array(fc.oneof(receiveStep, grantStep, grantStep), { minLength: 2, maxLength: 6 }),
    fc.array(stepArbitrary, { minLength: 8, maxLength: 36 }),
  )
  .map(([first, rest]) => [...first, ...rest]);

/** What the steps can name: the events recorded so far, by kind. */
export class Recorded {
  readonly receipts: { id: string; year: number; amount: string }[] = [];
  readonly grants: {
    grantId: string;
    years: number[];
    awardYear: number;
    eventId: string;
    initiativeId: string;
    instalments: { year: number; amount: string }[];
  }[] = [];
  readonly reports: { id: string; year: number; initiativeId: string; amount: string }[] = [];
  readonly releases: { id: string; year: number; amount: string }[] = [];

  note(result: CommandResult): void {
    for (const event of result.events) {
      const data = event.data as Record<string, unknown>;
      if (event.type === 'FundsReceived') this.receipts.push({ id: event.id, year: data.year as number, amount: data.amount as string });
      if (event.type === 'FundsReleased') this.releases.push({ id: event.id, year: data.year as number, amount: data.amount as string });
      if (event.type === 'SpendingReported')
        this.reports.push({
          id: event.id,
          year: data.year as number,
          initiativeId: data.initiativeId as string,
          amount: data.amount as string,
        });
      if (event.type === 'GrantAwarded') {
        const instalments = data.instalments as { year: number; amount: string }[];
        this.grants.push({
          grantId: data.grantId as string,
          years: instalments.map((instalment) => instalment.year),
          awardYear: data.year as number,
          eventId: event.id,
          initiativeId: data.initiativeId as string,
          instalments,
        });
      }
    }
  }
}

const nth = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

/** The command a step stands for, given what was recorded so far; null when it names nothing there is. */
export function toCommand(step: Step, recorded: Recorded, serial: number): Given | null {
  const effectiveDate = step.date;
  switch (step.kind) {
    case 'receive':
      return { type: 'ReceiveFunds', year: step.year, amount: step.amount, reference: 'Tilskudd', receivedOn: step.date, effectiveDate };
    case 'correct-receipt': {
      const receipt = nth(recorded.receipts, step.pick);
      if (!receipt) return null;
      const { id, year } = receipt;
      return { type: 'CorrectReceipt', year, correctsEventId: id, amountChange: step.change, reason: 'Feilført', effectiveDate };
    }
    case 'expect':
      return { type: 'RecordExpectedReceipt', year: step.year, amount: step.amount, effectiveDate };
    case 'grant': {
      const plan = step.years === 1 ? { amount: step.amount } : { amountTotal: step.amount, years: step.years };
      const authority = AUTHORITIES[step.authority]!;
      return { type: 'AwardGrant', grantId: `g${serial}`, year: step.year, initiativeId: step.initiative, plan, authority, effectiveDate };
    }
    case 'correct-spending': {
      const report = nth(recorded.reports, step.pick);
      if (!report) return null;
      return {
        type: 'CorrectSpending',
        year: report.year,
        correctsEventId: report.id,
        amountChange: step.change,
        reason: 'Feilført',
        effectiveDate,
      };
    }
    case 'reserve': {
      const { year, caseNumber, pointNumber } = RESERVE_POINTS[step.which]!;
      return { type: 'EstablishReserveFund', year, name: 'Fond', authority: { caseNumber, pointNumber }, effectiveDate };
    }
    case 'end':
      return step.restart
        ? { type: 'RestartInitiative', initiativeId: step.initiative, reason: 'Videreføres', authority: AUTHORITIES[0], effectiveDate }
        : { type: 'EndInitiative', initiativeId: step.initiative, reason: 'Utgår', effectiveDate };
    case 'settle':
      return { type: 'SettleYear', year: step.year, effectiveDate };
    default:
      return grantChange(step, recorded) ?? initiativeChange(step, recorded) ?? caseStep(step, recorded);
  }
}

/** Steps on a recorded grant: adjust it, change its plan, release from it. */
function grantChange(step: Step, recorded: Recorded): Given | null {
  if (step.kind !== 'adjust' && step.kind !== 'plan' && step.kind !== 'release') return null;
  const grant = nth(recorded.grants, step.pick);
  if (!grant) return null;
  const { grantId } = grant;
  const effectiveDate = step.date;
  if (step.kind === 'plan') {
    const instalments = grant.years.slice(0, step.amounts.length).map((year, index) => ({ year, amount: step.amounts[index]! }));
    return { type: 'ChangeGrantPlan', grantId, instalments, authority: AUTHORITIES[0], reason: 'Ny plan', effectiveDate };
  }
  const year = grant.years[step.yearPick % grant.years.length]!;
  if (step.kind === 'release') return { type: 'ReleaseFunds', grantId, year, amount: step.amount, reason: 'Utgår', effectiveDate };
  const authority = AUTHORITIES[step.authority]!;
  return { type: 'AdjustGrant', grantId, year, amountChange: step.change, authority, reason: 'Justert', effectiveDate };
}

/**
 * Steps on an initiative's money in a year: spend, release its earmark, drop it. Each
 * names a recorded grant, for its initiative and one of its years (the earmark: the year
 * after its award), so that most of them concern money there is.
 */
function initiativeChange(step: Step, recorded: Recorded): Given | null {
  if (step.kind !== 'spend' && step.kind !== 'release-earmark' && step.kind !== 'drop') return null;
  const grant = nth(recorded.grants, step.pick) ?? { initiativeId: 'tiltak', years: [2025], awardYear: 2025 };
  const initiativeId = grant.initiativeId;
  const effectiveDate = step.date;
  if (step.kind === 'release-earmark') {
    const year = grant.awardYear + 1;
    return { type: 'ReleaseEarmarkedFunds', year, initiativeId, amount: step.amount, reason: 'Mindreforbruk', effectiveDate };
  }
  // Dropped in a year of the grant, or in the year after, where what it left unspent is earmarked.
  const years = step.kind === 'drop' ? [...grant.years, grant.years.at(-1)! + 1] : grant.years;
  const year = years[step.yearPick % years.length]!;
  if (step.kind === 'drop') return { type: 'DropInitiative', year, initiativeId, reason: 'Utgår', effectiveDate };
  return { type: 'ReportSpending', year, initiativeId, amount: step.amount, reference: 'Regnskap', effectiveDate };
}

/** Votes and the adoption of case 02.25, and corrections of a closed year (citing case 01.25). */
function caseStep(step: Step, recorded: Recorded): Given | null {
  const effectiveDate = step.date;
  if (step.kind === 'vote') {
    const yesNo = [{ answer: 'yes' }, { answer: 'no' }, { answer: 'blank' }] as const;
    const alternatives = [{ alternativeNumber: 1 }, { alternativeNumber: 2 }, { answer: 'blank' }] as const;
    const choice = (step.point === 1 ? yesNo : alternatives)[step.choice % 3]!;
    return { type: 'CastVote', caseNumber: '02.25', memberId: step.member, pointNumber: step.point, choice, effectiveDate };
  }
  if (step.kind === 'adopt') {
    const points = [
      { number: 1, outcome: step.pointOne ? ('adopted' as const) : ('rejected' as const) },
      { number: 2, outcome: 'adopted' as const, alternativeNumber: step.alternative },
    ];
    return { type: 'AdoptResolution', caseNumber: '02.25', points, decidedBy: step.decidedBy, effectiveDate };
  }
  if (step.kind !== 'prior-year') return null;
  return closedYearCorrection(step, recorded, effectiveDate);
}

/** The amount a recorded figure would have after a signed change, never below zero. */
const changed = (amount: string, change: string) => {
  const cents = Math.max(0, Math.round(Number(amount) * 100) + Math.round(Number(change) * 100));
  return (cents / 100).toFixed(2);
};

/**
 * A correction of the closed year before the step's year: of a grant's instalment, a
 * receipt, a spending report or a release of that year, to what it was recorded at
 * changed by the step's amount (a correction of a correction starts from the recorded one).
 */
function closedYearCorrection(step: Extract<Step, { kind: 'prior-year' }>, recorded: Recorded, effectiveDate: string): Given | null {
  const correctedYear = step.year - 1;
  const common = { year: step.year, correctedYear, authority: AUTHORITIES[0], reason: 'Rettelse', effectiveDate };
  const grants = recorded.grants.filter((grant) => grant.awardYear === correctedYear);
  const facts = [
    ...recorded.receipts
      .filter((receipt) => receipt.year === correctedYear)
      .map((receipt) => ({ type: 'CorrectClosedReceipt' as const, ...receipt })),
    ...recorded.reports
      .filter((report) => report.year === correctedYear)
      .map((report) => ({ type: 'CorrectClosedSpending' as const, ...report })),
    ...recorded.releases
      .filter((release) => release.year === correctedYear)
      .map((release) => ({ type: 'CorrectClosedRelease' as const, ...release })),
  ];
  if (step.earmark) {
    const grant = nth(grants, step.pick);
    if (!grant) return null;
    const instalment = grant.instalments.find((candidate) => candidate.year === correctedYear)!;
    const instalments = [{ year: correctedYear, amount: changed(instalment.amount, step.change) }];
    return { type: 'CorrectClosedGrant', ...common, grantId: grant.grantId, instalments };
  }
  const fact = nth(facts, step.pick);
  if (!fact) return null;
  return { type: fact.type, ...common, correctsEventId: fact.id, amount: changed(fact.amount, step.change) };
}
