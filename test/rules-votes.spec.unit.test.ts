import { describe, expect, it } from 'vitest';
import { adopted, basics, given, type Given } from './support/spec.js';
import { expectRefused, ledgerWith, vote } from './support/rules.js';

/**
 * Votes and adoption: the adoption follows the tally of each member's last vote, point by
 * point, under the rule it was decided by; the ledger derives the dissent; only members
 * registered by the meeting vote; a quorum, once set, is checked. Case 01.25: point 1 is
 * decided yes or no, point 2 by choosing alternative 1, 2 or 3.
 */

const members: Given[] = ['tredje', 'fjerde'].map((memberId) => ({
  type: 'RegisterCommitteeMember',
  memberId,
  name: memberId,
  partnerId: 'kommunene',
  effectiveDate: '2025-01-02',
}));
/** Four members: leder, nestleder, tredje, fjerde. */
const committee = [...basics, ...members];

const adoption = (alternative: number, extra: Record<string, unknown> = {}): Given => ({ ...adopted(alternative), ...extra });

/** Point 1 by consensus (nobody voted on it), point 2 by majority, choosing `alternative`. */
const byMajority = (alternative: number, extra: Record<string, unknown> = {}): Given =>
  adoption(alternative, {
    points: [
      { number: 1, outcome: 'adopted' },
      { number: 2, outcome: 'adopted', alternativeNumber: alternative, decidedBy: 'majority' },
    ],
    ...extra,
  });

describe('consensus: no vote against the adopted choice', () => {
  it('adopts with no votes at all, and with only votes for it and blank votes', async () => {
    await given(...committee)
      .when(adoption(1))
      .then([{ type: 'ResolutionAdopted', data: { decidedBy: 'consensus', dissent: [] } }]);
    await given(...committee, vote('leder', 2, { alternativeNumber: 1 }), vote('nestleder', 2, { answer: 'blank' }))
      .when(adoption(1))
      .then([{ type: 'ResolutionAdopted', data: { dissent: [] } }]);
  });
  it('refuses a consensus with one vote against, giving the counts', async () => {
    await given(...committee, vote('leder', 2, { alternativeNumber: 1 }), vote('nestleder', 2, { alternativeNumber: 2 }))
      .when(adoption(1))
      .thenThrows('tally-does-not-carry', { pointNumber: 2, decidedBy: 'consensus', chosen: 'alt:1', votes: { 'alt:1': 1, 'alt:2': 1 } });
  });
  it('refuses adopting a yes/no point by consensus when a member voted no, and rejecting it when one voted yes', async () => {
    await given(...committee, vote('leder', 1, { answer: 'no' }))
      .when(adoption(1))
      .thenThrows('tally-does-not-carry', { pointNumber: 1, chosen: 'yes', votes: { no: 1 } });
    await given(...committee, vote('leder', 1, { answer: 'yes' }))
      .when(
        adoption(1, {
          points: [
            { number: 1, outcome: 'rejected' },
            { number: 2, outcome: 'adopted', alternativeNumber: 1 },
          ],
        }),
      )
      .thenThrows('tally-does-not-carry', { pointNumber: 1, chosen: 'no', votes: { yes: 1 } });
  });
});

describe('unanimous: every vote cast is for the adopted choice', () => {
  it('adopts when every vote is for it', async () => {
    await given(...committee, vote('leder', 2, { alternativeNumber: 2 }), vote('nestleder', 2, { alternativeNumber: 2 }))
      .when(adoption(2, { decidedBy: 'unanimous' }))
      .then([{ type: 'ResolutionAdopted', data: { decidedBy: 'unanimous', dissent: [] } }]);
  });
  it('refuses unanimity with a blank vote, and with a vote against', async () => {
    await given(...committee, vote('leder', 2, { alternativeNumber: 2 }), vote('nestleder', 2, { answer: 'blank' }))
      .when(adoption(2, { decidedBy: 'unanimous' }))
      .thenThrows('tally-does-not-carry', { pointNumber: 2, decidedBy: 'unanimous', blank: 1 });
    await given(...committee, vote('leder', 2, { alternativeNumber: 2 }), vote('nestleder', 2, { alternativeNumber: 3 }))
      .when(adoption(2, { decidedBy: 'unanimous' }))
      .thenThrows('tally-does-not-carry', { votes: { 'alt:2': 1, 'alt:3': 1 } });
  });
});

describe('majority: the adopted choice has more votes than any other', () => {
  const split = [
    ...committee,
    vote('leder', 2, { alternativeNumber: 2 }),
    vote('nestleder', 2, { alternativeNumber: 2 }),
    vote('tredje', 2, { alternativeNumber: 1 }),
    vote('fjerde', 2, { answer: 'blank' }),
  ];
  it('adopts the alternative with most votes and derives the dissent from the votes (not the blank vote)', async () => {
    await given(...split)
      .when(byMajority(2))
      .then([
        {
          type: 'ResolutionAdopted',
          data: { points: [{ number: 1 }, { number: 2, decidedBy: 'majority' }], dissent: [{ memberId: 'tredje', pointNumber: 2 }] },
        },
      ]);
  });
  it('refuses adopting the alternative that lost the vote', async () => {
    await given(...split)
      .when(byMajority(1))
      .thenThrows('tally-does-not-carry', {
        pointNumber: 2,
        decidedBy: 'majority',
        chosen: 'alt:1',
        votes: { 'alt:2': 2, 'alt:1': 1 },
        blank: 1,
      });
  });
  it('needs a majority on every point of a resolution decided by majority as a whole: a point nobody voted on has none', async () => {
    await given(...split)
      .when(adoption(2, { decidedBy: 'majority' }))
      .thenThrows('tally-does-not-carry', { pointNumber: 1, decidedBy: 'majority', votes: {} });
  });
  it('refuses a tie: neither choice has more votes than the other', async () => {
    await given(...split, vote('fjerde', 2, { alternativeNumber: 1 }))
      .when(byMajority(2))
      .thenThrows('tally-does-not-carry', { votes: { 'alt:2': 2, 'alt:1': 2 } });
  });
  it('counts only the last vote of a member who changed it', async () => {
    await given(...split, vote('leder', 2, { alternativeNumber: 1 }))
      .when(byMajority(2))
      .thenThrows('tally-does-not-carry', { votes: { 'alt:2': 1, 'alt:1': 2 } });
    await given(...split, vote('leder', 2, { alternativeNumber: 1 }))
      .when(byMajority(1))
      .then([
        {
          type: 'ResolutionAdopted',
          data: { dissent: [{ memberId: 'nestleder', pointNumber: 2 }] },
        },
      ]);
  });
  it('rejects a yes/no point by majority when no has more votes, the yes-voters dissenting', async () => {
    const votes = [vote('leder', 1, { answer: 'no' }), vote('nestleder', 1, { answer: 'no' }), vote('tredje', 1, { answer: 'yes' })];
    const pointOne = (outcome: 'adopted' | 'rejected') =>
      adoption(1, {
        points: [
          { number: 1, outcome, decidedBy: 'majority' },
          { number: 2, outcome: 'adopted', alternativeNumber: 1 },
        ],
      });
    await given(...committee, ...votes)
      .when(pointOne('rejected'))
      .then([{ type: 'ResolutionAdopted', data: { dissent: [{ memberId: 'tredje', pointNumber: 1 }] } }]);
    await given(...committee, ...votes)
      .when(pointOne('adopted'))
      .thenThrows('tally-does-not-carry', { pointNumber: 1, chosen: 'yes', votes: { no: 2, yes: 1 } });
  });
});

describe('each point by its own rule', () => {
  const votes = [
    vote('leder', 2, { alternativeNumber: 2 }),
    vote('nestleder', 2, { alternativeNumber: 2 }),
    vote('tredje', 2, { alternativeNumber: 1 }),
  ];
  const byPoint = (pointRule?: 'majority') =>
    adoption(2, {
      points: [
        { number: 1, outcome: 'adopted' },
        { number: 2, outcome: 'adopted', alternativeNumber: 2, ...(pointRule ? { decidedBy: pointRule } : {}) },
      ],
    });
  it('adopts point 1 by consensus and point 2 by majority, with the dissent on point 2', async () => {
    await given(...committee, ...votes)
      .when(byPoint('majority'))
      .then([
        {
          type: 'ResolutionAdopted',
          data: {
            decidedBy: 'consensus',
            points: [{ number: 1 }, { number: 2, decidedBy: 'majority' }],
            dissent: [{ memberId: 'tredje', pointNumber: 2 }],
          },
        },
      ]);
  });
  it('refuses the same adoption when point 2 is not said to be decided by majority', async () => {
    await given(...committee, ...votes)
      .when(byPoint())
      .thenThrows('tally-does-not-carry', { pointNumber: 2, decidedBy: 'consensus' });
  });
});

describe('the dissent is derived from the votes; a dissent sent must be that dissent', () => {
  const votes = [
    vote('leder', 2, { alternativeNumber: 2 }),
    vote('nestleder', 2, { alternativeNumber: 2 }),
    vote('tredje', 2, { alternativeNumber: 1 }),
  ];
  it('accepts the dissent the votes show', async () => {
    await given(...committee, ...votes)
      .when(byMajority(2, { dissent: [{ memberId: 'tredje', pointNumber: 2 }] }))
      .then([{ type: 'ResolutionAdopted', data: { dissent: [{ memberId: 'tredje', pointNumber: 2 }] } }]);
  });
  it('refuses a dissent that names another member, or leaves one out, giving both lists', async () => {
    await given(...committee, ...votes)
      .when(byMajority(2, { dissent: [{ memberId: 'fjerde', pointNumber: 2 }] }))
      .thenThrows('dissent-does-not-match-votes', { dissentSent: ['2|fjerde'], dissentFromVotes: ['2|tredje'] });
    await given(...committee, ...votes)
      .when(byMajority(2, { dissent: [] }))
      .thenThrows('dissent-does-not-match-votes', { dissentSent: [], dissentFromVotes: ['2|tredje'] });
  });
});

describe('members vote only in meetings held after they joined the committee', () => {
  const joins = (effectiveDate: string): Given => ({
    type: 'RegisterCommitteeMember',
    memberId: 'ny',
    name: 'Nytt medlem',
    partnerId: 'si',
    effectiveDate,
  });
  it('takes the vote of a member registered on the day of the meeting', async () => {
    await given(...basics, joins('2025-02-20'))
      .when(vote('ny', 1, { answer: 'yes' }, { effectiveDate: '2025-02-20' }))
      .then([{ type: 'VoteCast' }]);
  });
  it('refuses the vote of a member registered after the meeting, naming both dates', async () => {
    await given(...basics, joins('2025-02-21'))
      .when(vote('ny', 1, { answer: 'yes' }))
      .thenThrows('member-not-registered-at-meeting', { memberId: 'ny', registeredOn: '2025-02-21', meetingDate: '2025-02-20' });
  });
  it('refuses such a member among those recorded present at the adoption', async () => {
    await given(...basics, joins('2025-02-21'))
      .when(adoption(1, { membersPresent: ['leder', 'ny'] }))
      .thenThrows('member-not-registered-at-meeting', { memberId: 'ny' });
  });
});

describe('the quorum', () => {
  it('sets a quorum the committee can meet, and refuses one above its members', async () => {
    await given(...basics)
      .when({ type: 'SetQuorum', quorum: 2 })
      .then([{ type: 'CommitteeQuorumSet', data: { quorum: 2 } }]);
    await given(...basics)
      .when({ type: 'SetQuorum', quorum: 3 })
      .thenThrows('quorum-above-members', { quorum: 3, members: 2 });
    await given(...basics, { type: 'SetQuorum', quorum: 2 })
      .when({ type: 'SetQuorum', quorum: 2 })
      .thenThrows('quorum-unchanged', { quorum: 2 });
  });
  const quorum3 = [...committee, { type: 'SetQuorum' as const, quorum: 3 }];
  it('adopts when enough members took part (voted or were recorded present)', async () => {
    await given(...quorum3, vote('leder', 2, { alternativeNumber: 1 }))
      .when(adoption(1, { membersPresent: ['leder', 'nestleder', 'tredje'] }))
      .then([{ type: 'ResolutionAdopted', data: { membersPresent: ['leder', 'nestleder', 'tredje'] } }]);
    await given(
      ...quorum3,
      vote('leder', 2, { alternativeNumber: 1 }),
      vote('nestleder', 1, { answer: 'yes' }),
      vote('tredje', 1, { answer: 'yes' }),
    )
      .when(adoption(1))
      .then([{ type: 'ResolutionAdopted' }]);
  });
  it('refuses an adoption with too few members taking part, giving the count and the quorum', async () => {
    await given(...quorum3, vote('leder', 2, { alternativeNumber: 1 }))
      .when(adoption(1, { membersPresent: ['leder', 'nestleder'] }))
      .thenThrows('quorum-not-met', { membersTakingPart: 2, quorum: 3 });
    await given(...quorum3)
      .when(adoption(1))
      .thenThrows('quorum-not-met', { membersTakingPart: 0, quorum: 3 });
  });
  it('refuses a list of members present that leaves out a member who voted', async () => {
    await given(...quorum3, vote('fjerde', 2, { alternativeNumber: 1 }))
      .when(adoption(1, { membersPresent: ['leder', 'nestleder', 'tredje'] }))
      .thenThrows('voter-not-present', { membersAbsent: ['fjerde'] });
  });
  it('records nothing of a refused adoption: the case can still be decided', async () => {
    const ledger = await ledgerWith(quorum3);
    await expectRefused(ledger, adoption(1, { membersPresent: ['leder'] }), 'quorum-not-met');
    const result = await ledger.run(adoption(1, { membersPresent: ['leder', 'nestleder', 'tredje'] }));
    expect(result.events.map((event) => event.type)).toEqual(['ResolutionAdopted']);
  });
});
