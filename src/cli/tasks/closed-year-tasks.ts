import { type TaskOption, type TaskSpec, task } from './task.js';
import { amountOption, authorityOption, instalmentsOption, reasonOption, yearArgument } from './task-parts.js';

/**
 * Corrections of a closed year (rettelser), recorded in the first open year: one verb per
 * kind of mistake, each naming what it corrects and the figure as it should stand; the
 * ledger works out what moves between the frame, the reserve fund and the earmark.
 */

const openYear = yearArgument([
  'det første åpne året, som fører rettelsen, som 2025',
  'the first open year, which carries the correction, such as 2025',
]);
const correctedYear: TaskOption = {
  flags: '--corrected-year <year>',
  description: ['det lukkede året som rettes, som 2024', 'the closed year corrected, such as 2024'],
  fields: ['correctedYear'],
  required: true,
  parse: (text, values) => values.year(text),
};
const reason = reasonOption(['hvorfor tallet var feil', 'why the figure was wrong']);
const authority = (required: boolean) =>
  authorityOption(
    [
      'vedtakspunktet som gir hjemmel for det nye tallet, som 22.25/5',
      'the adopted resolution point that allows the new figure, such as 22.25/5',
    ],
    required,
  );
const reference: TaskOption = {
  flags: '--reference <text>',
  description: [
    'dokumentet som viser riktig tall (i stedet for --authority)',
    'the document that shows the right figure (instead of --authority)',
  ],
  fields: ['reference'],
};
const event: TaskOption = {
  flags: '--event <event-id>',
  description: [
    'hendelsen i det lukkede året som rettes (se ledger trail ÅR --json)',
    'the event of the closed year it corrects (see ledger trail YEAR --json)',
  ],
  fields: ['correctsEventId'],
  required: true,
};
const amount = amountOption(['beløpet slik det skulle vært, som "1 000 000"', 'the amount as it should stand, such as "1 000 000"']);

type FactType = 'CorrectClosedReceipt' | 'CorrectClosedSpending' | 'CorrectClosedRelease';

const factTask = (type: FactType, verb: string, what: readonly [string, string], example: string): TaskSpec =>
  task({
    type,
    path: ['correct', verb],
    summary: [`rett ${what[0]} i et lukket år, ført i det første åpne året`, `correct ${what[1]} of a closed year in the first open year`],
    args: [openYear],
    options: [
      correctedYear,
      event,
      amount,
      reason,
      ...(type === 'CorrectClosedRelease' ? [authority(true)] : [authority(false), reference]),
    ],
    examples: [example],
    build: ([year], options) => ({
      year,
      correctedYear: options.correctedYear,
      correctsEventId: options.event,
      amount: options.amount,
      reason: options.reason,
      ...(options.authority ? { authority: options.authority } : {}),
      ...(options.reference ? { reference: options.reference } : {}),
    }),
  });

export const closedYearTasks: readonly TaskSpec[] = [
  task({
    type: 'CorrectClosedGrant',
    path: ['correct', 'grant'],
    summary: [
      'rett en tildeling i et lukket år: årsbeløpene slik de skulle vært',
      'correct a grant of a closed year: its instalments as they should stand',
    ],
    description: [
      'Retter en tildeling gitt i et lukket år. Oppgi hvert årsbeløp slik det skulle vært (--instalment ÅR=BELØP, ett per år som endres: lukkede år, og åpne år om planen også endres). Forskjellen i et lukket år flyttes mellom rammen (eller fondet) i det første åpne året og satsningens øremerkede midler.',
      "Corrects a grant awarded in a closed year. Give each instalment as it should stand (--instalment YEAR=AMOUNT, one per year that changes: closed years, and open ones if the plan changes too). The difference of a closed instalment moves between the first open year's frame (or the reserve fund) and the initiative's earmark.",
    ],
    args: [
      openYear,
      { name: 'grant-id', description: ['tildelingen, som g2024-samba', 'the grant, such as g2024-samba'], field: 'grantId' },
    ],
    options: [
      correctedYear,
      instalmentsOption([
        'et årsbeløp slik det skulle vært, som 2024=1000000 (gjenta)',
        'an instalment as it should stand, such as 2024=1000000 (repeat)',
      ]),
      authority(true),
      reason,
    ],
    examples: [
      'ledger correct grant 2025 g2024-samba --corrected-year 2024 --instalment 2024=1000000 --instalment 2025=0 --instalment 2026=0 --authority 22.25/5 --reason "Vedlegg 1 til sak 22.25" --date 2025-09-18',
    ],
    build: ([year, grantId], options) => ({
      year,
      correctedYear: options.correctedYear,
      grantId,
      instalments: options.instalment,
      authority: options.authority,
      reason: options.reason,
    }),
  }),
  factTask(
    'CorrectClosedReceipt',
    'receipt',
    ['et mottak', 'a receipt'],
    'ledger correct receipt 2025 --corrected-year 2024 --event 01JH3Q8Z1X9V4K7M2N5P6R8T0W --amount "10 700 000" --reference "Tilskuddsbrev 2024, rettet" --reason "Feil beløp ført" --date 2025-10-01',
  ),
  factTask(
    'CorrectClosedSpending',
    'spending',
    ['en forbruksrapport', 'a spending report'],
    'ledger correct spending 2025 --corrected-year 2024 --event 01JH3Q8Z1X9V4K7M2N5P6R8T0W --amount "250 000" --reference "Regnskap 2024" --reason "Kreditnota" --date 2025-10-01',
  ),
  factTask(
    'CorrectClosedRelease',
    'release',
    ['en frigjøring', 'a release'],
    'ledger correct release 2025 --corrected-year 2024 --event 01JH3Q8Z1X9V4K7M2N5P6R8T0W --amount "250 000" --authority 22.25/1 --reason "Bare halvparten skulle frigjøres" --date 2025-10-01',
  ),
];
