import type { EventType } from '../events/catalogue.js';
import { yearOfCaseNumber } from '../events/identifiers.js';
import { ZERO, money } from '../src/domain/money.js';
import { closedYearCorrected } from './corrections.js';
import { recordExpectation, refreshAfterReceipt, refreshExpectation } from './expectations.js';
import type { AccountScope, FoldEvent, LedgerView } from './ledger-view.js';
import { openingFolds } from './opening-folds.js';

/**
 * How each type of event changes the view: one fold per event type, looked up by
 * `LedgerView.apply`, which then does what every event does (the history's note, the
 * position, hash and count). Each fold keeps to the habits the view's comment names:
 * postings and array items only appended, carrying the event's position; an entry of
 * `cases`, `proposals` or `grants` made by the event whose position it carries; any
 * other change in place noted in the view's `history`, or reported there as irregular.
 */

type EventOf<T extends EventType> = Extract<FoldEvent, { type: T }>;

/** What one event of type `T` does to the view. */
type Fold<T extends EventType> = (view: LedgerView, event: EventOf<T>) => void;

// The registry: programme areas, initiatives, partners, the committee's members and quorum.

function programmeAreaRegistered(view: LedgerView, { data }: EventOf<'ProgrammeAreaRegistered'>): void {
  view.registry.programmeAreas.set(data.programmeAreaId, { ...data });
}

function initiativeRegistered(view: LedgerView, { data, position }: EventOf<'InitiativeRegistered'>): void {
  view.registry.initiatives.set(data.initiativeId, { ...data, droppedOn: null });
  if (data.fromProposal) view.reclassify(data.fromProposal.proposalId, data.initiativeId, position);
}

function initiativePhaseChanged(view: LedgerView, { data }: EventOf<'InitiativePhaseChanged'>): void {
  const initiative = view.registry.initiatives.get(data.initiativeId);
  if (initiative) initiative.phase = data.phaseAfter;
}

function initiativeDropped(view: LedgerView, { data, metadata }: EventOf<'InitiativeDropped'>): void {
  const initiative = view.registry.initiatives.get(data.initiativeId);
  if (initiative) initiative.droppedOn = metadata.effectiveDate;
}

function initiativeRestarted(view: LedgerView, { data }: EventOf<'InitiativeRestarted'>): void {
  const initiative = view.registry.initiatives.get(data.initiativeId);
  if (initiative) initiative.droppedOn = null;
}

function partnerRegistered(view: LedgerView, { data }: EventOf<'PartnerRegistered'>): void {
  view.registry.partners.set(data.partnerId, { ...data });
}

function committeeMemberRegistered(view: LedgerView, { data }: EventOf<'CommitteeMemberRegistered'>): void {
  view.registry.members.set(data.memberId, { ...data });
}

function committeeQuorumSet(view: LedgerView, { data }: EventOf<'CommitteeQuorumSet'>): void {
  view.registry.quorum = data.quorum;
}

// Cases: what is proposed, recommended, voted on and adopted.

function caseOpened(view: LedgerView, { data, position }: EventOf<'CaseOpened'>): void {
  view.cases.set(data.caseNumber, {
    caseNumber: data.caseNumber,
    meetingDate: data.meetingDate,
    title: data.title,
    position,
    proposalIds: [],
    recommendations: [],
    resolution: null,
    votes: [],
    adopted: null,
    citedBy: [],
  });
  view.touch(yearOfCaseNumber(data.caseNumber), position);
}

function meetingContinued(view: LedgerView, { data, position }: EventOf<'MeetingContinued'>): void {
  view.touch(yearOfCaseNumber(data.caseNumber), position);
}

function proposalSubmitted(view: LedgerView, { data, position }: EventOf<'ProposalSubmitted'>): void {
  view.proposals.set(data.proposalId, {
    proposalId: data.proposalId,
    caseNumber: data.caseNumber,
    year: data.year,
    target: data.target,
    amountRequested: data.amountRequested,
    submittedBy: data.submittedBy,
    description: data.description ?? null,
    position,
  });
  view.cases.get(data.caseNumber)?.proposalIds.push(data.proposalId);
  view.post(data.year, view.proposalScope(data.proposalId), 'requested', position, money(data.amountRequested ?? '0'));
}

function proposalRevised(view: LedgerView, { data, position }: EventOf<'ProposalRevised'>): void {
  const proposal = view.proposals.get(data.proposalId);
  if (!proposal) return;
  view.history.keepEarlier('proposal', proposal.proposalId, position, { amountRequested: proposal.amountRequested });
  proposal.amountRequested = data.amountRequestedAfter;
  const delta = money(data.amountRequestedAfter ?? '0').minus(money(data.amountRequestedBefore ?? '0'));
  view.post(proposal.year, view.proposalScope(proposal.proposalId), 'requested', position, delta);
}

function recommendationRecorded(view: LedgerView, { data, position }: EventOf<'RecommendationRecorded'>): void {
  const caseView = view.cases.get(data.caseNumber);
  for (const line of data.lines) {
    const scope: AccountScope =
      'initiativeId' in line.target ? `initiative:${line.target.initiativeId}` : view.proposalScope(line.target.proposalId);
    const key = `${data.caseNumber}|${data.year}|${scope}`;
    const before = view.recommendationAmounts.get(key) ?? ZERO;
    const after = money(line.amountRecommended);
    view.recommendationAmounts.set(key, after);
    view.post(data.year, scope, 'recommended', position, after.minus(before));
    caseView?.recommendations.push({
      year: data.year,
      target: line.target,
      amountRecommended: line.amountRecommended,
      position,
    });
  }
}

function resolutionProposed(view: LedgerView, { data, position }: EventOf<'ResolutionProposed'>): void {
  const caseView = view.cases.get(data.caseNumber);
  if (caseView?.resolution) view.history.irregular(position);
  if (caseView) caseView.resolution = { points: data.points, position };
  view.touch(yearOfCaseNumber(data.caseNumber), position);
}

function voteCast(view: LedgerView, { data, position, metadata }: EventOf<'VoteCast'>): void {
  view.cases.get(data.caseNumber)?.votes.push({
    memberId: data.memberId,
    pointNumber: data.pointNumber,
    choice: data.choice,
    position,
    effectiveDate: metadata.effectiveDate,
  });
  view.touch(yearOfCaseNumber(data.caseNumber), position);
}

function resolutionAdopted(view: LedgerView, { data, position, metadata }: EventOf<'ResolutionAdopted'>): void {
  const caseView = view.cases.get(data.caseNumber);
  if (caseView?.adopted) view.history.irregular(position);
  if (caseView)
    caseView.adopted = {
      points: data.points,
      decidedBy: data.decidedBy,
      dissent: data.dissent,
      notes: data.notes ?? null,
      membersPresent: data.membersPresent ?? null,
      position,
      effectiveDate: metadata.effectiveDate,
    };
  view.touch(yearOfCaseNumber(data.caseNumber), position);
}

// Grants and what is released, spent and carried over of an initiative's funds.

function grantAwarded(view: LedgerView, { data, position }: EventOf<'GrantAwarded'>): void {
  view.grants.set(data.grantId, {
    grantId: data.grantId,
    initiativeId: data.initiativeId,
    year: data.year,
    amountTotal: data.amountTotal,
    instalments: data.instalments,
    authority: data.authority,
    fundedBy: data.fundedBy ?? 'frame',
    conditions: data.conditions,
    reportDueOn: data.reportDueOn ?? null,
    position,
    changes: [],
  });
  view.cases.get(data.authority.caseNumber)?.citedBy.push(position);
  for (const instalment of data.instalments)
    view.postInitiative(instalment.year, data.initiativeId, view.grantFigure(data.grantId, instalment.year), position, instalment.amount);
}

function grantPlanChanged(view: LedgerView, { data, position }: EventOf<'GrantPlanChanged'>): void {
  const grant = view.grants.get(data.grantId);
  if (grant) view.history.keepEarlier('grant', data.grantId, position, { instalments: grant.instalments, amountTotal: grant.amountTotal });
  view.cases.get(data.authority.caseNumber)?.citedBy.push(position);
  for (const change of data.instalments) {
    const delta = money(change.amountAfter).minus(money(change.amountBefore));
    view.postInitiative(change.year, data.initiativeId, view.grantFigure(data.grantId, change.year), position, delta);
    if (grant)
      grant.instalments = grant.instalments.map((instalment) =>
        instalment.year === change.year ? { ...instalment, amount: change.amountAfter } : instalment,
      );
  }
  if (!grant) return;
  grant.amountTotal = grant.instalments.reduce((total, instalment) => total.plus(money(instalment.amount)), ZERO).toFixed(2);
  grant.changes.push(position);
}

function grantAdjusted(view: LedgerView, { data, position }: EventOf<'GrantAdjusted'>): void {
  view.cases.get(data.authority.caseNumber)?.citedBy.push(position);
  view.grants.get(data.grantId)?.changes.push(position);
  view.postInitiative(data.year, data.initiativeId, view.grantFigure(data.grantId, data.year), position, data.amountChange);
}

function fundsReleased(view: LedgerView, { data, position }: EventOf<'FundsReleased'>): void {
  view.grants.get(data.grantId)?.changes.push(position);
  if (data.authority) view.cases.get(data.authority.caseNumber)?.citedBy.push(position);
  view.postInitiative(data.year, data.initiativeId, 'released', position, data.amount);
}

function earmarkedFundsReleased(view: LedgerView, { data, position }: EventOf<'EarmarkedFundsReleased'>): void {
  if (data.authority) view.cases.get(data.authority.caseNumber)?.citedBy.push(position);
  view.postInitiative(data.year, data.initiativeId, 'released', position, data.amount);
}

function spendingReported(view: LedgerView, { data, position }: EventOf<'SpendingReported'>): void {
  view.postInitiative(data.year, data.initiativeId, 'spent', position, data.amount);
}

function spendingCorrected(view: LedgerView, { data, position }: EventOf<'SpendingCorrected'>): void {
  view.postInitiative(data.year, data.initiativeId, 'spent', position, data.amountChange);
}

function earmarkedFundsCarriedOver(view: LedgerView, { data, position }: EventOf<'EarmarkedFundsCarriedOver'>): void {
  view.postInitiative(data.fromYear, data.initiativeId, 'earmarkedCarriedOut', position, data.amount);
  view.postInitiative(data.toYear, data.initiativeId, 'earmarkedCarriedIn', position, data.amount);
}

// A year's own money: receipts, the reserve fund, corrections of past years, the settlement.

function fundsReceived(view: LedgerView, { data, position }: EventOf<'FundsReceived'>): void {
  view.postYear(data.year, 'received', position, data.amount);
  refreshAfterReceipt(view, data.year, position);
}

function receiptCorrected(view: LedgerView, { data, position }: EventOf<'ReceiptCorrected'>): void {
  view.postYear(data.year, 'received', position, data.amountChange);
  refreshAfterReceipt(view, data.year, position);
}

function expectedReceiptRecorded(view: LedgerView, { data, position }: EventOf<'ExpectedReceiptRecorded'>): void {
  view.touch(data.year, position);
  recordExpectation(view, data.year, data.amount, position);
}

function priorYearAdjustmentRecorded(view: LedgerView, { data, position }: EventOf<'PriorYearAdjustmentRecorded'>): void {
  if (data.authority) view.cases.get(data.authority.caseNumber)?.citedBy.push(position);
  view.touch(data.correctedYear, position);
  if (data.target.kind === 'frame') view.postYear(data.year, 'priorYearAdjustment', position, data.amountChange);
  else if (data.target.kind === 'reserve') view.postYear(data.year, 'reserveCarriedIn', position, data.amountChange);
  else view.postInitiative(data.year, data.target.initiativeId, 'earmarkedCarriedIn', position, data.amountChange);
}

function reserveFundEstablished(view: LedgerView, { data, position }: EventOf<'ReserveFundEstablished'>): void {
  view.cases.get(data.authority.caseNumber)?.citedBy.push(position);
  view.postYear(data.year, 'reserved', position, data.amount);
}

function remainderCarriedForward(view: LedgerView, { data, position }: EventOf<'RemainderCarriedForward'>): void {
  view.postYear(data.fromYear, 'remainderCarriedOut', position, data.amount);
  view.postYear(data.toYear, 'remainderCarriedIn', position, data.amount);
}

function releasedFundsCarriedForward(view: LedgerView, { data, position }: EventOf<'ReleasedFundsCarriedForward'>): void {
  view.postYear(data.fromYear, 'releasedCarriedOut', position, data.amount);
  view.postYear(data.toYear, 'releasedCarriedIn', position, data.amount);
}

function reserveFundCarriedOver(view: LedgerView, { data, position }: EventOf<'ReserveFundCarriedOver'>): void {
  view.postYear(data.fromYear, 'reserveCarriedOut', position, data.amount);
  view.postYear(data.toYear, 'reserveCarriedIn', position, data.amount);
}

function yearClosed(view: LedgerView, { data, position }: EventOf<'YearClosed'>): void {
  const book = view.touch(data.year, position);
  if (book.closed) view.history.irregular(position);
  book.closed = { position, seal: data.seal };
  // A closed year expects nothing more.
  refreshExpectation(view, data.year, position);
}

/** A fold for every type of the catalogue: a type added to it without one does not compile. */
const folds: { [T in EventType]: Fold<T> } = {
  ProgrammeAreaRegistered: programmeAreaRegistered,
  InitiativeRegistered: initiativeRegistered,
  InitiativePhaseChanged: initiativePhaseChanged,
  InitiativeDropped: initiativeDropped,
  InitiativeRestarted: initiativeRestarted,
  PartnerRegistered: partnerRegistered,
  CommitteeMemberRegistered: committeeMemberRegistered,
  CommitteeQuorumSet: committeeQuorumSet,
  CaseOpened: caseOpened,
  MeetingContinued: meetingContinued,
  ProposalSubmitted: proposalSubmitted,
  ProposalRevised: proposalRevised,
  RecommendationRecorded: recommendationRecorded,
  ResolutionProposed: resolutionProposed,
  VoteCast: voteCast,
  ResolutionAdopted: resolutionAdopted,
  GrantAwarded: grantAwarded,
  GrantPlanChanged: grantPlanChanged,
  GrantAdjusted: grantAdjusted,
  FundsReleased: fundsReleased,
  EarmarkedFundsReleased: earmarkedFundsReleased,
  SpendingReported: spendingReported,
  SpendingCorrected: spendingCorrected,
  EarmarkedFundsCarriedOver: earmarkedFundsCarriedOver,
  FundsReceived: fundsReceived,
  ReceiptCorrected: receiptCorrected,
  ExpectedReceiptRecorded: expectedReceiptRecorded,
  PriorYearAdjustmentRecorded: priorYearAdjustmentRecorded,
  ClosedYearCorrected: closedYearCorrected,
  ReserveFundEstablished: reserveFundEstablished,
  RemainderCarriedForward: remainderCarriedForward,
  ReleasedFundsCarriedForward: releasedFundsCarriedForward,
  ReserveFundCarriedOver: reserveFundCarriedOver,
  YearClosed: yearClosed,
  ...openingFolds,
};

/**
 * The fold of each event type, by type. A Map rather than the object itself: a type
 * string outside the catalogue (`toString`, say) finds no fold, not an object's method.
 */
export const eventFolds: ReadonlyMap<EventType, (view: LedgerView, event: FoldEvent) => void> = new Map(
  Object.entries(folds) as [EventType, (view: LedgerView, event: FoldEvent) => void][],
);
