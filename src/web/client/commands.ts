import type { CommandBody, CommandPathParams, CommandPaths } from '../../commands/edges.js';
import type { CommandType } from '../../commands/table.js';

/**
 * The commands the page records, each at the path its definition offers it on. The page
 * cannot import the definitions (their rules would ship to the browser), so it keeps their
 * paths here, each checked against its definition's own: a wrong or stale path fails to
 * compile, and so does a request with a field its command does not take.
 */
const commandPaths = {
  RegisterProgrammeArea: '/api/programme-areas',
  RegisterInitiative: '/api/initiatives',
  ChangeInitiativePhase: '/api/initiatives/:initiativeId/phase',
  RegisterPartner: '/api/partners',
  RegisterCommitteeMember: '/api/members',
  SetQuorum: '/api/quorum',
  SetOrganisation: '/api/organisation',
  EndInitiative: '/api/initiatives/:initiativeId/dropped',
  OpenCase: '/api/cases',
  SubmitProposal: '/api/cases/:caseNumber/proposals',
  ReviseProposal: '/api/cases/:caseNumber/proposals/:proposalId/revisions',
  RecordRecommendation: '/api/cases/:caseNumber/recommendations',
  ProposeResolution: '/api/cases/:caseNumber/resolution',
  CastVote: '/api/cases/:caseNumber/votes',
  AdoptResolution: '/api/cases/:caseNumber/adoption',
  ReceiveFunds: '/api/years/:year/receipts',
  CorrectReceipt: '/api/years/:year/receipts/corrections',
  RecordExpectedReceipt: '/api/years/:year/expected-receipt',
  AwardGrant: '/api/years/:year/grants',
  ChangeGrantPlan: '/api/grants/:grantId/plan',
  AdjustGrant: '/api/years/:year/grants/:grantId/adjustments',
  ReleaseFunds: '/api/years/:year/grants/:grantId/releases',
  ReleaseEarmarkedFunds: '/api/years/:year/initiatives/:initiativeId/earmark-releases',
  DropInitiative: '/api/years/:year/initiatives/:initiativeId/drop',
  ReportSpending: '/api/years/:year/spending',
  CorrectSpending: '/api/years/:year/spending/corrections',
  EstablishReserveFund: '/api/years/:year/reserve-funds',
  SettleYear: '/api/years/:year/settlement',
  CorrectClosedReceipt: '/api/years/:year/closed-year-corrections/receipts',
  CorrectClosedSpending: '/api/years/:year/closed-year-corrections/spending',
  CorrectClosedRelease: '/api/years/:year/closed-year-corrections/releases',
  CorrectClosedGrant: '/api/years/:year/closed-year-corrections/grants',
} as const satisfies Partial<CommandPaths>;

/** A command the page records. */
export type PageCommand = keyof typeof commandPaths & CommandType;

/** A command ready to send: its path with the segments filled, and its body. */
export interface CommandRequest {
  readonly path: string;
  readonly body: object;
}

/** The request recording command `type`: `params` fill its path's segments, `body` holds its other fields. */
export function commandRequest<T extends PageCommand>(type: T, params: CommandPathParams<T>, body: CommandBody<T>): CommandRequest {
  const values = params as Record<string, string | number>;
  const path = commandPaths[type].replace(/:([A-Za-z]+)/g, (_segment, name: string) => encodeURIComponent(String(values[name])));
  return { path, body };
}
