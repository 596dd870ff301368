import { InvalidArgumentError } from '@commander-js/extra-typings';
import { parseDate, parseYear } from '../values.js';
import { parseCondition } from './grant-conditions.js';
import { parseAuthority, parseWhole, parseYearAmount, type TaskSpec } from './task.js';
import { closedYearTasks } from './closed-year-tasks.js';

/** The years' task verbs: receipts, grants and what follows them, spending, the reserve fund, corrections of closed years. */

const yearArgument = { name: 'year', description: 'the year of the funds, such as 2025', parse: parseYear };
const authority = (required: boolean) => ({
  flags: '--authority <NN.YY/point>',
  description: 'the adopted resolution point it cites, such as 22.25/1',
  required,
  parse: parseAuthority,
});
const reason = { flags: '--reason <text>', description: 'why', required: true };
const eventArgument = { name: 'event-id', description: 'the id of the event it corrects' };

/** The plan of a grant from its options: one amount, a total over N years, or instalments. */
function planOf(options: Readonly<Record<string, unknown>>) {
  const instalments = options.instalment as { year: number; amount: string }[] | undefined;
  if (options.amount !== undefined) return { amount: options.amount };
  if (instalments) return { amountTotal: options.total, instalments };
  if (options.years !== undefined) return { amountTotal: options.total, years: options.years };
  throw new InvalidArgumentError('Give --amount, or --total with --years or with --instalment YEAR=AMOUNT for each year.');
}

export const yearTasks: readonly TaskSpec[] = [
  {
    type: 'ReceiveFunds',
    path: ['funds', 'receive'],
    summary: 'record the funds received for a year (mottatt)',
    args: [yearArgument],
    options: [
      { flags: '--amount <amount>', description: 'the amount received', required: true },
      { flags: '--reference <text>', description: 'the letter or payment it came with', required: true },
      { flags: '--received-on <date>', description: 'when it arrived, YYYY-MM-DD', required: true, parse: parseDate },
    ],
    build: ([year], options) => ({ year, amount: options.amount, reference: options.reference, receivedOn: options.receivedOn }),
  },
  {
    type: 'CorrectReceipt',
    path: ['funds', 'correct'],
    summary: 'correct a receipt recorded with a wrong amount',
    args: [yearArgument, eventArgument],
    options: [{ flags: '--change <amount>', description: 'the signed change, such as -50000', required: true }, reason],
    build: ([year, correctsEventId], options) => ({ year, correctsEventId, amountChange: options.change, reason: options.reason }),
  },
  {
    type: 'RecordExpectedReceipt',
    path: ['funds', 'expect'],
    summary: 'record the receipt expected for a year whose funds have not arrived (forventet tilskudd)',
    args: [yearArgument],
    options: [
      { flags: '--amount <amount>', description: 'the amount expected', required: true },
      { flags: '--reason <text>', description: 'where the expectation comes from' },
    ],
    build: ([year], options) => ({ year, amount: options.amount, ...(options.reason ? { reason: options.reason } : {}) }),
  },
  {
    type: 'AwardGrant',
    path: ['grant', 'award'],
    summary: 'award a grant (tildeling) to an initiative',
    description:
      'Awards a grant against the frame of a year, citing the adopted point that authorises it: --amount for one year, or --total with --years N (split evenly to the øre) or with --instalment YEAR=AMOUNT for each year of a multi-year plan.',
    args: [yearArgument],
    options: [
      { flags: '--initiative <id>', description: 'the initiative', required: true },
      authority(true),
      { flags: '--amount <amount>', description: 'the amount, for a grant of one year' },
      { flags: '--total <amount>', description: 'the total of a multi-year grant' },
      { flags: '--years <n>', description: 'split the total evenly over 2–3 years', parse: parseWhole },
      {
        flags: '--instalment <YEAR=AMOUNT>',
        description: 'an instalment of a multi-year plan (repeat)',
        repeatable: true,
        parse: parseYearAmount,
      },
      { flags: '--id <grant-id>', description: "the grant's id (default: one the ledger makes)" },
      { flags: '--note <text>', description: 'a note' },
      {
        flags: '--condition <text>',
        description: 'a condition the committee attached, "TEXT" or "YYYY-MM-DD: TEXT" when it is due by a date (repeat)',
        repeatable: true,
        parse: parseCondition,
      },
      { flags: '--report-due <date>', description: 'when the initiative reports on the grant, YYYY-MM-DD', parse: parseDate },
    ],
    build: ([year], options) => ({
      year,
      initiativeId: options.initiative,
      plan: planOf(options),
      authority: options.authority,
      ...(options.id ? { grantId: options.id } : {}),
      ...(options.note ? { note: options.note } : {}),
      ...(options.condition ? { conditions: options.condition } : {}),
      ...(options.reportDue ? { reportDueOn: options.reportDue } : {}),
    }),
  },
  {
    type: 'ChangeGrantPlan',
    path: ['grant', 'plan'],
    summary: "change a multi-year grant's plan: re-spread or shorten its instalments",
    args: [{ name: 'grant-id', description: 'the grant' }],
    options: [
      {
        flags: '--instalment <YEAR=AMOUNT>',
        description: 'the new amount of a year of the plan (repeat)',
        required: true,
        repeatable: true,
        parse: parseYearAmount,
      },
      authority(true),
      reason,
    ],
    build: ([grantId], options) => ({ grantId, instalments: options.instalment, authority: options.authority, reason: options.reason }),
  },
  {
    type: 'AdjustGrant',
    path: ['grant', 'adjust'],
    summary: "adjust a grant's instalment for a year",
    args: [yearArgument, { name: 'grant-id', description: 'the grant' }],
    options: [{ flags: '--change <amount>', description: 'the signed change, such as -20000', required: true }, authority(true), reason],
    build: ([year, grantId], options) => ({
      year,
      grantId,
      amountChange: options.change,
      authority: options.authority,
      reason: options.reason,
    }),
  },
  {
    type: 'ReleaseFunds',
    path: ['grant', 'release'],
    summary: 'release unused funds of a grant (frigjøre)',
    args: [yearArgument, { name: 'grant-id', description: 'the grant' }],
    options: [{ flags: '--amount <amount>', description: 'the amount released', required: true }, reason, authority(false)],
    build: ([year, grantId], options) => ({
      year,
      grantId,
      amount: options.amount,
      reason: options.reason,
      ...(options.authority ? { authority: options.authority } : {}),
    }),
  },
  {
    type: 'ReleaseEarmarkedFunds',
    path: ['earmark', 'release'],
    summary: 'release earmarked funds an initiative carried in from last year',
    args: [yearArgument, { name: 'initiative', description: 'the initiative' }],
    options: [{ flags: '--amount <amount>', description: 'the amount released', required: true }, reason, authority(false)],
    build: ([year, initiativeId], options) => ({
      year,
      initiativeId,
      amount: options.amount,
      reason: options.reason,
      ...(options.authority ? { authority: options.authority } : {}),
    }),
  },
  {
    type: 'DropInitiative',
    path: ['initiative', 'drop'],
    summary: 'drop an initiative: release everything it has left in the year',
    args: [yearArgument, { name: 'initiative', description: 'the initiative' }],
    options: [reason, authority(false)],
    build: ([year, initiativeId], options) => ({
      year,
      initiativeId,
      reason: options.reason,
      ...(options.authority ? { authority: options.authority } : {}),
    }),
  },
  {
    type: 'ReportSpending',
    path: ['spending', 'report'],
    summary: "report an initiative's spending (forbruk)",
    args: [yearArgument],
    options: [
      { flags: '--initiative <id>', description: 'the initiative', required: true },
      { flags: '--amount <amount>', description: 'the amount spent', required: true },
      { flags: '--reference <text>', description: 'the invoice or account it comes from', required: true },
    ],
    build: ([year], options) => ({ year, initiativeId: options.initiative, amount: options.amount, reference: options.reference }),
  },
  {
    type: 'CorrectSpending',
    path: ['spending', 'correct'],
    summary: 'correct a spending report',
    args: [yearArgument, eventArgument],
    options: [{ flags: '--change <amount>', description: 'the signed change, such as -1000', required: true }, reason],
    build: ([year, correctsEventId], options) => ({ year, correctsEventId, amountChange: options.change, reason: options.reason }),
  },
  {
    type: 'EstablishReserveFund',
    path: ['reserve-fund', 'establish'],
    summary: 'establish a reserve fund (fond) by the alternative the committee chose',
    args: [yearArgument],
    options: [{ flags: '--name <name>', description: "the fund's name", required: true }, authority(true)],
    build: ([year], options) => ({ year, name: options.name, authority: options.authority }),
  },
  ...closedYearTasks,
];
