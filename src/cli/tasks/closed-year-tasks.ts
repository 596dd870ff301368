import { parseYear } from '../values.js';
import { parseAuthority, parseYearAmount, type TaskSpec } from './task.js';

/**
 * Corrections of a closed year (rettelser), recorded in the first open year: one verb per
 * kind of mistake, each naming what it corrects and the figure as it should stand; the
 * ledger works out what moves between the frame, the reserve fund and the earmark.
 */

const openYear = { name: 'year', description: 'the first open year, which carries the correction, such as 2025', parse: parseYear };
const correctedYear = {
  flags: '--corrected-year <year>',
  description: 'the closed year corrected, such as 2024',
  required: true,
  parse: parseYear,
};
const reason = { flags: '--reason <text>', description: 'why the figure was wrong', required: true };
const authority = (required: boolean) => ({
  flags: '--authority <NN.YY/point>',
  description: 'the adopted resolution point that allows the new figure, such as 22.25/5',
  required,
  parse: parseAuthority,
});
const reference = { flags: '--reference <text>', description: 'the document that shows the right figure (instead of --authority)' };
const event = { flags: '--event <event-id>', description: 'the event of the closed year it corrects (see ledger trail)', required: true };
const amount = { flags: '--amount <amount>', description: 'the amount as it should stand, such as 1000000', required: true };

const factTask = (
  type: 'CorrectClosedReceipt' | 'CorrectClosedSpending' | 'CorrectClosedRelease',
  verb: string,
  what: string,
): TaskSpec => ({
  type,
  path: ['correct', verb],
  summary: `correct ${what} of a closed year in the first open year`,
  args: [openYear],
  options: [correctedYear, event, amount, reason, ...(type === 'CorrectClosedRelease' ? [authority(true)] : [authority(false), reference])],
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
  {
    type: 'CorrectClosedGrant',
    path: ['correct', 'grant'],
    summary: 'correct a grant of a closed year in the first open year: its instalments as they should stand',
    description:
      'Corrects a grant awarded in a closed year. Give each instalment as it should stand (--instalment YEAR=AMOUNT, one per year that changes: closed years, and open ones if the plan changes too). The difference of a closed instalment moves between the first open year\'s frame (or the reserve fund) and the initiative\'s earmark. Example: ledger correct grant 2025 g2024-samba --corrected-year 2024 --instalment 2024=1000000 --instalment 2025=0 --instalment 2026=0 --authority 22.25/5 --reason "Vedlegg 1 til sak 22.25"',
    args: [openYear, { name: 'grant-id', description: 'the grant, such as g2024-samba' }],
    options: [
      correctedYear,
      {
        flags: '--instalment <YEAR=AMOUNT>',
        description: 'an instalment as it should stand (repeat)',
        required: true,
        repeatable: true,
        parse: parseYearAmount,
      },
      authority(true),
      reason,
    ],
    build: ([year, grantId], options) => ({
      year,
      correctedYear: options.correctedYear,
      grantId,
      instalments: options.instalment,
      authority: options.authority,
      reason: options.reason,
    }),
  },
  factTask('CorrectClosedReceipt', 'receipt', 'a receipt'),
  factTask('CorrectClosedSpending', 'spending', 'a spending report'),
  factTask('CorrectClosedRelease', 'release', 'a release'),
];
