import type { EventType } from '../events/catalogue.js';
import type { FoldEvent, LedgerView } from './ledger-view.js';

/**
 * How an opening balance and the organisation change the view. Each opening amount is
 * posted to the figure a settlement of the year before would have posted it to (the
 * remainder and the released funds to the frame, the reserve fund's balance, each
 * initiative's earmarked money, a commitment as committed), so the frame, the balances,
 * the allocation table and every explanation read it as they read carried money. What
 * the year before granted an initiative is posted to that year as a comparative figure.
 */

type EventOf<T extends EventType> = Extract<FoldEvent, { type: T }>;

function openingBalanceRecorded(view: LedgerView, { data, position }: EventOf<'OpeningBalanceRecorded'>): void {
  view.touch(data.year, position);
  view.postYear(data.year, 'remainderCarriedIn', position, data.remainderCarriedIn);
  view.postYear(data.year, 'releasedCarriedIn', position, data.releasedCarriedIn);
  view.postYear(data.year, 'reserveCarriedIn', position, data.reserveFundBalance);
}

function openingInitiativeBalanceRecorded(view: LedgerView, { data, position }: EventOf<'OpeningInitiativeBalanceRecorded'>): void {
  view.touch(data.year, position);
  view.postInitiative(data.year, data.initiativeId, 'earmarkedCarriedIn', position, data.earmarkedCarriedIn);
  if (data.previousYearGranted !== undefined)
    view.postInitiative(data.year - 1, data.initiativeId, 'granted', position, data.previousYearGranted);
}

/** A commitment becomes a grant of the view, so later adjustments and releases of it post to its figure (committed). */
function openingCommitmentRecorded(view: LedgerView, { data, position }: EventOf<'OpeningCommitmentRecorded'>): void {
  view.touch(data.year, position);
  view.grants.set(data.grantId, {
    grantId: data.grantId,
    initiativeId: data.initiativeId,
    year: data.year - 1,
    amountTotal: data.amount,
    instalments: [{ year: data.instalmentYear, amount: data.amount }],
    authority: data.authority,
    fundedBy: 'frame',
    conditions: [],
    reportDueOn: null,
    position,
    changes: [],
    opening: true,
  });
  view.postInitiative(data.instalmentYear, data.initiativeId, view.grantFigure(data.grantId, data.instalmentYear), position, data.amount);
}

/** The organisation is read from the registry stream where it is needed (src/app/organisation.ts); the view keeps no figure of it. */
function organisationRecorded(): void {}

export const openingFolds = {
  OpeningBalanceRecorded: openingBalanceRecorded,
  OpeningInitiativeBalanceRecorded: openingInitiativeBalanceRecorded,
  OpeningCommitmentRecorded: openingCommitmentRecorded,
  OrganisationRecorded: organisationRecorded,
} satisfies {
  [T in 'OpeningBalanceRecorded' | 'OpeningInitiativeBalanceRecorded' | 'OpeningCommitmentRecorded' | 'OrganisationRecorded']: (
    view: LedgerView,
    event: EventOf<T>,
  ) => void;
};
