import type { PointAuthority } from '../../events/case-events.js';
import type { EventDataOf } from '../../events/catalogue.js';
import { eventId, recorded, type GivenEvent } from './given.js';

/**
 * Histories the pure specs start from, stated as events (test/support/given.ts): a small
 * registry, case 01.25 with a table of grants and a reserve-fund point, and 2025's receipt.
 * The same ledger as the integration specs' `basics` (test/support/spec.ts), without a store.
 */

/** The registry takes effect at the start of 2025, before anything it names. */
const early = '2025-01-02';

export const registry: GivenEvent[] = [
  recorded('registry', 'ProgrammeAreaRegistered', { programmeAreaId: 'omrade', name: 'Område' }, early),
  recorded(
    'registry',
    'InitiativeRegistered',
    { initiativeId: 'tiltak', name: 'Tiltak', programmeAreaId: 'omrade', criterion: 'utvikling', phase: 'oppstart' },
    early,
  ),
  recorded(
    'registry',
    'InitiativeRegistered',
    { initiativeId: 'annet', name: 'Annet tiltak', programmeAreaId: 'omrade', criterion: 'drift', phase: 'drift' },
    early,
  ),
  recorded('registry', 'PartnerRegistered', { partnerId: 'kommunene', name: 'Kommunene', kind: 'municipalities' }, early),
  recorded('registry', 'PartnerRegistered', { partnerId: 'si', name: 'Sykehuset Innlandet', kind: 'hospital-trust' }, early),
  recorded('registry', 'CommitteeMemberRegistered', { memberId: 'leder', name: 'Leder', partnerId: 'kommunene' }, early),
  recorded('registry', 'CommitteeMemberRegistered', { memberId: 'nestleder', name: 'Nestleder', partnerId: 'si' }, early),
];

/** The id of 2025's receipt, for the specs that correct it. */
export const RECEIPT_2025 = eventId(100);

/** 1 000 000 received for 2025 on 15 January. */
export const received2025 = (amount = '1000000.00', on = '2025-01-15'): GivenEvent =>
  recorded('year-2025', 'FundsReceived', { year: 2025, amount, reference: 'Tilskudd 2025', receivedOn: on }, on, { id: RECEIPT_2025 });

/** Case 01.25, opened 20 January for the meeting of 20 February 2025. */
export const opened = recorded(
  'case-01.25',
  'CaseOpened',
  { caseNumber: '01.25', meetingDate: '2025-02-20', title: 'Prioritering' },
  '2025-01-20',
);

/** Points as today's rules propose them: each says what money it authorises. */
type Points = (EventDataOf<'ResolutionProposed'>['points'][number] & { authorises: PointAuthority })[];

/** Point 1: a table of up to `limit` per initiative for 2025 and 2026, from the frame; point 2: a reserve fund, 300 000 or 200 000 or none. */
export const points = (limit = '500000.00'): Points => [
  {
    number: 1,
    text: 'Prioriteringene vedtas slik tabellen viser',
    alternatives: [],
    authorises: {
      kind: 'allocation',
      fundedBy: 'frame',
      lines: ['tiltak', 'annet'].flatMap((initiativeId) => [2025, 2026].map((year) => ({ target: { initiativeId }, year, amount: limit }))),
    },
  },
  {
    number: 2,
    text: 'Fond',
    alternatives: [
      { number: 1, label: 'Alt. 1', amount: '300000.00' },
      { number: 2, label: 'Alt. 2', amount: '200000.00' },
      { number: 3, label: 'Alt. 3: ikke etablere', amount: null },
    ],
    authorises: { kind: 'reserve-fund', year: 2025 },
  },
];

export const proposed = (resolution: EventDataOf<'ResolutionProposed'>['points'] = points()) =>
  recorded('case-01.25', 'ResolutionProposed', { caseNumber: '01.25', points: resolution }, '2025-01-20');

/** The committee adopts both points by consensus at the meeting, choosing the fund's alternative. */
export const adopted = (alternativeNumber = 1, on = '2025-02-20') =>
  recorded(
    'case-01.25',
    'ResolutionAdopted',
    {
      caseNumber: '01.25',
      points: [
        { number: 1, outcome: 'adopted' },
        { number: 2, outcome: 'adopted', alternativeNumber },
      ],
      decidedBy: 'consensus',
      dissent: [],
    },
    on,
  );

/** The registry, 2025's receipt and case 01.25 adopted: what a grant or a reserve fund cites. */
export const decided = (...more: GivenEvent[]): GivenEvent[] => [...registry, received2025(), opened, proposed(), adopted(), ...more];

/** A grant of 2025 to `initiativeId` under point 1 of case 01.25, from the frame. */
export const awarded = (grantId: string, amount: string, initiativeId = 'tiltak', on = '2025-03-01', id?: string) =>
  recorded(
    'year-2025',
    'GrantAwarded',
    {
      grantId,
      year: 2025,
      initiativeId,
      amountTotal: amount,
      instalments: [{ year: 2025, amount }],
      authority: { caseNumber: '01.25', pointNumber: 1 },
      conditions: [],
    },
    on,
    id === undefined ? {} : { id },
  );

export const priorities = { caseNumber: '01.25', pointNumber: 1 } as const;
