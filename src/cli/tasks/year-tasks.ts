import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { Values } from '../values.js';
import { parseYearAmount, type TaskArgument, type TaskOption, type TaskSpec, task } from './task.js';
import {
  amountOption,
  authorityOption,
  initiativeArgument,
  initiativeOption,
  instalmentsOption,
  reasonOption,
  yearArgument,
} from './task-parts.js';
import { parseCondition } from './grant-conditions.js';
import { closedYearTasks } from './closed-year-tasks.js';

/** The years' task verbs: receipts, grants and what follows them, spending, the reserve fund, corrections of closed years. */

const yearOfFunds = yearArgument(['året midlene gjelder, som 2025', 'the year of the funds, such as 2025']);
const grantArgument: TaskArgument = {
  name: 'grant-id',
  description: ['tildelingen (se ledger case NN.ÅÅ)', 'the grant (see ledger case NN.YY)'],
  field: 'grantId',
};
const initiative = initiativeArgument('initiative');
const eventArgument: TaskArgument = {
  name: 'event-id',
  description: [
    'id-en til hendelsen som rettes (se ledger trail ÅR --json)',
    'the id of the event it corrects (see ledger trail YEAR --json)',
  ],
  field: 'correctsEventId',
};
const authority = (required: boolean) =>
  authorityOption(['punktet i vedtaket det viser til, som 22.25/1', 'the adopted resolution point it cites, such as 22.25/1'], required);
const reason = reasonOption();
const amount = amountOption;
const change = (example: string): TaskOption => ({
  flags: '--change <amount>',
  description: [`endringen, med minus for en reduksjon, som ${example}`, `the signed change, such as ${example}`],
  fields: ['amountChange'],
  required: true,
  parse: (text, values) => values.signedAmount(text),
});

/** A receipt or a spending report corrected by a signed change in its own year (`ledger funds correct`, `ledger spending correct`). */
const correctionTask = (
  type: 'CorrectReceipt' | 'CorrectSpending',
  group: string,
  summary: readonly [string, string],
  example: { change: string; reason: string },
): TaskSpec =>
  task({
    type,
    path: [group, 'correct'],
    summary,
    args: [yearOfFunds, eventArgument],
    options: [change(example.change), reason],
    examples: [`ledger ${group} correct 2026 01JH3Q8Z1X9V4K7M2N5P6R8T0W --change "${example.change}" --reason "${example.reason}"`],
    build: ([year, correctsEventId], options) => ({ year, correctsEventId, amountChange: options.change, reason: options.reason }),
  });

/** The plan of a grant from its options: one amount, a total over N years, or instalments. */
function planOf(options: Readonly<Record<string, unknown>>, values: Values) {
  const instalments = options.instalment as { year: number; amount: string }[] | undefined;
  if (options.amount !== undefined) return { amount: options.amount };
  if (instalments) return { amountTotal: options.total, instalments };
  if (options.years !== undefined) return { amountTotal: options.total, years: options.years };
  throw new InvalidArgumentError(
    values.say(
      'Oppgi --amount, eller --total med --years eller med --instalment ÅR=BELØP for hvert år.',
      'Give --amount, or --total with --years or with --instalment YEAR=AMOUNT for each year.',
    ),
  );
}

/** Grants and what follows them: the award, its plan, adjustments and releases, and dropping an initiative. */
const grantTasks: readonly TaskSpec[] = [
  task({
    type: 'AwardGrant',
    path: ['grant', 'award'],
    summary: ['tildel en satsning midler', 'award a grant (tildeling) to an initiative'],
    description: [
      'Tildeler midler fra rammen for et år, med hjemmel i punktet i vedtaket: --amount for ett år, eller --total med --years N (fordelt likt til øret) eller med --instalment ÅR=BELØP for hvert år i en flerårig plan.',
      'Awards a grant against the frame of a year, citing the adopted point that authorises it: --amount for one year, or --total with --years N (split evenly to the øre) or with --instalment YEAR=AMOUNT for each year of a multi-year plan.',
    ],
    args: [yearOfFunds],
    options: [
      initiativeOption,
      authority(true),
      {
        ...amount(['beløpet, for en tildeling på ett år', 'the amount, for a grant of one year'], ['plan.amount', 'plan']),
        required: false,
      },
      {
        flags: '--total <amount>',
        description: ['totalen for en flerårig tildeling', 'the total of a multi-year grant'],
        fields: ['plan.amountTotal'],
        parse: (text, values) => values.amount(text),
      },
      {
        flags: '--years <n>',
        description: ['fordel totalen likt over 2–3 år', 'split the total evenly over 2–3 years'],
        fields: ['plan.years'],
        parse: (text, values) => values.whole(text),
      },
      {
        flags: '--instalment <YEAR=AMOUNT>',
        description: [
          'et årsbeløp i en flerårig plan, som 2026=500000 (gjenta)',
          'an instalment of a multi-year plan, such as 2026=500000 (repeat)',
        ],
        fields: ['plan.instalments'],
        repeatable: true,
        parse: parseYearAmount,
      },
      {
        flags: '--id <grant-id>',
        description: ['tildelingens id (standard: en registeret lager)', "the grant's id (default: one the ledger makes)"],
        fields: ['grantId'],
      },
      { flags: '--note <text>', description: ['en merknad', 'a note'], fields: ['note'] },
      {
        flags: '--condition <text>',
        description: [
          'et vilkår komiteen satte, "TEKST" eller "ÅÅÅÅ-MM-DD: TEKST" når det har en frist (gjenta)',
          'a condition the committee attached, "TEXT" or "YYYY-MM-DD: TEXT" when it is due by a date (repeat)',
        ],
        fields: ['conditions'],
        repeatable: true,
        parse: (text, values) => parseCondition(text, values),
      },
      {
        flags: '--report-due <date>',
        description: ['når satsningen rapporterer om tildelingen, ÅÅÅÅ-MM-DD', 'when the initiative reports on the grant, YYYY-MM-DD'],
        fields: ['reportDueOn'],
        parse: (text, values) => values.date(text),
      },
    ],
    examples: [
      'ledger grant award 2025 --initiative vip --amount "3 000 000" --authority 22.25/1 --date 2025-09-18',
      'ledger grant award 2025 --initiative samba --total "1 000 000" --years 3 --authority 22.25/1 --date 2025-09-18',
      'ledger grant award 2025 --initiative samba --total 900000 --instalment 2025=500000 --instalment 2026=400000 --authority 22.25/1 --date 2025-09-18',
    ],
    build: ([year], options, values) => ({
      year,
      initiativeId: options.initiative,
      plan: planOf(options, values),
      authority: options.authority,
      ...(options.id ? { grantId: options.id } : {}),
      ...(options.note ? { note: options.note } : {}),
      ...(options.condition ? { conditions: options.condition } : {}),
      ...(options.reportDue ? { reportDueOn: options.reportDue } : {}),
    }),
  }),
  task({
    type: 'ChangeGrantPlan',
    path: ['grant', 'plan'],
    summary: [
      'endre planen til en flerårig tildeling: fordel på nytt eller forkort',
      "change a multi-year grant's plan: re-spread or shorten its instalments",
    ],
    args: [grantArgument],
    options: [
      instalmentsOption([
        'det nye beløpet for et år i planen, som 2027=0 (gjenta)',
        'the new amount of a year of the plan, such as 2027=0 (repeat)',
      ]),
      authority(true),
      reason,
    ],
    examples: [
      'ledger grant plan g2025-samba --instalment 2026=666666.67 --instalment 2027=0 --authority 23.25/1 --reason "Avsluttes et år tidligere" --date 2025-11-13',
    ],
    build: ([grantId], options) => ({ grantId, instalments: options.instalment, authority: options.authority, reason: options.reason }),
  }),
  task({
    type: 'AdjustGrant',
    path: ['grant', 'adjust'],
    summary: ['juster årsbeløpet til en tildeling', "adjust a grant's instalment for a year"],
    args: [yearOfFunds, grantArgument],
    options: [change('-20 000'), authority(true), reason],
    examples: ['ledger grant adjust 2025 g2025-vip --change "-20 000" --authority 22.25/1 --reason "Justert i møtet" --date 2025-11-13'],
    build: ([year, grantId], options) => ({
      year,
      grantId,
      amountChange: options.change,
      authority: options.authority,
      reason: options.reason,
    }),
  }),
  task({
    type: 'ReleaseFunds',
    path: ['grant', 'release'],
    summary: ['frigjør ubrukte midler fra en tildeling', 'release unused funds of a grant (frigjøre)'],
    args: [yearOfFunds, grantArgument],
    options: [amount(['beløpet som frigjøres', 'the amount released']), reason, authority(false)],
    examples: ['ledger grant release 2025 g2025-vip --amount "500 000" --reason "Avsluttet under budsjett"'],
    build: ([year, grantId], options) => ({
      year,
      grantId,
      amount: options.amount,
      reason: options.reason,
      ...(options.authority ? { authority: options.authority } : {}),
    }),
  }),
  task({
    type: 'ReleaseEarmarkedFunds',
    path: ['earmark', 'release'],
    summary: [
      'frigjør øremerkede midler en satsning fikk overført fra i fjor',
      'release earmarked funds an initiative carried in from last year',
    ],
    args: [yearOfFunds, initiative],
    options: [amount(['beløpet som frigjøres', 'the amount released']), reason, authority(false)],
    examples: ['ledger earmark release 2026 vip --amount "200 000" --reason "Ikke lenger behov"'],
    build: ([year, initiativeId], options) => ({
      year,
      initiativeId,
      amount: options.amount,
      reason: options.reason,
      ...(options.authority ? { authority: options.authority } : {}),
    }),
  }),
  task({
    type: 'DropInitiative',
    path: ['initiative', 'drop'],
    summary: ['avslutt en satsning: frigjør alt den har igjen i året', 'drop an initiative: release everything it has left in the year'],
    args: [yearOfFunds, initiative],
    options: [reason, authority(false)],
    examples: ['ledger initiative drop 2026 vip --reason "Avsluttet etter evaluering"'],
    build: ([year, initiativeId], options) => ({
      year,
      initiativeId,
      reason: options.reason,
      ...(options.authority ? { authority: options.authority } : {}),
    }),
  }),
];

export const yearTasks: readonly TaskSpec[] = [
  task({
    type: 'ReceiveFunds',
    path: ['funds', 'receive'],
    summary: ['registrer midlene mottatt for et år', 'record the funds received for a year (mottatt)'],
    args: [yearOfFunds],
    options: [
      amount(['beløpet som er mottatt, som 10 615 000', 'the amount received, such as 10 615 000']),
      {
        flags: '--reference <text>',
        description: ['brevet eller betalingen det kom med', 'the letter or payment it came with'],
        fields: ['reference'],
        required: true,
      },
      {
        flags: '--received-on <date>',
        description: ['når det kom, ÅÅÅÅ-MM-DD', 'when it arrived, YYYY-MM-DD'],
        fields: ['receivedOn'],
        required: true,
        parse: (text, values) => values.date(text),
      },
    ],
    examples: ['ledger funds receive 2026 --amount "10 615 000" --reference "Tilskudd 2026" --received-on 2026-01-15'],
    build: ([year], options) => ({ year, amount: options.amount, reference: options.reference, receivedOn: options.receivedOn }),
  }),
  correctionTask(
    'CorrectReceipt',
    'funds',
    ['rett et mottak som ble registrert med feil beløp', 'correct a receipt recorded with a wrong amount'],
    { change: '-50 000', reason: 'Feil i brevet' },
  ),
  task({
    type: 'RecordExpectedReceipt',
    path: ['funds', 'expect'],
    summary: [
      'registrer tilskuddet som forventes for et år der midlene ikke er kommet',
      'record the receipt expected for a year whose funds have not arrived (forventet tilskudd)',
    ],
    args: [yearOfFunds],
    options: [
      amount(['beløpet som forventes', 'the amount expected']),
      { flags: '--reason <text>', description: ['hvor forventningen kommer fra', 'where the expectation comes from'], fields: ['reason'] },
    ],
    examples: ['ledger funds expect 2027 --amount "10 000 000" --reason "Signal fra Helse Sør-Øst"'],
    build: ([year], options) => ({ year, amount: options.amount, ...(options.reason ? { reason: options.reason } : {}) }),
  }),
  ...grantTasks,
  task({
    type: 'ReportSpending',
    path: ['spending', 'report'],
    summary: ['rapporter forbruket til en satsning', "report an initiative's spending (forbruk)"],
    args: [yearOfFunds],
    options: [
      initiativeOption,
      amount(['beløpet som er brukt', 'the amount spent']),
      {
        flags: '--reference <text>',
        description: ['fakturaen eller kontoen det kommer fra', 'the invoice or account it comes from'],
        fields: ['reference'],
        required: true,
      },
    ],
    examples: ['ledger spending report 2026 --initiative vip --amount "250 000" --reference "Faktura 2026-014"'],
    build: ([year], options) => ({ year, initiativeId: options.initiative, amount: options.amount, reference: options.reference }),
  }),
  correctionTask('CorrectSpending', 'spending', ['rett en forbruksrapport', 'correct a spending report'], {
    change: '-1 000',
    reason: 'Kreditnota',
  }),
  task({
    type: 'EstablishReserveFund',
    path: ['reserve-fund', 'establish'],
    summary: ['etabler et fond med alternativet SSU valgte', 'establish a reserve fund (fond) by the alternative the committee chose'],
    args: [yearOfFunds],
    options: [
      { flags: '--name <name>', description: ['fondets navn', "the fund's name"], fields: ['name'], required: true },
      authority(true),
    ],
    examples: ['ledger reserve-fund establish 2025 --name "Fond for psykisk helse" --authority 22.25/2 --date 2025-09-18'],
    build: ([year], options) => ({ year, name: options.name, authority: options.authority }),
  }),
  ...closedYearTasks,
];
