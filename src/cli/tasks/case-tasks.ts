import { InvalidArgumentError } from '@commander-js/extra-typings';
import { parseCaseNumber, parseDate } from '../values.js';
import { parseWhole, parseYearAmount, type TaskSpec } from './task.js';

/** The cases' task verbs: opening a case, proposals, the recommendation, the proposed resolution, votes, adoption. */

const caseArgument = { name: 'case-number', description: 'the case, NN.YY, such as 22.25', parse: parseCaseNumber };
const parseYearText = (text: string) => {
  if (!/^\d{4}$/.test(text)) throw new InvalidArgumentError('A year is four digits, such as 2025.');
  return Number(text);
};

/** `vip=3000000` or `proposal:p25-x=600000`: a line of a recommendation. */
function parseLine(text: string): { target: { initiativeId: string } | { proposalId: string }; amountRecommended: string } {
  const match = /^(proposal:)?([^=]+)=(.+)$/.exec(text);
  if (!match) throw new InvalidArgumentError('A line is INITIATIVE=AMOUNT or proposal:ID=AMOUNT, such as vip=3000000.');
  return { target: match[1] ? { proposalId: match[2]! } : { initiativeId: match[2]! }, amountRecommended: match[3]! };
}

/** `2:vip:2026=500000`: a line of point 2's table (an initiative, or proposal:ID, in a year). */
function parsePointLine(text: string) {
  const match = /^(\d{1,2}):(proposal:)?([^:]+):(.+)$/.exec(text);
  if (!match) throw new InvalidArgumentError('A table line is POINT:INITIATIVE:YEAR=AMOUNT, such as 1:vip:2025=3000000.');
  const { year, amount } = parseYearAmount(match[4]!);
  return { point: Number(match[1]), line: { target: match[2] ? { proposalId: match[3]! } : { initiativeId: match[3]! }, year, amount } };
}

/** `2:Alt. 1: kr 750 000=750000` or `2:Alt. 3: ikke etablere=`: an alternative of point 2. */
function parseAlternative(text: string) {
  const match = /^(\d{1,2}):(.+)=(\d*(?:\.\d{1,2})?)$/.exec(text);
  if (!match)
    throw new InvalidArgumentError('An alternative is POINT:LABEL=AMOUNT (AMOUNT empty for none), such as "2:Alt. 1: kr 750 000=750000".');
  return { point: Number(match[1]), label: match[2]!, amount: match[3] === '' ? null : match[3]! };
}

/** `1=recommendation`, `2=reserve-fund:2025`, `3=allocation:frame`, `4=none`: what a point authorises. */
function parseAuthorises(text: string) {
  const match = /^(\d{1,2})=(none|recommendation|reserve-fund:\d{4}|allocation:(?:frame|reserve-fund))$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(
      'Write POINT=none, POINT=recommendation, POINT=reserve-fund:YEAR or POINT=allocation:frame|reserve-fund.',
    );
  return { point: Number(match[1]), kind: match[2]! };
}

type PointLine = ReturnType<typeof parsePointLine>;
type Alternative = ReturnType<typeof parseAlternative>;

function pointsOf(options: Readonly<Record<string, unknown>>) {
  const texts = (options.point as string[] | undefined) ?? [];
  const kinds = (options.authorises as { point: number; kind: string }[] | undefined) ?? [];
  const lines = (options.line as PointLine[] | undefined) ?? [];
  const alternatives = (options.alternative as Alternative[] | undefined) ?? [];
  return texts.map((text, index) => {
    const number = index + 1;
    const kind = kinds.find((entry) => entry.point === number)?.kind ?? 'none';
    const own = alternatives.filter((entry) => entry.point === number);
    const authorises = kind.startsWith('reserve-fund:')
      ? { kind: 'reserve-fund', year: Number(kind.slice(13)) }
      : kind.startsWith('allocation:')
        ? {
            kind: 'allocation',
            fundedBy: kind.slice(11),
            lines: lines.filter((entry) => entry.point === number).map((entry) => entry.line),
          }
        : { kind };
    return {
      number,
      text,
      alternatives: own.map((entry, at) => ({ number: at + 1, label: entry.label, amount: entry.amount })),
      authorises,
    };
  });
}

/** `1=adopted`, `2=alt:2`, `3=rejected`: how a point was decided. */
function parseOutcome(text: string) {
  const match = /^(\d{1,2})=(adopted|rejected|alt:\d{1,2})(?::(consensus|unanimous|majority))?$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(
      'Write POINT=adopted, POINT=rejected or POINT=alt:N, optionally :majority (or :unanimous), such as 2=alt:2:majority.',
    );
  const alternative = match[2]!.startsWith('alt:') ? Number(match[2]!.slice(4)) : undefined;
  return {
    number: Number(match[1]),
    outcome: match[2] === 'rejected' ? 'rejected' : 'adopted',
    ...(alternative === undefined ? {} : { alternativeNumber: alternative }),
    ...(match[3] ? { decidedBy: match[3] } : {}),
  };
}

/** `yes`, `no`, `blank` or `alt:2`: a vote. */
function parseChoice(text: string) {
  if (text === 'yes' || text === 'no' || text === 'blank') return { answer: text };
  const match = /^alt:(\d{1,2})$/.exec(text);
  if (!match) throw new InvalidArgumentError('A vote is yes, no, blank or alt:N.');
  return { alternativeNumber: Number(match[1]) };
}

export const caseTasks: readonly TaskSpec[] = [
  {
    type: 'OpenCase',
    path: ['case', 'open'],
    summary: 'open a case (sak) of the strategic committee',
    args: [caseArgument],
    options: [
      { flags: '--meeting <date>', description: 'the meeting date, YYYY-MM-DD', required: true, parse: parseDate },
      { flags: '--title <title>', description: "the case's title", required: true },
    ],
    build: ([caseNumber], options) => ({ caseNumber, meetingDate: options.meeting, title: options.title }),
  },
  {
    type: 'ContinueMeeting',
    path: ['case', 'continue'],
    summary: 'record that the meeting of a case continued on a later day (votes and the adoption may then be dated on it)',
    args: [caseArgument],
    options: [
      { flags: '--on <date>', description: 'the day the meeting continued, YYYY-MM-DD', required: true, parse: parseDate },
      { flags: '--reason <text>', description: 'why, such as "Saken ble utsatt til neste møte"', required: true },
    ],
    build: ([caseNumber], options) => ({ caseNumber, date: options.on, reason: options.reason }),
  },
  {
    type: 'SubmitProposal',
    path: ['proposal', 'submit'],
    summary: "register a partner's proposal (innspill) to a case",
    args: [caseArgument],
    options: [
      { flags: '--year <year>', description: 'the year it asks money for', required: true, parse: parseYearText },
      { flags: '--initiative <id>', description: 'the registered initiative it is for' },
      { flags: '--new-initiative <name>', description: 'or the name of a new initiative it proposes' },
      { flags: '--amount <amount>', description: 'the amount requested (leave out for a proposal without an amount)' },
      { flags: '--by <partner>', description: 'a submitting partner (repeat for several)', required: true, repeatable: true },
      { flags: '--id <proposal-id>', description: "the proposal's id (default: one the ledger makes)" },
      { flags: '--description <text>', description: 'what it is about' },
    ],
    build: ([caseNumber], options) => ({
      caseNumber,
      year: options.year,
      target: options.newInitiative !== undefined ? { newInitiativeName: options.newInitiative } : { initiativeId: options.initiative },
      amountRequested: options.amount ?? null,
      submittedBy: options.by,
      ...(options.id ? { proposalId: options.id } : {}),
      ...(options.description ? { description: options.description } : {}),
    }),
  },
  {
    type: 'ReviseProposal',
    path: ['proposal', 'revise'],
    summary: "revise a proposal's requested amount",
    args: [caseArgument, { name: 'proposal-id', description: 'the proposal' }],
    options: [
      { flags: '--amount <amount>', description: 'the amount requested now (leave out for none)' },
      { flags: '--reason <text>', description: 'why it changed', required: true },
    ],
    build: ([caseNumber, proposalId], options) => ({
      caseNumber,
      proposalId,
      amountRequested: options.amount ?? null,
      reason: options.reason,
    }),
  },
  {
    type: 'RecordRecommendation',
    path: ['recommendation', 'record'],
    summary: "record the secretariat's recommendation for a year",
    args: [caseArgument],
    options: [
      { flags: '--year <year>', description: 'the year it recommends money for', required: true, parse: parseYearText },
      {
        flags: '--line <line>',
        description: 'INITIATIVE=AMOUNT or proposal:ID=AMOUNT (repeat for each line)',
        required: true,
        repeatable: true,
        parse: parseLine,
      },
    ],
    build: ([caseNumber], options) => ({ caseNumber, year: options.year, lines: options.line }),
  },
  {
    type: 'ProposeResolution',
    path: ['resolution', 'propose'],
    summary: 'propose the resolution (forslag til vedtak) of a case',
    description:
      'Proposes the resolution: --point gives each point\'s text, in order (point 1, 2, …); --authorises says what money a point authorises (POINT=none, recommendation, reserve-fund:YEAR, allocation:frame or allocation:reserve-fund; default none); --line gives a table line of an allocation point (POINT:INITIATIVE:YEAR=AMOUNT); --alternative gives an alternative of a point (POINT:LABEL=AMOUNT, AMOUNT empty for "none").',
    args: [caseArgument],
    options: [
      { flags: '--point <text>', description: "a point's text (repeat, in order)", required: true, repeatable: true },
      { flags: '--authorises <POINT=kind>', description: 'what a point authorises', repeatable: true, parse: parseAuthorises },
      {
        flags: '--line <POINT:INITIATIVE:YEAR=AMOUNT>',
        description: 'a line of an allocation table',
        repeatable: true,
        parse: parsePointLine,
      },
      { flags: '--alternative <POINT:LABEL=AMOUNT>', description: 'an alternative of a point', repeatable: true, parse: parseAlternative },
    ],
    build: ([caseNumber], options) => ({ caseNumber, points: pointsOf(options) }),
  },
  {
    type: 'CastVote',
    path: ['vote', 'cast'],
    summary: "record a member's vote on a point",
    args: [
      caseArgument,
      { name: 'member', description: 'the committee member' },
      { name: 'point', description: 'the point number', parse: parseWhole },
      { name: 'choice', description: 'yes, no, blank or alt:N', parse: parseChoice },
    ],
    build: ([caseNumber, memberId, pointNumber, choice]) => ({ caseNumber, memberId, pointNumber, choice }),
  },
  {
    type: 'AdoptResolution',
    path: ['resolution', 'adopt'],
    summary: 'record the adopted resolution (vedtak)',
    args: [caseArgument],
    options: [
      {
        flags: '--point <POINT=outcome>',
        description: 'how each point was decided: 1=adopted, 2=alt:2:majority, 3=rejected',
        required: true,
        repeatable: true,
        parse: parseOutcome,
      },
      {
        flags: '--by <rule>',
        description: 'how the resolution was decided',
        required: true,
        choices: ['consensus', 'unanimous', 'majority'],
      },
      {
        flags: '--amend <POINT:INITIATIVE:YEAR=AMOUNT>',
        description: 'a table line the meeting changed',
        repeatable: true,
        parse: parsePointLine,
      },
      { flags: '--present <member>', description: 'a member present (repeat for each, for the quorum)', repeatable: true },
      { flags: '--notes <text>', description: 'notes from the meeting' },
    ],
    build: ([caseNumber], options) => ({
      caseNumber,
      points: (options.point as Record<string, unknown>[]).map((point) => {
        const amendments = ((options.amend as PointLine[] | undefined) ?? [])
          .filter((entry) => entry.point === point.number)
          .map((entry) => entry.line);
        return amendments.length ? { ...point, amendments } : point;
      }),
      decidedBy: options.by,
      ...(options.present ? { membersPresent: options.present } : {}),
      ...(options.notes ? { notes: options.notes } : {}),
    }),
  },
];
