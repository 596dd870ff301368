import { describe, it, expect } from 'vitest';
import { adopted, basics, given, grant, testLedger } from './support/spec.js';

describe('the frame: no grant or increase beyond what the year has left', () => {
  it('grants up to exactly what the frame has left', async () => {
    await given(...basics, adopted(3), grant('600000'))
      .when(grant('400000', { initiativeId: 'annet' }))
      .then([{ type: 'GrantAwarded', data: { amountTotal: '400000.00', instalments: [{ year: 2025, amount: '400000.00' }] } }]);
  });

  it('refuses a grant one øre over the frame and says how much is left', async () => {
    const error = await given(...basics, adopted(3), grant('600000'))
      .when(grant('400000.01', { initiativeId: 'annet' }))
      .thenThrows('frame-exceeded', { amountLeft: '400000.00', amountAsked: '400000.01' });
    expect(error.message).toContain('400000.00');
  });

  it('counts the reserve fund against the frame (frame − granted − reserved)', async () => {
    await given(...basics, adopted(1), {
      type: 'EstablishReserveFund',
      year: 2025,
      name: 'Fond',
      authority: { caseNumber: '01.25', pointNumber: 2 },
    })
      .when(grant('700000.01'))
      .thenThrows('frame-exceeded', { amountLeft: '700000.00', reserved: '300000.00' });
  });

  it('refuses an increase beyond the frame but accepts one that fits', async () => {
    const base = [...basics, adopted(3), grant('900000', { grantId: 'g1' })];
    const adjust = (amountChange: string) => ({
      type: 'AdjustGrant' as const,
      grantId: 'g1',
      year: 2025,
      amountChange,
      authority: { caseNumber: '01.25', pointNumber: 1 },
      reason: 'Justert i møtet',
    });
    await given(...base)
      .when(adjust('100000.01'))
      .thenThrows('frame-exceeded', { amountLeft: '100000.00' });
    await given(...base)
      .when(adjust('100000'))
      .then([{ type: 'GrantAdjusted', data: { amountChange: '100000.00' } }]);
    await given(...base)
      .when(adjust('-900000.01'))
      .thenThrows('adjustment-below-used');
  });

  it('marks an adjustment as correcting the award it changes', async () => {
    const ledger = testLedger();
    for (const command of [...basics, adopted(3)]) await ledger.run(command);
    const award = await ledger.run(grant('500000', { grantId: 'g1' }));
    await ledger.run({
      type: 'AdjustGrant',
      grantId: 'g1',
      year: 2025,
      amountChange: '-100000',
      authority: { caseNumber: '01.25', pointNumber: 1 },
      reason: 'Lavere',
    });
    const stored = [];
    for await (const record of ledger.store.readStream('year-2025')) stored.push(record);
    const adjustment = stored.find((record) => record.type === 'GrantAdjusted')!;
    expect((adjustment.metadata as { corrects?: string }).corrects).toBe(award.events[0]!.id);
  });
});

describe('grants and reserve funds cite an adopted resolution of an existing case', () => {
  it('refuses a grant citing a case that does not exist', async () => {
    await given(...basics, adopted(3))
      .when(grant('1000', { authority: { caseNumber: '09.25', pointNumber: 1 } }))
      .thenThrows('unknown-case');
  });
  it('refuses a grant citing a case whose resolution is not adopted', async () => {
    await given(...basics)
      .when(grant('1000'))
      .thenThrows('resolution-not-adopted');
  });
  it('refuses a grant citing a rejected point', async () => {
    await given(...basics, {
      type: 'AdoptResolution',
      caseNumber: '01.25',
      points: [
        { number: 1, outcome: 'rejected' },
        { number: 2, outcome: 'adopted', alternativeNumber: 3 },
      ],
      decidedBy: 'consensus',
      effectiveDate: '2025-02-20',
    })
      .when(grant('1000'))
      .thenThrows('point-not-adopted');
  });
  it('refuses a grant to an unregistered initiative', async () => {
    await given(...basics, adopted(3))
      .when(grant('1000', { initiativeId: 'ukjent' }))
      .thenThrows('unknown-initiative');
  });
  it('establishes the reserve fund at the amount of the chosen alternative', async () => {
    await given(...basics, adopted(2))
      .when({ type: 'EstablishReserveFund', year: 2025, name: 'Fond', authority: { caseNumber: '01.25', pointNumber: 2 } })
      .then([{ type: 'ReserveFundEstablished', data: { amount: '200000.00', alternativeNumber: 2 } }]);
  });
  it('refuses a reserve fund when the committee chose not to establish one', async () => {
    await given(...basics, adopted(3))
      .when({ type: 'EstablishReserveFund', year: 2025, name: 'Fond', authority: { caseNumber: '01.25', pointNumber: 2 } })
      .thenThrows('alternative-has-no-amount');
  });
  it('refuses to establish the same reserve fund twice', async () => {
    const establish = {
      type: 'EstablishReserveFund' as const,
      year: 2025,
      name: 'Fond',
      authority: { caseNumber: '01.25', pointNumber: 2 },
    };
    await given(...basics, adopted(1), establish)
      .when({ ...establish, idempotencyKey: 'again' })
      .thenThrows('reserve-fund-exists');
  });
});

describe('multi-year grants: instalments add up to the total to the øre', () => {
  it('splits evenly with the leftover øre on the earliest years', async () => {
    await given(...basics, adopted(3))
      .when(grant('', { plan: { amountTotal: '100000', years: 3 } }))
      .then([
        {
          type: 'GrantAwarded',
          data: {
            amountTotal: '100000.00',
            instalments: [
              { year: 2025, amount: '33333.34' },
              { year: 2026, amount: '33333.33' },
              { year: 2027, amount: '33333.33' },
            ],
          },
        },
      ]);
  });
  it('accepts explicit instalments that add up and refuses ones that miss by an øre', async () => {
    const plan = (second: string) => ({
      amountTotal: '900000',
      instalments: [
        { year: 2025, amount: '500000' },
        { year: 2026, amount: second },
      ],
    });
    await given(...basics, adopted(3))
      .when(grant('', { plan: plan('400000') }))
      .then([{ type: 'GrantAwarded' }]);
    await given(...basics, adopted(3))
      .when(grant('', { plan: plan('399999.99') }))
      .thenThrows('instalments-do-not-add-up', { instalmentSum: '899999.99', amountTotal: '900000.00' });
  });
  it('refuses instalments that are not for consecutive years from the grant year', async () => {
    await given(...basics, adopted(3))
      .when(
        grant('', {
          plan: {
            amountTotal: '2',
            instalments: [
              { year: 2025, amount: '1' },
              { year: 2027, amount: '1' },
            ],
          },
        }),
      )
      .thenThrows('invalid-instalment-years');
  });
  it('places nothing in a year once a later year is closed (years settle in order, so no instalment lands in a closed year)', async () => {
    const closed2025 = [...basics, adopted(3), { type: 'SettleYear' as const, year: 2025 }];
    await given(...closed2025)
      .when({ type: 'ReceiveFunds', year: 2024, amount: '1', reference: 'x', receivedOn: '2024-05-01' })
      .thenThrows('later-year-closed', { year: 2024, closedYear: 2025 });
    await given(...closed2025)
      .when(grant('', { year: 2024, plan: { amountTotal: '300000', years: 3 } }))
      .thenThrows('later-year-closed', { year: 2024 });
  });
  it("checks this year's instalment against this year's frame, and a later one against the expected receipt", async () => {
    await given(...basics, adopted(3))
      .when(
        grant('', {
          plan: {
            amountTotal: '2000000',
            instalments: [
              { year: 2025, amount: '1000000' },
              { year: 2026, amount: '1000000' },
            ],
          },
        }),
      )
      .then([{ type: 'GrantAwarded' }]);
    // 2026 has received nothing: its instalment is a commitment against the expected receipt (2025's 1 000 000).
    await given(...basics, adopted(3))
      .when(
        grant('', {
          plan: {
            amountTotal: '2000000.01',
            instalments: [
              { year: 2025, amount: '1000000' },
              { year: 2026, amount: '1000000.01' },
            ],
          },
        }),
      )
      .thenThrows('frame-exceeded', { year: 2026, amountLeft: '1000000.00', committed: '0.00', expectedReceipt: '1000000.00' });
    await given(...basics, adopted(3))
      .when(
        grant('', {
          plan: {
            amountTotal: '2500000',
            instalments: [
              { year: 2025, amount: '1000000.01' },
              { year: 2026, amount: '1499999.99' },
            ],
          },
        }),
      )
      .thenThrows('frame-exceeded');
  });
});

describe('releases, spending and their limits', () => {
  const base = [...basics, adopted(3), grant('500000', { grantId: 'g1' })];
  const release = (amount: string) => ({
    type: 'ReleaseFunds' as const,
    grantId: 'g1',
    year: 2025,
    amount,
    reason: 'Aktiviteten ble ikke startet',
  });
  const spend = (amount: string) => ({
    type: 'ReportSpending' as const,
    year: 2025,
    initiativeId: 'tiltak',
    amount,
    reference: 'Regnskap',
  });

  it("releases up to the grant's unspent amount", async () => {
    await given(...base, spend('100000'))
      .when(release('400000'))
      .then([{ type: 'FundsReleased', data: { amount: '400000.00' } }]);
    await given(...base, spend('100000'))
      .when(release('400000.01'))
      .thenThrows('release-exceeds-unspent', { amountUnspent: '400000.00' });
  });
  it('refuses a release from a grant that does not exist', async () => {
    await given(...base)
      .when({ ...release('1'), grantId: 'nei' })
      .thenThrows('unknown-grant');
  });
  it('reports spending up to what the initiative has available, and no more', async () => {
    await given(...base, release('100000'))
      .when(spend('400000'))
      .then([{ type: 'SpendingReported' }]);
    await given(...base, release('100000'))
      .when(spend('400000.01'))
      .thenThrows('spending-exceeds-available', { amountAvailable: '400000.00' });
    await given(...base)
      .when({ ...spend('1'), initiativeId: 'annet' })
      .thenThrows('spending-exceeds-available', { amountAvailable: '0.00' });
  });
  it("does not return released funds to this year's frame", async () => {
    await given(...base, release('500000'))
      .when(grant('500000.01', { initiativeId: 'annet' }))
      .thenThrows('frame-exceeded', { amountLeft: '500000.00' });
  });
  it('corrects a spending report with a new event that names it', async () => {
    const ledger = testLedger();
    for (const command of base) await ledger.run(command);
    const report = await ledger.run(spend('300000'));
    const correction = await ledger.run({
      type: 'CorrectSpending',
      year: 2025,
      correctsEventId: report.events[0]!.id,
      amountChange: '-50000',
      reason: 'Feilført',
    });
    expect(correction.events[0]!.data).toMatchObject({ initiativeId: 'tiltak', amountChange: '-50000.00' });
    await expect(
      ledger.run({
        type: 'CorrectSpending',
        year: 2025,
        correctsEventId: report.events[0]!.id,
        amountChange: '-250000.01',
        reason: 'For mye',
      }),
    ).rejects.toMatchObject({ code: 'correction-below-zero' });
  });
});

describe('votes', () => {
  type Choice = { alternativeNumber: number } | { answer: 'yes' | 'no' | 'blank' };
  const vote = (memberId: string, pointNumber: number, choice: Choice) =>
    ({ type: 'CastVote', caseNumber: '01.25', memberId, pointNumber, choice, effectiveDate: '2025-02-20' }) as const;

  it("takes a registered member's vote for an alternative that exists", async () => {
    await given(...basics)
      .when(vote('leder', 2, { alternativeNumber: 2 }))
      .then([{ type: 'VoteCast', data: { memberId: 'leder', pointNumber: 2 } }]);
  });
  it('refuses votes from unregistered members, on unknown points and for missing alternatives', async () => {
    await given(...basics)
      .when(vote('ukjent', 2, { alternativeNumber: 1 }))
      .thenThrows('unknown-member');
    await given(...basics)
      .when(vote('leder', 7, { answer: 'yes' }))
      .thenThrows('unknown-point');
    await given(...basics)
      .when(vote('leder', 2, { alternativeNumber: 4 }))
      .thenThrows('unknown-alternative');
    await given(...basics)
      .when(vote('leder', 1, { alternativeNumber: 1 }))
      .thenThrows('choice-does-not-fit-point');
    await given(...basics)
      .when(vote('leder', 2, { answer: 'yes' }))
      .thenThrows('choice-does-not-fit-point');
  });
  it('refuses a vote once the resolution is adopted', async () => {
    await given(...basics, adopted(1))
      .when(vote('leder', 2, { alternativeNumber: 1 }))
      .thenThrows('vote-after-resolution');
  });
  it('refuses a vote on a case without a proposed resolution', async () => {
    await given(...basics, {
      type: 'OpenCase',
      caseNumber: '02.25',
      meetingDate: '2025-05-22',
      title: 'Orientering',
      effectiveDate: '2025-05-01',
    })
      .when({ ...vote('leder', 1, { answer: 'yes' }), caseNumber: '02.25' })
      .thenThrows('no-proposed-resolution');
  });
  it('records a changed vote as its own event, and unanimity is judged on the last vote', async () => {
    await given(...basics, vote('leder', 2, { alternativeNumber: 2 }), vote('leder', 2, { alternativeNumber: 1 }))
      .when({ ...adopted(1), decidedBy: 'unanimous' })
      .then([{ type: 'ResolutionAdopted', data: { decidedBy: 'unanimous' } }]);
    await given(...basics, vote('leder', 2, { alternativeNumber: 1 }), vote('leder', 2, { alternativeNumber: 2 }))
      .when({ ...adopted(1), decidedBy: 'unanimous' })
      .thenThrows('tally-does-not-carry', { pointNumber: 2, decidedBy: 'unanimous', votes: { 'alt:2': 1 } });
  });
});

describe('resolutions and cases', () => {
  it('validates case numbers NN.YY at the edge', async () => {
    await given().when({ type: 'OpenCase', caseNumber: '22/25', meetingDate: '2025-09-18', title: 'X' }).thenThrows('invalid-command');
    await given()
      .when({ type: 'OpenCase', caseNumber: '22.25', meetingDate: '2024-09-18', title: 'X' })
      .thenThrows('meeting-date-outside-case-year');
  });
  it('refuses opening a case twice', async () => {
    await given(...basics)
      .when({ type: 'OpenCase', caseNumber: '01.25', meetingDate: '2025-02-20', title: 'Igjen' })
      .thenThrows('case-exists');
  });
  it('requires the adopted resolution to decide every point, with an alternative where there are alternatives', async () => {
    await given(...basics)
      .when({ ...adopted(1), points: [{ number: 1, outcome: 'adopted' }] })
      .thenThrows('adoption-does-not-match-proposal', { missing: [2] });
    await given(...basics)
      .when({
        ...adopted(1),
        points: [
          { number: 1, outcome: 'adopted' },
          { number: 2, outcome: 'adopted' },
        ],
      })
      .thenThrows('adoption-does-not-match-proposal');
    await given(...basics, adopted(1))
      .when({ ...adopted(2), idempotencyKey: 'to' })
      .thenThrows('resolution-already-adopted');
  });
  it('takes proposals from registered partners only, and none after the case is decided', async () => {
    const proposal = {
      type: 'SubmitProposal' as const,
      caseNumber: '01.25',
      year: 2025,
      target: { initiativeId: 'tiltak' },
      amountRequested: '100000',
      submittedBy: ['si'],
    };
    await given(...basics)
      .when(proposal)
      .then([{ type: 'ProposalSubmitted', data: { amountRequested: '100000.00', submittedBy: ['si'] } }]);
    await given(...basics)
      .when({ ...proposal, submittedBy: ['si', 'ukjent'] })
      .thenThrows('unknown-partner');
    await given(...basics, adopted(1))
      .when(proposal)
      .thenThrows('case-decided');
  });
});

describe('amounts are NOK with at most two decimals', () => {
  it.each([
    ['-1000', 'negative'],
    ['1000.001', 'three decimals'],
    ['1e6', 'exponent'],
    ['', 'empty'],
    ['0', 'zero'],
    ['01000', 'leading zero'],
  ])('refuses %s (%s) at the edge, naming the field', async (amount) => {
    const error = await given(...basics, adopted(3))
      .when(grant(amount))
      .thenThrows('invalid-command');
    expect((error as unknown as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toContain('plan.amount');
  });
  it('refuses an amount given as a JavaScript number', async () => {
    await given(...basics)
      .when({ type: 'ReceiveFunds', year: 2025, amount: 1000 as unknown as string, reference: 'x', receivedOn: '2025-01-01' })
      .thenThrows('invalid-command');
  });
});

describe('registering an initiative from a proposal of a new initiative', () => {
  const newProposal = {
    type: 'SubmitProposal' as const,
    caseNumber: '01.25',
    proposalId: 'ny',
    year: 2025,
    target: { newInitiativeName: 'Ny satsning' },
    amountRequested: null,
    submittedBy: ['kommunene'],
  };
  const register = (proposalId: string) => ({
    type: 'RegisterInitiative' as const,
    initiativeId: 'ny-satsning',
    name: 'Ny satsning',
    programmeAreaId: 'omrade',
    criterion: 'utvikling' as const,
    phase: 'oppstart' as const,
    fromProposal: { caseNumber: '01.25', proposalId },
  });
  it('links the initiative to the proposal', async () => {
    await given(...basics, newProposal)
      .when(register('ny'))
      .then([{ type: 'InitiativeRegistered', data: { fromProposal: { caseNumber: '01.25', proposalId: 'ny' } } }]);
  });
  it('refuses an unknown proposal, a proposal for a registered initiative, and a second registration', async () => {
    await given(...basics, newProposal)
      .when(register('finnes-ikke'))
      .thenThrows('unknown-proposal');
    await given(...basics, { ...newProposal, proposalId: 'gammel', target: { initiativeId: 'tiltak' } })
      .when(register('gammel'))
      .thenThrows('proposal-not-new');
    await given(...basics, newProposal, register('ny'))
      .when({ ...register('ny'), initiativeId: 'enda-en' })
      .thenThrows('proposal-already-registered');
  });
});

describe('dates: nothing takes effect before what it rests on', () => {
  it('takes no proposal dated before its case was opened', async () => {
    await given(...basics)
      .when({
        type: 'SubmitProposal',
        effectiveDate: '2024-12-31',
        caseNumber: '01.25',
        year: 2025,
        target: { initiativeId: 'tiltak' },
        amountRequested: '1',
        submittedBy: ['si'],
      })
      .thenThrows('before-case-opened');
  });
  it('takes no grant dated before the resolution it cites was adopted', async () => {
    await given(...basics, { ...adopted(3), effectiveDate: '2025-02-20' })
      .when({ ...grant('1000'), effectiveDate: '2025-02-19' })
      .thenThrows('before-resolution-adopted', { adoptedOn: '2025-02-20' });
    await given(...basics, { ...adopted(3), effectiveDate: '2025-02-20' })
      .when({ ...grant('1000'), effectiveDate: '2025-02-20' })
      .then([{ type: 'GrantAwarded' }]);
  });
});

describe('a closed year', () => {
  const settled = [...basics, adopted(3), grant('400000', { grantId: 'g1' }), { type: 'SettleYear' as const, year: 2025 }];
  it.each([
    ['a grant', grant('1')],
    ['funds received', { type: 'ReceiveFunds' as const, year: 2025, amount: '1', reference: 'x', receivedOn: '2025-12-31' }],
    ['a release', { type: 'ReleaseFunds' as const, grantId: 'g1', year: 2025, amount: '1', reason: 'x' }],
    ['spending', { type: 'ReportSpending' as const, year: 2025, initiativeId: 'tiltak', amount: '1', reference: 'x' }],
  ])('takes no %s', async (_what, command) => {
    await given(...settled)
      .when(command)
      .thenThrows('year-closed');
  });
  it('settles years in order: none while an earlier year with money or events is open', async () => {
    await given(...basics, adopted(3), { type: 'SettleYear', year: 2025 })
      .when({ type: 'SettleYear', year: 2027 })
      .thenThrows('previous-year-open', { previousYear: 2026 });
    await given(...basics)
      .when({ type: 'SettleYear', year: 2026 })
      .thenThrows('previous-year-open', { previousYear: 2025 });
  });
  it('takes no votes on cases of a closed year', async () => {
    await given(...basics, { type: 'SettleYear', year: 2025 })
      .when({
        type: 'CastVote',
        caseNumber: '01.25',
        memberId: 'leder',
        pointNumber: 1,
        choice: { answer: 'yes' },
        effectiveDate: '2025-02-20',
      })
      .thenThrows('year-closed');
  });
});
