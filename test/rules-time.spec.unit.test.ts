import { describe, expect, it } from 'vitest';
import { basics, given, givenAt, type Given } from './support/spec.js';
import {
  adoptedAtMeeting,
  award,
  decided,
  expectRefused,
  ledgerWith,
  receive,
  recommended,
  record,
  registeredFromProposal,
  secondCase,
  secondCaseAdopted,
  settle,
  spend,
  vote,
} from './support/rules.js';

/**
 * Time: a decision takes effect on a day that has come, and never before what it rests
 * on; and a backdated decision is checked on every day from its date on, so the ledger
 * as it stood on any day keeps every rule. Today is 1 June 2026.
 */

describe('an effective date is never after today', () => {
  it('takes a decision dated today and refuses one dated tomorrow, naming both days', async () => {
    await given(...basics)
      .when(receive(2026, '500000', '2026-06-01'))
      .then([{ type: 'FundsReceived' }]);
    await given(...basics)
      .when(receive(2026, '500000', '2026-06-02'))
      .thenThrows('effective-date-in-future', { effectiveDate: '2026-06-02', today: '2026-06-01' });
  });
  it('refuses funds received on a day later than the day they are recorded, naming both days', async () => {
    const receipt = (receivedOn: string): Given => ({
      type: 'ReceiveFunds',
      year: 2026,
      amount: '500000',
      reference: 'Tilskuddsbrev 2026',
      receivedOn,
      effectiveDate: '2026-05-01',
    });
    await given(...basics)
      .when(receipt('2030-01-15'))
      .thenThrows('received-in-future', { receivedOn: '2030-01-15', today: '2026-06-01' });
    await given(...basics)
      .when(receipt('2026-06-01'))
      .then([{ type: 'FundsReceived' }]);
  });
  it('refuses a settlement dated in the future as well (2026 cannot be settled before 31 December has come)', async () => {
    await given(...decided(), settle(2025, '2026-01-10'))
      .when(settle(2026, '2026-12-31'))
      .thenThrows('effective-date-in-future', { effectiveDate: '2026-12-31' });
  });
});

describe('nothing in a case takes effect before the case was opened (20 January 2025)', () => {
  const proposal = (effectiveDate: string) => ({
    type: 'SubmitProposal' as const,
    caseNumber: '01.25',
    year: 2025,
    target: { initiativeId: 'tiltak' },
    amountRequested: '1000',
    submittedBy: ['si'],
    effectiveDate,
  });
  it('takes a proposal on the day the case opened, and refuses one the day before', async () => {
    await given(...basics)
      .when(proposal('2025-01-20'))
      .then([{ type: 'ProposalSubmitted' }]);
    await given(...basics)
      .when(proposal('2025-01-19'))
      .thenThrows('before-case-opened', { caseNumber: '01.25', openedOn: '2025-01-20', effectiveDate: '2025-01-19' });
  });
  it('refuses a recommendation dated before the case was opened', async () => {
    await given(...basics)
      .when({
        type: 'RecordRecommendation',
        caseNumber: '01.25',
        year: 2025,
        lines: [{ target: { initiativeId: 'tiltak' }, amountRecommended: '1' }],
        effectiveDate: '2025-01-19',
      })
      .thenThrows('before-case-opened', { openedOn: '2025-01-20' });
  });
  it('revises a proposal on the day it was submitted, not before', async () => {
    const revise = (effectiveDate: string) => ({
      type: 'ReviseProposal' as const,
      caseNumber: '01.25',
      proposalId: 'p1',
      amountRequested: '2000',
      reason: 'Justert',
      effectiveDate,
    });
    const submitted = { ...proposal('2025-02-01'), proposalId: 'p1' };
    await given(...basics, submitted)
      .when(revise('2025-02-01'))
      .then([{ type: 'ProposalRevised' }]);
    await given(...basics, submitted)
      .when(revise('2025-01-31'))
      .thenThrows('before-proposal', { proposalId: 'p1', submittedOn: '2025-02-01' });
  });
});

describe('votes and the adoption happen at the meeting (20 February 2025), the adoption after its votes', () => {
  it('takes a vote on the day of the meeting, and refuses one the day before', async () => {
    await given(...basics)
      .when(vote('leder', 1, { answer: 'yes' }, { effectiveDate: '2025-02-20' }))
      .then([{ type: 'VoteCast' }]);
    await given(...basics)
      .when(vote('leder', 1, { answer: 'yes' }, { effectiveDate: '2025-02-19' }))
      .thenThrows('before-meeting', { caseNumber: '01.25', meetingDate: '2025-02-20', effectiveDate: '2025-02-19' });
  });
  it('refuses an adoption dated before the meeting', async () => {
    await given(...basics)
      .when({ ...adoptedAtMeeting(), effectiveDate: '2025-02-19' })
      .thenThrows('before-meeting', { meetingDate: '2025-02-20' });
  });
  const continued = (date: string): Given => ({
    type: 'ContinueMeeting',
    caseNumber: '01.25',
    date,
    reason: 'Saken ble utsatt',
    effectiveDate: '2025-02-20',
  });
  it('takes votes and the adoption on the day of the meeting only, or on a day the meeting was continued, naming the days', async () => {
    await given(...basics)
      .when(vote('leder', 1, { answer: 'yes' }, { effectiveDate: '2025-02-21' }))
      .thenThrows('not-a-meeting-day', { meetingDate: '2025-02-20', effectiveDate: '2025-02-21' });
    await given(...basics)
      .when({ ...adoptedAtMeeting(), effectiveDate: '2025-03-20' })
      .thenThrows('not-a-meeting-day', { meetingDate: '2025-02-20', effectiveDate: '2025-03-20' });
    await given(...basics, continued('2025-02-21'))
      .when(vote('leder', 1, { answer: 'yes' }, { effectiveDate: '2025-02-21' }))
      .then([{ type: 'VoteCast' }]);
    await given(...basics, continued('2025-03-20'))
      .when({ ...adoptedAtMeeting(), effectiveDate: '2025-03-20' })
      .then([{ type: 'ResolutionAdopted' }]);
  });
  it('continues a meeting only after its day, once per day, and not once the case is decided', async () => {
    await given(...basics)
      .when(continued('2025-02-19'))
      .thenThrows('before-meeting', { meetingDate: '2025-02-20' });
    await given(...basics)
      .when(continued('2025-02-20'))
      .thenThrows('meeting-already-continued', { continuedOn: '2025-02-20' });
    await given(...basics, continued('2025-02-21'))
      .when(continued('2025-02-21'))
      .thenThrows('meeting-already-continued');
    await given(...basics, adoptedAtMeeting())
      .when(continued('2025-02-21'))
      .thenThrows('case-decided');
  });
  it('opens a case no later than its meeting, naming both dates', async () => {
    const open = (effectiveDate: string): Given => ({
      type: 'OpenCase',
      caseNumber: '05.25',
      meetingDate: '2025-04-10',
      title: 'Ny sak',
      effectiveDate,
    });
    await given(...basics)
      .when(open('2025-11-10'))
      .thenThrows('case-opened-after-meeting', { meetingDate: '2025-04-10', openedOn: '2025-11-10' });
    await given(...basics)
      .when(open('2025-04-10'))
      .then([{ type: 'CaseOpened' }]);
  });
  it('adopts on the day of the last vote, and refuses an adoption dated before a vote it counts', async () => {
    const lateVote = vote('leder', 2, { alternativeNumber: 3 }, { effectiveDate: '2025-02-25' });
    const days = [continued('2025-02-24'), continued('2025-02-25')];
    await given(...basics, ...days, lateVote)
      .when({ ...adoptedAtMeeting(), effectiveDate: '2025-02-25' })
      .then([{ type: 'ResolutionAdopted' }]);
    await given(...basics, ...days, lateVote)
      .when({ ...adoptedAtMeeting(), effectiveDate: '2025-02-24' })
      .thenThrows('adoption-before-votes', { lastVoteOn: '2025-02-25', effectiveDate: '2025-02-24' });
  });
  it('takes no vote once the resolution is adopted, even one dated before the adoption', async () => {
    await given(...decided())
      .when(vote('leder', 1, { answer: 'yes' }, { effectiveDate: '2025-02-20' }))
      .thenThrows('vote-after-resolution', { caseNumber: '01.25' });
  });
});

describe('what a decision rests on comes first', () => {
  it('takes no grant dated before the adoption it cites (20 February 2025)', async () => {
    await given(...decided())
      .when(award('g1', '1000', '2025-02-20'))
      .then([{ type: 'GrantAwarded' }]);
    await given(...decided())
      .when(award('g1', '1000', '2025-02-19'))
      .thenThrows('before-resolution-adopted', { caseNumber: '01.25', adoptedOn: '2025-02-20', effectiveDate: '2025-02-19' });
  });
  it.each([
    [
      'an adjustment',
      {
        type: 'AdjustGrant' as const,
        grantId: 'g1',
        year: 2025,
        amountChange: '-1000',
        authority: { caseNumber: '01.25', pointNumber: 1 },
        reason: 'Lavere',
      },
    ],
    ['a release', { type: 'ReleaseFunds' as const, grantId: 'g1', year: 2025, amount: '1000', reason: 'Utgår' }],
    [
      'a plan change',
      {
        type: 'ChangeGrantPlan' as const,
        grantId: 'g1',
        instalments: [{ year: 2025, amount: '9000' }],
        authority: { caseNumber: '01.25', pointNumber: 1 },
        reason: 'Lavere',
      },
    ],
  ])('takes %s on the day of the grant, and refuses it the day before (before-grant)', async (_what, change) => {
    const granted = [...decided(), award('g1', '10000', '2025-03-01')];
    await given(...granted)
      .when({ ...change, effectiveDate: '2025-03-01' })
      .then([
        { type: change.type === 'AdjustGrant' ? 'GrantAdjusted' : change.type === 'ReleaseFunds' ? 'FundsReleased' : 'GrantPlanChanged' },
      ]);
    await given(...granted)
      .when({ ...change, effectiveDate: '2025-02-28' })
      .thenThrows('before-grant', { grantId: 'g1', awardedOn: '2025-03-01', effectiveDate: '2025-02-28' });
  });
});

describe('spending is reported only on a day the initiative had the money', () => {
  const granted = [...decided(), award('g1', '500000', '2025-03-01')];
  it('refuses spending dated before the grant arrived, naming the day and what it had then', async () => {
    await given(...granted)
      .when(spend('1', '2025-02-28'))
      .thenThrows('spending-exceeds-available', { asOf: '2025-02-28', amountAvailable: '0.00', amountAsked: '1.00' });
    await given(...granted)
      .when(spend('500000', '2025-03-01'))
      .then([{ type: 'SpendingReported' }]);
  });
  it('refuses backdated spending the initiative had on its day but not on a later day, naming that day', async () => {
    const spentLater = [...granted, spend('300000', '2025-05-01')];
    // On 1 April it had 500 000, but from 1 May only 200 000 is left: 300 000 on 1 April would overspend 1 May.
    const refusal = await expectRefused(await ledgerWith(spentLater), spend('300000', '2025-04-01'), 'spending-exceeds-available', {
      asOf: '2025-05-01',
      amountAvailable: '200000.00',
      amountAsked: '300000.00',
    });
    expect(refusal.message).toContain('2025-05-01');
    await given(...spentLater)
      .when(spend('200000', '2025-04-01'))
      .then([{ type: 'SpendingReported' }]);
  });
  it('refuses a backdated release that would leave later spending uncovered', async () => {
    const ledger = await ledgerWith([...granted, spend('400000', '2025-05-01')]);
    await expectRefused(
      ledger,
      { type: 'ReleaseFunds', grantId: 'g1', year: 2025, amount: '100000.01', reason: 'Utgår', effectiveDate: '2025-04-01' },
      'release-exceeds-unspent',
      { amountUnspent: '100000.00' },
    );
    await record(ledger, {
      type: 'ReleaseFunds',
      grantId: 'g1',
      year: 2025,
      amount: '100000',
      reason: 'Utgår',
      effectiveDate: '2025-04-01',
    });
  });
});

describe('a backdated grant is checked on every later day', () => {
  // 1 000 000 received on 15 January; a later grant took 600 000 on 1 June.
  const later = [...decided(), award('g-later', '600000', '2025-06-01')];
  it('refuses a grant dated 1 March that the frame had then but not once the later grant took its share, naming that day', async () => {
    const refusal = await expectRefused(
      await ledgerWith(later),
      award('g-early', '500000', '2025-03-01', { initiativeId: 'annet' }),
      'frame-exceeded',
      { year: 2025, asOf: '2025-06-01', amountLeft: '400000.00', amountAsked: '500000.00' },
    );
    expect(refusal.message).toContain('on 2025-06-01');
    await given(...later)
      .when(award('g-early', '400000', '2025-03-01', { initiativeId: 'annet' }))
      .then([{ type: 'GrantAwarded' }]);
  });
  it('refuses a grant that spends a later receipt before it arrived, naming the day', async () => {
    // On 20 February only the 1 000 000 of 15 January is there; 500 000 more arrives on 1 April.
    await given(...decided(), receive(2025, '500000', '2025-04-01'))
      .when(award('g1', '1000000.01', '2025-02-20'))
      .thenThrows('frame-exceeded', { asOf: '2025-02-20', amountLeft: '1000000.00' });
    await given(...decided(), receive(2025, '500000', '2025-04-01'))
      .when(award('g1', '1000000.01', '2025-04-01'))
      .then([{ type: 'GrantAwarded' }]);
  });
  it('refuses a backdated reserve fund that a later grant already used the money of', async () => {
    await given(...decided(1), award('g1', '800000', '2025-06-01'))
      .when({
        type: 'EstablishReserveFund',
        year: 2025,
        name: 'Fond',
        authority: { caseNumber: '01.25', pointNumber: 2 },
        effectiveDate: '2025-03-01',
      })
      .thenThrows('frame-exceeded', { asOf: '2025-06-01', amountLeft: '200000.00', amountAsked: '300000.00' });
  });
});

describe('a settlement is dated on or after 31 December, after the last change of its year, and after the previous settlement', () => {
  it('settles on 31 December and refuses 30 December', async () => {
    await given(...decided())
      .when(settle(2025, '2025-12-31'))
      .then([{ type: 'RemainderCarriedForward', data: { amount: '1000000.00' } }, { type: 'YearClosed' }]);
    await given(...decided())
      .when(settle(2025, '2025-12-30'))
      .thenThrows('settlement-before-year-end', { year: 2025, effectiveDate: '2025-12-30', earliest: '2025-12-31' });
  });
  it('refuses a settlement dated before something that took effect in its year, naming that day', async () => {
    const lateReport = [...decided(), award('g1', '500000', '2025-03-01'), spend('1000', '2026-01-20')];
    await given(...lateReport)
      .when(settle(2025, '2026-01-19'))
      .thenThrows('settlement-before-last-event', { year: 2025, lastEventOn: '2026-01-20', effectiveDate: '2026-01-19' });
    await given(...lateReport)
      .when(settle(2025, '2026-01-20'))
      .then([
        { type: 'RemainderCarriedForward', data: { amount: '500000.00' } },
        { type: 'EarmarkedFundsCarriedOver', data: { initiativeId: 'tiltak', amount: '499000.00' } },
        { type: 'YearClosed' },
      ]);
  });
  it('counts money another year moved into it: the remainder the previous settlement carried in', async () => {
    // 2025 is settled late, on 5 January 2027, and carries its remainder into 2026 on that day.
    const history = [...decided(), receive(2026, '1000000', '2026-01-15'), settle(2025, '2027-01-05')];
    await givenAt('2027-03-01T08:00:00Z', ...history)
      .when(settle(2026, '2027-01-04'))
      .thenThrows('settlement-before-last-event', { year: 2026, lastEventOn: '2027-01-05' });
    await givenAt('2027-03-01T08:00:00Z', ...history)
      .when(settle(2026, '2027-01-05'))
      .then([{ type: 'RemainderCarriedForward', data: { amount: '2000000.00' } }, { type: 'YearClosed' }]);
  });
  it('refuses settling a year before the year before it was settled', async () => {
    // 2025 has nothing to carry (all granted and spent), so its settlement carries nothing into 2026.
    const history = [
      ...decided(),
      award('g1', '1000000', '2025-03-01'),
      spend('1000000', '2025-04-01'),
      receive(2026, '500000', '2026-01-15'),
      settle(2025, '2027-01-10'),
    ];
    await givenAt('2027-03-01T08:00:00Z', ...history)
      .when(settle(2026, '2027-01-09'))
      .thenThrows('settlement-before-previous', { year: 2026, previousSettledOn: '2027-01-10', effectiveDate: '2027-01-09' });
    await givenAt('2027-03-01T08:00:00Z', ...history)
      .when(settle(2026, '2027-01-10'))
      .then([{ type: 'RemainderCarriedForward', data: { amount: '500000.00' } }, { type: 'YearClosed' }]);
  });
});

describe('a vote or an adoption rests on the proposed resolution, a line or registration on its proposal, a grant on its initiative', () => {
  // Case 03.25 meets on 1 March 2025, but its proposed resolution is recorded as of 5 March.
  const lateResolution: Given[] = [
    ...basics,
    { type: 'OpenCase', caseNumber: '03.25', meetingDate: '2025-03-01', title: 'Sen sak', effectiveDate: '2025-02-01' },
    {
      type: 'ProposeResolution',
      caseNumber: '03.25',
      effectiveDate: '2025-03-05',
      points: [{ number: 1, text: 'Tas til orientering', alternatives: [], authorises: { kind: 'none' } }],
    },
    { type: 'ContinueMeeting', caseNumber: '03.25', date: '2025-03-05', reason: 'Forslaget kom sent', effectiveDate: '2025-03-01' },
  ];
  const adoptLate = (effectiveDate: string): Given => ({
    type: 'AdoptResolution',
    caseNumber: '03.25',
    points: [{ number: 1, outcome: 'adopted' }],
    decidedBy: 'consensus',
    effectiveDate,
  });
  it('refuses a vote dated before the resolution it votes on was proposed', async () => {
    await given(...lateResolution)
      .when(vote('leder', 1, { answer: 'yes' }, { caseNumber: '03.25', effectiveDate: '2025-03-01' }))
      .thenThrows('before-resolution-proposed', { caseNumber: '03.25', proposedOn: '2025-03-05', effectiveDate: '2025-03-01' });
    await given(...lateResolution)
      .when(vote('leder', 1, { answer: 'yes' }, { caseNumber: '03.25', effectiveDate: '2025-03-05' }))
      .then([{ type: 'VoteCast' }]);
  });
  it('refuses an adoption dated before the resolution it adopts was proposed', async () => {
    await given(...lateResolution)
      .when(adoptLate('2025-03-01'))
      .thenThrows('before-resolution-proposed', { proposedOn: '2025-03-05' });
    await given(...lateResolution)
      .when(adoptLate('2025-03-05'))
      .then([{ type: 'ResolutionAdopted' }]);
  });

  const proposalOn = (effectiveDate: string): Given => ({
    type: 'SubmitProposal',
    caseNumber: '01.25',
    proposalId: 'ny',
    year: 2025,
    target: { newInitiativeName: 'Ny satsning' },
    amountRequested: null,
    submittedBy: ['kommunene'],
    effectiveDate,
  });
  const registerOn = (effectiveDate: string): Given => ({
    type: 'RegisterInitiative',
    initiativeId: 'ny-satsning',
    name: 'Ny satsning',
    programmeAreaId: 'omrade',
    criterion: 'utvikling',
    phase: 'oppstart',
    fromProposal: { caseNumber: '01.25', proposalId: 'ny' },
    effectiveDate,
  });
  it('refuses registering an initiative from a proposal as of a day before the proposal was submitted', async () => {
    await given(...basics, proposalOn('2025-02-01'))
      .when(registerOn('2025-01-31'))
      .thenThrows('before-proposal', { proposalId: 'ny', submittedOn: '2025-02-01', effectiveDate: '2025-01-31' });
    await given(...basics, proposalOn('2025-02-01'))
      .when(registerOn('2025-02-01'))
      .then([{ type: 'InitiativeRegistered' }]);
  });
  it('refuses a recommendation line for a proposal dated before the proposal was submitted', async () => {
    const line = (effectiveDate: string): Given => ({
      type: 'RecordRecommendation',
      caseNumber: '01.25',
      year: 2025,
      lines: [{ target: { proposalId: 'ny' }, amountRecommended: '1000' }],
      effectiveDate,
    });
    await given(...basics, proposalOn('2025-02-01'))
      .when(line('2025-01-31'))
      .thenThrows('before-proposal', { proposalId: 'ny', submittedOn: '2025-02-01' });
    await given(...basics, proposalOn('2025-02-01'))
      .when(line('2025-02-01'))
      .then([{ type: 'RecommendationRecorded' }]);
  });
  it('refuses a grant dated before its initiative was registered', async () => {
    // Case 02.25 recommends 200 000 for the proposal `ny`; it is registered as ny-satsning on 25 March.
    const registered = [...decided(), ...secondCase, secondCaseAdopted(), { ...registeredFromProposal, effectiveDate: '2025-03-25' }];
    const grant = (effectiveDate: string) => award('g1', '1000', effectiveDate, { initiativeId: 'ny-satsning', authority: recommended });
    await given(...registered)
      .when(grant('2025-03-24'))
      .thenThrows('before-initiative-registered', {
        initiativeId: 'ny-satsning',
        initiativeName: 'Ny satsning',
        registeredOn: '2025-03-25',
        effectiveDate: '2025-03-24',
      });
    await given(...registered)
      .when(grant('2025-03-25'))
      .then([{ type: 'GrantAwarded' }]);
  });
});
