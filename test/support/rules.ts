import { expect } from 'vitest';
import type { CommandResult } from '../../src/app/command-handler.js';
import { adopted, basics, testLedger, type Given, type GivenOf } from './spec.js';
import { expectDetailsOfTheirKinds } from './refusal-kinds.js';

/**
 * Helpers for the specs of the committee's rules (test/rules-*.spec.unit.test.ts): short
 * commands with their dates, a second case whose points authorise money in every way a
 * point can, and a refusal that must leave the log as it was.
 */

export type TestLedger = ReturnType<typeof testLedger>;

/** Records the commands in order through the rules; a refusal fails the spec. */
export async function record(ledger: TestLedger, ...commands: Given[]): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const command of commands) results.push(await ledger.run(command));
  return results;
}

/** A ledger (clock from `start`) with the commands recorded. */
export async function ledgerWith(commands: Given[], start?: string): Promise<TestLedger> {
  const ledger = start === undefined ? testLedger() : testLedger(start);
  await record(ledger, ...commands);
  return ledger;
}

/** The command is refused with `code` and the figures in `details`, and nothing is appended. */
export async function expectRefused(
  ledger: TestLedger,
  command: Given,
  code: string,
  details?: Record<string, unknown>,
): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  const before = await ledger.store.headPosition();
  const failure: unknown = await ledger.run(command).then(
    () => null,
    (error: unknown) => error,
  );
  expect(failure, `expected ${command.type} to be refused with ${code}`).not.toBeNull();
  expect(failure).toMatchObject({ code, ...(details ? { details: expect.objectContaining(details) } : {}) });
  expectDetailsOfTheirKinds(failure);
  expect(await ledger.store.headPosition(), 'a refused command appends nothing').toBe(before);
  return failure as { code: string; message: string; details: Record<string, unknown> };
}

/** The id of the first event of a type in a stream (a command that corrects it names it). */
export async function eventIdOf(ledger: TestLedger, stream: string, type: string): Promise<string> {
  for await (const record of ledger.store.readStream(stream)) if (record.type === type) return record.id;
  throw new Error(`no ${type} in ${stream}`);
}

type Choice = { alternativeNumber: number } | { answer: 'yes' | 'no' | 'blank' };

export const vote = (
  memberId: string,
  pointNumber: number,
  choice: Choice,
  extra: Partial<GivenOf<'CastVote'>> = {},
): GivenOf<'CastVote'> => ({
  type: 'CastVote',
  caseNumber: '01.25',
  memberId,
  pointNumber,
  choice,
  effectiveDate: '2025-02-20',
  ...extra,
});

/** Case 01.25 adopted at its meeting (20 February 2025), choosing reserve-fund alternative `alternative` (3: none). */
export const adoptedAtMeeting = (alternative = 3): GivenOf<'AdoptResolution'> => ({ ...adopted(alternative), effectiveDate: '2025-02-20' });

/** The basics with case 01.25 adopted at its meeting: 1 000 000 received for 2025 on 15 January. */
export const decided = (alternative = 3): Given[] => [...basics, adoptedAtMeeting(alternative)];

export const receive = (year: number, amount: string, effectiveDate: string): GivenOf<'ReceiveFunds'> => ({
  type: 'ReceiveFunds',
  year,
  amount,
  reference: `Tilskudd ${year}`,
  receivedOn: effectiveDate,
  effectiveDate,
});

export const award = (
  grantId: string,
  amount: string,
  effectiveDate: string,
  extra: Partial<GivenOf<'AwardGrant'>> = {},
): GivenOf<'AwardGrant'> => ({
  type: 'AwardGrant',
  grantId,
  year: 2025,
  initiativeId: 'tiltak',
  plan: { amount },
  authority: { caseNumber: '01.25', pointNumber: 1 },
  effectiveDate,
  ...extra,
});

export const spend = (
  amount: string,
  effectiveDate: string,
  extra: Partial<GivenOf<'ReportSpending'>> = {},
): GivenOf<'ReportSpending'> => ({
  type: 'ReportSpending',
  year: 2025,
  initiativeId: 'tiltak',
  amount,
  reference: 'Regnskap',
  effectiveDate,
  ...extra,
});

export const settle = (year: number, effectiveDate: string): GivenOf<'SettleYear'> => ({ type: 'SettleYear', year, effectiveDate });

export const reserveFund = (
  caseNumber: string,
  pointNumber: number,
  year = 2025,
  effectiveDate?: string,
): GivenOf<'EstablishReserveFund'> => ({
  type: 'EstablishReserveFund',
  year,
  name: 'Fond',
  authority: { caseNumber, pointNumber },
  ...(effectiveDate === undefined ? {} : { effectiveDate }),
});

/**
 * Case 02.25 (meeting 20 March 2025), recommending 300 000 for `tiltak` in 2025 and
 * 100 000 in 2026, and 200 000 in 2025 for the proposal `ny` of a new initiative. Its
 * points: 1 endorses the recommendation, 2 authorises no money, 3 sets up a 2025
 * reserve fund (alternative 1: 150 000, 2: none), 4 draws on the reserve fund for
 * `tiltak` (250 000 in 2025 and in 2026).
 */
export const secondCase: Given[] = [
  { type: 'OpenCase', caseNumber: '02.25', meetingDate: '2025-03-20', title: 'Anbefalt prioritering', effectiveDate: '2025-03-01' },
  {
    type: 'SubmitProposal',
    caseNumber: '02.25',
    proposalId: 'ny',
    year: 2025,
    target: { newInitiativeName: 'Ny satsning' },
    amountRequested: null,
    submittedBy: ['kommunene'],
    effectiveDate: '2025-03-01',
  },
  {
    type: 'RecordRecommendation',
    caseNumber: '02.25',
    year: 2025,
    lines: [
      { target: { initiativeId: 'tiltak' }, amountRecommended: '300000' },
      { target: { proposalId: 'ny' }, amountRecommended: '200000' },
    ],
    effectiveDate: '2025-03-02',
  },
  {
    type: 'RecordRecommendation',
    caseNumber: '02.25',
    year: 2026,
    lines: [{ target: { initiativeId: 'tiltak' }, amountRecommended: '100000' }],
    effectiveDate: '2025-03-02',
  },
  {
    type: 'ProposeResolution',
    caseNumber: '02.25',
    effectiveDate: '2025-03-02',
    points: [
      { number: 1, text: 'SSU gir tilslutning til anbefalt prioritering', alternatives: [], authorises: { kind: 'recommendation' } },
      { number: 2, text: 'Sekretariatet informerer partnerne', alternatives: [], authorises: { kind: 'none' } },
      {
        number: 3,
        text: 'Fond',
        alternatives: [
          { number: 1, label: 'Alt. 1', amount: '150000' },
          { number: 2, label: 'Alt. 2: ikke etablere', amount: null },
        ],
        authorises: { kind: 'reserve-fund', year: 2025 },
      },
      {
        number: 4,
        text: 'Midler fra fondet',
        alternatives: [],
        authorises: {
          kind: 'allocation',
          fundedBy: 'reserve-fund',
          lines: [
            { target: { initiativeId: 'tiltak' }, year: 2025, amount: '250000' },
            { target: { initiativeId: 'tiltak' }, year: 2026, amount: '250000' },
          ],
        },
      },
    ],
  },
];

/** Case 02.25 adopted at its meeting, point 1 with the meeting's amendments, if any. */
export const secondCaseAdopted = (amendments?: GivenOf<'AdoptResolution'>['points'][number]['amendments']): GivenOf<'AdoptResolution'> => ({
  type: 'AdoptResolution',
  caseNumber: '02.25',
  points: [
    { number: 1, outcome: 'adopted', ...(amendments ? { amendments } : {}) },
    { number: 2, outcome: 'adopted' },
    { number: 3, outcome: 'adopted', alternativeNumber: 1 },
    { number: 4, outcome: 'adopted' },
  ],
  decidedBy: 'consensus',
  effectiveDate: '2025-03-20',
});

/** `ny-satsning`, registered from the proposal `ny` of case 02.25. */
export const registeredFromProposal: Given = {
  type: 'RegisterInitiative',
  initiativeId: 'ny-satsning',
  name: 'Ny satsning',
  programmeAreaId: 'omrade',
  criterion: 'utvikling',
  phase: 'oppstart',
  fromProposal: { caseNumber: '02.25', proposalId: 'ny' },
  effectiveDate: '2025-03-20',
};

export const recommended = { caseNumber: '02.25', pointNumber: 1 } as const;
export const drawPoint = { caseNumber: '02.25', pointNumber: 4 } as const;
