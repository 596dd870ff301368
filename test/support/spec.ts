import { expect } from 'vitest';
import { monotonicFactory } from 'ulid';
import { CommandHandler, type CommandResult } from '../../src/app/command-handler.js';
import type { CommandInput } from '../../src/commands/table.js';
import { SqliteEventStore } from '../../src/store/sqlite-store.js';
import { expectDetailsOfTheirKinds } from './refusal-kinds.js';

/** Today in the specs: 1 June 2026, so the 2025 year of the basics can be decided and settled today. */
const TODAY = '2026-06-01T08:00:00Z';

/** A ledger on an in-memory store with a clock that ticks one second per read, from `start`. */
export function testLedger(start = TODAY) {
  const store = new SqliteEventStore(':memory:');
  let instant = Date.parse(start);
  const handler = new CommandHandler(store, { clock: () => new Date((instant += 1000)), newId: monotonicFactory() });
  let keys = 0;
  const run = async (command: Given, actor = 'sekretariat'): Promise<CommandResult> =>
    handler.execute({ idempotencyKey: `k-${++keys}`, ...command }, { actor });
  return { store, handler, run };
}

/** A command without its idempotency key (the spec numbers them). Distributes over the union of commands. */
export type Given = CommandInput extends infer C
  ? C extends unknown
    ? Omit<C, 'idempotencyKey'> & { idempotencyKey?: string }
    : never
  : never;

/**
 * A spec in the given / when / then form: the given commands are recorded through
 * the rules, then the command under test either records the expected events or is
 * refused with the expected error code, with nothing appended.
 */
export function given(...commands: Given[]) {
  return givenAt(TODAY, ...commands);
}

/** A spec on a ledger whose clock starts at `start` (for years that can only be settled later than 1 June 2026). */
export function givenAt(start: string, ...commands: Given[]) {
  return {
    when(command: Given) {
      const prepare = async () => {
        const ledger = testLedger(start);
        for (const previous of commands) await ledger.run(previous);
        return ledger;
      };
      return {
        async then(expected: { type: string; data?: Record<string, unknown> }[]) {
          const ledger = await prepare();
          const result = await ledger.run(command);
          expect(result.events.map((event) => event.type)).toEqual(expected.map((event) => event.type));
          expected.forEach((event, index) => {
            if (event.data) expect(result.events[index]!.data).toMatchObject(event.data);
          });
          return result;
        },
        async thenThrows(code: string, details?: Record<string, unknown>) {
          const ledger = await prepare();
          const before = await ledger.store.headPosition();
          const failure = await ledger.run(command).then(
            () => null,
            (error: unknown) => error,
          );
          expect(failure, `expected the command to be refused with ${code}`).not.toBeNull();
          expect(failure).toMatchObject({ code, ...(details ? { details: expect.objectContaining(details) } : {}) });
          expectDetailsOfTheirKinds(failure);
          expect(await ledger.store.headPosition(), 'a refused command appends nothing').toBe(before);
          return failure as Error;
        },
      };
    },
  };
}

/**
 * What point 1 of case 01.25 authorises: up to 10 000 000 for each initiative in each of
 * 2025–2040 (so the frame, not the table, bounds the grants of most specs; the specs of
 * authority use tables of their own).
 */
const allocationLines = ['tiltak', 'annet'].flatMap((initiativeId) =>
  Array.from({ length: 16 }, (_, index) => ({ target: { initiativeId }, year: 2025 + index, amount: '10000000' })),
);

/** The registry takes effect at the start of 2025, before anything it names. */
const early = { effectiveDate: '2025-01-02' } as const;

/** A small registry, 1 000 000 received for 2025, and case 01.25 adopted with a grant point and a reserve-fund choice. */
export const basics: Given[] = [
  { type: 'RegisterProgrammeArea', programmeAreaId: 'omrade', name: 'Område', ...early },
  {
    type: 'RegisterInitiative',
    initiativeId: 'tiltak',
    name: 'Tiltak',
    programmeAreaId: 'omrade',
    criterion: 'utvikling',
    phase: 'oppstart',
    ...early,
  },
  {
    type: 'RegisterInitiative',
    initiativeId: 'annet',
    name: 'Annet tiltak',
    programmeAreaId: 'omrade',
    criterion: 'drift',
    phase: 'drift',
    ...early,
  },
  { type: 'RegisterPartner', partnerId: 'kommunene', name: 'Kommunene', kind: 'municipalities', ...early },
  { type: 'RegisterPartner', partnerId: 'si', name: 'Sykehuset Innlandet', kind: 'hospital-trust', ...early },
  { type: 'RegisterCommitteeMember', memberId: 'leder', name: 'Leder', partnerId: 'kommunene', ...early },
  { type: 'RegisterCommitteeMember', memberId: 'nestleder', name: 'Nestleder', partnerId: 'si', ...early },
  {
    type: 'ReceiveFunds',
    year: 2025,
    amount: '1000000',
    reference: 'Tilskudd 2025',
    receivedOn: '2025-01-15',
    effectiveDate: '2025-01-15',
  },
  { type: 'OpenCase', caseNumber: '01.25', meetingDate: '2025-02-20', title: 'Prioritering', effectiveDate: '2025-01-20' },
  {
    type: 'ProposeResolution',
    caseNumber: '01.25',
    effectiveDate: '2025-01-20',
    points: [
      {
        number: 1,
        text: 'Prioriteringene vedtas slik tabellen viser',
        alternatives: [],
        authorises: { kind: 'allocation', fundedBy: 'frame', lines: allocationLines },
      },
      {
        number: 2,
        text: 'Fond',
        alternatives: [
          { number: 1, label: 'Alt. 1', amount: '300000' },
          { number: 2, label: 'Alt. 2', amount: '200000' },
          { number: 3, label: 'Alt. 3: ikke etablere', amount: null },
        ],
        authorises: { kind: 'reserve-fund', year: 2025 },
      },
    ],
  },
];

export type GivenOf<T extends Given['type']> = Extract<Given, { type: T }>;

export const adopted = (alternativeNumber = 1): GivenOf<'AdoptResolution'> => ({
  type: 'AdoptResolution',
  caseNumber: '01.25',
  points: [
    { number: 1, outcome: 'adopted' },
    { number: 2, outcome: 'adopted', alternativeNumber },
  ],
  decidedBy: 'consensus',
  effectiveDate: '2025-02-20',
});

export const grant = (amount: string, extra: Record<string, unknown> = {}): Given => ({
  type: 'AwardGrant',
  year: 2025,
  initiativeId: 'tiltak',
  plan: { amount },
  authority: { caseNumber: '01.25', pointNumber: 1 },
  ...extra,
});
