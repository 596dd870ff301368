import fc from 'fast-check';
import type { CommandHandler } from '../../src/app/command-handler.js';
import type { Given } from './spec.js';

/**
 * Random command histories for the as-of property test: a small world (one programme
 * area, two initiatives, two partners, two members, three cases) in which every kind
 * of event happens — proposals to existing and to new initiatives, revisions,
 * recommendations recorded again over earlier ones, initiatives registered from
 * proposals (which move figures), phase changes, resolutions, votes, adoptions, grants
 * (some multi-year), adjustments, releases, spending and its corrections, reserve
 * funds, settlements — each with a random effective date, so most events are recorded
 * before or after others that took effect earlier (backdated).
 *
 * A date is a random number of days after the earliest the rules allow (a case's events
 * not before it was opened, a grant not before the resolution it cites was adopted), so
 * most commands are recorded, in an order that has little to do with their dates.
 */

/** A command as the history holds it; `correctsSpending` names the n-th spending report recorded so far (resolved when it runs). */
type HistoryCommand =
  | Given
  | { type: 'CorrectSpendingOf'; nth: number; amountChange: string; year: number }
  /** A correction of a closed year, of the nth receipt or of a grant, to an amount: resolved against what was recorded. */
  | { type: 'CorrectClosedReceiptOf'; nth: number; amount: string }
  | { type: 'CorrectClosedGrantOf'; grantId: string; amount: string; authority: { caseNumber: string; pointNumber: number } };

const ore = (min: number, max: number) =>
  fc
    .integer({ min, max })
    .map((value) => `${value < 0 ? '-' : ''}${Math.floor(Math.abs(value) / 100)}.${String(Math.abs(value) % 100).padStart(2, '0')}`);
const amount = ore(1, 90_000_000);
const change = fc.oneof(ore(1, 20_000_000), ore(-20_000_000, -1));
const year = fc.constantFrom(2025, 2026);
const caseNumber = fc.constantFrom('01.25', '02.25', '01.26');
const proposal = fc.constantFrom('p1', 'p2', 'p3');
/** Proposal ids are the case's own (the fold keeps proposals by id across cases). */
const proposalIdOf = (caseNumberText: string, id: string) => `${id}-${caseNumberText.replace('.', '-')}`;
const initiative = fc.constantFrom('tiltak', 'annet', 'nytt1');
const grantId = fc.constantFrom('g1', 'g2');
const authority = (pointNumber: number) => caseNumber.map((number) => ({ caseNumber: number, pointNumber }));

/** What a case's points authorise: grants to the initiatives registered from the start, 2025–2027; a reserve fund in the case's year. */
const pointsOf = (caseNumberText: string) => [
  {
    number: 1,
    text: 'Prioriteringene vedtas',
    alternatives: [],
    authorises: {
      kind: 'allocation' as const,
      fundedBy: 'frame' as const,
      lines: ['tiltak', 'annet'].flatMap((initiativeId) =>
        [2025, 2026, 2027].map((allocationYear) => ({ target: { initiativeId }, year: allocationYear, amount: '10000000' })),
      ),
    },
  },
  {
    number: 2,
    text: 'Fond',
    alternatives: [
      { number: 1, label: 'Alt. 1', amount: '300000' },
      { number: 2, label: 'Alt. 2', amount: '200000' },
      { number: 3, label: 'Alt. 3: ikke etablere', amount: null },
    ],
    authorises: { kind: 'reserve-fund' as const, year: 2000 + Number(caseNumberText.slice(3)) },
  },
];

const caseCommands: fc.Arbitrary<HistoryCommand>[] = [
  fc
    .record({
      caseNumber,
      id: proposal,
      year,
      target: fc.oneof(
        fc.constantFrom('tiltak', 'annet').map((initiativeId) => ({ initiativeId })),
        fc.constant({ newInitiativeName: 'Nytt tiltak' }),
      ),
      amountRequested: fc.option(amount, { freq: 5 }),
    })
    .map(({ id, ...rest }) => ({
      type: 'SubmitProposal' as const,
      ...rest,
      proposalId: proposalIdOf(rest.caseNumber, id),
      submittedBy: ['kommunene'],
    })),
  fc
    .record({ caseNumber, id: proposal, amountRequested: fc.option(amount, { freq: 5 }) })
    .map(({ caseNumber: number, id, amountRequested }) => ({
      type: 'ReviseProposal' as const,
      caseNumber: number,
      proposalId: proposalIdOf(number, id),
      amountRequested,
      reason: 'Revidert',
    })),
  fc
    .record({
      caseNumber,
      year,
      lines: fc.uniqueArray(fc.record({ target: fc.oneof(fc.constantFrom('tiltak', 'annet'), proposal), amount }), {
        minLength: 1,
        maxLength: 3,
        selector: (line) => line.target,
      }),
    })
    .map(({ caseNumber: number, year: recommendedFor, lines }) => ({
      type: 'RecordRecommendation' as const,
      caseNumber: number,
      year: recommendedFor,
      lines: lines.map((line) => ({
        target: line.target.startsWith('p') ? { proposalId: proposalIdOf(number, line.target) } : { initiativeId: line.target },
        amountRecommended: line.amount,
      })),
    })),
  caseNumber.map((number) => ({ type: 'ProposeResolution' as const, caseNumber: number, points: pointsOf(number) })),
  fc
    .record({
      caseNumber,
      memberId: fc.constantFrom('leder', 'nestleder'),
      point: fc.oneof(
        fc.constantFrom('yes', 'no', 'blank').map((answer) => ({ pointNumber: 1, choice: { answer } })),
        fc.constantFrom(1, 2, 3).map((alternativeNumber) => ({ pointNumber: 2, choice: { alternativeNumber } })),
      ),
    })
    .map(({ caseNumber: number, memberId, point }) => ({ type: 'CastVote' as const, caseNumber: number, memberId, ...point })),
  fc.record({ caseNumber, alternativeNumber: fc.constantFrom(1, 2, 3) }).map(({ caseNumber: number, alternativeNumber }) => ({
    type: 'AdoptResolution' as const,
    caseNumber: number,
    points: [
      { number: 1, outcome: 'adopted' as const },
      { number: 2, outcome: 'adopted' as const, alternativeNumber },
    ],
    decidedBy: 'consensus' as const,
  })),
];

const registryCommands: fc.Arbitrary<HistoryCommand>[] = [
  fc
    .record({ caseNumber, id: proposal, initiativeId: fc.constantFrom('nytt1', 'nytt2') })
    .map(({ caseNumber: number, id, initiativeId }) => ({
      type: 'RegisterInitiative' as const,
      initiativeId,
      name: `Nytt tiltak ${initiativeId}`,
      programmeAreaId: 'omrade',
      criterion: 'utvikling' as const,
      phase: 'oppstart' as const,
      fromProposal: { caseNumber: number, proposalId: proposalIdOf(number, id) },
    })),
  fc.record({ initiativeId: initiative, phase: fc.constantFrom('oppstart', 'innsikt', 'løsning', 'drift') }).map((data) => ({
    type: 'ChangeInitiativePhase' as const,
    ...data,
  })),
  fc.integer({ min: 1, max: 3 }).map((quorum) => ({ type: 'SetQuorum' as const, quorum })),
];

const moneyCommands: fc.Arbitrary<HistoryCommand>[] = [
  fc.record({ year, amount }).map((data) => ({ type: 'ReceiveFunds' as const, ...data, reference: 'Tilskudd', receivedOn: '2025-01-15' })),
  fc
    .record({
      grantId,
      year,
      initiativeId: initiative,
      plan: fc.oneof(
        amount.map((value) => ({ amount: value })),
        fc.tuple(amount, fc.constantFrom(2, 3)).map(([amountTotal, years]) => ({ amountTotal, years })),
      ),
      authority: authority(1),
    })
    .map((data) => ({ type: 'AwardGrant' as const, ...data })),
  fc
    .record({ grantId, year, amountChange: change, authority: authority(1) })
    .map((data) => ({ type: 'AdjustGrant' as const, ...data, reason: 'Justert' })),
  fc.record({ grantId, year, amount }).map((data) => ({ type: 'ReleaseFunds' as const, ...data, reason: 'Startet ikke' })),
  fc
    .record({
      grantId,
      instalments: fc.uniqueArray(fc.record({ year, amount }), { minLength: 1, maxLength: 2, selector: (line) => line.year }),
      authority: authority(1),
    })
    .map((data) => ({ type: 'ChangeGrantPlan' as const, ...data, reason: 'Ny plan' })),
  fc
    .record({ year, initiativeId: initiative, amount: ore(1, 8_000_000) })
    .map((data) => ({ type: 'ReportSpending' as const, ...data, reference: 'Regnskap' })),
  fc.record({ nth: fc.nat(), amountChange: change, year }).map((data) => ({ type: 'CorrectSpendingOf' as const, ...data })),
  fc.record({ year, authority: authority(2) }).map((data) => ({ type: 'EstablishReserveFund' as const, ...data, name: 'Fond' })),
  fc.record({ nth: fc.nat(), amount }).map((data) => ({ type: 'CorrectClosedReceiptOf' as const, ...data })),
  fc.record({ grantId, amount, authority: authority(1) }).map((data) => ({ type: 'CorrectClosedGrantOf' as const, ...data })),
  initiative.map((initiativeId) => ({ type: 'EndInitiative' as const, initiativeId, reason: 'Utgår' })),
  fc
    .record({ initiativeId: initiative, authority: authority(1) })
    .map((data) => ({ type: 'RestartInitiative' as const, ...data, reason: 'Videreføres' })),
  year.map((settled) => ({ type: 'SettleYear' as const, year: settled })),
];

/** A command and how many days after the earliest date the rules allow it takes effect. */
export type HistoryStep = [HistoryCommand, number];

const days = fc.integer({ min: 0, max: 420 });
const step = (commands: fc.Arbitrary<HistoryCommand>[]) => fc.tuple(fc.oneof(...commands), days);
const opening = (number: string) =>
  fc.tuple(fc.constant<HistoryCommand>({ type: 'OpenCase', caseNumber: number, meetingDate: '', title: 'Sak' }), days);
const proposing = (number: string) =>
  fc.tuple(fc.constant<HistoryCommand>({ type: 'ProposeResolution', caseNumber: number, points: pointsOf(number) }), days);

const [submit, revise, recommend, propose, vote, adopt] = caseCommands as [
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
];
const [fromProposal, phase, quorum] = registryCommands as [
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
];
const [receive, award, adjust, release, plan, spend, correct, reserve, settle] = moneyCommands as [
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
  fc.Arbitrary<HistoryCommand>,
];
const weighted = (...choices: [fc.Arbitrary<HistoryCommand>, number][]) =>
  fc.tuple(fc.oneof(...choices.map(([arbitrary, weight]) => ({ arbitrary, weight }))), days);
const adopting = (number: string) =>
  fc.tuple(
    fc.constantFrom(1, 2, 3).map((alternativeNumber): HistoryCommand => ({
      type: 'AdoptResolution',
      caseNumber: number,
      points: [
        { number: 1, outcome: 'adopted' },
        { number: 2, outcome: 'adopted', alternativeNumber },
      ],
      decidedBy: 'consensus',
    })),
    days,
  );

/**
 * A history: the three cases opened and their resolutions proposed; case work
 * (proposals, revisions, recommendations, votes, initiatives registered from
 * proposals); the three adoptions; money (grants, adjustments, releases, spending and
 * its corrections, reserve funds) with some late case work; then anything, settlements
 * too. Within and across the rounds the dates go back and forth.
 */
export const history: fc.Arbitrary<HistoryStep[]> = fc
  .tuple(
    fc.tuple(opening('01.25'), opening('02.25'), opening('01.26'), proposing('01.25'), proposing('02.25'), proposing('01.26')),
    fc.array(weighted([submit, 5], [revise, 1], [recommend, 2], [vote, 2], [fromProposal, 2], [phase, 1], [receive, 1]), {
      minLength: 6,
      maxLength: 16,
    }),
    fc.tuple(adopting('01.25'), adopting('02.25'), adopting('01.26')),
    fc.array(
      weighted(
        [award, 4],
        [adjust, 2],
        [release, 1],
        [plan, 2],
        [spend, 4],
        [correct, 1],
        [reserve, 1],
        [receive, 1],
        [submit, 1],
        [recommend, 1],
        [fromProposal, 1],
        [phase, 1],
        [quorum, 1],
      ),
      { minLength: 6, maxLength: 20 },
    ),
    fc.array(step([submit, revise, recommend, propose, vote, adopt, fromProposal, phase, quorum, ...moneyCommands, settle]), {
      minLength: 2,
      maxLength: 10,
    }),
  )
  .map(([first, work, adoptions, money, rest]) => [...first, ...work, ...adoptions, ...money, ...rest]);

const DAY = 86_400_000;
const dateAfter = (date: string, count: number) =>
  new Date(Math.min(Date.parse(`${date}T00:00:00Z`) + count * DAY, Date.UTC(2027, 10, 30))).toISOString().slice(0, 10);

/**
 * Records a history through the rules, each command on its date: the earliest the rules
 * allow (the case's opening, the cited resolution's adoption, or the start of the
 * history) plus its days. Commands the rules refuse are skipped, as they would be in use.
 */
export function historyRecorder(handler: CommandHandler): (steps: HistoryStep[]) => Promise<void> {
  const opened = new Map<string, string>();
  const meetings = new Map<string, string>();
  const adopted = new Map<string, string>();
  const spending: string[] = [];
  const receipts: { id: string; year: number }[] = [];
  const grants = new Map<string, number>();
  let key = 0;
  return async (steps) => {
    for (const [command, after] of steps) {
      const caseNumber = 'caseNumber' in command ? command.caseNumber : 'authority' in command ? command.authority?.caseNumber : undefined;
      let base = '2024-12-01';
      if (command.type === 'OpenCase') base = `20${command.caseNumber.slice(3)}-01-01`;
      else if ('authority' in command && caseNumber) base = adopted.get(caseNumber) ?? base;
      else if (caseNumber) base = opened.get(caseNumber) ?? base;
      else if (command.type === 'RegisterInitiative' && command.fromProposal) base = opened.get(command.fromProposal.caseNumber) ?? base;
      // A case's resolution is proposed by its meeting; its votes and adoption are dated on the meeting's day.
      let date = dateAfter(base, command.type === 'OpenCase' ? after % 200 : command.type === 'ProposeResolution' ? after % 15 : after);
      if ((command.type === 'CastVote' || command.type === 'AdoptResolution') && meetings.has(command.caseNumber))
        date = meetings.get(command.caseNumber)!;
      const given = resolved(command, { spending, receipts, grants });
      if (!given) continue;
      if (given.type === 'OpenCase') given.meetingDate = dateAfter(date, 14);
      if (!given) continue;
      try {
        const result = await handler.execute({ ...given, idempotencyKey: `k${key++}`, effectiveDate: date }, { actor: 'sekretariat' });
        if (given.type === 'OpenCase') opened.set(given.caseNumber, date);
        if (given.type === 'OpenCase') meetings.set(given.caseNumber, given.meetingDate);
        if (given.type === 'AdoptResolution') adopted.set(given.caseNumber, date);
        for (const event of result.events) {
          if (event.type === 'SpendingReported') spending.push(event.id);
          if (event.type === 'FundsReceived') receipts.push({ id: event.id, year: (event.data as { year: number }).year });
          if (event.type === 'GrantAwarded') grants.set((event.data as { grantId: string }).grantId, (event.data as { year: number }).year);
        }
      } catch (error) {
        if (!(error && typeof error === 'object' && 'code' in error)) throw error;
      }
    }
  };
}

/** A step's command with what it names resolved against what was recorded so far; null when it names nothing there is. */
function resolved(
  command: HistoryCommand,
  recorded: { spending: string[]; receipts: { id: string; year: number }[]; grants: Map<string, number> },
): (Given & { meetingDate?: string }) | null {
  switch (command.type) {
    case 'CorrectSpendingOf': {
      const { spending } = recorded;
      if (spending.length === 0) return null;
      const correctsEventId = spending[command.nth % spending.length]!;
      return { type: 'CorrectSpending', year: command.year, correctsEventId, amountChange: command.amountChange, reason: 'Rettet' };
    }
    case 'CorrectClosedReceiptOf': {
      const receipt = recorded.receipts[command.nth % Math.max(1, recorded.receipts.length)];
      if (!receipt) return null;
      const { id: correctsEventId, year } = receipt;
      return {
        type: 'CorrectClosedReceipt',
        year: year + 1,
        correctedYear: year,
        correctsEventId,
        amount: command.amount,
        reference: 'Brev',
        reason: 'Rettet',
      };
    }
    case 'CorrectClosedGrantOf': {
      const year = recorded.grants.get(command.grantId);
      if (year === undefined) return null;
      const { grantId, amount, authority } = command;
      return {
        type: 'CorrectClosedGrant',
        year: year + 1,
        correctedYear: year,
        grantId,
        instalments: [{ year, amount }],
        authority,
        reason: 'Rettet',
      };
    }
    default:
      return { ...command };
  }
}
