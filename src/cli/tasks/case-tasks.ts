import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { Values } from '../values.js';
import { caseArgument, type TaskSpec, task } from './task.js';
import { adoptResolution, proposeResolution } from './resolution-tasks.js';

/** The cases' task verbs: opening a case, proposals, the recommendation, votes; the resolution's in resolution-tasks.ts. */

/** `vip=3000000` or `proposal:p25-x=600 000`: a line of a recommendation. */
function parseLine(text: string, values: Values) {
  const match = /^(proposal:)?([^=]+)=(.+)$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(
      values.say(
        'En linje er SATSNING=BELØP eller proposal:ID=BELØP, som vip=3000000.',
        'A line is INITIATIVE=AMOUNT or proposal:ID=AMOUNT, such as vip=3000000.',
      ),
    );
  return {
    target: match[1] ? { proposalId: match[2]! } : { initiativeId: match[2]! },
    amountRecommended: values.amount(match[3]!),
  };
}

/** `yes`, `no`, `blank` or `alt:2`: a vote. */
function parseChoice(text: string, values: Values) {
  if (text === 'yes' || text === 'no' || text === 'blank') return { answer: text };
  const match = /^alt:(\d{1,2})$/.exec(text);
  if (!match) throw new InvalidArgumentError(values.say('En stemme er yes, no, blank eller alt:N.', 'A vote is yes, no, blank or alt:N.'));
  return { alternativeNumber: Number(match[1]) };
}

/** A year from an option (`--year 2025`). */
const yearOf = (text: string, values: Values) => values.year(text);

export const caseTasks: readonly TaskSpec[] = [
  task({
    type: 'OpenCase',
    path: ['case', 'open'],
    summary: ['åpne en sak i SSU', 'open a case (sak) of the strategic committee'],
    args: [caseArgument],
    options: [
      {
        flags: '--meeting <date>',
        description: ['møtedatoen, ÅÅÅÅ-MM-DD', 'the meeting date, YYYY-MM-DD'],
        fields: ['meetingDate'],
        required: true,
        parse: (text, values) => values.date(text),
      },
      { flags: '--title <title>', description: ['sakens tittel', "the case's title"], fields: ['title'], required: true },
    ],
    examples: ['ledger case open 23.25 --meeting 2025-11-13 --title "Prioriteringer 2026" --date 2025-10-20'],
    build: ([caseNumber], options) => ({ caseNumber, meetingDate: options.meeting, title: options.title }),
  }),
  task({
    type: 'ContinueMeeting',
    path: ['case', 'continue'],
    summary: [
      'registrer at møtet i en sak fortsatte en senere dag (stemmer og vedtak kan da dateres den dagen)',
      'record that the meeting of a case continued on a later day (votes and the adoption may then be dated on it)',
    ],
    args: [caseArgument],
    options: [
      {
        flags: '--on <date>',
        description: ['dagen møtet fortsatte, ÅÅÅÅ-MM-DD', 'the day the meeting continued, YYYY-MM-DD'],
        fields: ['date'],
        required: true,
        parse: (text, values) => values.date(text),
      },
      {
        flags: '--reason <text>',
        description: ['hvorfor, som "Saken ble utsatt til neste møte"', 'why, such as "Saken ble utsatt til neste møte"'],
        fields: ['reason'],
        required: true,
      },
    ],
    examples: ['ledger case continue 22.25 --on 2025-10-02 --reason "Saken ble utsatt til neste møte" --date 2025-09-18'],
    build: ([caseNumber], options) => ({ caseNumber, date: options.on, reason: options.reason }),
  }),
  task({
    type: 'SubmitProposal',
    path: ['proposal', 'submit'],
    summary: ['registrer et innspill fra en partner til en sak', "register a partner's proposal (innspill) to a case"],
    args: [caseArgument],
    options: [
      {
        flags: '--year <year>',
        description: ['året det ber om penger for', 'the year it asks money for'],
        fields: ['year'],
        required: true,
        parse: yearOf,
      },
      {
        flags: '--initiative <id>',
        description: [
          'den registrerte satsningen det gjelder (se ledger list initiatives)',
          'the registered initiative it is for (see ledger list initiatives)',
        ],
        fields: ['target.initiativeId', 'target'],
      },
      {
        flags: '--new-initiative <name>',
        description: ['eller navnet på en ny satsning det foreslår', 'or the name of a new initiative it proposes'],
        fields: ['target.newInitiativeName'],
      },
      {
        flags: '--amount <amount>',
        description: [
          'beløpet det ber om, som 1 000 000 (utelat for et innspill uten beløp)',
          'the amount requested, such as 1 000 000 (leave out for a proposal without an amount)',
        ],
        fields: ['amountRequested'],
        parse: (text, values) => values.amount(text),
      },
      {
        flags: '--by <partner>',
        description: [
          'en partner som leverer det (gjenta for flere; se ledger list partners)',
          'a submitting partner (repeat for several; see ledger list partners)',
        ],
        fields: ['submittedBy'],
        required: true,
        repeatable: true,
      },
      {
        flags: '--id <proposal-id>',
        description: ['innspillets id (standard: en registeret lager)', "the proposal's id (default: one the ledger makes)"],
        fields: ['proposalId'],
      },
      { flags: '--description <text>', description: ['hva det gjelder', 'what it is about'], fields: ['description'] },
    ],
    examples: [
      'ledger proposal submit 23.25 --year 2026 --initiative vip --amount "1 500 000" --by si --date 2025-10-01',
      'ledger proposal submit 23.25 --year 2026 --new-initiative "Psykisk helse voksne" --by kommunene --by si',
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
  }),
  task({
    type: 'ReviseProposal',
    path: ['proposal', 'revise'],
    summary: ['endre beløpet et innspill ber om', "revise a proposal's requested amount"],
    args: [
      caseArgument,
      {
        name: 'proposal-id',
        description: ['innspillet (se ledger case NN.ÅÅ)', 'the proposal (see ledger case NN.YY)'],
        field: 'proposalId',
      },
    ],
    options: [
      {
        flags: '--amount <amount>',
        description: ['beløpet det ber om nå (utelat for ikke noe beløp)', 'the amount requested now (leave out for none)'],
        fields: ['amountRequested'],
        parse: (text, values) => values.amount(text),
      },
      { flags: '--reason <text>', description: ['hvorfor det endres', 'why it changed'], fields: ['reason'], required: true },
    ],
    examples: ['ledger proposal revise 23.25 p25-vip --amount "1 200 000" --reason "Redusert etter dialog"'],
    build: ([caseNumber, proposalId], options) => ({
      caseNumber,
      proposalId,
      amountRequested: options.amount ?? null,
      reason: options.reason,
    }),
  }),
  task({
    type: 'RecordRecommendation',
    path: ['recommendation', 'record'],
    summary: ['registrer sekretariatets anbefaling for et år', "record the secretariat's recommendation for a year"],
    args: [caseArgument],
    options: [
      {
        flags: '--year <year>',
        description: ['året den anbefaler penger for', 'the year it recommends money for'],
        fields: ['year'],
        required: true,
        parse: yearOf,
      },
      {
        flags: '--line <line>',
        description: [
          'SATSNING=BELØP eller proposal:ID=BELØP (gjenta for hver linje)',
          'INITIATIVE=AMOUNT or proposal:ID=AMOUNT (repeat for each line)',
        ],
        fields: ['lines'],
        required: true,
        repeatable: true,
        parse: parseLine,
      },
    ],
    examples: ['ledger recommendation record 23.25 --year 2026 --line vip=3000000 --line "proposal:p25-psykisk-helse-voksne=600 000"'],
    build: ([caseNumber], options) => ({ caseNumber, year: options.year, lines: options.line }),
  }),
  proposeResolution,
  task({
    type: 'CastVote',
    path: ['vote', 'cast'],
    summary: ['registrer et medlems stemme på et punkt', "record a member's vote on a point"],
    args: [
      caseArgument,
      {
        name: 'member',
        description: ['SSU-medlemmet (se ledger list members)', 'the committee member (see ledger list members)'],
        field: 'memberId',
      },
      {
        name: 'point',
        description: ['punktets nummer', 'the point number'],
        field: 'pointNumber',
        parse: (text, values) => values.whole(text),
      },
      { name: 'choice', description: ['yes, no, blank eller alt:N', 'yes, no, blank or alt:N'], field: 'choice', parse: parseChoice },
    ],
    examples: ['ledger vote cast 22.25 leder 2 alt:2 --date 2025-09-18', 'ledger vote cast 22.25 nestleder 1 yes --date 2025-09-18'],
    build: ([caseNumber, memberId, pointNumber, choice]) => ({ caseNumber, memberId, pointNumber, choice }),
  }),
  adoptResolution,
];
